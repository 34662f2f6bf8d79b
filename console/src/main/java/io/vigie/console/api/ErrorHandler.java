package io.vigie.console.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import io.vigie.console.http.ApiException;
import io.vigie.console.intake.InvalidReport;
import io.vigie.console.log.Logs;
import io.vigie.console.store.StoreException;

import java.util.Map;
import java.util.logging.Logger;

/**
 * The one failure handler: every error leaves as {@code {"error": {"code": "...", "message": "..."}}} with a
 * status saying whose fault it is. Validation failures from the OpenAPI router (an {@link HttpException}(400)
 * around a {@link SchemaValidationException}, or the validator exception itself) list where the input is wrong.
 */
public final class ErrorHandler implements Handler<RoutingContext> {

    private static final Logger LOG = Logger.getLogger("io.vigie.console.api");

    @Override
    public void handle(RoutingContext rc) {
        Throwable failure = rc.failure();
        int status = rc.statusCode();
        JsonObject error;
        ValidatorException validation = find(failure, ValidatorException.class);
        ApiException api = find(failure, ApiException.class);
        StoreException refused = find(failure, StoreException.class);
        InvalidReport invalidReport = find(failure, InvalidReport.class);
        if (invalidReport != null) {
            status = 400;
            error = error("invalid_request", invalidReport.getMessage());
            JsonArray details = new JsonArray();
            invalidReport.problems().forEach(p -> details.add(new JsonObject().put("location", p.location())
                    .put("error", p.error())));
            error.put("details", details);
        } else if (api != null) {
            status = api.status();
            error = error(api.code(), api.getMessage());
        } else if (refused != null) {
            status = status(refused.kind());
            error = error(refused.code(), refused.getMessage());
        } else if (validation != null) {
            status = 400;
            error = error("invalid_request", validation.getMessage());
            if (validation instanceof SchemaValidationException sve && sve.getOutputUnit() != null) {
                JsonArray details = new JsonArray();
                collect(sve.getOutputUnit(), details);
                if (!details.isEmpty()) {
                    error.put("details", details);
                }
            }
        } else if (failure instanceof HttpException http) {
            status = http.getStatusCode();
            error = error(codeOf(status), http.getPayload() != null ? http.getPayload() : describe(status));
        } else if (failure == null && status >= 400) {
            error = error(codeOf(status), describe(status));
        } else {
            status = 500;
            error = error("internal_error", "the console could not handle this request; it has been logged");
            Logs.error(LOG, "request failed", Map.of("method", rc.request().method().name(), "path", rc.normalizedPath()),
                    failure);
        }
        HttpServerResponse res = rc.response();
        if (res.ended() || res.headWritten()) {
            return;
        }
        res.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8");
        if (status == 401) {
            res.putHeader("WWW-Authenticate", "Bearer");
        }
        res.end(new JsonObject().put("error", error).encode());
    }

    private static void collect(OutputUnit unit, JsonArray out) {
        if (out.size() >= 10) {
            return;
        }
        if (unit.getError() != null) {
            out.add(new JsonObject().put("location", unit.getInstanceLocation()).put("error", unit.getError()));
        }
        if (unit.getErrors() != null) {
            for (OutputUnit u : unit.getErrors()) {
                collect(u, out);
            }
        }
    }

    static JsonObject error(String code, String message) {
        return new JsonObject().put("code", code).put("message", message);
    }

    static int status(StoreException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case GONE -> 410;
            case INVALID -> 400;
            case UNAUTHORIZED -> 401;
            case TOO_MANY -> 429;
        };
    }

    static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
    }

    static String describe(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            default -> "HTTP " + status;
        };
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
