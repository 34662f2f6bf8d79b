package io.vigie.console.web.view;

import java.util.List;

/** An organisation on the dashboard; {@code diagnostic} null when it has none yet. */
public record OrgRow(String id, String name, int devices, String lastReport, List<Count> fails, int silent,
                     DiagnosticCell diagnostic) {
}
