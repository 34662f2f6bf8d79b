package io.vigie.agent.collect;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;
import io.vigie.checks.fact.FactKeys;
import io.vigie.checks.fact.Reason;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs collectors in parallel and always returns one fact per key of every collector: a collector that
 * throws yields ERROR facts ({@code collector_error}), one that runs past its timeout yields UNKNOWN facts
 * ({@code collector_timeout}); a fact a collector forgot is UNKNOWN ({@code not_collected}). The result is in
 * {@link FactKeys} order.
 */
public final class CollectionRunner {

    private final int threads;

    public CollectionRunner(int threads) {
        this.threads = Math.max(1, threads);
    }

    public CollectionRunner() {
        this(8);
    }

    /**
     * @param progress told the name of each collector as it finishes (may be called from several threads)
     */
    public Map<String, Fact<?>> run(List<Collector> collectors, CollectContext ctx, Consumer<String> progress) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "collector-" + n.incrementAndGet());
            t.setDaemon(true); // a hung collector must not keep the agent alive
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, collectors.size())), tf);
        try {
            List<Future<List<Fact<?>>>> futures = new ArrayList<>();
            for (Collector c : collectors) {
                futures.add(pool.submit(() -> {
                    try {
                        return c.collect(ctx);
                    } finally {
                        progress.accept(c.name());
                    }
                }));
            }
            long deadline = System.nanoTime() + ctx.config().collectorTimeout().toNanos();
            Map<String, Fact<?>> byKey = new LinkedHashMap<>();
            for (int i = 0; i < collectors.size(); i++) {
                Collector c = collectors.get(i);
                Future<List<Fact<?>>> f = futures.get(i);
                List<Fact<?>> facts;
                try {
                    long wait = Math.max(0, deadline - System.nanoTime());
                    facts = f.get(wait, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    f.cancel(true);
                    facts = fill(c, ctx.now(), k -> Fact.unknown(k, c.name(), ctx.now(),
                            Reason.of(Reason.COLLECTOR_TIMEOUT, c.name() + " ran longer than "
                                    + ctx.config().collectorTimeout().toSeconds() + " s")));
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    facts = fill(c, ctx.now(), k -> Fact.error(k, c.name(), ctx.now(),
                            Reason.of(Reason.COLLECTOR_ERROR, cause.getClass().getSimpleName()
                                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    facts = fill(c, ctx.now(), k -> Fact.unknown(k, c.name(), ctx.now(),
                            Reason.of(Reason.COLLECTOR_TIMEOUT, "interrupted")));
                }
                for (Fact<?> fact : facts == null ? List.<Fact<?>>of() : facts) {
                    byKey.put(fact.key(), fact);
                }
                for (FactKey<?> k : c.keys()) {
                    byKey.computeIfAbsent(k.name(), name -> Fact.unknown(k, c.name(), ctx.now(),
                            Reason.of(Reason.NOT_COLLECTED, c.name() + " returned no value")));
                }
            }
            return ordered(byKey);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Fact<?>> fill(Collector c, Instant at, java.util.function.Function<FactKey<?>, Fact<?>> make) {
        List<Fact<?>> out = new ArrayList<>();
        for (FactKey<?> k : c.keys()) {
            out.add(make.apply(k));
        }
        return out;
    }

    private static Map<String, Fact<?>> ordered(Map<String, Fact<?>> byKey) {
        Map<String, Fact<?>> out = new LinkedHashMap<>();
        for (FactKey<?> k : FactKeys.all()) {
            Fact<?> f = byKey.get(k.name());
            if (f != null) {
                out.put(k.name(), f);
            }
        }
        byKey.forEach(out::putIfAbsent);
        return out;
    }
}
