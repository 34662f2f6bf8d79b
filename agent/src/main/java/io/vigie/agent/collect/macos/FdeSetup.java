package io.vigie.agent.collect.macos;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.DiskEncryption;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Volume;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code disk.encryption} from fdesetup(8) {@code status} (no root needed): "FileVault is On." or "Off.", then
 * possibly "Encryption in progress: Percent completed = 42", "Decryption in progress: …", or
 * "Deferred enablement appears to be active for user 'x'.".
 *
 * <p>FileVault protects the startup disk's Data volume (mounted at {@code /System/Volumes/Data}, seen at "/").
 * On Apple Silicon and T2 Macs that volume is always hardware-encrypted, but without FileVault its key is not
 * tied to a password: so both {@code encrypted} and {@code protectionOn} follow the FileVault flag, never the
 * volume's "Encrypted" property.
 */
final class FdeSetup implements Collector {

    static final String SOURCE = "fdesetup status";
    private static final Pattern STATE = Pattern.compile("FileVault is (On|Off)\\.?");
    private static final Pattern PROGRESS = Pattern.compile(
            "(Encryption|Decryption) in progress: Percent completed = (\\d+)(?:\\.\\d+)?");

    @Override
    public String name() {
        return "fdesetup";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.DISK_ENCRYPTION);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        CommandResult r = Probe.run(ctx, "fdesetup", "status");
        if (r.notFound() || r.timedOut()) {
            return List.of(Fact.unknown(FactKeys.DISK_ENCRYPTION, SOURCE, ctx.now(), Probe.failure(r)));
        }
        Volume v = parse(r.stdout());
        if (v == null) {
            return List.of(Fact.unknown(FactKeys.DISK_ENCRYPTION, SOURCE, ctx.now(),
                    r.ok() ? Probe.unparsable(r) : Probe.failure(r)));
        }
        return List.of(Fact.ok(FactKeys.DISK_ENCRYPTION, SOURCE, ctx.now(), new DiskEncryption(List.of(v))));
    }

    /** The startup volume as fdesetup describes it; null when the text says neither On nor Off. */
    static Volume parse(String text) {
        Matcher s = STATE.matcher(text);
        if (!s.find()) {
            return null;
        }
        boolean on = s.group(1).equals("On");
        Matcher p = PROGRESS.matcher(text);
        Integer percent = null;
        boolean converting = false;
        if (p.find()) {
            converting = true;
            try {
                percent = Integer.valueOf(p.group(2));
            } catch (NumberFormatException tooLong) {
                percent = null; // converting, progress unreadable (found by fuzzing: 23 digits)
            }
        }
        String detail = String.join(" ", text.strip().split("\\s*\\R\\s*"));
        boolean encrypted = on && !converting;
        return new Volume("/", null, true, encrypted, on, "FileVault", percent, detail);
    }
}
