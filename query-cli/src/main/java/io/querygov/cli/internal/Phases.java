package io.querygov.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How long each phase of a command took (start, load, bench, report), in the order they ran. */
public final class Phases {
    private final List<String> names = new ArrayList<>();
    private final List<Long> nanos = new ArrayList<>();
    private long mark = System.nanoTime();

    /** Starts timing from now; the next {@link #end(String)} measures from here. */
    public synchronized void restart() {
        mark = System.nanoTime();
    }

    /** Ends a phase that began at the previous mark, and starts the next. */
    public synchronized void end(String phase) {
        long now = System.nanoTime();
        names.add(phase);
        nanos.add(now - mark);
        mark = now;
    }

    public synchronized boolean isEmpty() {
        return names.isEmpty();
    }

    /** Phase names to seconds, in order. */
    public synchronized Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.merge(names.get(i), nanos.get(i) / 1e9, Double::sum);
        }
        return out;
    }

    /** {@code start 2.1s, load 3.4s, bench 80.2s, report 0.1s (total 85.8s)}. */
    public synchronized String summary() {
        StringBuilder out = new StringBuilder();
        double total = 0;
        for (Map.Entry<String, Double> e : seconds().entrySet()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(e.getKey()).append(' ').append(seconds(e.getValue()));
            total += e.getValue();
        }
        return out.append(" (total ").append(seconds(total)).append(')').toString();
    }

    /** {@code 850ms} below a second, {@code 12.3s} above. */
    static String seconds(double seconds) {
        return seconds < 1 ? Math.round(seconds * 1000) + "ms" : String.format(Locale.ROOT, "%.1fs", seconds);
    }
}
