package io.querygov.orm.internal;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.service.Service;

/**
 * The tracking inside one Hibernate service registry: the shared {@link TrackingCore} and the
 * model of the one factory built on the registry, once it exists. Registered as a Hibernate service
 * so that the JDBC services, the connection provider and the integrator of one registry find the
 * same instance without any static lookup.
 */
public final class TrackingRuntime implements Service {
    /** Hibernate's service types are Serializable; a tracking service is never serialized. */
    private static final long serialVersionUID = 1L;

    private final TrackingCore core;
    private final SessionFactoryModel model = new SessionFactoryModel();

    TrackingRuntime(TrackingCore core) {
        this.core = core;
    }

    public TrackingCore core() {
        return core;
    }

    SessionFactoryModel model() {
        return model;
    }

    void bind(SessionFactoryImplementor sessionFactory) {
        model.bind(sessionFactory, core.shapes());
    }

    Execution begin(UnitOfWork lease, Object physical, boolean autoCommit, String sql) {
        return core.begin(lease, physical, autoCommit, sql, model);
    }

    /** A leased connection was handed back: the end of its unit of work, if an N+1 waits for it. */
    void released(Object physical) {
        core.released(physical);
    }

    UnitOfWork newUnitOfWork() {
        return core.newUnitOfWork();
    }

    /** Starts a tracked call: the statements run until {@link #exit()} carry its name. */
    void enter(String name, Object session, long parameterValues) {
        core.thread().push(name, session, parameterValues);
    }

    void exit() {
        core.thread().pop();
    }
}
