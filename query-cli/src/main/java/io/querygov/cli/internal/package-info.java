/**
 * How {@code querytool} is put together: options shared by its commands, targets (a server by URL, or the embedded
 * default), catalog loading, rendering and failure mapping. Internal: it may change at any time; use the
 * command line, or the library modules, instead.
 */
package io.querygov.cli.internal;
