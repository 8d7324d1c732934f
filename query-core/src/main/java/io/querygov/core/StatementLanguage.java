package io.querygov.core;

/** The language a descriptor's statement is written in. */
public enum StatementLanguage {
    /** SQL sent to PostgreSQL as written. */
    SQL,
    /** Hibernate's query language; the SQL it translates to depends on the mapping. */
    HQL,
    /** An entity operation such as {@code find} or {@code persist}: Hibernate writes the SQL. */
    ENTITY_OPERATION,
    /** No statement is known, for example a query tracked only by name. */
    NONE
}
