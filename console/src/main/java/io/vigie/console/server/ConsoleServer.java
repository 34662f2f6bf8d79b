package io.vigie.console.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vigie.console.config.ConsoleConfig;
import io.vigie.console.judge.ConsoleJudge;
import io.vigie.console.http.BodyBudget;
import io.vigie.console.log.Logs;
import io.vigie.console.services.ConsoleServices;
import io.vigie.console.store.Store;
import io.vigie.console.store.jdbc.JdbcStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running console: Vert.x, its HTTP verticles, the store and the metrics registry. Starting blocks the caller
 * (never call it from an event loop). Instances keep nothing of their own: several may share one database.
 */
public final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger("io.vigie.console");
    private static final long RETENTION_EVERY_MS = TimeUnit.HOURS.toMillis(6);

    private final Vertx vertx;
    private final Store store;
    private final boolean ownsStore;
    private final WorkerExecutor workers;
    private final int port;
    private final ConsoleConfig config;
    private final List<HttpVerticle> verticles;

    private ConsoleServer(Vertx vertx, Store store, boolean ownsStore, WorkerExecutor workers, int port,
                          ConsoleConfig config, List<HttpVerticle> verticles) {
        this.verticles = verticles;
        this.vertx = vertx;
        this.store = store;
        this.ownsStore = ownsStore;
        this.workers = workers;
        this.port = port;
        this.config = config;
    }

    /** Opens the configured database and starts. */
    public static ConsoleServer start(ConsoleConfig config, Clock clock) {
        Store store = JdbcStore.open(config.effectiveDatabaseUrl(), config.databaseUser(), config.databasePassword(),
                config.databasePoolSize());
        try {
            return start(config, store, true, clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Starts on an open store; {@code ownsStore}: close it with the server. */
    public static ConsoleServer start(ConsoleConfig requested, Store store, boolean ownsStore, Clock clock) {
        // HTTPS with the operator's PEM files, plain HTTP on loopback only, else a self-signed certificate
        ConsoleConfig config = Tls.prepare(requested);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
                        .setJvmMetricsEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        try {
            WorkerExecutor workers = vertx.createSharedWorkerExecutor("vigie-store", Math.max(2, config.databasePoolSize()));
            // the composition root: one set of services for every HTTP verticle
            ConsoleServices services = ConsoleServices.create(config, store, ConsoleJudge.builtin(clock), clock, workers,
                    registry);
            String openApi = resource(HttpVerticle.OPENAPI);
            // one deployment of N instances: they share the listening socket, also a random port (0)
            List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
            BodyBudget bodies = new BodyBudget(config.limits().bodiesInFlightBytes());
            vertx.deployVerticle(() -> {
                HttpVerticle v = new HttpVerticle(services, registry, config.port(), openApi, bodies);
                verticles.add(v);
                return v;
            }, new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP)
                    .setInstances(Math.max(1, config.httpInstances()))).await();
            int port = verticles.get(0).actualPort();
            vertx.setPeriodic(60_000, RETENTION_EVERY_MS, id -> workers.executeBlocking(() -> {
                int n = store.reports().purgeReportsReceivedBefore(clock.instant().minus(config.limits().historyRetention()));
                if (n > 0) {
                    Logs.event(LOG, Level.INFO, "retention purge", Map.of("deletedReports", n));
                }
                return n;
            }, false));
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("port", port);
            f.put("tls", config.tls());
            if (config.tls()) {
                byte[] pin = Tls.publicKeySha256(config.tlsCert());
                f.put("tlsCertificate", config.tlsCert().toString());
                f.put("tlsPublicKeySha256Hex", Tls.hex(pin));
                f.put("tlsPublicKeySha256Base64", Tls.base64(pin));
            }
            f.put("database", store.vendor());
            f.put("catalogueVersion", services.judge().catalogueVersion());
            f.put("httpInstances", config.httpInstances());
            Logs.event(LOG, Level.INFO, "console started", f);
            return new ConsoleServer(vertx, store, ownsStore, workers, port, config, verticles);
        } catch (RuntimeException e) {
            vertx.close().await();
            throw e;
        }
    }

    static String resource(String path) {
        try (InputStream in = ConsoleServer.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Base URL on loopback (for tests and the local demo). */
    public String localUrl() {
        return (config.tls() ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /** Every route the HTTP router serves (the same on each event loop): tests enumerate them. */
    public List<io.vertx.ext.web.Route> routes() {
        return verticles.get(0).router().getRoutes();
    }

    public Store store() {
        return store;
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        try {
            workers.close().await();
            vertx.close().await();
        } finally {
            if (ownsStore) {
                store.close();
            }
        }
    }
}
