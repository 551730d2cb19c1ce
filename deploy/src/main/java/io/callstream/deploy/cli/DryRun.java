package io.callstream.deploy.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import io.callstream.ingest.canonical.CanonicalJsonLines;
import io.callstream.ingest.source.LoadedCall;

/** {@code --dry-run}: the events a source would produce, as canonical JSON Lines, so a user can see how it parsed. */
final class DryRun {

    private DryRun() {
    }

    static void print(List<LoadedCall> calls, Writer out) throws IOException {
        CanonicalJsonLines json = new CanonicalJsonLines();
        for (LoadedCall call : calls) {
            json.write(call.events(), out);
        }
        out.flush();
    }
}
