/**
 * Implementation details of querygov's raw SQL support: the SQL scanner, the SQL file parser and
 * the classpath scanner. Nothing here is public API: it may change at any time, in any release,
 * without notice.
 */
package io.querygov.raw.internal;
