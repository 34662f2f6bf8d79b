package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.host.Privilege;
import io.vigie.agent.replay.Recording;
import io.vigie.agent.replay.Replay;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.json.Json;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Replays a recording through the Windows collectors' seams. */
final class WindowsTestSupport {

    static final Instant DEFAULT_NOW = Instant.parse("2026-11-22T10:00:00Z");

    private WindowsTestSupport() {
    }

    static CollectContext context(Recording rec) {
        Map<String, String> meta = rec.machine();
        Instant now = meta.get("now") == null ? DEFAULT_NOW : Instant.parse(meta.get("now"));
        Privilege privilege = meta.get("privilege") == null ? Privilege.ADMIN : Privilege.valueOf(meta.get("privilege"));
        return new CollectContext(Replay.commands(rec), Replay.files(rec), Replay.sockets(rec),
                Clock.fixed(now, ZoneOffset.UTC), privilege, AgentConfig.defaults());
    }

    /** Facts as status + reason code + value, by key (what a fixture asserts). */
    static Map<String, JsonNode> comparable(Collection<? extends Fact<?>> facts) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (Fact<?> f : facts) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("status", f.status().name());
            n.put("reason", f.reason().code());
            if (f.value() != null) {
                n.set("value", Json.mapper().valueToTree(f.value()));
            }
            out.put(f.key(), n);
        }
        return out;
    }
}
