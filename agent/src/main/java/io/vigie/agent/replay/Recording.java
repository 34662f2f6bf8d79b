package io.vigie.agent.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.agent.host.RawSocket;
import io.vigie.checks.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A set of raw answers: a recorded machine ({@code vigie record DIR}) or a parser fixture case. On disk it is
 * a folder of {@code *.answer.json} files, plus an optional {@code machine.json} with metadata (platform, OS
 * build, locale, provenance). Lookup is by exact command line (and stdin) or path.
 */
public final class Recording {

    public static final String MACHINE_FILE = "machine.json";
    public static final String ANSWER_SUFFIX = ".answer.json";

    private final Map<String, String> machine;
    private final List<RawAnswer> answers;

    public Recording(Map<String, String> machine, List<RawAnswer> answers) {
        this.machine = Collections.unmodifiableMap(new LinkedHashMap<>(machine == null ? Map.of() : machine));
        this.answers = List.copyOf(answers);
    }

    /** Reads every {@code *.answer.json} below {@code dir} (sorted by path) and {@code machine.json}. */
    public static Recording load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a folder: " + dir);
        }
        ObjectMapper m = Json.mapper();
        Map<String, String> machine = new LinkedHashMap<>();
        Path mf = dir.resolve(MACHINE_FILE);
        if (Files.exists(mf)) {
            Map<?, ?> raw = m.readValue(mf.toFile(), Map.class);
            raw.forEach((k, v) -> machine.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        }
        List<RawAnswer> answers = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(x -> x.getFileName().toString().endsWith(ANSWER_SUFFIX)).sorted().toList()) {
                try {
                    answers.add(m.readValue(p.toFile(), RawAnswer.class));
                } catch (IOException e) {
                    throw new IOException("unreadable raw answer " + p + ": " + e.getMessage(), e);
                }
            }
        }
        return new Recording(machine, answers);
    }

    /** Writes this recording into {@code dir}: one numbered file per answer, and {@code machine.json}. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper m = Json.mapper();
        m.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(MACHINE_FILE).toFile(), machine);
        // one number width for the whole folder, so that sorting names (as load does) keeps the recorded order
        // past 999 answers: the first recorded answer to a repeated command must stay the one replayed
        int width = Math.max(3, String.valueOf(answers.size()).length());
        int i = 0;
        for (RawAnswer a : answers) {
            String name = String.format("%0" + width + "d-%s%s", ++i, slug(a), ANSWER_SUFFIX);
            m.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(name).toFile(), a);
        }
    }

    public Map<String, String> machine() {
        return machine;
    }

    public List<RawAnswer> answers() {
        return answers;
    }

    /**
     * The recorded result of this command line. When the recording kept a stdin (PowerShell scripts go
     * there), it must match too: exactly, or by its first line — every script starts with a
     * {@code # vigie-probe: <name>} line, so a fixture can name the probe without copying the script.
     */
    public Optional<CommandResult> command(List<String> argv, String stdin) {
        for (RawAnswer a : answers) {
            if (RawAnswer.COMMAND.equals(a.kind()) && argv.equals(a.argv()) && stdinMatches(a.stdin(), stdin)) {
                return Optional.of(new CommandResult(List.copyOf(argv),
                        a.exitCode() == null ? -1 : a.exitCode(),
                        a.stdout() == null ? "" : a.stdout(),
                        a.stderr() == null ? "" : a.stderr(),
                        Boolean.TRUE.equals(a.timedOut()),
                        Boolean.TRUE.equals(a.notFound()),
                        Duration.ZERO));
            }
        }
        return Optional.empty();
    }

    static boolean stdinMatches(String recorded, String actual) {
        if (recorded == null || Objects.equals(recorded, actual)) {
            return true;
        }
        return actual != null && firstLine(recorded).equals(firstLine(actual));
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).strip();
    }

    public Optional<RawAnswer> file(String path) {
        return answers.stream().filter(a -> RawAnswer.FILE.equals(a.kind()) && path.equals(a.path())).findFirst();
    }

    public Optional<RawAnswer> dir(String path) {
        return answers.stream().filter(a -> RawAnswer.DIR.equals(a.kind()) && path.equals(a.path())).findFirst();
    }

    public Optional<RawAnswer> sockets() {
        return answers.stream().filter(a -> RawAnswer.SOCKETS.equals(a.kind())).findFirst();
    }

    static RawAnswer ofCommand(CommandResult r, String stdin) {
        return new RawAnswer(RawAnswer.COMMAND, r.argv(), stdin, r.exitCode(), r.stdout(), r.stderr(),
                r.timedOut() ? Boolean.TRUE : null, r.notFound() ? Boolean.TRUE : null,
                null, null, null, null, null, null, null, null);
    }

    static RawAnswer ofFile(FileContent c, Instant modified) {
        return new RawAnswer(RawAnswer.FILE, null, null, null, null, null, null, null,
                c.path(), c.state().name(), c.text(), modified, null, null, c.detail(), null);
    }

    static RawAnswer ofDir(String path, List<String> entries) {
        return new RawAnswer(RawAnswer.DIR, null, null, null, null, null, null, null,
                path, null, null, null, entries, null, null, null);
    }

    static RawAnswer ofSockets(List<RawSocket> sockets, String error) {
        List<RawAnswer.SocketEntry> entries = sockets == null ? null : sockets.stream()
                .map(s -> new RawAnswer.SocketEntry(s.protocol(), s.address(), s.port(), s.pid(), s.process()))
                .toList();
        return new RawAnswer(RawAnswer.SOCKETS, null, null, null, null, null, null, null,
                null, null, null, null, null, entries, error, null);
    }

    private static String slug(RawAnswer a) {
        String base = switch (a.kind()) {
            case RawAnswer.COMMAND -> a.argv() == null || a.argv().isEmpty() ? "command"
                    : Path.of(a.argv().get(0)).getFileName().toString();
            case RawAnswer.FILE, RawAnswer.DIR -> a.path() == null ? a.kind() : Path.of(a.path()).getFileName() == null
                    ? a.kind() : a.kind() + "-" + Path.of(a.path()).getFileName();
            default -> a.kind();
        };
        return base.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
