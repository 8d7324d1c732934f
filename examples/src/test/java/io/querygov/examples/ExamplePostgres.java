package io.querygov.examples;

import io.querygov.testing.PostgresExtension;

/** The database most of these tests share a class's worth of: the examples' schema with their data loaded. */
final class ExamplePostgres {

    private ExamplePostgres() {
    }

    /** A database with the {@link Schema} and the {@link ExampleData} at {@code scale}: a test class's extension. */
    static PostgresExtension withData(double scale) {
        return PostgresExtension.create()
                .withInitializer(Schema::apply)
                .withInitializer(connection -> ExampleData.ofScale(scale).load(connection));
    }
}
