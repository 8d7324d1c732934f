package io.querygov.cache.jdbi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.temporal.ChronoUnit;

/**
 * Caches the results of a SQL object query method for {@code value} {@code unit}s, through the
 * {@link io.querygov.cache.QueryCache} of the Jdbi's {@link QueryCachePlugin}:
 *
 * <pre>{@code
 * @SqlQuery("SELECT ... WHERE p.owner_id = :owner_id")
 * @Cached(30)
 * List<ProjectStats> projectStats(@Bind("owner_id") UUID ownerId);
 * }</pre>
 *
 * <p>Without it, a method is cached when its SQL is that of a catalog query with a cache TTL
 * ({@code -- cache: 30s} in the SQL file). The method's arguments are the key: they must compare by
 * value. It must return a {@code List}, a {@code Set}, an {@code Optional} or a single value; one
 * returning a stream or an iterator is refused when the SQL object is first used, since a stream
 * cannot be handed out twice.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Cached {
    /** How long the results are kept, in {@link #unit()}s; at least 1. */
    long value();

    ChronoUnit unit() default ChronoUnit.SECONDS;
}
