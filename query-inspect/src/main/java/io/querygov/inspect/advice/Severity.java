package io.querygov.inspect.advice;

import java.util.Locale;

/** How much a finding matters; a tool exits non-zero when a finding of {@link #ERROR} is present. */
public enum Severity {
    /** Worth knowing; nothing is wrong. */
    INFO,
    /** Worth changing when the query matters. */
    WARN,
    /** What the guide says never to ship. */
    ERROR;

    /** {@code info}, {@code warn}, {@code error}: as output spells it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
