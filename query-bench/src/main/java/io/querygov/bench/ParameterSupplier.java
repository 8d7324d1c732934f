package io.querygov.bench;

import java.util.Map;

/**
 * Parameter values for one thread's calls of one query. Called by that thread only, right before each call
 * and outside the timed section, so it needs no synchronisation; keep it cheap all the same, since at high
 * rates its cost competes with the calls for CPU.
 */
@FunctionalInterface
public interface ParameterSupplier {

    /**
     * The values for the next call, by parameter name. A supplier that throws makes that call count as an
     * error of the query, with the exception as its error sample.
     */
    Map<String, Object> next();
}
