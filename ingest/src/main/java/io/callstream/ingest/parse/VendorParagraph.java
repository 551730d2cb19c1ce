package io.callstream.ingest.parse;

import io.callstream.avro.Section;

/** A paragraph of speech in the vendor layout, with its speaker and section, before timing. */
record VendorParagraph(String speakerLabel, String affiliation, Section section, CleanedText text) {
}
