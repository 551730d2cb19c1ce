package io.callstream.ingest.parse;

import io.callstream.avro.Section;

/**
 * A paragraph of speech in the vendor layout, with its speaker and section, before timing; {@code firstLine} is the
 * line of the text it starts on, from 1.
 */
record VendorParagraph(String speakerLabel, String affiliation, Section section, CleanedText text, int firstLine) {
}
