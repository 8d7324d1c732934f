package io.querygov.orm.internal;

import java.util.Set;

/**
 * The first frame of the application on the current stack: the line of the service that caused what querygov
 * reports. Frames of Hibernate, querygov, the JDK, Jakarta, pools, drivers and proxies are skipped. Walked only
 * when an N+1 is reported, never on the path of a statement.
 */
final class ApplicationFrame {
    private static final Set<String> FRAMEWORK_PREFIXES = Set.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "jakarta.", "org.hibernate.", "io.querygov.orm.internal.", "io.querygov.core.", "io.querygov.jdbc.", "com.zaxxer.",
            "org.postgresql.", "net.bytebuddy.", "org.springframework.", "org.junit.", "org.apache.maven.");

    private ApplicationFrame() {
    }

    /** {@code com.acme.OwnerController.list(OwnerController.java:42)}, or null when the stack has none. */
    static String first() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !isFramework(f.getClassName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + (f.getFileName() != null
                        ? f.getFileName() + ":" + f.getLineNumber() : "unknown source") + ")")
                .orElse(null));
    }

    private static boolean isFramework(String className) {
        if (className.contains("$$") || className.contains("$HibernateProxy") || className.startsWith("jdk.proxy")) {
            return true;
        }
        for (String prefix : FRAMEWORK_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
