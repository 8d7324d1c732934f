package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import io.querygov.core.DuplicateQueryException;
import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryCatalogProvider;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
     * Loads and merges every catalog given, in order, or the built-in examples. The jars' providers contribute
     * their {@linkplain QueryCatalogProvider#runners runners} once the command has a target.
     *
     * @throws CliException with {@link ExitCode#USAGE} naming the file (and line, for SQL files) at fault
     */
    public Workload open() {
        if (catalogs.isEmpty()) {
            return builtIn();
        }
        List<QueryCatalog> loaded = new ArrayList<>();
        List<JarCatalog> jars = new ArrayList<>();
        try {
            for (Path path : catalogs) {
                if (isJar(path)) {
                    JarCatalog jar = JarCatalog.load(path);
                    jars.add(jar);
                    loaded.add(jar.catalog());
                } else {
                    loaded.add(loadFolder(path));
                }
            }
            QueryCatalog merged;
            try {
                merged = QueryCatalog.merge(loaded);
            } catch (DuplicateQueryException e) {
                throw new CliException(ExitCode.USAGE, "The catalogs given with --catalog register the same name"
                        + " twice: " + e.getMessage(), e);
            }
            return new GivenWorkload(merged, merged.size() + (merged.size() == 1 ? " query" : " queries") + " from "
                    + String.join(", ", catalogs.stream().map(Path::toString).toList()), jars);
        } catch (RuntimeException e) {
            jars.forEach(JarCatalog::close);
            throw e;
        }
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

    private static boolean isJar(Path path) {
        if (!Files.exists(path)) {
            throw new CliException(ExitCode.USAGE, "--catalog " + path + ": no such file or folder");
        }
        if (Files.isDirectory(path)) {
            return false;
        }
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".jar")) {
            throw new CliException(ExitCode.USAGE, "--catalog " + path + " is neither a jar nor a folder of .sql"
                    + " files");
        }
        return true;
    }

    private QueryCatalog loadFolder(Path path) {
        return SqlFolders.load(path, warning -> {
            PrintWriter err = command.commandLine().getErr();
            err.println("warning: " + warning);
            err.flush();
        });
    }
}
