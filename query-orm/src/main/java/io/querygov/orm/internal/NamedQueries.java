package io.querygov.orm.internal;

import io.querygov.core.QueryType;
import io.querygov.core.sql.SqlClassification;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.metamodel.ManagedType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
     * @param origin the class whose annotation declared it, or null when declared elsewhere (orm.xml)
     */
    public record Named(String name, String hql, String sql, boolean select, Map<String, Object> hints,
                        Integer timeoutSeconds, String origin) {
        public boolean isNative() {
            return hql == null;
        }
    }

    private NamedQueries() {
    }

    public static List<Named> list(SessionFactory factory) {
        NamedObjectRepository repository = factory.unwrap(SessionFactoryImplementor.class)
                .getQueryEngine().getNamedObjectRepository();
        Map<String, Declared> declared = declarations(factory);
        List<Named> out = new ArrayList<>();
        repository.visitSqmQueryMementos(m -> out.add(new Named(m.getRegistrationName(), m.getHqlString(), null,
                !isMutation(m.getHqlString()), hints(m.getHints(), declared.get(m.getRegistrationName())),
                m.getTimeout(), origin(declared.get(m.getRegistrationName())))));
        repository.visitNativeQueryMementos(m -> out.add(new Named(m.getRegistrationName(), null, m.getSqlString(),
                !isMutation(m.getSqlString()), hints(m.getHints(), declared.get(m.getRegistrationName())),
                m.getTimeout(), origin(declared.get(m.getRegistrationName())))));
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

    /**
     * Whether a statement (HQL or SQL) changes rows rather than returning them, as core's one classifier types it:
     * INSERT, UPDATE, DELETE, MERGE, SELECT ... INTO or a WITH that modifies data.
     */
    static boolean isMutation(String statement) {
        return SqlClassification.of(statement).inferredType().orElse(null) == QueryType.RAW_SQL_BULK;
    }

    /** Where an annotation declared a named query, with every hint written on it. */
    private record Declared(Class<?> type, Map<String, Object> hints) {
    }

    /**
     * The hints as written on the annotations: Hibernate keeps only the hints it knows in its
     * mementos, so ours ({@code querygov.*}) are read from the managed classes themselves.
     */
    private static Map<String, Declared> declarations(SessionFactory factory) {
        Map<String, Declared> out = new HashMap<>();
        for (ManagedType<?> type : factory.getMetamodel().getManagedTypes()) {
            Class<?> javaType = type.getJavaType();
            if (javaType == null) {
                continue;
            }
            for (NamedQuery q : javaType.getAnnotationsByType(NamedQuery.class)) {
                out.putIfAbsent(q.name(), new Declared(javaType, hintMap(q.hints())));
            }
            for (NamedNativeQuery q : javaType.getAnnotationsByType(NamedNativeQuery.class)) {
                out.putIfAbsent(q.name(), new Declared(javaType, hintMap(q.hints())));
            }
        }
        return out;
    }

    private static Map<String, Object> hintMap(QueryHint[] hints) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (QueryHint h : hints) {
            map.put(h.name(), h.value());
        }
        return map;
    }

    private static Map<String, Object> hints(Map<String, Object> fromMemento, Declared declared) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (fromMemento != null) {
            fromMemento.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        if (declared != null) {
            declared.hints().forEach(copy::putIfAbsent);
        }
        return Map.copyOf(copy);
    }

    private static String origin(Declared declared) {
        return declared == null ? null : declared.type().getName();
    }
}
