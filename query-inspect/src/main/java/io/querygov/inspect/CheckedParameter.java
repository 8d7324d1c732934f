package io.querygov.inspect;

/**
 * A parameter of a checked statement as the server typed it.
 *
 * @param position one-based position of the {@code $n} sent to the server; each use of a name is its own position
 * @param name the {@code :name} written in the statement
 * @param serverType the type the server inferred, as pgjdbc names it ({@code int8}, {@code text}, {@code uuid})
 * @param declaredType the SQL type the descriptor declares for this name, or null when it declares none
 */
public record CheckedParameter(int position, String name, String serverType, String declaredType) {
}
