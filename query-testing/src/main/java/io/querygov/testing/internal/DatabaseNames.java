package io.querygov.testing.internal;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Random;

/** Names for test databases: {@code qg_<test class simple name, lower case>_<8 random hex digits>}. */
public final class DatabaseNames {

    /** PostgreSQL truncates identifiers longer than this many bytes (NAMEDATALEN - 1). */
    public static final int MAX_LENGTH = 63;

    /** Every test database name starts with this. */
    public static final String PREFIX = "qg_";

    private static final Random RANDOM = new SecureRandom();

    private DatabaseNames() {
    }

    /** A new, unique name for a database that belongs to {@code testClass}. */
    public static String forTestClass(Class<?> testClass) {
        return forTestClass(testClass, RANDOM);
    }

    static String forTestClass(Class<?> testClass, Random random) {
        String suffix = String.format(Locale.ROOT, "_%08x", random.nextInt());
        String base = sanitize(testClass.getSimpleName());
        int room = MAX_LENGTH - PREFIX.length() - suffix.length();
        if (base.length() > room) {
            base = base.substring(0, room);
        }
        return PREFIX + base + suffix;
    }

    /** Lower-case ASCII letters, digits and underscores only, so the name never needs quoting or encoding. */
    static String sanitize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = Character.toLowerCase(name.charAt(i));
            out.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return out.length() == 0 ? "anonymous" : out.toString();
    }
}
