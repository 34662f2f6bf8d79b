package io.vigie.agent.platform;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.collect.linux.LinuxCollectors;
import io.vigie.agent.collect.macos.MacCollectors;
import io.vigie.agent.collect.windows.WindowsCollectors;
import io.vigie.agent.host.OshiSocketTable;
import io.vigie.agent.host.SocketTable;

import java.nio.file.Path;
import java.util.List;

/** The one platform switch: which collectors check which OS. Everything else is polymorphism. */
public final class Platforms {

    private Platforms() {
    }

    /**
     * @param cacheDir the agent's state folder, where a collector may keep a cache keyed on what it depends
     *                 on (the apt answer, keyed on the package lists); null for record and replay, where every
     *                 answer must come from the machine
     */
    public static List<Collector> collectors(Platform platform, AgentConfig config, Path cacheDir) {
        return switch (platform) {
            case LINUX -> cacheDir == null ? LinuxCollectors.create(config) : LinuxCollectors.create(config, cacheDir);
            case WINDOWS -> WindowsCollectors.create(config);
            case MACOS -> MacCollectors.create(config);
        };
    }

    /** The live socket table of this machine (OSHI). */
    public static SocketTable liveSockets() {
        return new OshiSocketTable();
    }
}
