package io.vigie.agent.collect.windows;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.checks.fact.DiskEncryption;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.Volume;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code disk.encryption} from {@code root\CIMV2\Security\MicrosoftVolumeEncryption} Win32_EncryptableVolume, calling
 * GetProtectionStatus / GetConversionStatus / GetLockStatus / GetEncryptionMethod / GetKeyProtectors. Needs an
 * elevated administrator: otherwise UNKNOWN needs_admin. Removable volumes are ignored.
 */
final class BitLockerCollector extends ProbeCollector {

    static final String SOURCE = "Win32_EncryptableVolume methods";

    BitLockerCollector() {
        super("windows-bitlocker", "bitlocker", List.of(FactKeys.DISK_ENCRYPTION));
    }

    @Override
    List<Fact<?>> facts(CollectContext ctx, Probe p) {
        return List.of(encryption(p, ctx.now()));
    }

    static Fact<DiskEncryption> encryption(Probe p, Instant at) {
        String source = SOURCE + " (" + p.source() + ")";
        if (!Boolean.TRUE.equals(p.elevated()) || p.root().has("skipped")) {
            return Fact.unknown(FactKeys.DISK_ENCRYPTION, source, at, Reason.of(Reason.NEEDS_ADMIN,
                    "BitLocker status is only readable by an elevated administrator"));
        }
        String systemDrive = Nodes.text(p.root(), "systemDrive");
        Probe.Section vols = p.section("volumes");
        List<Volume> out = new ArrayList<>();
        if (!vols.ok()) {
            if (vols.error() == null || !vols.error().invalidNamespace()) {
                return Fact.unknown(FactKeys.DISK_ENCRYPTION, source, at, vols.failure());
            }
            // No BitLocker on this machine (e.g. Server without the feature): its fixed volumes are not encrypted.
            Probe.Section fixed = p.section("fixedVolumes");
            if (!fixed.ok()) {
                return Fact.unknown(FactKeys.DISK_ENCRYPTION, "Win32_Volume (" + p.source() + ")", at, fixed.failure());
            }
            for (JsonNode v : Nodes.list(fixed.node())) {
                String letter = Nodes.text(v, "DriveLetter");
                out.add(new Volume(letter, Nodes.text(v, "DeviceID"), letter != null && letter.equalsIgnoreCase(systemDrive),
                        false, false, null, null, "BitLocker is not installed (no MicrosoftVolumeEncryption namespace)"));
            }
            source = "Win32_Volume DriveType=3, BitLocker absent (" + p.source() + ")";
        } else {
            for (JsonNode v : Nodes.list(vols.node())) {
                Volume vol = volume(v, systemDrive);
                if (vol != null) {
                    out.add(vol);
                }
            }
        }
        if (out.isEmpty()) {
            return Fact.unknown(FactKeys.DISK_ENCRYPTION, source, at,
                    Reason.of(Reason.EMPTY_OUTPUT, "no fixed volume reported"));
        }
        out.sort(Comparator.comparing((Volume v) -> !v.system()).thenComparing(v -> v.mount() == null ? "~" : v.mount()));
        return Fact.ok(FactKeys.DISK_ENCRYPTION, source, at, new DiskEncryption(out));
    }

    /** One volume; null for removable volumes (VolumeType 2) and for volumes without type nor drive letter. */
    static Volume volume(JsonNode v, String systemDrive) {
        Integer type = Nodes.integer(v, "VolumeType");
        String letter = Nodes.text(v, "DriveLetter");
        if ((type != null && type == 2) || (type == null && letter == null)) {
            return null;
        }
        boolean system = (type != null && type == 0) || (letter != null && letter.equalsIgnoreCase(systemDrive));
        Integer conversion = Nodes.integer(v, "ConversionStatus");
        Integer protection = Nodes.integer(v, "ProtectionStatus");
        Integer lock = Nodes.integer(v, "LockStatus");
        Integer protectors = Nodes.integer(v, "KeyProtectorCount");
        Integer percent = Nodes.integer(v, "EncryptionPercentage");
        Boolean encrypted = conversion == null ? null : conversion == 1;
        Boolean protectionOn = protection == null || protection == 2 ? null : protection == 1;
        List<String> detail = new ArrayList<>();
        if (conversion != null) {
            detail.add(switch (conversion) {
                case 0 -> "fully decrypted";
                case 1 -> "fully encrypted";
                case 2 -> "encryption in progress";
                case 3 -> "decryption in progress";
                case 4 -> "encryption paused";
                case 5 -> "decryption paused";
                default -> "conversion status " + conversion;
            });
        }
        if (conversion != null && conversion == 1 && protection != null && protection == 0) {
            detail.add(protectors != null && protectors == 0
                    ? "waiting for activation (no key protector): not protected"
                    : "protection suspended");
        }
        if (protection != null && protection == 2) {
            detail.add("protection status unknown (volume locked)");
        }
        if (lock != null && lock == 1) {
            detail.add("locked");
        }
        return new Volume(letter, Nodes.text(v, "DeviceID"), system, encrypted, protectionOn,
                method(Nodes.integer(v, "EncryptionMethod")),
                conversion != null && conversion >= 2 && conversion <= 5 ? percent : null,
                String.join(", ", detail));
    }

    static String method(Integer m) {
        if (m == null) {
            return null;
        }
        return switch (m) {
            case 0 -> null;
            case 1 -> "AES-128-Diffuser";
            case 2 -> "AES-256-Diffuser";
            case 3 -> "AES-128";
            case 4 -> "AES-256";
            case 5 -> "Hardware";
            case 6 -> "XTS-AES-128";
            case 7 -> "XTS-AES-256";
            default -> "method " + m;
        };
    }
}
