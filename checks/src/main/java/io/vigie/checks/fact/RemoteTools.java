package io.vigie.checks.fact;

import java.util.List;

/** Remote-control tools found, and which products were looked for. */
public record RemoteTools(List<RemoteTool> tools, List<String> lookedFor) {
}
