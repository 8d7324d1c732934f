package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.core.QueryType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * Which registered queries a command works on: all of them, or those of the given types, tags and names. Options
 * of one kind widen (any type given), options of different kinds narrow (a type and a tag).
 */
public final class QueryFilter {

    @Option(names = "--type", paramLabel = "TYPE", order = 30, converter = TypeConverter.class,
            description = "Only queries of this type, repeatable: ORM_SIMPLE, ORM_COMPLEX, RAW_SQL_ANALYTICS,"
                    + " RAW_SQL_BULK (case and - for _ do not matter).")
    List<QueryType> types = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", order = 31,
            description = "Only queries with this tag, repeatable, e.g. --tag dashboard.")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-q", "--query"}, paramLabel = "NAME|GLOB", order = 32,
            description = "Only queries with this name, or names matching this glob (* and ?), repeatable.")
    List<String> names = new ArrayList<>();

    /** Whether any filter was given. */
    public boolean given() {
        return !types.isEmpty() || !tags.isEmpty() || !names.isEmpty();
    }

    /** The queries that pass. */
    public QueryCatalog apply(QueryCatalog catalog) {
        List<Pattern> patterns = names.stream().map(QueryFilter::glob).toList();
        return catalog.filter(q -> matches(q, patterns));
    }

    /**
     * The queries that pass, of which there must be one.
     *
     * @param nothing the message's start when none passes, e.g. {@code No query to benchmark}
     * @throws CliException with {@link ExitCode#USAGE}, saying whether the filter or the catalog left nothing
     */
    public QueryCatalog applyToSome(QueryCatalog catalog, String nothing) {
        QueryCatalog passed = apply(catalog);
        if (passed.isEmpty()) {
            throw new CliException(ExitCode.USAGE, nothing + ": " + (given() ? "none matches " + describe()
                    : "the catalog is empty"));
        }
        return passed;
    }

    /** What was asked for, for an empty result's message. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        types.forEach(t -> parts.add("--type " + t));
        tags.forEach(t -> parts.add("--tag " + t));
        names.forEach(n -> parts.add("--query " + n));
        return String.join(" ", parts);
    }

    private boolean matches(QueryDescriptor q, List<Pattern> patterns) {
        if (!types.isEmpty() && !types.contains(q.type())) {
            return false;
        }
        if (!tags.isEmpty() && tags.stream().noneMatch(q::hasTag)) {
            return false;
        }
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(q.name()).matches());
    }

    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** Reads a query type as {@link QueryType#parse(String)} does. */
    public static final class TypeConverter extends ParsingConverter<QueryType> {
        public TypeConverter() {
            super(QueryType::parse);
        }
    }
}
