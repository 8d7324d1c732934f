package io.querygov.raw;

/**
 * One thing wrong with a SQL file, where it is and how to fix it.
 *
 * @param file the file as the loader names it: {@code sql/reports.sql} for a classpath folder, the
 *             path for a filesystem folder
 * @param line the 1-based line, or 0 when the problem is with the whole file or folder
 * @param message what is wrong and how to fix it
 */
public record SqlFileProblem(String file, int line, String message) implements Comparable<SqlFileProblem> {

    public SqlFileProblem {
        if (file == null || message == null) {
            throw new IllegalArgumentException("a problem needs a file and a message");
        }
        if (line < 0) {
            throw new IllegalArgumentException("line must be 0 or more, was " + line);
        }
    }

    /** {@code file:line}, or just the file when the line is 0: the form editors and CI logs link. */
    public String location() {
        return line == 0 ? file : file + ":" + line;
    }

    @Override
    public int compareTo(SqlFileProblem o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : Integer.compare(line, o.line);
    }

    @Override
    public String toString() {
        return location() + ": " + message;
    }
}
