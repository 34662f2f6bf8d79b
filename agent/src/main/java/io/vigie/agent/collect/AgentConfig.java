package io.vigie.agent.collect;

import java.time.Duration;
import java.util.List;

/**
 * Operator settings for a check ({@code --config FILE}).
 *
 * @param backupFolders    folders where backups land, to check their freshness (newest file's age)
 * @param commandTimeout   timeout of one OS command
 * @param collectorTimeout how long one collector may run before its facts are reported UNKNOWN
 */
public record AgentConfig(List<String> backupFolders, Duration commandTimeout, Duration collectorTimeout) {

    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_COLLECTOR_TIMEOUT = Duration.ofSeconds(30);

    public AgentConfig {
        backupFolders = backupFolders == null ? List.of() : List.copyOf(backupFolders);
        commandTimeout = commandTimeout == null ? DEFAULT_COMMAND_TIMEOUT : commandTimeout;
        collectorTimeout = collectorTimeout == null ? DEFAULT_COLLECTOR_TIMEOUT : collectorTimeout;
    }

    public static AgentConfig defaults() {
        return new AgentConfig(List.of(), null, null);
    }
}
