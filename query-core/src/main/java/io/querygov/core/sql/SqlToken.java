package io.querygov.core.sql;

import java.util.Objects;

/**
 * One token of a SQL text, as {@link SqlLexer} reads it: its kind and where it stands, {@code [start, end)}.
 *
 * @param kind what the token is
 * @param start offset of its first character in the text
 * @param end offset just past its last character
 * @param error what PostgreSQL would refuse about it ("unterminated quoted string", "trailing junk after numeric
 *        literal"), or null when the server reads it without complaint
 */
public record SqlToken(Kind kind, int start, int end, String error) {

    /** What a token is. Whitespace between tokens is no token. */
    public enum Kind {
        /** An unquoted word: a keyword or a name ({@code SELECT}, {@code p1_0}, {@code a$b}). */
        IDENTIFIER,
        /** {@code "Weird Name"} or {@code U&"d\0061t"}. */
        QUOTED_IDENTIFIER,
        /**
         * A string constant: {@code 'x'}, {@code E'x'}, {@code B'1'}, {@code X'1f'}, {@code N'x'}, {@code U&'x'}
         * (with its continuation lines, {@code 'a'} newline {@code 'b'}), or {@code $tag$x$tag$}.
         */
        STRING,
        /** {@code 42}, {@code 1.5e-3}, {@code .5}, {@code 0x1F}, {@code 1_000}. */
        NUMBER,
        /** {@code $1}: a parameter the server numbers. */
        POSITIONAL_PARAMETER,
        /**
         * {@code :name}, as Jdbi and querygov's SQL files name a parameter: a colon directly followed by a letter or
         * {@code _}. The server would read a colon and a name (an array slice {@code a[lo:hi]}).
         */
        NAMED_PARAMETER,
        /** {@code ?}: a JDBC placeholder. Never part of an operator, because pgjdbc reads every {@code ?} in code. */
        PLACEHOLDER,
        /** {@code =}, {@code ->>}, {@code ||}, {@code ::}, {@code <=}, {@code ..}, {@code :=}. */
        OPERATOR,
        /** One of {@code ( ) [ ] , ; . :}. */
        PUNCTUATION,
        /** {@code -- ...} up to, not including, the line feed or carriage return that ends it. */
        LINE_COMMENT,
        /** {@code /* ... *&#47;}, nested ones included. */
        BLOCK_COMMENT,
        /** A character the server hands to its parser as itself and no rule accepts: a lone {@code $}, {@code \}, {@code {}. */
        OTHER
    }

    public SqlToken {
        Objects.requireNonNull(kind, "kind");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("a token spans [start, end) with 0 <= start <= end, was [" + start + ", "
                    + end + ")");
        }
    }

    /** The token's text in {@code sql}, the text it was read from. */
    public String text(String sql) {
        return sql.substring(start, end);
    }

    /** Whether the token is a comment, which the server reads as whitespace. */
    public boolean isComment() {
        return kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
    }
}
