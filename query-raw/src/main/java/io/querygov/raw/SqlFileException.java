package io.querygov.raw;

import io.querygov.core.QueryGovException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * SQL files could not be loaded. Lists every problem found, each with its file and line, so that
 * one run tells everything to fix; nothing from the files was registered.
 */
public final class SqlFileException extends QueryGovException {
    private static final long serialVersionUID = 1L;

    private final transient List<SqlFileProblem> problems;

    public SqlFileException(List<SqlFileProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, ordered by file and line. */
    public List<SqlFileProblem> problems() {
        return problems;
    }

    private static String message(List<SqlFileProblem> problems) {
        if (problems.size() == 1) {
            return "Cannot load SQL files: " + problems.get(0);
        }
        return "Cannot load SQL files, " + problems.size() + " problems:"
                + problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
    }
}
