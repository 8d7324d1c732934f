package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import io.querygov.core.QueryCatalog;
import io.querygov.raw.SqlFileException;
import io.querygov.raw.SqlFileLoader;
import io.querygov.raw.SqlFileProblem;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Folders of {@code .sql} files as catalogs. */
final class SqlFolders {
    private SqlFolders() {
    }

    /**
     * @param warnings where what the loader skips goes (a symbolic link that loops, a broken .sql link), by name
     * @throws CliException with {@link ExitCode#USAGE} listing every problem with its file and line
     */
    static QueryCatalog load(Path folder, Consumer<SqlFileProblem> warnings) {
        try {
            return SqlFileLoader.create().directory(folder).warnings(warnings).load();
        } catch (SqlFileException e) {
            StringBuilder message = new StringBuilder("--catalog ").append(folder).append(": ");
            if (e.problems().size() == 1) {
                message.append(e.problems().get(0));
            } else {
                message.append(e.problems().size()).append(" problems:");
                for (SqlFileProblem p : e.problems()) {
                    message.append("\n  ").append(p);
                }
            }
            throw new CliException(ExitCode.USAGE, message.toString(), e);
        }
    }
}
