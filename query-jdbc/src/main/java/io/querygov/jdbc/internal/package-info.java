/**
 * Implementation details of querygov's JDBC layer: the forwarding bases of every wrapper and the
 * tracked connection, statements and result sets. Nothing here is public API: it may change at any
 * time, in any release, without notice. Use {@link io.querygov.jdbc} instead.
 */
package io.querygov.jdbc.internal;
