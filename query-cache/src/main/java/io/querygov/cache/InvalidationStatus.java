package io.querygov.cache;

/** Whether a {@link QueryCache} hears the writes other instances commit. */
public enum InvalidationStatus {
    /** No other instances: built without {@link QueryCache.Builder#crossInstance}. Writes of this JVM evict. */
    LOCAL_ONLY,
    /** Opening the listening connection for the first time. */
    CONNECTING,
    /** Listening: a write committed by any instance evicts here within the notification latency. */
    LISTENING,
    /**
     * The listening connection is lost and being reopened: other instances' writes are not heard, so
     * their effect on cached results is bounded by the TTL only. Every result is evicted on reconnect.
     */
    DISCONNECTED,
    /** The cache was closed. */
    CLOSED
}
