package io.vigie.agent.collect;

import io.vigie.checks.fact.Fact;
import io.vigie.checks.fact.FactKey;

import java.util.List;

/**
 * Produces one or more facts from one data source. A collector never changes the machine. It returns a
 * fact for each of its {@link #keys()}, with UNKNOWN (and a reason) for what it could not read; if it throws
 * or hangs, the {@link CollectionRunner} fills its keys with ERROR or UNKNOWN so the run goes on.
 */
public interface Collector {

    /** Short name for progress and logs ("apt", "sshd"). */
    String name();

    /** The facts this collector is responsible for. */
    List<FactKey<?>> keys();

    List<Fact<?>> collect(CollectContext context) throws Exception;
}
