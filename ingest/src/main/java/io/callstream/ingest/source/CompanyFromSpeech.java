package io.callstream.ingest.source;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.schemas.calls.CompanySource;
import io.callstream.schemas.calls.OrganisationNames;
import io.callstream.ingest.parse.Affiliations;
import io.callstream.ingest.parse.ParsedLine;

/**
 * The company of a call as its speech shows it, for a transcript whose title and the user say nothing: as a person
 * reading it would tell, from
 * <ol>
 *   <li>the organisation in the affiliation shared by the most people speaking before the questions (the prepared
 *       remarks are the company's; a caller's firm shows up only once the Q&amp;A opens), a job title being no
 *       organisation ({@link Affiliations}), else</li>
 *   <li>the operator's welcome ("welcome to the Tesla fourth quarter 2016 financial results call").</li>
 * </ol>
 * Nothing is read where neither is there: an unknown company stays unknown.
 */
final class CompanyFromSpeech {

    /** A company and where it was read ({@link CompanySource}). */
    record Reading(String company, String source) {
    }

    /** The words that open the questions in a line with no section: the operator's first introduction. */
    private static final Pattern OPENS_QUESTIONS = Pattern.compile(
            "(?i)\\b(question(s)? (comes?|is|will come) from|question from|from the line of|first question|"
                    + "question-and-answer session|question and answer session|open (it|the (call|line|floor)) "
                    + "(up )?(for|to) questions)\\b");
    /** Lines read for a welcome: it comes in the operator's first words. */
    private static final int WELCOME_LINES = 6;
    private static final Pattern WELCOME = Pattern.compile(
            "\\b[Ww]elcome(?: everyone| all| you)? to (?:the |today's |this )?(?<company>\\p{Lu}[\\p{L}\\p{N}&.,'\\- ]{0,60}?)"
                    + "(?:'s|’s)? (?i:(?:fiscal|first|second|third|fourth|full|final|q[1-4]|(?:19|20)\\d\\d|f?y\\d\\d|"
                    + "quarter|quarterly|year|half|annual|interim|earnings|financial|results|conference|investor|"
                    + "business|preliminary|\\d(?:st|nd|rd|th))\\b)");

    private CompanyFromSpeech() {
    }

    static Optional<Reading> read(List<ParsedLine> lines) {
        Optional<String> shared = sharedAffiliation(lines);
        if (shared.isPresent()) {
            return Optional.of(new Reading(shared.get(), CompanySource.AFFILIATIONS));
        }
        return welcome(lines).map(company -> new Reading(company, CompanySource.WELCOME));
    }

    /** The affiliation of the most speakers before the questions open; the first heard wins a tie. */
    static Optional<String> sharedAffiliation(List<ParsedLine> lines) {
        if (lines.stream().allMatch(line -> line.affiliation() == null)) {
            return Optional.empty(); // most layouts name no firm: spared a look for the questions in every line
        }
        Map<String, String> spelling = new LinkedHashMap<>();
        Map<String, Set<String>> speakers = new HashMap<>();
        for (ParsedLine line : lines) {
            if (line.section() == Section.QUESTIONS_AND_ANSWERS || line.role() == Role.ANALYST
                    || OPENS_QUESTIONS.matcher(line.text()).find()) {
                break;
            }
            if (line.affiliation() == null || line.speakerLabel() == null || line.role() == Role.OPERATOR) {
                continue;
            }
            Optional<String> organisation = Affiliations.organisation(line.affiliation());
            String key = organisation.map(OrganisationNames::key).orElse("");
            if (!key.isEmpty()) {
                spelling.putIfAbsent(key, organisation.get());
                speakers.computeIfAbsent(key, k -> new HashSet<>()).add(line.speakerLabel());
            }
        }
        String best = null;
        for (String key : spelling.keySet()) {
            if (best == null || speakers.get(key).size() > speakers.get(best).size()) {
                best = key;
            }
        }
        return Optional.ofNullable(best).map(spelling::get);
    }

    /** The company the operator welcomes the listeners to, in the call's first lines. */
    static Optional<String> welcome(List<ParsedLine> lines) {
        for (ParsedLine line : lines.subList(0, Math.min(WELCOME_LINES, lines.size()))) {
            Matcher m = WELCOME.matcher(line.text());
            if (m.find()) {
                String company = m.group("company").strip().replaceAll("[,.]$", "");
                if (!company.isEmpty() && company.split("\\s+").length <= 6) {
                    return Optional.of(company);
                }
            }
        }
        return Optional.empty();
    }
}
