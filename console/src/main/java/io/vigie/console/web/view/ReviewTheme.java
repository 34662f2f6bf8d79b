package io.vigie.console.web.view;

import java.util.List;

/** A theme of the review: id, name, socle (★), its grade (text, null when no question applies), its questions. */
public record ReviewTheme(String id, String name, boolean socle, String grade, List<ReviewQuestion> questions) {
}
