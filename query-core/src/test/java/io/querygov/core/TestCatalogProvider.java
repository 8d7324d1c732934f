package io.querygov.core;

/** Registered in META-INF/services for {@link QueryCatalogTest#loadsProvidersThroughServiceLoader()}. */
public class TestCatalogProvider implements QueryCatalogProvider {
    @Override
    public QueryCatalog catalog() {
        return QueryCatalog.of(
                QueryDescriptor.builder("test_provider.lookup", QueryType.ORM_SIMPLE)
                        .hql("from Project p where p.id = :id").origin(getClass().getName() + "#catalog").build(),
                QueryDescriptor.builder("test_provider.report", QueryType.RAW_SQL_ANALYTICS)
                        .sql("select count(*) from projects").origin(getClass().getName() + "#catalog").build());
    }
}
