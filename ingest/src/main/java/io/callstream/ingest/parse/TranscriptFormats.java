package io.callstream.ingest.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The transcript layouts ingest knows, in the order detection tries them: the most specific first, so a layout
 * whose markers another layout could also match is claimed by the right one.
 */
public final class TranscriptFormats {

    /** How much of a file detection looks at. */
    public static final int HEAD_CHARS = 16 * 1024;

    private final List<TranscriptFormat> formats;

    public TranscriptFormats(List<TranscriptFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    /** Every layout this version of callstream reads. */
    public static TranscriptFormats all() {
        List<TranscriptFormat> formats = new ArrayList<>();
        formats.add(new SegmentsFormat());
        formats.add(new TimedTextFormat());
        formats.add(new ParticipantListsTranscriptFormat());
        formats.add(new DoubleDashTranscriptFormat());
        formats.add(new VendorTranscriptFormat());
        return new TranscriptFormats(formats);
    }

    public List<TranscriptFormat> formats() {
        return formats;
    }

    /** The layout of a transcript that begins with {@code head}, if any layout claims it. */
    public Optional<TranscriptFormat> detect(String head) {
        String cut = head.length() > HEAD_CHARS ? head.substring(0, HEAD_CHARS) : head;
        return formats.stream().filter(f -> f.detect(cut)).findFirst();
    }

    /** The layout named on the command line ({@code --format NAME}). */
    public TranscriptFormat byName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return formats.stream().filter(f -> f.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown format '" + name + "'; known formats: "
                        + names()));
    }

    public String names() {
        return formats.stream().map(TranscriptFormat::name).collect(Collectors.joining(", "));
    }
}
