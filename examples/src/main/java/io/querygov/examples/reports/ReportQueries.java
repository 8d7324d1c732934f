package io.querygov.examples.reports;

import io.querygov.core.QueryType;
import io.querygov.raw.jdbi.TrackAs;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Two of the reports as a Jdbi SQL object, their rows mapped to records by constructor (column {@code project_id} to
 * component {@code projectId}). The SQL is the files' ({@link UseSqlFiles}).
 *
 * <pre>{@code
 * ReportQueries reports = jdbi.onDemand(ReportQueries.class);       // or handle.attach(ReportQueries.class)
 * List<ProjectAnalytics> rows = reports.projectAnalytics(projectId, since, 5);
 * }</pre>
 *
 * <p>Tracked by {@code QueryTrackingPlugin}: under the file's name when the plugin was given the SQL files' catalog,
 * else as {@code ReportQueries.<method>}, typed by {@link TrackAs}.
 */
@UseSqlFiles
@TrackAs(QueryType.RAW_SQL_ANALYTICS)
public interface ReportQueries {

    /** {@code project_analytics}: one row, or none when the project has fewer than {@code minJobs} completed jobs. */
    @SqlQuery("project_analytics")
    @RegisterConstructorMapper(ProjectAnalytics.class)
    List<ProjectAnalytics> projectAnalytics(@Bind("project_id") UUID projectId, @Bind("since") OffsetDateTime since,
                                            @Bind("min_jobs") int minJobs);

    /** {@code project_with_stats}: the owner's projects, busiest first. */
    @SqlQuery("project_with_stats")
    @RegisterConstructorMapper(ProjectWithStats.class)
    List<ProjectWithStats> projectWithStats(@Bind("owner_id") UUID ownerId, @Bind("since") OffsetDateTime since);
}
