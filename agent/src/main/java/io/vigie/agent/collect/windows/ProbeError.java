package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.checks.fact.Reason;

import java.util.Locale;

/**
 * An error a probe caught and returned as {@code {"error":{type,message,hresult,native,errorId}}}. Classified
 * by HRESULT, CIM native error code and error id — never by the (localized) message.
 */
record ProbeError(String type, String message, Long hresult, String nativeCode, String errorId) {

    static final long E_ACCESSDENIED = 0x80070005L;
    static final long WBEM_E_ACCESS_DENIED = 0x80041003L;
    static final long WBEM_E_TIMED_OUT = 0x80041032L;
    static final long WSMAN_OPERATION_TIMEDOUT = 0x80338029L;
    static final long WBEM_E_INVALID_NAMESPACE = 0x8004100EL;
    static final long WBEM_E_INVALID_CLASS = 0x80041010L;
    static final long WU_E_NO_SERVICE = 0x80240001L;

    /** The error object of {@code node}, or null when {@code node} is not an error. */
    static ProbeError of(JsonNode node) {
        if (node == null || !node.isObject() || !node.has("error") || !node.get("error").isObject()) {
            return null;
        }
        JsonNode e = node.get("error");
        JsonNode h = e.get("hresult");
        Long hr = h == null || !h.isNumber() ? null : h.asLong() & 0xFFFFFFFFL;
        return new ProbeError(Nodes.text(e, "type"), Nodes.text(e, "message"), hr, Nodes.text(e, "native"),
                Nodes.text(e, "errorId"));
    }

    /** This HRESULT, as the exception's HResult or inside the error id ("HRESULT 0x…,Cmdlet"). */
    boolean hr(long code) {
        if (hresult != null && hresult == code) {
            return true;
        }
        String hex = String.format("0x%08x", code);
        return errorId != null && errorId.toLowerCase(Locale.ROOT).contains(hex);
    }

    private boolean nativeIs(String... names) {
        if (nativeCode == null) {
            return false;
        }
        for (String n : names) {
            if (nativeCode.equalsIgnoreCase(n)) {
                return true;
            }
        }
        return false;
    }

    boolean accessDenied() {
        return hr(E_ACCESSDENIED) || hr(WBEM_E_ACCESS_DENIED) || nativeIs("AccessDenied")
                || "System.UnauthorizedAccessException".equals(type)
                || "System.Security.SecurityException".equals(type)
                || (errorId != null && errorId.startsWith("UnauthorizedAccess"));
    }

    boolean timeout() {
        return hr(WBEM_E_TIMED_OUT) || hr(WSMAN_OPERATION_TIMEDOUT) || nativeIs("Timeout", "TimedOut")
                || "System.TimeoutException".equals(type);
    }

    boolean invalidNamespace() {
        return hr(WBEM_E_INVALID_NAMESPACE) || nativeIs("InvalidNamespace");
    }

    boolean invalidClass() {
        return hr(WBEM_E_INVALID_CLASS) || nativeIs("InvalidClass", "NotFound");
    }

    /** A cmdlet or module that does not exist here (e.g. Defender removed, LocalAccounts missing in 32-bit). */
    boolean commandMissing() {
        return "System.Management.Automation.CommandNotFoundException".equals(type)
                || (errorId != null && errorId.startsWith("CommandNotFoundException"));
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        b.append(type == null ? "error" : type);
        if (hresult != null) {
            b.append(String.format(" 0x%08X", hresult));
        }
        if (nativeCode != null) {
            b.append(" ").append(nativeCode);
        }
        if (message != null && !message.isBlank()) {
            String m = message.strip();
            b.append(": ").append(m.length() > 200 ? m.substring(0, 200) + "…" : m);
        }
        return b.toString();
    }

    /** UNKNOWN reason for a fact that depended on this: needs_admin, command_timeout, tool_absent, command_failed. */
    Reason reason(String what) {
        String code;
        if (accessDenied()) {
            code = Reason.NEEDS_ADMIN;
        } else if (timeout()) {
            code = Reason.COMMAND_TIMEOUT;
        } else if (commandMissing() || invalidNamespace() || invalidClass()) {
            code = Reason.TOOL_ABSENT;
        } else {
            code = Reason.COMMAND_FAILED;
        }
        return Reason.of(code, what + ": " + describe());
    }
}
