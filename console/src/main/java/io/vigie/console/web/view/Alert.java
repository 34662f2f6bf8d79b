package io.vigie.console.web.view;

/** An urgence or a signal: its text, the devices concerned (names), and a note (e.g. « à confirmer »), may be null. */
public record Alert(String id, String text, String devices, String note) {
}
