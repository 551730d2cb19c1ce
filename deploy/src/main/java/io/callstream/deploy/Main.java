package io.callstream.deploy;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.callstream.deploy.cli.CallstreamCommand;
import io.callstream.schemas.AvroClassTrust;
import picocli.CommandLine;

/** Entry point of {@code ./callstream}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Generated builders load enum classes by name to fill defaults; Avro 1.12 refuses untrusted packages.
        AvroClassTrust.trustGeneratedClasses();
        // Transcripts are full of curly quotes and dashes: never let a platform charset turn them into '?'.
        CommandLine cli = CallstreamCommand.commandLine()
                .setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        System.exit(cli.execute(args));
    }
}
