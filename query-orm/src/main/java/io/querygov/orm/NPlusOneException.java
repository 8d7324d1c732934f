package io.querygov.orm;

import io.querygov.core.QueryGovException;

/** Thrown by {@link NPlusOneListener#THROW} when a unit of work repeats a read beyond the threshold. */
public class NPlusOneException extends QueryGovException {
    private static final long serialVersionUID = 1L;

    private final transient NPlusOneEvent event;

    public NPlusOneException(NPlusOneEvent event) {
        super(event.message());
        this.event = event;
    }

    /** What repeated; null only after the exception was serialized. */
    public NPlusOneEvent event() {
        return event;
    }
}
