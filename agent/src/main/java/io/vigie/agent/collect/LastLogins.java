package io.vigie.agent.collect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pure: the people who used a Linux or macOS machine lately, from {@code last} (util-linux or wtmpdb on Linux, BSD
 * {@code last} on macOS; both read the login records, newest first, one session a line: user, terminal, host, times).
 * Only local interactive sessions count (a text console {@code ttyN}, a graphical seat {@code :N}/{@code seatN}, the
 * macOS {@code console}): a remote SSH session is administration work, not the daily user. Pseudo-entries
 * ({@code reboot}, {@code shutdown}, the closing "wtmp begins" line) and system accounts ({@code _…}) are skipped.
 */
public final class LastLogins {

    public static final String SOURCE = "last (wtmp)";
    static final Pattern LOCAL_TERMINAL = Pattern.compile("^(tty\\d+|:\\d+(\\.\\d+)?|seat\\d+|console)$");

    private LastLogins() {
    }

    /** Up to {@code max} users, the most frequent first, then the most recent. */
    public static List<String> recentUsers(String lastOutput, int max) {
        Map<String, int[]> seen = new LinkedHashMap<>(); // user -> {count, first position}
        int position = 0;
        for (String line : lastOutput.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("wtmp begins") || t.startsWith("wtmpdb begins") || t.startsWith("btmp")) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length < 2) {
                continue;
            }
            String user = f[0];
            String lower = user.toLowerCase(Locale.ROOT);
            if (lower.equals("reboot") || lower.equals("shutdown") || lower.equals("runlevel") || user.startsWith("_")
                    || !LOCAL_TERMINAL.matcher(f[1]).matches()) {
                continue;
            }
            int pos = position++;
            seen.computeIfAbsent(user, u -> new int[]{0, pos})[0]++;
        }
        List<Map.Entry<String, int[]>> list = new ArrayList<>(seen.entrySet());
        list.sort(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -e.getValue()[0])
                .thenComparingInt(e -> e.getValue()[1]));
        return list.stream().limit(max).map(Map.Entry::getKey).toList();
    }
}
