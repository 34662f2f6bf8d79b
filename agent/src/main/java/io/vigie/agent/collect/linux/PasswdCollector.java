package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.host.FileContent;
import io.vigie.checks.fact.BuiltinAccounts;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code accounts.builtin}: accounts other than root with uid 0 ({@code /etc/passwd}), and automatic login of the
 * display managers GDM ({@code /etc/gdm3/custom.conf}, {@code /etc/gdm/custom.conf}), LightDM
 * ({@code /etc/lightdm/lightdm.conf} and {@code lightdm.conf.d/*.conf}) and SDDM ({@code /etc/sddm.conf},
 * {@code /etc/sddm.conf.d/*.conf}). Linux has no Guest / built-in Administrator account in the Windows sense:
 * {@code guestEnabled} and {@code builtinAdminEnabled} stay null (not applicable).
 */
final class PasswdCollector implements Collector {

    @Override
    public String name() {
        return "passwd";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.ACCOUNTS_BUILTIN);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        FileContent passwd = ctx.files().read("/etc/passwd");
        if (!passwd.ok()) {
            return List.of(Fact.unknown(FactKeys.ACCOUNTS_BUILTIN, "/etc/passwd", ctx.now(),
                    Reason.of(passwd.state() == FileContent.State.DENIED ? Reason.NEEDS_ADMIN : Reason.COMMAND_FAILED,
                            "/etc/passwd: " + passwd.state())));
        }
        List<SudoersCollector.PasswdEntry> entries = SudoersCollector.parsePasswd(passwd.text());
        if (entries.isEmpty()) {
            return List.of(Fact.unknown(FactKeys.ACCOUNTS_BUILTIN, "/etc/passwd", ctx.now(),
                    Reason.of(passwd.text().isBlank() ? Reason.EMPTY_OUTPUT : Reason.UNPARSABLE_OUTPUT, "no account line")));
        }
        List<String> extra = extraUid0(entries);
        String auto = autoLogin(ctx);
        return List.of(Fact.ok(FactKeys.ACCOUNTS_BUILTIN, "/etc/passwd, display manager configuration", ctx.now(),
                new BuiltinAccounts(null, null, extra, auto, auto != null)));
    }

    static List<String> extraUid0(List<SudoersCollector.PasswdEntry> entries) {
        List<String> out = new ArrayList<>();
        for (SudoersCollector.PasswdEntry e : entries) {
            if (e.uid().equals("0") && !e.name().equals("root")) {
                out.add(e.name());
            }
        }
        return out;
    }

    private static String autoLogin(CollectContext ctx) {
        for (String p : List.of("/etc/gdm3/custom.conf", "/etc/gdm3/daemon.conf", "/etc/gdm/custom.conf")) {
            FileContent f = ctx.files().read(p);
            if (f.ok()) {
                String u = parseGdm(f.text());
                if (u != null) {
                    return u;
                }
            }
        }
        List<String> lightdm = new ArrayList<>(List.of("/etc/lightdm/lightdm.conf"));
        for (String n : ctx.files().list("/etc/lightdm/lightdm.conf.d")) {
            if (n.endsWith(".conf")) {
                lightdm.add("/etc/lightdm/lightdm.conf.d/" + n);
            }
        }
        String lightUser = null;
        for (String p : lightdm) {
            FileContent f = ctx.files().read(p);
            if (f.ok()) {
                String u = iniValue(f.text(), null, "autologin-user");
                if (u != null) {
                    lightUser = u.isBlank() ? null : u; // later files override earlier ones
                }
            }
        }
        if (lightUser != null) {
            return lightUser;
        }
        List<String> sddm = new ArrayList<>();
        for (String n : ctx.files().list("/etc/sddm.conf.d")) {
            if (n.endsWith(".conf")) {
                sddm.add("/etc/sddm.conf.d/" + n);
            }
        }
        sddm.add("/etc/sddm.conf");
        String sddmUser = null;
        for (String p : sddm) {
            FileContent f = ctx.files().read(p);
            if (f.ok()) {
                String u = iniValue(f.text(), "Autologin", "User");
                if (u != null) {
                    sddmUser = u.isBlank() ? null : u;
                }
            }
        }
        return sddmUser;
    }

    /** Pure: GDM {@code [daemon] AutomaticLoginEnable=true} + {@code AutomaticLogin=user}. */
    static String parseGdm(String text) {
        String enable = iniValue(text, "daemon", "AutomaticLoginEnable");
        String user = iniValue(text, "daemon", "AutomaticLogin");
        if (enable != null && enable.strip().toLowerCase(Locale.ROOT).matches("true|1|yes") && user != null && !user.isBlank()) {
            return user.strip();
        }
        return null;
    }

    /**
     * Pure: the last value of {@code key} in an INI text, in {@code section} (any section when null). Comments
     * start with {@code #} or {@code ;}.
     */
    static String iniValue(String text, String section, String key) {
        String current = "";
        String value = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).strip().equals(key)
                    && (section == null || section.equalsIgnoreCase(current))) {
                value = line.substring(eq + 1).strip();
            }
        }
        return value;
    }
}
