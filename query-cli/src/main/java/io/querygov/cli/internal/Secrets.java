package io.querygov.cli.internal;

import io.querygov.core.sql.SqlRedaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords this run knows of, so that no message, log line or saved file repeats one: everything printed about a
 * failure goes through {@link #scrub(String)}.
 *
 * <p>A password is masked where it stands as a value, never where its letters happen to occur: after a
 * {@code password=} or {@code PGPASSWORD=} key (a URL parameter, a libpq {@code key=value} string, an environment
 * listing, {@code "password": "..."} in JSON), and between {@code user:} and {@code @} in a URI. Replacing every
 * occurrence of a known password would tell a reader which letters it holds, since a short one is part of ordinary
 * words ("Cann***t c***nnect" for a password "o").
 */
public final class Secrets {
    private static final String MASK = "***";
    /**
     * A password key and what separates it from its value: {@code password=}, {@code &password=}, {@code passwd: },
     * {@code PGPASSWORD=}, {@code "password": "}. The key may end a longer name ({@code db_password=}).
     */
    private static final Pattern KEY = Pattern.compile(
            "(?i)(?<![a-z0-9])(?:pg)?passw(?:or)?d[\"']?[ \\t]*[=:]()[ \\t]*([\"']?)");
    /** {@code scheme://user:} in a URI, before the password and the {@code @}. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://[^\\s/:@?#]*:()");

    /** What ends a value that is not in quotes, besides whitespace and the end of the text. */
    private static final String UNQUOTED_ENDS = "&;,)]}\"'";

    private final List<String> known = new ArrayList<>();

    /** Remembers a password; null and empty ones are ignored. */
    public synchronized void add(String secret) {
        if (secret != null && !secret.isEmpty() && !known.contains(secret)) {
            known.add(secret);
            // longest first, so that a password that begins with another known one is masked whole
            known.sort(Comparator.comparingInt(String::length).reversed());
        }
    }

    /**
     * Text to show that may hold a statement (a catalog entry, pg_stat_statements' text, a server's message): every
     * password value masked as {@link #scrub(String)} masks it, and every password literal of a statement as core's
     * {@link SqlRedaction} finds it ({@code ALTER ROLE x PASSWORD '...'}).
     */
    public String redact(String text) {
        return SqlRedaction.passwords(scrub(text));
    }

    /** The text with every password value masked, known or not; every other character as it was. */
    public synchronized String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<int[]> spans = new ArrayList<>();
        Matcher key = KEY.matcher(text);
        while (key.find()) {
            boolean quoted = !key.group(2).isEmpty();
            String enders = quoted ? key.group(2) : UNQUOTED_ENDS;
            int[] span = known(text, key.end(), enders, !quoted);
            // a known password that begins with blanks or a quote character is masked from where it begins
            if (span == null) {
                span = known(text, key.start(1), UNQUOTED_ENDS, true);
            }
            if (span == null) {
                span = known(text, key.start(2), UNQUOTED_ENDS, true);
            }
            if (span == null) {
                span = new int[] {key.end(), until(text, key.end(), enders, !quoted)};
            }
            spans.add(span);
        }
        Matcher userInfo = USER_INFO.matcher(text);
        while (userInfo.find()) {
            int[] span = known(text, userInfo.end(), "@", false);
            if (span == null) {
                int end = until(text, userInfo.end(), "@/?#", true);
                span = end < text.length() && text.charAt(end) == '@' ? new int[] {userInfo.end(), end} : null;
            }
            if (span != null) {
                spans.add(span);
            }
        }
        return mask(text, spans);
    }

    /**
     * The span of a known password that stands at {@code from} and is followed by the end of the text, one of
     * {@code enders} or (if {@code whitespaceEnds}) whitespace, so that a known password that is only the start of a
     * longer value is not taken for it; or null.
     */
    private int[] known(String text, int from, String enders, boolean whitespaceEnds) {
        for (String secret : known) {
            int end = from + secret.length();
            if (text.startsWith(secret, from) && (end == text.length() || enders.indexOf(text.charAt(end)) >= 0
                    || whitespaceEnds && Character.isWhitespace(text.charAt(end)))) {
                return new int[] {from, end};
            }
        }
        return null;
    }

    /** Where a value that starts at {@code from} ends: at one of {@code enders}, or whitespace too. */
    private static int until(String text, int from, String enders, boolean whitespaceEnds) {
        int i = from;
        while (i < text.length() && enders.indexOf(text.charAt(i)) < 0
                && !(whitespaceEnds && Character.isWhitespace(text.charAt(i)))) {
            i++;
        }
        return i;
    }

    private static String mask(String text, List<int[]> spans) {
        if (spans.isEmpty()) {
            return text;
        }
        spans.sort(Comparator.comparingInt(s -> s[0]));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int[] span : spans) {
            if (span[0] < copied) {
                continue;
            }
            out.append(text, copied, span[0]).append(MASK);
            copied = Math.max(span[0], span[1]);
        }
        return out.append(text, copied, text.length()).toString();
    }
}
