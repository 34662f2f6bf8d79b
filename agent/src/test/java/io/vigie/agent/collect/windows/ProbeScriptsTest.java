package io.vigie.agent.collect.windows;

import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probe scripts as sent to powershell.exe, and how their answers are read. */
class ProbeScriptsTest {

    @ParameterizedTest
    @ValueSource(strings = {"os-identity", "windows-update", "local-accounts", "bitlocker", "backup", "remote-access",
            "firewall", "antivirus"})
    void everyProbeFollowsTheTemplate(String probe) {
        String s = PowerShell.script(probe);
        String[] lines = s.split("\n");
        assertEquals("# vigie-probe: " + probe, lines[0], "replay matches a probe by this first line");
        int stop = s.indexOf("$ErrorActionPreference = 'Stop'");
        int mode = s.indexOf("$ExecutionContext.SessionState.LanguageMode");
        int utf8 = s.indexOf("[Console]::OutputEncoding = [Text.Encoding]::UTF8");
        assertTrue(stop > 0 && mode > stop && utf8 > mode,
                "order: ErrorActionPreference, language mode check (before any .NET call), UTF-8 output");
        assertTrue(s.contains("ConvertTo-Json -InputObject $vigieOut -Compress -Depth 5"));
        assertTrue(s.contains("IsInRole(") && s.contains("'S-1-5-32-544'"), "admin rights decided by the probe");
        assertFalse(s.contains("{{"), "template placeholders left in " + probe);
        assertFalse(s.contains("Win32_Product"), "Win32_Product triggers MSI repairs");
        for (String cls : List.of("Win32_UserAccount", "Win32_Group ")) {
            int i = s.indexOf(cls);
            if (i >= 0) {
                assertTrue(s.substring(i, Math.min(s.length(), i + 120)).contains("LocalAccount=TRUE"),
                        cls + " must be filtered on LocalAccount=TRUE (else a domain member enumerates the domain)");
            }
        }
        assertEquals(s.chars().filter(c -> c == '{').count(), s.chars().filter(c -> c == '}').count(),
                "unbalanced braces in " + probe);
    }

    private static CommandResult out(String stdout) {
        return new CommandResult(PowerShell.ARGV, 0, stdout, "", false, false, Duration.ZERO);
    }

    @Test
    void warningLinesAndByteOrderMarkBeforeTheJsonAreSkipped() {
        Probe p = PowerShell.interpret("x", out("\uFEFFAVERTISSEMENT : module chargé\r\n{\"a\":1,\"vigie\":{\"languageMode\":\"FullLanguage\",\"elevated\":true}}\r\n"));
        assertTrue(p.ok());
        assertEquals(Boolean.TRUE, p.elevated());
        assertEquals(1, p.root().get("a").asInt());
    }

    @Test
    void failuresMapToReasons() {
        assertEquals(Reason.UNPARSABLE_OUTPUT, PowerShell.interpret("x", out("{\"a\":")).failure().code());
        assertEquals(Reason.UNPARSABLE_OUTPUT, PowerShell.interpret("x", out("{\"a\":1}")).failure().code(), "no envelope");
        assertEquals(Reason.EMPTY_OUTPUT, PowerShell.interpret("x", out("  \r\n")).failure().code());
        assertEquals(Reason.COMMAND_FAILED, PowerShell.interpret("x",
                new CommandResult(PowerShell.ARGV, 1, "", "Erreur", false, false, Duration.ZERO)).failure().code());
        assertEquals(Reason.COMMAND_TIMEOUT, PowerShell.interpret("x",
                new CommandResult(PowerShell.ARGV, -1, "", "", true, false, Duration.ofSeconds(15))).failure().code());
        assertEquals(Reason.NEEDS_ADMIN, PowerShell.interpret("x", out(
                "{\"error\":{\"type\":\"System.UnauthorizedAccessException\",\"hresult\":-2147024891},\"vigie\":{\"languageMode\":\"FullLanguage\"}}"))
                .failure().code());
    }

    @Test
    void probeErrorsAreClassifiedByCodeNotByMessage() {
        var n = io.vigie.checks.json.Json.mapper().createObjectNode();
        n.putObject("error").put("type", "Microsoft.Management.Infrastructure.CimException").put("message", "Quelque chose")
                .put("hresult", -2146233088).put("errorId", "HRESULT 0x80338029,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand");
        ProbeError e = ProbeError.of(n);
        assertTrue(e.timeout());
        assertFalse(e.accessDenied());
        assertEquals(Reason.COMMAND_TIMEOUT, e.reason("t").code());
        assertNull(ProbeError.of(io.vigie.checks.json.Json.mapper().createObjectNode().put("a", 1)));
    }

    @Test
    void securityCenterDecoding() {
        assertTrue(SecurityCenter.on(397568) && SecurityCenter.upToDate(397568));
        assertFalse(SecurityCenter.on(393472));
        assertTrue(SecurityCenter.on(397584) && !SecurityCenter.upToDate(397584));
        assertEquals("snoozed", SecurityCenter.engine(0x62100));
    }

    @Test
    void editionClasses() {
        assertEquals("HOME_PRO", OsIdentityCollector.editionClass("Professional", "Client"));
        assertEquals("HOME_PRO", OsIdentityCollector.editionClass("CoreSingleLanguage", "Client"));
        assertEquals("ENTERPRISE_EDU", OsIdentityCollector.editionClass("Education", "Client"));
        assertEquals("LTSC", OsIdentityCollector.editionClass("EnterpriseS", "Client"));
        assertEquals("LTSC", OsIdentityCollector.editionClass("IoTEnterpriseS", "Client"));
        assertEquals("SERVER", OsIdentityCollector.editionClass("ServerDatacenter", "Server Core"));
        assertEquals("Windows 11 Pro", OsIdentityCollector.name("Windows 10 Pro", 22631));
        assertEquals("Windows 10 Pro", OsIdentityCollector.name("Windows 10 Pro", 19045));
    }
}
