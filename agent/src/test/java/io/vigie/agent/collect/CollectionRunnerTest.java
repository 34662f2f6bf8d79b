package io.vigie.agent.collect;

import io.vigie.agent.exec.CommandResult;
import io.vigie.agent.host.HostFiles;
import io.vigie.agent.host.Privilege;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FactStatus;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.SmbV1;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollectionRunnerTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    static CollectContext ctx(Duration collectorTimeout) {
        return new CollectContext((argv, stdin, t) -> CommandResult.notFound(argv), HostFiles.SYSTEM, List::of,
                Clock.fixed(NOW, ZoneOffset.UTC), Privilege.USER,
                new AgentConfig(List.of(), Duration.ofSeconds(1), collectorTimeout));
    }

    interface Body {
        List<Fact<?>> collect(CollectContext c) throws Exception;
    }

    static Collector collector(String name, List<FactKey<?>> keys, Body body) {
        return new Collector() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<FactKey<?>> keys() {
                return keys;
            }

            @Override
            public List<Fact<?>> collect(CollectContext c) throws Exception {
                return body.collect(c);
            }
        };
    }

    @Test
    void aThrowingOrHangingCollectorNeverStopsTheRun() {
        CountDownLatch never = new CountDownLatch(1);
        Collector good = collector("smb", List.of(FactKeys.SMB_V1),
                c -> List.of(Fact.ok(FactKeys.SMB_V1, "test", NOW, new SmbV1(false, null, "x"))));
        Collector broken = collector("broken", List.of(FactKeys.AV_STATUS, FactKeys.FIREWALL_STATUS), c -> {
            throw new IllegalStateException("parser bug");
        });
        Collector hung = collector("hung", List.of(FactKeys.BACKUP_STATUS), c -> {
            never.await();
            return List.of();
        });
        Collector forgetful = collector("forgetful", List.of(FactKeys.REMOTE_SSH), c -> List.of());
        List<String> finished = new ArrayList<>();

        long start = System.nanoTime();
        Map<String, Fact<?>> facts = new CollectionRunner(4).run(List.of(hung, good, broken, forgetful),
                ctx(Duration.ofMillis(500)), name -> {
                    synchronized (finished) {
                        finished.add(name);
                    }
                });
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertEquals(FactStatus.OK, facts.get("smb.v1").status());
        assertEquals(FactStatus.ERROR, facts.get("av.status").status());
        assertEquals(Reason.COLLECTOR_ERROR, facts.get("av.status").reason().code());
        assertTrue(facts.get("av.status").reason().detail().contains("parser bug"));
        assertEquals(FactStatus.ERROR, facts.get("firewall.status").status());
        assertEquals(FactStatus.UNKNOWN, facts.get("backup.status").status());
        assertEquals(Reason.COLLECTOR_TIMEOUT, facts.get("backup.status").reason().code());
        assertEquals(FactStatus.UNKNOWN, facts.get("remote.ssh").status());
        assertEquals(Reason.NOT_COLLECTED, facts.get("remote.ssh").reason().code());
        assertTrue(elapsedMs < 5_000, "the hung collector was abandoned at its deadline, took " + elapsedMs + " ms");
        assertTrue(finished.containsAll(List.of("smb", "broken", "forgetful")));
        // facts come in the report order of FactKeys, whatever order collectors finish in
        assertEquals(List.of("backup.status", "remote.ssh", "smb.v1", "firewall.status", "av.status"),
                List.copyOf(facts.keySet()));
    }
}
