package io.callstream.ingest.parse;

import io.callstream.avro.Section;

/** A paragraph of speech with its speaker and section, before it is placed on the call's clock. */
record SpokenParagraph(TurnSpeaker speaker, Section section, String text) {
}
