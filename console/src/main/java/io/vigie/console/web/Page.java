package io.vigie.console.web;

import io.vertx.core.http.Cookie;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a page handler answers: a template to render (with its parameters) or a redirect; cookies to set. */
public final class Page {

    final int status;
    final String template;
    final String title;
    final String section;
    final Map<String, Object> params = new LinkedHashMap<>();
    final String redirect;
    final List<Cookie> cookies = new ArrayList<>();
    /** Where the language link leads (a page that answers GET); null: the request's own path. */
    String langPath;
    /** A body sent as is instead of a template (a download, the report page), with its type and headers. */
    byte[] body;
    String contentType;
    final Map<String, String> headers = new LinkedHashMap<>();

    private Page(int status, String template, String title, String section, String redirect) {
        this.status = status;
        this.template = template;
        this.title = title;
        this.section = section;
        this.redirect = redirect;
    }

    /** Renders {@code <name>.jte}; {@code title} is a text key, {@code section} the navigation entry to mark. */
    public static Page of(String name, String titleKey, String section) {
        return new Page(200, name + ".jte", titleKey, section, null);
    }

    /** 303 See Other to {@code location} (after a form post, or to the login page). */
    public static Page redirect(String location) {
        return new Page(303, null, null, null, location);
    }

    /** Sends {@code body} as is with this Content-Type (rendered on a worker by the handler). */
    public static Page raw(String contentType, byte[] body) {
        Page p = new Page(200, null, null, null, null);
        p.contentType = contentType;
        p.body = body;
        return p;
    }

    /** A response header (raw bodies only: a download's name, the report page's own policy). */
    public Page header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Page status(int s) {
        Page p = new Page(s, template, title, section, redirect);
        p.params.putAll(params);
        p.cookies.addAll(cookies);
        p.langPath = langPath;
        p.body = body;
        p.contentType = contentType;
        p.headers.putAll(headers);
        return p;
    }

    public Page with(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** The GET page the language link should reload (for pages answering a form post). */
    public Page langPath(String path) {
        this.langPath = path;
        return this;
    }

    public Page cookie(Cookie c) {
        cookies.add(c);
        return this;
    }
}
