package io.vigie.console.web;

import io.vigie.checks.json.Json;
import io.vigie.checks.report.LanDevice;
import io.vigie.checks.report.LanDiscovery;
import io.vigie.checks.report.LanService;
import io.vigie.checks.report.Report;
import io.vigie.checks.report.ReportFile;
import io.vigie.console.SampleReports;
import io.vigie.console.api.ConsoleFixture;
import io.vigie.console.web.WebTestClient.Resp;
import io.vigie.console.web.WebTestClient.Session;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The organisation page's « Importer un rapport » form over plain HTTP (multipart, CSRF, roles, refusals that store
 * nothing) and its « Réseau local » section.
 */
class WebImportTest extends ConsoleWebTest {

    /** Rows of every table of the database (Flyway's history included), by table name. */
    Map<String, Long> everyTable() throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection conn = c.connection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            try (Statement st = conn.createStatement()) {
                for (String t : tables) {
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + t)) {
                        rs.next();
                        out.put(t, rs.getLong(1));
                    }
                }
            }
        }
        assertTrue(out.containsKey("report_delivery") && out.containsKey("reports") && out.containsKey("devices"), out.toString());
        return out;
    }

    static String json(Report r) {
        return new String(ConsoleFixture.json(r), StandardCharsets.UTF_8);
    }

    /** A device enrolled in A1 and its secret (the HMAC key is SHA-256 of it). */
    record Enrolled(UUID deviceId, String secret) {
    }

    Enrolled enrolled() {
        UUID deviceId = UUID.randomUUID();
        String credential = c.enroll(c.a1, deviceId);
        return new Enrolled(deviceId, credential.substring(credential.indexOf('.') + 1));
    }

    static byte[] signedFile(Enrolled d, Report r) {
        return ReportFile.signed(d.deviceId(), json(r), ReportFile.deviceKey(d.secret())).getBytes(StandardCharsets.UTF_8);
    }

    /** Follows the form's redirect to the organisation page (POST-redirect-GET). */
    Resp follow(Resp posted, Session s) {
        assertEquals(303, posted.status(), posted.body());
        String location = posted.location();
        assertNotNull(location);
        return web.get(location.replaceFirst("#.*$", ""), s);
    }

    @Test
    void aSignedFileIsImportedAuthenticatedAndNamedOnTheOrganisationPage() throws Exception {
        Session s = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        Resp org = web.get("/organisations/" + c.a1.id(), s);
        assertTrue(org.body().contains("Importer un rapport"), org.body());
        assertTrue(org.body().contains("enctype=\"multipart/form-data\""));
        assertTrue(org.body().contains("sans accès au réseau"), "says when to use it");
        assertTrue(org.body().contains("16 Mo au plus"), "the console's report limit");

        Enrolled d = enrolled();
        UUID reportId = UUID.randomUUID();
        Resp posted = web.importFile(c.a1.id().toString(), s, signedFile(d, SampleReports.report(d.deviceId(), reportId)));
        assertTrue(posted.location().startsWith("/organisations/" + c.a1.id() + "?imported=" + reportId), posted.location());
        Resp page = follow(posted, s);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("Rapport importé pour le poste « srv-compta »"), page.body());
        assertTrue(page.body().contains(": authentifié, signé par l&#39;agent inscrit")
                || page.body().contains(": authentifié, signé par l'agent inscrit"), page.body());
        assertFalse(page.body().contains("badge warn\">non authentifié"), "a signed report carries no badge");
        assertEquals(1L, c.counts().get("reports"));

        Resp device = web.get("/devices/" + d.deviceId(), s);
        assertFalse(device.body().contains(">non authentifié<"), device.body());

        // the same file again: nothing new, said so
        Resp again = follow(web.importFile(c.a1.id().toString(), s, signedFile(d, SampleReports.report(d.deviceId(), reportId))), s);
        assertTrue(again.body().contains("était déjà dans la console"), again.body());
        assertEquals(1L, c.counts().get("reports"));
    }

    @Test
    void aChecksumOnlyFileIsImportedMarkedNotAuthenticatedOnTheDevicePage() throws Exception {
        Session s = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        UUID deviceId = UUID.randomUUID();
        byte[] file = ReportFile.checksummed(deviceId, json(SampleReports.report(deviceId, UUID.randomUUID())))
                .getBytes(StandardCharsets.UTF_8);
        Resp page = follow(web.importFile(c.a2.id().toString(), s, file), s);
        assertTrue(page.body().contains("Rapport importé pour le poste « srv-compta »"), page.body());
        assertTrue(page.body().contains(": non authentifié."), page.body());
        assertTrue(page.body().contains("<span class=\"badge warn\">non authentifié</span>"), "the device row's badge");

        Resp device = web.get("/devices/" + deviceId, s);
        assertEquals(200, device.status());
        String body = device.body();
        int history = body.indexOf("id=\"history-h\"");
        assertTrue(history > 0);
        assertTrue(body.indexOf("<span class=\"badge warn\">non authentifié</span>", history) > 0, "history badge: " + body);
        assertTrue(body.indexOf("<span class=\"badge warn\">non authentifié</span>") < history, "latest report badge");
        assertTrue(body.contains("n&#39;a pas pu signer") || body.contains("n'a pas pu signer"), body);
        // in English too
        Resp en = web.get("/devices/" + deviceId + "?lang=en", s);
        assertTrue(en.body().contains(">not authenticated</span>"), en.body());
    }

    @Test
    void editedTruncatedForeignAndNonVigieFilesAreRefusedInWordsAndStoreNothing() throws Exception {
        Session s = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        Enrolled d = enrolled();
        byte[] good = signedFile(d, SampleReports.report(d.deviceId(), UUID.randomUUID()));
        String text = new String(good, StandardCharsets.UTF_8);
        String edited = text.replace("srv-compta", "srv-comptb");
        assertFalse(edited.equals(text), "the test must really edit the file");
        Map<String, Long> before = everyTable();

        Resp r = follow(web.importFile(c.a1.id().toString(), s, edited.getBytes(StandardCharsets.UTF_8)), s);
        assertTrue(r.body().contains("la signature ne correspond pas, le fichier a été modifié"), r.body());
        assertTrue(r.body().contains("role=\"alert\""), r.body());
        assertEquals(before, everyTable(), "an edited file stores nothing, in any table");

        UUID lonely = UUID.randomUUID();
        String unsigned = ReportFile.checksummed(lonely, json(SampleReports.report(lonely, UUID.randomUUID())));
        String damaged = unsigned.replace("srv-compta", "srv-comptb");
        r = follow(web.importFile(c.a1.id().toString(), s, damaged.getBytes(StandardCharsets.UTF_8)), s);
        assertTrue(r.body().contains("la somme de contrôle ne correspond pas"), r.body());
        assertEquals(before, everyTable());

        r = follow(web.importFile(c.a1.id().toString(), s, java.util.Arrays.copyOf(good, good.length / 2)), s);
        assertTrue(r.body().contains("n&#39;est pas un rapport Vigie lisible") || r.body().contains("n'est pas un rapport Vigie lisible"),
                r.body());
        r = follow(web.importFile(c.a1.id().toString(), s, "bonjour".getBytes(StandardCharsets.UTF_8)), s);
        assertTrue(r.body().contains("pas un rapport Vigie lisible"), r.body());
        // signed by a device of A1, imported into A2: not this organisation's device
        r = follow(web.importFile(c.a2.id().toString(), s, good), s);
        assertTrue(r.body().contains("n&#39;est pas inscrit dans cette organisation")
                || r.body().contains("n'est pas inscrit dans cette organisation"), r.body());
        // no file chosen
        r = follow(web.postMultipart("/organisations/" + c.a1.id() + "/imports", s.cookies(),
                Map.of(Web.CSRF_FIELD, s.csrf()), null, null, null), s);
        assertTrue(r.body().contains("Aucun fichier reçu"), r.body());
        // in English
        web.get("/dashboard?lang=en", s);
        r = follow(web.importFile(c.a1.id().toString(), s, edited.getBytes(StandardCharsets.UTF_8)), s);
        assertTrue(r.body().contains("Refused: the signature does not match"), r.body());
        assertEquals(before, everyTable());
    }

    @Test
    void customerViewersAndFormsWithoutTheTokenAreRefusedAndAnotherTenantIsNotFound() throws Exception {
        c.setViewerA1Password();
        Session viewer = web.login("patron@martin.example", ConsoleFixture.PASSWORD);
        Resp page = web.get("/organisations/" + c.a1.id(), viewer);
        assertEquals(200, page.status());
        assertFalse(page.body().contains("/imports"), "a customer viewer does not see the form");
        Enrolled d = enrolled();
        byte[] file = signedFile(d, SampleReports.report(d.deviceId(), UUID.randomUUID()));
        Map<String, Long> before = everyTable();
        Resp refused = web.importFile(c.a1.id().toString(), viewer, file);
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("Votre rôle ne permet pas cette action."), refused.body());
        // another organisation of the provider, and another provider's: not found before the role
        assertEquals(404, web.importFile(c.a2.id().toString(), viewer, file).status());
        Session admin = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        assertEquals(404, web.importFile(c.b1.id().toString(), admin, file).status());

        // no CSRF token, or another session's: refused
        Resp none = web.postMultipart("/organisations/" + c.a1.id() + "/imports", admin.cookies(), Map.of(), "file",
                "rapport.json", file);
        assertEquals(403, none.status());
        assertTrue(none.body().contains("Ce formulaire a expiré"), none.body());
        Resp wrong = web.postMultipart("/organisations/" + c.a1.id() + "/imports", admin.cookies(),
                Map.of(Web.CSRF_FIELD, viewer.csrf()), "file", "rapport.json", file);
        assertEquals(403, wrong.status());
        // as a url-encoded form: no file, and the token still decides first
        assertEquals(403, web.post("/organisations/" + c.a1.id() + "/imports", admin.cookies(), Map.of("file", "x")).status());
        Map<String, Long> after = everyTable();
        after.remove("sessions");
        before.remove("sessions");
        after.remove("throttle");
        before.remove("throttle");
        assertEquals(before, after, "refused imports store nothing (only the logins added sessions)");
    }

    @Test
    void aFilePastTheReportLimitIsRefusedWithAPage() {
        Session s = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        byte[] big = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        Resp r = web.importFile(c.a1.id().toString(), s, big);
        assertEquals(413, r.status());
        assertTrue(r.body().contains("Ce fichier est trop gros : 16 Mo au plus."), r.body());
        assertEquals(0L, c.counts().get("reports"));
    }

    @Test
    void theOrganisationPageListsTheLocalNetworkAndItsFindings() throws Exception {
        Session s = web.login("admin@alpha.example", ConsoleFixture.PASSWORD);
        Enrolled d = enrolled();
        Report base = SampleReports.report(d.deviceId(), UUID.randomUUID());
        LanDiscovery lan = new LanDiscovery(true, "tcp-connect", "192.168.10.0/24", base.startedAt(), List.of(
                new LanDevice("192.168.10.20", "00:11:32:aa:bb:cc", "Synology", "nas",
                        List.of(new LanService("tcp", 3389, "rdp", null), new LanService("tcp", 443, "https", null)),
                        Map.of()),
                new LanDevice("192.168.10.30", "3c:2a:f4:00:11:22", "Brother", "printer",
                        List.of(new LanService("tcp", 631, "ipp", null)),
                        Map.of("version", "2c", "community", "public", "sysName", "imprimante-accueil",
                                "sysDescr", "Brother HL-L2350DW"))));
        Report withLan = new Report(base.schemaVersion(), base.reportId(), base.deviceId(), "poste-accueil",
                base.platform(), base.agentVersion(), base.catalogueVersion(), base.startedAt(), base.finishedAt(),
                base.facts(), base.findings(), lan);
        assertEquals(201, c.upload(d.deviceId() + "." + d.secret(), ConsoleFixture.json(withLan), false).statusCode());

        Resp org = web.get("/organisations/" + c.a1.id(), s);
        String body = org.body();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/organisation-lan.html"), body);
        assertTrue(body.contains("<h2 id=\"lan-h\">Réseau local</h2>"), body);
        assertTrue(body.contains("Découverte faite par le poste « poste-accueil » le 2 mars 2026 à 09:15 (réseau 192.168.10.0/24)."), body);
        assertTrue(body.contains("192.168.10.20") && body.contains("00:11:32:aa:bb:cc") && body.contains("Synology"), body);
        assertTrue(body.contains("3389/tcp · rdp"), body);
        assertTrue(body.contains("SNMP v2c · communauté « public » · imprimante-accueil · Brother HL-L2350DW"), body);
        // RDP open: the critical LAN finding, with its severity and title in French
        assertTrue(body.contains("<span class=\"badge sev-critical\">critique</span> <strong>Bureau à distance (RDP) accessible depuis le réseau</strong>"),
                body);
        assertTrue(body.contains("mot de passe d&#39;usine « public »") || body.contains("mot de passe d'usine « public »"), body);
        Resp en = web.get("/organisations/" + c.a1.id() + "?lang=en", s);
        assertTrue(en.body().contains("<h2 id=\"lan-h\">Local network</h2>"), en.body());
        assertTrue(en.body().contains("Discovery run by device \"poste-accueil\"") || en.body().contains("Discovery run by device &#34;poste-accueil&#34;")
                || en.body().contains("Discovery run by device &quot;poste-accueil&quot;"), en.body());
        assertTrue(en.body().contains("Remote Desktop"), en.body());

        // without a discovery, no section
        Resp other = web.get("/organisations/" + c.a2.id(), s);
        assertFalse(other.body().contains("id=\"lan-h\""));
    }
}
