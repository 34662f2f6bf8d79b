package io.vigie.console.services;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vigie.checks.text.Texts;
import io.vigie.console.config.ConsoleConfig;
import io.vigie.console.diagnostic.DiagnosticEvaluator;
import io.vigie.console.intake.ReportImport;
import io.vigie.console.intake.ReportUpload;
import io.vigie.console.intake.ReportValidator;
import io.vigie.console.judge.ConsoleJudge;
import io.vigie.console.store.Store;

import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.Callable;

/**
 * What a running console is made of, built once by the server and shared by every HTTP verticle: the API and the
 * web pages are adapters over it. Nothing here keeps state another console instance on the same database could
 * contradict: the stores read the database, and the one cache ({@link DiagnosticEvaluator}'s summaries of signed
 * diagnostics) is checked against a version the database computes on every read.
 *
 * <p>Store work runs on {@link #workers} (a pool sized like the connection pool), never on an event loop.
 *
 * @param texts the catalogue's texts, dates in {@link #ZONE}
 */
public record ConsoleServices(ConsoleConfig config, Store store, ConsoleJudge judge, Clock clock,
                              WorkerExecutor workers, MeterRegistry meters, ReportUpload uploads,
                              ReportImport imports, DiagnosticEvaluator evaluator, Texts texts) {

    /** The zone the console shows dates in. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    /** The services over {@code store}. */
    public static ConsoleServices create(ConsoleConfig config, Store store, ConsoleJudge judge, Clock clock,
                                         WorkerExecutor workers, MeterRegistry meters) {
        ReportValidator validator = new ReportValidator(config.limits().reportMaxFindings(),
                config.limits().reportMaxListeners(), config.limits().reportMaxLanHosts(),
                config.limits().reportMaxUnknownBytes());
        return new ConsoleServices(config, store, judge, clock, workers, meters,
                new ReportUpload(store, judge, validator, clock), new ReportImport(store, judge, validator, clock),
                new DiagnosticEvaluator(store, store.diagnostics()), Texts.of(judge.catalogue()).withZone(ZONE));
    }

    public <T> Future<T> blocking(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }
}
