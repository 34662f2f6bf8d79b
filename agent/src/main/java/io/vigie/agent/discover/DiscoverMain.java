package io.vigie.agent.discover;

import picocli.CommandLine;

/**
 * Runs {@code discover} alone (the lab tests start it inside a network namespace with {@code ip netns exec},
 * because libpcap captures in the namespace of the process). Same options as {@code vigie discover}.
 */
public final class DiscoverMain {

    private DiscoverMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DiscoverCommand()).execute(args));
    }
}
