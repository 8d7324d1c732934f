/**
 * Implementation details of querygov's Jdbi integration: the statement customizer that tracks
 * executions, the descriptor caches, and the statement wrapper that reads batch update counts.
 * Nothing here is public API: it may change at any time, in any release, without notice.
 */
package io.querygov.raw.jdbi.internal;
