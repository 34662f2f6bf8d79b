package io.vigie.agent.cli;

import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.collect.Collector;
import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;

import java.io.PrintStream;
import java.util.List;

/**
 * With {@code VIGIE_TIMINGS=1} in the environment, prints how long each collector took on standard error:
 * the figure docs/performance.md uses to say what dominates a check.
 */
final class Timed implements Collector {

    private final Collector inner;
    private final PrintStream err;

    private Timed(Collector inner, PrintStream err) {
        this.inner = inner;
        this.err = err;
    }

    static Collector wrap(Collector c, PrintStream err) {
        return new Timed(c, err);
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public List<FactKey<?>> keys() {
        return inner.keys();
    }

    @Override
    public List<Fact<?>> collect(CollectContext context) throws Exception {
        long start = System.nanoTime();
        try {
            return inner.collect(context);
        } finally {
            long ms = (System.nanoTime() - start) / 1_000_000;
            synchronized (err) {
                err.printf("timing %-16s %5d ms%n", inner.name(), ms);
            }
        }
    }
}
