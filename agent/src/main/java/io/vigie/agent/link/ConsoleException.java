package io.vigie.agent.link;

import io.vigie.checks.text.Lang;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Talking to the console failed. {@link #kind()} says why in a way the command line can act on (exit code,
 * retry later or not); {@link #message(Lang)} says it to a person, in French or English.
 */
public final class ConsoleException extends Exception {

    /** Why; {@link #retryable()} tells whether sending again later may work. */
    public enum Kind {
        NAME_NOT_FOUND(true), CONNECTION_REFUSED(true), TIMEOUT(true), TLS(false), KEY_MISMATCH(false), NETWORK(true),
        NOT_ENROLLED(false), UNKNOWN_CODE(false), CODE_EXPIRED(false), CODE_USED(false), DEVICE_ELSEWHERE(false),
        DEVICE_REVOKED(false), DEVICE_UNKNOWN(false), DEVICE_MISMATCH(false), TOO_LARGE(false), THROTTLED(true),
        REFUSED(false), SERVER_ERROR(true), BAD_RESPONSE(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final URI console;
    private final int status;
    private final String consoleCode;
    private final String detail;

    public ConsoleException(Kind kind, URI console, int status, String consoleCode, String detail, Throwable cause) {
        super(kind.key() + (status > 0 ? " (HTTP " + status + (consoleCode == null ? "" : " " + consoleCode) + ")" : "")
                + (detail == null ? "" : ": " + detail), cause);
        this.kind = kind;
        this.console = console;
        this.status = status;
        this.consoleCode = consoleCode;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The console's error code ({@code device_revoked}…), when it answered one. */
    public String consoleCode() {
        return consoleCode;
    }

    public boolean retryable() {
        return kind.retryable;
    }

    /** A sentence for the person at the keyboard. */
    public String message(Lang lang) {
        ResourceBundle b = ResourceBundle.getBundle("io.vigie.agent.link.messages", lang.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String host = console == null ? "?" : console.getHost() == null ? console.toString() : console.getHost();
        return new MessageFormat(b.getString(kind.key()), lang.locale())
                .format(new Object[] {host, console == null ? "?" : console.toString(), detail == null ? "" : detail});
    }

    /** The kind of a transport failure (no HTTP answer). */
    static Kind kindOf(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KeyPin.Mismatch) {
                return Kind.KEY_MISMATCH;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return Kind.NAME_NOT_FOUND;
            }
            if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
                return Kind.TIMEOUT;
            }
            if (t instanceof SSLException) {
                return Kind.TLS;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return Kind.CONNECTION_REFUSED;
            }
        }
        return Kind.NETWORK;
    }

    /** The kind of a console refusal. */
    static Kind kindOf(int status, String code) {
        String c = code == null ? "" : code;
        switch (c) {
            case "device_revoked":
                return Kind.DEVICE_REVOKED;
            case "unknown_device":
            case "bad_credential":
                return Kind.DEVICE_UNKNOWN;
            case "unknown_code":
                return Kind.UNKNOWN_CODE;
            case "code_expired":
                return Kind.CODE_EXPIRED;
            case "code_used":
                return Kind.CODE_USED;
            case "device_id_taken":
            case "device_enrolled_elsewhere":
                return Kind.DEVICE_ELSEWHERE;
            case "device_mismatch":
                return Kind.DEVICE_MISMATCH;
            default:
                break;
        }
        if (status == 413) {
            return Kind.TOO_LARGE;
        }
        if (status == 429) {
            return Kind.THROTTLED;
        }
        if (status == 410) {
            return Kind.CODE_EXPIRED;
        }
        if (status == 401) {
            return Kind.DEVICE_UNKNOWN;
        }
        return status >= 500 ? Kind.SERVER_ERROR : Kind.REFUSED;
    }
}
