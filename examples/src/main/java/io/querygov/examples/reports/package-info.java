/**
 * The example service's reports, as rows that both implementations return: hand-written SQL (the files under
 * {@code sql/} on the class path, tagged {@code compare:<report>}) and {@link io.querygov.examples.reports.OrmReports},
 * the same reports written the way ORM code usually is. The same inputs give equal rows from both, so a comparison
 * measures only how they get there.
 */
package io.querygov.examples.reports;
