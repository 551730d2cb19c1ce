package io.callstream.ingest.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.callstream.avro.CallEvent;
import io.callstream.ingest.events.CallEventFactory;
import io.callstream.ingest.events.CallMetadata;
import io.callstream.schemas.calls.CompanySource;
import io.callstream.ingest.parse.CallHints;
import io.callstream.ingest.parse.ParsedTranscript;
import io.callstream.ingest.parse.TranscriptFormat;
import io.callstream.ingest.parse.TranscriptFormats;

/**
 * Turns the text of one transcript into its call's events: picks the layout (detected, or forced), parses it and
 * settles the call's metadata from the user's flags, then the transcript's own title and headers, then the name
 * of the input.
 */
public final class TranscriptLoader {

    private final TranscriptFormats formats;
    private final String forcedFormat;

    /** @param forcedFormat a format name from {@code --format}, or null to detect each input's layout */
    public TranscriptLoader(TranscriptFormats formats, String forcedFormat) {
        this.formats = formats;
        this.forcedFormat = forcedFormat;
        if (forcedFormat != null) {
            formats.byName(forcedFormat); // fail at once on a typo, before any input is read
        }
    }

    /**
     * @param text   the whole transcript
     * @param name   the input's name (a file name), used for the call id and company where nothing better is known
     * @param source where the input came from, for the CallStarted event ("file:...", "stdin")
     */
    public LoadedCall load(String text, String name, String source, CallOverrides overrides) {
        TranscriptFormat format = format(text, name);
        ParsedTranscript transcript;
        try {
            transcript = format.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name + " (read as " + format.name() + "): " + e.getMessage(), e);
        }
        if (transcript.lines().isEmpty()) {
            throw new BadInputException(name + " (read as " + format.name() + ") holds no speech: "
                    + "check that it is a transcript, or force its layout with --format (" + formats.names() + ").");
        }
        CallMetadata metadata = metadata(transcript, name, source, overrides);
        List<CallEvent> events = CallEventFactory.events(metadata, transcript);
        return new LoadedCall(metadata.callId(), source, format.name(), events, sourceLines(transcript));
    }

    /** Per event (CallStarted, the lines, CallEnded), the line of the text it came from; 0 where none. */
    private static List<Integer> sourceLines(ParsedTranscript transcript) {
        if (transcript.sourceLines().isEmpty()) {
            return List.of();
        }
        List<Integer> lines = new ArrayList<>(transcript.sourceLines().size() + 2);
        lines.add(0);
        lines.addAll(transcript.sourceLines());
        lines.add(0);
        return lines;
    }

    private TranscriptFormat format(String text, String name) {
        if (forcedFormat != null) {
            return formats.byName(forcedFormat);
        }
        Optional<TranscriptFormat> detected = formats.detect(text);
        return detected.orElseThrow(() -> new BadInputException(name + ": unknown transcript layout. "
                + "Give it with --format (one of: " + formats.names() + "), or see the README for the layouts read."));
    }

    static CallMetadata metadata(ParsedTranscript transcript, String name, String source, CallOverrides o) {
        CallHints h = transcript.hints();
        String stem = stem(name);
        CompanyFromSpeech.Reading company = company(transcript, o, stem);
        return new CallMetadata(
                first(o.callId(), slug(stem)),
                company.company(),
                first(o.ticker(), h.ticker()),
                first(o.fiscalPeriod(), h.fiscalPeriod()),
                o.scheduledStart() != null ? o.scheduledStart() : h.scheduledStart(),
                source,
                transcript.title(),
                company.source());
    }

    /** The company by the strongest evidence: the user, the transcript's title, its speech, the input's name. */
    private static CompanyFromSpeech.Reading company(ParsedTranscript transcript, CallOverrides o, String stem) {
        if (first(o.company()) != null) {
            return new CompanyFromSpeech.Reading(o.company(), o.companySource());
        }
        if (first(transcript.hints().company()) != null) {
            return new CompanyFromSpeech.Reading(transcript.hints().company(), CompanySource.TITLE);
        }
        return CompanyFromSpeech.read(transcript.lines())
                .orElse(new CompanyFromSpeech.Reading(stem, CompanySource.FILE_NAME));
    }

    /** The name without folders and without its extension ({@code 4320211_Monro-Inc.segments.tsv} keeps ".segments"). */
    static String stem(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    /** A call id from a file name: lower case, runs of anything but letters and digits as one dash. */
    static String slug(String stem) {
        String slug = stem.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "call" : slug;
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T c : candidates) {
            if (c != null && !(c instanceof String s && s.isBlank())) {
                return c;
            }
        }
        return null;
    }
}
