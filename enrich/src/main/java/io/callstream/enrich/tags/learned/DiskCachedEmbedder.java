package io.callstream.enrich.tags.learned;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * An embedder whose embeddings are kept in a file (opened at the first sentence: a run that embeds nothing touches
 * no file), by the SHA-256 of the sentence, for the embedder that made them:
 * a backtest run again over the same corpus embeds nothing, however the model or the example topics change (scores
 * are recomputed from the kept embeddings, which costs microseconds). The file is an append-only log, a header line
 * naming the embedder and then records of the hash and the vector; a file of another embedder, or a torn last
 * record (a crash while writing), is started over or cut, never trusted. Thread-safe.
 */
public final class DiskCachedEmbedder implements SentenceEmbedder, AutoCloseable {

    private static final int HASH_BYTES = 32;

    private final SentenceEmbedder inner;
    private final Path file;
    private final Map<String, float[]> kept = new HashMap<>();
    /** The file once opened: null before the first sentence, and after it when another process held the file. */
    private Opened opened;
    private boolean tried;
    private int read;
    private int added;

    private record Opened(DataOutputStream out, java.nio.channels.FileChannel locked, java.nio.channels.FileLock lock,
                          Map<String, float[]> found) {
    }

    private DiskCachedEmbedder(SentenceEmbedder inner, Path file) {
        this.inner = inner;
        this.file = file;
    }

    /** Keeps {@code inner}'s embeddings in {@code file}, which is opened or created at the first sentence. */
    public static DiskCachedEmbedder of(SentenceEmbedder inner, Path file) {
        return new DiskCachedEmbedder(inner, file);
    }

    public Path file() {
        return file;
    }

    /**
     * Opens (or creates) {@code file} for {@code inner}'s embeddings, for this process alone: empty when another
     * process holds it (two backtests at once), since two writers would tear each other's records.
     */
    private static java.util.Optional<Opened> open(SentenceEmbedder inner, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        java.nio.channels.FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(openLocked(inner, file, channel, lock));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Opened openLocked(SentenceEmbedder inner, Path file, java.nio.channels.FileChannel channel,
                                     java.nio.channels.FileLock lock) throws IOException {
        String header = "callstream sentence embeddings " + inner.id() + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.UTF_8);
        Map<String, float[]> found = new HashMap<>();
        long good = 0;
        if (Files.isRegularFile(file)) {
            try (InputStream raw = Files.newInputStream(file);
                 DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
                byte[] head = new byte[headerBytes.length];
                in.readFully(head);
                if (java.util.Arrays.equals(head, headerBytes)) {
                    good = headerBytes.length;
                    good = readRecords(in, found, good);
                }
            } catch (EOFException e) {
                // shorter than a header: started over below
            }
        }
        DataOutputStream out;
        if (good == 0) {
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
            out.write(headerBytes);
        } else {
            try (var log = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                log.truncate(good); // a torn last record goes
            }
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.APPEND)));
        }
        return new Opened(out, channel, lock, found);
    }

    private static long readRecords(DataInputStream in, Map<String, float[]> found, long good) throws IOException {
        byte[] hash = new byte[HASH_BYTES];
        while (true) {
            try {
                in.readFully(hash);
                int dimensions = in.readInt();
                if (dimensions <= 0 || dimensions > 4096) {
                    return good;
                }
                float[] vector = new float[dimensions];
                for (int i = 0; i < dimensions; i++) {
                    vector[i] = in.readFloat();
                }
                found.put(HexFormat.of().formatHex(hash), vector);
                good += HASH_BYTES + 4 + 4L * dimensions;
            } catch (EOFException e) {
                return good;
            }
        }
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public float[] embed(String sentence) {
        byte[] hash = sha256(sentence);
        String key = HexFormat.of().formatHex(hash);
        synchronized (kept) {
            openOnce();
            float[] found = kept.get(key);
            if (found != null) {
                return found;
            }
        }
        float[] vector = inner.embed(sentence);
        synchronized (kept) {
            if (kept.putIfAbsent(key, vector) == null && opened != null) {
                try {
                    opened.out().write(hash);
                    opened.out().writeInt(vector.length);
                    for (float v : vector) {
                        opened.out().writeFloat(v);
                    }
                    added++;
                } catch (IOException e) {
                    throw new UncheckedIOException("writing the embedding cache", e);
                }
            }
        }
        return vector;
    }

    private void openOnce() {
        if (tried) {
            return;
        }
        tried = true;
        try {
            opened = open(inner, file).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("opening the embedding cache " + file, e);
        }
        if (opened != null) {
            kept.putAll(opened.found());
            read = opened.found().size();
        }
    }

    /** Whether the first sentence found the file held by another process, so that this run kept nothing in it. */
    public boolean wasInUse() {
        synchronized (kept) {
            return tried && opened == null;
        }
    }

    /** How many embeddings the file held when opened, and how many this run added to it. */
    public int[] counts() {
        synchronized (kept) {
            return new int[] {read, added};
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (kept) {
            if (opened == null) {
                return;
            }
            try {
                opened.out().close();
            } finally {
                opened.lock().release();
                opened.locked().close();
            }
        }
    }

    private static byte[] sha256(String sentence) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(sentence.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every Java runtime", e);
        }
    }
}
