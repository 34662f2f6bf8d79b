package io.vigie.console.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * One JSON object per line: {@code ts}, {@code level}, {@code logger}, {@code msg}, the fields of a {@link Map}
 * passed as the record's single parameter (see {@link Logs#event}), and {@code error} with the stack trace.
 */
public final class JsonLineFormatter extends Formatter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String format(LogRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("ts", r.getInstant().toString());
        o.put("level", level(r.getLevel()));
        o.put("logger", r.getLoggerName());
        Object[] params = r.getParameters();
        boolean fields = params != null && params.length == 1 && params[0] instanceof Map<?, ?>;
        o.put("msg", fields ? r.getMessage() : formatMessage(r));
        if (fields) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) params[0]).entrySet()) {
                o.set(String.valueOf(e.getKey()), MAPPER.valueToTree(e.getValue()));
            }
        }
        if (r.getThrown() != null) {
            StringWriter sw = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(sw));
            o.put("error", sw.toString());
        }
        try {
            return MAPPER.writeValueAsString(o) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            return "{\"level\":\"ERROR\",\"msg\":\"unloggable record\"}" + System.lineSeparator();
        }
    }

    static String level(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (v >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }
}
