package io.querygov.cli.internal;

import io.querygov.cli.ExitCode;
import io.querygov.core.QueryCatalog;
import java.nio.file.Path;

/** Folders of {@code .sql} files as catalogs. */
final class SqlFolders {
    private SqlFolders() {
    }

    static QueryCatalog load(Path folder) {
        throw new CliException(ExitCode.USAGE, "--catalog " + folder + ": folders of .sql files are not read yet");
    }
}
