package io.vigie.agent.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Delivery;
import io.vigie.checks.report.Report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reports waiting for the console, one file each in {@code <stateDir>/spool/}: a report is written here (temp
 * file, fsync, atomic rename, fsync of the folder) before it is sent and removed only once the console has
 * acknowledged it, so a report survives a console that is down, a network that is cut, or the agent being
 * killed in the middle of a send.
 *
 * <p>The spool is bounded ({@link Limits}): to make room, the oldest reports are dropped (a warning is given) and
 * their number is kept in {@code dropped.json} until it travels to the console in the next report's
 * {@link Delivery} section ({@link Added#droppedNow()} tells the caller to warn). A file that cannot be read is
 * set aside as {@code .bad}. {@code warn} receives the rare damaged-state warnings (English, for logs).
 *
 * <p>One process at a time is expected (the scheduled run, or {@code vigie send}); entries are named
 * {@code <epoch-millis>-<reportId>.json}, so names sort oldest first.
 */
public final class Spool {

    public static final String FOLDER = "spool";
    static final String DROPPED = "dropped.json";
    static final String SUFFIX = ".json";

    /**
     * Bounds of the spool.
     *
     * @param maxReports most reports kept (default 200: 50 days at one report every 6 hours)
     * @param maxBytes   most bytes kept (default 64 MB)
     */
    public record Limits(int maxReports, long maxBytes) {
        public static final Limits DEFAULTS = new Limits(200, 64L * 1024 * 1024);

        public Limits {
            if (maxReports < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("spool limits must be positive");
            }
        }
    }

    /** One waiting report. */
    public record Entry(Path file, long size) {
        public String name() {
            return file.getFileName().toString();
        }
    }

    /**
     * What {@link #add} did: where the report went and how many older ones had to be dropped for it (the caller
     * warns the person, in their language, when {@code droppedNow > 0}).
     */
    public record Added(Entry entry, Report report, int droppedNow) {
    }

    /** The count of dropped reports not yet told to the console. */
    record Gap(int count, Instant from, Instant to) {
        static final Gap NONE = new Gap(0, null, null);

        Gap plus(int n, Instant at) {
            Instant f = from == null || at != null && at.isBefore(from) ? at : from;
            Instant t = to == null || at != null && at.isAfter(to) ? at : to;
            return new Gap(count + n, f, t);
        }

        Gap plus(Gap other) {
            return other.count == 0 ? this : plus(other.count, other.from).plus(0, other.to);
        }
    }

    private final Path dir;
    private final Limits limits;
    private final Consumer<String> warn;

    public Spool(Path stateDir, Limits limits, Consumer<String> warn) {
        this.dir = stateDir.resolve(FOLDER);
        this.limits = Objects.requireNonNull(limits);
        this.warn = Objects.requireNonNull(warn);
    }

    public Path dir() {
        return dir;
    }

    /**
     * Keeps {@code report} durably. When the spool is full the oldest reports are dropped first; the report
     * written carries, in its {@link Delivery} section, every report dropped since the last one kept.
     */
    public synchronized Added add(Report report) throws IOException {
        Files.createDirectories(dir);
        Gap gap = readGap();
        List<Entry> entries = entries();
        byte[] probe = Json.mapper().writeValueAsBytes(report.withDelivery(new Delivery(Integer.MAX_VALUE,
                Instant.EPOCH, Instant.EPOCH)));
        long total = entries.stream().mapToLong(Entry::size).sum();
        int dropped = 0;
        int i = 0;
        while (i < entries.size() && (entries.size() - i + 1 > limits.maxReports()
                || total + probe.length > limits.maxBytes())) {
            Entry old = entries.get(i++);
            gap = gap.plus(carriedGap(old)).plus(1, finishedAt(old));
            writeGap(gap); // first the count, then the deletion: a crash in between over-counts, never hides a loss
            Files.deleteIfExists(old.file());
            total -= old.size();
            dropped++;
        }
        Report stamped = gap.count() > 0 ? report.withDelivery(new Delivery(gap.count(), gap.from(), gap.to())) : report;
        byte[] bytes = Json.mapper().writeValueAsBytes(stamped);
        if (bytes.length > limits.maxBytes()) {
            throw new IOException("report of " + bytes.length + " bytes is larger than the whole spool (" + limits.maxBytes() + ")");
        }
        String name = String.format("%013d-%s%s", report.finishedAt() == null ? System.currentTimeMillis()
                : report.finishedAt().toEpochMilli(), report.reportId(), SUFFIX);
        Path target = dir.resolve(name);
        writeDurably(target, bytes);
        if (gap.count() > 0) {
            writeGap(Gap.NONE); // the count now travels with this report
        }
        return new Added(new Entry(target, bytes.length), stamped, dropped);
    }

    /** The waiting reports, oldest first. */
    public synchronized List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (n.equals(DROPPED) || n.startsWith(".")) {
                    continue;
                }
                try {
                    out.add(new Entry(p, Files.size(p)));
                } catch (NoSuchFileException gone) {
                    // removed meanwhile
                }
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** Reads a waiting report; a damaged file throws {@link IOException} (then {@link #setAside} it). */
    public Report read(Entry e) throws IOException {
        byte[] b = Files.readAllBytes(e.file());
        Report r;
        try {
            r = Json.mapper().readValue(b, Report.class);
        } catch (IOException | RuntimeException ex) {
            throw new IOException("damaged spool entry " + e.name() + ": " + ex.getMessage(), ex);
        }
        if (r == null || r.reportId() == null || r.deviceId() == null || r.facts() == null) {
            throw new IOException("damaged spool entry " + e.name() + ": not a complete report");
        }
        return r;
    }

    /** The console has the report: forget it. */
    public void remove(Entry e) throws IOException {
        Files.deleteIfExists(e.file());
        syncDir();
    }

    /** Moves a damaged or refused entry out of the way ({@code name.bad}, {@code name.refused}); returns the new path. */
    public Path setAside(Entry e, String suffix) throws IOException {
        Path target = e.file().resolveSibling(e.name() + suffix);
        move(e.file(), target);
        syncDir();
        return target;
    }

    /** Dropped reports not yet told to the console (0 when none). */
    public int pendingDropped() throws IOException {
        return readGap().count();
    }

    /** The gap a dropped entry was carrying (it must not be lost with it). */
    private static Gap carriedGap(Entry e) {
        try {
            JsonNode d = Json.mapper().readTree(e.file().toFile()).path("delivery");
            return new Gap(Math.max(0, d.path("droppedBefore").asInt(0)), instant(d.path("droppedFrom")),
                    instant(d.path("droppedTo")));
        } catch (IOException | RuntimeException ex) {
            return Gap.NONE;
        }
    }

    private static Instant finishedAt(Entry e) {
        String n = e.name();
        int dash = n.indexOf('-');
        try {
            return dash > 0 ? Instant.ofEpochMilli(Long.parseLong(n.substring(0, dash))) : null;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private Gap readGap() throws IOException {
        Path f = dir.resolve(DROPPED);
        if (!Files.exists(f)) {
            return Gap.NONE;
        }
        try {
            JsonNode n = Json.mapper().readTree(f.toFile());
            return new Gap(Math.max(0, n.path("count").asInt(0)), instant(n.path("from")), instant(n.path("to")));
        } catch (IOException | RuntimeException e) {
            warn.accept("damaged " + f + " (" + e.getMessage() + "): the count of dropped reports is lost");
            return Gap.NONE;
        }
    }

    private static Instant instant(JsonNode n) {
        return n.isTextual() ? Instant.parse(n.asText()) : null;
    }

    private void writeGap(Gap g) throws IOException {
        Path f = dir.resolve(DROPPED);
        if (g.count() == 0) {
            Files.deleteIfExists(f);
            syncDir();
            return;
        }
        var o = Json.mapper().createObjectNode().put("count", g.count());
        if (g.from() != null) {
            o.put("from", g.from().toString());
        }
        if (g.to() != null) {
            o.put("to", g.to().toString());
        }
        writeDurably(f, Json.mapper().writeValueAsBytes(o));
    }

    /** Temp file in the same folder (owner-only on POSIX), fsync, atomic rename, fsync of the folder. */
    void writeDurably(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            move(tmp, target);
            syncDir();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes a rename durable: fsync of the folder (POSIX; Windows cannot open a folder, NTFS journals renames). */
    private void syncDir() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported on this platform
        }
    }
}
