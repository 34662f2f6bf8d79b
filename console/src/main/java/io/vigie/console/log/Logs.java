package io.vigie.console.log;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Structured logging on java.util.logging (Vert.x, Hikari and Flyway reach it through their SLF4J/JUL bridges):
 * JSON lines on standard output.
 */
public final class Logs {

    /** Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger HIKARI = Logger.getLogger("com.zaxxer.hikari");
    private static final Logger FLYWAY = Logger.getLogger("org.flywaydb");
    /** Vert.x registers some HTTP gauges twice; Micrometer warns once per gauge (harmless, see stack.md). */
    private static final Logger MICROMETER = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

    private Logs() {
    }

    /** Replaces the root handlers with one writing JSON lines to {@code out}. */
    public static void install(OutputStream out, Level level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler h = new StreamHandler(out instanceof PrintStream ps ? ps : new PrintStream(out, true), new JsonLineFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        h.setLevel(level);
        root.addHandler(h);
        root.setLevel(level);
        // Hikari and Flyway are chatty at INFO during start-up; keep their warnings
        HIKARI.setLevel(Level.WARNING);
        FLYWAY.setLevel(Level.WARNING);
        MICROMETER.setLevel(Level.SEVERE);
    }

    /** Logs {@code msg} with structured {@code fields}. */
    public static void event(Logger log, Level level, String msg, Map<String, ?> fields) {
        if (!log.isLoggable(level)) {
            return;
        }
        LogRecord r = new LogRecord(level, msg);
        r.setLoggerName(log.getName());
        r.setParameters(new Object[] {fields});
        log.log(r);
    }

    public static void error(Logger log, String msg, Map<String, ?> fields, Throwable t) {
        LogRecord r = new LogRecord(Level.SEVERE, msg);
        r.setLoggerName(log.getName());
        r.setParameters(new Object[] {fields});
        r.setThrown(t);
        log.log(r);
    }

}
