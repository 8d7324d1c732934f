/**
 * What the guide (docs/guide.md) says about a query, as findings a tool prints and CI acts on: {@link
 * io.querygov.inspect.advice.Advisor} turns a query's {@link io.querygov.inspect.advice.QueryEvidence} (its plans,
 * its bench figures, the statements one call ran) into {@link io.querygov.inspect.advice.Finding}s, each with an
 * {@link io.querygov.inspect.advice.AdviceRule} whose id links to a section of the guide.
 *
 * <p>The rules are pure: the same evidence always gives the same findings. Gathering the evidence (EXPLAIN, a
 * benchmark, recording an ORM call's statements) is the caller's; an index suggestion is verified, when asked, with
 * {@link io.querygov.inspect.Explainer#explainWithIndex} inside a transaction that is rolled back.
 */
package io.querygov.inspect.advice;
