package io.querygov.cli;

import io.querygov.cli.internal.CatalogOptions;
import picocli.CommandLine.Mixin;

/** A command over the registered queries: {@code --catalog}, or the examples built in. */
abstract class CatalogCommand extends ToolCommand {

    @Mixin
    CatalogOptions catalogOptions;
}
