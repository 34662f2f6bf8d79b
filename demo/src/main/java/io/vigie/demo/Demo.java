package io.vigie.demo;

import io.vigie.agent.cli.CliEnv;
import io.vigie.agent.cli.ExitCode;
import io.vigie.agent.cli.Main;
import io.vigie.agent.link.EnrollCommand;
import io.vigie.agent.link.ReportSender;
import io.vigie.agent.state.StateDir;
import io.vigie.checks.json.Json;
import io.vigie.checks.report.Report;
import io.vigie.console.auth.Passwords;
import io.vigie.console.config.ConsoleConfig;
import io.vigie.console.log.Logs;
import io.vigie.console.server.ConsoleServer;
import io.vigie.console.store.LoginCandidate;
import io.vigie.console.store.Organisation;
import io.vigie.console.store.Role;
import io.vigie.console.store.Scope;
import io.vigie.console.store.Secrets;
import io.vigie.console.store.Store;
import io.vigie.console.store.WebStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;

/**
 * {@code vigie-demo} (what {@code ./vigie demo} runs; its own module so the console ships without the agent): a console on loopback with embedded SQLite in a
 * local folder, a demo provider with a login, an organisation, and THIS machine's agent enrolled and reporting —
 * the agent's own code (its {@code check} command, {@link EnrollCommand}, {@link ReportSender}) run in-process,
 * exactly as on a customer's computer. Runs until Ctrl-C. Running it again reuses the folder: same
 * organisation, same device, one more report (so "what changed" has something to compare), a new password.
 */
@Command(name = "vigie demo", mixinStandardHelpOptions = true,
        description = "Local demo: console on loopback, this machine enrolled and reporting.")
public final class Demo implements Callable<Integer> {

    static final String PROVIDER = "Démo Vigie";
    static final String EMAIL = "expert@demo.vigie";
    static final String ORGANISATION = "Mon entreprise (démo)";

    @Option(names = "--dir", paramLabel = "DIR", description = "data folder (default: .vigie/demo)")
    Path dir = Path.of(".vigie", "demo");

    @Option(names = "--port", paramLabel = "PORT", description = "loopback port (default 8080; busy: any free port)")
    int port = 8080;

    /** Held so the level sticks: Micrometer's "gauge already registered" warning from Vert.x is harmless noise. */
    private static final java.util.logging.Logger MICROMETER = java.util.logging.Logger.getLogger("io.micrometer");

    /** What the demo may use: streams, environment and clock, so tests run it without a process. */
    record Io(PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
    }

    private final Io io;

    Demo(Io io) {
        this.io = io;
    }

    public static void main(String[] args) {
        // returns only once the JVM is shutting down (the shutdown hook stopped the console)
        System.exit(run(args, new Io(System.out, System.err, System.getenv(), Clock.systemUTC())));
    }

    static int run(String[] args, Io io) {
        // as the console's administration commands: only warnings, as JSON lines on standard error
        Logs.install(io.err(), Level.WARNING);
        CommandLine cl = new CommandLine(new Demo(io));
        cl.setOut(new PrintWriter(io.out(), true));
        cl.setErr(new PrintWriter(io.err(), true));
        return cl.execute(args);
    }

    /** What a demo run set up. */
    record Started(ConsoleServer server, String url, String email, String password, Path dataDir, boolean reused) {
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = io.out();
        MICROMETER.setLevel(java.util.logging.Level.SEVERE);
        Started s;
        try {
            s = start(dir, port, io);
        } catch (Exception e) {
            // Vert.x rethrows checked causes (BindException) as they are: catch them all, one line, no stack trace
            io.err().println("vigie demo : échec — " + e);
            return 1;
        }
        out.println();
        out.println("Vigie — la démo est prête.");
        out.println("  Ouvrez      : " + s.url() + "/login");
        out.println("  E-mail      : " + s.email());
        out.println("  Mot de passe: " + s.password() + "   (nouveau à chaque lancement)");
        out.println("  Données     : " + s.dataDir() + (s.reused()
                ? "   (reprises du lancement précédent ; supprimez ce dossier pour repartir de zéro)"
                : "   (réutilisées au prochain lancement)"));
        out.println("  Arrêt       : Ctrl-C");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s.server().close();
            stopped.countDown();
        }, "vigie-demo-shutdown"));
        stopped.await();
        return 0;
    }

    /** Starts the console, prepares the tenant, enrolls this machine and uploads its report. */
    static Started start(Path dir, int port, Io io) {
        Path data = dir.toAbsolutePath().normalize();
        boolean reused = Files.exists(data.resolve("vigie.db"));
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + data, e);
        }
        ConsoleServer server = startServer(data, port, io);
        try {
            String url = server.localUrl();
            Store store = server.store();
            Instant now = io.clock().instant();
            var providerId = store.accounts().ensureProvider(PROVIDER, now);
            String password = Secrets.newSecret().substring(0, 16);
            String hash = Passwords.hash(password);
            WebStore web = store.web();
            Scope scope;
            var existing = store.accounts().findLogin(EMAIL);
            if (existing.isPresent()) {
                LoginCandidate u = existing.get();
                web.setPassword(u.user().id(), hash);
                scope = u.user().scope();
            } else {
                scope = store.accounts().createUser(providerId, null, EMAIL, hash, Role.PROVIDER_ADMIN, now).scope();
            }
            Organisation org = store.tenants().organisations(scope).stream().filter(o -> o.name().equals(ORGANISATION)).findFirst()
                    .orElseGet(() -> store.tenants().createOrganisation(scope, ORGANISATION, now));

            Path state = data.resolve("agent");
            io.out().println("Vigie : vérification de cette machine par l'agent…");
            String code = store.tenants().createEnrollmentCode(scope, org.id(), now, Duration.ofHours(1)).secret();
            // a demo started again re-enrolls this machine: as the demo's admin, allow it explicitly (audited)
            for (var d : store.tenants().devices(scope, org.id())) {
                store.tenants().allowReenrollment(scope, d.id(), now, now.plus(Duration.ofHours(1)));
            }
            enroll(state, url, code);
            Report report = checkAndSend(state, io);
            io.out().println("Vigie : rapport de " + report.hostname() + " reçu par la console.");
            return new Started(server, url, EMAIL, password, data, reused);
        } catch (Exception e) {
            server.close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The console on {@code port}, or on a free port when it is taken (as the README promises). Vert.x's
     * {@code Future.await()} rethrows the bind failure as the checked {@link BindException} itself, not wrapped: the
     * catch must take every exception.
     */
    static ConsoleServer startServer(Path data, int port, Io io) {
        ConsoleConfig base = ConsoleConfig.DEFAULTS;
        ConsoleConfig config = new ConsoleConfig("127.0.0.1", port, 1, data, null, null, null, 4, null, null, null,
                false, base.limits());
        try {
            return ConsoleServer.start(config, io.clock());
        } catch (Exception e) {
            if (port != 0 && causedBy(e, BindException.class)) {
                io.err().println("vigie demo : le port " + port + " est occupé, un autre port libre est utilisé.");
                return ConsoleServer.start(config.withPort(0), io.clock());
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.toString(), e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t) || (t.getMessage() != null && t.getMessage().contains("Address already in use"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The agent's {@code vigie check --send} on this machine, in-process, with its state folder under the
     * demo's: the same durable path as a scheduled agent (spooled on disk, then sent and acknowledged).
     */
    static Report checkAndSend(Path state, Io io) throws IOException {
        Map<String, String> env = new HashMap<>(io.env());
        env.put("VIGIE_STATE_DIR", state.toString());
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = Main.execute(new CliEnv(new PrintStream(json, true, StandardCharsets.UTF_8),
                        new PrintStream(errors, true, StandardCharsets.UTF_8), env,
                        Path.of(System.getProperty("user.home")), io.clock(), false),
                "check", "--json", "--send", "--state-dir", state.toString());
        if (exit != ExitCode.OK && exit != ExitCode.FINDINGS) {
            throw new IllegalStateException("the agent's check or its delivery failed (exit " + exit + "): "
                    + errors.toString(StandardCharsets.UTF_8));
        }
        return Json.mapper().readValue(json.toString(StandardCharsets.UTF_8), Report.class);
    }

    /** The agent's {@code vigie enroll --console URL --code CODE}, in-process. */
    static void enroll(Path state, String url, String code) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new EnrollCommand(() -> state, () -> {
            try {
                return new StateDir(state).deviceId();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("--console", url, "--code", code);
        if (exit != 0) {
            throw new IllegalStateException("enrollment failed: " + err + out);
        }
    }
}
