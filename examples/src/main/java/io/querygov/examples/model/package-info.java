/**
 * The example service's entities, mapped with Jakarta Persistence annotations onto the tables of
 * {@link io.querygov.examples.Schema}.
 *
 * <p>Every association is lazy, as in most services: loading a project does not load its owner, workflows or jobs
 * until they are touched, which is where the N+1 queries of {@link io.querygov.examples.reports.OrmReports} come
 * from. The {@code @NamedQuery} declarations are the lookups the service makes; those that fetch three or more
 * associations in one statement (named {@code ...WithDetails}, {@code ...OfOwner}) are the ORM_COMPLEX ones.
 */
package io.querygov.examples.model;
