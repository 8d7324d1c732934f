/**
 * Read-replica routing at the DataSource: {@link io.querygov.routing.ReplicaRouting}. Analytics and
 * replica-tagged reads go to a streaming replica, writes and read-write transactions to the primary,
 * with read-your-writes by WAL position and a guard against lag and a replica that is down.
 */
package io.querygov.routing;
