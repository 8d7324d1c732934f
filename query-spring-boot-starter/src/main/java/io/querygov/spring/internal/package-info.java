/**
 * The starter's implementation: the tracked DataSource, the post-processors that decorate DataSource and Jdbi
 * beans, and the event counts the endpoint reads. It may change at any time; depend on {@code io.querygov.spring}.
 */
package io.querygov.spring.internal;
