package io.querygov.raw;

import io.querygov.core.QueryGovException;
import java.util.List;

/**
 * SQL files could not be loaded. Lists every problem found, each with its file and line, so that
 * one run tells everything to fix; nothing from the files was registered.
 */
public final class SqlFileException extends QueryGovException {
    private static final long serialVersionUID = 1L;

    private final transient List<SqlFileProblem> problems;

    public SqlFileException(List<SqlFileProblem> problems) {
        super(listing("Cannot load SQL files", "problems", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, ordered by file and line. */
    public List<SqlFileProblem> problems() {
        return problems;
    }
}
