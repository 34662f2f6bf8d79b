/**
 * How reports come into the console, whichever door they use: an agent's upload ({@link
 * io.vigie.console.intake.ReportUpload}) or a report file imported by a user ({@link
 * io.vigie.console.intake.ReportImport}). Both check the report against {@code report.schema.json} ({@link
 * io.vigie.console.intake.ReportValidator}), judge it with the console's catalogue and store it. The API and the web
 * pages are adapters over this package; a refusal is an {@link io.vigie.console.http.ApiException} carrying the HTTP
 * status both answer with.
 */
package io.vigie.console.intake;
