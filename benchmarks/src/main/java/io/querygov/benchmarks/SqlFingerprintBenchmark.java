package io.querygov.benchmarks;

import io.querygov.core.SqlFingerprint;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What fingerprinting a statement costs: the price of naming SQL nobody named (ad-hoc Jdbi statements) and of the
 * first sight of each Hibernate statement. Three shapes: the SELECT Hibernate 7 writes for an entity with a joined
 * association, an ad-hoc analytics statement with comments, literals and casts, and an IN list of 50 values.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SqlFingerprintBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Benchmark)
public class SqlFingerprintBenchmark {

    /** As Hibernate 7 writes {@code session.find(Project.class, id)} with an eager owner. */
    private static final String HIBERNATE_SELECT = "select p1_0.id,p1_0.created_at,p1_0.description,p1_0.name,"
            + "o1_0.id,o1_0.created_at,o1_0.email,o1_0.name,p1_0.settings,p1_0.status from project p1_0 "
            + "left join app_user o1_0 on o1_0.id=p1_0.owner_id where p1_0.id=?";

    private static final String ADHOC_ANALYTICS = "-- completed jobs per project\n"
            + "SELECT p.name, count(*) AS jobs, avg(j.finished_at - j.started_at)::interval AS mean_duration\n"
            + "  FROM project p JOIN job j ON j.project_id = p.id\n"
            + " WHERE j.status = 'COMPLETED' AND j.created_at > now() - interval '30 days' /* a month */\n"
            + " GROUP BY p.name HAVING count(*) >= 5 ORDER BY jobs DESC LIMIT 20";

    private static final String IN_LIST;

    static {
        StringBuilder sql = new StringBuilder("select t.id, t.title from task t where t.project_id in (");
        for (int i = 0; i < 50; i++) {
            sql.append(i == 0 ? "" : ",").append('?');
        }
        IN_LIST = sql.append(')').toString();
    }

    @Benchmark
    public SqlFingerprint hibernateSelect() {
        return SqlFingerprint.of(HIBERNATE_SELECT);
    }

    @Benchmark
    public SqlFingerprint adhocAnalytics() {
        return SqlFingerprint.of(ADHOC_ANALYTICS);
    }

    @Benchmark
    public SqlFingerprint inListOf50() {
        return SqlFingerprint.of(IN_LIST);
    }
}
