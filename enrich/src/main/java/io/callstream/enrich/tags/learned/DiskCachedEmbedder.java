package io.callstream.enrich.tags.learned;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * An embedder whose embeddings are kept in a file (opened at the first sentence: a run that embeds nothing touches
 * no file), by the SHA-256 of the sentence, for the embedder that made them:
 * a backtest run again over the same corpus embeds nothing, however the model or the example topics change (scores
 * are recomputed from the kept embeddings, which costs microseconds). The file is an append-only log, a header line
 * naming the embedder and then records of the hash and the vector; a file of another embedder, or a torn last
 * record (a crash while writing), is started over or cut, never trusted.
 *
 * <p>Processes share the file: each record is appended under a lock on the file, after reading what the others
 * appended since, so two backtests at once, or every test JVM of a build and the processes they start, embed each
 * sentence once between them. Nothing is buffered, so a process that never closes it loses nothing. Thread-safe.
 */
public final class DiskCachedEmbedder implements SentenceEmbedder, AutoCloseable {

    private static final int HASH_BYTES = 32;
    private static final int MAX_DIMENSIONS = 4096;

    private final SentenceEmbedder inner;
    private final Path file;
    private final byte[] header;
    private final Map<String, float[]> kept = new HashMap<>();
    /** The file once opened at the first sentence, and how much of it has been read. */
    private FileChannel log;
    private long readTo;
    private int read;
    private int added;

    private DiskCachedEmbedder(SentenceEmbedder inner, Path file) {
        this.inner = inner;
        this.file = file.toAbsolutePath().normalize();
        this.header = ("callstream sentence embeddings " + inner.id() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Keeps {@code inner}'s embeddings in {@code file}, which is opened or created at the first sentence. */
    public static DiskCachedEmbedder of(SentenceEmbedder inner, Path file) {
        return new DiskCachedEmbedder(inner, file);
    }

    public Path file() {
        return file;
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
            float[] found = kept.get(key);
            if (found == null) {
                found = locked(() -> kept.get(key)); // what the file holds, others' latest records too
            }
            if (found != null) {
                return found;
            }
        }
        float[] vector = inner.embed(sentence);
        synchronized (kept) {
            return locked(() -> {
                float[] theirs = kept.get(key); // another thread or process embedded it meanwhile
                if (theirs != null) {
                    return theirs;
                }
                append(hash, vector);
                kept.put(key, vector);
                return vector;
            });
        }
    }

    /**
     * Runs {@code action} holding the file (this process's threads by {@code kept}, the others by a lock on the
     * file), once this process has read every record appended so far.
     */
    private float[] locked(IoAction action) {
        // Java's file locks are held by the process: two embedders of one file in one JVM take turns here first.
        synchronized (file.toString().intern()) {
            try {
                if (log == null) {
                    Files.createDirectories(file.getParent());
                    log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
                }
                try (FileLock ignored = log.lock()) {
                    catchUp();
                    return action.run();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the embedding cache " + file, e);
            }
        }
    }

    private interface IoAction {
        float[] run() throws IOException;
    }

    /** Reads the records appended since the last read; starts the file over, or cuts its torn end, where it must. */
    private void catchUp() throws IOException {
        long size = log.size();
        if (readTo == 0) {
            byte[] head = new byte[header.length];
            if (size < header.length || readFully(head, 0) < header.length || !Arrays.equals(head, header)) {
                log.truncate(0); // empty, or another embedder's: started over
                write(ByteBuffer.wrap(header), 0);
                readTo = header.length;
                return;
            }
            readTo = header.length;
        }
        if (size <= readTo) {
            return;
        }
        ByteBuffer records = ByteBuffer.allocate(Math.toIntExact(size - readTo));
        while (records.hasRemaining() && log.read(records, readTo + records.position()) >= 0) {
            // reads until the buffer is full or the file ends
        }
        records.flip();
        byte[] hash = new byte[HASH_BYTES];
        while (records.remaining() >= HASH_BYTES + 4) {
            records.mark();
            records.get(hash);
            int dimensions = records.getInt();
            if (dimensions <= 0 || dimensions > MAX_DIMENSIONS || records.remaining() < 4L * dimensions) {
                records.reset();
                break;
            }
            float[] vector = new float[dimensions];
            records.asFloatBuffer().get(vector);
            records.position(records.position() + 4 * dimensions);
            if (kept.putIfAbsent(HexFormat.of().formatHex(hash), vector) == null) {
                read++;
            }
        }
        readTo += records.position();
        if (readTo < size) {
            log.truncate(readTo); // a torn last record (a writer that crashed) goes
        }
    }

    private void append(byte[] hash, float[] vector) throws IOException {
        ByteBuffer record = ByteBuffer.allocate(HASH_BYTES + 4 + 4 * vector.length);
        record.put(hash).putInt(vector.length);
        record.asFloatBuffer().put(vector);
        record.position(0);
        write(record, readTo);
        readTo += record.capacity();
        added++;
    }

    private int readFully(byte[] into, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into);
        while (buffer.hasRemaining() && log.read(buffer, at + buffer.position()) >= 0) {
            // reads until the buffer is full or the file ends
        }
        return buffer.position();
    }

    private void write(ByteBuffer bytes, long at) throws IOException {
        while (bytes.hasRemaining()) {
            log.write(bytes, at + bytes.position());
        }
    }

    /** How many embeddings this run found in the file (kept by earlier runs, or by others running beside it), and how
     * many it added to it. */
    public int[] counts() {
        synchronized (kept) {
            return new int[] {read, added};
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (kept) {
            if (log != null) {
                log.close();
                log = null;
                readTo = 0; // read again, should it be used again
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
