package io.querygov.inspect;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryParameter;
import io.querygov.core.SqlFingerprint;
import io.querygov.core.StatementLanguage;
import io.querygov.raw.NamedSql;
import io.querygov.raw.ParameterTyping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps pg_stat_statements entries back to registered query names: by query identifier where the server computed
 * one for the registered statement, else by normalized text ({@link SqlFingerprint} reads the registered
 * {@code :name} text and pg_stat_statements' {@code $1} text as the same shape). When two registered statements have
 * the same shape, a text match names the first registered. Immutable.
 */
public final class StatementNames {
    private static final Logger LOG = LoggerFactory.getLogger(StatementNames.class);
    private static final StatementNames NONE = new StatementNames(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    private final Map<Long, String> byQueryId;
    private final Map<SqlFingerprint, String> byText;
    /** Every registered name of a query identifier or a shape, in catalog order: see {@link #allNames}. */
    private final Map<Long, List<String>> allByQueryId;
    private final Map<SqlFingerprint, List<String>> allByText;
    /** Names a running service tracked, by {@link SqlFingerprint#id()}, each in the order the service listed them. */
    private final Map<String, List<String>> byServiceFingerprint;

    private StatementNames(Map<Long, String> byQueryId, Map<SqlFingerprint, String> byText,
                           Map<Long, List<String>> allByQueryId, Map<SqlFingerprint, List<String>> allByText,
                           Map<String, List<String>> byServiceFingerprint) {
        this.byQueryId = byQueryId;
        this.byText = byText;
        this.allByQueryId = allByQueryId;
        this.allByText = allByText;
        this.byServiceFingerprint = byServiceFingerprint;
    }

    /**
     * These names, and besides them the names a running service tracked its statements under, by the id of each
     * statement's fingerprint (what query-metrics' snapshots keep as {@code fingerprintId}): the way to name
     * Hibernate's statements, which no catalog holds. A catalog's match comes first; a service name matches an
     * entry no catalog name does.
     *
     * @param namesByFingerprintId query names by fingerprint id, in the order they are to be listed
     */
    public StatementNames withServiceNames(Map<String, List<String>> namesByFingerprintId) {
        Map<String, List<String>> merged = new LinkedHashMap<>(byServiceFingerprint);
        namesByFingerprintId.forEach((id, names) -> merged.merge(id, List.copyOf(names), (a, b) -> {
            List<String> both = new ArrayList<>(a);
            b.stream().filter(n -> !both.contains(n)).forEach(both::add);
            return List.copyOf(both);
        }));
        return new StatementNames(byQueryId, byText, allByQueryId, allByText, Collections.unmodifiableMap(merged));
    }

    /** Matches nothing. */
    public static StatementNames none() {
        return NONE;
    }

    /** Matches by text only: needs no database, works on any version. */
    public static StatementNames byText(QueryCatalog catalog) {
        return new StatementNames(Map.of(), fingerprints(catalog), Map.of(), allFingerprints(catalog), Map.of());
    }

    /**
     * Matches by query identifier, computed by the server for each SQL statement of the catalog, and by text for
     * the rest. The identifier comes from {@code EXPLAIN (VERBOSE)} with each parameter bound as a NULL of its
     * declared type, as Jdbi would bind a value of that type; nothing is run. It is shown on PostgreSQL 14+ when
     * {@code compute_query_id} is on, or auto with pg_stat_statements loaded; elsewhere only text matches.
     * A statement the server refuses is matched by text only.
     *
     * @throws IntrospectionException when no connection can be had
     */
    public static StatementNames forCatalog(DataSource dataSource, QueryCatalog catalog) {
        Map<Long, String> ids = new LinkedHashMap<>();
        Map<Long, List<String>> allIds = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (QueryDescriptor query : catalog) {
                if (query.language() != StatementLanguage.SQL || query.statement().isEmpty()) {
                    continue;
                }
                Long id = queryId(connection, query);
                if (id != null) {
                    ids.putIfAbsent(id, query.name());
                    allIds.computeIfAbsent(id, k -> new ArrayList<>()).add(query.name());
                }
            }
        } catch (SQLException e) {
            throw new IntrospectionException(null, e.getSQLState(),
                    "Cannot connect to compute the query identifiers of the catalog: " + e.getMessage(), e);
        }
        return new StatementNames(Collections.unmodifiableMap(ids), fingerprints(catalog),
                Collections.unmodifiableMap(allIds), allFingerprints(catalog), Map.of());
    }

    /** The registered query an entry belongs to, if any. */
    public Optional<NameMatch> match(StatementStats stats) {
        String name = byQueryId.get(stats.queryId());
        if (name != null) {
            return Optional.of(new NameMatch(name, NameMatch.Via.QUERY_ID));
        }
        if ((byText.isEmpty() && byServiceFingerprint.isEmpty()) || stats.query() == null) {
            return Optional.empty();
        }
        SqlFingerprint fingerprint = SqlFingerprint.of(stats.query());
        name = byText.get(fingerprint);
        if (name != null) {
            return Optional.of(new NameMatch(name, NameMatch.Via.TEXT));
        }
        List<String> service = byServiceFingerprint.get(fingerprint.id());
        return service == null ? Optional.empty() : Optional.of(new NameMatch(service.get(0), NameMatch.Via.SERVICE));
    }

    /**
     * Every registered name an entry may belong to, {@link #match}'s first: pg_stat_statements keeps one entry per
     * query identifier, which ignores aliases, so a Hibernate statement and a SQL file of the same shape share it.
     * Empty when none matches.
     */
    public List<String> allNames(StatementStats stats) {
        Optional<NameMatch> first = match(stats);
        if (first.isEmpty()) {
            return List.of();
        }
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        names.add(first.get().queryName());
        names.addAll(allByQueryId.getOrDefault(stats.queryId(), List.of()));
        if (stats.query() != null && (!allByText.isEmpty() || !byServiceFingerprint.isEmpty())) {
            SqlFingerprint fingerprint = SqlFingerprint.of(stats.query());
            names.addAll(allByText.getOrDefault(fingerprint, List.of()));
            names.addAll(byServiceFingerprint.getOrDefault(fingerprint.id(), List.of()));
        }
        return List.copyOf(names);
    }

    /** The query identifiers computed for registered names. */
    public Map<String, Long> queryIds() {
        Map<String, Long> out = new LinkedHashMap<>();
        byQueryId.forEach((id, name) -> out.put(name, id));
        return Collections.unmodifiableMap(out);
    }

    private static Long queryId(Connection connection, QueryDescriptor query) {
        NamedSql sql = NamedSql.parse(query.statement().get());
        // no casts added: the identifier must be that of the text the application sends
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN (VERBOSE, FORMAT JSON) " + sql.jdbcSql())) {
            List<String> placeholders = sql.jdbcParameterNames();
            for (int i = 0; i < placeholders.size(); i++) {
                String declared = query.parameter(placeholders.get(i)).map(QueryParameter::sqlType).orElse(null);
                ParameterTyping.of(declared).bind(statement, i + 1, null);
            }
            StringBuilder json = new StringBuilder();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    json.append(rs.getString(1));
                }
            }
            return QueryPlan.parse(json.toString()).queryId();
        } catch (SQLException | IllegalArgumentException e) {
            LOG.debug("No query identifier for {}: {}", query.name(), e.getMessage());
            return null;
        }
    }

    private static Map<SqlFingerprint, List<String>> allFingerprints(QueryCatalog catalog) {
        Map<SqlFingerprint, List<String>> out = new HashMap<>();
        for (QueryDescriptor query : catalog) {
            if (query.language() == StatementLanguage.SQL) {
                query.fingerprint().ifPresent(fp -> out.computeIfAbsent(fp, k -> new ArrayList<>()).add(query.name()));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<SqlFingerprint, String> fingerprints(QueryCatalog catalog) {
        Map<SqlFingerprint, String> out = new HashMap<>();
        for (QueryDescriptor query : catalog) {
            if (query.language() == StatementLanguage.SQL) {
                query.fingerprint().ifPresent(fp -> out.putIfAbsent(fp, query.name()));
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
