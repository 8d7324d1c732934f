package io.querygov.cli.internal;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of a {@code --catalog} jar. Classes come from querytool first, as usual, so that the jar's code
 * and querytool share one {@code QueryCatalogProvider}, one Hibernate and one Jdbi. Resources are the other way
 * round: a name the jar holds is the jar's alone. Otherwise a provider that lists its SQL files as the query-raw
 * README shows ({@code classpath("sql", MyProvider.class.getClassLoader())}) also gets the {@code sql/} folder
 * of the examples built into querytool, and its catalog holds queries of a database it has never seen.
 *
 * <p>Two exceptions keep the jar's code working: service files ({@code META-INF/services/...}) list both, so
 * that, say, {@code Persistence.createEntityManagerFactory} still finds querytool's Hibernate; and a name the jar
 * does not hold comes from querytool's class path, as Hibernate's and the JDK's own resources must.
 */
final class CatalogJarLoader extends URLClassLoader {
    private static final String SERVICES = "META-INF/services/";

    CatalogJarLoader(Path jar, URL url, ClassLoader parent) {
        super("catalog:" + jar.getFileName(), new URL[] {url}, parent);
    }

    @Override
    public URL getResource(String name) {
        if (name.endsWith(".class")) {
            return super.getResource(name);
        }
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.endsWith(".class")) {
            return super.getResources(name);
        }
        List<URL> own = Collections.list(findResources(name));
        if (name.startsWith(SERVICES)) {
            List<URL> all = new ArrayList<>(own);
            all.addAll(Collections.list(getParent().getResources(name)));
            return Collections.enumeration(all);
        }
        return own.isEmpty() ? getParent().getResources(name) : Collections.enumeration(own);
    }
}
