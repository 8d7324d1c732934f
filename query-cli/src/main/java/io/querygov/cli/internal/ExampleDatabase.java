package io.querygov.cli.internal;

import javax.sql.DataSource;

/** Loads the examples schema and data into the embedded default. */
final class ExampleDatabase {
    private ExampleDatabase() {
    }

    static void load(DataSource dataSource, double scale, Notes notes) {
        // filled in once the examples module provides its schema and generator
    }
}
