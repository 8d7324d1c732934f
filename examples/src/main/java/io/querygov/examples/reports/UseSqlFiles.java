package io.querygov.examples.reports;

import io.querygov.core.QueryCatalog;
import io.querygov.core.QueryDescriptor;
import io.querygov.examples.Examples;

import java.lang.annotation.Annotation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.extension.SimpleExtensionConfigurer;
import org.jdbi.v3.core.extension.annotation.UseExtensionConfigurer;
import org.jdbi.v3.sqlobject.SqlObjects;
import org.jdbi.v3.sqlobject.locator.AnnotationSqlLocator;

/**
 * On a Jdbi SQL object: a {@code @SqlQuery} or {@code @SqlUpdate} value that names one of the example service's SQL
 * files ({@link Examples#sqlCatalog()}) runs that file's statement, so the SQL stays in one place. Any other value is
 * SQL, as usual.
 *
 * <p>Because the statement is the file's text, {@code QueryTrackingPlugin} installed with the same catalog tracks the
 * method under the file's name: {@code project_analytics} is one query with one set of metrics, whether it ran
 * through {@code NamedQueries} or this SQL object. The SQL goes through Jdbi's own parser here, so a file used this way
 * must not contain PostgreSQL's {@code ?} operators, which Jdbi would read as positional parameters.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@UseExtensionConfigurer(UseSqlFiles.Configurer.class)
public @interface UseSqlFiles {

    /** Installs the locator for the annotated SQL object. Used by Jdbi. */
    final class Configurer extends SimpleExtensionConfigurer {

        public Configurer(Annotation annotation) {
            // one locator for every SQL object: it holds nothing but the shared catalog
        }

        @Override
        public void configure(ConfigRegistry config, Annotation annotation, Class<?> sqlObjectType) {
            AnnotationSqlLocator annotations = new AnnotationSqlLocator();
            config.get(SqlObjects.class).setSqlLocator((type, method, registry) -> {
                String value = annotations.locate(type, method, registry);
                QueryCatalog files = Examples.sqlCatalog();
                return files.find(value).flatMap(QueryDescriptor::statement).orElse(value);
            });
        }
    }
}
