package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import io.querygov.core.DuplicateQueryException;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryCatalogProvider;
import io.querygov.core.QueryGovException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the registered queries come from: {@code --catalog}, repeatable, each a jar whose
 * {@link QueryCatalogProvider}s are used, or a folder of {@code .sql} files. Without it, the catalogs built into
 * querytool (the examples) are used.
 */
public final class CatalogOptions {

    @Option(names = "--catalog", paramLabel = "JAR|FOLDER", order = 20,
            description = "Queries to work on, repeatable: a jar (its QueryCatalogProvider services are used) or a"
                    + " folder of .sql files with -- name: headers. Default: the examples catalog built in.")
    List<Path> catalogs = new ArrayList<>();

    /** The command this is mixed into: its standard error carries what a catalog loads past with a warning. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Whether the user named catalogs, rather than relying on the built-in one. */
    public boolean given() {
        return !catalogs.isEmpty();
    }

    /**
     * Loads and merges every catalog given, in order, or the built-in examples.
     *
     * @throws CliException with {@link ExitCode#USAGE} naming the file (and line, for SQL files) at fault
     */
    public Workload open() {
        if (catalogs.isEmpty()) {
            return builtIn();
        }
        List<QueryCatalog> loaded = new ArrayList<>();
        for (Path path : catalogs) {
            loaded.add(loadOne(path));
        }
        QueryCatalog merged;
        try {
            merged = QueryCatalog.merge(loaded);
        } catch (DuplicateQueryException e) {
            throw new CliException(ExitCode.USAGE, "The catalogs given with --catalog register the same name twice: "
                    + e.getMessage(), e);
        }
        return Workload.of(merged, merged.size() + (merged.size() == 1 ? " query" : " queries") + " from "
                + String.join(", ", catalogs.stream().map(Path::toString).toList()));
    }

    /** The examples built into querytool: SQL files, named queries and the ORM variants of the reports. */
    public static Workload builtIn() {
        try {
            return ExampleWorkload.open();
        } catch (RuntimeException e) {
            throw new CliException(ExitCode.UNEXPECTED, "The built-in examples catalog does not load: "
                    + e.getMessage(), e);
        }
    }

    private QueryCatalog loadOne(Path path) {
        if (!Files.exists(path)) {
            throw new CliException(ExitCode.USAGE, "--catalog " + path + ": no such file or folder");
        }
        if (Files.isDirectory(path)) {
            return SqlFolders.load(path, warning -> {
                PrintWriter err = command.commandLine().getErr();
                err.println("warning: " + warning);
                err.flush();
            });
        }
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".jar")) {
            throw new CliException(ExitCode.USAGE, "--catalog " + path + " is neither a jar nor a folder of .sql"
                    + " files");
        }
        return loadJar(path);
    }

    /**
     * The providers that the jar itself declares: those of querytool's own class path (seen through the parent
     * class loader) are left out, so a service jar brings only its own queries.
     */
    private static QueryCatalog loadJar(Path jar) {
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new CliException(ExitCode.USAGE, "--catalog " + jar + ": " + e.getMessage(), e);
        }
        // kept open: classes of the jar may load lazily while its queries are used
        URLClassLoader loader = new URLClassLoader("catalog:" + jar.getFileName(), new URL[] {url},
                CatalogOptions.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        List<QueryCatalog> catalogs = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<QueryCatalogProvider> provider
                    : ServiceLoader.load(QueryCatalogProvider.class, loader).stream().toList()) {
                if (provider.type().getClassLoader() != loader) {
                    continue;
                }
                try {
                    catalogs.add(provider.get().catalog());
                } catch (QueryGovException e) {
                    throw failure(jar, provider.type().getName() + " failed: " + e.getMessage(), e);
                } catch (RuntimeException | LinkageError e) {
                    throw failure(jar, provider.type().getName() + " failed: " + e, e);
                }
            }
        } catch (ServiceConfigurationError e) {
            throw failure(jar, e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (catalogs.isEmpty()) {
            try {
                loader.close();
            } catch (IOException ignored) {
                // nothing was loaded from it
            }
            throw new CliException(ExitCode.USAGE, "--catalog " + jar + " declares no query catalog: list the"
                    + " provider class in META-INF/services/" + QueryCatalogProvider.class.getName());
        }
        try {
            return QueryCatalog.merge(catalogs);
        } catch (DuplicateQueryException e) {
            throw failure(jar, e.getMessage(), e);
        }
    }

    private static CliException failure(Path jar, String message, Throwable cause) {
        return new CliException(ExitCode.USAGE, "--catalog " + jar + ": " + message, cause);
    }
}
