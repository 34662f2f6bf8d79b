package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Remote-control tools and security agents recognised on Windows ({@code known-products.json}, data not code). */
final class KnownProducts {

    record RemoteTool(String name, List<Pattern> services, List<Pattern> programs, List<String> processes, List<Integer> ports) {
    }

    record SecurityAgent(String name, List<Pattern> services, boolean edr, Pattern securityCenter) {
    }

    static final List<RemoteTool> REMOTE_TOOLS;
    static final List<SecurityAgent> SECURITY_AGENTS;

    static {
        try (InputStream in = KnownProducts.class.getResourceAsStream("known-products.json")) {
            if (in == null) {
                throw new IllegalStateException("known-products.json missing");
            }
            JsonNode root = Json.mapper().readTree(in);
            List<RemoteTool> tools = new ArrayList<>();
            for (JsonNode t : root.get("remoteTools")) {
                List<Integer> ports = new ArrayList<>();
                t.get("ports").forEach(p -> ports.add(p.asInt()));
                tools.add(new RemoteTool(t.get("name").asText(), patterns(t.get("services")), patterns(t.get("programs")),
                        Nodes.texts(t, "processes"), List.copyOf(ports)));
            }
            List<SecurityAgent> agents = new ArrayList<>();
            for (JsonNode a : root.get("securityAgents")) {
                String sc = Nodes.text(a, "securityCenter");
                agents.add(new SecurityAgent(a.get("name").asText(), patterns(a.get("services")), a.get("edr").asBoolean(),
                        sc == null ? null : Pattern.compile(sc, Pattern.CASE_INSENSITIVE)));
            }
            REMOTE_TOOLS = List.copyOf(tools);
            SECURITY_AGENTS = List.copyOf(agents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KnownProducts() {
    }

    private static List<Pattern> patterns(JsonNode n) {
        List<Pattern> out = new ArrayList<>();
        if (n != null) {
            n.forEach(p -> out.add(Pattern.compile(p.asText(), Pattern.CASE_INSENSITIVE)));
        }
        return List.copyOf(out);
    }

    static boolean any(List<Pattern> patterns, String... values) {
        for (String v : values) {
            if (v == null) {
                continue;
            }
            for (Pattern p : patterns) {
                if (p.matcher(v).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
