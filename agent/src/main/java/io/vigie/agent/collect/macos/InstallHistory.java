package io.vigie.agent.collect.macos;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.LastInstall;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code patch.lastInstall} from {@code /Library/Receipts/InstallHistory.plist}: an array of
 * {@code {date, displayName, displayVersion, packageIdentifiers, processName}} dictionaries, one per install.
 *
 * <p>Counted: installs made by Software Update ({@code processName} softwareupdated, Software Update,
 * softwareupdate) or the macOS Installer. Not counted: the background configuration data Software Update also
 * installs almost daily (XProtect, MRT, Gatekeeper and compatibility data), which would hide a Mac that never
 * installs its system updates; and apps (App Store, Installer.app). {@code softwareupdate --history} is not used:
 * its dates are printed in local time without a zone.
 */
final class InstallHistory implements Collector {

    static final String PATH = "/Library/Receipts/InstallHistory.plist";
    static final String SOURCE = PATH;
    private static final Set<String> UPDATERS = Set.of("softwareupdated", "software update", "softwareupdate",
            "macos installer", "os x installer");
    private static final Pattern CONFIG_DATA = Pattern.compile(
            "(?i)(config\\s*data|configuration data|compatibility data|xprotect|\\bmrt|gatekeeper)");

    @Override
    public String name() {
        return "install-history";
    }

    @Override
    public List<FactKey<?>> keys() {
        return List.of(FactKeys.PATCH_LAST_INSTALL);
    }

    @Override
    public List<Fact<?>> collect(CollectContext ctx) {
        Plist.Read read = Plist.read(ctx, PATH);
        if (read.state() == Plist.State.ABSENT) {
            return List.of(Fact.unknown(FactKeys.PATCH_LAST_INSTALL, SOURCE, ctx.now(),
                    Reason.of(Reason.EMPTY_OUTPUT, PATH + " does not exist: no install was ever recorded")));
        }
        if (!read.ok()) {
            return List.of(Fact.unknown(FactKeys.PATCH_LAST_INSTALL, SOURCE, ctx.now(), read.reason()));
        }
        if (!read.root().isArray()) {
            return List.of(Fact.unknown(FactKeys.PATCH_LAST_INSTALL, SOURCE, ctx.now(),
                    Reason.of(Reason.UNPARSABLE_OUTPUT, PATH + ": the root is not an array")));
        }
        return lastSystemUpdate(read.root())
                .<List<Fact<?>>>map(at -> List.of(Fact.ok(FactKeys.PATCH_LAST_INSTALL, SOURCE, ctx.now(),
                        new LastInstall(at, "install-history"))))
                .orElseGet(() -> List.of(Fact.unknown(FactKeys.PATCH_LAST_INSTALL, SOURCE, ctx.now(),
                        Reason.of(Reason.EMPTY_OUTPUT, PATH + " records no system update"))));
    }

    /** The date of the newest system update in the history. */
    static Optional<Instant> lastSystemUpdate(JsonNode history) {
        Instant best = null;
        for (JsonNode e : history) {
            if (!isSystemUpdate(e)) {
                continue;
            }
            Optional<Instant> at = Plist.instant(e.get("date"));
            if (at.isPresent() && (best == null || at.get().isAfter(best))) {
                best = at.get();
            }
        }
        return Optional.ofNullable(best);
    }

    static boolean isSystemUpdate(JsonNode e) {
        String process = Plist.string(e, "processName").orElse("").strip().toLowerCase(Locale.ROOT);
        if (!UPDATERS.contains(process)) {
            return false;
        }
        String name = Plist.string(e, "displayName").orElse("");
        return !CONFIG_DATA.matcher(name).find();
    }
}
