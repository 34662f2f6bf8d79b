package io.vigie.agent.cli;

import io.vigie.agent.discover.DiscoverCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code vigie} command line. Each sub-command is testable in-process through {@link #execute}. */
@Command(name = "vigie", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Vigie : le point sur la sécurité informatique de cette machine, en clair.",
                "Vigie: this machine's security, in plain words."},
        subcommands = {CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nCodes de sortie / exit codes:%n",
        exitCodeList = {
                "0:vérification faite, rien au-dessus de --fail-on / check done, nothing at or above --fail-on",
                "1:problème au moins aussi grave que --fail-on / a problem at or above --fail-on",
                "2:mauvaise utilisation (option, réglages, dossier) / bad usage",
                "3:la vérification n'a pas pu aboutir (écriture, dossier d'état) / could not complete"})
public final class Main implements Runnable {

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "indiquez une commande, par exemple : vigie check");
    }

    public static void main(String[] args) {
        System.exit(execute(CliEnv.system(), args));
    }

    /** Runs the command line against {@code env}; returns the exit code. */
    public static int execute(CliEnv env, String... args) {
        CommandLine cl = commandLine(env);
        return cl.execute(args);
    }

    static CommandLine commandLine(CliEnv env) {
        CommandLine cl = new CommandLine(new Main());
        cl.addSubcommand("check", new CheckCommand(env));
        cl.addSubcommand("record", new RecordCommand(env));
        cl.addSubcommand("discover", new DiscoverCommand().streams(
                new PrintWriter(env.out(), true, StandardCharsets.UTF_8),
                new PrintWriter(env.err(), true, StandardCharsets.UTF_8)));
        cl.setOut(new PrintWriter(env.out(), true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(env.err(), true, StandardCharsets.UTF_8));
        cl.setExitCodeExceptionMapper(t -> ExitCode.FAILURE);
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println(ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("vigie: " + ex);
            return ExitCode.FAILURE;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vigie " + io.vigie.agent.report.AgentVersion.get()};
        }
    }
}
