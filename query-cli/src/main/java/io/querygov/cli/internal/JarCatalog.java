package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import io.querygov.core.DuplicateQueryException;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryCatalogProvider;
import io.querygov.core.QueryGovException;
import io.querygov.core.QueryRunner;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * One {@code --catalog} jar: the {@link QueryCatalogProvider}s it declares itself (those of querytool's own class
 * path, seen through the parent class loader, are left out), their merged catalog, and, on demand, their runners.
 * Its class loader stays open until {@link #close()}: the jar's classes load lazily while its queries run.
 */
final class JarCatalog implements AutoCloseable {
    private final Path jar;
    private final CatalogJarLoader loader;
    private final List<QueryCatalogProvider> providers;
    private final QueryCatalog catalog;

    private JarCatalog(Path jar, CatalogJarLoader loader, List<QueryCatalogProvider> providers, QueryCatalog catalog) {
        this.jar = jar;
        this.loader = loader;
        this.providers = providers;
        this.catalog = catalog;
    }

    /** @throws CliException with {@link ExitCode#USAGE} naming the jar and the provider at fault */
    static JarCatalog load(Path jar) {
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new CliException(ExitCode.USAGE, "--catalog " + jar + ": " + e.getMessage(), e);
        }
        CatalogJarLoader loader = new CatalogJarLoader(jar, url, JarCatalog.class.getClassLoader());
        try {
            List<QueryCatalogProvider> providers = new ArrayList<>();
            List<QueryCatalog> catalogs = new ArrayList<>();
            try {
                for (ServiceLoader.Provider<QueryCatalogProvider> provider
                        : ServiceLoader.load(QueryCatalogProvider.class, loader).stream().toList()) {
                    if (provider.type().getClassLoader() != loader) {
                        continue;
                    }
                    QueryCatalogProvider instance = call(jar, provider.type().getName(), loader, provider::get);
                    providers.add(instance);
                    catalogs.add(call(jar, provider.type().getName(), loader, instance::catalog));
                }
            } catch (ServiceConfigurationError e) {
                throw failure(jar, e.getMessage(), e);
            }
            if (catalogs.isEmpty()) {
                throw new CliException(ExitCode.USAGE, "--catalog " + jar + " declares no query catalog: list the"
                        + " provider class in META-INF/services/" + QueryCatalogProvider.class.getName());
            }
            QueryCatalog merged;
            try {
                merged = QueryCatalog.merge(catalogs);
            } catch (DuplicateQueryException e) {
                throw failure(jar, e.getMessage(), e);
            }
            return new JarCatalog(jar, loader, List.copyOf(providers), merged);
        } catch (RuntimeException e) {
            closeQuietly(loader);
            throw e;
        }
    }

    QueryCatalog catalog() {
        return catalog;
    }

    /**
     * The runners every provider of the jar contributes, in the order of its services file.
     *
     * @throws CliException with {@link ExitCode#USAGE} naming the provider whose {@code runners} failed
     */
    List<QueryRunner> runners(QueryCatalogProvider.RunnerContext context) {
        List<QueryRunner> runners = new ArrayList<>();
        for (QueryCatalogProvider provider : providers) {
            List<QueryRunner> contributed = call(jar, provider.getClass().getName() + ".runners", loader,
                    () -> provider.runners(context));
            if (contributed == null || contributed.stream().anyMatch(java.util.Objects::isNull)) {
                throw failure(jar, provider.getClass().getName() + ".runners returned null or a null runner", null);
            }
            runners.addAll(contributed);
        }
        return runners;
    }

    /** Runs the jar's code with the jar as the context class loader, as a service would see it. */
    private static <T> T call(Path jar, String what, ClassLoader loader, Supplier<T> code) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return code.get();
        } catch (CliException e) {
            throw e;
        } catch (QueryGovException e) {
            throw failure(jar, what + " failed: " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            throw failure(jar, what + " failed: " + e, e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static CliException failure(Path jar, String message, Throwable cause) {
        return new CliException(ExitCode.USAGE, "--catalog " + jar + ": " + message, cause);
    }

    @Override
    public void close() {
        closeQuietly(loader);
    }

    private static void closeQuietly(CatalogJarLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // the jar is only read; nothing is lost
        }
    }
}
