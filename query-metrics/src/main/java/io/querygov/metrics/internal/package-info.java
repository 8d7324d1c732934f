/**
 * Implementation details of querygov metrics: per-thread recording buffers, their harvesting and the
 * text formats. Nothing here is public API: it may change at any time, in any release, without
 * notice.
 */
package io.querygov.metrics.internal;
