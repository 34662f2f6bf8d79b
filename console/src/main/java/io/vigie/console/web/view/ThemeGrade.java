package io.vigie.console.web.view;

/**
 * A theme's result on the diagnostic page: name, socle (★), grade on 5 (text, null when no question applies),
 * level word and css, confidence (share of its weight resolved by evidence, as « 80 % »).
 */
public record ThemeGrade(String id, String name, boolean socle, String grade, String level, String css,
                         String confidence) {
}
