package io.querygov.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random SQL token streams whose tokens are known: each generated token has the text, kind and (for string
 * constants) the value the server gives it, and the separators between them are chosen so that no two tokens run
 * into one. Seeded, so a failure names the seed that reproduces it.
 */
final class SqlTokenGenerator {
    /** Characters that make lexers stumble, for the insides of constants and comments. */
    private static final String[] TRICKY = {"'", "''", "\\", "\"", "$", "$$", "$x$", ";", "--", "/*", "*/", "\r", "\n",
        "\r\n", "E'", "?", ":a", "::", "é", "\u4e2d", "\t", " ", "x", "1", "e", "-", "*", "/"};

    /** One generated token. {@code value} is the string constant's value, or null for other kinds. */
    record Generated(String text, SqlToken.Kind kind, String value) {
    }

    /** The escapes of an {@code E'...'} constant: what is written, then the character it stands for. */
    private static final String[][] E_ESCAPES = {
        {"\\\\", "\\"}, {"\\'", "'"}, {"''", "'"}, {"\\n", "\n"}, {"\\t", "\t"}, {"\\x41", "A"},
    };
    /** The escapes of a {@code U&'...'} constant, as {@link #E_ESCAPES}. */
    private static final String[][] UNICODE_ESCAPES = {{"\\0041", "A"}, {"\\\\", "\\"}, {"''", "'"}};

    private final SplittableRandom random;

    SqlTokenGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A stream of {@code count} tokens. */
    List<Generated> tokens(int count) {
        List<Generated> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(token());
        }
        return out;
    }

    /**
     * The stream as text, with whitespace between the tokens (a line break after a line comment), and none around
     * punctuation that cannot run into its neighbour when {@code abut} allows. A constant that could continue is
     * never followed, after only comments and whitespace, by one that starts with a quote: a comma goes between.
     */
    String join(List<Generated> tokens, boolean abut, List<Generated> joined) {
        StringBuilder sql = new StringBuilder();
        Generated previous = null;
        Generated previousCode = null;
        for (Generated t : tokens) {
            if (t.kind() == SqlToken.Kind.STRING && t.text().startsWith("'") && previousCode != null
                    && continuable(previousCode)) {
                Generated comma = new Generated(",", SqlToken.Kind.PUNCTUATION, null);
                sql.append(separator(previous, comma, abut));
                sql.append(',');
                joined.add(comma);
                previous = comma;
                previousCode = comma;
            }
            if (previous != null) {
                sql.append(separator(previous, t, abut));
            }
            sql.append(t.text());
            joined.add(t);
            previous = t;
            if (t.kind() != SqlToken.Kind.LINE_COMMENT && t.kind() != SqlToken.Kind.BLOCK_COMMENT) {
                previousCode = t;
            }
        }
        return sql.toString();
    }

    private static boolean continuable(Generated t) {
        return t.kind() == SqlToken.Kind.STRING && !t.text().startsWith("$");
    }

    private String separator(Generated previous, Generated next, boolean abut) {
        if (previous.kind() == SqlToken.Kind.LINE_COMMENT) {
            return pick("\n", "\r", "\r\n", "\n  ", "\r\t");
        }
        if (abut && (isSafeToAbut(previous) || isSafeToAbut(next)) && random.nextBoolean()) {
            return "";
        }
        return pick(" ", "  ", "\t", "\n", "\r", "\r\n", "\f", "\u000B", " \n ");
    }

    /** {@code ( ) [ ] , ;} end where they stand and start nothing longer. */
    private static boolean isSafeToAbut(Generated t) {
        return t.kind() == SqlToken.Kind.PUNCTUATION && "()[],;".contains(t.text());
    }

    Generated token() {
        switch (random.nextInt(17)) {
            case 0: return identifier();
            case 1: return quotedIdentifier();
            case 2: case 3: return standardString();
            case 4: return escapeString();
            case 5: return dollarString();
            case 6: return unicodeString();
            case 7: return new Generated(pick("B'0101'", "X'1f'", "b''", "x'FF'"), SqlToken.Kind.STRING, null);
            case 8: return new Generated(pick("42", "1_000", "3.14", ".5", "5.", "1e10", "1.5E-3", "1.e5", "0x1F",
                    "0o17", "0b1010", "0"), SqlToken.Kind.NUMBER, null);
            case 9: return new Generated("$" + (1 + random.nextInt(20)), SqlToken.Kind.POSITIONAL_PARAMETER, null);
            case 10: return new Generated(":" + pick("a", "project_id", "größe", "_x1"), SqlToken.Kind.NAMED_PARAMETER,
                    null);
            case 11: return new Generated("?", SqlToken.Kind.PLACEHOLDER, null);
            case 12: return new Generated(pick("+", "-", "*", "/", "<", ">", "=", "~", "!", "@", "#", "%", "^", "&", "|",
                    "`", "<=", ">=", "<>", "!=", "=>", "->", "->>", "#>", "#>>", "@>", "<@", "||", "&&", "!~", "~*",
                    "!~*", "<->", "@@", "::", "..", ":=", "~~", "@-", "#-", "|/"), SqlToken.Kind.OPERATOR, null);
            case 13: return new Generated(pick("(", ")", "[", "]", ",", ";", ".", ":"), SqlToken.Kind.PUNCTUATION, null);
            case 14: return new Generated("--" + inside(12, "\r", "\n", "\r\n"), SqlToken.Kind.LINE_COMMENT, null);
            case 15: return new Generated(blockComment(2), SqlToken.Kind.BLOCK_COMMENT, null);
            default: return new Generated(pick("\\", "{", "}", "$"), SqlToken.Kind.OTHER, null);
        }
    }

    private Generated identifier() {
        StringBuilder b = new StringBuilder(pick("a", "Z", "_", "p1_0", "select", "é", "\u4e2d", "größe", "E", "B",
                "x", "U", "N"));
        int more = random.nextInt(4);
        for (int i = 0; i < more; i++) {
            b.append(pick("a", "9", "_", "$", "ß", "Q"));
        }
        return new Generated(b.toString(), SqlToken.Kind.IDENTIFIER, null);
    }

    private Generated quotedIdentifier() {
        String inside = inside(8, "\"").replace("\"", "\"\"");
        if (inside.isEmpty()) {
            inside = "q";
        }
        return new Generated((random.nextInt(4) == 0 ? "U&" : "") + "\"" + inside + "\"",
                SqlToken.Kind.QUOTED_IDENTIFIER, null);
    }

    /** {@code 'it''s'}, maybe {@code N'...'}, maybe continued on the next line. */
    Generated standardString() {
        StringBuilder text = new StringBuilder(random.nextInt(5) == 0 ? "N" : "");
        StringBuilder value = new StringBuilder();
        int parts = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
        for (int p = 0; p < parts; p++) {
            if (p > 0) {
                text.append(continuation());
            }
            String v = inside(10);
            value.append(v);
            text.append('\'').append(v.replace("'", "''")).append('\'');
        }
        return new Generated(text.toString(), SqlToken.Kind.STRING, value.toString());
    }

    /** {@code E'...'} with backslash escapes, maybe continued: the continuation keeps the escapes. */
    Generated escapeString() {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "E" : "e");
        StringBuilder value = new StringBuilder();
        int parts = 1 + (random.nextInt(4) == 0 ? 1 : 0);
        for (int p = 0; p < parts; p++) {
            if (p > 0) {
                text.append(continuation());
            }
            text.append('\'');
            escapedOrPlain(text, value, random.nextInt(8), E_ESCAPES, "a", ";", "--", "/*", "$$", "\r", "é", " ", "?");
            text.append('\'');
        }
        return new Generated(text.toString(), SqlToken.Kind.STRING, value.toString());
    }

    /** {@code $tag$...$tag$} whose body holds anything but the tag, other tags and lone dollars included. */
    Generated dollarString() {
        String tag = "$" + pick("", "a", "tag", "_x1", "é") + "$";
        String body;
        do {
            body = inside(12, "$a$", "$tag$", "$", "$b");
        } while (body.contains(tag) || (body + tag).indexOf(tag) != body.length());
        return new Generated(tag + body + tag, SqlToken.Kind.STRING, body);
    }

    /** {@code U&'d\0061t'}: backslash and four hex digits is a character; {@code \\} a backslash. */
    Generated unicodeString() {
        StringBuilder text = new StringBuilder("U&'");
        StringBuilder value = new StringBuilder();
        escapedOrPlain(text, value, random.nextInt(6), UNICODE_ESCAPES, "a", ";", "--", "$$", "\n", "é");
        return new Generated(text.append('\'').toString(), SqlToken.Kind.STRING, value.toString());
    }

    /**
     * Appends {@code n} pieces to a constant's text and its value: each, as likely as any other choice, one of
     * {@code escapes} (the text written, then the character it stands for) or else one of {@code plain}.
     */
    private void escapedOrPlain(StringBuilder text, StringBuilder value, int n, String[][] escapes, String... plain) {
        for (int i = 0; i < n; i++) {
            int choice = random.nextInt(escapes.length + 1);
            if (choice < escapes.length) {
                text.append(escapes[choice][0]);
                value.append(escapes[choice][1]);
            } else {
                String v = pick(plain);
                text.append(v);
                value.append(v);
            }
        }
    }

    /** Whitespace with a line break between two parts of one constant, with {@code --} comments where allowed. */
    private String continuation() {
        StringBuilder b = new StringBuilder(pick("", " ", "\t", " -- c ' ; "));
        b.append(pick("\n", "\r", "\r\n"));
        if (random.nextBoolean()) {
            b.append(pick(" ", "\n", "-- more ' /*\n", "  -- x\r  "));
        }
        return b.toString();
    }

    private String blockComment(int nesting) {
        StringBuilder b = new StringBuilder("/*");
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (nesting > 0 && random.nextInt(4) == 0) {
                b.append(blockComment(nesting - 1));
            } else {
                b.append(pick("a", " ", "'", "\"", ";", "--", "$$", "\n", "\r", "?", "- ", "* ", "/ "));
            }
        }
        return b.append("*/").toString();
    }

    /** Up to {@code max} pieces of {@link #TRICKY} text, none of the {@code excluded} ones. */
    private String inside(int max, String... excluded) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            String piece = TRICKY[random.nextInt(TRICKY.length)];
            boolean skip = false;
            for (String e : excluded) {
                if (piece.contains(e)) {
                    skip = true;
                }
            }
            if (!skip) {
                b.append(piece);
            }
        }
        return b.toString();
    }

    String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
