package io.vigie.checks.scoring;

import java.util.List;

/** A warning that is not an urgence, e.g. a service « accessible depuis le réseau »; {@code devices} sorted. */
public record Signal(String id, List<String> devices) {
}
