package io.vigie.console.web;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every response, API included: a Content-Security-Policy allowing no inline script (nor inline
 * style), no framing, forms only to this origin; no MIME sniffing; no referrer (links carry one-time tokens).
 * Under TLS, HSTS too.
 */
public final class SecurityHeaders {

    public static final String CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    private SecurityHeaders() {
    }

    public static void handle(RoutingContext rc, boolean tls) {
        MultiMap h = rc.response().headers();
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        if (tls) {
            h.set("Strict-Transport-Security", "max-age=31536000");
        }
        rc.next();
    }
}
