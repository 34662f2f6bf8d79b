package io.vigie.agent.discover;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The TCP ports discovery probes, with the service name and how to read a greeting. Data: {@code ports.json}. */
public final class PortCatalogue {

    /**
     * One probed port.
     *
     * @param port      TCP port
     * @param service   service name shown in the report
     * @param banner    greeting kind ({@code ssh}, {@code text}, {@code telnet}, {@code vnc}, {@code mysql}) or null
     * @param discovery probed first on every address when hosts are found by TCP connections
     */
    public record Port(int port, String service, String banner, boolean discovery) {
    }

    private static final PortCatalogue DEFAULT = load();

    private final Map<Integer, Port> ports;

    PortCatalogue(List<Port> ports) {
        Map<Integer, Port> m = new LinkedHashMap<>();
        for (Port p : ports) {
            if (m.put(p.port(), p) != null) {
                throw new IllegalArgumentException("port listed twice: " + p.port());
            }
        }
        this.ports = Collections.unmodifiableMap(m);
    }

    public static PortCatalogue defaults() {
        return DEFAULT;
    }

    private static PortCatalogue load() {
        try (InputStream in = PortCatalogue.class.getResourceAsStream("ports.json")) {
            if (in == null) {
                throw new IllegalStateException("ports.json missing");
            }
            JsonNode root = Json.mapper().readTree(in);
            List<Port> list = new ArrayList<>();
            for (JsonNode n : root.get("tcp")) {
                list.add(new Port(n.get("port").asInt(), n.get("service").asText(),
                        n.hasNonNull("banner") ? n.get("banner").asText() : null,
                        n.path("discovery").asBoolean(false)));
            }
            return new PortCatalogue(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps only the given ports (an operator's {@code --ports}); unknown ports are named {@code tcp-PORT}. */
    public PortCatalogue only(List<Integer> wanted) {
        List<Port> list = new ArrayList<>();
        for (int p : wanted) {
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("port out of range: " + p);
            }
            Port known = ports.get(p);
            list.add(known != null ? known : new Port(p, "tcp-" + p, null, false));
        }
        return new PortCatalogue(list);
    }

    public List<Port> all() {
        return List.copyOf(ports.values());
    }

    public Port get(int port) {
        return ports.get(port);
    }

    /** Ports probed first when looking for hosts by TCP; all ports when none is marked. */
    public List<Port> discoveryPorts() {
        List<Port> d = ports.values().stream().filter(Port::discovery).toList();
        return d.isEmpty() ? all() : d;
    }

    /** Comma-separated port list (as nmap's {@code -p} takes it). */
    public String portList() {
        return String.join(",", ports.keySet().stream().map(String::valueOf).toList());
    }
}
