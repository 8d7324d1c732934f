package io.querygov.cli.internal;

import java.io.PrintWriter;

/**
 * What the tool says about itself while it works (the target it uses, progress, phase times): on standard error,
 * so that standard output holds only results. A progress line rewrites itself in a terminal and is printed as
 * whole lines elsewhere, at most one per {@code lineInterval}.
 */
public final class Notes {
    private final PrintWriter err;
    private final boolean terminal;
    private boolean progressShown;
    private int progressWidth;

    // A constructor and an accessor, like report.Page's: alike in form only.
    public Notes(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** Whether standard error is a terminal, where a progress line can rewrite itself. */
    public boolean terminal() {
        return terminal;
    }

    /** One line. */
    public synchronized void note(String line) {
        clearProgress();
        err.println(line);
        err.flush();
    }

    /** A progress line: rewritten in place in a terminal, skipped elsewhere (see {@link #note(String)}). */
    public synchronized void progress(String line) {
        if (!terminal) {
            return;
        }
        String padded = line.length() < progressWidth ? line + " ".repeat(progressWidth - line.length()) : line;
        err.print('\r');
        err.print(padded);
        err.flush();
        progressShown = true;
        progressWidth = line.length();
    }

    /** Ends a progress line so that what follows starts on a line of its own. */
    public synchronized void clearProgress() {
        if (progressShown) {
            err.print('\r');
            err.print(" ".repeat(progressWidth));
            err.print('\r');
            err.flush();
            progressShown = false;
            progressWidth = 0;
        }
    }
}
