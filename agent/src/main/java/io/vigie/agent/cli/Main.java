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
                "3:la vérification n'a pas pu aboutir (écriture, dossier d'état) / could not complete",
                "4:rapport(s) en attente d'envoi à la console (nouvel essai au prochain passage) / report(s) still waiting for the console"})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code vigie} alone: the usage with its list of commands (on the command line that holds them), exit 2. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "indiquez une commande, par exemple : vigie check / give a command, e.g. vigie check");
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
        cl.addSubcommand("send", new SendCommand(env));
        cl.addSubcommand("service", new ServiceCommand(env));
        cl.addSubcommand("enroll", EnrollCommands.create(env));
        cl.addSubcommand("discover", new DiscoverCommand().streams(
                new PrintWriter(env.out(), true, StandardCharsets.UTF_8),
                new PrintWriter(env.err(), true, StandardCharsets.UTF_8)));
        addHelpOption(cl);
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

    /** Every command answers {@code -h}/{@code --help} (the summary's last line suggests {@code vigie check --help}). */
    private static void addHelpOption(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandLine.Model.CommandSpec s = sub.getCommandSpec();
            if (!s.optionsMap().containsKey("--help") && !s.optionsMap().containsKey("-h")) {
                s.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Affiche cette aide. / Show this help.").build());
            }
            addHelpOption(sub);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vigie " + io.vigie.agent.report.AgentVersion.get()};
        }
    }
}
