package io.vigie.agent.host;

import java.util.List;

/**
 * The machine's listening sockets (TCP LISTEN, and UDP sockets with no remote peer). The live
 * implementation uses OSHI; replay and tests use recorded tables.
 */
public interface SocketTable {

    /** @throws Exception when the table cannot be read at all (reported as UNKNOWN, never as "no listener") */
    List<RawSocket> listening() throws Exception;
}
