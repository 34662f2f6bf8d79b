package io.vigie.console.web.view;

import java.util.List;

/** A device of an organisation. */
public record DeviceRow(String id, String hostname, String platform, String lastSeen, List<Count> fails, int unknowns,
                        boolean silent, boolean revoked) {
}
