package io.querygov.cli.internal;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryCatalogProvider;
import io.querygov.core.QueryRunner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The catalogs given with {@code --catalog}: folders of SQL files, which need only the SQL runner, and jars, whose
 * providers may contribute runners of their own. Those are asked for once, the first time a command needs runners,
 * and what they ask to be closed is closed with the workload, last registered first, before the jars' class loaders.
 */
final class GivenWorkload implements Workload {
    private final QueryCatalog catalog;
    private final String description;
    private final List<JarCatalog> jars;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private List<QueryRunner> runners;

    GivenWorkload(QueryCatalog catalog, String description, List<JarCatalog> jars) {
        this.catalog = catalog;
        this.description = description;
        this.jars = List.copyOf(jars);
    }

    // The Workload methods, as ExampleWorkload implements them: the runners come from the jars here.
    @Override
    public QueryCatalog catalog() {
        return catalog;
    }

    @Override
    public synchronized List<QueryRunner> runners(DataSource dataSource, boolean allowWrites) {
        if (runners == null) {
            Context context = new Context(dataSource, allowWrites, this::closeWhenDone);
            List<QueryRunner> all = new ArrayList<>();
            for (JarCatalog jar : jars) {
                all.addAll(jar.runners(context));
            }
            runners = List.copyOf(all);
        }
        return runners;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public synchronized void close() {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception ignored) {
                // the command has its result; a session factory that fails to close loses nothing of it
            }
        }
        jars.forEach(JarCatalog::close);
    }

    private synchronized void closeWhenDone(AutoCloseable resource) {
        resources.push(resource);
    }

    /** The target as the jars' providers get it, and the workload that closes what they open. */
    private record Context(DataSource dataSource, boolean allowWrites, Consumer<AutoCloseable> closer)
            implements QueryCatalogProvider.RunnerContext {

        @Override
        public <T> T unwrap(Class<T> type) {
            if (type.isInstance(dataSource)) {
                return type.cast(dataSource);
            }
            throw new IllegalArgumentException("querytool offers its target as a javax.sql.DataSource, not as "
                    + type.getName());
        }

        @Override
        public void closeWhenDone(AutoCloseable resource) {
            closer.accept(Objects.requireNonNull(resource, "resource"));
        }
    }
}
