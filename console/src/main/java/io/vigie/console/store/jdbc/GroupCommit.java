package io.vigie.console.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: a caller queues its item in a lane; whoever holds the lane's lock writes every queued item with one
 * call of the {@link BatchWriter} (one transaction, so one fsync for up to {@value #MAX_BATCH} items) and hands each
 * caller its own result or failure. SQLite has one writer: one lane (and the batch's transaction still queues in the
 * {@link Jdbc} kernel's writer queue with every other write). PostgreSQL writes concurrently: a lane per two pooled
 * connections.
 *
 * @param <I> what a caller queues
 * @param <R> what it gets back
 */
final class GroupCommit<I, R> {

    static final int MAX_BATCH = 64;

    /** One item waiting for the next group commit, with its outcome once written. */
    static final class Pending<I, R> {
        final I item;
        volatile boolean done;
        R result;
        RuntimeException failure;

        Pending(I item) {
            this.item = item;
        }

        void succeed(R r) {
            result = r;
            failure = null;
        }

        void fail(RuntimeException e) {
            result = null;
            failure = e;
        }
    }

    /** Writes a batch, setting each pending item's outcome; a failure of one item must not fail the others. */
    @FunctionalInterface
    interface BatchWriter<I, R> {
        void write(List<Pending<I, R>> batch);
    }

    private static final class Lane<I, R> {
        final ConcurrentLinkedQueue<Pending<I, R>> queue = new ConcurrentLinkedQueue<>();
        final ReentrantLock leader = new ReentrantLock();
    }

    private final List<Lane<I, R>> lanes = new ArrayList<>();
    private final AtomicLong nextLane = new AtomicLong();
    private final BatchWriter<I, R> writer;

    GroupCommit(Database database, BatchWriter<I, R> writer) {
        int n = database.vendor() == Database.Vendor.SQLITE ? 1 : Math.max(1, database.poolSize() / 2);
        for (int i = 0; i < n; i++) {
            lanes.add(new Lane<>());
        }
        this.writer = writer;
    }

    /** Queues {@code item}, waits until it is written (by this thread or another) and returns its result. */
    R submit(I item) {
        Pending<I, R> mine = new Pending<>(item);
        Lane<I, R> lane = lanes.get((int) (nextLane.getAndIncrement() % lanes.size()));
        lane.queue.add(mine);
        lane.leader.lock();
        try {
            if (!mine.done) {
                List<Pending<I, R>> batch = new ArrayList<>();
                Pending<I, R> p;
                while (batch.size() < MAX_BATCH && (p = lane.queue.poll()) != null) {
                    batch.add(p);
                }
                if (!batch.contains(mine)) { // queued behind a full batch: take it too
                    lane.queue.remove(mine);
                    batch.add(mine);
                }
                writer.write(batch);
                for (Pending<I, R> q : batch) {
                    q.done = true;
                }
            }
        } finally {
            lane.leader.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }
}
