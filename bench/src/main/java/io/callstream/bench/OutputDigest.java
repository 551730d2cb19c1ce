package io.callstream.bench;

import io.callstream.enrich.EnrichOutputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import io.callstream.avro.Alert;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.replay.InMemoryEnrich;
import io.callstream.ingest.parse.TranscriptFormats;
import io.callstream.ingest.source.CallFileReader;
import io.callstream.ingest.source.CallOverrides;
import io.callstream.ingest.source.InputFiles;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.schemas.AvroClassTrust;
import org.apache.avro.specific.SpecificRecord;

/**
 * A digest of everything enrich emits for every call of a corpus: each record of each output topic (turns, enriched
 * turns, exchanges, alerts, dead letters), in emission order, as Avro JSON, with the one value that is not a function
 * of the records ({@code Alert.emittedAt}) left out. Every file is read on its own, twins included, and every call
 * runs on a fresh {@link InProcessEnrich} (the live topology in a TopologyTestDriver), so the digest is the live
 * path's output; with {@code --engine in-memory}, every call runs on one {@link InMemoryEnrich}, the backtest
 * engine (a call it hands back goes to a fresh driver, as in a backtest), whose digest must be the same. A change that claims to leave outputs alone (a speed-up) must leave this digest alone; bench/run
 * digest compares it with the one kept in {@code bench/digests/}, call by call, and names the calls that differ.
 *
 * <p>Usage: {@code OutputDigest [--data DIR] [--engine driver|in-memory]}: prints one line per call ({@code sha256 callId file})
 * and the whole corpus's digest last.
 */
public final class OutputDigest {

    private OutputDigest() {
    }

    public static void main(String[] args) throws Exception {
        AvroClassTrust.trustGeneratedClasses();
        Path data = Path.of(System.getenv().getOrDefault("CALLSTREAM_SHARED_DIR", "../shared"), "data");
        boolean inMemory = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--engine" -> inMemory = switch (args[++i]) {
                    case "in-memory" -> true;
                    case "driver" -> false;
                    default -> throw new IllegalArgumentException("--engine takes driver or in-memory");
                };
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; takes --data DIR, --engine driver|in-memory");
            }
        }
        if (!Files.isDirectory(data)) {
            System.out.println("digest: " + data + " is absent (set CALLSTREAM_SHARED_DIR): nothing to digest");
            return;
        }
        TreeMap<String, String> lines = new TreeMap<>();
        CallFileReader reader = new CallFileReader(TranscriptFormats.all(), null);
        EnrichOptions options = EnrichOptions.defaults();
        List<Path> files = InputFiles.expand(List.of(data));
        int done = 0;
        try (InMemoryEnrich engine = inMemory ? InMemoryEnrich.start(options) : null) {
            for (Path file : files) {
                Path relative = data.relativize(file);
                for (LoadedCall call : reader.read(Files.readAllBytes(file), file.toString(),
                        "file:" + file.getFileName(), CallOverrides.NONE).calls()) {
                    Optional<EnrichOutputs> fast = engine == null ? Optional.empty() : engine.run(call.events());
                    if (fast.isPresent()) {
                        lines.put(relative + " " + call.callId(), digest(fast.get()));
                        continue;
                    }
                    try (InProcessEnrich enrich = InProcessEnrich.start(options)) {
                        lines.put(relative + " " + call.callId(), digest(enrich.run(call.events())));
                    }
                }
                if (++done % 10 == 0 || done == files.size()) {
                    System.err.printf("  %d/%d files%n", done, files.size());
                }
            }
        }
        MessageDigest whole = sha256();
        lines.forEach((call, digest) -> {
            System.out.println(digest + " " + call);
            whole.update((digest + " " + call + "\n").getBytes(StandardCharsets.UTF_8));
        });
        System.out.println(HexFormat.of().formatHex(whole.digest()) + " whole corpus (" + lines.size() + " calls)");
    }

    static String digest(EnrichOutputs outputs) throws IOException {
        MessageDigest sha = sha256();
        List<List<? extends SpecificRecord>> topics = List.of(outputs.turns(), outputs.enrichedTurns(),
                outputs.exchanges(), outputs.alerts(), outputs.deadLetters());
        for (List<? extends SpecificRecord> topic : topics) {
            sha.update(("topic " + topic.size() + "\n").getBytes(StandardCharsets.UTF_8));
            for (SpecificRecord record : topic) {
                sha.update(canonical(record).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String canonical(SpecificRecord record) {
        if (record instanceof Alert alert) {
            return Alert.newBuilder(alert).setEmittedAt(Instant.EPOCH).build().toString();
        }
        return record.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
