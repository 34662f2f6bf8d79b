package io.vigie.agent.collect.macos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigie.agent.collect.CollectContext;
import io.vigie.agent.exec.CommandResult;
import io.vigie.checks.fact.Reason;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Property lists, read with {@code plutil -convert xml1 -o - FILE} and turned into a Jackson tree.
 *
 * <p>Why XML and not {@code plutil -convert json}: JSON has no date or data type, and plutil refuses to
 * convert a property list holding a {@code <date>} or {@code <data>} ("invalid object in plist for destination
 * format"). InstallHistory.plist and com.apple.TimeMachine.plist hold dates, so the one reliable route is XML,
 * which plutil writes for any property list (binary or XML). Dates become ISO-8601 strings, data becomes its
 * base64 text, integers and reals numbers, booleans booleans (plist(5)).
 */
final class Plist {

    /** How reading one property list went. */
    enum State { OK, ABSENT, DENIED, FAILED }

    /** @param root the parsed tree when {@code OK}; {@code reason} says why otherwise */
    record Read(String path, State state, JsonNode root, Reason reason) {
        boolean ok() {
            return state == State.OK;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Plist() {
    }

    /** Reads {@code path} through plutil. */
    static Read read(CollectContext ctx, String path) {
        CommandResult r = Probe.run(ctx, "plutil", "-convert", "xml1", "-o", "-", path);
        return classify(path, r);
    }

    static Read classify(String path, CommandResult r) {
        if (r.ok()) {
            try {
                return new Read(path, State.OK, parseXml(r.stdout()), Reason.of(Reason.COLLECTED));
            } catch (IllegalArgumentException e) {
                return new Read(path, State.FAILED, null, Reason.of(Reason.UNPARSABLE_OUTPUT, path + ": " + e.getMessage()));
            }
        }
        if (r.notFound() || r.timedOut()) {
            return new Read(path, State.FAILED, null, Probe.failure(r));
        }
        String text = Probe.both(r);
        String lower = text.toLowerCase(Locale.ROOT);
        // Foundation error codes: 260 = NSFileReadNoSuchFileError, 257 = NSFileReadNoPermissionError.
        if (lower.contains("code=260") || lower.contains("no such file")) {
            return new Read(path, State.ABSENT, null, Reason.of(Reason.NOT_INSTALLED, path + " does not exist"));
        }
        if (lower.contains("code=257") || Probe.privilegeDenied(text) || lower.contains("don’t have permission")
                || lower.contains("don't have permission")) {
            return new Read(path, State.DENIED, null, Reason.of(Reason.NEEDS_ADMIN, Probe.FDA_HINT + ": " + r.describe()));
        }
        return new Read(path, State.FAILED, null, Probe.failure(r));
    }

    /** Parses an XML property list (plist(5)) into a Jackson tree. */
    static JsonNode parseXml(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new IllegalArgumentException("empty property list");
        }
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // a plist names Apple's DTD by URL: never fetch it, never expand entities
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            doc = b.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not an XML property list: " + e.getMessage(), e);
        }
        Element plist = doc.getDocumentElement();
        if (!"plist".equals(plist.getTagName())) {
            throw new IllegalArgumentException("root element is <" + plist.getTagName() + ">, not <plist>");
        }
        List<Element> kids = elements(plist);
        if (kids.size() != 1) {
            throw new IllegalArgumentException("<plist> must hold exactly one value");
        }
        return value(kids.get(0));
    }

    private static JsonNode value(Element e) {
        String text = e.getTextContent() == null ? "" : e.getTextContent();
        switch (e.getTagName()) {
            case "dict": {
                ObjectNode o = NODES.objectNode();
                List<Element> kids = elements(e);
                if (kids.size() % 2 != 0) {
                    throw new IllegalArgumentException("<dict> with an odd number of children");
                }
                for (int i = 0; i < kids.size(); i += 2) {
                    Element k = kids.get(i);
                    if (!"key".equals(k.getTagName())) {
                        throw new IllegalArgumentException("<dict> child <" + k.getTagName() + "> where <key> expected");
                    }
                    o.set(k.getTextContent(), value(kids.get(i + 1)));
                }
                return o;
            }
            case "array": {
                ArrayNode a = NODES.arrayNode();
                for (Element k : elements(e)) {
                    a.add(value(k));
                }
                return a;
            }
            case "string":
                return NODES.textNode(text);
            case "integer":
                try {
                    return NODES.numberNode(Long.parseLong(text.strip()));
                } catch (NumberFormatException ex) {
                    return NODES.numberNode(bigInteger(text.strip()));
                }
            case "real":
                try {
                    return NODES.numberNode(Double.parseDouble(text.strip()));
                } catch (NumberFormatException bad) {
                    throw new IllegalArgumentException("<real> is not a number: " + text.strip(), bad);
                }
            case "true":
                return NODES.booleanNode(true);
            case "false":
                return NODES.booleanNode(false);
            case "date":
                try {
                    return NODES.textNode(Instant.parse(text.strip()).toString());
                } catch (java.time.format.DateTimeParseException bad) {
                    // a <date> that is no date is a damaged plist, refused as any other (found by fuzzing)
                    throw new IllegalArgumentException("<date> is not an ISO 8601 instant: " + text.strip(), bad);
                }
            case "data":
                return NODES.textNode(text.replaceAll("\\s", ""));
            default:
                throw new IllegalArgumentException("unknown plist element <" + e.getTagName() + ">");
        }
    }

    private static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                out.add(el);
            }
        }
        return out;
    }

    // ----- small typed accessors over the tree -----

    /** A boolean setting: plist booleans, or the integers 0/1 that {@code defaults write -int} leaves. */
    static Optional<Boolean> bool(JsonNode dict, String key) {
        if (dict == null) {
            return Optional.empty();
        }
        JsonNode n = dict.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (n.isBoolean()) {
            return Optional.of(n.booleanValue());
        }
        if (n.isIntegralNumber()) {
            return Optional.of(n.longValue() != 0);
        }
        if (n.isTextual()) {
            String t = n.textValue().strip().toLowerCase(Locale.ROOT);
            if (t.equals("1") || t.equals("yes") || t.equals("true")) {
                return Optional.of(true);
            }
            if (t.equals("0") || t.equals("no") || t.equals("false")) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }

    static Optional<String> string(JsonNode dict, String key) {
        if (dict == null) {
            return Optional.empty();
        }
        JsonNode n = dict.get(key);
        return n == null || !n.isValueNode() || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    private static java.math.BigInteger bigInteger(String text) {
        try {
            return new java.math.BigInteger(text);
        } catch (NumberFormatException bad) {
            throw new IllegalArgumentException("<integer> is not a number: " + text, bad);
        }
    }

    static Optional<Instant> instant(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(n.textValue()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
