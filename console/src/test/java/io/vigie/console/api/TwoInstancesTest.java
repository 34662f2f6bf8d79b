package io.vigie.console.api;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vigie.console.SampleReports;
import io.vigie.console.TestDatabases;
import io.vigie.console.TestDatabases.Backend;
import io.vigie.console.TestDatabases.TestDb;
import io.vigie.console.server.ConsoleServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two console instances on one PostgreSQL database: a code created on one enrolls on the other, a report
 * uploaded on one is read on both, and throttling counters are shared.
 */
@ExtendWith(VertxExtension.class)
class TwoInstancesTest {

    @TempDir
    Path tmp;

    @Test
    void instancesShareEverythingThroughTheDatabase(Vertx vertx) {
        try (TestDb db = TestDatabases.create(Backend.POSTGRESQL, tmp);
             ConsoleFixture one = new ConsoleFixture(vertx, db.url(), tmp);
             ConsoleServer two = ConsoleServer.start(ConsoleFixture.config(db.url(), tmp), one.clock)) {
            WebClient http = WebClient.create(vertx);
            String base2 = two.localUrl();
            String code = one.code(one.tokenA, one.a1);
            UUID deviceId = UUID.randomUUID();
            HttpResponse<Buffer> enrolled = http.postAbs(base2 + "/api/v1/enroll").putHeader("Content-Type", "application/json")
                    .sendBuffer(new JsonObject().put("code", code).put("deviceId", deviceId.toString()).toBuffer()).await();
            assertEquals(201, enrolled.statusCode(), enrolled.bodyAsString());
            String cred = enrolled.bodyAsJsonObject().getString("credential");

            UUID reportId = UUID.randomUUID();
            HttpResponse<Buffer> up = one.upload(cred, ConsoleFixture.json(SampleReports.report(deviceId, reportId)), true);
            assertEquals(201, up.statusCode(), up.bodyAsString());
            // the same report sent again to the other instance: already stored
            HttpResponse<Buffer> again = http.postAbs(base2 + "/api/v1/reports").putHeader("Authorization", "Bearer " + cred)
                    .putHeader("Content-Type", "application/json")
                    .sendBuffer(Buffer.buffer(ConsoleFixture.json(SampleReports.report(deviceId, reportId)))).await();
            assertEquals(200, again.statusCode(), again.bodyAsString());

            for (String base : new String[] {one.server.localUrl(), base2}) {
                HttpResponse<Buffer> r = http.getAbs(base + "/api/v1/reports/" + reportId)
                        .putHeader("Authorization", "Bearer " + one.tokenViewerA1).send().await();
                assertEquals(200, r.statusCode(), r.bodyAsString());
                assertEquals(reportId.toString(), r.bodyAsJsonObject().getJsonObject("summary").getString("id"));
            }
            // a code used on one instance is used on the other
            HttpResponse<Buffer> reuse = one.postJson("/api/v1/enroll", null,
                    new JsonObject().put("code", code).put("deviceId", UUID.randomUUID().toString()));
            assertEquals(410, reuse.statusCode());
            // login throttling is counted across instances
            JsonObject wrong = new JsonObject().put("email", "admin@beta.example").put("password", "wrong password!");
            for (int i = 0; i < 10; i++) {
                String base = i % 2 == 0 ? one.server.localUrl() : base2;
                assertEquals(401, http.postAbs(base + "/api/v1/tokens").putHeader("Content-Type", "application/json")
                        .sendBuffer(wrong.toBuffer()).await().statusCode());
            }
            assertEquals(429, one.postJson("/api/v1/tokens", null, wrong).statusCode());
            http.close();
        }
    }
}
