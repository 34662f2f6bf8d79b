package io.vigie.agent.collect.macos;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.Reason;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Shared helpers of the macOS collectors: run a command through the context, and say why it gave nothing. */
final class Probe {

    /** Where the user grants Full Disk Access, quoted in reasons so the fix is one step away. */
    static final String FDA_HINT = "needs root and Full Disk Access (System Settings > Privacy & Security > Full Disk Access)";

    private Probe() {
    }

    static CommandResult run(CollectContext ctx, String... argv) {
        return ctx.commands().run(List.of(argv), null, ctx.config().commandTimeout());
    }

    static CommandResult run(CollectContext ctx, Duration timeout, String... argv) {
        return ctx.commands().run(List.of(argv), null, timeout);
    }

    /** stdout then stderr: macOS tools split their messages between the two. */
    static String both(CommandResult r) {
        String out = r.stdout() == null ? "" : r.stdout();
        String err = r.stderr() == null ? "" : r.stderr();
        return (out + "\n" + err).strip();
    }

    /** Whether a tool's text says it was refused for lack of root or of Full Disk Access (TCC). */
    static boolean privilegeDenied(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return t.contains("full disk access") || t.contains("operation not permitted") || t.contains("permission denied")
                || t.contains("must be run as root") || t.contains("requires root") || t.contains("need administrator")
                || t.contains("insufficient privileges") || t.contains("not privileged")
                || t.contains("must be root") || t.contains("administrator access");
    }

    /** Why a command gave no usable answer: tool absent, timeout, privilege, empty or failed. */
    static Reason failure(CommandResult r) {
        if (r.notFound()) {
            return Reason.of(Reason.TOOL_ABSENT, r.describe());
        }
        if (r.timedOut()) {
            return Reason.of(Reason.COMMAND_TIMEOUT, r.describe());
        }
        String text = both(r);
        if (privilegeDenied(text)) {
            return Reason.of(Reason.NEEDS_ADMIN, FDA_HINT + ": " + r.describe());
        }
        if (text.isEmpty()) {
            return Reason.of(Reason.EMPTY_OUTPUT, r.describe());
        }
        return Reason.of(Reason.COMMAND_FAILED, r.describe());
    }

    /** A command answered, but not in a form we know. */
    static Reason unparsable(CommandResult r) {
        String text = both(r);
        if (text.isEmpty()) {
            return Reason.of(Reason.EMPTY_OUTPUT, r.describe());
        }
        String head = text.length() > 120 ? text.substring(0, 120) + "…" : text;
        return Reason.of(Reason.UNPARSABLE_OUTPUT, String.join(" ", r.argv()) + ": " + head.replace('\n', ' '));
    }
}
