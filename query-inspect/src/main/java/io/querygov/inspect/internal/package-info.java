/**
 * Implementation details of PostgreSQL introspection. Nothing here is public API: it may change at any time, in any
 * release, without notice.
 */
package io.querygov.inspect.internal;
