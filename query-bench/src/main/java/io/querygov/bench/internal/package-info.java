/**
 * Implementation details of the benchmark engine: the worker loop, histogram helpers and the JSON codec of
 * saved runs. Nothing here is public API: it may change at any time, in any release, without notice.
 */
package io.querygov.bench.internal;
