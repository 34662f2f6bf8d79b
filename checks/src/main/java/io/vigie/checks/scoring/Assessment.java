package io.vigie.checks.scoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a diagnostic knows, as input to {@link Scoring}. Answers are answer ids of the referential
 * (an option id, {@code nsp} « je ne sais pas » or {@code nc} « non concerné »).
 *
 * @param context  context answers by context question id (counts as digits, choices as option ids)
 * @param declared the owner's answers (Autodiag), by question id
 * @param observed the expert's observations, by question id
 * @param signOffs the expert's final answers, by question id
 * @param devices  device reports (several per device allowed; the latest is used)
 * @param now      the instant of scoring (injected; fact age is measured against it)
 */
public record Assessment(
        Map<String, String> context,
        Map<String, String> declared,
        Map<String, String> observed,
        Map<String, SignOff> signOffs,
        List<DeviceReport> devices,
        Instant now) {

    public Assessment {
        context = context == null ? Map.of() : Map.copyOf(context);
        declared = declared == null ? Map.of() : Map.copyOf(declared);
        observed = observed == null ? Map.of() : Map.copyOf(observed);
        signOffs = signOffs == null ? Map.of() : Map.copyOf(signOffs);
        devices = devices == null ? List.of() : List.copyOf(devices);
        Objects.requireNonNull(now, "now");
    }
}
