package io.querygov.raw.postgres.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A statement with Jdbi-style named parameters ({@code :name}) split into text and parameter occurrences, so it can be
 * rendered for pgjdbc ({@code ?}) or for the server ({@code $1}), and so a server error position in the rendered text
 * can be traced back to the statement as written.
 *
 * <p>Each occurrence of a name becomes its own positional parameter, in order, as Jdbi binds them: a statement that
 * uses {@code :id} twice is sent with {@code $1} and {@code $2}. Keeping Jdbi's numbering matters because
 * pg_stat_statements computes its query identifier from what the application actually sends.
 *
 * <p>Strings, quoted identifiers, dollar-quoted bodies and comments are skipped; {@code ::} is a cast, never a
 * parameter; {@code :1} (an array slice bound) is not a name. A literal {@code ?} (a jsonb operator) is kept, and
 * doubled in the pgjdbc rendering, where {@code ??} is how one writes it.
 */
public final class NamedSql {
    private final String original;
    /** Text between parameters: {@code parts.size() == occurrences.size() + 1}. */
    private final List<String> parts;
    private final List<Occurrence> occurrences;

    /** One {@code :name} in the statement, with its offset in the original text. */
    public record Occurrence(String name, int offset, int length) {
    }

    private NamedSql(String original, List<String> parts, List<Occurrence> occurrences) {
        this.original = original;
        this.parts = parts;
        this.occurrences = occurrences;
    }

    public static NamedSql parse(String sql) {
        return new Lexer(sql).run();
    }

    public String original() {
        return original;
    }

    /** Every occurrence, in order: occurrence {@code i} is positional parameter {@code i + 1}. */
    public List<Occurrence> occurrences() {
        return occurrences;
    }

    /** Parameter names in order of first use, each once. */
    public List<String> distinctNames() {
        List<String> names = new ArrayList<>();
        for (Occurrence o : occurrences) {
            if (!names.contains(o.name())) {
                names.add(o.name());
            }
        }
        return Collections.unmodifiableList(names);
    }

    /** The text for {@code Connection.prepareStatement}: {@code ?} per occurrence, a literal {@code ?} doubled. */
    public String jdbc() {
        return jdbc(i -> "");
    }

    /**
     * The text for {@code Connection.prepareStatement} with {@code suffix.apply(i)} written after placeholder
     * {@code i} (zero-based), e.g. {@code "::inet"} to bind a value as text with an explicit cast.
     */
    public String jdbc(IntFunction<String> suffix) {
        StringBuilder out = new StringBuilder(original.length() + 8);
        for (int i = 0; i < parts.size(); i++) {
            out.append(parts.get(i).replace("?", "??"));
            if (i < occurrences.size()) {
                out.append('?').append(suffix.apply(i));
            }
        }
        return out.toString();
    }

    /** The text the server sees: {@code $1}, {@code $2}, ... per occurrence. */
    public String positional() {
        return positional(i -> "");
    }

    /** The server's text with {@code suffix.apply(i)} written after {@code $(i + 1)}. */
    public String positional(IntFunction<String> suffix) {
        StringBuilder out = new StringBuilder(original.length() + 8);
        for (int i = 0; i < parts.size(); i++) {
            out.append(parts.get(i));
            if (i < occurrences.size()) {
                out.append('$').append(i + 1).append(suffix.apply(i));
            }
        }
        return out.toString();
    }

    /**
     * Maps a zero-based offset in {@link #positional()} back to the statement as written. An offset inside a
     * {@code $n} maps to the start of its {@code :name}; one past the end maps past the end of the original.
     */
    public int originalOffset(int positionalOffset) {
        int positional = 0;
        int orig = 0;
        for (int i = 0; i < parts.size(); i++) {
            int partLength = parts.get(i).length();
            if (positionalOffset < positional + partLength) {
                return orig + (positionalOffset - positional);
            }
            positional += partLength;
            orig += partLength;
            if (i < occurrences.size()) {
                int placeholderLength = 1 + String.valueOf(i + 1).length();
                if (positionalOffset < positional + placeholderLength) {
                    return occurrences.get(i).offset();
                }
                positional += placeholderLength;
                orig += occurrences.get(i).length();
            }
        }
        return orig + (positionalOffset - positional);
    }

    private static final class Lexer {
        private final String s;
        private int pos;
        private int partStart;
        private final List<String> parts = new ArrayList<>();
        private final List<Occurrence> occurrences = new ArrayList<>();

        Lexer(String s) {
            if (s == null) {
                throw new IllegalArgumentException("SQL must not be null");
            }
            this.s = s;
        }

        NamedSql run() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (s.startsWith("--", pos)) {
                    int end = s.indexOf('\n', pos);
                    pos = end < 0 ? s.length() : end + 1;
                } else if (s.startsWith("/*", pos)) {
                    skipBlockComment();
                } else if (c == '\'') {
                    skipQuoted('\'', isEscapeString());
                } else if (c == '"') {
                    skipQuoted('"', false);
                } else if (c == '$') {
                    skipDollar();
                } else if (c == ':') {
                    colon();
                } else if (Character.isLetterOrDigit(c) || c == '_') {
                    // a whole word at once: inside an identifier '$' never opens a dollar quote (a$b$ is a name)
                    while (pos < s.length() && isIdentifierPart(s.charAt(pos))) {
                        pos++;
                    }
                } else {
                    pos++;
                }
            }
            parts.add(s.substring(partStart));
            return new NamedSql(s, List.copyOf(parts), List.copyOf(occurrences));
        }

        private boolean isEscapeString() {
            return pos > 0 && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')
                    && (pos < 2 || !isIdentifierPart(s.charAt(pos - 2)));
        }

        private static boolean isIdentifierPart(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }

        private void colon() {
            if (s.startsWith("::", pos)) {
                pos += 2;
                return;
            }
            int start = pos;
            int i = pos + 1;
            if (i < s.length() && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                parts.add(s.substring(partStart, start));
                occurrences.add(new Occurrence(s.substring(start + 1, i), start, i - start));
                partStart = i;
                pos = i;
            } else {
                pos++;
            }
        }

        private void skipBlockComment() {
            int depth = 0;
            while (pos < s.length()) {
                if (s.startsWith("/*", pos)) {
                    depth++;
                    pos += 2;
                } else if (s.startsWith("*/", pos)) {
                    depth--;
                    pos += 2;
                    if (depth == 0) {
                        return;
                    }
                } else {
                    pos++;
                }
            }
        }

        private void skipQuoted(char quote, boolean backslashEscapes) {
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (backslashEscapes && c == '\\') {
                    pos += 2;
                } else if (c == quote) {
                    if (pos + 1 < s.length() && s.charAt(pos + 1) == quote) {
                        pos += 2;
                    } else {
                        pos++;
                        return;
                    }
                } else {
                    pos++;
                }
            }
        }

        private void skipDollar() {
            int i = pos + 1;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                if (i == pos + 1 && Character.isDigit(s.charAt(i))) {
                    // $1 is a positional parameter written by hand, not a quote
                    pos = i;
                    return;
                }
                i++;
            }
            if (i < s.length() && s.charAt(i) == '$') {
                String tag = s.substring(pos, i + 1);
                int end = s.indexOf(tag, i + 1);
                pos = end < 0 ? s.length() : end + tag.length();
            } else {
                pos++;
            }
        }
    }
}
