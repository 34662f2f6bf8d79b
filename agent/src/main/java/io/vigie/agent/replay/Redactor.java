package io.vigie.agent.replay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in raw answers before {@code vigie record} writes them: recordings are meant to be sent around,
 * so no password hash, private key or secret value may leave the machine, while every parser still reads the
 * same settings from the masked text (a replay gives the same facts).
 *
 * <p>What the collectors read (the reason for each rule): {@code /etc/shadow} (accounts with an empty password),
 * {@code /etc/passwd}, {@code /etc/group}, {@code /etc/sudoers} and its includes, {@code sshd_config} and its
 * includes, {@code xrdp.ini}, display-manager files (gdm, lightdm, sddm), cron tables and scripts, systemd units
 * and their {@code EnvironmentFile}s (restic, borg), borgmatic, rsnapshot and timeshift configurations,
 * {@code dnf/automatic.conf}, ufw files, {@code /etc/nsmb.conf}, macOS preference plists; and the outputs of
 * their commands ({@code sshd -T}, {@code getent}, {@code dscl}, PowerShell probes…). Rules:
 * <ul>
 *   <li>the password field of {@code shadow}, {@code gshadow}, {@code passwd}, {@code group} and
 *       {@code master.passwd} lines: a hash becomes {@link #MASK} after its lock marks ({@code !}, {@code *}) and
 *       its algorithm ({@code $6$}); an empty field, {@code x}, {@code !}, {@code *} or {@code !!} stay as they are,
 *       so "no password", "locked" and "has a password" survive;</li>
 *   <li>any crypt hash ({@code $1$}, {@code $2b$}, {@code $5$}, {@code $6$}, {@code $y$}, {@code $argon2id$}…)
 *       anywhere else;</li>
 *   <li>the body of PEM private keys ({@code -----BEGIN … PRIVATE KEY-----});</li>
 *   <li>the value of a setting whose name ends with password, passwd, passphrase, secret, token, psk,
 *       community, credential(s), api/private/secret/access/auth/encryption key, wep key
 *       ({@code KEY=value}, {@code KEY: value}, {@code "KEY": "value"}, {@code KEY value} at the start of an unindented
 *       line),
 *       (not the sudoers tags {@code PASSWD:}/{@code NOPASSWD:}), unless the value only says whether there is one ({@code yes}, {@code no}, {@code true}, {@code false},
 *       {@code none}, {@code ask}, {@code null}, empty) or names a variable ({@code $VAR}, {@code ${VAR}});</li>
 *   <li>SNMP communities and users of {@code snmpd.conf} ({@code rocommunity}, {@code trap2sink}, {@code com2sec},
 *       {@code createUser});</li>
 *   <li>the password of a URL ({@code scheme://user:password@host}), command-line options
 *       ({@code --password=…}, {@code --token …}), HTTP authorisations and Wi-Fi keys shown by
 *       {@code netsh wlan} ({@code Key Content}).</li>
 * </ul>
 * The mask always keeps the text's line structure. Pure and thread-safe.
 */
public final class Redactor {

    /** What replaces a secret. Holds no {@code $}, {@code :}, space or quote, so no field shifts. */
    public static final String MASK = "VIGIE-MASKED";

    /** The kinds of secret masked, for the record command's account. */
    public enum Kind { PASSWORD_HASH, PRIVATE_KEY, SECRET_VALUE }

    /** An answer after masking, and how many secrets of each kind it held (empty when nothing was masked). */
    public record Result(RawAnswer answer, Map<Kind, Integer> masked) {
        public boolean changed() {
            return !masked.isEmpty();
        }
    }

    private static final Set<String> PASSWORD_FILES = Set.of("shadow", "shadow-", "gshadow", "gshadow-", "passwd",
            "passwd-", "group", "group-", "master.passwd");

    /** Values that say whether a secret is set, not the secret: kept so settings such as {@code password=ask} survive. */
    /**
     * SNMP's well-known default communities: they protect nothing (every scanner tries them first) and they are the very
     * finding VIG-NET-005 reports, so a recording keeps them; any other community is masked.
     */
    private static final Set<String> DEFAULT_COMMUNITIES = Set.of("public", "private");

    private static final Set<String> NOT_SECRET = Set.of("", "yes", "no", "true", "false", "none", "ask", "null",
            "on", "off", MASK.toLowerCase(Locale.ROOT));

    private static final String HASH_IDS = "1|2[abxy]?|5|6|y|gy|7|md5|sha1|sha256|sha512|argon2id|argon2i|argon2d"
            + "|pbkdf2|pbkdf2-sha256|pbkdf2-sha512|scrypt";

    /** {@code $id$} then optional parameter or salt groups, then at least 16 hash characters. */
    private static final Pattern CRYPT = Pattern.compile(
            "\\$(" + HASH_IDS + ")\\$(?:[A-Za-z0-9./+=,-]*\\$){0,4}[A-Za-z0-9./+=]{16,}");

    private static final Pattern PEM = Pattern.compile(
            "(-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----)(.*?)(-----END \\2PRIVATE KEY-----|\\z)", Pattern.DOTALL);

    private static final String SECRET_NAME = "[A-Za-z0-9_.-]*?(?:password|passwd|passphrase|secret|token|psk"
            + "|community|credentials?|(?:api|private|secret|access|auth|encryption|master)[_-]?key|wep_key[0-3])";

    /** {@code name = value}, {@code name: value}, {@code "name": "value"}; the name must not follow a letter. */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_.-])([\"']?)(?!(?-i:(?:NO)?PASSWD)[:\\s])(" + SECRET_NAME + ")\\1([ \\t]*[=:][ \\t]*)"
                    + "(\"(?:[^\"\\\\\\n]|\\\\.)*\"|'[^'\\n]*'|[^\\s\"',;}\\]]+(?:[,;][^\\s\"',;}\\]]+)*)");

    /**
     * A directive then its value, at the very start of a line: {@code password secret}, {@code rocommunity public}.
     * Not after blanks: indented lines are prose (dpkg descriptions: " secret key material…").
     */
    private static final Pattern DIRECTIVE = Pattern.compile(
            "(?im)^((?:" + SECRET_NAME + "|r[ow]community6?|trapcommunity)[ \\t]+)"
                    + "(?:(\\S+)[ \\t]+)?(\"[^\"\\n]*\"|\\S+)");

    /** {@code trap2sink HOST COMMUNITY}: the community is the second word. */
    private static final Pattern TRAP_SINK = Pattern.compile("(?im)^([ \\t]*(?:trap2?sink|informsink)[ \\t]+\\S+[ \\t]+)(\\S+)");

    private static final Pattern COM2SEC = Pattern.compile(
            "(?im)^([ \\t]*com2sec6?[ \\t]+(?:-Cn[ \\t]+\\S+[ \\t]+)?\\S+[ \\t]+\\S+[ \\t]+)(\\S+)");

    private static final Pattern CREATE_USER = Pattern.compile(
            "(?im)^([ \\t]*createUser[ \\t]+(?:-e[ \\t]+\\S+[ \\t]+)?\\S+[ \\t]+\\S+[ \\t]+)(\"[^\"\\n]*\"|\\S+)"
                    + "(?:([ \\t]+\\S+[ \\t]+)(\"[^\"\\n]*\"|\\S+))?");

    /** A reference to a variable ({@code $VAR}, {@code ${VAR}}, {@code %VAR%}), not a value. */
    private static final Pattern VARIABLE = Pattern.compile("\\$[A-Z_][A-Z0-9_]*|\\$\\{[A-Za-z_][A-Za-z0-9_]*}|%[A-Za-z_][A-Za-z0-9_]*%");

    private static final Pattern HASH_ID = Pattern.compile("^\\$(" + HASH_IDS + ")\\$");

    private static final Pattern URL_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@\"']*):([^@\\s/\"']+)@");

    private static final Pattern OPTION = Pattern.compile(
            "(?i)(?<=\\s|^)(--?(?:password|passwd|pass|passphrase|secret|token|api-?key|community)(?:=|[ \\t]+))"
                    + "(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"']+)");

    private static final Pattern HTTP_AUTH = Pattern.compile("(?i)(authorization\\s*[:=]\\s*\"?(?:bearer|basic|token)\\s+)([^\\s\"']+)");

    private static final Pattern WIFI_KEY = Pattern.compile("(?im)^(\\s*(?:Key Content|Contenu de la clé)\\s*:\\s*)(.+)$");

    private Redactor() {
    }

    /**
     * A whole recording after masking, with its account: which answers had secrets masked (and how many of each
     * kind), and which files were kept word for word.
     */
    public record Redaction(Recording recording, List<Masked> masked, List<String> keptFiles, int keptCommands) {
    }

    /** Secrets masked in one answer; {@code source} is the file's path or the command line. */
    public record Masked(String source, Map<Kind, Integer> counts) {
    }

    /** Masks every answer of a recording. */
    public static Redaction redact(Recording r) {
        List<RawAnswer> out = new ArrayList<>();
        List<Masked> masked = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        int keptCommands = 0;
        for (RawAnswer a : r.answers()) {
            Result res = redact(a);
            out.add(res.answer());
            if (res.changed()) {
                masked.add(new Masked(source(a), res.masked()));
            } else if (RawAnswer.FILE.equals(a.kind()) && a.text() != null) {
                kept.add(a.path());
            } else if (RawAnswer.COMMAND.equals(a.kind())) {
                keptCommands++;
            }
        }
        return new Redaction(new Recording(r.machine(), out), List.copyOf(masked), List.copyOf(kept), keptCommands);
    }

    private static String source(RawAnswer a) {
        if (!RawAnswer.COMMAND.equals(a.kind())) {
            return a.path();
        }
        String cmd = a.argv() == null ? "" : String.join(" ", a.argv());
        if (a.stdin() != null && a.stdin().startsWith("# vigie-probe:")) {
            int nl = a.stdin().indexOf('\n');
            cmd += " (" + (nl < 0 ? a.stdin() : a.stdin().substring(0, nl)).substring(2).strip() + ")";
        }
        return cmd;
    }

    /** Masks the secrets of one raw answer: a file's text, or a command's output and error. */
    public static Result redact(RawAnswer a) {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        RawAnswer out = a;
        if (RawAnswer.FILE.equals(a.kind()) && a.text() != null) {
            String t = text(a.path(), a.text(), counts);
            if (!t.equals(a.text())) {
                out = new RawAnswer(a.kind(), a.argv(), a.stdin(), a.exitCode(), a.stdout(), a.stderr(), a.timedOut(),
                        a.notFound(), a.path(), a.state(), t, a.modified(), a.entries(), a.sockets(), a.error(), a.meta());
            }
        } else if (RawAnswer.COMMAND.equals(a.kind())) {
            String so = a.stdout() == null ? null : text(null, a.stdout(), counts);
            String se = a.stderr() == null ? null : text(null, a.stderr(), counts);
            if (!java.util.Objects.equals(so, a.stdout()) || !java.util.Objects.equals(se, a.stderr())) {
                out = new RawAnswer(a.kind(), a.argv(), a.stdin(), a.exitCode(), so, se, a.timedOut(), a.notFound(),
                        a.path(), a.state(), a.text(), a.modified(), a.entries(), a.sockets(), a.error(), a.meta());
            }
        }
        return new Result(out, Collections.unmodifiableMap(counts));
    }

    /**
     * Masks the secrets of one text. {@code path} (may be null for command output) selects the
     * password-file rule; every other rule applies to every text.
     */
    static String text(String path, String text, Map<Kind, Integer> counts) {
        String t = text;
        if (path != null && PASSWORD_FILES.contains(fileName(path))) {
            t = passwordFields(t, counts);
        }
        t = replace(PEM, t, counts, Kind.PRIVATE_KEY, m -> m.group(1) + "\n" + MASK + "\n"
                + (m.group(4).isEmpty() ? "" : m.group(4)));
        t = replace(CRYPT, t, counts, Kind.PASSWORD_HASH, m -> "$" + m.group(1) + "$" + MASK);
        t = replace(ASSIGNMENT, t, counts, Kind.SECRET_VALUE, m -> secret(m.group(4)) == null ? null
                : m.group(1) + m.group(2) + m.group(1) + m.group(3) + jsonSafe(m.group(1), m.group(4)));
        t = replace(DIRECTIVE, t, counts, Kind.SECRET_VALUE, m -> directive(m));
        t = replace(TRAP_SINK, t, counts, Kind.SECRET_VALUE, m -> community(m.group(2)) == null ? null : m.group(1) + MASK);
        t = replace(COM2SEC, t, counts, Kind.SECRET_VALUE, m -> community(m.group(2)) == null ? null : m.group(1) + MASK);
        t = replace(CREATE_USER, t, counts, Kind.SECRET_VALUE, m -> m.group(1) + maskOrKeep(m.group(2))
                + (m.group(3) == null ? "" : m.group(3) + maskOrKeep(m.group(4))));
        t = replace(URL_PASSWORD, t, counts, Kind.SECRET_VALUE, m -> m.group(2).equals(MASK) ? null
                : m.group(1) + ":" + MASK + "@");
        t = replace(OPTION, t, counts, Kind.SECRET_VALUE, m -> secret(m.group(2)) == null ? null
                : m.group(1) + secret(m.group(2)));
        t = replace(HTTP_AUTH, t, counts, Kind.SECRET_VALUE, m -> m.group(2).equals(MASK) ? null : m.group(1) + MASK);
        t = replace(WIFI_KEY, t, counts, Kind.SECRET_VALUE, m -> m.group(2).strip().equals(MASK) ? null : m.group(1) + MASK);
        return t;
    }

    /**
     * {@code rocommunity public default}: the first word after the directive is the secret. A directive named like a
     * secret with two words after it ({@code password alice secret}) is rare; the first word is masked, as for
     * communities, and the rest of the line is kept.
     */
    private static String directive(Matcher m) {
        String first = m.group(2) != null ? m.group(2) : m.group(3);
        boolean snmp = m.group(1).strip().toLowerCase(Locale.ROOT).matches("r[ow]community6?|trapcommunity");
        String masked = snmp ? community(first) : secret(first);
        if (masked == null || first.startsWith("=") || first.startsWith(":")) {
            return null;
        }
        return m.group(1) + masked + (m.group(2) != null ? m.group(0).substring(m.end(2) - m.start()) : "");
    }

    /** In JSON ({@code "name": 12345}) a masked bare value becomes a string, so the text stays JSON. */
    private static String jsonSafe(String keyQuote, String value) {
        String masked = secret(value);
        return keyQuote.equals("\"") && masked.equals(MASK) ? "\"" + MASK + "\"" : masked;
    }

    private static String maskOrKeep(String value) {
        String s = secret(value);
        return s == null ? value : s;
    }

    /** The masked form of an SNMP community, or null for a well-known default one (kept: it is the finding). */
    private static String community(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            v = v.substring(1, v.length() - 1);
        }
        return DEFAULT_COMMUNITIES.contains(v) ? null : secret(value);
    }

    /** The masked form of a value, or null when the value is not a secret (kept as it is). */
    private static String secret(String value) {
        String v = value;
        String quote = "";
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            quote = v.substring(0, 1);
            v = v.substring(1, v.length() - 1);
        }
        if (NOT_SECRET.contains(v.strip().toLowerCase(Locale.ROOT)) || v.contains(MASK) || VARIABLE.matcher(v).matches()) {
            return null;
        }
        return quote + MASK + quote;
    }

    /** Field 2 of each {@code name:password:…} line. */
    private static String passwordFields(String text, Map<Kind, Integer> counts) {
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        for (String line : lines) {
            int c1 = line.indexOf(':');
            int c2 = c1 < 0 ? -1 : line.indexOf(':', c1 + 1);
            if (c1 < 0) {
                out.add(line);
                continue;
            }
            String field = c2 < 0 ? line.substring(c1 + 1) : line.substring(c1 + 1, c2);
            String masked = passwordField(field);
            if (masked.equals(field)) {
                out.add(line);
            } else {
                counts.merge(Kind.PASSWORD_HASH, 1, Integer::sum);
                out.add(line.substring(0, c1 + 1) + masked + (c2 < 0 ? "" : line.substring(c2)));
            }
        }
        return String.join("\n", out);
    }

    /**
     * A password field with its hash masked: lock marks ({@code !}, {@code *}) and the algorithm id stay, so an empty
     * field stays empty, {@code !}/{@code *}/{@code !!}/{@code x} stay, and a hash stays "a password".
     */
    static String passwordField(String field) {
        int i = 0;
        while (i < field.length() && (field.charAt(i) == '!' || field.charAt(i) == '*')) {
            i++;
        }
        String marks = field.substring(0, i);
        String rest = field.substring(i);
        if (rest.isEmpty() || rest.equals("x") || rest.equals(MASK)) {
            return field;
        }
        Matcher id = HASH_ID.matcher(rest);
        if (id.find()) {
            return rest.substring(id.end()).equals(MASK) ? field : marks + id.group() + MASK;
        }
        return marks + MASK;
    }

    private interface Rewrite {
        /** The replacement, or null to keep the match as it is. */
        String apply(Matcher m);
    }

    private static String replace(Pattern p, String text, Map<Kind, Integer> counts, Kind kind, Rewrite rw) {
        Matcher m = p.matcher(text);
        StringBuilder sb = null;
        int last = 0;
        while (m.find()) {
            String r = rw.apply(m);
            if (r == null || r.equals(m.group())) {
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(text.length());
            }
            sb.append(text, last, m.start()).append(r);
            last = m.end();
            counts.merge(kind, 1, Integer::sum);
        }
        if (sb == null) {
            return text;
        }
        return sb.append(text, last, text.length()).toString();
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
