package io.vigie.agent.collect.windows;

import io.vigie.agent.collect.AgentConfig;
import io.vigie.agent.collect.CollectionRunner;
import io.vigie.agent.fixtures.FixtureCases;
import io.vigie.agent.replay.Recording;
import io.vigie.checks.fact.AdminAccounts;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.FactStatus;
import io.vigie.checks.fact.FirewallProfile;
import io.vigie.checks.fact.InboundPolicy;
import io.vigie.checks.fact.Listener;
import io.vigie.checks.fact.Reason;
import io.vigie.checks.fact.Snapshot;
import io.vigie.checks.fact.Volume;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole Windows machines (Recording folders) replayed through {@link WindowsCollectors#create}. */
class WindowsMachinesTest {

    static Snapshot replay(String machine) throws Exception {
        Path dir = FixtureCases.root().getParent().resolve("machines").resolve(machine);
        Recording rec = Recording.load(dir);
        assertEquals("windows", rec.machine().get("platform"));
        Map<String, Fact<?>> facts = new CollectionRunner(2).run(WindowsCollectors.create(AgentConfig.defaults()),
                WindowsTestSupport.context(rec), name -> { });
        for (FactKey<?> k : FactKeys.all()) {
            Fact<?> f = facts.get(k.name());
            assertNotNull(f, machine + ": no fact " + k.name());
            assertNotEquals(FactStatus.ERROR, f.status(), machine + ": " + k.name() + " " + f.reason());
            assertNotEquals(Reason.NOT_COLLECTED, f.reason().code(), machine + ": " + k.name());
            if (f.status() != FactStatus.OK) {
                assertNotNull(f.reason().detail(), machine + ": " + k.name() + " must say why it is " + f.status());
            }
        }
        return Snapshot.of(facts);
    }

    static <T> T ok(Snapshot s, FactKey<T> key) {
        Fact<T> f = s.get(key).orElseThrow();
        assertEquals(FactStatus.OK, f.status(), key.name() + ": " + f.reason());
        return f.value();
    }

    static FactStatus status(Snapshot s, FactKey<?> key) {
        return s.get(key).orElseThrow().status();
    }

    static FirewallProfile profile(Snapshot s, String name) {
        return ok(s, FactKeys.FIREWALL_STATUS).profiles().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void frenchWindows11ProLaptop() throws Exception {
        Snapshot s = replay("windows-11-pro-fr-laptop");
        var os = ok(s, FactKeys.OS_IDENTITY);
        assertEquals("windows", os.productId());
        assertEquals("Windows 11 Professionnel", os.name());
        assertEquals("24H2", os.version());
        assertEquals("10.0.26100.7309", os.build());
        assertEquals("HOME_PRO", os.editionClass());
        assertEquals(FactStatus.NOT_APPLICABLE, status(s, FactKeys.OS_PROTECTION));

        var patch = ok(s, FactKeys.PATCH_STATUS);
        assertEquals(0, patch.pending(), "the Defender signature update is not a pending patch");
        assertEquals(Instant.parse("2026-11-11T19:12:00Z"), ok(s, FactKeys.PATCH_LAST_INSTALL).lastInstallAt());
        assertEquals(Boolean.TRUE, ok(s, FactKeys.PATCH_AUTO).enabled());

        AdminAccounts admins = ok(s, FactKeys.ACCOUNTS_ADMINS);
        assertEquals(2, admins.admins().size());
        assertEquals("PORTABLE-MARIE\\marie", admins.interactiveUser());
        assertEquals(Boolean.TRUE, admins.interactiveUserIsAdmin(), "the daily user is a local administrator");
        assertEquals(Boolean.FALSE, ok(s, FactKeys.ACCOUNTS_BUILTIN).guestEnabled());

        Volume c = ok(s, FactKeys.DISK_ENCRYPTION).volumes().get(0);
        assertTrue(c.system());
        assertEquals(Boolean.TRUE, c.encrypted());
        assertEquals(Boolean.TRUE, c.protectionOn());

        assertTrue(ok(s, FactKeys.BACKUP_STATUS).jobs().isEmpty());
        assertEquals(Boolean.FALSE, ok(s, FactKeys.REMOTE_RDP).enabled());
        assertEquals(FactStatus.NOT_APPLICABLE, status(s, FactKeys.REMOTE_SSH));
        assertEquals(Boolean.FALSE, ok(s, FactKeys.SMB_V1).serverEnabled());
        assertTrue(ok(s, FactKeys.REMOTE_TOOLS).tools().isEmpty());
        assertEquals(Boolean.TRUE, profile(s, "public").enabled());
        assertEquals(Boolean.TRUE, profile(s, "private").current());
        var defender = ok(s, FactKeys.AV_STATUS).products().get(0);
        assertEquals("Microsoft Defender Antivirus", defender.name());
        assertEquals(Boolean.TRUE, defender.realTime());
        List<Listener> listeners = ok(s, FactKeys.NET_LISTENERS).listeners();
        assertTrue(listeners.stream().anyMatch(l -> l.port() == 445 && l.exposure() == io.vigie.checks.fact.Exposure.NETWORK));
        assertTrue(listeners.stream().anyMatch(l -> l.port() == 49669 && l.exposure() == io.vigie.checks.fact.Exposure.LOCAL));
    }

    @Test
    void windowsServer2019FileServer() throws Exception {
        Snapshot s = replay("windows-server-2019-fileserver");
        var os = ok(s, FactKeys.OS_IDENTITY);
        assertEquals("windows-server", os.productId());
        assertEquals("2019", os.version());
        assertEquals("SERVER", os.editionClass());
        assertEquals("10.0.17763.8027", os.build());

        var backup = ok(s, FactKeys.BACKUP_STATUS).jobs();
        assertEquals(1, backup.size());
        assertEquals("windows-server-backup", backup.get(0).product());
        assertEquals(Instant.parse("2026-11-21T23:04:12Z"), backup.get(0).lastSuccess());
        assertEquals("network", backup.get(0).destinationKind());

        var rdp = ok(s, FactKeys.REMOTE_RDP);
        assertEquals(Boolean.TRUE, rdp.enabled());
        assertEquals(Boolean.TRUE, rdp.nlaRequired());
        assertEquals(List.of(5985), ok(s, FactKeys.REMOTE_WINRM).listenerPorts());
        assertEquals(Boolean.TRUE, ok(s, FactKeys.REMOTE_WINRM).serviceRunning());

        assertEquals(List.of(), ok(s, FactKeys.FIREWALL_STATUS).thirdParty(), "no Security Center on Server is not an error");
        assertEquals(Boolean.TRUE, profile(s, "domain").current());
        var av = ok(s, FactKeys.AV_STATUS).products();
        assertEquals(1, av.size());
        assertEquals(Boolean.TRUE, av.get(0).enabled());

        AdminAccounts admins = ok(s, FactKeys.ACCOUNTS_ADMINS);
        assertTrue(admins.admins().stream().anyMatch(a -> "CORP\\Domain Admins".equals(a.name())));
        assertNull(admins.interactiveUser());
        assertEquals(Boolean.TRUE, ok(s, FactKeys.ACCOUNTS_BUILTIN).builtinAdminEnabled());
        assertTrue(ok(s, FactKeys.DISK_ENCRYPTION).volumes().stream().noneMatch(v -> Boolean.TRUE.equals(v.encrypted())));
        assertEquals(Boolean.FALSE, ok(s, FactKeys.SMB_V1).serverEnabled());
        assertEquals(Boolean.TRUE, ok(s, FactKeys.PATCH_AUTO).enabled());
    }

    @Test
    void windows10EndOfLifePc() throws Exception {
        Snapshot s = replay("windows-10-22h2-eol-pc");
        var os = ok(s, FactKeys.OS_IDENTITY);
        assertEquals("windows", os.productId());
        assertEquals("22H2", os.version());
        assertEquals("Windows 10 Professionnel", os.name());
        assertEquals(Boolean.FALSE, os.extendedSupport(), "ESU licence present but not activated");

        assertEquals(Instant.parse("2025-10-15T18:00:00Z"), ok(s, FactKeys.PATCH_LAST_INSTALL).lastInstallAt(),
                "daily Defender signature installs must not hide a year without patches");
        var rdp = ok(s, FactKeys.REMOTE_RDP);
        assertEquals(Boolean.TRUE, rdp.enabled());
        assertEquals(Boolean.FALSE, rdp.nlaRequired());
        var builtin = ok(s, FactKeys.ACCOUNTS_BUILTIN);
        assertEquals(Boolean.TRUE, builtin.guestEnabled(), "« Invité » found by RID 501");
        assertEquals("atelier", builtin.autoLoginUser());
        assertEquals(List.of("Invité", "atelier"), ok(s, FactKeys.ACCOUNTS_PASSWORDS).passwordNotRequired());
        assertTrue(ok(s, FactKeys.BACKUP_STATUS).jobs().isEmpty());
        assertEquals(Boolean.FALSE, ok(s, FactKeys.DISK_ENCRYPTION).volumes().get(0).encrypted());
        var tools = ok(s, FactKeys.REMOTE_TOOLS).tools();
        assertEquals(1, tools.size());
        assertEquals("AnyDesk", tools.get(0).name());
        assertEquals(List.of(7070), tools.get(0).listeningPorts());
        assertEquals(Boolean.FALSE, profile(s, "public").enabled());
        assertEquals(InboundPolicy.BLOCK, profile(s, "public").defaultInbound());
        assertEquals(Boolean.TRUE, ok(s, FactKeys.SMB_V1).clientEnabled());
        assertFalse(ok(s, FactKeys.SMB_V1).serverEnabled());
    }
}
