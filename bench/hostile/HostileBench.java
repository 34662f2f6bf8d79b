// Vigie console liveness under hostile bodies (issue 14, item 1). Run through bench/hostile/run.sh, which builds the
// console, starts it as its own process at a documented heap (-Xmx256m) and passes --url/--token. Single-file Java
// program, loopback only.
//
// What it does: --clients anonymous clients (raw sockets) each announce and send maximum-size bodies (16 MB) to the
// routes an anonymous client can reach (login, enrollment, token request, report upload without a credential,
// invitation), again and again for --seconds. Meanwhile one probe asks GET /health and uploads a real report with a
// device credential every 500 ms, and records their latency (a 503 + Retry-After counts as answered). Prints the
// answers the attackers got by status, the probes' p50/p99/max latency, and how many probes failed or got no answer.

import java.io.*;
import java.net.*;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.zip.GZIPOutputStream;

public class HostileBench {

    public static void main(String[] a) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < a.length; i += 2) o.put(a[i].substring(2), a[i + 1]);
        URI base = URI.create(o.get("url"));
        String token = o.get("token");
        int clients = Integer.parseInt(o.getOrDefault("clients", "200"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "60"));
        int bodyMb = Integer.parseInt(o.getOrDefault("body-mb", "16"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        // one device, enrolled through the API, for the authenticated probe
        String org = json(post(http, base, "/api/v1/organisations", token, "{\"name\":\"Hostile bench\"}"), "id");
        String code = json(post(http, base, "/api/v1/organisations/" + org + "/enrollment-codes", token, "{}"), "code");
        UUID device = UUID.randomUUID();
        String credential = json(post(http, base, "/api/v1/enroll", null, "{\"code\":\"" + code + "\",\"deviceId\":\""
                + device + "\",\"hostname\":\"bench\",\"platform\":\"linux\"}"), "credential");

        String[] routes = {"/login", "/api/v1/enroll", "/api/v1/tokens", "/api/v1/reports", "/invitations/x"};
        ConcurrentHashMap<String, AtomicLong> answers = new ConcurrentHashMap<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) 'a');
        for (int c = 0; c < clients; c++) {
            String route = routes[c % routes.length];
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    answers.computeIfAbsent(attack(base, route, bodyMb, block), k -> new AtomicLong()).incrementAndGet();
                }
                return null;
            });
        }
        List<Double> latencies = new ArrayList<>();
        int probes = 0, failed = 0;
        Map<Integer, Integer> probeStatus = new TreeMap<>();
        Thread.sleep(2000); // let the attack start
        while (System.nanoTime() < end) {
            probes++;
            long t0 = System.nanoTime();
            try {
                int h = http.send(HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(30)).GET()
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                byte[] report = report(device);
                int u = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/reports")).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + credential).header("Content-Type", "application/json")
                        .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(gzip(report)))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                latencies.add((System.nanoTime() - t0) / 1e6);
                probeStatus.merge(h, 1, Integer::sum);
                probeStatus.merge(u, 1, Integer::sum);
                if (h != 200 || (u != 201 && u != 503)) failed++;
            } catch (Exception e) {
                failed++;
            }
            Thread.sleep(500);
        }
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        Collections.sort(latencies);
        System.out.printf("attackers=%d body=%d MB seconds=%d answers=%s%n", clients, bodyMb, seconds, new TreeMap<>(answers));
        System.out.printf("probes=%d failed=%d statuses=%s /health+upload latency p50=%.0f ms p99=%.0f ms max=%.0f ms%n",
                probes, failed, probeStatus, pct(latencies, 0.5), pct(latencies, 0.99),
                latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1));
    }

    /** One hostile request: announces bodyMb MB and sends until refused; returns the answer's status (or why none). */
    static String attack(URI base, String route, int bodyMb, byte[] block) {
        try (Socket s = new Socket("127.0.0.1", base.getPort())) {
            s.setSoTimeout(60_000);
            long length = bodyMb * 1024L * 1024;
            OutputStream out = s.getOutputStream();
            out.write(("POST " + route + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            try {
                for (long sent = 0; sent < length && in.available() == 0; sent += block.length) {
                    out.write(block, 0, (int) Math.min(block.length, length - sent));
                }
                out.flush();
            } catch (IOException refused) {
                // the console answered and closed while we were sending
            }
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1)).readLine();
            return line == null ? "closed" : line.split(" ")[1];
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (IOException e) {
            return "io:" + e.getClass().getSimpleName();
        }
    }

    static double pct(List<Double> l, double p) {
        return l.isEmpty() ? Double.NaN : l.get(Math.min(l.size() - 1, (int) Math.ceil(p * l.size()) - 1));
    }

    static String post(HttpClient http, URI base, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new IllegalStateException(path + " -> " + r.statusCode() + " " + r.body());
        return r.body();
    }

    static String json(String body, String field) {
        int i = body.indexOf("\"" + field + "\"");
        int q1 = body.indexOf('"', body.indexOf(':', i) + 1);
        return body.substring(q1 + 1, body.indexOf('"', q1 + 1));
    }

    static byte[] report(UUID device) {
        String now = Instant.now().toString();
        return ("{\"schemaVersion\":1,\"reportId\":\"" + UUID.randomUUID() + "\",\"deviceId\":\"" + device
                + "\",\"hostname\":\"bench\",\"platform\":\"linux\",\"agentVersion\":\"bench\",\"startedAt\":\"" + now
                + "\",\"finishedAt\":\"" + now + "\",\"facts\":{}}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }
}
