package io.callstream.enrich.tags.learned;

import java.io.IOException;
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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedder whose embeddings are kept in a file (opened at the first sentence: a run that embeds nothing touches
 * no file), by the SHA-256 of the sentence, for the embedder that made them:
 * a backtest run again over the same corpus embeds nothing, however the model or the example topics change (scores
 * are recomputed from the kept embeddings, which costs microseconds). The file is an append-only log, a header line
 * naming the embedder and then records of the hash and the vector; a file of another embedder, or a torn last
 * record (a crash while writing), is started over or cut, never trusted (the header is read again at every append,
 * so a process never takes another embedder's vectors, even where one started the file over under it).
 *
 * <p>Processes share the file: each record is appended under a lock on the file, after reading what the others
 * appended since, so two backtests at once, or every test JVM of a build and the processes they start, embed a
 * sentence only where none has yet (two that miss it at the same moment both embed it; it is written once). Nothing
 * is buffered, so a process that never closes it loses nothing. Every embedding read or made is kept in memory too,
 * and the file only grows: this is for batch work (backtests, evaluations, a build's tests), not a long-lived enrich.
 * A file that cannot be used (a full disk, no locks, an interrupt) is given up with one warning, and the embedder goes
 * on with the model alone: a cache never fails the tagging. Thread-safe.
 */
public final class DiskCachedEmbedder implements SentenceEmbedder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DiskCachedEmbedder.class);
    private static final int HASH_BYTES = 32;
    private static final int MAX_DIMENSIONS = 4096;
    /** The most of the file read into memory at once. */
    private static final int CHUNK = 1 << 22;

    private final SentenceEmbedder inner;
    private final Path file;
    private final byte[] header;
    private final Map<String, float[]> kept = new HashMap<>();
    /** The file once opened at the first sentence, and how much of it has been read. */
    private FileChannel log;
    private long readTo;
    /** Set when the file could not be used: the model alone from then on. */
    private boolean givenUp;
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
            float[] theirs = locked(() -> {
                float[] found = kept.get(key); // another thread or process embedded it meanwhile
                if (found == null) {
                    append(hash, vector);
                }
                return found;
            });
            if (theirs != null) {
                return theirs;
            }
            kept.putIfAbsent(key, vector);
            return kept.get(key);
        }
    }

    /**
     * Runs {@code action} holding the file (this process's threads by {@code kept}, the others by a lock on the
     * file), once this process has read every record appended so far.
     */
    private float[] locked(IoAction action) {
        if (givenUp) {
            return null;
        }
        // Java's file locks are held by the process, and closing any channel of the file may release them all: two
        // embedders of one file in one JVM take turns here first, to lock and to close.
        synchronized (monitor()) {
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
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot use the sentence embedding cache {} ({}): embedding without it from now on", file,
                        e.toString());
                giveUp();
                return null;
            }
        }
    }

    /** This JVM's one monitor for the file's path. */
    private Object monitor() {
        return file.toString().intern();
    }

    private void giveUp() {
        givenUp = true;
        try {
            if (log != null) {
                log.close();
            }
        } catch (IOException e) {
            // given up already
        }
        log = null;
    }

    private interface IoAction {
        float[] run() throws IOException;
    }

    /** Reads the records appended since the last read; starts the file over, or cuts its torn end, where it must. */
    private void catchUp() throws IOException {
        long size = log.size();
        byte[] head = new byte[header.length];
        // Read again each time: another embedder's process may have started the file over since (the embedders'
        // ids differ, so its header does).
        if (size < Math.max(readTo, header.length) || readFully(head, 0) < header.length
                || !Arrays.equals(head, header)) {
            log.truncate(0); // empty, or another embedder's: started over
            write(ByteBuffer.wrap(header), 0);
            readTo = header.length;
            return;
        }
        readTo = Math.max(readTo, header.length);
        while (readTo < size) {
            ByteBuffer records = ByteBuffer.allocate((int) Math.min(CHUNK, size - readTo));
            while (records.hasRemaining() && log.read(records, readTo + records.position()) >= 0) {
                // reads until the buffer is full or the file ends
            }
            records.flip();
            int recordBytes = readRecords(records);
            if (recordBytes == 0) {
                break; // not even one whole record left
            }
            readTo += recordBytes;
        }
        if (readTo < size) {
            log.truncate(readTo); // a torn last record (a writer that crashed) goes
        }
    }

    /** Keeps the whole records at the start of {@code records}; returns how many bytes they took. */
    private int readRecords(ByteBuffer records) {
        byte[] hash = new byte[HASH_BYTES];
        int whole = 0;
        while (records.remaining() >= HASH_BYTES + 4) {
            records.get(hash);
            int dimensions = records.getInt();
            if (dimensions <= 0 || dimensions > MAX_DIMENSIONS || records.remaining() < 4 * dimensions) {
                break;
            }
            float[] vector = new float[dimensions];
            records.asFloatBuffer().get(vector);
            records.position(records.position() + 4 * dimensions);
            whole = records.position();
            if (kept.putIfAbsent(HexFormat.of().formatHex(hash), vector) == null) {
                read++;
            }
        }
        return whole;
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

    /** Whether the file could not be used, so that this embedder went on with the model alone (logged once). */
    public boolean givenUp() {
        synchronized (kept) {
            return givenUp;
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
            synchronized (monitor()) {
                if (log != null) {
                    log.close();
                    log = null;
                }
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
