package io.vigie.console.web.view;

/**
 * One console verdict, in plain words: the rule title, the verdict and severity labels, the theme name, the
 * evidence explained as a sentence, why it matters and how to fix it.
 */
public record FindingRow(String ruleId, String title, String verdict, String verdictCss, String severity,
                         String severityCss, String theme, String explanation, String why, String fix) {
}
