package io.querygov.inspect.advice;

/**
 * The rules, each with a stable id and the anchor of the guide section that explains it. Ids and anchors never
 * change meaning: a CI job or a runbook may match on them.
 */
public enum AdviceRule {
    /** An ORM call that ran the same statement shape many times: fetch the association, or write a SQL file. */
    N_PLUS_ONE("QG-N1", "qg-n1-n1-and-statements-per-call", Severity.ERROR,
            "ORM call repeats a statement: fetch it in one query or move it to a SQL file"),
    /** An ORM_COMPLEX query that is hot (its benchmarked p95 at least a threshold): a SQL file candidate. */
    HOT_ORM_COMPLEX("QG-OC", "qg-oc-a-hot-orm_complex-query", Severity.WARN,
            "hot ORM_COMPLEX query: a SQL file candidate"),
    /** A SQL file that reads one row by primary key: Hibernate does that as well, with its caches. */
    PRIMARY_KEY_READ("QG-PK", "qg-pk-a-sql-file-that-reads-one-row-by-key", Severity.INFO,
            "SQL file reads one row by primary key: an ORM candidate"),
    /** A sequential scan of a large table under a selective filter: an index on the filter's columns. */
    SEQ_SCAN_INDEX("QG-IX", "qg-ix-seq-scan-under-a-selective-filter", Severity.WARN,
            "sequential scan of a large table under a selective filter: index the filter's columns"),
    /**
     * The generic plan a prepared statement may switch to differs from the custom one: a warning when it costs no more
     * (the server then switches to it), information when it costs more (auto mode keeps the custom plans).
     */
    GENERIC_PLAN("QG-GP", "qg-gp-generic-plan-against-custom-plan", Severity.WARN,
            "generic plan differs from the custom plan: consider plan_cache_mode");

    /** Where the guide lives, relative to the repository's root. */
    public static final String GUIDE = "docs/guide.md";

    private final String id;
    private final String anchor;
    private final Severity severity;
    private final String title;

    // an enum's constant data and its accessors: the ids and anchors are what CI jobs and runbooks match on
    AdviceRule(String id, String anchor, Severity severity, String title) {
        this.id = id;
        this.anchor = anchor;
        this.severity = severity;
        this.title = title;
    }

    /** {@code QG-N1}. */
    public String id() {
        return id;
    }

    /** The guide section's anchor, as GitHub renders the heading: {@code qg-n1-n1-and-statements-per-call}. */
    public String anchor() {
        return anchor;
    }

    /** {@code docs/guide.md#qg-n1-n1-and-statements-per-call}. */
    public String guideLink() {
        return GUIDE + "#" + anchor;
    }

    /** The severity of this rule's findings. */
    public Severity severity() {
        return severity;
    }

    /** One line: what the rule finds and what to do. */
    public String title() {
        return title;
    }
}
