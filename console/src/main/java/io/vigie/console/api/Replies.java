package io.vigie.console.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigie.checks.json.Json;
import io.vigie.console.http.ApiException;


/** How the API answers: JSON bodies written with Vigie's mapper, bearer credentials read. */
public final class Replies {

    private Replies() {
    }

    /** Writes {@code body} (a record, map or Jackson tree) as JSON with Vigie's mapper; null body: no content. */
    public static void reply(RoutingContext rc, int status, Object body) {
        if (rc.response().ended()) {
            return;
        }
        rc.response().setStatusCode(status);
        if (body == null) {
            rc.response().end();
            return;
        }
        String json;
        try {
            json = body instanceof JsonObject jo ? jo.encode() : Json.mapper().writeValueAsString(body);
        } catch (Exception e) {
            rc.fail(e);
            return;
        }
        rc.response().putHeader("Content-Type", "application/json; charset=utf-8").end(json);
    }

    /** The bearer credential, or a 401 when absent. */
    public static String bearer(RoutingContext rc) {
        String h = rc.request().getHeader("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.length() <= 7) {
            throw new ApiException(401, "missing_credentials", "an Authorization: Bearer header is required");
        }
        return h.substring(7).trim();
    }
}
