package io.callstream.enrich.turns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.callstream.avro.Role;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.enrich.roles.Names;
import io.callstream.enrich.roles.OperatorCue;
import io.callstream.enrich.roles.RoleResolver;

/**
 * Decides who speaks a line, from the strongest evidence there is, and never from a guess:
 * <ol>
 *   <li>a SpeakerIdentified event for the label;</li>
 *   <li>for an anonymous label ("Speaker 3"), the operator's script in the line itself (keypad instructions, an
 *       introduction, "your line is open": {@link OperatorCue#readsOperatorScript}): the OPERATOR, unnamed. This is
 *       decided per line, not remembered for the label, because diarised sources reuse a label for two voices;</li>
 *   <li>a cue from the call: the analyst the operator just introduced, given to the next voice if it is new
 *       (an anonymous label never heard before) or carries the introduced last name; an anonymous label's cue
 *       lasts until the operator introduces someone else;</li>
 *   <li>the line as the source sent it: a stated role, else one read from the affiliation ({@link RoleResolver}). A
 *       label is a name only where the source names a person.</li>
 * </ol>
 */
final class Speakers {

    /** Labels that number a voice rather than name a person ("Speaker 3"). */
    private static final Pattern ANONYMOUS_LABEL = Pattern.compile("(?i)speaker\\s*\\d+");

    private Speakers() {
    }

    static boolean isAnonymous(String label) {
        return label != null && ANONYMOUS_LABEL.matcher(label.trim()).matches();
    }

    /** The speaker of {@code line}, by the precedence above; {@code cues} are the line's text's. */
    static Speaker of(TurnAssemblyState state, TranscriptLine line, OperatorCue.Reading cues) {
        String label = line.getSpeakerLabel();
        Speaker identified = label == null ? null : state.getIdentified().get(label);
        if (identified != null) {
            return Speaker.newBuilder(identified).build();
        }
        if (isAnonymous(label) && cues.readsOperatorScript()) {
            return operator(label);
        }
        Speaker cued = label == null ? null : state.getCued().get(label);
        if (cued != null) {
            return Speaker.newBuilder(cued).build();
        }
        // A role the source states (a participants list, an "Analyst" title) beats one read from an affiliation.
        Role role = line.getSpeakerRole() != Role.UNKNOWN ? line.getSpeakerRole()
                : new RoleResolver(state.getCompany()).resolve(label, line.getAffiliation());
        String name = role == Role.OPERATOR || label == null || isAnonymous(label) ? null : label;
        return Speaker.newBuilder()
                .setLabel(label)
                .setName(name)
                .setAffiliation(line.getAffiliation())
                .setRole(role)
                .build();
    }

    /**
     * A line of the open turn that reads the operator's script, by an anonymous voice the turn did not already
     * show as the operator (the first sentence was "Thank you.", the second introduces the next caller).
     */
    static boolean revealsOperator(Speaker open, TranscriptLine line, OperatorCue.Reading cues,
            TurnAssemblyState state) {
        String label = line.getSpeakerLabel();
        return open.getRole() != Role.OPERATOR && isAnonymous(label) && !state.getIdentified().containsKey(label)
                && cues.readsOperatorScript();
    }

    static Speaker operator(String label) {
        return Speaker.newBuilder().setLabel(label).setName(null).setAffiliation(null).setRole(Role.OPERATOR).build();
    }

    /** The speaker a SpeakerIdentified event names; its role, where not given, is read from the affiliation. */
    static Speaker identified(TurnAssemblyState state, SpeakerIdentified event) {
        Role role = event.getRole() != Role.UNKNOWN ? event.getRole()
                : new RoleResolver(state.getCompany()).resolve(event.getName(), event.getAffiliation());
        return Speaker.newBuilder()
                .setLabel(event.getSpeakerLabel())
                .setName(event.getName())
                .setAffiliation(event.getAffiliation())
                .setRole(role)
                .build();
    }

    /**
     * Called for every applied line: remembers the label as heard and, where the line introduces the next caller,
     * keeps the introduction for the next voice, ending earlier anonymous cues (a diarised label is only trusted
     * within one exchange).
     */
    static void afterLine(TurnAssemblyState state, TranscriptLine line, OperatorCue.Reading cues) {
        String label = line.getSpeakerLabel();
        if (label != null && !state.getHeardLabels().contains(label)) {
            List<String> heard = new ArrayList<>(state.getHeardLabels());
            heard.add(label);
            state.setHeardLabels(heard);
        }
        cues.introduction().ifPresent(intro -> {
            Map<String, Speaker> cued = new HashMap<>(state.getCued());
            cued.keySet().removeIf(Speakers::isAnonymous);
            state.setCued(cued);
            // The label held is the introducer's, so that their own next turn (a section change) does not take it.
            state.setPendingIntroduction(Speaker.newBuilder().setLabel(label).setName(intro.analystName())
                    .setAffiliation(intro.firm()).setRole(Role.ANALYST).build());
        });
    }

    /**
     * Called before a new turn starts with {@code line}: hands a waiting introduction to its voice where the cue is
     * reliable (see the class comment), and drops it either way, since only the next voice can be its analyst. A
     * source that says who the speaker is (an affiliation, a role) is not overridden.
     */
    static void beforeTurn(TurnAssemblyState state, TranscriptLine line) {
        Speaker intro = state.getPendingIntroduction();
        String label = line.getSpeakerLabel();
        if (intro == null || label == null || label.equals(intro.getLabel())) {
            return;
        }
        state.setPendingIntroduction(null);
        if (state.getIdentified().containsKey(label) || line.getAffiliation() != null
                || line.getSpeakerRole() != Role.UNKNOWN) {
            return;
        }
        boolean newVoice = isAnonymous(label) && !state.getHeardLabels().contains(label);
        boolean namedAsIntroduced = !isAnonymous(label) && Names.sameLastName(intro.getName(), label);
        if (newVoice || namedAsIntroduced) {
            Map<String, Speaker> cued = new HashMap<>(state.getCued());
            // A label the source names keeps its own spelling; the introduction adds the firm and the role.
            cued.put(label, Speaker.newBuilder(intro).setLabel(label)
                    .setName(namedAsIntroduced ? label : intro.getName()).build());
            state.setCued(cued);
        }
    }
}
