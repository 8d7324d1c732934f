package io.querygov.cli.internal;

import io.querygov.examples.ExampleData;
import io.querygov.examples.LoadResult;
import io.querygov.examples.Schema;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the examples schema and generated data into the embedded default. */
final class ExamplesLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ExamplesLoader.class);

    private ExamplesLoader() {
    }

    /** Applies the schema and loads the data at this scale with COPY, then ANALYZE. */
    static void load(DataSource dataSource, double scale, Notes notes) throws SQLException {
        ExampleData data = ExampleData.ofScale(scale);
        notes.progress("loading the examples: " + rows(data.rowCounts().byTable()));
        Schema.apply(dataSource);
        LoadResult result = data.load(dataSource);
        notes.clearProgress();
        LOG.info("Loaded {} in {} (ANALYZE {})", result.rows(), result.loadTime(), result.analyzeTime());
        notes.note(String.format(Locale.ROOT, "loaded the examples at scale %s: %s", scaleText(scale),
                rows(result.rows().byTable())));
    }

    /** {@code 1,000 users, 10,000 projects, ...}. */
    private static String rows(java.util.Map<String, Long> byTable) {
        return String.join(", ", byTable.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey())).toList());
    }

    static String scaleText(double scale) {
        return scale == Math.rint(scale) ? Long.toString((long) scale) : Double.toString(scale);
    }
}
