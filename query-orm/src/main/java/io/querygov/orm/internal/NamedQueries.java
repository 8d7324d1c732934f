package io.querygov.orm.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.named.NamedObjectRepository;

/** The named queries a factory knows ({@code @NamedQuery}, {@code @NamedNativeQuery}, orm.xml), sorted by name. */
public final class NamedQueries {

    /**
     * One named query.
     *
     * @param name its registration name
     * @param hql its HQL, or null for a native query
     * @param sql its SQL for a native query, or null
     * @param select whether it reads rather than inserts, updates or deletes
     * @param hints the hints declared with it
     * @param timeoutSeconds its timeout, or null
     */
    public record Named(String name, String hql, String sql, boolean select, Map<String, Object> hints,
                        Integer timeoutSeconds) {
        public boolean isNative() {
            return hql == null;
        }
    }

    private NamedQueries() {
    }

    public static List<Named> list(SessionFactory factory) {
        NamedObjectRepository repository = factory.unwrap(SessionFactoryImplementor.class)
                .getQueryEngine().getNamedObjectRepository();
        List<Named> out = new ArrayList<>();
        repository.visitSqmQueryMementos(m -> out.add(new Named(m.getRegistrationName(), m.getHqlString(), null,
                !isMutation(m.getHqlString()), Map.copyOf(nonNull(m.getHints())), m.getTimeout())));
        repository.visitNativeQueryMementos(m -> out.add(new Named(m.getRegistrationName(), null, m.getSqlString(),
                !isMutation(m.getSqlString()), Map.copyOf(nonNull(m.getHints())), m.getTimeout())));
        out.sort(Comparator.comparing(Named::name));
        return out;
    }

    public static Named find(SessionFactory factory, String name) {
        for (Named n : list(factory)) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    /** Whether a statement writes: it starts with INSERT, UPDATE, DELETE or MERGE (comments aside). */
    static boolean isMutation(String statement) {
        String s = io.querygov.core.SqlFingerprint.of(statement).normalized().toLowerCase(Locale.ROOT);
        return s.startsWith("insert") || s.startsWith("update") || s.startsWith("delete") || s.startsWith("merge");
    }

    private static Map<String, Object> nonNull(Map<String, Object> hints) {
        if (hints == null) {
            return Map.of();
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        hints.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
