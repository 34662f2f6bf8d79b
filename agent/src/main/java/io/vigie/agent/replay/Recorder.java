package io.vigie.agent.replay;

import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.exec.CommandRunner;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.HostFiles;
import io.vigie.agent.host.RawSocket;
import io.vigie.agent.host.SocketTable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wraps the live seams and keeps every raw answer they give, for {@code vigie record DIR}. Thread-safe:
 * collectors run in parallel.
 */
public final class Recorder {

    private final List<RawAnswer> answers = Collections.synchronizedList(new ArrayList<>());

    public CommandRunner commands(CommandRunner live) {
        return (List<String> argv, String stdin, Duration timeout) -> {
            CommandResult r = live.run(argv, stdin, timeout);
            answers.add(Recording.ofCommand(r, stdin));
            return r;
        };
    }

    public HostFiles files(HostFiles live) {
        return new HostFiles() {
            @Override
            public FileContent read(String path) {
                FileContent c = live.read(path);
                answers.add(Recording.ofFile(c, live.modified(path).orElse(null)));
                return c;
            }

            @Override
            public List<String> list(String dir) {
                List<String> entries = live.list(dir);
                if (entries.isEmpty() && !live.isDirectory(dir)) {
                    // no folder there: record that, so replay does not take it for an empty folder
                    answers.add(new RawAnswer(RawAnswer.FILE, null, null, null, null, null, null, null, dir,
                            live.exists(dir) ? "OK" : "ABSENT", null, null, null, null, null, null));
                } else {
                    answers.add(Recording.ofDir(dir, entries));
                }
                return entries;
            }

            @Override
            public Optional<Instant> modified(String path) {
                Optional<Instant> m = live.modified(path);
                answers.add(new RawAnswer(RawAnswer.FILE, null, null, null, null, null, null, null, path,
                        m.isPresent() ? "OK" : "ABSENT", null, m.orElse(null), null, null, null, null));
                return m;
            }

            @Override
            public boolean exists(String path) {
                boolean e = live.exists(path);
                if (live.isDirectory(path)) {
                    answers.add(Recording.ofDir(path, live.list(path)));
                } else {
                    answers.add(new RawAnswer(RawAnswer.FILE, null, null, null, null, null, null, null, path,
                            e ? "OK" : "ABSENT", null, null, null, null, null, null));
                }
                return e;
            }

            @Override
            public boolean isDirectory(String path) {
                boolean d = live.isDirectory(path);
                if (d) {
                    answers.add(Recording.ofDir(path, live.list(path)));
                } else {
                    // a strict replay must know that the path is not a folder (a file, or nothing)
                    answers.add(new RawAnswer(RawAnswer.FILE, null, null, null, null, null, null, null, path,
                            live.exists(path) ? "OK" : "ABSENT", null, null, null, null, null, null));
                }
                return d;
            }
        };
    }

    public SocketTable sockets(SocketTable live) {
        return () -> {
            try {
                List<RawSocket> s = live.listening();
                answers.add(Recording.ofSockets(s, null));
                return s;
            } catch (Exception e) {
                answers.add(Recording.ofSockets(null, e.toString()));
                throw e;
            }
        };
    }

    /** The recording so far, secrets masked ({@link Redactor}): what {@code vigie record} saves. */
    public Recording recording(Map<String, String> machine) {
        return redacted(machine).recording();
    }

    /** The recording so far, secrets masked, with the account of what was masked and what kept. */
    public Redactor.Redaction redacted(Map<String, String> machine) {
        return Redactor.redact(raw(machine));
    }

    /**
     * The recording so far as the machine answered, secrets included: never to be saved. Several answers for the same file (a stat, then a read) are merged so the
     * replayed file has both its text and its modification time.
     */
    Recording raw(Map<String, String> machine) {
        List<RawAnswer> merged = new ArrayList<>();
        synchronized (answers) {
            for (RawAnswer a : answers) {
                if (RawAnswer.FILE.equals(a.kind())) {
                    int i = indexOfFile(merged, a.path());
                    if (i >= 0) {
                        RawAnswer old = merged.get(i);
                        merged.set(i, new RawAnswer(RawAnswer.FILE, null, null, null, null, null, null, null, a.path(),
                                a.text() != null || !"OK".equals(a.state()) ? a.state() : old.state(),
                                a.text() != null ? a.text() : old.text(),
                                a.modified() != null ? a.modified() : old.modified(),
                                null, null, a.error() != null ? a.error() : old.error(), null));
                        continue;
                    }
                }
                if (RawAnswer.DIR.equals(a.kind()) && merged.stream().anyMatch(
                        x -> RawAnswer.DIR.equals(x.kind()) && x.path().equals(a.path()))) {
                    continue;
                }
                merged.add(a);
            }
        }
        return new Recording(machine, merged);
    }

    private static int indexOfFile(List<RawAnswer> list, String path) {
        for (int i = 0; i < list.size(); i++) {
            RawAnswer x = list.get(i);
            if (RawAnswer.FILE.equals(x.kind()) && x.path().equals(path)) {
                return i;
            }
        }
        return -1;
    }
}
