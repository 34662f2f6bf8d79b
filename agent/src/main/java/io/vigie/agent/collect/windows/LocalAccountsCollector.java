package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.Account;
import io.vigie.checks.fact.AdminAccounts;
import io.vigie.checks.fact.BuiltinAccounts;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.PasswordHygiene;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code accounts.admins}, {@code accounts.builtin}, {@code accounts.passwords}: local users and members of the
 * Administrators group by SID S-1-5-32-544 (Get-LocalGroupMember, else CIM Win32_GroupUser, else
 * {@code whoami /groups} + {@code net localgroup}), built-in accounts by RID (-500, -501), Winlogon auto-logon and
 * LimitBlankPasswordUse. Works without admin rights. Domain controllers have no local accounts: NOT_APPLICABLE.
 */
final class LocalAccountsCollector extends ProbeCollector {

    static final String ADMINISTRATORS = "S-1-5-32-544";
    static final String AZURE_AD_PREFIX = "S-1-12-1-";

    LocalAccountsCollector() {
        super("windows-accounts", "local-accounts",
                List.of(FactKeys.ACCOUNTS_ADMINS, FactKeys.ACCOUNTS_BUILTIN, FactKeys.ACCOUNTS_PASSWORDS));
    }

    @Override
    List<Fact<?>> whenProbeFailed(CollectContext ctx, Probe p) {
        Fact<AdminAccounts> admins = netLocalGroup(ctx, null, null, p.failure());
        Instant at = ctx.now();
        return List.of(admins,
                Fact.unknown(FactKeys.ACCOUNTS_BUILTIN, p.source(), at, p.failure()),
                Fact.unknown(FactKeys.ACCOUNTS_PASSWORDS, p.source(), at, p.failure()));
    }

    @Override
    List<Fact<?>> facts(CollectContext ctx, Probe p) {
        Instant at = ctx.now();
        Probe.Section computer = p.section("computer");
        if (computer.ok()) {
            Integer role = Nodes.integer(computer.node(), "DomainRole");
            if (role != null && (role == 4 || role == 5)) {
                Reason na = Reason.of(Reason.NOT_SUPPORTED, "domain controller (DomainRole " + role
                        + "): no local accounts database; accounts are the domain's");
                return List.of(Fact.notApplicable(FactKeys.ACCOUNTS_ADMINS, p.source(), at, na),
                        Fact.notApplicable(FactKeys.ACCOUNTS_BUILTIN, p.source(), at, na),
                        Fact.notApplicable(FactKeys.ACCOUNTS_PASSWORDS, p.source(), at, na));
            }
        }
        Probe.Section users = p.section("users");
        return List.of(admins(ctx, p, users, computer), builtin(p, users, at), passwords(p, users, at));
    }

    record User(String name, String sid, Boolean enabled, Boolean passwordRequired) {
    }

    static List<User> users(Probe.Section s) {
        List<User> out = new ArrayList<>();
        for (JsonNode u : Nodes.list(s.node(), "Users")) {
            out.add(new User(Nodes.text(u, "Name"), Nodes.text(u, "SID"), Nodes.bool(u, "Enabled"),
                    Nodes.bool(u, "PasswordRequired")));
        }
        return out;
    }

    static Fact<AdminAccounts> admins(CollectContext ctx, Probe p, Probe.Section users, Probe.Section computer) {
        Probe.Section s = p.section("admins");
        String interactive = computer.ok() ? Nodes.text(computer.node(), "UserName") : null;
        String interactiveSid = computer.ok() ? Nodes.text(computer.node(), "UserSid") : null;
        if (!s.ok()) {
            return netLocalGroup(ctx, interactive, users.ok() ? users(users) : null, s.failure());
        }
        Map<String, Boolean> enabledBySid = new HashMap<>();
        if (users.ok()) {
            for (User u : users(users)) {
                if (u.sid() != null) {
                    enabledBySid.put(u.sid().toUpperCase(Locale.ROOT), u.enabled());
                }
            }
        }
        List<Account> admins = new ArrayList<>();
        boolean indirect = false;
        Boolean userIsAdmin = null;
        for (JsonNode m : Nodes.list(s.node(), "Members")) {
            String sid = Nodes.text(m, "SID");
            String cls = Nodes.text(m, "ObjectClass");
            String name = Nodes.text(m, "Name");
            boolean group = cls != null && cls.toLowerCase(Locale.ROOT).contains("group");
            if (group || (sid != null && sid.startsWith(AZURE_AD_PREFIX))) {
                indirect = true;
            }
            if (sid != null && interactiveSid != null && sid.equalsIgnoreCase(interactiveSid)) {
                userIsAdmin = true;
            }
            // a group (domain, Azure AD, local) stands for at least one principal whose members are not listed here
            admins.add(new Account(name, sid, ADMINISTRATORS,
                    sid == null ? null : enabledBySid.get(sid.toUpperCase(Locale.ROOT)), group ? Boolean.TRUE : null));
        }
        if (interactive == null) {
            userIsAdmin = null;
        } else if (userIsAdmin == null) {
            // Not a direct member. Rights through a group (domain, Azure AD) cannot be told from here.
            boolean local = interactiveSid != null && !interactiveSid.startsWith(AZURE_AD_PREFIX) && !indirect;
            userIsAdmin = local ? Boolean.FALSE : null;
        }
        String how = Nodes.text(s.node(), "Source");
        AdminAccounts value = new AdminAccounts(admins, interactive, userIsAdmin, null);
        Probe.Section profiles = p.section("profiles");
        if (interactive == null && profiles.ok()) {
            value = withRecentUsers(value, profiles, indirect);
        }
        return Fact.ok(FactKeys.ACCOUNTS_ADMINS, (how == null ? "S-1-5-32-544 members" : how + " -SID S-1-5-32-544")
                + (value.recentUsersSource() == null ? "" : ", " + value.recentUsersSource())
                + " (" + p.source() + ")", ctx.now(), value);
    }

    static final String PROFILE_LOAD_TIME = "ProfileList LocalProfileLoadTime";
    static final String PROFILE_LAST_USE = "Win32_UserProfile.LastUseTime";
    static final int RECENT_USERS = 3;

    /**
     * Pure: the people whose profiles were used last (a run with nobody logged on), most recent first, each judged
     * by SID like the interactive user: a direct member of S-1-5-32-544 is an administrator; with a group among the
     * members, or a domain / Azure AD account, rights cannot be told from here.
     */
    static AdminAccounts withRecentUsers(AdminAccounts value, Probe.Section profiles, boolean indirect) {
        record Used(String name, String sid, Instant at) {
        }
        List<Used> used = new ArrayList<>();
        boolean byLoadTime = false;
        for (JsonNode n : Nodes.list(profiles.node())) {
            String sid = Nodes.text(n, "SID");
            if (sid == null || !(sid.startsWith("S-1-5-21-") || sid.startsWith(AZURE_AD_PREFIX))) {
                continue; // service and system profiles
            }
            Long hi = Nodes.number(n, "LoadTimeHigh");
            Long lo = Nodes.number(n, "LoadTimeLow");
            Instant at = hi == null || lo == null ? null : WindowsBackupCollector.fileTime((hi << 32) | (lo & 0xFFFFFFFFL));
            byLoadTime |= at != null;
            if (at == null) {
                at = Nodes.instant(n, "LastUseTime");
            }
            String name = Nodes.text(n, "Name");
            if (name == null) {
                String path = Nodes.text(n, "LocalPath");
                name = path == null ? sid : path.substring(path.lastIndexOf('\\') + 1);
            }
            if (at != null) {
                used.add(new Used(name, sid, at));
            }
        }
        if (used.isEmpty()) {
            return value;
        }
        used.sort(java.util.Comparator.comparing(Used::at).reversed());
        List<Used> recent = used.subList(0, Math.min(RECENT_USERS, used.size()));
        Set<String> adminSids = new HashSet<>();
        for (Account a : value.admins()) {
            if (a.id() != null) {
                adminSids.add(a.id().toUpperCase(Locale.ROOT));
            }
        }
        List<String> admins = new ArrayList<>();
        boolean known = true;
        for (Used u : recent) {
            if (adminSids.contains(u.sid().toUpperCase(Locale.ROOT))) {
                admins.add(u.name());
            } else if (indirect || u.sid().startsWith(AZURE_AD_PREFIX)) {
                known = false;
            }
        }
        return value.withRecentUsers(recent.stream().map(Used::name).toList(), known ? admins : null,
                byLoadTime ? PROFILE_LOAD_TIME : PROFILE_LAST_USE);
    }

    /** Last fallback: the group's name from {@code whoami /groups} (by SID), its members from {@code net localgroup}. */
    static Fact<AdminAccounts> netLocalGroup(CollectContext ctx, String interactive, List<User> users, Reason why) {
        Instant at = ctx.now();
        CommandResult who = ctx.commands().run(List.of("whoami", "/groups", "/fo", "csv", "/nh"), ctx.config().commandTimeout());
        Optional<String> group = who.ok() ? TextFallbacks.groupNameBySid(who.stdout(), ADMINISTRATORS) : Optional.empty();
        if (group.isEmpty()) {
            return Fact.unknown(FactKeys.ACCOUNTS_ADMINS, "Get-LocalGroupMember, Win32_GroupUser, whoami /groups", at,
                    Reason.of(why.code(), why.detail() + "; whoami /groups: " + (who.ok()
                            ? "no group with SID " + ADMINISTRATORS : who.describe())));
        }
        List<String> argv = List.of("net", "localgroup", group.get());
        CommandResult net = ctx.commands().run(argv, ctx.config().commandTimeout());
        String source = "net localgroup " + group.get() + " (fallback: " + why.code() + ")";
        if (net.timedOut()) {
            return Fact.unknown(FactKeys.ACCOUNTS_ADMINS, source, at, Reason.of(Reason.COMMAND_TIMEOUT, net.describe()));
        }
        if (!net.ok()) {
            return Fact.unknown(FactKeys.ACCOUNTS_ADMINS, source, at, Reason.of(
                    net.notFound() ? Reason.TOOL_ABSENT : Reason.COMMAND_FAILED, net.describe()));
        }
        Optional<List<String>> members = TextFallbacks.netLocalGroupMembers(net.stdout());
        if (members.isEmpty()) {
            return Fact.unknown(FactKeys.ACCOUNTS_ADMINS, source, at, Reason.of(
                    net.stdout().isBlank() ? Reason.EMPTY_OUTPUT : Reason.UNPARSABLE_OUTPUT,
                    "net localgroup output not recognised"));
        }
        Map<String, Boolean> enabledByName = new HashMap<>();
        if (users != null) {
            users.forEach(u -> enabledByName.put(u.name() == null ? "" : u.name().toLowerCase(Locale.ROOT), u.enabled()));
        }
        List<Account> admins = new ArrayList<>();
        for (String m : members.get()) {
            String bare = m.contains("\\") ? m.substring(m.lastIndexOf('\\') + 1) : m;
            admins.add(new Account(m, null, ADMINISTRATORS,
                    m.contains("\\") ? null : enabledByName.get(bare.toLowerCase(Locale.ROOT))));
        }
        Boolean userIsAdmin = null;
        if (interactive != null) {
            String bare = interactive.substring(interactive.lastIndexOf('\\') + 1);
            for (String m : members.get()) {
                if (m.equalsIgnoreCase(interactive) || m.equalsIgnoreCase(bare)) {
                    userIsAdmin = true;
                }
            }
        }
        return Fact.ok(FactKeys.ACCOUNTS_ADMINS, source, at, new AdminAccounts(admins, interactive, userIsAdmin, null));
    }

    static Fact<BuiltinAccounts> builtin(Probe p, Probe.Section users, Instant at) {
        String source = "local users by RID -500/-501, Winlogon AutoAdminLogon (" + p.source() + ")";
        if (!users.ok()) {
            return Fact.unknown(FactKeys.ACCOUNTS_BUILTIN, source, at, users.failure());
        }
        Boolean guest = null;
        Boolean admin = null;
        for (User u : users(users)) {
            if (u.sid() == null) {
                continue;
            }
            if (u.sid().endsWith("-501")) {
                guest = u.enabled();
            } else if (u.sid().endsWith("-500")) {
                admin = u.enabled();
            }
        }
        String autoLogin = null;
        Boolean autoLoginEnabled = null;
        Probe.Section w = p.section("winlogon");
        if (w.ok()) {
            // AutoAdminLogon is a string value; "1" turns automatic logon on, anything else (or absent) leaves it off.
            String flag = Nodes.text(w.node(), "AutoAdminLogon");
            autoLoginEnabled = "1".equals(flag == null ? null : flag.strip());
            if (autoLoginEnabled) {
                autoLogin = Nodes.text(w.node(), "DefaultUserName");
            }
        }
        return Fact.ok(FactKeys.ACCOUNTS_BUILTIN, source, at,
                new BuiltinAccounts(guest, admin, List.of(), autoLogin, autoLoginEnabled));
    }

    static Fact<PasswordHygiene> passwords(Probe p, Probe.Section users, Instant at) {
        String source = "local users PasswordRequired, HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa (" + p.source() + ")";
        if (!users.ok()) {
            return Fact.unknown(FactKeys.ACCOUNTS_PASSWORDS, source, at, users.failure());
        }
        List<String> notRequired = new ArrayList<>();
        for (User u : users(users)) {
            if (Boolean.TRUE.equals(u.enabled()) && Boolean.FALSE.equals(u.passwordRequired())) {
                notRequired.add(u.name());
            }
        }
        Boolean limited = null;
        Probe.Section lsa = p.section("lsa");
        if (lsa.ok()) {
            Long v = Nodes.number(lsa.node(), "LimitBlankPasswordUse");
            limited = v == null || v != 0; // absent = Windows default (1)
        }
        return Fact.ok(FactKeys.ACCOUNTS_PASSWORDS, source, at, new PasswordHygiene(null, notRequired, limited));
    }
}
