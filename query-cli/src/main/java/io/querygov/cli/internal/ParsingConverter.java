package io.querygov.cli.internal;

import java.util.function.Function;
import picocli.CommandLine;

/**
 * An option's value read by a parser of the library, whose {@link IllegalArgumentException} already says what is
 * wrong and what is accepted: picocli shows that message as the option's error.
 */
abstract class ParsingConverter<T> implements CommandLine.ITypeConverter<T> {
    private final Function<String, T> parser;

    ParsingConverter(Function<String, T> parser) {
        this.parser = parser;
    }

    /** @throws CommandLine.TypeConversionException with the parser's message */
    @Override
    public final T convert(String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
