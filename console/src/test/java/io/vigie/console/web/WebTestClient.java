package io.vigie.console.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A plain HTTP client for the pages: explicit cookies, no redirects followed. */
final class WebTestClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    WebTestClient(String base) {
        this.base = base;
    }

    record Resp(int status, String body, HttpHeaders headers) {
        /** The value a Set-Cookie header gives {@code name}, or null. */
        String setCookie(String name) {
            for (String h : headers.allValues("set-cookie")) {
                if (h.startsWith(name + "=")) {
                    return h.substring(name.length() + 1, h.indexOf(';') < 0 ? h.length() : h.indexOf(';'));
                }
            }
            return null;
        }

        String setCookieHeader(String name) {
            return headers.allValues("set-cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst().orElse(null);
        }

        String csrf() {
            Matcher m = CSRF.matcher(body);
            return m.find() ? m.group(1) : null;
        }

        String location() {
            return headers.firstValue("location").orElse(null);
        }
    }

    /** A logged-in browser: its session cookie and the session's CSRF token. */
    record Session(String cookie, String csrf) {
        Map<String, String> cookies() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(Web.SESSION_COOKIE, cookie);
            return m;
        }
    }

    Resp send(String method, String path, Map<String, String> cookies, Map<String, String> headers, String contentType,
              String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (cookies != null && !cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        if (headers != null) {
            headers.forEach(b::header);
        }
        if (body != null) {
            b.header("Content-Type", contentType);
            b.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Resp(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Resp get(String path, Map<String, String> cookies) {
        return send("GET", path, cookies, null, null, null);
    }

    Resp get(String path, Session s) {
        return get(path, s == null ? Map.of() : s.cookies());
    }

    Resp post(String path, Map<String, String> cookies, Map<String, String> form) {
        return send("POST", path, cookies, null, "application/x-www-form-urlencoded", form(form));
    }

    /** A form post in session {@code s}, with its CSRF token. */
    Resp post(String path, Session s, Map<String, String> fields) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put(Web.CSRF_FIELD, s.csrf());
        return post(path, s.cookies(), f);
    }

    /** A {@code multipart/form-data} post: text fields, then one file under {@code fileField} (if not null). */
    Resp postMultipart(String path, Map<String, String> cookies, Map<String, String> fields, String fileField,
                       String fileName, byte[] file) {
        String boundary = "----vigie" + java.util.UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> e : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                        + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (fileField != null) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                        + fileName + "\"\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(file);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        if (cookies != null && !cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Resp(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads a report file through the organisation page's form, with the session's CSRF token. */
    Resp importFile(String organisationId, Session s, byte[] file) {
        return postMultipart("/organisations/" + organisationId + "/imports", s.cookies(),
                Map.of(Web.CSRF_FIELD, s.csrf()), "file", "rapport.json", file);
    }

    static String form(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Login as a browser would: the login form's CSRF cookie, the post, then a page for the session token. */
    Resp loginAttempt(String email, String password) {
        Resp form = get("/login", Map.of());
        String pre = form.setCookie(Web.PRE_CSRF_COOKIE);
        assertNotNull(pre, "the login form sets its CSRF cookie");
        assertEquals(pre, form.csrf(), "the form carries the cookie's token");
        return post("/login", Map.of(Web.PRE_CSRF_COOKIE, pre),
                Map.of("_csrf", pre, "email", email, "password", password));
    }

    Session login(String email, String password) {
        Resp r = loginAttempt(email, password);
        assertEquals(303, r.status(), r.body());
        String cookie = r.setCookie(Web.SESSION_COOKIE);
        assertNotNull(cookie);
        Resp page = get("/account/tokens", Map.of(Web.SESSION_COOKIE, cookie));
        assertEquals(200, page.status(), page.body());
        return new Session(cookie, page.csrf());
    }

    static List<String> list(String... s) {
        return List.of(s);
    }
}
