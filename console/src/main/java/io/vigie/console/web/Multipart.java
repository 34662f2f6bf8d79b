package io.vigie.console.web;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/form-data} body that {@link io.vigie.console.http.BodyReader} has already read within the
 * report limits, with Netty's decoder (already on the class path through Vert.x), in memory only: nothing is written
 * to disk. Text fields go to {@code form}, files to {@code files} (first value of a name wins). A malformed body
 * yields no fields, so the CSRF check refuses it.
 */
final class Multipart {

    private Multipart() {
    }

    static boolean is(String contentType) {
        return contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static void parse(Buffer body, String contentType, long maxBytes, Map<String, String> form, Map<String, byte[]> files) {
        if (body == null || body.length() == 0 || body.length() > maxBytes + 64 * 1024L) {
            return;
        }
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/",
                Unpooled.wrappedBuffer(body.getBytes()));
        request.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        DefaultHttpDataFactory factory = new DefaultHttpDataFactory(false, StandardCharsets.UTF_8);
        factory.setMaxLimit(maxBytes);
        HttpPostMultipartRequestDecoder decoder = null;
        try {
            decoder = new HttpPostMultipartRequestDecoder(factory, request, StandardCharsets.UTF_8);
            for (InterfaceHttpData d : decoder.getBodyHttpDatas()) {
                if (d instanceof FileUpload f) {
                    files.putIfAbsent(f.getName(), f.get());
                } else if (d instanceof Attribute a && a.length() <= 64 * 1024) {
                    form.putIfAbsent(a.getName(), a.getValue());
                }
            }
        } catch (IOException | RuntimeException e) {
            // malformed or oversized part: treated as an empty form
            form.clear();
            files.clear();
        } finally {
            if (decoder != null) {
                decoder.destroy();
            }
            request.release();
        }
    }
}
