package io.vigie.agent.collect.linux;

import io.vigie.agent.fuzz.FuzzedMachine;
import io.vigie.agent.host.Privilege;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What fuzzing found in the Linux collectors (issue 14), as plain regression tests beside the crash inputs kept in
 * {@code LinuxParsersFuzzTestInputs/}.
 */
class LinuxFuzzFindingsTest {

    /** {@code Include sshd_config.d/[ab} threw PatternSyntaxException out of the collector; glob(3) takes it literally. */
    @Test
    void aMalformedIncludeGlobIsTakenLiterally() {
        assertEquals(List.of("/etc/ssh/sshd_config.d/[ab"),
                SshdCollector.expand(FuzzedMachine.answering("", Privilege.ADMIN), "sshd_config.d/[ab"));
    }
}
