package io.querygov.cli.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * querytool's logging, set up in code rather than from a logback.xml: reading XML starts logback's whole
 * configuration machinery (some 500 classes, a good part of a short command's start-up). Logs go to standard error
 * only, so that standard output holds results; WARN unless -v. Found by logback through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}; a {@code -Dlogback.configurationFile} given
 * on the command line still wins, as logback reads that before any configurator.
 */
public final class LoggingSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        // the examples catalog is read from a session factory that never connects, on purpose: Hibernate's warning
        // that it has no connection provider says nothing a querytool user can act on
        context.getLogger("org.hibernate.orm.connection").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
