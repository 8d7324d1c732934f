package io.querygov.examples;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Generates the example rows in PostgreSQL's COPY text format. Everything is drawn from {@link SeededRandom} streams
 * derived from one seed, and every value is written by this class (no locale, no time zone, no library formatting),
 * so one seed and one set of counts always give the same bytes.
 *
 * <p>The shape of the data: every user owns at least one project and a few users own many; every project has at
 * least one workflow; jobs go to projects by a Zipf law (the busiest project of 10,000 gets about a tenth of all
 * jobs, the busiest hundred about half), are spread evenly over the two years before {@link #END} with ids in the
 * order of their creation, mostly completed,
 * and take a log-normal time around a median that differs from project to project.
 */
final class ExampleDataGenerator {

    /** The data ends here rather than at the current time, so that it does not change from one day to the next. */
    static final Instant END = Instant.parse("2025-01-01T00:00:00Z");

    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final long END_MS = END.toEpochMilli();
    private static final long JOBS_FROM_MS = END_MS - 731 * DAY_MS;
    private static final long USERS_FROM_MS = Instant.parse("2021-01-01T00:00:00Z").toEpochMilli();
    private static final long USERS_UNTIL_MS = Instant.parse("2022-01-01T00:00:00Z").toEpochMilli();
    /** Every project exists before its first job can run. */
    private static final long PROJECTS_UNTIL_MS = JOBS_FROM_MS;
    /** Jobs created in this last stretch may still be waiting or running; older ones are mostly done. */
    private static final long RECENT_MS = 2 * DAY_MS;

    static final String USERS_COPY = "COPY users (id, email, name, created_at) FROM STDIN";
    static final String PROJECTS_COPY = "COPY projects (id, owner_id, name, settings, created_at) FROM STDIN";
    static final String WORKFLOWS_COPY = "COPY workflows (id, project_id, name, definition, created_at) FROM STDIN";
    static final String VISUALIZATIONS_COPY =
            "COPY visualizations (id, project_id, name, configuration, created_at) FROM STDIN";
    static final String JOBS_COPY = "COPY reconciliation_jobs (id, project_id, workflow_id, status, duration_ms, "
            + "error, archived, created_at, finished_at) FROM STDIN";

    private static final String[] FIRST_NAMES = {"Ada", "Alan", "Barbara", "Edsger", "Grace", "Donald", "Frances",
        "John", "Katherine", "Leslie", "Margaret", "Niklaus", "Radia", "Tony", "Whitfield", "Yukihiro"};
    private static final String[] LAST_NAMES = {"Allen", "Backus", "Dijkstra", "Hamilton", "Hoare", "Hopper",
        "Johnson", "Knuth", "Lamport", "Liskov", "Lovelace", "Matsumoto", "Perlman", "Turing", "Wirth", "Diffie"};
    private static final String[] COMPANIES = {"Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay",
        "Stark", "Wayne", "Tyrell", "Soylent", "Cyberdyne", "Wonka", "Gringotts", "Oceanic", "Pied Piper"};
    private static final String[] BOOKS = {"payouts", "card settlements", "bank transfers", "refunds",
        "marketplace fees", "payroll", "supplier invoices", "FX conversions", "subscriptions", "chargebacks"};
    private static final String[] TIMEZONES = {"UTC", "Europe/Berlin", "Europe/London", "America/New_York",
        "America/Sao_Paulo", "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney"};
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "BRL", "SGD", "JPY", "AUD"};
    private static final int[] RETENTION_DAYS = {30, 90, 180, 365, 730};
    private static final String[] SOURCES = {"bank_feed", "stripe", "adyen", "paypal", "erp_export", "sftp_csv"};
    private static final String[] TARGETS = {"ledger", "netsuite", "sap", "quickbooks", "data_warehouse"};
    private static final String[] STRATEGIES = {"exact", "fuzzy", "amount_and_date", "reference"};
    private static final String[] TOLERANCES = {"0", "0.01", "0.05", "0.5"};
    private static final String[] CRONS = {"0 * * * *", "*/15 * * * *", "0 2 * * *", "30 6 * * 1-5", "0 0 1 * *"};
    private static final String[] CHARTS = {"line", "bar", "table", "heatmap", "pie"};
    private static final String[] METRICS = {"match_rate", "unmatched_amount", "job_duration", "exceptions",
        "volume"};
    private static final String[] GROUPINGS = {"day", "week", "month", "source", "status"};
    private static final String[] WINDOWS = {"7d", "30d", "90d", "365d"};
    private static final String[] ERRORS = {"bank feed timed out after 300 s", "ledger locked by another job",
        "exchange rate missing for the booking date", "duplicate transaction reference",
        "source file has an unexpected header", "permission denied on target account"};

    private final long seed;
    private final RowCounts counts;

    private final UUID[] userIds;
    private final long[] userCreatedMs;
    private final UUID[] projectIds;
    private final int[] projectOwner;
    private final long[] projectCreatedMs;
    private final double[] projectMedianMs;
    private final UUID[] workflowIds;
    private final int[] workflowProject;
    private final int[] firstWorkflow;
    private final int[] workflowCount;

    ExampleDataGenerator(long seed, RowCounts counts) {
        this.seed = seed;
        this.counts = counts;
        int users = Math.toIntExact(counts.users());
        int projects = Math.toIntExact(counts.projects());
        int workflows = Math.toIntExact(counts.workflows());
        if (projects < users || workflows < projects) {
            throw new IllegalArgumentException("every user needs a project and every project a workflow: " + counts);
        }

        SeededRandom random = SeededRandom.stream(seed, "structure");
        userIds = new UUID[users];
        userCreatedMs = new long[users];
        for (int u = 0; u < users; u++) {
            userIds[u] = random.nextUuid();
            userCreatedMs[u] = USERS_FROM_MS + random.nextLong(USERS_UNTIL_MS - USERS_FROM_MS);
        }

        Zipf owners = new Zipf(users, 0.8);
        projectIds = new UUID[projects];
        projectOwner = new int[projects];
        projectCreatedMs = new long[projects];
        projectMedianMs = new double[projects];
        for (int p = 0; p < projects; p++) {
            projectIds[p] = random.nextUuid();
            projectOwner[p] = p < users ? p : owners.sample(random.nextDouble());
            long ownerCreated = userCreatedMs[projectOwner[p]];
            projectCreatedMs[p] = ownerCreated + random.nextLong(PROJECTS_UNTIL_MS - ownerCreated);
            projectMedianMs[p] = random.nextLogNormal(20_000, 0.6);
        }

        workflowCount = new int[projects];
        Arrays.fill(workflowCount, 1);
        for (int w = projects; w < workflows; w++) {
            workflowCount[random.nextInt(projects)]++;
        }
        firstWorkflow = new int[projects];
        workflowIds = new UUID[workflows];
        workflowProject = new int[workflows];
        for (int p = 0, w = 0; p < projects; p++) {
            firstWorkflow[p] = w;
            for (int k = 0; k < workflowCount[p]; k++, w++) {
                workflowIds[w] = random.nextUuid();
                workflowProject[w] = p;
            }
        }
    }

    /** Writes the rows of {@code table} (one of {@link Schema#TABLES}) in COPY text format. */
    void write(String table, Writer out) throws IOException {
        switch (table) {
            case "users" -> writeUsers(out);
            case "projects" -> writeProjects(out);
            case "workflows" -> writeWorkflows(out);
            case "visualizations" -> writeVisualizations(out);
            case "reconciliation_jobs" -> writeJobs(out);
            default -> throw new IllegalArgumentException("no example data for table " + table
                    + ", expected one of " + Schema.TABLES);
        }
    }

    /** The COPY statement that reads what {@link #write} writes for {@code table}. */
    static String copyStatement(String table) {
        return switch (table) {
            case "users" -> USERS_COPY;
            case "projects" -> PROJECTS_COPY;
            case "workflows" -> WORKFLOWS_COPY;
            case "visualizations" -> VISUALIZATIONS_COPY;
            case "reconciliation_jobs" -> JOBS_COPY;
            default -> throw new IllegalArgumentException("no example data for table " + table
                    + ", expected one of " + Schema.TABLES);
        };
    }

    private void writeUsers(Writer out) throws IOException {
        SeededRandom random = SeededRandom.stream(seed, "users");
        Row row = new Row(out);
        for (int u = 0; u < userIds.length; u++) {
            String first = random.pick(FIRST_NAMES);
            String last = random.pick(LAST_NAMES);
            // the index keeps emails unique however many users share a name
            String email = first.toLowerCase(Locale.ROOT) + '.' + last.toLowerCase(Locale.ROOT) + (u + 1)
                    + "@example.com";
            row.uuid(userIds[u]).text(email).text(first + ' ' + last).timestamp(userCreatedMs[u]).end();
        }
    }

    private void writeProjects(Writer out) throws IOException {
        SeededRandom random = SeededRandom.stream(seed, "projects");
        Row row = new Row(out);
        StringBuilder json = new StringBuilder(160);
        for (int p = 0; p < projectIds.length; p++) {
            String name = random.pick(COMPANIES) + ' ' + random.pick(BOOKS);
            json.setLength(0);
            json.append("{\"timezone\":\"").append(random.pick(TIMEZONES))
                    .append("\",\"currency\":\"").append(random.pick(CURRENCIES))
                    .append("\",\"retentionDays\":").append(RETENTION_DAYS[random.nextInt(RETENTION_DAYS.length)])
                    .append(",\"notifications\":{\"email\":").append(random.chance(0.8))
                    .append(",\"slack\":").append(random.chance(0.3)).append("}}");
            row.uuid(projectIds[p]).uuid(userIds[projectOwner[p]]).text(name).text(json)
                    .timestamp(projectCreatedMs[p]).end();
        }
    }

    private void writeWorkflows(Writer out) throws IOException {
        SeededRandom random = SeededRandom.stream(seed, "workflows");
        Row row = new Row(out);
        StringBuilder json = new StringBuilder(320);
        for (int w = 0; w < workflowIds.length; w++) {
            int project = workflowProject[w];
            String source = random.pick(SOURCES);
            String target = random.pick(TARGETS);
            String name = source + " to " + target + " #" + (w - firstWorkflow[project] + 1);
            json.setLength(0);
            json.append("{\"version\":").append(1 + random.nextInt(4)).append(",\"trigger\":");
            if (random.chance(0.85)) {
                json.append("{\"type\":\"schedule\",\"cron\":\"").append(random.pick(CRONS)).append("\"}");
            } else {
                json.append("{\"type\":\"manual\"}");
            }
            json.append(",\"steps\":[{\"type\":\"extract\",\"source\":\"").append(source)
                    .append("\"},{\"type\":\"match\",\"strategy\":\"").append(random.pick(STRATEGIES))
                    .append("\",\"tolerance\":").append(random.pick(TOLERANCES)).append('}');
            if (random.chance(0.4)) {
                json.append(",{\"type\":\"review\",\"assignee\":\"finance-team\"}");
            }
            json.append(",{\"type\":\"post\",\"target\":\"").append(target).append("\"}]}");
            long created = projectCreatedMs[project] + random.nextLong(30 * DAY_MS);
            row.uuid(workflowIds[w]).uuid(projectIds[project]).text(name).text(json).timestamp(created).end();
        }
    }

    private void writeVisualizations(Writer out) throws IOException {
        SeededRandom random = SeededRandom.stream(seed, "visualizations");
        Row row = new Row(out);
        StringBuilder json = new StringBuilder(160);
        long visualizations = counts.visualizations();
        for (long v = 0; v < visualizations; v++) {
            UUID id = random.nextUuid();
            int project = random.nextInt(projectIds.length);
            String metric = random.pick(METRICS);
            String groupBy = random.pick(GROUPINGS);
            json.setLength(0);
            json.append("{\"chart\":\"").append(random.pick(CHARTS))
                    .append("\",\"metric\":\"").append(metric)
                    .append("\",\"groupBy\":\"").append(groupBy)
                    .append("\",\"window\":\"").append(random.pick(WINDOWS))
                    .append("\",\"showFailed\":").append(random.chance(0.5)).append('}');
            long created = projectCreatedMs[project] + random.nextLong(60 * DAY_MS);
            row.uuid(id).uuid(projectIds[project]).text(metric.replace('_', ' ') + " by " + groupBy).text(json)
                    .timestamp(created).end();
        }
    }

    private void writeJobs(Writer out) throws IOException {
        SeededRandom random = SeededRandom.stream(seed, "reconciliation_jobs");
        Zipf projects = new Zipf(projectIds.length, 1.0);
        Row row = new Row(out);
        long jobs = counts.reconciliationJobs();
        // Creation times are uniform over the period and come out in ascending order, as in a real table where
        // ids follow time: the k-th largest of n uniforms is the (k-1)-th times V^(1/(n-k+1)), V uniform in (0, 1].
        double descending = 1.0;
        for (long j = 0; j < jobs; j++) {
            descending *= StrictMath.pow(1.0 - random.nextDouble(), 1.0 / (jobs - j));
            long created = JOBS_FROM_MS + (long) ((1.0 - descending) * (END_MS - JOBS_FROM_MS));
            int project = projects.sample(random.nextDouble());
            int workflow = firstWorkflow[project] + random.nextInt(workflowCount[project]);
            double r = random.nextDouble();
            String status;
            if (END_MS - created < RECENT_MS) {
                status = r < 0.25 ? "pending" : r < 0.45 ? "running" : r < 0.93 ? "completed" : "failed";
            } else {
                // the odd old job that never finished: stuck runs are what the partial index is for
                status = r < 0.002 ? "pending" : r < 0.005 ? "running" : r < 0.92 ? "completed" : "failed";
            }
            long duration = Math.max(50, Math.round(random.nextLogNormal(projectMedianMs[project], 0.9)));
            long queued = random.nextLong(5_000);
            String error = null;
            if (status.equals("failed")) {
                duration = Math.max(50, Math.round(duration * (0.05 + 0.95 * random.nextDouble())));
                error = random.pick(ERRORS);
            }
            boolean finished = status.equals("completed") || status.equals("failed");
            if (finished && created + queued + duration > END_MS) {
                // it would finish after the end of the data: at END it is still running
                status = "running";
                error = null;
                finished = false;
            }
            row.number(j + 1).uuid(projectIds[project]).uuid(workflowIds[workflow]).text(status);
            if (finished) {
                row.number(duration);
            } else {
                row.nul();
            }
            row.text(error).text("f").timestamp(created);
            if (finished) {
                row.timestamp(created + queued + duration);
            } else {
                row.nul();
            }
            row.end();
        }
    }

    /** One line of COPY text at a time: columns separated by tabs, {@code \N} for null, special characters escaped. */
    private static final class Row {
        private final Writer out;
        private final StringBuilder line = new StringBuilder(512);

        Row(Writer out) {
            this.out = out;
        }

        Row uuid(UUID value) {
            separate();
            line.append(value);
            return this;
        }

        Row number(long value) {
            separate();
            line.append(value);
            return this;
        }

        Row timestamp(long epochMillis) {
            separate();
            line.append(Instant.ofEpochMilli(epochMillis)); // ISO 8601 in UTC, which PostgreSQL reads as is
            return this;
        }

        Row nul() {
            separate();
            line.append("\\N");
            return this;
        }

        Row text(CharSequence value) {
            if (value == null) {
                return nul();
            }
            separate();
            // Escapes like query-cli's Html.json, for another reader: COPY's text format, not a script element.
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> line.append("\\\\");
                    case '\t' -> line.append("\\t");
                    case '\n' -> line.append("\\n");
                    case '\r' -> line.append("\\r");
                    default -> line.append(c);
                }
            }
            return this;
        }

        void end() throws IOException {
            line.append('\n');
            out.append(line);
            line.setLength(0);
        }

        private void separate() {
            if (!line.isEmpty()) {
                line.append('\t');
            }
        }
    }
}
