package io.vigie.agent.collect.linux;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.CollectionRunner;
import io.vigie.agent.collect.Collector;
import io.vigie.agent.exec.CommandRunner;
import io.vigie.agent.host.HostFiles;
import io.vigie.agent.host.OshiSocketTable;
import io.vigie.agent.host.Privilege;
import io.vigie.agent.host.RawSocket;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FactStatus;
import io.vigie.checks.json.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs each collector on this machine and checks the shape of what it produces (not the values). */
@EnabledOnOs(OS.LINUX)
class LinuxLiveTest {

    private static CollectContext live() {
        return new CollectContext(CommandRunner.SYSTEM, HostFiles.SYSTEM, new OshiSocketTable(), Clock.systemUTC(),
                Privilege.detectUnix(), AgentConfig.defaults());
    }

    @TestFactory
    Stream<DynamicTest> eachCollectorProducesItsKeys() {
        CollectContext ctx = live();
        return LinuxCollectors.create(AgentConfig.defaults()).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<Fact<?>> facts = c.collect(ctx);
            Set<String> keys = new HashSet<>();
            for (Fact<?> f : facts) {
                keys.add(f.key());
                assertShape(f);
            }
            for (FactKey<?> k : c.keys()) {
                assertTrue(keys.contains(k.name()), c.name() + " did not produce " + k.name());
            }
        }));
    }

    @Test
    void togetherEveryFactKeyIsProduced() throws Exception {
        Map<String, Fact<?>> facts = new CollectionRunner().run(LinuxCollectors.create(AgentConfig.defaults()), live(), n -> { });
        for (FactKey<?> k : FactKeys.all()) {
            Fact<?> f = facts.get(k.name());
            assertNotNull(f, "missing " + k.name());
            assertShape(f);
            assertFalse(f.status() == FactStatus.ERROR, k.name() + ": " + f.reason());
            assertFalse(f.reason().code().equals("not_collected"), k.name());
        }
    }

    @Test
    void oshiSocketTableSeesALoopbackListener() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<RawSocket> l = new OshiSocketTable().listening();
            RawSocket mine = l.stream().filter(x -> x.port() == s.getLocalPort() && x.protocol().equals("tcp")).findFirst().orElse(null);
            assertNotNull(mine, "own listener not in " + l);
            assertEquals("127.0.0.1", mine.address());
            assertEquals((int) ProcessHandle.current().pid(), mine.pid());
            assertEquals("java", mine.process());
        }
    }

    static void assertShape(Fact<?> f) throws Exception {
        assertNotNull(FactKeys.byName(f.key()).orElse(null), "unknown key " + f.key());
        assertNotNull(f.reason().code());
        assertNotNull(f.source(), f.key());
        assertNotNull(f.collectedAt(), f.key());
        if (f.status() == FactStatus.OK) {
            FactKey<?> k = FactKeys.byName(f.key()).orElseThrow();
            assertTrue(k.type().isInstance(f.value()), f.key());
            // the value must survive the JSON round trip the report uses
            String json = Json.mapper().writeValueAsString(f.value());
            assertEquals(f.value(), Json.mapper().readValue(json, k.type()), f.key());
        } else {
            assertTrue(f.reason().detail() != null && !f.reason().detail().isBlank(), f.key() + " has no reason detail");
        }
    }
}
