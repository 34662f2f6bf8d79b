package io.vigie.agent.cli;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.exec.CommandRunner;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.HostFiles;
import io.vigie.agent.host.Privilege;
import io.vigie.agent.platform.Platform;
import io.vigie.agent.platform.Platforms;
import io.vigie.agent.replay.Recorder;
import io.vigie.agent.replay.Recording;
import io.vigie.agent.replay.Replay;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * The machine a check looks at: this one (live), this one through a {@link Recorder}, or a recorded one
 * replayed from a folder.
 *
 * @param platform  which collectors apply
 * @param hostname  name shown in the report
 * @param context   the seams collectors use
 * @param replayed  true for a recorded machine (nothing is written to the state folder then)
 * @param deviceId  fixed device id of a replayed machine; null for a live one (read from the state folder)
 */
record Machine(Platform platform, String hostname, CollectContext context, boolean replayed, UUID deviceId) {

    static Machine live(CliEnv env, AgentConfig config) {
        Platform p = Platform.current();
        CollectContext ctx = new CollectContext(CommandRunner.SYSTEM, HostFiles.SYSTEM, Platforms.liveSockets(),
                env.clock(), p == Platform.WINDOWS ? Privilege.USER : Privilege.detectUnix(), config);
        return new Machine(p, hostname(env.env(), HostFiles.SYSTEM), ctx, false, null);
    }

    static Machine recording(CliEnv env, AgentConfig config, Recorder recorder) {
        Machine live = live(env, config);
        CollectContext c = live.context();
        CollectContext ctx = new CollectContext(recorder.commands(c.commands()), recorder.files(c.files()),
                recorder.sockets(c.sockets()), c.clock(), c.privilege(), config);
        return new Machine(live.platform(), live.hostname(), ctx, false, null);
    }

    static Machine replay(Recording rec, CliEnv env, AgentConfig config) {
        Map<String, String> m = rec.machine();
        String platform = m.get("platform");
        if (platform == null) {
            throw new IllegalArgumentException("machine.json must name the platform (linux, windows or macos)");
        }
        Platform p = Platform.parse(platform);
        Clock clock = m.get("now") != null ? Clock.fixed(Instant.parse(m.get("now")), ZoneOffset.UTC) : env.clock();
        Privilege privilege = m.get("privilege") == null ? Privilege.ADMIN : Privilege.valueOf(m.get("privilege"));
        CollectContext ctx = new CollectContext(Replay.commands(rec), Replay.files(rec), Replay.sockets(rec), clock,
                privilege, config);
        String hostname = m.getOrDefault("hostname", "replay");
        UUID deviceId = m.get("deviceId") != null ? UUID.fromString(m.get("deviceId"))
                : UUID.nameUUIDFromBytes(("vigie-replay:" + hostname).getBytes(StandardCharsets.UTF_8));
        return new Machine(p, hostname, ctx, true, deviceId);
    }

    /** The host name without a DNS lookup when the OS tells it directly. */
    static String hostname(Map<String, String> env, HostFiles files) {
        String n = env.get("COMPUTERNAME");
        if (n != null && !n.isBlank()) {
            return n;
        }
        FileContent c = files.read("/proc/sys/kernel/hostname");
        if (c.ok() && !c.text().isBlank()) {
            return c.text().strip();
        }
        n = env.get("HOSTNAME");
        if (n != null && !n.isBlank()) {
            return n;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
