package io.vigie.agent.replay;

import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.exec.CommandRunner;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.HostFiles;
import io.vigie.agent.host.RawSocket;
import io.vigie.agent.host.SocketTable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Serves a {@link Recording} back through the collectors' seams. Anything the recording does not hold
 * behaves as absent on that machine: a command is "not found", a file "absent" — so a replayed collector
 * reports UNKNOWN for what was not recorded, never a made-up value.
 */
public final class Replay {

    private Replay() {
    }

    public static CommandRunner commands(Recording r) {
        return (argv, stdin, timeout) -> r.command(argv, stdin).orElseGet(() -> CommandResult.notFound(argv));
    }

    public static HostFiles files(Recording r) {
        return new HostFiles() {
            @Override
            public FileContent read(String path) {
                return r.file(path).map(a -> switch (a.state() == null ? "OK" : a.state()) {
                    case "ABSENT" -> FileContent.absent(path);
                    case "DENIED" -> FileContent.denied(path, a.error());
                    case "ERROR" -> FileContent.error(path, a.error());
                    default -> FileContent.ok(path, a.text() == null ? "" : a.text());
                }).orElseGet(() -> FileContent.absent(path));
            }

            @Override
            public List<String> list(String dir) {
                return r.dir(dir).map(a -> a.entries() == null ? List.<String>of() : List.copyOf(a.entries()))
                        .orElse(List.of());
            }

            @Override
            public Optional<Instant> modified(String path) {
                return r.file(path).filter(a -> !"ABSENT".equals(a.state())).map(RawAnswer::modified);
            }

            @Override
            public boolean exists(String path) {
                return r.file(path).map(a -> !"ABSENT".equals(a.state())).orElse(false) || r.dir(path).isPresent();
            }

            @Override
            public boolean isDirectory(String path) {
                return r.dir(path).isPresent();
            }
        };
    }

    public static SocketTable sockets(Recording r) {
        return () -> {
            RawAnswer a = r.sockets().orElseThrow(() -> new IllegalStateException("no socket table recorded"));
            if (a.error() != null) {
                throw new IllegalStateException(a.error());
            }
            return a.sockets() == null ? List.of() : a.sockets().stream()
                    .map(s -> new RawSocket(s.protocol(), s.address(), s.port(), s.pid(), s.process()))
                    .toList();
        };
    }

}
