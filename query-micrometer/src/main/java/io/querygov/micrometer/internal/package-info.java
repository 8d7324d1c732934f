/**
 * Implementation details of querygov's Micrometer binding. Nothing here is public API: it may change
 * at any time, in any release, without notice.
 */
package io.querygov.micrometer.internal;
