package io.querygov.inspect;

/**
 * A registered query that a pg_stat_statements entry belongs to.
 *
 * @param queryName the registered name
 * @param via how the two were matched
 */
public record NameMatch(String queryName, Via via) {

    /** How an entry was matched to a registered query. */
    public enum Via {
        /** The entry's query identifier equals the one the server computed for the registered statement. */
        QUERY_ID,
        /** The entry's text has the registered statement's fingerprint ({@link io.querygov.core.SqlFingerprint}). */
        TEXT,
        /**
         * The entry's text has the fingerprint of a statement a running service tracked under this name, as its saved
         * metrics snapshot says ({@link StatementNames#withServiceNames}): Hibernate's statements, which no catalog
         * holds.
         */
        SERVICE
    }
}
