package io.querygov.cli;

import io.querygov.cli.internal.Format;
import io.querygov.cli.internal.Target;
import io.querygov.cli.internal.TargetOptions;
import io.querygov.core.QueryCatalog;
import picocli.CommandLine.Mixin;

/**
 * A command over the registered queries that runs against a database: {@code --url}, the PG* variables, or the
 * embedded default.
 *
 * <p>The target's options are declared here, and so come first in picocli's model; they keep their place in the
 * help by their {@code order}, which leaves room between them for the options of bench and advise that the help has
 * always listed in between.
 */
abstract class TargetCommand extends CatalogCommand {

    @Mixin
    TargetOptions targetOptions;

    /**
     * Opens the target for the queries of {@code catalog}, saying which it is: in the table's header, or on standard
     * error when the results are JSON or CSV.
     */
    Target open(Format format, QueryCatalog catalog) {
        Target target = targetOptions.open(environment(), secrets, phases, notes, catalog);
        if (format != Format.TABLE) {
            notes.note("target: " + target.description());
        }
        return target;
    }
}
