package io.vigie.console.config;


import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The console's settings. Read from defaults, then an optional properties file, then environment variables
 * ({@code VIGIE_CONSOLE_} + the key in upper snake case: {@code http.port} → {@code VIGIE_CONSOLE_HTTP_PORT},
 * {@code limits.reportMaxBytes} → {@code VIGIE_CONSOLE_LIMITS_REPORT_MAX_BYTES}). Later sources win.
 *
 * @param host             address to listen on
 * @param port             port to listen on (0: any free port, for tests)
 * @param httpInstances    HTTP verticles (event loops serving requests)
 * @param dataDir          data folder (the embedded database lives here)
 * @param databaseUrl      {@code jdbc:postgresql:…}; null: embedded SQLite in {@code dataDir}
 * @param databaseUser     PostgreSQL user (null: from the URL)
 * @param databasePassword PostgreSQL password (null: from the URL)
 * @param databasePoolSize connections, and worker threads running database work
 * @param tlsCert          PEM certificate chain; with {@code tlsKey}, serve HTTPS
 * @param tlsKey           PEM private key
 * @param publicUrl        the URL agents and browsers use to reach the console
 * @param accessLog        log one JSON line per request
 * @param limits           size and time limits
 */
public record ConsoleConfig(String host, int port, int httpInstances, Path dataDir, String databaseUrl,
                            String databaseUser, String databasePassword, int databasePoolSize, Path tlsCert,
                            Path tlsKey, String publicUrl, boolean accessLog, Limits limits) {

    public static final String ENV_PREFIX = "VIGIE_CONSOLE_";

    /**
     * @param enrollmentCodeLifetime    default lifetime of an enrollment code
     * @param reportMaxCompressedBytes  largest gzip-compressed report body on the wire
     * @param reportMaxBytes            largest report once decompressed (and largest uncompressed body)
     * @param historyRetention          reports older than this are deleted
     * @param failedEnrollmentsPerHour  failed enrollment attempts allowed per client address and hour
     * @param failedLoginsPerHour       failed logins allowed per email and hour
     * @param formMaxBytes              largest body of every other POST (forms, API bodies): read before its sender
     *                                  is known, so small
     * @param enrollMaxBytes            largest enrollment body (anonymous: a code, an id, a host name)
     * @param bodiesInFlightBytes       request-body bytes held in memory at once by all requests (received and
     *                                  inflated); past it a request is answered 503 with {@code Retry-After}
     * @param inflateMaxRatio           a gzip body inflating past 1 MB and past this many times its compressed size
     *                                  is refused (a compression bomb), before {@code reportMaxBytes}
     * @param reportMaxFindings         findings a report may carry
     * @param reportMaxListeners        listening sockets a report may carry
     * @param reportMaxLanHosts         hosts a report's LAN section may carry
     * @param reportMaxUnknownBytes     bytes of JSON a report may carry in fields the schema does not name
     */
    public record Limits(Duration enrollmentCodeLifetime, long reportMaxCompressedBytes, long reportMaxBytes,
                         Duration historyRetention, int failedEnrollmentsPerHour, int failedLoginsPerHour,
                         long formMaxBytes, long enrollMaxBytes, long bodiesInFlightBytes, int inflateMaxRatio,
                         int reportMaxFindings, int reportMaxListeners, int reportMaxLanHosts,
                         long reportMaxUnknownBytes) {

        public static final Limits DEFAULTS = new Limits(Duration.ofDays(7), 2L * 1024 * 1024, 16L * 1024 * 1024,
                Duration.ofDays(730), 30, 10, 64L * 1024, 8L * 1024, 64L * 1024 * 1024, 100, 5_000, 10_000, 4_096,
                64L * 1024);

        /** The same limits with other body limits (tests and benches). */
        public Limits withBodies(long reportMaxCompressed, long reportMax, long form, long inFlight) {
            return new Limits(enrollmentCodeLifetime, reportMaxCompressed, reportMax, historyRetention,
                    failedEnrollmentsPerHour, failedLoginsPerHour, form, enrollMaxBytes, inFlight, inflateMaxRatio,
                    reportMaxFindings, reportMaxListeners, reportMaxLanHosts, reportMaxUnknownBytes);
        }
    }

    public static final ConsoleConfig DEFAULTS = new ConsoleConfig("0.0.0.0", 8443,
            Math.max(1, Runtime.getRuntime().availableProcessors()), Path.of("data"), null, null, null, 8, null, null,
            null, true, Limits.DEFAULTS);

    /** Every key a file or the environment may set. */
    public static final List<String> KEYS = List.of("http.host", "http.port", "http.instances", "data.dir", "database.url",
            "database.user", "database.password", "database.poolSize", "tls.cert", "tls.key", "public.url", "log.access",
            "limits.enrollmentCodeLifetime", "limits.reportMaxCompressedBytes", "limits.reportMaxBytes",
            "limits.historyRetention", "limits.failedEnrollmentsPerHour", "limits.failedLoginsPerHour",
            "limits.formMaxBytes", "limits.enrollMaxBytes", "limits.bodiesInFlightBytes", "limits.inflateMaxRatio",
            "limits.reportMaxFindings", "limits.reportMaxListeners", "limits.reportMaxLanHosts",
            "limits.reportMaxUnknownBytes");

    /** JDBC URL in effect: the configured one, or the embedded database in the data folder. */
    /** The embedded database file of a data folder. */
    public static String sqliteUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("vigie.db").toAbsolutePath();
    }

    public String effectiveDatabaseUrl() {
        return databaseUrl != null ? databaseUrl : sqliteUrl(dataDir);
    }

    public boolean tls() {
        return tlsCert != null && tlsKey != null;
    }

    public ConsoleConfig withPort(int p) {
        return new ConsoleConfig(host, p, httpInstances, dataDir, databaseUrl, databaseUser, databasePassword,
                databasePoolSize, tlsCert, tlsKey, publicUrl, accessLog, limits);
    }

    public ConsoleConfig withDatabase(Path dir, String url) {
        return new ConsoleConfig(host, port, httpInstances, dir, url, databaseUser, databasePassword, databasePoolSize,
                tlsCert, tlsKey, publicUrl, accessLog, limits);
    }

    public ConsoleConfig withLimits(Limits l) {
        return new ConsoleConfig(host, port, httpInstances, dataDir, databaseUrl, databaseUser, databasePassword,
                databasePoolSize, tlsCert, tlsKey, publicUrl, accessLog, l);
    }

    public ConsoleConfig withAccessLog(boolean on) {
        return new ConsoleConfig(host, port, httpInstances, dataDir, databaseUrl, databaseUser, databasePassword,
                databasePoolSize, tlsCert, tlsKey, publicUrl, on, limits);
    }

    /** Environment variable of a key: {@code limits.reportMaxBytes} → {@code VIGIE_CONSOLE_LIMITS_REPORT_MAX_BYTES}. */
    public static String envName(String key) {
        StringBuilder sb = new StringBuilder(ENV_PREFIX);
        for (char ch : key.toCharArray()) {
            if (ch == '.') {
                sb.append('_');
            } else if (Character.isUpperCase(ch)) {
                sb.append('_').append(ch);
            } else {
                sb.append(Character.toUpperCase(ch));
            }
        }
        return sb.toString();
    }

    /** Defaults, then {@code file} (may be null), then {@code env}. Unknown keys in the file are refused. */
    public static ConsoleConfig load(Path file, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read configuration " + file, e);
            }
            for (String k : p.stringPropertyNames()) {
                if (!KEYS.contains(k)) {
                    throw new IllegalArgumentException("unknown configuration key '" + k + "' in " + file
                            + " (known: " + String.join(", ", KEYS) + ")");
                }
                values.put(k, p.getProperty(k).trim());
            }
        }
        for (String k : KEYS) {
            String v = env.get(envName(k));
            if (v != null && !v.isBlank()) {
                values.put(k, v.trim());
            }
        }
        return from(values);
    }

    static ConsoleConfig from(Map<String, String> v) {
        ConsoleConfig d = DEFAULTS;
        Limits l = d.limits();
        Limits limits = new Limits(
                duration(v, "limits.enrollmentCodeLifetime", l.enrollmentCodeLifetime()),
                size(v, "limits.reportMaxCompressedBytes", l.reportMaxCompressedBytes()),
                size(v, "limits.reportMaxBytes", l.reportMaxBytes()),
                duration(v, "limits.historyRetention", l.historyRetention()),
                integer(v, "limits.failedEnrollmentsPerHour", l.failedEnrollmentsPerHour()),
                integer(v, "limits.failedLoginsPerHour", l.failedLoginsPerHour()),
                size(v, "limits.formMaxBytes", l.formMaxBytes()),
                size(v, "limits.enrollMaxBytes", l.enrollMaxBytes()),
                size(v, "limits.bodiesInFlightBytes", l.bodiesInFlightBytes()),
                integer(v, "limits.inflateMaxRatio", l.inflateMaxRatio()),
                integer(v, "limits.reportMaxFindings", l.reportMaxFindings()),
                integer(v, "limits.reportMaxListeners", l.reportMaxListeners()),
                integer(v, "limits.reportMaxLanHosts", l.reportMaxLanHosts()),
                size(v, "limits.reportMaxUnknownBytes", l.reportMaxUnknownBytes()));
        Path cert = v.containsKey("tls.cert") ? Path.of(v.get("tls.cert")) : null;
        Path key = v.containsKey("tls.key") ? Path.of(v.get("tls.key")) : null;
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("tls.cert and tls.key go together");
        }
        String url = v.get("database.url");
        if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("database.url must start with jdbc:postgresql: or jdbc:sqlite:");
        }
        int port = integer(v, "http.port", d.port());
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("http.port out of range: " + port);
        }
        return new ConsoleConfig(v.getOrDefault("http.host", d.host()), port,
                integer(v, "http.instances", d.httpInstances()),
                v.containsKey("data.dir") ? Path.of(v.get("data.dir")) : d.dataDir(), url,
                v.get("database.user"), v.get("database.password"), integer(v, "database.poolSize", d.databasePoolSize()),
                cert, key, v.get("public.url"), Boolean.parseBoolean(v.getOrDefault("log.access", "true")), limits);
    }

    private static int integer(Map<String, String> v, String k, int def) {
        String s = v.get(k);
        if (s == null) {
            return def;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(k + ": not a number: " + s);
        }
    }

    /** {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s} or ISO-8601 ({@code P7D}). */
    static Duration duration(Map<String, String> v, String k, Duration def) {
        String s = v.get(k);
        if (s == null) {
            return def;
        }
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                case 'm' -> Duration.ofMinutes(n);
                case 's' -> Duration.ofSeconds(n);
                default -> throw new IllegalArgumentException(k + ": use 7d, 12h, 30m, 45s or P7D, not " + s);
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(k + ": use 7d, 12h, 30m, 45s or P7D, not " + s);
        }
    }

    /** Bytes, or with a unit: {@code 512k}, {@code 2m}/{@code 2MB}, {@code 1g}. */
    static long size(Map<String, String> v, String k, long def) {
        String s = v.get(k);
        if (s == null) {
            return def;
        }
        String t = s.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        try {
            if (t.isEmpty()) {
                throw new NumberFormatException();
            }
            char unit = t.charAt(t.length() - 1);
            long mult = switch (unit) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                case 'g' -> 1024L * 1024 * 1024;
                default -> 1L;
            };
            String num = mult == 1 ? t : t.substring(0, t.length() - 1);
            long n = Long.parseLong(num.trim()) * mult;
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(k + ": use a size such as 2097152, 512k or 2MB, not " + s);
        }
    }
}
