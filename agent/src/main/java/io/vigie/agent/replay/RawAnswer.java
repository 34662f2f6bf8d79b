package io.vigie.agent.replay;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One raw answer of the machine, as {@code vigie record} saves it and replay serves it back. The same
 * files are the parser fixtures of the tests.
 *
 * <p>{@code kind} is one of:
 * <ul>
 *   <li>{@code command}: {@code argv}, {@code stdin}, {@code exitCode}, {@code stdout}, {@code stderr},
 *       {@code timedOut}, {@code notFound};</li>
 *   <li>{@code file}: {@code path}, {@code state} (OK, ABSENT, DENIED, ERROR), {@code text}, {@code modified};</li>
 *   <li>{@code dir}: {@code path}, {@code entries};</li>
 *   <li>{@code sockets}: {@code sockets} (or {@code error} when the table could not be read).</li>
 * </ul>
 * Raw answers hold settings and command output; {@code vigie record} never stores file contents other than
 * the configuration files collectors parse, masks their secrets first ({@link Redactor}: password hashes,
 * private keys, secret values), and its folder is meant to be reviewed before it is sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawAnswer(
        String kind,
        List<String> argv,
        String stdin,
        Integer exitCode,
        String stdout,
        String stderr,
        Boolean timedOut,
        Boolean notFound,
        String path,
        String state,
        String text,
        Instant modified,
        List<String> entries,
        List<SocketEntry> sockets,
        String error,
        Map<String, String> meta) {

    public static final String COMMAND = "command";
    public static final String FILE = "file";
    public static final String DIR = "dir";
    public static final String SOCKETS = "sockets";

    /** One socket of a recorded socket table. */
    public record SocketEntry(String protocol, String address, int port, Integer pid, String process) {
    }
}
