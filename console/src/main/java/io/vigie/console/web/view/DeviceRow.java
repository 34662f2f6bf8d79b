package io.vigie.console.web.view;

import java.util.List;

/** A device of an organisation; {@code unauthenticated}: its latest report came from a checksum-only file. */
public record DeviceRow(String id, String hostname, String platform, String lastSeen, List<Count> fails, int unknowns,
                        boolean silent, boolean revoked, boolean unauthenticated) {
}
