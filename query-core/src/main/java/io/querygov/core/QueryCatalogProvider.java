package io.querygov.core;

/**
 * How a service jar exposes its queries without configuration: implement this, and list the class in
 * {@code META-INF/services/io.querygov.core.QueryCatalogProvider}. {@link QueryCatalog#load(ClassLoader)}
 * and {@code querytool --catalog service.jar} find it through {@link java.util.ServiceLoader}.
 *
 * <p>Implementations need a public no-argument constructor, and {@link #catalog()} should be cheap
 * and free of side effects: it may be called by tools that never run a query.
 */
public interface QueryCatalogProvider {

    /** The queries this provider registers. */
    QueryCatalog catalog();
}
