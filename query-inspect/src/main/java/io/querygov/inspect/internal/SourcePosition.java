package io.querygov.inspect.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A one-based line and column in a statement, and where that is in the file the statement came from. */
public record SourcePosition(int line, int column) {
    /** {@code path:line}, as the SQL file loader writes origins; the path may itself contain colons. */
    private static final Pattern FILE_LINE = Pattern.compile("(.+):(\\d+)");

    /** The line and column of a zero-based character offset; {@code \r\n}, {@code \n} and {@code \r} end lines. */
    public static SourcePosition of(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePosition(line, offset - lineStart + 1);
    }

    /**
     * Where this position is for a reader: {@code file:line:column} when {@code origin} is {@code file:line} (the
     * line of the statement's first line), else the origin and the position within the statement.
     */
    public String locate(String origin) {
        if (origin != null) {
            Matcher m = FILE_LINE.matcher(origin);
            if (m.matches()) {
                try {
                    int first = Integer.parseInt(m.group(2));
                    return m.group(1) + ":" + (first + line - 1) + ":" + column;
                } catch (NumberFormatException tooLong) {
                    // not a line number after all: fall through to the plain form
                }
            }
            return origin + ", line " + line + ", column " + column + " of the statement";
        }
        return "line " + line + ", column " + column + " of the statement";
    }
}
