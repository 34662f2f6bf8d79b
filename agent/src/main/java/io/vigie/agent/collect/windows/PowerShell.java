package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the probe scripts kept next to this class ({@code <probe>.ps1}, wrapped in {@code probe-template.ps1}) as
 * {@code powershell.exe -NoProfile -NonInteractive -Command -} with the script on stdin, through the context's
 * {@link io.vigie.agent.exec.CommandRunner} so that {@code vigie record} keeps the answer and replay serves it
 * back (matched by argv and the script's first line {@code # vigie-probe: <probe>}).
 */
final class PowerShell {

    static final List<String> ARGV = List.of("powershell.exe", "-NoProfile", "-NonInteractive", "-Command", "-");
    static final String FIRST_LINE_PREFIX = "# vigie-probe: ";

    private static final Map<String, String> SCRIPTS = new ConcurrentHashMap<>();

    private PowerShell() {
    }

    /** The complete script of a probe, as sent on stdin. */
    static String script(String probe) {
        return SCRIPTS.computeIfAbsent(probe, p -> {
            String template = resource("probe-template.ps1");
            String body = resource(p + ".ps1");
            return template.replace("{{name}}", p).replace("{{body}}", body.strip());
        });
    }

    private static String resource(String name) {
        try (InputStream in = PowerShell.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("probe script missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code probe} and interprets its envelope. */
    static Probe run(CollectContext ctx, String probe) {
        return run(ctx, probe, ctx.config().commandTimeout());
    }

    static Probe run(CollectContext ctx, String probe, Duration timeout) {
        CommandResult r = ctx.commands().run(ARGV, script(probe), timeout);
        return interpret(probe, r);
    }

    /** Pure: what one probe's command result means. */
    static Probe interpret(String probe, CommandResult r) {
        String source = "powershell probe " + probe;
        if (r.notFound()) {
            return Probe.failed(probe, source, Reason.of(Reason.TOOL_ABSENT, "powershell.exe not found"));
        }
        if (r.timedOut()) {
            return Probe.failed(probe, source, Reason.of(Reason.COMMAND_TIMEOUT, r.describe()));
        }
        String out = r.stdout() == null ? "" : r.stdout().strip();
        if (out.startsWith("\uFEFF")) {
            out = out.substring(1).strip();
        }
        if (out.isEmpty()) {
            String code = r.exitCode() != 0 ? Reason.COMMAND_FAILED : Reason.EMPTY_OUTPUT;
            return Probe.failed(probe, source, Reason.of(code, r.describe()));
        }
        // PowerShell may print warnings before the JSON: the answer is the last line that is a JSON object.
        String json = lastJsonLine(out);
        JsonNode root;
        try {
            root = json == null ? null : Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            return Probe.failed(probe, source, Reason.of(Reason.UNPARSABLE_OUTPUT,
                    "probe " + probe + " did not return a JSON object (" + out.length() + " characters, exit "
                            + r.exitCode() + ")"));
        }
        JsonNode meta = root.get("vigie");
        if (meta == null || !meta.isObject()) {
            return Probe.failed(probe, source, Reason.of(Reason.UNPARSABLE_OUTPUT, "probe " + probe + ": no vigie envelope"));
        }
        String mode = Nodes.text(meta, "languageMode");
        if (mode != null && !"FullLanguage".equals(mode)) {
            return Probe.failed(probe, source, Reason.of(Reason.POLICY_BLOCKED,
                    "PowerShell runs in " + mode + " (AppLocker/WDAC): COM and .NET calls are blocked"));
        }
        if (Boolean.TRUE.equals(Nodes.bool(meta, "wow64"))) {
            return Probe.failed(probe, source, Reason.of(Reason.NOT_SUPPORTED,
                    "32-bit PowerShell on 64-bit Windows (WOW64): registry and modules are redirected; run the 64-bit agent"));
        }
        ProbeError whole = ProbeError.of(root);
        if (whole != null) {
            return Probe.failed(probe, source, whole.reason("probe " + probe));
        }
        return new Probe(probe, source, root, null);
    }

    private static String lastJsonLine(String out) {
        String[] lines = out.split("\r?\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.startsWith("\uFEFF")) {
                l = l.substring(1);
            }
            if (l.startsWith("{")) {
                return l;
            }
        }
        return null;
    }
}
