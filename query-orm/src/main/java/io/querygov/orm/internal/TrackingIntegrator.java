package io.querygov.orm.internal;

import org.hibernate.HibernateException;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.InitializeCollectionEvent;
import org.hibernate.event.spi.InitializeCollectionEventListener;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;
import org.hibernate.integrator.spi.Integrator;

/**
 * Found by Hibernate through {@code META-INF/services}; does nothing unless the factory's registry
 * runs a {@link TrackingRuntime}. Then it adds two event listeners around Hibernate's own: before a
 * load, one announces what is about to be loaded and why ({@code find:} when the application asked
 * for the entity, {@code load:} when Hibernate fetches it for an association), because the loader
 * that runs the SQL no longer knows; after it, the other drops an announcement no SQL consumed (the
 * entity was already in the session). Once the factory exists, it hands the factory to the runtime
 * for entity, table and named-query names.
 */
public final class TrackingIntegrator implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor factory) {
        TrackingRuntime runtime = factory.getServiceRegistry().getService(TrackingRuntime.class);
        if (runtime == null) {
            return;
        }
        EventListenerRegistry listeners = factory.getEventListenerRegistry();
        listeners.prependListeners(EventType.LOAD, new AnnounceLoad(runtime));
        listeners.appendListeners(EventType.LOAD, new ForgetLoad(runtime));
        listeners.prependListeners(EventType.INIT_COLLECTION, new AnnounceCollection(runtime));
        listeners.appendListeners(EventType.INIT_COLLECTION, new ForgetCollection(runtime));
        factory.addObserver(new SessionFactoryObserver() {
            @Override
            public void sessionFactoryCreated(SessionFactory created) {
                runtime.bind(created.unwrap(SessionFactoryImplementor.class));
            }
        });
    }

    private record AnnounceLoad(TrackingRuntime runtime) implements LoadEventListener {
        @Override
        public void onLoad(LoadEvent event, LoadType loadType) throws HibernateException {
            String entity = event.getEntityClassName();
            boolean asked = loadType == LoadEventListener.GET || loadType == LoadEventListener.LOAD;
            String name = asked ? runtime.model().findName(entity) : runtime.model().loadName(entity);
            runtime.core().thread().announce(name, event.getEntityId());
        }
    }

    private record ForgetLoad(TrackingRuntime runtime) implements LoadEventListener {
        @Override
        public void onLoad(LoadEvent event, LoadType loadType) throws HibernateException {
            runtime.core().thread().clearIntent();
        }
    }

    private record AnnounceCollection(TrackingRuntime runtime) implements InitializeCollectionEventListener {
        @Override
        public void onInitializeCollection(InitializeCollectionEvent event) throws HibernateException {
            String role = event.getCollection().getRole();
            if (role != null) {
                runtime.core().thread().announce(runtime.model().collectionLoadName(role), null);
            }
        }
    }

    private record ForgetCollection(TrackingRuntime runtime) implements InitializeCollectionEventListener {
        @Override
        public void onInitializeCollection(InitializeCollectionEvent event) throws HibernateException {
            runtime.core().thread().clearIntent();
        }
    }
}
