package io.vigie.console.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Reads a request body within limits, before anything parses it. First the route's {@link Policy} is decided — for a
 * route that needs a credential, after checking that credential, so an unknown sender is refused before one byte of
 * its body is read. Then at most the policy's bytes as sent (refused as soon as the declared length or the bytes
 * received pass it) and, for {@code Content-Encoding: gzip}, at most {@code maxDecoded} bytes once inflated, and no
 * more than {@code inflateMaxRatio} times the compressed size past 1 MB — inflation runs on a worker in blocks and
 * stops at the first block past a limit, so a compression bomb never expands in memory. Every byte held (received or
 * inflated) is taken from the console's {@link BodyBudget} first; past it the request is answered 503 with
 * {@code Retry-After}. The decoded body is left under {@link #BODY}.
 */
public final class BodyReader implements Handler<RoutingContext> {

    public static final String BODY = "vigie.body";
    /** Seconds a client is asked to wait when the body budget is spent. */
    public static final int RETRY_AFTER_SECONDS = 5;
    private static final int BLOCK = 64 * 1024;
    /** Below this many inflated bytes the ratio is not checked (small bodies compress very well). */
    private static final long RATIO_FLOOR = 1024 * 1024;

    /**
     * How one request's body is read.
     *
     * @param maxCompressed largest gzip body as sent
     * @param maxDecoded    largest body once inflated, and largest uncompressed body
     */
    public record Policy(long maxCompressed, long maxDecoded) {
    }

    private final Function<RoutingContext, Future<Policy>> policies;
    private final BodyBudget budget;
    private final int inflateMaxRatio;
    private final WorkerExecutor workers;

    /**
     * @param policies the policy of a request; a failed future (a credential refused) is the request's answer, sent
     *                 before its body is read
     */
    public BodyReader(Function<RoutingContext, Future<Policy>> policies, BodyBudget budget, int inflateMaxRatio,
                      WorkerExecutor workers) {
        this.policies = policies;
        this.budget = budget;
        this.inflateMaxRatio = inflateMaxRatio;
        this.workers = workers;
    }

    @Override
    public void handle(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        HttpMethod m = req.method();
        if (m != HttpMethod.POST && m != HttpMethod.PUT && m != HttpMethod.PATCH) {
            rc.next();
            return;
        }
        String enc = req.getHeader("Content-Encoding");
        enc = enc == null ? "identity" : enc.trim().toLowerCase(Locale.ROOT);
        boolean gzip;
        if (enc.equals("gzip") || enc.equals("x-gzip")) {
            gzip = true;
        } else if (enc.equals("identity") || enc.isEmpty()) {
            gzip = false;
        } else {
            refuse(rc, new ApiException(415, "unsupported_encoding", "Content-Encoding '" + enc + "' is not supported (use gzip)"));
            return;
        }
        long declaredLength = -1;
        String declared = req.getHeader("Content-Length");
        if (declared != null) {
            try {
                declaredLength = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                refuse(rc, new ApiException(400, "bad_content_length", "Content-Length is not a number"));
                return;
            }
        }
        long length = declaredLength;
        // nothing of the body is read until the policy is known (its credential checked): hold it in the socket
        req.pause();
        Future<Policy> policy;
        try {
            policy = policies.apply(rc);
        } catch (RuntimeException e) {
            policy = Future.failedFuture(e);
        }
        policy.onSuccess(p -> read(rc, p, gzip, length)).onFailure(t -> refuse(rc, t));
    }

    private void read(RoutingContext rc, Policy p, boolean gzip, long declaredLength) {
        HttpServerRequest req = rc.request();
        long wireLimit = gzip ? p.maxCompressed() : p.maxDecoded();
        if (declaredLength > wireLimit) {
            refuse(rc, tooLarge(gzip, wireLimit));
            return;
        }
        AtomicLong held = new AtomicLong();
        rc.addEndHandler(v -> budget.give(held.getAndSet(0)));
        if (declaredLength > 0 && !hold(held, declaredLength)) {
            busy(rc);
            return;
        }
        Buffer body = Buffer.buffer((int) Math.max(0, Math.min(declaredLength, wireLimit)));
        boolean[] failed = {false};
        req.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > wireLimit) {
                failed[0] = true;
                refuse(rc, tooLarge(gzip, wireLimit));
                return;
            }
            if (body.length() + (long) chunk.length() > held.get() && !hold(held, chunk.length())) {
                failed[0] = true;
                busy(rc);
                return;
            }
            body.appendBuffer(chunk);
        });
        req.exceptionHandler(t -> {
            if (!failed[0]) {
                failed[0] = true;
                rc.fail(t);
            }
        });
        req.endHandler(v -> {
            if (failed[0]) {
                return;
            }
            if (!gzip) {
                rc.put(BODY, body);
                rc.next();
                return;
            }
            workers.executeBlocking(() -> Buffer.buffer(gunzip(body.getBytes(), p.maxDecoded(), inflateMaxRatio,
                            n -> hold(held, n))), false)
                    .onSuccess(decoded -> {
                        rc.put(BODY, decoded);
                        rc.next();
                    })
                    .onFailure(t -> refuse(rc, t));
        });
        req.resume();
    }

    private boolean hold(AtomicLong held, long n) {
        if (!budget.take(n)) {
            return false;
        }
        held.addAndGet(n);
        return true;
    }

    private static ApiException tooLarge(boolean gzip, long limit) {
        return new ApiException(413, "body_too_large", (gzip ? "the compressed body exceeds " : "the body exceeds ")
                + limit + " bytes");
    }

    private static ApiException busyError() {
        return new ApiException(503, "busy", "the console is receiving too many bodies at once; retry after "
                + RETRY_AFTER_SECONDS + " s");
    }

    private static void busy(RoutingContext rc) {
        rc.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        refuse(rc, busyError());
    }

    /** Refuses and closes the connection: the client may still be sending a large body. */
    private static void refuse(RoutingContext rc, Throwable e) {
        if (e instanceof ApiException api && api.status() == 503) {
            rc.response().putHeader("Retry-After", String.valueOf(RETRY_AFTER_SECONDS));
        }
        HttpServerRequest req = rc.request();
        rc.response().putHeader("Connection", "close");
        // HTTP/1.x: the connection closes once the answer is written. HTTP/2: only this stream ends; what the client
        // still sends is read and dropped (flow control would otherwise stall the client before it reads the answer)
        if (req.version() != HttpVersion.HTTP_2) {
            lingerThenClose(rc, req);
        }
        rc.fail(e);
        req.resume();
    }

    /** How long, and how many bytes, a refused HTTP/1 body is read and dropped before the connection closes. */
    static final long LINGER_MILLIS = 2_000;
    static final long LINGER_MAX_BYTES = 32L * 1024 * 1024;

    /**
     * A lingering close, as web servers do: closing at once while the client still sends makes the kernel reset the
     * connection, and the client loses the answer it has not read yet. So what the client still sends is read and
     * dropped (nothing is kept: memory stays bounded), and the connection closes when the body ends, after
     * {@link #LINGER_MILLIS} or past {@link #LINGER_MAX_BYTES}, whichever comes first.
     */
    private static void lingerThenClose(RoutingContext rc, HttpServerRequest req) {
        AtomicLong dropped = new AtomicLong();
        Runnable close = () -> req.connection().close();
        if (!req.isEnded()) {
            req.handler(b -> {
                if (dropped.addAndGet(b.length()) > LINGER_MAX_BYTES) {
                    close.run();
                }
            });
            req.endHandler(v -> {
                if (rc.response().ended()) {
                    close.run();
                }
            });
        }
        rc.response().endHandler(v -> {
            if (req.isEnded()) {
                close.run();
            } else {
                rc.vertx().setTimer(LINGER_MILLIS, t -> close.run());
            }
        });
    }

    /** Takes bytes of the budget; false when they do not fit. */
    @FunctionalInterface
    interface Hold {
        boolean take(long n);
    }

    static byte[] gunzip(byte[] compressed, long max) {
        return gunzip(compressed, max, Integer.MAX_VALUE, n -> true);
    }

    /**
     * Inflates in blocks; fails as soon as the output passes {@code max}, or passes 1 MB and {@code maxRatio} times
     * the compressed size, or a block does not fit in the budget.
     */
    static byte[] gunzip(byte[] compressed, long max, int maxRatio, Hold hold) {
        long ratioLimit = Math.max(RATIO_FLOOR, (long) compressed.length * maxRatio);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), BLOCK)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, compressed.length * 8L + 1024));
            byte[] block = new byte[BLOCK];
            long total = 0;
            int n;
            while ((n = in.read(block)) > 0) {
                total += n;
                if (total > max) {
                    throw new ApiException(413, "decompressed_too_large",
                            "the body exceeds " + max + " bytes once decompressed");
                }
                if (total > ratioLimit) {
                    throw new ApiException(413, "decompressed_too_large",
                            "the body inflates more than " + maxRatio + " times its compressed size");
                }
                // the inflated copy is held twice at its end (the stream's array, then the body's): count it twice
                if (!hold.take(2L * n)) {
                    throw busyError();
                }
                out.write(block, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ApiException(400, "bad_gzip", "the body is not valid gzip: " + e.getMessage());
        }
    }
}
