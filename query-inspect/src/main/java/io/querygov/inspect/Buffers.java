package io.querygov.inspect;

/**
 * Block counts of a plan node, as {@code EXPLAIN (ANALYZE, BUFFERS)} reports them (8 kB blocks, this node and its
 * children together).
 */
public record Buffers(long sharedHit, long sharedRead, long sharedDirtied, long sharedWritten,
                      long localHit, long localRead, long localDirtied, long localWritten,
                      long tempRead, long tempWritten) {

    /** Whether any count is non-zero. */
    public boolean any() {
        return sharedHit + sharedRead + sharedDirtied + sharedWritten + localHit + localRead + localDirtied
                + localWritten + tempRead + tempWritten > 0;
    }
}
