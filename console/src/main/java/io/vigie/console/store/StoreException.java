package io.vigie.console.store;

/**
 * A refusal the caller can explain to the client: the store changed nothing. {@link Kind} maps to an HTTP status
 * in the API layer; {@code code} is a stable machine-readable reason.
 */
public final class StoreException extends RuntimeException {

    public enum Kind { NOT_FOUND, FORBIDDEN, CONFLICT, GONE, INVALID, UNAUTHORIZED, TOO_MANY }

    private final Kind kind;
    private final String code;

    public StoreException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public static StoreException notFound(String what) {
        return new StoreException(Kind.NOT_FOUND, "not_found", what + " not found");
    }
}
