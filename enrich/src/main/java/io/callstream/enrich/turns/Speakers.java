package io.callstream.enrich.turns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerIdentified;
import io.callstream.avro.TranscriptLine;
import io.callstream.avro.state.TurnAssemblyState;
import io.callstream.enrich.roles.Names;
import io.callstream.enrich.roles.OperatorCue;
import io.callstream.enrich.roles.RoleChoice;
import io.callstream.enrich.roles.RoleResolver;
import io.callstream.enrich.roles.SelfIntroduction;
import io.callstream.enrich.roles.SideCue;

/**
 * Decides who speaks a line, as a listener would, from the strongest evidence there is; each speaker carries the
 * reason for its role ({@code Speaker.roleReason}):
 * <ol>
 *   <li>a SpeakerIdentified event for the label;</li>
 *   <li>a voice the source does not describe introducing itself as the call's company's ("my name is Indira Diaz,
 *       Cementos Argos IRO");</li>
 *   <li>the operator's script in the line itself ({@link OperatorCue}): the OPERATOR, unnamed. For an anonymous
 *       label any of the script; for a named one, handing callers the floor (a host may say the call is recorded).
 *       Decided per line, since diarised sources reuse a label for two voices;</li>
 *   <li>the analyst the operator introduced, given to the caller's voice: a new one, or one carrying the introduced
 *       last name (a company voice greeting the caller first leaves it waiting);</li>
 *   <li>the line as the source sent it: a stated role, else one read from the affiliation ({@link RoleResolver});</li>
 *   <li>else how the call uses the voice ({@link #fromCall}): a firm it names for itself, words only one side says,
 *       its label's earlier role, whom the last turn handed the floor to, else the company's.</li>
 * </ol>
 * A label is a name only where the source names a person.
 */
final class Speakers {

    /** Labels that number a voice rather than name a person ("Speaker 3"). */
    private static final Pattern ANONYMOUS_LABEL = Pattern.compile("(?i)speaker\\s*\\d+");

    private Speakers() {
    }

    static boolean isAnonymous(String label) {
        return label != null && ANONYMOUS_LABEL.matcher(label.trim()).matches();
    }

    /** A turn's speaker, and whether its label keeps the role for later turns ({@link RoleChoice#lasting}). */
    record Decision(Speaker speaker, boolean lasting) {
    }

    /** The speaker of {@code line}, by the precedence above; {@code cues} are the line's text's. */
    static Decision of(TurnAssemblyState state, TranscriptLine line, OperatorCue.Reading cues) {
        String label = line.getSpeakerLabel();
        Speaker identified = label == null ? null : state.getIdentified().get(label);
        if (identified != null) {
            return new Decision(Speaker.newBuilder(identified).build(), true);
        }
        Speaker cued = label == null ? null : state.getCued().get(label);
        RoleResolver company = new RoleResolver(state.getCompany());
        Optional<RoleChoice> own = ownCompany(state, line, company);
        if (own.isPresent()) {
            return new Decision(speaker(line, own.get()), true);
        }
        if (readsScriptUndescribed(line, cues, state) && (cued == null || isAnonymous(label))) {
            return new Decision(operator(label), true);
        }
        if (cued != null) {
            return new Decision(Speaker.newBuilder(cued).build(), true);
        }
        // A role the source states (a participants list, an "Analyst" title) beats one read from an affiliation.
        RoleChoice choice = line.getSpeakerRole() != Role.UNKNOWN
                ? new RoleChoice(line.getSpeakerRole(), "stated by the source")
                : company.choose(label, line.getAffiliation());
        if (!choice.decided()) {
            choice = fromCall(state, line, company);
        }
        return new Decision(speaker(line, choice), choice.lasting());
    }

    private static Speaker speaker(TranscriptLine line, RoleChoice choice) {
        String label = line.getSpeakerLabel();
        String name = choice.role() == Role.OPERATOR || label == null || isAnonymous(label) ? null : label;
        return Speaker.newBuilder()
                .setLabel(label)
                .setName(name)
                .setAffiliation(line.getAffiliation())
                .setRole(choice.role())
                .setRoleReason(choice.reason())
                .build();
    }

    /**
     * A voice the source does not describe that introduces itself as the call's company's ("My name is Indira Diaz,
     * Cementos Argos IRO"): the company's, whatever script it then reads (a host may give the keypad instructions).
     */
    private static Optional<RoleChoice> ownCompany(TurnAssemblyState state, TranscriptLine line,
            RoleResolver company) {
        if (line.getAffiliation() != null || line.getSpeakerRole() != Role.UNKNOWN || state.getCompany() == null) {
            return Optional.empty();
        }
        return SelfIntroduction.firmAndTitle(line.getText())
                .map(firm -> company.choose(line.getSpeakerLabel(), firm))
                .filter(choice -> choice.role() == Role.EXECUTIVE);
    }

    /**
     * Whether the line reads the operator's script and its source says nothing of who speaks: an anonymous label,
     * or a name with no affiliation or stated role (a transcript names the operator "Danny").
     */
    private static boolean readsScriptUndescribed(TranscriptLine line, OperatorCue.Reading cues,
            TurnAssemblyState state) {
        if (line.getAffiliation() != null || line.getSpeakerRole() != Role.UNKNOWN) {
            return false;
        }
        String label = line.getSpeakerLabel();
        if (label == null || isAnonymous(label)) {
            return cues.readsOperatorScript();
        }
        // A named voice the call has not shown to be the company's: handing callers the floor is enough.
        boolean provenCompany = state.getLabelRoles().get(label) == Role.EXECUTIVE
                && !state.getTentativeLabels().contains(label);
        return cues.handlesCalls() || !provenCompany && cues.handlesCallsLoosely();
    }

    /**
     * The role of a voice the source does not describe (no role, no affiliation that settles it), from how the call
     * uses it, as a listener would: a firm it names for itself; words only a caller or the company says; the role its
     * label had before (unless that was a guess); for a new voice, whom the last turn handed the floor to (the
     * company's next speaker, or a caller once the company has spoken), a line of thanks for an answer (a caller),
     * the call's first welcome by the company's name (the operator); else the company's, since everyone on an
     * earnings call who is not introduced as a caller speaks for the company. The line of thanks, the welcome and the
     * last are guesses for this turn alone ({@link RoleChoice#forThisTurn}).
     */
    private static RoleChoice fromCall(TurnAssemblyState state, TranscriptLine line, RoleResolver company) {
        String label = line.getSpeakerLabel();
        Optional<String> firm = SelfIntroduction.firm(line.getText());
        if (firm.isPresent()) {
            RoleChoice byFirm = company.choose(label, firm.get());
            return byFirm.decided() ? byFirm
                    : new RoleChoice(Role.ANALYST, "introduces themselves with a firm ('" + firm.get() + "')");
        }
        Role side = SideCue.of(line.getText());
        if (side != Role.UNKNOWN) {
            return new RoleChoice(side, side == Role.ANALYST
                    ? "opens as a caller does (thanks for taking the question, counts their questions)"
                    : "opens as the company does (thanks the caller for the question, answers it)");
        }
        Role before = label == null || state.getTentativeLabels().contains(label) ? null
                : state.getLabelRoles().get(label);
        if (before != null && before != Role.UNKNOWN) {
            return new RoleChoice(before, "the same label had this role at its earlier turns");
        }
        boolean inQuestions = line.getSection() == Section.QUESTIONS_AND_ANSWERS;
        boolean newVoice = label == null || !state.getHeardLabels().contains(label);
        if (newVoice && state.getNextVoiceRole() == Role.EXECUTIVE) {
            return new RoleChoice(Role.EXECUTIVE, "a new voice right after the call was handed to the company's next "
                    + "speaker");
        }
        // Before the company has spoken, the operator hands the call to its host (the keypad instructions come in
        // the welcome); after, the floor goes only to callers.
        boolean companySpoke = inQuestions || state.getLabelRoles().containsValue(Role.EXECUTIVE);
        if (newVoice && companySpoke && state.getNextVoiceRole() == Role.ANALYST) {
            return new RoleChoice(Role.ANALYST, "a new voice right after the floor was handed to the next caller");
        }
        if (newVoice && companySpoke && state.getLastTurnRole() == Role.OPERATOR) {
            return new RoleChoice(Role.ANALYST, "a new voice right after the operator, once the company has spoken");
        }
        if (newVoice && inQuestions && state.getLastTurnRole() == Role.EXECUTIVE
                && SideCue.takesInAnswer(line.getText())) {
            return RoleChoice.forThisTurn(Role.ANALYST, "a new voice in the Q&A thanking the company for an answer");
        }
        if (newVoice && state.getHeardLabels().isEmpty() && OperatorCue.welcomesToTheCompany(line.getText())) {
            return RoleChoice.forThisTurn(Role.OPERATOR, "opens the call welcoming everyone to the company's call by "
                    + "name, as the operator does (a host says 'our call')");
        }
        return RoleChoice.forThisTurn(Role.EXECUTIVE, inQuestions
                ? "speaks in the Q&A without being introduced as a caller"
                : "speaks before the questions, which is the company's part of the call");
    }

    /**
     * Whether the label has already spoken for the company or as the operator: such a voice, greeting the caller
     * just introduced ("Hello, Mark?"), leaves the floor to them.
     */
    private static boolean isCompanySide(TurnAssemblyState state, String label) {
        Role before = label == null ? null : state.getLabelRoles().get(label);
        return before == Role.EXECUTIVE || before == Role.OPERATOR;
    }

    /** Called when a turn begins: the call remembers the role its voice was given, and who has the floor. */
    static void began(TurnAssemblyState state, Decision decision) {
        Speaker speaker = decision.speaker();
        String label = speaker.getLabel();
        state.setLastTurnRole(speaker.getRole());
        if (!isCompanySide(state, label)) {
            state.setNextVoiceRole(Role.UNKNOWN); // taken by this voice (a company voice greeting the caller keeps it)
        }
        if (label == null || speaker.getRole() == Role.UNKNOWN) {
            return;
        }
        Role before = state.getLabelRoles().get(label);
        boolean tentative = state.getTentativeLabels().contains(label);
        // The operator's script is read line by line: a known voice reading it once (a diarised label carrying the
        // operator's words) stays what it was.
        boolean scriptOnly = speaker.getRole() == Role.OPERATOR && before != null;
        // A guess for this turn alone is kept as the label's role only until evidence about the voice comes.
        boolean keeps = decision.lasting() ? !scriptOnly : before == null || tentative;
        if (keeps && speaker.getRole() != before) {
            Map<String, Role> roles = new HashMap<>(state.getLabelRoles());
            roles.put(label, speaker.getRole());
            state.setLabelRoles(roles);
        }
        if (keeps && decision.lasting() == tentative) {
            List<String> guessed = new ArrayList<>(state.getTentativeLabels());
            if (tentative) {
                guessed.remove(label);
            } else {
                guessed.add(label);
            }
            state.setTentativeLabels(guessed);
        }
    }

    /**
     * A line of the open turn that reads the operator's script, by an anonymous voice the turn did not already
     * show as the operator (the first sentence was "Thank you.", the second introduces the next caller).
     */
    static boolean revealsOperator(Speaker open, TranscriptLine line, OperatorCue.Reading cues,
            TurnAssemblyState state) {
        String label = line.getSpeakerLabel();
        return open.getRole() != Role.OPERATOR && !state.getIdentified().containsKey(label)
                && readsScriptUndescribed(line, cues, state);
    }

    static Speaker operator(String label) {
        return Speaker.newBuilder().setLabel(label).setName(null).setAffiliation(null).setRole(Role.OPERATOR)
                .setRoleReason("reads the operator's script").build();
    }

    /** The speaker a SpeakerIdentified event names; its role, where not given, is read from the affiliation. */
    static Speaker identified(TurnAssemblyState state, SpeakerIdentified event) {
        RoleChoice choice = event.getRole() != Role.UNKNOWN
                ? new RoleChoice(event.getRole(), "stated by a SpeakerIdentified event")
                : new RoleResolver(state.getCompany()).choose(event.getName(), event.getAffiliation());
        return Speaker.newBuilder()
                .setLabel(event.getSpeakerLabel())
                .setName(event.getName())
                .setAffiliation(event.getAffiliation())
                .setRole(choice.role())
                .setRoleReason(choice.reason())
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
        Role floor = cues.handsFloorTo();
        if (floor != Role.UNKNOWN) {
            state.setNextVoiceRole(floor);
        }
        cues.introduction().ifPresent(intro -> {
            Map<String, Speaker> cued = new HashMap<>(state.getCued());
            cued.keySet().removeIf(Speakers::isAnonymous);
            state.setCued(cued);
            // The label held is the introducer's, so that their own next turn (a section change) does not take it.
            state.setPendingIntroduction(Speaker.newBuilder().setLabel(label).setName(intro.analystName())
                    .setAffiliation(intro.firm()).setRole(Role.ANALYST)
                    .setRoleReason("the operator introduced " + intro.analystName() + " of " + intro.firm()
                            + " as the next caller")
                    .build());
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
        boolean namedAsIntroduced = !isAnonymous(label) && Names.sameLastName(intro.getName(), label);
        if (!namedAsIntroduced && state.getHeardLabels().contains(label) && isCompanySide(state, label)) {
            return; // a company voice greeting the caller: the introduction waits for the caller's voice
        }
        state.setPendingIntroduction(null);
        if (state.getIdentified().containsKey(label) || line.getAffiliation() != null
                || line.getSpeakerRole() != Role.UNKNOWN) {
            return;
        }
        boolean newVoice = isAnonymous(label) && !state.getHeardLabels().contains(label);
        if (newVoice || namedAsIntroduced) {
            Map<String, Speaker> cued = new HashMap<>(state.getCued());
            // A label the source names keeps its own spelling; the introduction adds the firm and the role.
            cued.put(label, Speaker.newBuilder(intro).setLabel(label)
                    .setName(namedAsIntroduced ? label : intro.getName()).build());
            state.setCued(cued);
        }
    }
}
