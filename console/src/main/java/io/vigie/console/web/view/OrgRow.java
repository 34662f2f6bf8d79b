package io.vigie.console.web.view;

import java.util.List;

/**
 * An organisation on the dashboard, with its newest diagnostic when there is one: {@code diagnosticId} null when
 * none; {@code level} and {@code levelCss} its level; {@code plan} the progress of its six measures in words.
 */
public record OrgRow(String id, String name, int devices, String lastReport, List<Count> fails, int silent,
                     String diagnosticId, String level, String levelCss, String plan) {
}
