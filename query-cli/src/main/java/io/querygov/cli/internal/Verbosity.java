package io.querygov.cli.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code -v}: more logging on standard error (INFO, then DEBUG with {@code -vv}) and stack traces with failures.
 * Quiet by default: warnings only.
 */
public final class Verbosity {

    @Option(names = {"-v", "--verbose"}, order = 90,
            description = "Log more on standard error, and show stack traces with failures; -vv for DEBUG.")
    boolean[] verbose = new boolean[0];

    /** How many times -v was given. */
    public int level() {
        return verbose.length;
    }

    /** Sets the root log level from the -v count. */
    public void apply() {
        Level level = switch (verbose.length) {
            case 0 -> Level.WARN;
            case 1 -> Level.INFO;
            default -> Level.DEBUG;
        };
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(level);
        }
    }
}
