package io.querygov.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Passwords this run knows of, so that no message, log line or saved file repeats one: everything printed about a
 * failure goes through {@link #scrub(String)}.
 */
public final class Secrets {
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s]*");
    private static final String MASK = "***";

    private final List<String> known = new ArrayList<>();

    /** Remembers a password; null and empty ones are ignored. */
    public synchronized void add(String secret) {
        if (secret != null && !secret.isEmpty() && !known.contains(secret)) {
            known.add(secret);
        }
    }

    /** The text with every known password, and every {@code password=} URL parameter, masked. */
    public synchronized String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = PASSWORD_PARAMETER.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        for (String secret : known) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
