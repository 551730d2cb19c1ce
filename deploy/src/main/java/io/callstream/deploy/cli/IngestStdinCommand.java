package io.callstream.deploy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.ingest.canonical.CanonicalJson;
import io.callstream.ingest.canonical.CanonicalJsonLines;
import io.callstream.ingest.canonical.LineResult;
import io.callstream.ingest.http.IngestProducer;
import io.callstream.ingest.http.RefusedTextException;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.publish.Pace;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.schemas.errors.DeadLetters;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stdin", mixinStandardHelpOptions = true,
        description = {"Read call events from standard input, for pipes.",
                "Canonical JSON Lines by default, produced line by line as they arrive (a bad line goes to the "
                        + "dead-letter topic with its reason, and the rest go on); any transcript layout with --format, "
                        + "read whole and produced as one call."})
final class IngestStdinCommand implements Callable<Integer> {

    @Option(names = "--format", paramLabel = "NAME", description = "A transcript layout (vendor, timed-text, segments, "
            + "double-dash, participant-lists) instead of canonical JSON Lines.")
    private String format;

    @Option(names = "--speed", defaultValue = "max", paramLabel = "X",
            description = "With --format: replay the call at this pace (default: ${DEFAULT-VALUE}).")
    private String speed;

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
        return format == null || CallFileReader.CANONICAL.equals(format) ? streamCanonical(System.in) : transcript();
    }

    private int transcript() throws Exception {
        CallFileReader.Read read = new CallFileReader(TranscriptFormats.all(), format)
                .read(System.in.readAllBytes(), "stdin", "stdin", metadata.overrides());
        List<LoadedCall> calls = read.calls();
        read.problems().forEach(problem -> spec.commandLine().getErr().println("callstream ingest stdin: refused "
                + problem));
        if (dryRun) {
            DryRun.print(calls, spec.commandLine().getOut());
            return read.refused().isEmpty() ? 0 : 1;
        }
        CallReplay.publish(kafka, calls, read.refused(), Pace.parse(speed), spec.commandLine().getErr());
        return read.refused().isEmpty() ? 0 : 1;
    }

    /** Each line is produced as soon as it is read: a pipe from a live feed is live. */
    private int streamCanonical(InputStream in) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        AtomicLong produced = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        if (dryRun) {
            Writer out = spec.commandLine().getOut();
            CanonicalJson<CallEvent> json = CanonicalJson.callEvents();
            new CanonicalJsonLines().read(in, result -> {
                try {
                    if (result instanceof LineResult.Event e) {
                        out.write(json.write(e.event()));
                        out.write('\n');
                        out.flush();
                    } else if (result instanceof LineResult.Refused r) {
                        refused.incrementAndGet();
                        err.println("callstream ingest stdin: line " + r.lineNumber() + ": " + r.reason());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return refused.get() == 0 ? 0 : 1;
        }
        TopicNames names = TopicNames.defaults();
        CallTopics topics = new CallTopics(names, kafka.registryClient());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // IngestProducer, as the HTTP endpoint's: it sends nothing that breaks the event text rule, whatever the
        // reader let through. The reader refuses such a line first, where its number and bytes are known.
        try (IngestProducer producer = IngestProducer.create(kafka.clientProperties(), topics.callEvents(),
                topics.deadLetters())) {
            new CanonicalJsonLines().read(in, result -> {
                if (result instanceof LineResult.Event e) {
                    producer.send(e.event()).whenComplete((ok, x) -> {
                        if (x instanceof RefusedTextException refusedText) {
                            refuse(producer, e.lineNumber(), e.raw(), e.event().getCallId(), refusedText.getMessage(),
                                    refused, failure, err);
                        } else if (x != null) {
                            failure.compareAndSet(null, x);
                        } else {
                            produced.incrementAndGet();
                        }
                    });
                } else if (result instanceof LineResult.Refused r) {
                    refuse(producer, r.lineNumber(), r.raw(), r.callId(), r.reason(), refused, failure, err);
                }
            });
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka did not take every event: " + failure.get().getMessage(),
                    failure.get());
        }
        err.printf("Produced %d event(s) to %s; %d line(s) refused (on %s).%n", produced.get(), names.callEvents(),
                refused.get(), names.deadLetters());
        return refused.get() == 0 ? 0 : 1;
    }

    private static void refuse(IngestProducer producer, int line, byte[] raw, String callId, String reason,
                               AtomicLong refused, AtomicReference<Throwable> failure, PrintWriter err) {
        refused.incrementAndGet();
        err.println("callstream ingest stdin: line " + line + " refused: " + reason);
        DeadLetter letter = DeadLetters.refusedInput(CallReplay.STAGE, reason, callId, "stdin line " + line, raw,
                Instant.now());
        producer.send(letter).whenComplete((ok, x) -> {
            if (x != null) {
                failure.compareAndSet(null, x);
            }
        });
    }
}
