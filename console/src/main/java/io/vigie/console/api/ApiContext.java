package io.vigie.console.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vigie.checks.json.Json;
import io.vigie.console.config.ConsoleConfig;
import io.vigie.console.judge.ConsoleJudge;
import io.vigie.console.store.Store;

import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * What the handlers share. Store work runs on {@link #workers} (a pool sized like the connection pool), never on
 * an event loop.
 */
public record ApiContext(ConsoleConfig config, Store store, ConsoleJudge judge, Clock clock, WorkerExecutor workers,
                         MeterRegistry meters) {

    public <T> Future<T> blocking(Callable<T> work) {
        return workers.executeBlocking(work, false);
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
