package io.querygov.raw.jdbi;

import io.querygov.core.QueryType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The type a SQL object method is tracked as, when inferring it from the SQL would be wrong, e.g. a
 * SELECT that reads a million rows for an export is {@link QueryType#RAW_SQL_BULK}. On a method it
 * applies to that method; on the interface, to every method without its own.
 *
 * <pre>{@code
 * @SqlQuery("SELECT * FROM jobs WHERE created_at > :since")
 * @TrackAs(QueryType.RAW_SQL_BULK)
 * List<Job> exportJobs(Instant since);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface TrackAs {
    QueryType value();
}
