package io.vigie.agent.replay;

import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.exec.CommandRunner;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.HostFiles;
import io.vigie.agent.host.RawSocket;
import io.vigie.agent.host.SocketTable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Serves a {@link Recording} back through the collectors' seams, so that a replayed collector reports
 * UNKNOWN for what was not recorded, never a made-up value.
 *
 * <p>The recording is the truth for what it holds: a recorded command gives its recorded result, a recorded
 * file its recorded state (absent, denied, unreadable or its text), and a recorded directory listing is the
 * truth for its entries (a name missing from it is absent). Anything else was not recorded, and replay never
 * invents an answer for it — each seam fails the way it fails on a real machine:
 * <ul>
 *   <li>a command that was not recorded did not run: exit -1, stderr {@value #NOT_RECORDED}, neither
 *       "not found" (which collectors read as "not installed") nor a success;</li>
 *   <li>a file that was not recorded is {@link FileContent.State#ERROR unreadable}, detail
 *       {@value #NOT_RECORDED}, never absent;</li>
 *   <li>{@code exists}, {@code isDirectory}, {@code modified} and {@code list} have no way to say "unknown": for a
 *       path neither recorded nor covered by a recorded listing of its folder they answer false / nothing, as the
 *       live seam does for a path it cannot stat (making them fail would throw away every other answer of the
 *       collector that asked). Collectors therefore decide "absent" only from a read or a listing;</li>
 *   <li>a socket table that was not recorded throws, as an unreadable one does.</li>
 * </ul>
 * The same rule serves whole machines ({@code vigie check --replay DIR}) and the per-collector fixture cases:
 * one behaviour, so a fixture must hold every answer its collector asks for.
 */
public final class Replay {

    /** What replay says of a command or file the recording does not hold. */
    public static final String NOT_RECORDED = "not in this recording";

    private Replay() {
    }

    public static CommandRunner commands(Recording r) {
        return (argv, stdin, timeout) -> r.command(argv, stdin).orElseGet(
                () -> new CommandResult(List.copyOf(argv), -1, "", NOT_RECORDED, false, false, Duration.ZERO));
    }

    public static HostFiles files(Recording r) {
        return new HostFiles() {
            @Override
            public FileContent read(String path) {
                Optional<RawAnswer> f = r.file(path);
                if (f.isPresent()) {
                    RawAnswer a = f.get();
                    return switch (a.state() == null ? "OK" : a.state()) {
                        case "ABSENT" -> FileContent.absent(path);
                        case "DENIED" -> FileContent.denied(path, a.error());
                        case "ERROR" -> FileContent.error(path, a.error());
                        default -> FileContent.ok(path, a.text() == null ? "" : a.text());
                    };
                }
                if (listedAbsent(path)) {
                    return FileContent.absent(path);
                }
                return FileContent.error(path, NOT_RECORDED);
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

            /** True when a recorded listing of the path's folder does not name it. */
            private boolean listedAbsent(String path) {
                int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
                if (slash < 0 || slash == path.length() - 1) {
                    return false;
                }
                String parent = slash == 0 ? path.substring(0, 1) : path.substring(0, slash);
                String name = path.substring(slash + 1);
                return r.dir(parent).map(d -> d.entries() == null || !d.entries().contains(name)).orElse(false);
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
