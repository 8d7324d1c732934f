/**
 * Implementation details of querygov's replica routing: the connection that picks a server per
 * statement, the replica's health and lag check, WAL positions. Nothing here is public API: it may
 * change at any time, in any release, without notice.
 */
package io.querygov.routing.internal;
