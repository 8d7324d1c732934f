/**
 * HTML pages of querytool: the self-contained reports of {@code bench --report} and {@code compare --report},
 * and the page frame, escaping and charts the dashboard shares with them.
 *
 * <p>Every text that comes from outside querytool's own code (statement text, query names, error messages,
 * server settings) reaches a page through {@link io.querygov.cli.report.HtmlBuilder#text(Object)} or as JSON data
 * through {@link io.querygov.cli.report.Html#json(Object)}, never as markup. Scripts run only with the page's
 * nonce ({@code Content-Security-Policy}), so markup that escaped anyway could not run a script either.
 */
package io.querygov.cli.report;
