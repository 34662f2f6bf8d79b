package io.vigie.console.web.view;

/**
 * An automated finding of one device in the expert review: the rule in plain words, the verdict and the evidence,
 * and the expert's decision on it ({@code decision} null: not reviewed yet).
 */
public record ReviewFinding(String deviceId, String ruleId, String title, String verdict, String verdictCss,
                            String evidence, String decision, String decisionCss, String reason, String reviewer,
                            String at) {
}
