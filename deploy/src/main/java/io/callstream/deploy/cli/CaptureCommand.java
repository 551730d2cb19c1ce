package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import io.callstream.avro.CallEnded;
import io.callstream.avro.Status;
import io.callstream.avro.TranscriptLine;
import io.callstream.ingest.canonical.CanonicalJsonLines;
import io.callstream.schemas.consume.CallCapture;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code callstream capture}: one call's events from call-events into a file that replays it exactly. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Write one call's events to a file that 'replay' plays exactly.",
                "The events are written as canonical JSON Lines with their original observedAt, so that "
                        + "'callstream replay FILE' (or 'ingest file FILE') replays the call exactly. Reads committed "
                        + "records from the beginning of the topic to its end when the capture starts; a call still "
                        + "live is captured as far as it has gone."})
final class CaptureCommand implements Callable<Integer> {

    @Option(names = "--call", required = true, paramLabel = "ID", description = "The call's id (the records' key).")
    private String callId;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the events (replaced if it exists); '.jsonl' keeps it findable in folders.")
    private Path out;

    @Spec
    private CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        TopicNames names = TopicNames.defaults();
        CallTopics topics = new CallTopics(names, kafka.registryClient());
        CallCapture.Captured captured = CallCapture.read(kafka.clientProperties(), names.callEvents(),
                topics.callEvents().valueSerde().deserializer(), callId);
        PrintWriter err = spec.commandLine().getErr();
        String name = spec.qualifiedName();
        captured.problems().forEach(problem -> err.println(name + ": skipped " + problem));
        if (captured.events().isEmpty()) {
            throw new IllegalArgumentException("No events of call " + callId + " in " + names.callEvents() + " ("
                    + captured.recordsRead() + " records read from " + captured.partitions() + " partitions).");
        }
        if (captured.callPartitions().size() > 1) {
            err.println(name + ": the call's events are on partitions " + captured.callPartitions() + "; written "
                    + "partition by partition, an order enrich itself never saw (its producer did not key by call).");
        }
        write(captured);
        long lines = captured.events().stream().filter(e -> e.getPayload() instanceof TranscriptLine line
                && line.getStatus() == Status.FINAL).count();
        boolean ended = captured.events().get(captured.events().size() - 1).getPayload() instanceof CallEnded;
        err.printf("Captured %d events (%d lines) of call %s from %s into %s%s.%n", captured.events().size(), lines,
                callId, names.callEvents(), out, ended ? "" : "; the call has not ended (no CallEnded yet)");
        err.flush();
        return captured.problems().isEmpty() ? 0 : 1;
    }

    /** Beside the target first, then moved over it: a failed capture never leaves half a file where a good one was. */
    private void write(CallCapture.Captured captured) throws Exception {
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
        try {
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                new CanonicalJsonLines().write(captured.events(), writer);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
