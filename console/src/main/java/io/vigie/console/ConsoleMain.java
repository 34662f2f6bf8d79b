package io.vigie.console;

import io.vigie.console.auth.Passwords;
import io.vigie.console.config.ConsoleConfig;
import io.vigie.console.judge.ConsoleJudge;
import io.vigie.console.judge.Rejudge;
import io.vigie.console.log.Logs;
import io.vigie.console.server.ConsoleServer;
import io.vigie.console.store.IssuedSecret;
import io.vigie.console.store.LoginCandidate;
import io.vigie.console.store.Role;
import io.vigie.console.store.Store;
import io.vigie.console.store.StoreException;
import io.vigie.console.store.UserAccount;
import io.vigie.console.store.jdbc.JdbcStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;

/**
 * {@code vigie-console}: {@code serve}, {@code admin create}, {@code admin token}, {@code rejudge}. Testable
 * in-process through {@link #run}.
 */
@Command(name = "vigie-console", mixinStandardHelpOptions = true, versionProvider = ConsoleMain.Version.class,
        description = "Vigie console: enrollment, report ingestion, storage.",
        subcommands = {ConsoleMain.Serve.class, ConsoleMain.Admin.class, ConsoleMain.RejudgeCommand.class})
public final class ConsoleMain implements Callable<Integer> {

    /** What a command may use: streams and environment, so tests run it without a process. */
    record Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Clock clock) {
    }

    private final Io io;

    ConsoleMain(Io io) {
        this.io = io;
    }

    public static void main(String[] args) {
        // serve returns only once the JVM is shutting down (its shutdown hook stopped the console)
        System.exit(run(args, System.in, System.out, System.err, System.getenv(), Clock.systemUTC()));
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                          Clock clock) {
        Io io = new Io(in, out, err, env, clock);
        if (args.length == 0 || !"serve".equals(args[0])) {
            // administration commands: only warnings, as JSON lines on standard error
            Logs.install(err, Level.WARNING);
        }
        CommandLine cl = new CommandLine(new ConsoleMain(io), new Factory(io));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof StoreException || e instanceof IllegalArgumentException) {
                err.println("vigie-console: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(io.out());
        return 2;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ConsoleMain.class.getPackage().getImplementationVersion();
            return new String[] {"vigie-console " + (v == null ? "dev" : v)};
        }
    }

    /** Gives every command the same {@link Io}. */
    private record Factory(Io io) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (var c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Io.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(io));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    abstract static class WithConfig {
        @Option(names = "--config", paramLabel = "FILE", description = "properties file (environment variables VIGIE_CONSOLE_* override it)")
        Path config;

        final Io io;

        WithConfig(Io io) {
            this.io = io;
        }

        ConsoleConfig config() {
            return ConsoleConfig.load(config, io.env());
        }

        Store openStore() {
            ConsoleConfig c = config();
            return JdbcStore.open(c.effectiveDatabaseUrl(), c.databaseUser(), c.databasePassword(), 2);
        }
    }

    @Command(name = "serve", description = "Run the console (JSON logs on standard output).")
    static final class Serve extends WithConfig implements Callable<Integer> {
        Serve(Io io) {
            super(io);
        }

        @Override
        public Integer call() throws InterruptedException {
            Logs.install(io.out(), Level.INFO);
            ConsoleServer server = ConsoleServer.start(config(), io.clock());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "vigie-console-shutdown"));
            stopped.await();
            return 0;
        }
    }

    @Command(name = "admin", description = "Administration from the server's command line.",
            subcommands = {AdminCreate.class, AdminToken.class})
    static final class Admin implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 2;
        }
    }

    @Command(name = "create", description = "Create a provider (if new) and its first admin; the password is read from standard input.")
    static final class AdminCreate extends WithConfig implements Callable<Integer> {
        @Option(names = "--provider", required = true, paramLabel = "NAME", description = "provider (MSP or expert) name")
        String provider;
        @Option(names = "--email", required = true, paramLabel = "EMAIL")
        String email;
        @Option(names = "--password-stdin", required = true, description = "read the password from the first line of standard input")
        boolean passwordStdin;

        AdminCreate(Io io) {
            super(io);
        }

        @Override
        public Integer call() throws Exception {
            String password = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)).readLine();
            if (password == null || password.isEmpty()) {
                io.err().println("vigie-console: no password on standard input");
                return 2;
            }
            String hash = Passwords.hash(password);
            try (Store store = openStore()) {
                var providerId = store.accounts().ensureProvider(provider, io.clock().instant());
                UserAccount u = store.accounts().createUser(providerId, null, email, hash, Role.PROVIDER_ADMIN, io.clock().instant());
                io.out().println("Created provider admin " + u.email() + " (provider " + provider + ", id " + u.id() + ")");
            }
            return 0;
        }
    }

    @Command(name = "token", description = "Print a new personal API token for an existing user.")
    static final class AdminToken extends WithConfig implements Callable<Integer> {
        @Option(names = "--email", required = true, paramLabel = "EMAIL")
        String email;
        @Option(names = "--label", paramLabel = "TEXT")
        String label;

        AdminToken(Io io) {
            super(io);
        }

        @Override
        public Integer call() {
            try (Store store = openStore()) {
                LoginCandidate u = store.accounts().findLogin(email).orElse(null);
                if (u == null) {
                    io.err().println("vigie-console: no active user " + email);
                    return 1;
                }
                IssuedSecret t = store.accounts().createApiToken(u.user().scope(), label, io.clock().instant());
                io.out().println(t.secret());
            }
            return 0;
        }
    }

    @Command(name = "rejudge", description = "Judge stored reports again with this console's rule catalogue.")
    static final class RejudgeCommand extends WithConfig implements Callable<Integer> {
        @Option(names = "--force", description = "also reports already judged with this catalogue version")
        boolean force;

        RejudgeCommand(Io io) {
            super(io);
        }

        @Override
        public Integer call() {
            ConsoleJudge judge = ConsoleJudge.builtin(io.clock());
            try (Store store = openStore()) {
                Rejudge.Result r = Rejudge.run(store, judge, io.clock(), force, io.err()::println);
                io.out().println("Catalogue " + judge.catalogueVersion() + ": " + r.judged() + " report(s) judged, "
                        + r.skipped() + " already judged with it, " + r.unreadable() + " unreadable");
                return r.unreadable() == 0 ? 0 : 1;
            }
        }
    }
}
