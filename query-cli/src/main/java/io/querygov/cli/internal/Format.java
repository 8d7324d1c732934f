package io.querygov.cli.internal;

import java.util.Locale;
import picocli.CommandLine;

/** How results are printed. */
public enum Format {
    /** Aligned columns, for people. */
    TABLE,
    /** One JSON document with stable keys, for machines. */
    JSON,
    /** Comma-separated values with a header row, for spreadsheets; only where the result is a table. */
    CSV;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code table}, {@code json} or {@code csv}, ignoring case. */
    public static final class Converter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(value.trim())) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a format: use table, json or csv");
        }
    }
}
