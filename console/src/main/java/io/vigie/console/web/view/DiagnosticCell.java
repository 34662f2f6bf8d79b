package io.vigie.console.web.view;

/**
 * An organisation's newest diagnostic on the dashboard: its level (words and CSS class) and the progress of its six
 * measures in words ({@code plan} null when it could not be evaluated).
 */
public record DiagnosticCell(String id, String level, String levelCss, String plan) {
}
