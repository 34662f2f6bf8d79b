package io.vigie.console.web.view;

/** A logged swap of one of the six measures: who, when, why; {@code applied} false when the plan moved since. */
public record PlanSwapRow(String when, String who, String out, String in, String reason, boolean applied) {
}
