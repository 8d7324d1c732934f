package io.querygov.examples;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryCatalogProvider;

/**
 * Exposes {@link Examples#catalog()} to {@link java.util.ServiceLoader}, so {@code querytool --catalog examples.jar}
 * and {@link QueryCatalog#load(ClassLoader)} find the example service's queries without configuration. Listed in
 * {@code META-INF/services/io.querygov.core.QueryCatalogProvider}.
 *
 * <p>Needs no database. The first call takes about a second (Hibernate boots once to write the named queries' SQL);
 * later calls return the same catalog.
 */
public final class ExampleCatalogProvider implements QueryCatalogProvider {

    @Override
    public QueryCatalog catalog() {
        return Examples.catalog();
    }
}
