package io.callstream.backtest;

import io.callstream.avro.Speaker;

/** Who spoke, in one word for a report: the resolved name, else the source's label, else "unknown". */
final class Speakers {

    private Speakers() {
    }

    static String name(Speaker speaker) {
        if (speaker.getName() != null) {
            return speaker.getName();
        }
        return speaker.getLabel() != null ? speaker.getLabel() : "unknown";
    }
}
