package io.querygov.examples.reports;

import io.querygov.examples.model.JobStatus;
import io.querygov.examples.model.Project;
import io.querygov.examples.model.ReconciliationJob;
import io.querygov.examples.model.User;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import org.hibernate.Session;

/**
 * The reports of the {@code sql/} files, written with Hibernate in one unit of work ({@link Session}).
 *
 * <p>Each report comes twice. The plain method is written the way ORM code usually is: load entities, walk their
 * lazy associations, compute in Java. That is where N+1 queries come from (one statement per project for its jobs,
 * another for its workflows) and where every job row becomes an entity. The {@code ...Hql} method asks the database
 * for the aggregate in one HQL statement, which is what a careful team writes once the loop shows up in a profile.
 * Both return the same rows as the SQL file, in the same order, so the three can be compared row for row.
 *
 * <p>Use a fresh session for each call when measuring: entities loaded by one report stay in the session and make
 * the next one look cheaper than it is. Not thread-safe, as the session is not.
 */
public final class OrmReports {

    /** Orders UUIDs as PostgreSQL does (byte by byte, unsigned), unlike {@link UUID#compareTo}. */
    static final Comparator<UUID> POSTGRES_UUID_ORDER = Comparator.comparing(UUID::toString);

    private final Session session;

    public OrmReports(Session session) {
        this.session = Objects.requireNonNull(session, "session");
    }

    /**
     * {@code project_analytics}, as an entity loop: the project's whole job collection is loaded (every job it ever
     * ran, not just those since {@code since}) and the figures are computed in Java, p95 included.
     *
     * @param minJobs at least 1: the fewest completed jobs a project needs to be reported
     * @return one row, or none when the project does not exist or has fewer completed jobs
     */
    public List<ProjectAnalytics> projectAnalytics(UUID projectId, Instant since, int minJobs) {
        requireMinJobs(minJobs);
        Project project = session.find(Project.class, projectId);
        if (project == null) {
            return List.of();
        }
        long[] durations = new long[16];
        int completed = 0;
        long failed = 0;
        long total = 0;
        for (ReconciliationJob job : project.getJobs()) {
            if (!job.getCreatedAt().isAfter(since)) {
                continue;
            }
            if (job.getStatus() == JobStatus.COMPLETED) {
                if (completed == durations.length) {
                    durations = Arrays.copyOf(durations, completed * 2);
                }
                durations[completed++] = job.getDurationMs();
                total += job.getDurationMs();
            } else if (job.getStatus() == JobStatus.FAILED) {
                failed++;
            }
        }
        if (completed < minJobs) {
            return List.of();
        }
        long[] sorted = Arrays.copyOf(durations, completed);
        Arrays.sort(sorted);
        return List.of(new ProjectAnalytics(projectId, completed, failed, (double) total / completed,
                Percentiles.continuous(sorted, 0.95)));
    }

    /**
     * {@code project_analytics} in one HQL statement. Hibernate's HQL has {@code FILTER} and the ordered-set
     * aggregate {@code percentile_cont ... WITHIN GROUP}, so this is the SQL file's query in entity terms; it
     * differs in reading the jobs table directly instead of through a CTE, which PostgreSQL inlines anyway.
     *
     * <p>The percentile orders by the duration cast to a double: Hibernate gives {@code percentile_cont} the type of
     * its ordering expression, and would read the interpolated value of a {@code Long} column back truncated.
     */
    public List<ProjectAnalytics> projectAnalyticsHql(UUID projectId, Instant since, int minJobs) {
        requireMinJobs(minJobs);
        List<Object[]> rows = session.createQuery("""
                        select j.project.id,
                               count(*) filter (where j.status = :completed),
                               count(*) filter (where j.status = :failed),
                               avg(j.durationMs) filter (where j.status = :completed),
                               percentile_cont(0.95) within group (order by cast(j.durationMs as Double))
                                   filter (where j.status = :completed)
                        from ReconciliationJob j
                        where j.project.id = :projectId and j.createdAt > :since
                        group by j.project.id
                        having count(*) filter (where j.status = :completed) >= :minJobs""", Object[].class)
                .setParameter("completed", JobStatus.COMPLETED)
                .setParameter("failed", JobStatus.FAILED)
                .setParameter("projectId", projectId)
                .setParameter("since", since)
                .setParameter("minJobs", (long) minJobs)
                .getResultList();
        return rows.stream()
                .map(r -> new ProjectAnalytics((UUID) r[0], number(r[1]), number(r[2]),
                        ((Number) r[3]).doubleValue(), ((Number) r[4]).doubleValue()))
                .toList();
    }

    /**
     * {@code monthly_report}, as an entity loop: the owner, then each of the owner's projects' job collections (one
     * statement per project), grouped by UTC month in Java.
     */
    public List<MonthlyJobs> monthlyReport(UUID ownerId, Instant since) {
        User owner = session.find(User.class, ownerId);
        if (owner == null) {
            return List.of();
        }
        Map<LocalDate, long[]> months = new TreeMap<>(); // jobs, completed, failed, completed duration total
        for (Project project : owner.getProjects()) {
            for (ReconciliationJob job : project.getJobs()) {
                if (job.getCreatedAt().isBefore(since)) {
                    continue;
                }
                LocalDate month = LocalDate.ofInstant(job.getCreatedAt(), ZoneOffset.UTC).withDayOfMonth(1);
                long[] figures = months.computeIfAbsent(month, m -> new long[4]);
                figures[0]++;
                if (job.getStatus() == JobStatus.COMPLETED) {
                    figures[1]++;
                    figures[3] += job.getDurationMs();
                } else if (job.getStatus() == JobStatus.FAILED) {
                    figures[2]++;
                }
            }
        }
        List<MonthlyJobs> rows = new ArrayList<>(months.size());
        months.forEach((month, f) -> rows.add(new MonthlyJobs(month, f[0], f[1], f[2],
                f[1] == 0 ? null : (double) f[3] / f[1])));
        return rows;
    }

    /**
     * {@code project_with_stats}, as an entity loop: the owner's projects by a named query, then for each one its
     * owner (a proxy, initialised once per session), its workflows and its jobs (a statement each per project).
     */
    public List<ProjectWithStats> projectWithStats(UUID ownerId, Instant since) {
        List<ProjectWithStats> rows = new ArrayList<>();
        for (Project project : session.createNamedQuery(Project.BY_OWNER, Project.class)
                .setParameter("ownerId", ownerId).getResultList()) {
            long jobs = 0;
            long failed = 0;
            for (ReconciliationJob job : project.getJobs()) {
                if (!job.getCreatedAt().isBefore(since)) {
                    jobs++;
                    if (job.getStatus() == JobStatus.FAILED) {
                        failed++;
                    }
                }
            }
            rows.add(new ProjectWithStats(project.getId(), project.getName(), project.getOwner().getEmail(),
                    project.getWorkflows().size(), jobs, failed));
        }
        rows.sort(Comparator.comparingLong(ProjectWithStats::jobs).reversed()
                .thenComparing(ProjectWithStats::projectId, POSTGRES_UUID_ORDER));
        return rows;
    }

    /** {@code project_with_stats} in one HQL statement: a join with a condition, a correlated subquery, FILTER. */
    public List<ProjectWithStats> projectWithStatsHql(UUID ownerId, Instant since) {
        List<Object[]> rows = session.createQuery("""
                        select p.id, p.name, o.email,
                               (select count(*) from Workflow w where w.project = p),
                               count(j),
                               count(j) filter (where j.status = :failed)
                        from Project p
                        join p.owner o
                        left join p.jobs j on j.createdAt >= :since
                        where o.id = :ownerId
                        group by p.id, p.name, o.email
                        order by count(j) desc, p.id""", Object[].class)
                .setParameter("failed", JobStatus.FAILED)
                .setParameter("since", since)
                .setParameter("ownerId", ownerId)
                .getResultList();
        return rows.stream()
                .map(r -> new ProjectWithStats((UUID) r[0], (String) r[1], (String) r[2], number(r[3]), number(r[4]),
                        number(r[5])))
                .toList();
    }

    /**
     * {@code archive_old_jobs}, as ORM code does it: load the jobs, change each entity, and let the flush write one
     * UPDATE per job. The caller's transaction decides whether the change stays.
     *
     * @return the jobs archived
     */
    public long archiveOldJobs(Instant before) {
        List<ReconciliationJob> jobs = session.createQuery("""
                        select j from ReconciliationJob j
                        where j.status = :completed and j.archived = false and j.finishedAt < :before""",
                        ReconciliationJob.class)
                .setParameter("completed", JobStatus.COMPLETED)
                .setParameter("before", before)
                .getResultList();
        jobs.forEach(ReconciliationJob::archive);
        session.flush();
        return jobs.size();
    }

    /**
     * {@code archive_old_jobs} as one HQL UPDATE. Like any bulk statement it bypasses the session: job entities it
     * already holds keep their old {@code archived} value until refreshed.
     *
     * @return the jobs archived
     */
    public long archiveOldJobsHql(Instant before) {
        return session.createMutationQuery("""
                        update ReconciliationJob j set j.archived = true
                        where j.status = :completed and j.archived = false and j.finishedAt < :before""")
                .setParameter("completed", JobStatus.COMPLETED)
                .setParameter("before", before)
                .executeUpdate();
    }

    private static void requireMinJobs(int minJobs) {
        if (minJobs < 1) {
            throw new IllegalArgumentException("minJobs must be at least 1, was " + minJobs
                    + ": a project without completed jobs has no mean or p95 to report");
        }
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
