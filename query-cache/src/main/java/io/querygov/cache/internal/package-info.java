/**
 * Implementation details of querygov's result cache: keys and size estimates, the reading of the
 * tables a statement touches, the connection wrapper that sees writes and commits, and the thread
 * that listens for other instances' notifications. Nothing here is public API: it may change at any
 * time, in any release, without notice.
 */
package io.querygov.cache.internal;
