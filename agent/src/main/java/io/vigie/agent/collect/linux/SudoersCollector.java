package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.LastLogins;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.Account;
import io.vigie.checks.fact.AdminAccounts;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code accounts.admins}: who can administer the machine.
 * <ul>
 *   <li>members of the groups {@code sudo}, {@code wheel}, {@code admin} ({@code getent group}, fallback
 *       {@code /etc/group}), including users whose primary group it is ({@code /etc/passwd});</li>
 *   <li>{@code /etc/sudoers} and its {@code #includedir}/{@code @includedir}/{@code #include} files (root only):
 *       user or {@code %group} specs whose command list is {@code ALL}, and every {@code NOPASSWD} spec;
 *       unreadable sudoers leave {@code passwordlessSudo} null and the group part stands;</li>
 *   <li>root (uid 0) itself, and any other uid-0 account;</li>
 *   <li>the interactive user: first login on a local seat or terminal in {@code who}.</li>
 * </ul>
 * Whether a sudo program is installed at all is reported too: without one, no sudo rule applies (a minimal or
 * container system administered as root only) — neither "sudo asks for a password" nor "could not read".
 */
final class SudoersCollector implements Collector {

    static final List<String> ADMIN_GROUPS = List.of("sudo", "wheel", "admin");
    /** Where distributions install sudo (Debian, RHEL, Arch, Alpine, SUSE; /usr/local for builds from source). */
    static final List<String> SUDO_BINARIES = List.of("/usr/bin/sudo", "/bin/sudo", "/usr/sbin/sudo", "/sbin/sudo",
            "/usr/local/bin/sudo", "/usr/local/sbin/sudo");
    static final Set<String> NO_LOGIN_SHELLS = Set.of("/usr/sbin/nologin", "/sbin/nologin", "/bin/false",
            "/usr/bin/false", "/bin/nologin");

    @Override
    public String name() {
        return "sudoers";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.ACCOUNTS_ADMINS);
    }

    record PasswdEntry(String name, String uid, String gid, String shell) {
    }

    record Group(String name, String gid, List<String> members) {
    }

    /** Pure: /etc/passwd lines. */
    static List<PasswdEntry> parsePasswd(String text) {
        List<PasswdEntry> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", -1);
            if (f.length >= 7 && !f[0].isBlank() && !line.startsWith("#") && !line.startsWith("+") && !line.startsWith("-")) {
                out.add(new PasswdEntry(f[0], f[2], f[3], f[6].strip()));
            }
        }
        return out;
    }

    /** Pure: group lines ({@code getent group} or /etc/group). */
    static Map<String, Group> parseGroups(String text) {
        Map<String, Group> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split(":", -1);
            if (f.length >= 4 && !f[0].isBlank()) {
                List<String> members = new ArrayList<>();
                for (String m : f[3].split(",")) {
                    if (!m.isBlank()) {
                        members.add(m.strip());
                    }
                }
                out.putIfAbsent(f[0], new Group(f[0], f[2], members));
            }
        }
        return out;
    }

    /** One sudoers user specification. */
    record Spec(String users, String line, boolean allCommands, boolean nopasswd) {
    }

    /** Result of reading sudoers: specs, and the include directives found. */
    record Sudoers(List<Spec> specs, List<String> includeDirs, List<String> includeFiles) {
    }

    /**
     * Pure: parses one sudoers file. Joins backslash continuations, strips comments (but {@code #include} and
     * {@code #includedir} are directives), skips Defaults and alias definitions (aliases are not expanded: a
     * User_Alias granting ALL appears under its alias name).
     */
    static Sudoers parseSudoers(String text) {
        List<Spec> specs = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        String joined = text.replace("\\\r\n", " ").replace("\\\n", " ");
        for (String raw : joined.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#includedir ") || line.startsWith("@includedir ")) {
                dirs.add(line.substring(line.indexOf(' ') + 1).strip());
                continue;
            }
            if (line.startsWith("#include ") || line.startsWith("@include ")) {
                files.add(line.substring(line.indexOf(' ') + 1).strip());
                continue;
            }
            int hash = line.indexOf('#');
            while (hash >= 0) {
                // '#' followed by digits is a uid (#1000), not a comment
                if (hash + 1 < line.length() && Character.isDigit(line.charAt(hash + 1))) {
                    hash = line.indexOf('#', hash + 1);
                    continue;
                }
                line = line.substring(0, hash).strip();
                break;
            }
            if (line.isEmpty() || line.startsWith("Defaults") || line.matches("^(User|Runas|Host|Cmnd|Cmd)_Alias\\s.*")) {
                continue;
            }
            Spec s = parseSpec(line);
            if (s != null) {
                specs.add(s);
            }
        }
        return new Sudoers(specs, dirs, files);
    }

    static Spec parseSpec(String line) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            return null;
        }
        String left = line.substring(0, eq).strip();
        String[] lt = left.split("\\s+");
        if (lt.length < 2) {
            return null;
        }
        String users = String.join(" ", java.util.Arrays.copyOf(lt, lt.length - 1));
        String right = line.substring(eq + 1).strip();
        if (right.startsWith("(")) {
            int close = right.indexOf(')');
            right = close < 0 ? "" : right.substring(close + 1).strip();
        }
        boolean nopasswd = false;
        // tags: NOPASSWD: PASSWD: SETENV: NOEXEC: … ; keep the last NOPASSWD/PASSWD
        while (true) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Z_]+):\\s*").matcher(right);
            if (!m.find()) {
                break;
            }
            String tag = m.group(1);
            if (tag.equals("NOPASSWD")) {
                nopasswd = true;
            } else if (tag.equals("PASSWD")) {
                nopasswd = false;
            }
            right = right.substring(m.end());
        }
        boolean all = right.strip().equals("ALL");
        return new Spec(users, line.replaceAll("\\s+", " "), all, nopasswd);
    }

    /** How many recent interactive users are judged when nobody is logged on. */
    static final int RECENT_USERS = 3;

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        var now = ctx.now();
        FileContent passwdFile = ctx.files().read("/etc/passwd");
        List<PasswdEntry> passwd = passwdFile.ok() ? parsePasswd(passwdFile.text()) : List.of();
        CommandResult getent = LinuxHost.run(ctx, Duration.ofSeconds(5), "getent", "group", "sudo", "wheel", "admin");
        Map<String, Group> groups;
        String groupSource;
        if (!getent.notFound() && !getent.timedOut() && (getent.exitCode() == 0 || getent.exitCode() == 2)) {
            groups = parseGroups(getent.stdout());
            groupSource = "getent group";
        } else {
            FileContent g = ctx.files().read("/etc/group");
            if (!g.ok()) {
                return List.of(Fact.unknown(FactKeys.ACCOUNTS_ADMINS, "/etc/group", now,
                        Reason.of(Reason.COMMAND_FAILED, getent.describe() + "; /etc/group " + g.state())));
            }
            groups = parseGroups(g.text());
            groupSource = "/etc/group";
        }
        // whether each account can log in: its shell, and /etc/shadow (root only; unread = unknown, never "disabled")
        Map<String, ShadowCollector.Entry> shadow = null;
        String shadowSource = "";
        if (ctx.admin()) {
            FileContent sh = ctx.files().read(ShadowCollector.SHADOW);
            if (sh.ok() && !ShadowCollector.parseShadow(sh.text()).isEmpty()) {
                shadow = new LinkedHashMap<>();
                for (ShadowCollector.Entry e : ShadowCollector.parseShadow(sh.text())) {
                    shadow.putIfAbsent(e.name(), e);
                }
                shadowSource = ", " + ShadowCollector.SHADOW;
            }
        }
        Logins logins = new Logins(passwd, shadow, Math.floorDiv(now.getEpochSecond(), 86_400L));
        Map<String, Account> admins = new LinkedHashMap<>();
        admins.put("root", account("root", logins, "uid0"));
        // any other uid-0 account is root under another name: an administrator (VIG-ACC-005 flags it as well)
        for (PasswdEntry p : passwd) {
            if ("0".equals(p.uid) && !p.name.equals("root")) {
                admins.putIfAbsent(p.name, account(p.name, logins, "uid0"));
            }
        }
        for (String gname : ADMIN_GROUPS) {
            Group g = groups.get(gname);
            if (g == null) {
                continue;
            }
            addGroupMembers(admins, g, logins);
        }
        // sudoers
        List<String> nopasswd = null;
        String sudoSource = "";
        boolean sudoInstalled = LinuxHost.firstExisting(ctx, SUDO_BINARIES.toArray(String[]::new)).isPresent();
        if (!sudoInstalled) {
            sudoSource = ", no sudo program";
        } else if (ctx.admin()) {
            SudoersRead read = readSudoers(ctx);
            if (read != null) {
                nopasswd = new ArrayList<>();
                sudoSource = ", /etc/sudoers";
                for (Spec s : read.specs) {
                    if (s.nopasswd) {
                        nopasswd.add(s.line);
                    }
                    if (!s.allCommands) {
                        continue;
                    }
                    for (String u : s.users.split(",")) {
                        String who = u.strip();
                        if (who.startsWith("%")) {
                            String gname = who.substring(1);
                            Group g = groups.get(gname);
                            if (g == null) {
                                CommandResult one = LinuxHost.run(ctx, Duration.ofSeconds(5), "getent", "group", gname);
                                g = one.ok() ? parseGroups(one.stdout()).get(gname) : null;
                            }
                            if (g != null) {
                                addGroupMembers(admins, g, logins);
                            }
                        } else if (!who.isEmpty() && !who.startsWith("!") && !who.equals("ALL")) {
                            admins.putIfAbsent(who, account(who, logins, "sudoers"));
                        }
                    }
                }
            }
        }
        String interactive = null;
        CommandResult w = LinuxHost.run(ctx, Duration.ofSeconds(3), "who");
        if (w.ok()) {
            interactive = parseWho(w.stdout());
        }
        Boolean isAdmin = null;
        if (interactive != null) {
            if (admins.containsKey(interactive)) {
                isAdmin = true;
            } else if (nopasswd != null) {
                isAdmin = false;
            }
        }
        AdminAccounts value = new AdminAccounts(List.copyOf(admins.values()), interactive, isAdmin, nopasswd)
                .withSudoInstalled(sudoInstalled);
        String recentSource = "";
        if (interactive == null) {
            // a scheduled run: nobody is logged on, judge the people who used the machine lately
            CommandResult last = LinuxHost.run(ctx, Duration.ofSeconds(5), "last", "-w");
            if (last.ok()) {
                List<String> recent = LastLogins.recentUsers(last.stdout(), RECENT_USERS);
                List<String> recentAdmins = new ArrayList<>();
                boolean known = true;
                for (String u : recent) {
                    if (admins.containsKey(u)) {
                        recentAdmins.add(u);
                    } else if (nopasswd == null) {
                        known = false; // sudoers unread: rights through it cannot be ruled out
                    }
                }
                value = value.withRecentUsers(recent, known ? recentAdmins : null, LastLogins.SOURCE);
                recentSource = ", " + LastLogins.SOURCE;
            }
        }
        return List.of(Fact.ok(FactKeys.ACCOUNTS_ADMINS, groupSource + sudoSource + shadowSource + recentSource, now, value));
    }

    private static void addGroupMembers(Map<String, Account> admins, Group g, Logins logins) {
        Set<String> members = new LinkedHashSet<>(g.members);
        for (PasswdEntry p : logins.passwd()) {
            if (p.gid.equals(g.gid)) {
                members.add(p.name);
            }
        }
        for (String m : members) {
            admins.putIfAbsent(m, account(m, logins, "group:" + g.name));
        }
    }

    /**
     * What says whether an account can log in: {@code /etc/passwd} (shell), {@code /etc/shadow} entries by name
     * (null when not read: without root, or unreadable) and today's day number (UTC) for account expiry.
     */
    record Logins(List<PasswdEntry> passwd, Map<String, ShadowCollector.Entry> shadow, long epochDay) {
    }

    /** Pure: an account with its uid and whether it can log in (only the derived state, never the hash). */
    static Account account(String name, Logins logins, String via) {
        for (PasswdEntry p : logins.passwd()) {
            if (p.name.equals(name)) {
                Boolean enabled = ShadowCollector.loginEnabled(p.shell,
                        logins.shadow() == null ? null : logins.shadow().get(name), logins.epochDay());
                return new Account(name, p.uid, via, enabled);
            }
        }
        return new Account(name, null, via, null);
    }

    record SudoersRead(List<Spec> specs) {
    }

    /** Reads /etc/sudoers and its includes (depth 3); null when /etc/sudoers cannot be read. */
    private static SudoersRead readSudoers(CollectContext ctx) {
        FileContent main = ctx.files().read("/etc/sudoers");
        if (!main.ok()) {
            return null;
        }
        List<Spec> specs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        include(ctx, "/etc/sudoers", main.text(), specs, seen, 0);
        return new SudoersRead(specs);
    }

    private static void include(CollectContext ctx, String path, String text, List<Spec> specs, Set<String> seen, int depth) {
        if (!seen.add(path) || depth > 3) {
            return;
        }
        Sudoers s = parseSudoers(text);
        specs.addAll(s.specs);
        String base = path.substring(0, path.lastIndexOf('/'));
        for (String f : s.includeFiles) {
            String p = f.startsWith("/") ? f : base + "/" + f;
            FileContent c = ctx.files().read(p);
            if (c.ok()) {
                include(ctx, p, c.text(), specs, seen, depth + 1);
            }
        }
        for (String d : s.includeDirs) {
            String dir = d.startsWith("/") ? d : base + "/" + d;
            for (String name : ctx.files().list(dir)) {
                // sudo skips names ending in '~' or containing '.'
                if (name.endsWith("~") || name.contains(".")) {
                    continue;
                }
                FileContent c = ctx.files().read(dir + "/" + name);
                if (c.ok()) {
                    include(ctx, dir + "/" + name, c.text(), specs, seen, depth + 1);
                }
            }
        }
    }

    /**
     * Pure: the interactive user from {@code who}: prefer a graphical seat ({@code :0}, {@code seat0}) or a local
     * console ({@code tty*}), else the first remote terminal.
     */
    static String parseWho(String out) {
        String first = null;
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2 || f[0].isEmpty()) {
                continue;
            }
            String tty = f[1].toLowerCase(Locale.ROOT);
            if (tty.startsWith(":") || tty.startsWith("seat") || tty.startsWith("tty")) {
                return f[0];
            }
            if (first == null) {
                first = f[0];
            }
        }
        return first;
    }
}
