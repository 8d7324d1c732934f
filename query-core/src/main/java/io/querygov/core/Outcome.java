package io.querygov.core;

/** How an execution ended. */
public enum Outcome {
    /** The operation returned. */
    SUCCESS,
    /** The operation threw; the exception reached the caller unchanged. */
    ERROR
}
