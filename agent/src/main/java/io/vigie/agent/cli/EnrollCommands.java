package io.vigie.agent.cli;

import io.vigie.agent.link.EnrollCommand;
import io.vigie.agent.state.StateDir;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Wires {@code vigie enroll} to the state folder and device id of this machine. */
final class EnrollCommands {

    private EnrollCommands() {
    }

    static EnrollCommand create(CliEnv env) {
        return new EnrollCommand(() -> Link.stateDir(env, null).dir(), dir -> {
            try {
                return new StateDir(dir).deviceId();
            } catch (IOException e) {
                throw new UncheckedIOException("state folder " + dir + ": " + e.getMessage(), e);
            }
        }, env.env());
    }
}
