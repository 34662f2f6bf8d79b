package io.vigie.agent.collect.macos;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.LastLogins;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.Account;
import io.vigie.checks.fact.AdminAccounts;
import io.vigie.checks.fact.BuiltinAccounts;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts, from the local directory (dscl(1), no root needed):
 * <ul>
 *   <li>{@code accounts.admins}: {@code dscl . -read /Groups/admin GroupMembership NestedGroups}; the person at the
 *       screen is the owner of {@code /dev/console} ({@code stat -f %Su /dev/console}; root = login window, nobody).
 *       Rights that come through a nested group (a directory group of a Mac bound to Active Directory) cannot be
 *       resolved locally: then a person not listed directly is "cannot tell". sudoers NOPASSWD entries are read when
 *       the files are readable (root).</li>
 *   <li>{@code accounts.builtin}: {@code GuestEnabled} and {@code autoLoginUser} of
 *       {@code /Library/Preferences/com.apple.loginwindow.plist} (absent GuestEnabled = guest off, the macOS
 *       default); accounts other than root with UniqueID 0 from {@code dscl . -list /Users UniqueID}. The root
 *       account's enabled state is not read (builtinAdminEnabled stays unknown).</li>
 *   <li>{@code accounts.passwords}: UNKNOWN — macOS keeps only salted hashes (ShadowHashData, root only); whether a
 *       password is empty cannot be observed without trying to log in, which the agent never does.</li>
 * </ul>
 */
final class MacAccounts implements Collector {

    static final String LOGINWINDOW = "/Library/Preferences/com.apple.loginwindow.plist";
    static final String SUDOERS = "/etc/sudoers";
    private static final Set<String> NOBODY_AT_SCREEN = Set.of("root", "_mbsetupuser", "loginwindow");

    @Override
    public String name() {
        return "accounts";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.ACCOUNTS_ADMINS, FactKeys.ACCOUNTS_BUILTIN, FactKeys.ACCOUNTS_PASSWORDS);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        CommandResult usersCmd = Probe.run(ctx, "dscl", ".", "-list", "/Users", "UniqueID");
        Map<String, String> uids = usersCmd.ok() ? uniqueIds(usersCmd.stdout()) : null;
        List<Fact<?>> out = new ArrayList<>();
        out.add(admins(ctx, uids));
        out.add(builtin(ctx, uids, usersCmd));
        out.add(Fact.unknown(FactKeys.ACCOUNTS_PASSWORDS, "macOS", ctx.now(), Reason.of(Reason.NOT_SUPPORTED,
                "macOS stores only salted password hashes (ShadowHashData, root only): an empty password cannot be "
                        + "observed without trying to log in, which Vigie never does")));
        return out;
    }

    private Fact<?> admins(CollectContext ctx, Map<String, String> uids) {
        String source = "dscl . -read /Groups/admin";
        CommandResult grp = Probe.run(ctx, "dscl", ".", "-read", "/Groups/admin", "GroupMembership", "NestedGroups");
        Map<String, List<String>> record = parseRecord(grp.stdout());
        if (!record.containsKey("GroupMembership") && !grp.ok()) {
            return Fact.unknown(FactKeys.ACCOUNTS_ADMINS, source, ctx.now(), Probe.failure(grp));
        }
        if (!record.containsKey("GroupMembership") && !grp.stdout().contains("No such key")
                && !grp.stderr().contains("No such key")) {
            return Fact.unknown(FactKeys.ACCOUNTS_ADMINS, source, ctx.now(), Probe.unparsable(grp));
        }
        List<String> members = record.getOrDefault("GroupMembership", List.of());
        List<String> nested = record.getOrDefault("NestedGroups", List.of());
        List<Account> admins = new ArrayList<>();
        for (String m : members) {
            admins.add(new Account(m, uids == null ? null : uids.get(m), "group:admin", null));
        }
        for (String g : nested) {
            admins.add(new Account(g, null, "nested-group:admin", null, Boolean.TRUE));
        }
        // another UniqueID 0 account is root under another name: an administrator (VIG-ACC-005 flags it as well)
        if (uids != null) {
            uids.entrySet().stream()
                    .filter(e -> "0".equals(e.getValue()) && !"root".equals(e.getKey()) && !members.contains(e.getKey()))
                    .map(Map.Entry::getKey).sorted()
                    .forEach(n -> admins.add(new Account(n, "0", "uid0", null)));
        }
        String user = consoleUser(ctx);
        Boolean isAdmin = user == null ? null : members.contains(user) ? Boolean.TRUE
                : nested.isEmpty() ? Boolean.FALSE : null;
        AdminAccounts value = new AdminAccounts(admins, user, isAdmin, passwordlessSudo(ctx));
        if (user == null) {
            // a scheduled run: nobody at the screen, judge the people who used the machine lately
            CommandResult last = Probe.run(ctx, "last");
            if (last.ok()) {
                List<String> recent = LastLogins.recentUsers(last.stdout(), 3);
                List<String> recentAdmins = recent.stream().filter(members::contains).toList();
                boolean known = nested.isEmpty() || recent.stream().allMatch(members::contains);
                value = value.withRecentUsers(recent, known ? recentAdmins : null, LastLogins.SOURCE);
                source += ", " + LastLogins.SOURCE;
            }
        }
        return Fact.ok(FactKeys.ACCOUNTS_ADMINS, source, ctx.now(), value);
    }

    private static String consoleUser(CollectContext ctx) {
        CommandResult r = Probe.run(ctx, "stat", "-f", "%Su", "/dev/console");
        if (!r.ok()) {
            return null;
        }
        String u = r.stdout().strip();
        return u.isEmpty() || NOBODY_AT_SCREEN.contains(u) ? null : u;
    }

    /** NOPASSWD entries of /etc/sudoers and its {@code #includedir}; null when sudoers cannot be read (not root). */
    static List<String> passwordlessSudo(CollectContext ctx) {
        FileContent main = ctx.files().read(SUDOERS);
        if (!main.ok()) {
            return null;
        }
        List<String> found = new ArrayList<>(nopasswd(main.text()));
        for (String line : main.text().split("\\R")) {
            String t = line.strip();
            if (t.startsWith("#includedir ") || t.startsWith("@includedir ")) {
                String dir = t.substring(t.indexOf(' ') + 1).strip();
                for (String name : ctx.files().list(dir)) {
                    if (name.endsWith("~") || name.contains(".")) {
                        continue; // sudo(8) skips names ending in ~ or containing a dot
                    }
                    FileContent f = ctx.files().read(dir + "/" + name);
                    if (!f.ok()) {
                        return null;
                    }
                    found.addAll(nopasswd(f.text()));
                }
            }
        }
        return found;
    }

    static List<String> nopasswd(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String t = line.strip();
            if (!t.startsWith("#") && t.contains("NOPASSWD")) {
                out.add(t.replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    private Fact<?> builtin(CollectContext ctx, Map<String, String> uids, CommandResult usersCmd) {
        Plist.Read login = Plist.read(ctx, LOGINWINDOW);
        Boolean guest = null;
        String autoLogin = null;
        Boolean autoLoginOn = null;
        if (login.ok()) {
            guest = Plist.bool(login.root(), "GuestEnabled").orElse(false);
            autoLogin = Plist.string(login.root(), "autoLoginUser").filter(s -> !s.isBlank()).orElse(null);
            autoLoginOn = autoLogin != null;
        } else if (login.state() == Plist.State.ABSENT) {
            guest = false; // no loginwindow preferences at all: every setting has its default (guest off, no auto-login)
            autoLoginOn = false;
        }
        List<String> extraUid0 = uids == null ? null : uids.entrySet().stream()
                .filter(e -> "0".equals(e.getValue()) && !"root".equals(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        if (guest == null && extraUid0 == null) {
            return Fact.unknown(FactKeys.ACCOUNTS_BUILTIN, LOGINWINDOW, ctx.now(),
                    login.state() == Plist.State.DENIED ? login.reason() : Probe.failure(usersCmd));
        }
        return Fact.ok(FactKeys.ACCOUNTS_BUILTIN, LOGINWINDOW + " + dscl . -list /Users UniqueID", ctx.now(),
                new BuiltinAccounts(guest, null, extraUid0, autoLogin, autoLoginOn));
    }

    /** {@code dscl . -list /Users UniqueID}: "name   uid" lines. */
    static Map<String, String> uniqueIds(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2 && f[1].matches("-?\\d+")) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    /**
     * A dscl record: {@code Key: v1 v2} on one line, or {@code Key:} followed by indented lines holding one value
     * each (dscl's layout for values with spaces). "No such key: X" lines are skipped.
     */
    static Map<String, List<String>> parseRecord(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String current = null;
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            if (Character.isWhitespace(line.charAt(0))) {
                if (current != null) {
                    out.get(current).add(line.strip());
                }
                continue;
            }
            if (line.startsWith("No such key:")) {
                current = null;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                current = null;
                continue;
            }
            current = line.substring(0, colon).strip();
            List<String> values = new ArrayList<>();
            String rest = line.substring(colon + 1).strip();
            if (!rest.isEmpty()) {
                values.addAll(List.of(rest.split("\\s+")));
            }
            out.put(current, values);
        }
        return out;
    }
}
