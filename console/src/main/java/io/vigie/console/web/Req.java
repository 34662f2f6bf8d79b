package io.vigie.console.web;

import io.vigie.console.store.Scope;
import io.vigie.console.store.WebStore.WebSession;

import java.util.Map;
import java.util.UUID;

/**
 * A request as a page handler sees it, on a worker thread: no Vert.x objects, only values.
 *
 * @param session  the logged-in session, or null
 * @param sessionSecret the session cookie's value (logout), or null
 * @param form     fields of a posted form (empty for GET)
 * @param files    files of a posted {@code multipart/form-data} form, by field name (empty otherwise)
 * @param remote   client address (throttling)
 * @param origin   scheme://host[:port] the browser used (links shown to copy)
 */
public record Req(String method, String path, Map<String, String> pathParams, Map<String, String> query,
                  Map<String, String> form, Map<String, byte[]> files, WebSession session, String sessionSecret, I18n t, String remote,
                  String origin) {

    public Scope scope() {
        return session.scope();
    }

    /** A path parameter as an id; a malformed one is "not found". */
    public UUID id(String name) {
        String v = pathParams.get(name);
        try {
            UUID u = UUID.fromString(v);
            if (!u.toString().equalsIgnoreCase(v)) {
                throw new NotFound();
            }
            return u;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound();
        }
    }

    public String field(String name) {
        String v = form.get(name);
        return v == null ? "" : v;
    }

    /** Thrown to answer 404. */
    public static final class NotFound extends RuntimeException {
        public NotFound() {
            super("not found", null, false, false);
        }
    }
}
