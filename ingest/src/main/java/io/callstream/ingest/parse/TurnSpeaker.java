package io.callstream.ingest.parse;

import io.callstream.avro.Role;
import java.util.Objects;

/**
 * Who speaks a turn, as the transcript's header for it says.
 *
 * @param label       the name as written (whitespace collapsed)
 * @param affiliation the firm or title the layout gives, or null
 * @param role        the role the layout states, else {@link Role#UNKNOWN}
 */
record TurnSpeaker(String label, String affiliation, Role role) {

    static final String OPERATOR_LABEL = "Operator";

    TurnSpeaker {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(role, "role");
    }

    static TurnSpeaker operator() {
        return new TurnSpeaker(OPERATOR_LABEL, null, Role.OPERATOR);
    }
}
