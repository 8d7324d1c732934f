/**
 * Implementation details of querygov metrics: the fixed bucket layout, the striped
 * recording cells of each query name, and the
 * text formats. Nothing here is public API: it may change at any time, in any release, without
 * notice.
 */
package io.querygov.metrics.internal;
