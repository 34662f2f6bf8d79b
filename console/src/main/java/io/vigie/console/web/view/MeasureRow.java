package io.vigie.console.web.view;

/** A measure of « par où commencer »: its title, why, how. */
public record MeasureRow(String title, String why, String how) {
}
