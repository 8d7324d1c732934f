package io.querygov.orm.internal;

import io.querygov.core.SqlFingerprint;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.engine.spi.CollectionKey;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.collection.AbstractCollectionPersister;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names tracked calls from what the factory knows: entity and collection names as the application
 * writes them ({@code Project}, {@code Project.tasks}), the named queries, and which entity owns
 * which table. Names are cached: one map lookup per call once warm.
 */
final class SessionFactoryModel {
    private static final Logger LOG = LoggerFactory.getLogger(SessionFactoryModel.class);
    private static final Pattern NEXTVAL = Pattern.compile("nextval\\s*\\(\\s*'([^']+)'", Pattern.CASE_INSENSITIVE);
    private static final String CRITERIA_PREFIX = "[CRITERIA] ";
    private static final int MAX_CACHED_SQL_NAMES = 4096;

    private volatile SessionFactoryImplementor sessionFactory;
    private volatile Map<String, String> namedByHql = Map.of();
    private volatile Map<SqlFingerprint, String> namedBySql = Map.of();
    private volatile Map<String, String> tableOwners = Map.of();
    /**
     * {@code table.key_column} to the one-to-many collection whose rows that column links: a unidirectional
     * {@code @OneToMany @JoinColumn} writes its collection with {@code update <child table> set <key>=?}.
     */
    private volatile Map<String, String> oneToManyKeys = Map.of();

    private final ConcurrentMap<String, String> findNames = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> loadNames = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> collectionNames = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> sqlNames = new ConcurrentHashMap<>();
    /** HQL text to its {@code hql:} name, and each HQL or named query's name back to its HQL, for display. */
    private final ConcurrentMap<String, String> hqlNames = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, String> hqlByName = new ConcurrentHashMap<>();

    void bind(SessionFactoryImplementor factory, ShapeCache shapes) {
        this.sessionFactory = factory;
        // names cached before the factory was bound fell back to class names; drop them
        findNames.clear();
        loadNames.clear();
        collectionNames.clear();
        Map<String, String> tables = new HashMap<>();
        factory.getMappingMetamodel().forEachEntityDescriptor(p -> {
            String owner = jpaName(p);
            p.forEachTableDetails(t -> tables.putIfAbsent(tableKey(t.getTableName()), owner));
        });
        Map<String, String> keys = new HashMap<>();
        factory.getMappingMetamodel().forEachCollectionDescriptor(c -> {
            tables.putIfAbsent(tableKey(c.getTableName()), collectionName(c));
            if (c.isOneToMany() && c instanceof AbstractCollectionPersister a && a.getKeyColumnNames().length == 1) {
                keys.putIfAbsent(tableKey(c.getTableName()) + "." + columnKey(a.getKeyColumnNames()[0]),
                        collectionName(c));
            }
        });
        this.tableOwners = Map.copyOf(tables);
        this.oneToManyKeys = Map.copyOf(keys);

        Map<String, String> byHql = new HashMap<>();
        Map<SqlFingerprint, String> bySql = new HashMap<>();
        for (NamedQueries.Named q : NamedQueries.list(factory)) {
            if (q.hql() != null) {
                byHql.putIfAbsent(q.hql(), q.name());
                hqlByName.putIfAbsent(q.name(), q.hql());
                if (!q.select()) {
                    // a mutation reaches JDBC without its HQL: recognise it by the SQL it translates to
                    try {
                        bySql.putIfAbsent(SqlFingerprint.of(SqlCapture.sql(factory, q.name())), q.name());
                    } catch (RuntimeException e) {
                        LOG.warn("Cannot translate named query {} to SQL; its executions will be named by their SQL: {}",
                                q.name(), e.toString());
                    }
                }
            } else {
                bySql.putIfAbsent(SqlFingerprint.of(q.sql()), q.name());
            }
        }
        this.namedByHql = Map.copyOf(byHql);
        this.namedBySql = Map.copyOf(bySql);
        sqlNames.clear();
    }

    /** The name of a select Hibernate runs for a query or a load; {@code intent} is what an event announced. */
    String selectName(ExecutionContext context, String sql, ThreadState.Intent intent, ShapeCache shapes) {
        String identifier = context.getQueryIdentifier(sql);
        if (identifier != null && !identifier.equals(sql)) {
            // HQL plans identify themselves by their HQL; criteria by a marker before the SQL
            if (identifier.startsWith(CRITERIA_PREFIX)) {
                // a criteria query identifies itself by its SQL: name it without the paging Hibernate adds
                return "criteria:" + SqlFingerprint.of(withoutPaging(shapes.shape(sql).fingerprint().normalized())).id();
            }
            String named = namedByHql.get(identifier);
            return named != null ? named : hqlName(identifier);
        }
        CollectionKey collectionKey = context.getCollectionKey();
        if (collectionKey != null) {
            return collectionLoadName(collectionKey.getRole());
        }
        Object entityId = context.getEntityId();
        if (intent != null && (entityId == null || intent.entityId() == null || entityId.equals(intent.entityId()))) {
            return intent.name();
        }
        if (entityId != null || context.getRootEntityDescriptor() != null || context.getEntityUniqueKey() != null) {
            String entityName = context.getRootEntityDescriptor() != null
                    ? context.getRootEntityDescriptor().getEntityName() : null;
            if (entityName != null) {
                return loadName(entityName);
            }
        }
        return nativeName(sql, shapes);
    }

    /** The name of an HQL or native insert, update or delete run through a query. */
    String mutationName(ExecutionContext context, String sql, boolean nativeQuery, ShapeCache shapes) {
        SqlFingerprint fp = shapes.shape(sql).fingerprint();
        String named = namedBySql.get(fp);
        if (named != null) {
            return named;
        }
        String identifier = nativeQuery ? null : context.getQueryIdentifier(sql);
        if (identifier != null && !identifier.equals(sql) && !identifier.startsWith(CRITERIA_PREFIX)) {
            String byHql = namedByHql.get(identifier);
            return byHql != null ? byHql : hqlName(identifier);
        }
        return (nativeQuery ? "native:" : "hql:") + fp.id();
    }

    /**
     * {@code hql:<id>}, the id of the HQL's fingerprint (literals and parameters replaced, case and spacing
     * normalized): the name follows what the application wrote, not the SQL Hibernate generates, so paging the
     * query or adding a column to the entity leaves it unchanged. The HQL is kept for {@link #hqlOf}.
     */
    String hqlName(String hql) {
        String name = hqlNames.get(hql);
        if (name == null) {
            name = "hql:" + SqlFingerprint.of(hql).id();
            if (hqlNames.size() < MAX_CACHED_SQL_NAMES) {
                hqlNames.putIfAbsent(hql, name);
                hqlByName.putIfAbsent(name, hql);
            }
        }
        return name;
    }

    /** The HQL of an {@code hql:} or named query's name, as the application wrote it, or null. */
    String hqlOf(String name) {
        return hqlByName.get(name);
    }

    private static final Pattern PAGING = Pattern.compile(
            "( offset \\? rows?)?( fetch (first|next) \\? rows? only)?( limit \\?)?( offset \\?)?$");

    static String withoutPaging(String normalizedSql) {
        return PAGING.matcher(normalizedSql).replaceFirst("");
    }

    String nativeName(String sql, ShapeCache shapes) {
        SqlFingerprint fp = shapes.shape(sql).fingerprint();
        String named = namedBySql.get(fp);
        return named != null ? named : "native:" + fp.id();
    }

    /** {@code find:Project}: the application asked for an entity by id. */
    String findName(String entityName) {
        return findNames.computeIfAbsent(entityName, n -> "find:" + jpaName(n));
    }

    /** {@code load:User}: Hibernate loads an entity the application reached through an association. */
    String loadName(String entityName) {
        return loadNames.computeIfAbsent(entityName, n -> "load:" + jpaName(n));
    }

    /** {@code load:Project.tasks}: Hibernate initialises a collection. */
    String collectionLoadName(String role) {
        return collectionNames.computeIfAbsent(role, r -> "load:" + collectionName(r));
    }

    /**
     * The name of a statement Hibernate runs outside any query or load: a flush's
     * {@code insert:Project}, {@code update:Project}, {@code delete:Project} (or
     * {@code insert:Project.tags} for a collection table), a sequence's {@code nextval:project_seq},
     * and {@code sql:<fingerprint>} for anything else.
     */
    String unframedName(SqlShape shape) {
        String name = sqlNames.get(shape.sql());
        if (name == null) {
            name = computeUnframedName(shape);
            if (sqlNames.size() < MAX_CACHED_SQL_NAMES) {
                sqlNames.putIfAbsent(shape.sql(), name);
            }
        }
        return name;
    }

    private String computeUnframedName(SqlShape shape) {
        String normalized = shape.fingerprint().normalized();
        String table = null;
        String verb = null;
        if (normalized.startsWith("insert into ")) {
            verb = "insert";
            table = firstWord(normalized, "insert into ".length());
        } else if (normalized.startsWith("update ")) {
            verb = "update";
            table = firstWord(normalized, "update ".length());
        } else if (normalized.startsWith("delete from ")) {
            verb = "delete";
            table = firstWord(normalized, "delete from ".length());
        } else if (normalized.startsWith("merge into ")) {
            verb = "merge";
            table = firstWord(normalized, "merge into ".length());
        }
        if (table != null) {
            if (verb.equals("update")) {
                String collection = oneToManyWrite(normalized, "update ".length() + table.length());
                if (collection != null) {
                    return "update:" + collection;
                }
            }
            String owner = tableOwners.get(tableKey(table));
            return verb + ":" + (owner != null ? owner : tableKey(table));
        }
        Matcher m = NEXTVAL.matcher(shape.sql());
        if (normalized.startsWith("select nextval(") && m.find()) {
            return "nextval:" + m.group(1);
        }
        String named = namedBySql.get(shape.fingerprint());
        return named != null ? named : "sql:" + shape.fingerprint().id();
    }

    /**
     * The collection an {@code update <table> set <one column>=... where ...} writes, when that column is the key
     * of a one-to-many collection: adding rows to it or removing them. An entity's own update sets all its columns.
     */
    private String oneToManyWrite(String normalized, int afterTable) {
        String table = tableKey(normalized.substring("update ".length(), afterTable));
        String rest = normalized.substring(afterTable);
        if (!rest.startsWith(" set ")) {
            return null;
        }
        int eq = rest.indexOf('=');
        int where = rest.indexOf(" where ");
        if (eq < 0 || where < 0 || rest.substring(eq, where).contains(",")) {
            return null;
        }
        return oneToManyKeys.get(table + "." + columnKey(rest.substring(" set ".length(), eq).trim()));
    }

    private static String columnKey(String column) {
        return tableKey(column);
    }

    private static String firstWord(String s, int from) {
        int end = from;
        while (end < s.length() && s.charAt(end) != ' ' && s.charAt(end) != '(') {
            end++;
        }
        return s.substring(from, end);
    }

    /** A table name without schema or quotes, in lower case, as SQL and the mapping may spell it differently. */
    static String tableKey(String table) {
        String t = table;
        int dot = t.lastIndexOf('.');
        if (dot >= 0) {
            t = t.substring(dot + 1);
        }
        return t.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT);
    }

    private String jpaName(String entityName) {
        SessionFactoryImplementor factory = sessionFactory;
        if (factory != null) {
            EntityPersister p = factory.getMappingMetamodel().findEntityDescriptor(entityName);
            if (p != null) {
                return jpaName(p);
            }
        }
        return simpleName(entityName);
    }

    private static String jpaName(EntityPersister p) {
        String jpa = p.getJpaEntityName();
        return jpa != null ? jpa : simpleName(p.getEntityName());
    }

    private String collectionName(String role) {
        SessionFactoryImplementor factory = sessionFactory;
        CollectionPersister c = factory == null ? null : factory.getMappingMetamodel().findCollectionDescriptor(role);
        return c != null ? collectionName(c) : simpleName(role.substring(0, Math.max(0, role.lastIndexOf('.'))))
                + role.substring(Math.max(0, role.lastIndexOf('.')));
    }

    private static String collectionName(CollectionPersister c) {
        EntityPersister owner = c.getOwnerEntityPersister();
        String role = c.getRole();
        String path = role.startsWith(owner.getEntityName() + ".")
                ? role.substring(owner.getEntityName().length() + 1)
                : role.substring(role.lastIndexOf('.') + 1);
        return jpaName(owner) + "." + path;
    }

    private static String simpleName(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
