package io.querygov.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A query the service runs, described once: its stable name, its type, the statement, where it was
 * defined, its parameters and tags. Immutable and safe to share; the tracker uses it as the key of
 * everything it records, so build descriptors once and reuse them.
 */
public final class QueryDescriptor {
    // Constants and one final field per part, declared as any immutable class declares them.
    /** Longest name accepted: names are metric keys and must stay short and stable. */
    public static final int MAX_NAME_LENGTH = 200;

    /** Prefix of the names given to SQL that no catalog names. */
    public static final String ADHOC_PREFIX = "adhoc:";

    private final String name;
    private final QueryType type;
    private final StatementLanguage language;
    private final String statement;
    private final String origin;
    private final String description;
    private final List<QueryParameter> parameters;
    private final Set<String> tags;
    private final Duration timeout;
    private final Duration slowThreshold;
    private final Duration cacheTtl;
    /** Computed on first use; racy but idempotent, like String's hash. */
    private SqlFingerprint fingerprint;

    private QueryDescriptor(Builder b) {
        this.name = checkName(b.name);
        this.type = Objects.requireNonNull(b.type, () -> "query '" + name + "' needs a type");
        this.statement = b.statement;
        this.language = statement == null ? StatementLanguage.NONE
                : Objects.requireNonNull(b.language, () -> "query '" + name + "' has a statement but no language");
        this.origin = b.origin;
        this.description = b.description;
        this.parameters = List.copyOf(b.parameters);
        this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(b.tags));
        this.timeout = checkPositive(b.timeout, "timeout");
        this.slowThreshold = checkPositive(b.slowThreshold, "slow-query threshold");
        this.cacheTtl = checkPositive(b.cacheTtl, "cache TTL");
        Set<String> seen = new LinkedHashSet<>();
        for (QueryParameter p : parameters) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("query '" + name + "' declares parameter '" + p.name() + "' twice");
            }
        }
    }

    /** Starts a descriptor with the two things every query has. */
    public static Builder builder(String name, QueryType type) {
        return new Builder(name, type);
    }

    /** A query known only by name and type, with no statement. */
    public static QueryDescriptor of(String name, QueryType type) {
        return builder(name, type).build();
    }

    /**
     * A descriptor for SQL that no catalog names: its name is {@value #ADHOC_PREFIX} followed by the
     * fingerprint's id, so the same shape of statement always lands on the same name whatever its
     * literal values.
     */
    public static QueryDescriptor adhocSql(String sql, QueryType type) {
        SqlFingerprint fp = SqlFingerprint.of(sql);
        QueryDescriptor d = builder(ADHOC_PREFIX + fp.id(), type).sql(sql).build();
        d.fingerprint = fp;
        return d;
    }

    // Plain accessors, shaped like other classes': a record could not cache the fingerprint or keep null out of the API.
    public String name() {
        return name;
    }

    public QueryType type() {
        return type;
    }

    public StatementLanguage language() {
        return language;
    }

    /** The statement as written: SQL, HQL or an entity operation. */
    public Optional<String> statement() {
        return Optional.ofNullable(statement);
    }

    /** Where the query was defined: {@code file:line} or {@code Class#method}. */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    public List<QueryParameter> parameters() {
        return parameters;
    }

    /** The parameter with this name, if declared. */
    public Optional<QueryParameter> parameter(String parameterName) {
        for (QueryParameter p : parameters) {
            if (p.name().equals(parameterName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Tags in declaration order, for example {@code dashboard} or {@code compare:project-stats}. */
    public Set<String> tags() {
        return tags;
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    /** The statement timeout this query asks for. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** This query's own slow-query threshold, which overrides the one for its type. */
    public Optional<Duration> slowThreshold() {
        return Optional.ofNullable(slowThreshold);
    }

    /**
     * How long a result cache may keep this query's results, when the query asks to be cached
     * ({@code -- cache: 30s} in a SQL file). Empty for a query that is never cached, which is the
     * default: caching is opt-in per query.
     */
    public Optional<Duration> cacheTtl() {
        return Optional.ofNullable(cacheTtl);
    }

    /** The descriptor's own threshold without the Optional wrapper: read on every tracked call. */
    Duration slowThresholdOrNull() {
        return slowThreshold;
    }

    /** The statement's fingerprint: what the slow-query log prints instead of parameter values. */
    public Optional<SqlFingerprint> fingerprint() {
        if (statement == null) {
            return Optional.empty();
        }
        SqlFingerprint fp = fingerprint;
        if (fp == null) {
            fp = SqlFingerprint.of(statement);
            fingerprint = fp;
        }
        return Optional.of(fp);
    }

    /** {@code origin} when known, else a phrase that says it is not: for messages. */
    public String originOrUnknown() {
        return origin == null ? "an unknown origin" : origin;
    }

    /** A builder holding this descriptor's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(name, type);
        b.language = language;
        b.statement = statement;
        b.origin = origin;
        b.description = description;
        b.parameters.addAll(parameters);
        b.tags.addAll(tags);
        b.timeout = timeout;
        b.slowThreshold = slowThreshold;
        b.cacheTtl = cacheTtl;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof QueryDescriptor that
                && name.equals(that.name) && type == that.type && language == that.language
                && Objects.equals(statement, that.statement) && Objects.equals(origin, that.origin)
                && Objects.equals(description, that.description) && parameters.equals(that.parameters)
                && tags.equals(that.tags) && Objects.equals(timeout, that.timeout)
                && Objects.equals(slowThreshold, that.slowThreshold) && Objects.equals(cacheTtl, that.cacheTtl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, statement, origin);
    }

    @Override
    public String toString() {
        return name + " (" + type + (origin == null ? "" : ", " + origin) + ")";
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a query needs a name");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("query name is " + name.length() + " characters long, at most "
                    + MAX_NAME_LENGTH + " are allowed: " + name.substring(0, 40) + "...");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("query name '" + name + "' contains whitespace or a control character at index " + i);
            }
        }
        return name;
    }

    private Duration checkPositive(Duration d, String what) {
        if (d != null && (d.isZero() || d.isNegative())) {
            throw new IllegalArgumentException("query '" + name + "': " + what + " must be positive, was " + d);
        }
        return d;
    }

    /** Builds a {@link QueryDescriptor}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final String name;
        private final QueryType type;
        private StatementLanguage language;
        private String statement;
        private String origin;
        private String description;
        private final List<QueryParameter> parameters = new ArrayList<>();
        private final Set<String> tags = new LinkedHashSet<>();
        private Duration timeout;
        private Duration slowThreshold;
        private Duration cacheTtl;

        private Builder(String name, QueryType type) {
            this.name = name;
            this.type = type;
        }

        /** The SQL text sent to PostgreSQL. */
        public Builder sql(String sql) {
            return statement(StatementLanguage.SQL, sql);
        }

        /** The HQL text of an ORM query. */
        public Builder hql(String hql) {
            return statement(StatementLanguage.HQL, hql);
        }

        public Builder statement(StatementLanguage language, String statement) {
            this.language = Objects.requireNonNull(language, "language");
            this.statement = statement;
            return this;
        }

        // One fluent setter per optional field, shaped like every public builder's on purpose: the API services build with.
        /** Where the query was defined: {@code file:line} or {@code Class#method}. */
        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder parameter(QueryParameter parameter) {
            parameters.add(Objects.requireNonNull(parameter, "parameter"));
            return this;
        }

        public Builder parameters(List<QueryParameter> list) {
            list.forEach(this::parameter);
            return this;
        }

        public Builder tag(String tag) {
            if (tag == null || tag.isBlank()) {
                throw new IllegalArgumentException("query '" + name + "': a tag cannot be empty");
            }
            tags.add(tag);
            return this;
        }

        public Builder tags(Iterable<String> list) {
            list.forEach(this::tag);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder slowThreshold(Duration slowThreshold) {
            this.slowThreshold = slowThreshold;
            return this;
        }

        /** Lets a result cache keep this query's results for {@code ttl}; null (the default) for never. */
        public Builder cacheTtl(Duration ttl) {
            this.cacheTtl = ttl;
            return this;
        }

        public QueryDescriptor build() {
            return new QueryDescriptor(this);
        }
    }
}
