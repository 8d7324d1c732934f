package io.querygov.cli.internal;

import picocli.CommandLine.Option;

/** {@code --format}: how a command prints its results. */
public final class OutputOptions {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table", order = 40,
            converter = Format.Converter.class,
            description = "table (aligned, for people), json (stable keys, for machines) or csv (default:"
                    + " ${DEFAULT-VALUE}).")
    Format format;

    public Format format() {
        return format;
    }
}
