package io.querygov.cli.report;

import io.querygov.bench.BaselineComparison;
import io.querygov.bench.QueryComparison;
import io.querygov.bench.WorkVerdict;
import java.util.Locale;

/** Why each verdict of a baseline comparison is what it is, in words. */
final class Verdicts {
    private Verdicts() {
    }

    static String reason(QueryComparison row, BaselineComparison comparison) {
        String label = row.statistic().label();
        String change = Double.isNaN(row.change()) ? "" : String.format(Locale.ROOT, "%s %.3f ms -> %.3f ms (%+.1f%%)",
                label, row.baselineMicros().orElse(Double.NaN) / 1e3, row.currentMicros().orElse(Double.NaN) / 1e3,
                row.changePercent());
        double noise = Math.min(BaselineComparison.NOISE_BAND, comparison.tolerance().fraction()) * 100;
        String work = row.work().verdict() == WorkVerdict.NOT_COMPARED && (row.baseline().isEmpty()
                || row.current().isEmpty()) ? "" : "work " + row.work().reason() + "; time ";
        return work + timeReason(row, comparison, change, noise);
    }

    private static String timeReason(QueryComparison row, BaselineComparison comparison, String change,
                                     double noise) {
        return switch (row.timeVerdict()) {
            case REGRESSION, UNSURE -> row.timeReason();
            case SLOWER -> change + ": slower, within the tolerance of " + comparison.tolerance();
            case FASTER -> change + ": faster beyond the noise band of " + percent(noise);
            case SAME -> change + ": within the noise band of " + percent(noise);
            case NEW -> "not measured in the baseline";
            case MISSING -> "in the baseline, not measured in this run";
            case FAILED -> "failed in this run" + row.current().flatMap(r -> r.firstError())
                    .map(e -> ": " + e).orElse("");
        };
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.0f%%", value);
    }
}
