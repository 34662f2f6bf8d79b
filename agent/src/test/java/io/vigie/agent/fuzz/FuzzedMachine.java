package io.vigie.agent.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.exec.CommandRunner;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.HostFiles;
import io.vigie.agent.host.Privilege;
import io.vigie.agent.host.RawSocket;
import io.vigie.agent.host.SocketTable;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A machine whose every answer comes from the fuzzer: commands (exit code, output, time-out, not found), files
 * (absent, denied, error, text), folders, modification times, the socket table, the clock and the privilege.
 * Collectors run on it must keep their contract: they return a fact with a status for each of their keys and
 * throw nothing, whatever the machine answers ("could not read" is an UNKNOWN or ERROR fact, not an exception).
 */
public final class FuzzedMachine {

    private FuzzedMachine() {
    }

    public static CollectContext context(FuzzedDataProvider d) {
        CommandRunner commands = (argv, stdin, timeout) -> {
            int kind = d.consumeInt(0, 7);
            if (kind == 0) {
                return CommandResult.notFound(argv);
            }
            return new CommandResult(argv, d.consumeInt(-2, 3), d.consumeString(4096), d.consumeString(256), kind == 1,
                    false, Duration.ZERO);
        };
        HostFiles files = new HostFiles() {
            @Override
            public FileContent read(String path) {
                return switch (d.consumeInt(0, 4)) {
                    case 0 -> FileContent.absent(path);
                    case 1 -> FileContent.denied(path, d.consumeString(40));
                    case 2 -> FileContent.error(path, d.consumeString(40));
                    default -> FileContent.ok(path, d.consumeString(4096));
                };
            }

            @Override
            public List<String> list(String dir) {
                int n = d.consumeInt(0, 4);
                List<String> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    out.add(d.consumeString(24));
                }
                return out;
            }

            @Override
            public Optional<Instant> modified(String path) {
                return d.consumeBoolean() ? Optional.of(Instant.ofEpochSecond(d.consumeLong(-100_000_000_000L,
                        100_000_000_000L))) : Optional.empty();
            }

            @Override
            public boolean exists(String path) {
                return d.consumeBoolean();
            }

            @Override
            public boolean isDirectory(String path) {
                return d.consumeBoolean();
            }
        };
        SocketTable sockets = () -> {
            if (d.consumeBoolean()) {
                throw new IllegalStateException("socket table unreadable (fuzzed)");
            }
            int n = d.consumeInt(0, 6);
            List<RawSocket> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(new RawSocket(d.pickValue(List.of("tcp", "tcp6", "udp", "udp6", "")), d.consumeString(40),
                        d.consumeInt(0, 65535), d.consumeBoolean() ? null : d.consumeInt(), d.consumeString(20)));
            }
            return out;
        };
        Instant now = Instant.ofEpochSecond(d.consumeLong(0, 4_102_444_800L));
        return new CollectContext(commands, files, sockets, Clock.fixed(now, ZoneOffset.UTC),
                d.pickValue(Privilege.values()), AgentConfig.defaults());
    }

    /** A machine answering {@code text} to every command (exit 0) and every file read. */
    public static CollectContext answering(String text, Privilege privilege) {
        CommandRunner commands = (argv, stdin, timeout) -> new CommandResult(argv, 0, text, "", false, false, Duration.ZERO);
        HostFiles files = new HostFiles() {
            @Override
            public FileContent read(String path) {
                return FileContent.ok(path, text);
            }

            @Override
            public List<String> list(String dir) {
                return List.of();
            }

            @Override
            public Optional<Instant> modified(String path) {
                return Optional.of(Instant.parse("2026-11-01T00:00:00Z"));
            }

            @Override
            public boolean exists(String path) {
                return true;
            }

            @Override
            public boolean isDirectory(String path) {
                return false;
            }
        };
        return new CollectContext(commands, files, List::of, Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"),
                ZoneOffset.UTC), privilege, AgentConfig.defaults());
    }

    /** Runs one collector and checks its contract: no exception, one fact with a status per declared key. */
    public static void collectKeepingContract(Collector c, CollectContext ctx) {
        List<Fact<?>> facts;
        try {
            facts = c.collect(ctx);
        } catch (Exception e) {
            throw new AssertionError(c.name() + " threw instead of returning an UNKNOWN/ERROR fact: " + e, e);
        }
        if (facts == null) {
            throw new AssertionError(c.name() + " returned no list");
        }
        Set<String> keys = new HashSet<>();
        for (Fact<?> f : facts) {
            if (f == null || f.status() == null) {
                throw new AssertionError(c.name() + " returned a fact without status: " + f);
            }
            keys.add(f.key());
        }
        for (FactKey<?> k : c.keys()) {
            if (!keys.contains(k.name())) {
                throw new AssertionError(c.name() + " did not produce " + k.name() + ": " + keys);
            }
        }
    }

    /**
     * Runs a parser under the parsers' contract: it may refuse text with an {@link IllegalArgumentException} of
     * its own (exactly that class: a {@link NumberFormatException} or a regex error is an accident, not a refusal);
     * any other exception is a finding.
     */
    public static void parsing(Runnable parser) {
        try {
            parser.run();
        } catch (IllegalArgumentException e) {
            if (e.getClass() != IllegalArgumentException.class) {
                throw e;
            }
        }
    }

    /** The bytes after the selector, as the UTF-8 text a command or file would give. */
    public static String text(byte[] data) {
        return data.length <= 1 ? "" : new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
    }

    /** The first byte chooses which parser a {@code byte[]} fuzz input goes to. */
    public static int selector(byte[] data, int choices) {
        return data.length == 0 ? 0 : (data[0] & 0xff) % choices;
    }
}
