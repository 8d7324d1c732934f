package io.querygov.raw;

import io.querygov.core.QueryCatalog;
import io.querygov.raw.internal.SqlFileParser;
import io.querygov.raw.internal.SqlSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads named SQL statements from {@code .sql} files into a {@link QueryCatalog}.
 *
 * <pre>{@code
 * QueryCatalog catalog = SqlFileLoader.create().classpath("sql").load();
 * }</pre>
 *
 * <p>A file holds one or more statements, each below its header lines:
 * <pre>
 * -- name: project_analytics
 * -- type: RAW_SQL_ANALYTICS
 * -- description: completed jobs, mean and p95 duration per project
 * -- param: project_id uuid sample: SELECT id FROM projects ORDER BY random() LIMIT 500
 * -- param: since timestamptz values: 2024-01-01, 2024-06-01
 * -- param: min_jobs int range: 1..50
 * -- tags: dashboard, compare:project-stats
 * -- timeout: 5s
 * SELECT ... WHERE p.id = :project_id AND j.created_at &gt; :since ...;
 * </pre>
 * {@code name} is required ({@code [a-z0-9_.-]+}, unique across everything one loader loads);
 * {@code type} is inferred from the SQL when absent ({@link NamedSql#inferredType()}); every
 * {@code :parameter} the SQL uses must be declared, and every declared one used. A statement ends
 * at its semicolon, at the next {@code -- name:} line, or at the end of the file.
 *
 * <p>{@link #load()} reads every file, reports every problem at once in a {@link SqlFileException}
 * with file and line, and registers nothing unless all files are clean. Immutable: each method
 * returns a new loader.
 */
public final class SqlFileLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SqlFileLoader.class);

    /** The default for warnings: SLF4J at WARN, which reaches whatever backend the application has. */
    private static final Consumer<SqlFileProblem> LOG_WARNINGS = p -> LOG.warn("{}", p);

    private final List<Source> sources;
    private final Consumer<? super SqlFileProblem> warnings;

    private SqlFileLoader(List<Source> sources, Consumer<? super SqlFileProblem> warnings) {
        this.sources = sources;
        this.warnings = warnings;
    }

    /** A loader with no folders yet, that logs warnings through SLF4J. */
    public static SqlFileLoader create() {
        return new SqlFileLoader(List.of(), LOG_WARNINGS);
    }

    /**
     * Where warnings go: what {@link #load()} skips without failing, each named by file, such as a symbolic link
     * that loops or a broken {@code .sql} link. By default they are logged through SLF4J at WARN; a tool that
     * prints its own messages passes, say, {@code problem -> err.println("warning: " + problem)}.
     */
    public SqlFileLoader warnings(Consumer<? super SqlFileProblem> listener) {
        return new SqlFileLoader(sources, Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Adds a classpath folder, e.g. {@code "sql"} for {@code src/main/resources/sql}, searched with
     * the thread's context class loader (or this class's when there is none).
     */
    public SqlFileLoader classpath(String folder) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return classpath(folder, context != null ? context : SqlFileLoader.class.getClassLoader());
    }

    /** Adds a classpath folder searched with {@code loader}, in every jar and folder that has it. */
    public SqlFileLoader classpath(String folder, ClassLoader loader) {
        if (folder == null || folder.isBlank()) {
            throw new IllegalArgumentException("classpath folder must not be blank, e.g. \"sql\"");
        }
        Objects.requireNonNull(loader, "loader");
        return with(new Source(folder, loader, null));
    }

    /** Adds a filesystem folder; its files are named by their path in origins and messages. */
    public SqlFileLoader directory(Path folder) {
        Objects.requireNonNull(folder, "folder");
        return with(new Source(null, null, folder));
    }

    /**
     * Reads every {@code .sql} file of every folder (recursively, following symbolic links, in name order) into one
     * catalog. A file reached through two links is read once; a link that cannot be followed is a
     * {@linkplain #warnings(Consumer) warning}.
     *
     * @throws SqlFileException listing every problem of every file, when there is any
     */
    public QueryCatalog load() {
        if (sources.isEmpty()) {
            throw new IllegalStateException("SqlFileLoader has no folders: add one with classpath(\"sql\") or directory(path)");
        }
        List<SqlFileProblem> problems = new ArrayList<>();
        List<SqlFileParser.Entry> entries = new ArrayList<>();
        List<SqlFileParser.Entry> named = new ArrayList<>();
        int files = 0;
        for (Source source : sources) {
            List<SqlSources.SqlSource> found = source.folder != null
                    ? SqlSources.classpath(source.folder, source.loader, problems, warnings::accept)
                    : SqlSources.directory(source.directory, problems, warnings::accept);
            for (SqlSources.SqlSource file : found) {
                files++;
                String text = SqlSources.decode(file, problems);
                if (text == null) {
                    continue;
                }
                SqlFileParser.Result r = SqlFileParser.parse(file.name(), text);
                problems.addAll(r.problems());
                entries.addAll(r.entries());
                named.addAll(r.entries());
                named.addAll(r.namedWithProblems());
            }
        }
        duplicates(named, problems);
        if (!problems.isEmpty()) {
            Collections.sort(problems);
            throw new SqlFileException(problems);
        }
        QueryCatalog.Builder catalog = QueryCatalog.builder();
        entries.forEach(e -> catalog.add(e.descriptor()));
        QueryCatalog result = catalog.build();
        LOG.debug("Loaded {} SQL statements from {} files in {}", result.size(), files, this);
        return result;
    }

    /** One problem at every place a name is defined more than once, naming the other places. */
    private static void duplicates(List<SqlFileParser.Entry> named, List<SqlFileProblem> problems) {
        Map<String, List<SqlFileParser.Entry>> byName = new LinkedHashMap<>();
        for (SqlFileParser.Entry e : named) {
            byName.computeIfAbsent(e.name(), k -> new ArrayList<>()).add(e);
        }
        for (List<SqlFileParser.Entry> same : byName.values()) {
            if (same.size() < 2) {
                continue;
            }
            for (SqlFileParser.Entry e : same) {
                String others = same.stream().filter(o -> o != e).map(o -> o.file() + ":" + o.line())
                        .collect(Collectors.joining(", "));
                problems.add(new SqlFileProblem(e.file(), e.line(), "duplicate name '" + e.name() + "', also defined at "
                        + others + ": names must be unique across all SQL files, rename one"));
            }
        }
    }

    private SqlFileLoader with(Source source) {
        List<Source> list = new ArrayList<>(sources);
        list.add(source);
        return new SqlFileLoader(List.copyOf(list), warnings);
    }

    @Override
    public String toString() {
        return sources.stream().map(Source::toString).collect(Collectors.joining(", ", "SqlFileLoader[", "]"));
    }

    private record Source(String folder, ClassLoader loader, Path directory) {
        @Override
        public String toString() {
            return folder != null ? "classpath:" + folder : directory.toString();
        }
    }
}
