package io.querygov.spring.internal;

import io.querygov.raw.jdbi.QueryTrackingPlugin;
import java.sql.PreparedStatement;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Installs query-raw's tracking plugin on every Jdbi bean, and a customizer that claims each statement Jdbi runs so
 * that the tracked DataSource below it does not record it again.
 */
public final class JdbiTrackingPostProcessor implements BeanPostProcessor {
    private final Supplier<QueryTrackingPlugin> plugin;
    private final Supplier<JdbiStatementClaims> claims;

    public JdbiTrackingPostProcessor(Supplier<QueryTrackingPlugin> plugin, Supplier<JdbiStatementClaims> claims) {
        this.plugin = plugin;
        this.claims = claims;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof Jdbi jdbi) {
            jdbi.installPlugin(new ClaimingPlugin(claims.get()));
            jdbi.installPlugin(plugin.get());
        }
        return bean;
    }

    private record ClaimingPlugin(JdbiStatementClaims claims) implements JdbiPlugin, StatementCustomizer {
        @Override
        public void customizeJdbi(Jdbi jdbi) {
            jdbi.getConfig(SqlStatements.class).addCustomizer(this);
        }

        @Override
        public void beforeExecution(PreparedStatement stmt, StatementContext ctx) {
            claims.claimNext();
            // afterExecution is skipped when the driver throws: the clean-up drops the claim then
            ctx.addCleanable(claims::release);
        }

        @Override
        public void afterExecution(PreparedStatement stmt, StatementContext ctx) {
            claims.release();
        }
    }
}
