package io.callstream.deploy;

import io.callstream.deploy.cli.CallstreamCommand;
import picocli.CommandLine;

/** Entry point of {@code ./callstream}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CallstreamCommand.commandLine().execute(args));
    }
}
