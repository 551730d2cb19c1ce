package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.callstream.ingest.events.PartialRevisions;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.publish.Pace;
import io.callstream.ingest.source.BadInputException;
import io.callstream.ingest.source.InputFiles;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallManifest;
import io.callstream.ingest.source.RefusedLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "file", mixinStandardHelpOptions = true,
        description = {"Replay transcript files or folders onto call-events, paced by each call's clock.",
                "One call per file; several files interleave like simultaneous live calls.",
                "Layouts are detected (--format to force one). A file that cannot be read is reported and skipped; "
                        + "the others go on, and the exit code is 1. A line refused (a control character, text over "
                        + "32 KiB) is reported and sent to call-dlq; the rest of its call goes on, and the exit code "
                        + "is 1."})
// Not final: 'replay' (ReplayCommand) is this command under another name, and picocli reads its options from here.
class IngestFileCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*",
            description = "Transcript files or capture files (canonical JSON Lines), or folders of them.")
    private List<Path> paths;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "X",
            description = "1 follows the call's own clock, 10 is ten times faster, 'max' as fast as the broker takes "
                    + "it (default: ${DEFAULT-VALUE}).")
    private String speed;

    @Option(names = "--format", paramLabel = "NAME", description = "Read every file as this layout instead of "
            + "detecting it: vendor, timed-text, segments, double-dash, participant-lists or canonical.")
    private String format;

    @Option(names = "--partials", description = "Send each sentence as growing PARTIAL revisions before the FINAL one, "
            + "as a live transcription feed does.")
    private boolean partials;

    @Option(names = "--dry-run", description = "Print the call events as canonical JSON Lines instead of producing them.")
    private boolean dryRun;

    @Spec
    private CommandSpec spec;

    @Mixin
    private CallMetadataOptions metadata;

    @Mixin
    private KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        Pace pace = Pace.parse(speed);
        CallFileReader reader = new CallFileReader(TranscriptFormats.all(), format);
        List<Path> files = InputFiles.expand(paths);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No transcript files in " + paths + " (looked for .txt, .tsv, .jsonl, .json).");
        }
        if (files.size() > 1 && metadata.overrides().callId() != null) {
            throw new IllegalArgumentException("--call-id names one call; give one file, or leave it out.");
        }
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.qualifiedName(); // "callstream ingest file", or "callstream replay" for the alias
        List<LoadedCall> calls = new ArrayList<>();
        List<RefusedLine> refused = new ArrayList<>();
        int failed = 0;
        for (Path file : files) {
            try {
                CallFileReader.Read read = reader.read(Files.readAllBytes(file), file.toString(),
                        "file:" + file.getFileName(), CallManifest.overridesFor(file, metadata.overrides()));
                read.calls().forEach(call -> calls.add(partials ? withPartials(call) : call));
                read.problems().forEach(problem -> err.println(name + ": skipped " + problem));
                read.refused().forEach(line -> refused.add(new RefusedLine(line.callId(), "file " + line.where(),
                        line.reason(), line.raw())));
                failed += read.refused().isEmpty() ? 0 : 1;
            } catch (BadInputException e) {
                failed++;
                err.println(name + ": skipped " + e.getMessage());
            }
        }
        if (dryRun) {
            DryRun.print(calls, spec.commandLine().getOut());
        } else if (!calls.isEmpty() || !refused.isEmpty()) {
            CallReplay.publish(kafka, calls, refused, pace, err);
        }
        return failed == 0 ? 0 : 1;
    }

    static LoadedCall withPartials(LoadedCall call) {
        return new LoadedCall(call.callId(), call.source(), call.format(), new PartialRevisions(4).apply(call.events()));
    }
}
