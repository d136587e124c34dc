package io.kvcompliance;

import io.kvcompliance.sandbox.SandboxCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Launcher of keyvault-compliance: one executable jar, one sub-command per job. */
@Command(name = "keyvault-compliance", mixinStandardHelpOptions = true, version = "keyvault-compliance 0.1.0",
        description = "Read-only Azure Key Vault compliance evidence collector.",
        subcommands = {RunCommand.class, SyncCommand.class, CheckCommand.class, ConnectCommand.class, DisconnectCommand.class,
                SandboxCommand.class})
public final class App {
    /** Exit code for usage or configuration errors, shared by every command. */
    public static final int EXIT_USAGE = 2;
    /** Exit code of a run that failed for another reason. */
    public static final int EXIT_FAILED = 1;

    public static void main(String[] args) {
        // run is the default command: `java -jar keyvault-compliance.jar` runs the collector
        System.exit(commandLine().execute(args.length == 0 ? new String[] {"run"} : args));
    }

    /** The command line with the project's error handling: wrong input exits 2 with the cause and the fix. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new App());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // configuration errors surface wrapped by Camel; the cause names the key and the fix
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException) {
                    commandLine.getErr().println("error: " + t.getMessage());
                    return EXIT_USAGE;
                }
            }
            commandLine.getErr().println("error: " + e);
            return EXIT_FAILED;
        });
        return cli;
    }
}
