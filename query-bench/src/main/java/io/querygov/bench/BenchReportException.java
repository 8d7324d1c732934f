package io.querygov.bench;

import io.querygov.core.QueryGovException;

/** A saved benchmark run could not be read or written; the message names the file and the problem. */
public class BenchReportException extends QueryGovException {
    private static final long serialVersionUID = 1L;

    private final String source;

    public BenchReportException(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    /** The file, or other source, that could not be read or written. */
    public String source() {
        return source;
    }
}
