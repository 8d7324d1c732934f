/**
 * Implementation details of querygov core. Nothing here is public API: it may change at any time,
 * in any release, without notice.
 */
package io.querygov.core.internal;
