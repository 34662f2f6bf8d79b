package io.vigie.agent.collect.macos;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.checks.fact.AutoUpdate;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code patch.auto} from {@code /Library/Preferences/com.apple.SoftwareUpdate.plist}, with the values a
 * configuration profile (MDM) forces in {@code /Library/Managed Preferences/com.apple.SoftwareUpdate.plist}
 * taking precedence. Keys: AutomaticCheckEnabled, AutomaticDownload, AutomaticallyInstallMacOSUpdates,
 * CriticalUpdateInstall (Security Responses and system files), ConfigDataInstall (XProtect data); an absent key
 * has its default, on.
 *
 * <p>{@code enabled} is true when security fixes install on their own: check, download, install macOS updates
 * and install Security Responses all on. ConfigDataInstall is reported in the detail but does not decide.
 */
final class SoftwareUpdatePrefs implements Collector {

    static final String PATH = "/Library/Preferences/com.apple.SoftwareUpdate.plist";
    static final String MANAGED = "/Library/Managed Preferences/com.apple.SoftwareUpdate.plist";
    static final List<String> DECIDING = List.of("AutomaticCheckEnabled", "AutomaticDownload",
            "AutomaticallyInstallMacOSUpdates", "CriticalUpdateInstall");
    static final String INFO = "ConfigDataInstall";

    @Override
    public String name() {
        return "softwareupdate-prefs";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.PATCH_AUTO);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        Plist.Read prefs = Plist.read(ctx, PATH);
        if (!prefs.ok() && prefs.state() != Plist.State.ABSENT) {
            return List.of(Fact.unknown(FactKeys.PATCH_AUTO, PATH, ctx.now(), prefs.reason()));
        }
        Plist.Read managed = Plist.read(ctx, MANAGED);
        JsonNode m = managed.ok() ? managed.root() : null;
        String source = m == null ? PATH : PATH + " + " + MANAGED;
        return List.of(Fact.ok(FactKeys.PATCH_AUTO, source, ctx.now(), decide(prefs.ok() ? prefs.root() : null, m)));
    }

    static AutoUpdate decide(JsonNode prefs, JsonNode managed) {
        boolean all = true;
        List<String> parts = new ArrayList<>();
        List<String> keys = new ArrayList<>(DECIDING);
        keys.add(INFO);
        for (String key : keys) {
            Optional<Boolean> forced = Plist.bool(managed, key);
            Optional<Boolean> local = Plist.bool(prefs, key);
            boolean on = forced.orElse(local.orElse(true));
            String origin = forced.isPresent() ? " (managed)" : local.isPresent() ? "" : " (default)";
            parts.add(key + "=" + (on ? 1 : 0) + origin);
            if (DECIDING.contains(key)) {
                all &= on;
            }
        }
        return new AutoUpdate(all, "softwareupdate", String.join(", ", parts));
    }
}
