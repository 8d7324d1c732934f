package io.querygov.examples;

import io.querygov.examples.reports.MonthlyJobs;
import io.querygov.examples.reports.ProjectAnalytics;
import io.querygov.examples.reports.ProjectWithStats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The SQL files' reports read into the same records as OrmReports, with plain JDBC. */
final class RawReports {

    private final Connection connection;

    RawReports(Connection connection) {
        this.connection = connection;
    }

    List<ProjectAnalytics> projectAnalytics(UUID projectId, Instant since, int minJobs) throws SQLException {
        return query("project_analytics", Map.of("project_id", projectId, "since", utc(since), "min_jobs", minJobs),
                rs -> new ProjectAnalytics(rs.getObject("project_id", UUID.class), rs.getLong("completed"),
                        rs.getLong("failed"), rs.getDouble("mean_ms"), rs.getDouble("p95_ms")));
    }

    List<MonthlyJobs> monthlyReport(UUID ownerId, Instant since) throws SQLException {
        return query("monthly_report", Map.of("owner_id", ownerId, "since", utc(since)),
                rs -> new MonthlyJobs(rs.getObject("month", LocalDate.class), rs.getLong("jobs"),
                        rs.getLong("completed"), rs.getLong("failed"), rs.getObject("mean_completed_ms", Double.class)));
    }

    List<ProjectWithStats> projectWithStats(UUID ownerId, Instant since) throws SQLException {
        return query("project_with_stats", Map.of("owner_id", ownerId, "since", utc(since)),
                rs -> new ProjectWithStats(rs.getObject("project_id", UUID.class), rs.getString("project_name"),
                        rs.getString("owner_email"), rs.getLong("workflows"), rs.getLong("jobs"),
                        rs.getLong("failed_jobs")));
    }

    long archiveOldJobs(Instant before) throws SQLException {
        try (PreparedStatement statement = prepare("archive_old_jobs", Map.of("before", utc(before)))) {
            return statement.executeUpdate();
        }
    }

    private <T> List<T> query(String name, Map<String, Object> parameters, RowReader<T> reader) throws SQLException {
        try (PreparedStatement statement = prepare(name, parameters); ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(reader.read(rs));
            }
            return rows;
        }
    }

    private PreparedStatement prepare(String name, Map<String, Object> parameters) throws SQLException {
        SqlFile file = SqlFile.load("sql/" + name + ".sql");
        PreparedStatement statement = connection.prepareStatement(file.jdbcSql());
        List<String> uses = file.parameterUses();
        for (int i = 0; i < uses.size(); i++) {
            if (!parameters.containsKey(uses.get(i))) {
                statement.close();
                throw new IllegalArgumentException(name + " needs parameter " + uses.get(i));
            }
            statement.setObject(i + 1, parameters.get(uses.get(i)));
        }
        return statement;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
