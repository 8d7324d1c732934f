package io.querygov.inspect;

import java.util.List;

/**
 * What the server said about one registered statement. Exactly one of these holds: {@link CheckStatus#OK} with
 * {@code parameters} and {@code columns}; {@link CheckStatus#FAILED} with {@code failure}; {@link CheckStatus#SKIPPED}
 * with {@code skipReason}. The lists are empty and the other fields null where they do not apply.
 *
 * @param query the registered name
 * @param origin where the query was defined, or null when unknown
 * @param status the outcome
 * @param parameters the statement's parameters as the server typed them, in position order
 * @param columns the result columns, empty for a statement that returns no rows
 * @param failure why the server refused the statement
 * @param skipReason why the statement was not sent to the server
 */
public record CheckResult(String query, String origin, CheckStatus status, List<CheckedParameter> parameters,
                          List<ResultColumn> columns, CheckFailure failure, String skipReason) {

    public CheckResult {
        parameters = List.copyOf(parameters);
        columns = List.copyOf(columns);
    }

    static CheckResult ok(String query, String origin, List<CheckedParameter> parameters, List<ResultColumn> columns) {
        return new CheckResult(query, origin, CheckStatus.OK, parameters, columns, null, null);
    }

    static CheckResult failed(String query, String origin, CheckFailure failure) {
        return new CheckResult(query, origin, CheckStatus.FAILED, List.of(), List.of(), failure, null);
    }

    static CheckResult skipped(String query, String origin, String reason) {
        return new CheckResult(query, origin, CheckStatus.SKIPPED, List.of(), List.of(), null, reason);
    }
}
