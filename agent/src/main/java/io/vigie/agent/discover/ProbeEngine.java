package io.vigie.agent.discover;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * TCP connect probes on one selector thread: non-blocking connects, at most {@code maxInFlight} at once,
 * a global and a per-host token bucket, hosts served in turn, a deadline per connect and per banner read.
 * A connect that completes is OPEN (the connection is then read for a greeting when the port's protocol
 * offers one, and closed with a reset: nothing is ever written); refused is CLOSED; no answer in time or
 * unreachable is FILTERED.
 */
final class ProbeEngine implements AutoCloseable {

    enum State { OPEN, CLOSED, FILTERED }

    /** Results, from the engine thread. A listener may {@link #submit} more probes. */
    interface Listener {
        void result(int host, PortCatalogue.Port port, State state, String banner);
    }

    record Settings(int maxInFlight, long connectTimeoutNanos, long bannerTimeoutNanos, double globalRate,
                    double hostRate) {
    }

    private static final int BANNER_BYTES = 512;

    private final Settings settings;
    private final Listener listener;
    private final Selector selector;
    private final Queue<Object[]> inbox = new ConcurrentLinkedQueue<>();
    private final Map<Integer, ArrayDeque<PortCatalogue.Port>> pending = new HashMap<>();
    private final ArrayDeque<Integer> rotation = new ArrayDeque<>();
    private final Map<Integer, RateLimiter> hostLimiters = new HashMap<>();
    private final RateLimiter global;
    private final Set<Probe> inFlight = new HashSet<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private Thread thread;
    private long probes;

    private static final class Probe {
        final int host;
        final PortCatalogue.Port port;
        final SocketChannel channel;
        long deadline;
        boolean reading;
        ByteBuffer buffer;

        Probe(int host, PortCatalogue.Port port, SocketChannel channel) {
            this.host = host;
            this.port = port;
            this.channel = channel;
        }
    }

    ProbeEngine(Settings settings, Listener listener) throws IOException {
        this.settings = settings;
        this.listener = listener;
        this.selector = Selector.open();
        this.global = RateLimiter.system(settings.globalRate(), Math.max(1, Math.min(64, (int) settings.globalRate() / 20)));
    }

    void start() {
        thread = new Thread(this::run, "vigie-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues probes of {@code ports} on {@code host}. Thread-safe. */
    void submit(int host, List<PortCatalogue.Port> ports) {
        if (!ports.isEmpty()) {
            inbox.add(new Object[]{host, List.copyOf(ports)});
            selector.wakeup();
        }
    }

    /** No more submissions will come from outside (listeners may still submit). */
    void closeSubmissions() {
        closed = true;
        selector.wakeup();
    }

    /** Waits until every queued probe has a result. */
    boolean await(long timeoutMillis) throws InterruptedException {
        boolean ok = done.await(timeoutMillis, TimeUnit.MILLISECONDS);
        if (failure != null) {
            throw new IllegalStateException("probe engine failed", failure);
        }
        return ok;
    }

    long probesSent() {
        return probes;
    }

    @SuppressWarnings("unchecked")
    private void drainInbox() {
        Object[] job;
        while ((job = inbox.poll()) != null) {
            int host = (Integer) job[0];
            ArrayDeque<PortCatalogue.Port> q = pending.get(host);
            if (q == null) {
                q = new ArrayDeque<>();
                pending.put(host, q);
                rotation.add(host);
            }
            q.addAll((List<PortCatalogue.Port>) job[1]);
        }
    }

    private void run() {
        try {
            while (!stopped) {
                drainInbox();
                startProbes();
                if (closed && inbox.isEmpty() && pending.isEmpty() && inFlight.isEmpty()) {
                    break;
                }
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                for (Probe p : inFlight) {
                    wait = Math.min(wait, p.deadline - now);
                }
                if (!rotation.isEmpty() && inFlight.size() < settings.maxInFlight()) {
                    wait = Math.min(wait, Math.max(global.nanosUntilAvailable(), 200_000L));
                }
                if (wait == Long.MAX_VALUE) {
                    selector.select(50);
                } else if (wait <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait + 999_999)));
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                expire();
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            for (Probe p : List.copyOf(inFlight)) {
                closeQuietly(p);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            done.countDown();
        }
    }

    private void startProbes() throws IOException {
        int skipped = 0;
        while (!rotation.isEmpty() && inFlight.size() < settings.maxInFlight() && skipped < rotation.size()) {
            if (!global.available()) {
                return;
            }
            int host = rotation.poll();
            RateLimiter hl = hostLimiters.computeIfAbsent(host,
                    h -> RateLimiter.system(settings.hostRate(), Math.max(1, Math.min(16, (int) settings.hostRate() / 10))));
            if (!hl.tryAcquire()) {
                rotation.add(host);
                skipped++;
                continue;
            }
            skipped = 0;
            global.tryAcquire();
            ArrayDeque<PortCatalogue.Port> q = pending.get(host);
            PortCatalogue.Port port = q.poll();
            if (q.isEmpty()) {
                pending.remove(host);
            } else {
                rotation.add(host);
            }
            connect(host, port);
        }
    }

    private void connect(int host, PortCatalogue.Port port) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.SO_LINGER, 0);
        Probe p = new Probe(host, port, ch);
        p.deadline = System.nanoTime() + settings.connectTimeoutNanos();
        probes++;
        try {
            if (ch.connect(new InetSocketAddress(Cidr.toAddress(host), port.port()))) {
                connected(p, null);
            } else {
                inFlight.add(p);
                ch.register(selector, SelectionKey.OP_CONNECT, p);
            }
        } catch (ConnectException e) {
            finish(p, State.CLOSED, null);
        } catch (IOException e) {
            finish(p, State.FILTERED, null);
        }
    }

    private void connected(Probe p, SelectionKey key) throws IOException {
        if (p.port.banner() == null) {
            finish(p, State.OPEN, null);
            return;
        }
        p.reading = true;
        p.buffer = ByteBuffer.allocate(BANNER_BYTES);
        p.deadline = System.nanoTime() + settings.bannerTimeoutNanos();
        inFlight.add(p);
        if (key == null) {
            p.channel.register(selector, SelectionKey.OP_READ, p);
        } else {
            key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void handle(SelectionKey key) {
        Probe p = (Probe) key.attachment();
        if (!key.isValid()) {
            return;
        }
        try {
            if (key.isConnectable()) {
                if (p.channel.finishConnect()) {
                    connected(p, key);
                }
            } else if (key.isReadable()) {
                int n = p.channel.read(p.buffer);
                if (n < 0 || !p.buffer.hasRemaining()
                        || Banners.complete(p.port.banner(), p.buffer.array(), p.buffer.position())) {
                    finish(p, State.OPEN, banner(p));
                }
            }
        } catch (ConnectException e) {
            finish(p, State.CLOSED, null);
        } catch (IOException e) {
            finish(p, p.reading ? State.OPEN : State.FILTERED, p.reading ? banner(p) : null);
        }
    }

    private static String banner(Probe p) {
        return Banners.parse(p.port.banner(), p.buffer.array(), p.buffer.position());
    }

    private void expire() {
        long now = System.nanoTime();
        List<Probe> late = new ArrayList<>();
        for (Probe p : inFlight) {
            if (p.deadline - now <= 0) {
                late.add(p);
            }
        }
        for (Probe p : late) {
            finish(p, p.reading ? State.OPEN : State.FILTERED, p.reading ? banner(p) : null);
        }
    }

    private void finish(Probe p, State state, String banner) {
        inFlight.remove(p);
        closeQuietly(p);
        listener.result(p.host, p.port, state, banner);
    }

    private static void closeQuietly(Probe p) {
        try {
            p.channel.close();
        } catch (IOException ignored) {
            // closing a probe socket cannot fail in a way that matters
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        selector.wakeup();
        if (thread != null) {
            thread.join(2000);
        }
    }
}
