package io.callstream.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "callstream",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
                "Earnings calls processed as streams, live: transcript lines in; speaker turns, topics and alerts out.",
                ""},
        subcommands = {DemoCommand.class, StackCommand.class, IngestCommand.class, EnrichCommand.class,
                SinkCommand.class, ServeCommand.class, ReplayCommand.class, CaptureCommand.class, ExportCommand.class,
                AlertsCommand.class, WebhookReceiverCommand.class, EvaluateCommand.class, TrainTopicsCommand.class, BacktestCommand.class,
                CommandLine.HelpCommand.class},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'callstream COMMAND --help' for a command's options."})
public final class CallstreamCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new CallstreamCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A user gets one line that says what went wrong; the stack trace only when asked for.
            commandLine.getErr().println("callstream " + commandLine.getCommandName() + ": " + e.getMessage());
            if (System.getenv("CALLSTREAM_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set CALLSTREAM_DEBUG=1 for the full trace)");
            }
            return 1;
        });
        return cli;
    }
}
