package io.vigie.checks.fact;

import java.util.List;

/** Every listening TCP socket and UDP endpoint. */
public record Listeners(List<Listener> listeners) {
}
