package io.vigie.console.http;

import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads a request body within limits, before anything parses it: at most {@code maxWire} bytes as sent (refused
 * as soon as the declared length or the bytes received pass it) and, for {@code Content-Encoding: gzip}, at most
 * {@code maxDecoded} bytes once inflated — inflation runs on a worker in blocks and stops at the first block past
 * the limit, so a compression bomb never expands in memory. The decoded body is left under {@link #BODY}.
 */
public final class BodyReader implements Handler<RoutingContext> {

    public static final String BODY = "vigie.body";
    private static final int BLOCK = 64 * 1024;

    private final long maxCompressed;
    private final long maxDecoded;
    private final WorkerExecutor workers;

    public BodyReader(long maxCompressed, long maxDecoded, WorkerExecutor workers) {
        this.maxCompressed = maxCompressed;
        this.maxDecoded = maxDecoded;
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
        long wireLimit = gzip ? maxCompressed : maxDecoded;
        String declared = req.getHeader("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > wireLimit) {
                    refuse(rc, tooLarge(gzip, wireLimit));
                    return;
                }
            } catch (NumberFormatException e) {
                refuse(rc, new ApiException(400, "bad_content_length", "Content-Length is not a number"));
                return;
            }
        }
        Buffer body = Buffer.buffer();
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
            workers.executeBlocking(() -> Buffer.buffer(gunzip(body.getBytes(), maxDecoded)), false)
                    .onSuccess(decoded -> {
                        rc.put(BODY, decoded);
                        rc.next();
                    })
                    .onFailure(rc::fail);
        });
        req.resume();
    }

    private static ApiException tooLarge(boolean gzip, long limit) {
        return new ApiException(413, "body_too_large", (gzip ? "the compressed body exceeds " : "the body exceeds ")
                + limit + " bytes");
    }

    /** Refuses and closes the connection: the client may still be sending a large body. */
    private static void refuse(RoutingContext rc, ApiException e) {
        rc.response().putHeader("Connection", "close");
        rc.fail(e);
    }

    /** Inflates in blocks; fails as soon as the output passes {@code max}. */
    static byte[] gunzip(byte[] compressed, long max) {
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
                out.write(block, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new ApiException(400, "bad_gzip", "the body is not valid gzip: " + e.getMessage());
        }
    }
}
