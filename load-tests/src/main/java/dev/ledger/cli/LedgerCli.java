package dev.ledger.cli;

import dev.ledger.cluster.CommandFailedException;
import dev.ledger.cluster.LedgerHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code ./ledger}: the commands, their options and their exit codes. 0: done; 1: the command failed (or, for
 * {@code status} and {@code compare}, found something wrong); 2: a bad command line.
 */
@Command(name = "ledger", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = LedgerCli.Version.class, usageHelpAutoWidth = true, sortOptions = false,
        synopsisSubcommandLabel = "COMMAND",
        description = {"A local Ledger cluster: start it, look at it, break it, and compare its modes.",
            "./ledger COMMAND --help tells a command's options."},
        footer = {"", "Exit codes: 0 done; 1 failed (status: a node is dead or not ready; compare: a check failed);"
                + " 2 bad usage."})
public final class LedgerCli implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(LedgerHome.fromSystemProperties(), args));
    }

    /** Runs one command line and returns the process exit code. */
    public static int run(LedgerHome home, String... args) {
        return commandLine(home).execute(args);
    }

    static CommandLine commandLine(LedgerHome home) {
        CommandLine cli = new CommandLine(new LedgerCli());
        for (Object command : List.of(new UpCommand(home), new StatusCommand(home), new DownCommand(home),
                new LeaderFaultCommand.Kill(home), new LeaderFaultCommand.Pause(home), new RestartCommand(home),
                new PartitionCommand(home),
                new PartitionCommand.Heal(home), new CompareCommand(home), new LoadCommand(home),
                new CommandLine.HelpCommand())) {
            cli.addSubcommand(command);
        }
        cli.setParameterExceptionHandler(LedgerCli::badUsage);
        cli.setExecutionExceptionHandler(LedgerCli::failed);
        return cli;
    }

    /** No command: what there is to run. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    /** "ledger up: Unknown option: '--verbose'", a hint where one fits, and where to read more. */
    private static int badUsage(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(name(command) + ": " + error.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
        err.println("Try '" + name(command).replace("ledger", "./ledger") + " --help' for more information.");
        return EXIT_USAGE;
    }

    /** A command's own refusal of its options is bad usage too; a command that could not do its work, failed. */
    private static int failed(Exception failure, CommandLine command, ParseResult parsed) throws Exception {
        if (failure instanceof UsageException usage) {
            return badUsage(new ParameterException(command, usage.getMessage()), new String[0]);
        }
        if (failure instanceof CommandFailedException || failure instanceof IOException
                || failure instanceof UncheckedIOException || failure instanceof InterruptedException) {
            command.getErr().println(name(command) + ": " + failure.getMessage());
            return EXIT_FAILED;
        }
        throw failure;
    }

    private static String name(CommandLine command) {
        return command.getCommandSpec().qualifiedName(" ");
    }

    /** The build's version (the tools jar's manifest) and the Java that runs it. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Optional.ofNullable(LedgerCli.class.getPackage().getImplementationVersion())
                    .orElse("(not from a built jar)");
            return new String[] {"ledger " + version, "Java " + Runtime.version() + " (" + System.getProperty(
                    "java.vm.name") + ")"};
        }
    }
}
