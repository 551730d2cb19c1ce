package io.callstream.deploy.roles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.callstream.avro.Role;

/**
 * A call's speaker list, made by hand by reading the call (test resources {@code speakers/}, conventions in their
 * README): the role of each label, and of each turn whose opening voice is not the label's usual person.
 *
 * @param company the call's company as the call says it
 * @param byLabel each label's role ({@code (none)} for text before the first header)
 * @param byTurn  roles of single turns, by the turn's index in the file's header order
 */
record SpeakerList(String company, Map<String, Role> byLabel, Map<Integer, Role> byTurn) {

    static final String NO_LABEL = "(none)";

    /** The list of the call whose file name has this stem, if one was made. */
    static Optional<SpeakerList> of(String stem) throws IOException {
        try (InputStream in = SpeakerList.class.getResourceAsStream("/speakers/" + stem + ".tsv")) {
            return in == null ? Optional.empty() : Optional.of(parse(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8)));
        }
    }

    static SpeakerList parse(String text) {
        String company = null;
        Map<String, Role> byLabel = new HashMap<>();
        Map<Integer, Role> byTurn = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# company:")) {
                company = line.substring("# company:".length()).strip();
            }
            if (line.isBlank() || line.startsWith("#") || line.startsWith("label\t")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells[0].startsWith("@")) {
                byTurn.put(Integer.parseInt(cells[0].substring(1)), Role.valueOf(cells[4].strip()));
            } else {
                byLabel.put(cells[0], Role.valueOf(cells[3].strip()));
            }
        }
        return new SpeakerList(company, Map.copyOf(byLabel), Map.copyOf(byTurn));
    }

    /** The role the list gives the turn with this index in the file and this label (null: text with no label). */
    Role roleOf(Integer headerIndex, String label) {
        Role turn = headerIndex == null ? null : byTurn.get(headerIndex);
        if (turn != null) {
            return turn;
        }
        Role role = byLabel.get(label == null ? NO_LABEL : label);
        if (role == null) {
            throw new IllegalStateException("the speaker list has no label '" + label + "'");
        }
        return role;
    }
}
