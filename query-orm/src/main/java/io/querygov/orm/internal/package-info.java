/**
 * Implementation details of querygov's Hibernate integration: the service initiators, the
 * connection provider that wraps query-jdbc's tracked connections, naming, join counting and N+1
 * bookkeeping. Nothing here is public API: it may change at any time, in any release, without
 * notice. Use {@link io.querygov.orm} instead.
 */
package io.querygov.orm.internal;
