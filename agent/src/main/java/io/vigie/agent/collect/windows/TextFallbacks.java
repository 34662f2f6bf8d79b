package io.vigie.agent.collect.windows;

import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.InboundPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers of the console commands used only when PowerShell gives nothing (Constrained Language mode, broken
 * WMI). Their labels are localized and written in the OEM code page, so they rely on layout and on tokens that
 * Windows does not translate; every parser is tested on French and English outputs.
 */
final class TextFallbacks {

    private TextFallbacks() {
    }

    /**
     * The name of the group with SID {@code sid} in {@code whoami /groups /fo csv /nh} (columns: name, type, SID,
     * attributes; the headings and the type are localized, the SID is not). The "BUILTIN\" prefix is dropped.
     */
    static Optional<String> groupNameBySid(String whoamiCsv, String sid) {
        if (whoamiCsv == null) {
            return Optional.empty();
        }
        for (String line : whoamiCsv.split("\r?\n")) {
            List<String> cols = csv(line.strip());
            if (cols.size() >= 3 && cols.get(2).equalsIgnoreCase(sid)) {
                String name = cols.get(0);
                int slash = name.lastIndexOf('\\');
                return Optional.of(slash >= 0 ? name.substring(slash + 1) : name);
            }
        }
        return Optional.empty();
    }

    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        if (line.isEmpty()) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static final Pattern DASHES = Pattern.compile("^-{20,}$");

    /**
     * Members listed by {@code net localgroup <name>}: the lines between the dashed rule and the closing status
     * line ("The command completed successfully." / "La commande s'est terminée correctement."). Empty when the
     * layout is not recognised (the caller then reports UNKNOWN).
     */
    static Optional<List<String>> netLocalGroupMembers(String out) {
        if (out == null) {
            return Optional.empty();
        }
        String[] lines = out.split("\r?\n");
        int rule = -1;
        for (int i = 0; i < lines.length; i++) {
            if (DASHES.matcher(lines[i].strip()).matches()) {
                rule = i;
                break;
            }
        }
        if (rule < 0) {
            return Optional.empty();
        }
        List<String> rest = new ArrayList<>();
        for (int i = rule + 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (!l.isEmpty()) {
                rest.add(l);
            }
        }
        if (rest.isEmpty() || !completed(rest.get(rest.size() - 1))) {
            return Optional.empty(); // truncated: without the closing line the member list may be partial
        }
        return Optional.of(List.copyOf(rest.subList(0, rest.size() - 1)));
    }

    /** The closing line of net.exe, English or French (accents may arrive mangled from the OEM code page). */
    static boolean completed(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        return l.equals("the command completed successfully.")
                || (l.startsWith("la commande s") && l.endsWith("correctement."));
    }

    private static final Pattern POLICY = Pattern.compile("\\b(BlockInboundAlways|BlockInbound|AllowInbound)\\s*,");
    private static final Pattern KEY_VALUE = Pattern.compile("^(\\S.*?)\\s{2,}(\\S.*)$");

    /**
     * Profiles from {@code netsh advfirewall show allprofiles}. netsh prints Domain, Private then Public, each
     * block opened by a dashed rule; the first setting is the state ("ON"/"OFF", French "Actif"/"Inactif"), and the
     * firewall policy token ({@code BlockInbound,AllowOutbound}) is not translated.
     */
    static Optional<List<FirewallProfile>> netshProfiles(String out) {
        if (out == null) {
            return Optional.empty();
        }
        String[] names = {"domain", "private", "public"};
        String[] lines = out.split("\r?\n");
        List<FirewallProfile> profiles = new ArrayList<>();
        int i = 0;
        while (i < lines.length && profiles.size() < 3) {
            if (!DASHES.matcher(lines[i].strip()).matches()) {
                i++;
                continue;
            }
            Boolean enabled = null;
            InboundPolicy inbound = null;
            boolean stateSeen = false;
            int j = i + 1;
            for (; j < lines.length; j++) {
                String l = lines[j].strip();
                if (DASHES.matcher(l).matches()) {
                    break;
                }
                Matcher kv = KEY_VALUE.matcher(l);
                if (!stateSeen && kv.matches()) {
                    enabled = state(kv.group(2).strip());
                    stateSeen = true;
                    continue;
                }
                Matcher pol = POLICY.matcher(l);
                if (pol.find() && inbound == null) {
                    inbound = pol.group(1).startsWith("Allow") ? InboundPolicy.ALLOW : InboundPolicy.BLOCK;
                }
            }
            if (enabled == null || inbound == null) {
                return Optional.empty();
            }
            profiles.add(new FirewallProfile(names[profiles.size()], enabled, inbound, null));
            i = j;
        }
        if (profiles.size() != 3 || !out.strip().endsWith("Ok.")) {
            return Optional.empty();
        }
        return Optional.of(profiles);
    }

    static Boolean state(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "on", "actif" -> true;
            case "off", "inactif" -> false;
            default -> null;
        };
    }
}
