package io.vigie.agent.collect.macos;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.vigie.agent.collect.CollectContext;
import io.vigie.checks.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The third-party products looked for on a Mac, kept as data ({@code mac-products.json}). */
@JsonIgnoreProperties(ignoreUnknown = true)
record MacProducts(List<RemoteToolSpec> remoteTools, List<AvSpec> antivirus, List<FirewallSpec> firewalls) {

    record RemoteToolSpec(String name, List<String> paths, List<String> processes, List<Integer> ports) {
    }

    record AvSpec(String name, List<String> paths, Boolean edr) {
    }

    record FirewallSpec(String name, List<String> paths) {
    }

    static final String RESOURCE = "mac-products.json";

    static MacProducts load() {
        try (InputStream in = MacProducts.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing");
            }
            return Json.mapper().readValue(in, MacProducts.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any of {@code paths} exists on the machine. */
    static boolean installed(CollectContext ctx, List<String> paths) {
        for (String p : paths) {
            if (ctx.files().exists(p)) {
                return true;
            }
        }
        return false;
    }
}
