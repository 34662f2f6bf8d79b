package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.CollectionRunner;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandRunner;
import io.vigie.agent.host.HostFiles;
import io.vigie.agent.host.OshiSocketTable;
import io.vigie.agent.host.Privilege;
import io.vigie.agent.host.SocketTable;
import io.vigie.agent.replay.Recorder;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.json.Json;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the Linux collectors on this machine and prints the facts as JSON (one line per fact) on stdout, and the
 * time each collector took on stderr. Used by the unprivileged live test (run as {@code nobody} in a child JVM)
 * and by hand to measure: {@code java -cp … io.vigie.agent.collect.linux.LiveLinuxRun [--record DIR] [--only NAME]}.
 */
public final class LiveLinuxRun {

    private LiveLinuxRun() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path record = null;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--record")) {
                record = Path.of(args[++i]);
            } else if (args[i].equals("--only")) {
                only = args[++i];
            }
        }
        CommandRunner commands = CommandRunner.SYSTEM;
        HostFiles files = HostFiles.SYSTEM;
        SocketTable sockets = new OshiSocketTable();
        Recorder recorder = record == null ? null : new Recorder();
        if (recorder != null) {
            commands = recorder.commands(commands);
            files = recorder.files(files);
            sockets = recorder.sockets(sockets);
        }
        if (System.getenv("VIGIE_TRACE") != null) {
            CommandRunner inner = commands;
            commands = (argv, stdin, timeout) -> {
                long s = System.nanoTime();
                var r = inner.run(argv, stdin, timeout);
                System.err.printf("  %5d ms (end %5d) %s%n", (System.nanoTime() - s) / 1_000_000,
                        (System.nanoTime() - t0) / 1_000_000, String.join(" ", argv));
                return r;
            };
        }
        Privilege privilege = Privilege.detectUnix();
        CollectContext ctx = new CollectContext(commands, files, sockets, Clock.systemDefaultZone(), privilege,
                AgentConfig.defaults());
        List<Collector> collectors = LinuxCollectors.create(AgentConfig.defaults(), System.getenv("VIGIE_STATE") == null ? null : Path.of(System.getenv("VIGIE_STATE")));
        if (only != null) {
            String o = only;
            collectors = collectors.stream().filter(c -> c.name().equals(o)).toList();
        }
        Map<String, Long> done = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Map<String, Fact<?>> facts = new CollectionRunner().run(collectors, ctx,
                name -> done.put(name, (System.nanoTime() - start) / 1_000_000));
        long wall = (System.nanoTime() - start) / 1_000_000;
        for (Fact<?> f : facts.values()) {
            System.out.println(Json.mapper().writeValueAsString(f));
        }
        done.entrySet().stream().sorted(Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> System.err.println("finished " + e.getKey() + " at " + e.getValue() + " ms"));
        System.err.println("privilege " + privilege + "; collection wall " + wall + " ms; since main " 
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
        if (recorder != null) {
            recorder.recording(Map.of("provenance", "recorded")).save(record);
        }
    }
}
