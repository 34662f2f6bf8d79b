package io.vigie.checks.rule.builtin;

import io.vigie.checks.fact.DiskEncryption;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.fact.Volume;
import io.vigie.checks.rule.FactRule;
import io.vigie.checks.rule.Outcome;
import io.vigie.checks.rule.RuleContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed volumes are encrypted and the encryption actually protects them. One class, two rules: the OS volume
 * (VIG-ENC-001) and the other fixed volumes (VIG-ENC-002).
 */
public final class VolumeEncryptionRule extends FactRule<DiskEncryption> {

    public static final String ENCRYPTED = "volumes_encrypted";
    public static final String NOT_ENCRYPTED = "volumes_not_encrypted";
    public static final String NOT_PROTECTED = "encryption_not_active";
    public static final String UNKNOWN = "encryption_state_unknown";
    public static final String NO_VOLUME = "no_such_volume";

    private final boolean systemVolume;

    private VolumeEncryptionRule(String id, boolean systemVolume) {
        super(id, FactKeys.DISK_ENCRYPTION);
        this.systemVolume = systemVolume;
    }

    public static VolumeEncryptionRule osVolume() {
        return new VolumeEncryptionRule("VIG-ENC-001", true);
    }

    public static VolumeEncryptionRule dataVolumes() {
        return new VolumeEncryptionRule("VIG-ENC-002", false);
    }

    @Override
    protected Outcome judge(DiskEncryption d, Fact<DiskEncryption> fact, Snapshot snapshot, RuleContext ctx) {
        List<Volume> volumes = new ArrayList<>();
        for (Volume v : d.volumes() == null ? List.<Volume>of() : d.volumes()) {
            if (v.system() == systemVolume) {
                volumes.add(v);
            }
        }
        if (volumes.isEmpty()) {
            // the OS volume always exists: not finding it means the collector could not tell
            return systemVolume ? Outcome.unknown(NO_VOLUME, Evidence.of().map())
                    : Outcome.notApplicable(NO_VOLUME, Evidence.of().map());
        }
        List<String> notEncrypted = new ArrayList<>();
        List<String> notProtected = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> ok = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        for (Volume v : volumes) {
            String name = v.mount() != null ? v.mount() : v.device();
            if (v.encrypted() == null) {
                unknown.add(name);
            } else if (!v.encrypted()) {
                notEncrypted.add(name + (v.percent() != null ? " (" + v.percent() + " %)" : ""));
            } else if (v.protectionOn() == null) {
                unknown.add(name);
            } else if (!v.protectionOn()) {
                notProtected.add(name);
            } else {
                ok.add(name);
                if (v.method() != null) {
                    methods.add(v.method());
                }
            }
        }
        if (!notEncrypted.isEmpty()) {
            return Outcome.fail(NOT_ENCRYPTED, Evidence.of().put("volumes", notEncrypted).map());
        }
        if (!notProtected.isEmpty()) {
            return Outcome.fail(NOT_PROTECTED, Evidence.of().put("volumes", notProtected).map());
        }
        if (!unknown.isEmpty()) {
            return Outcome.unknown(UNKNOWN, Evidence.of().put("volumes", unknown).map());
        }
        return Outcome.pass(ENCRYPTED, Evidence.of().put("volumes", ok).put("methods", methods).map());
    }
}
