package io.querygov.inspect;

import java.util.List;
import java.util.Optional;

/**
 * What {@link WorkCapture} found for one query.
 *
 * @param calls one per set of sampled values, in the order drawn
 * @param note why figures are missing, when some are: {@code writes: plain EXPLAIN, no buffers or rows}
 */
public record CapturedWork(List<CapturedCall> calls, Optional<String> note) {
    public CapturedWork {
        calls = List.copyOf(calls);
    }
}
