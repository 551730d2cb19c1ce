package io.callstream.deploy;

import io.callstream.deploy.cli.CallstreamCommand;
import io.callstream.schemas.AvroClassTrust;

/** Entry point of {@code ./callstream}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Generated builders load enum classes by name to fill defaults; Avro 1.12 refuses untrusted packages.
        AvroClassTrust.trustGeneratedClasses();
        System.exit(CallstreamCommand.commandLine().execute(args));
    }
}
