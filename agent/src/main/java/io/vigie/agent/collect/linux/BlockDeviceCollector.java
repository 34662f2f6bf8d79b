package io.vigie.agent.collect.linux;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.DiskEncryption;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.Volume;
import io.vigie.checks.json.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code disk.encryption}: for {@code /} and every other fixed mounted file system (not /boot, the EFI partition,
 * swap, loop or removable devices), whether a dm-crypt layer lies between it and the disk.
 * {@code lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINT,PKNAME,RM} gives the device tree (old lsblk prints every value as
 * a string; newer ones may also print {@code mountpoints}); an ancestor of type {@code crypt} means encrypted. The
 * LUKS version comes from {@code /sys/block/dm-N/dm/uuid} ({@code CRYPT-LUKS2-…}). When no block device backs
 * {@code /} (a container's overlay root), the fact is UNKNOWN: the host's disk cannot be seen from inside.
 */
final class BlockDeviceCollector implements Collector {

    static final Set<String> SKIPPED_MOUNTS = Set.of("/boot", "/boot/efi", "/efi", "[SWAP]");
    static final String LSBLK = "lsblk -J -o NAME,TYPE,FSTYPE,MOUNTPOINT,PKNAME,RM";

    @Override
    public String name() {
        return "lsblk";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.DISK_ENCRYPTION);
    }

    /** One node of the lsblk tree, with its parent. */
    record Node(String name, String type, String fstype, List<String> mounts, String pkname, boolean removable,
                Node parent) {
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        var now = ctx.now();
        CommandResult r = LinuxHost.run(ctx, Duration.ofSeconds(5), "lsblk", "-J", "-o", "NAME,TYPE,FSTYPE,MOUNTPOINT,PKNAME,RM");
        Optional<Reason> failed = PackageUpdatesCollector.failure(r);
        if (failed.isPresent()) {
            return List.of(Fact.unknown(FactKeys.DISK_ENCRYPTION, LSBLK, now, failed.get()));
        }
        List<Node> nodes;
        try {
            nodes = parseLsblk(r.stdout());
        } catch (IllegalArgumentException e) {
            return List.of(Fact.unknown(FactKeys.DISK_ENCRYPTION, LSBLK, now, Reason.of(
                    r.stdout().isBlank() ? Reason.EMPTY_OUTPUT : Reason.UNPARSABLE_OUTPUT, e.getMessage())));
        }
        Map<String, String> dmUuids = dmUuids(ctx);
        String rootFs = rootFilesystem(ctx.files().read("/proc/self/mounts"));
        List<Volume> vols = volumes(nodes, dmUuids);
        if (vols.isEmpty() || !vols.get(0).system()) {
            return List.of(Fact.unknown(FactKeys.DISK_ENCRYPTION, LSBLK, now, Reason.of(Reason.NOT_SUPPORTED,
                    "no block device backs / (root file system: " + (rootFs == null ? "unknown" : rootFs)
                            + "; a container or virtual root: the host's disk encryption cannot be seen from here)")));
        }
        return List.of(Fact.ok(FactKeys.DISK_ENCRYPTION, LSBLK, now, new DiskEncryption(vols)));
    }

    /** dm device name → dm uuid, from /sys/block/dm-N/dm/{name,uuid}. */
    private static Map<String, String> dmUuids(CollectContext ctx) {
        Map<String, String> m = new HashMap<>();
        for (String dev : ctx.files().list("/sys/block")) {
            if (!dev.startsWith("dm-")) {
                continue;
            }
            FileContent name = ctx.files().read("/sys/block/" + dev + "/dm/name");
            FileContent uuid = ctx.files().read("/sys/block/" + dev + "/dm/uuid");
            if (name.ok() && uuid.ok()) {
                m.put(name.text().strip(), uuid.text().strip());
            }
        }
        return m;
    }

    /** Pure: the file system type mounted at / in /proc/self/mounts (last mount wins). */
    static String rootFilesystem(FileContent mounts) {
        if (!mounts.ok()) {
            return null;
        }
        String fs = null;
        for (String line : mounts.text().split("\n")) {
            String[] f = line.split("\\s+");
            if (f.length >= 3 && f[1].equals("/")) {
                fs = f[2] + " from " + f[0];
            }
        }
        return fs;
    }

    /** Pure: flattens {@code lsblk -J} output (tree with {@code children}, or flat with {@code pkname}). */
    static List<Node> parseLsblk(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("lsblk JSON: " + e.getMessage());
        }
        if (root == null || !root.has("blockdevices") || !root.get("blockdevices").isArray()) {
            throw new IllegalArgumentException("lsblk JSON without blockdevices");
        }
        List<Node> out = new ArrayList<>();
        for (JsonNode d : root.get("blockdevices")) {
            walk(d, null, out);
        }
        // flat output (--list): link parents through pkname
        Map<String, Node> byName = new LinkedHashMap<>();
        for (Node n : out) {
            byName.putIfAbsent(n.name, n);
        }
        List<Node> linked = new ArrayList<>();
        for (Node n : out) {
            if (n.parent == null && n.pkname != null && byName.containsKey(n.pkname) && !n.pkname.equals(n.name)) {
                linked.add(new Node(n.name, n.type, n.fstype, n.mounts, n.pkname, n.removable, byName.get(n.pkname)));
            } else {
                linked.add(n);
            }
        }
        return linked;
    }

    private static void walk(JsonNode d, Node parent, List<Node> out) {
        List<String> mounts = new ArrayList<>();
        JsonNode mps = d.get("mountpoints");
        if (mps != null && mps.isArray()) {
            for (JsonNode m : mps) {
                String s = text(m);
                if (s != null) {
                    mounts.add(s);
                }
            }
        }
        String mp = text(d.get("mountpoint"));
        if (mp != null && !mounts.contains(mp)) {
            mounts.add(mp);
        }
        JsonNode rm = d.get("rm");
        boolean removable = rm != null && (rm.isBoolean() ? rm.asBoolean() : "1".equals(rm.asText()) || "true".equals(rm.asText()));
        Node n = new Node(text(d.get("name")), lower(text(d.get("type"))), text(d.get("fstype")), mounts,
                text(d.get("pkname")), removable, parent);
        out.add(n);
        JsonNode children = d.get("children");
        if (children != null && children.isArray()) {
            for (JsonNode c : children) {
                walk(c, n, out);
            }
        }
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** Pure: one volume per fixed mount point, "/" first. */
    static List<Volume> volumes(List<Node> nodes, Map<String, String> dmUuids) {
        List<Volume> root = new ArrayList<>();
        List<Volume> others = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Node n : nodes) {
            for (String mount : n.mounts) {
                if (SKIPPED_MOUNTS.contains(mount) || mount.startsWith("/snap/") || !mount.startsWith("/")
                        || "loop".equals(n.type) || "rom".equals(n.type) || isRemovable(n) || !seen.add(mount)) {
                    continue;
                }
                Volume v = volume(mount, n, dmUuids);
                if (mount.equals("/")) {
                    root.add(v);
                } else {
                    others.add(v);
                }
            }
        }
        root.addAll(others);
        return root;
    }

    private static boolean isRemovable(Node n) {
        for (Node x = n; x != null; x = x.parent) {
            if (x.removable) {
                return true;
            }
        }
        return false;
    }

    private static Volume volume(String mount, Node n, Map<String, String> dmUuids) {
        Node crypt = null;
        List<String> chain = new ArrayList<>();
        for (Node x = n; x != null; x = x.parent) {
            chain.add(x.name + "(" + x.type + ")");
            if ("crypt".equals(x.type) && crypt == null) {
                crypt = x;
            }
        }
        String path = String.join(" < ", chain);
        if (crypt == null) {
            return new Volume(mount, n.name, mount.equals("/"), false, false, null, null,
                    "no dm-crypt layer: " + path);
        }
        String method = "dm-crypt";
        String uuid = dmUuids.get(crypt.name);
        if (uuid != null && uuid.startsWith("CRYPT-")) {
            String kind = uuid.substring(6);
            int dash = kind.indexOf('-');
            method = dash > 0 ? kind.substring(0, dash) : kind;
        } else if (crypt.parent != null && "crypto_LUKS".equals(crypt.parent.fstype)) {
            method = "LUKS";
        }
        return new Volume(mount, n.name, mount.equals("/"), true, true, method, null, path);
    }
}
