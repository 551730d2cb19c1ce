package io.callstream.enrich.numbers;

import static io.callstream.enrich.text.StartScan.combinations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.NumberKind;
import io.callstream.avro.NumberMention;
import io.callstream.avro.Span;
import io.callstream.enrich.qa.DeclinePhrases;
import io.callstream.enrich.text.Blanks;
import io.callstream.enrich.text.AnyWord;
import io.callstream.enrich.text.StartScan;

/**
 * Finds a guidance-like statement: words by which a speaker states what the company expects, plans or targets
 * ("we expect", "we're targeting", "should be able to", "I feel pretty confident that we should", "guidance",
 * "on track to", "by the end of this year" beside a verb of intent). Stateless; the patterns are compiled once.
 *
 * <p>Not guidance: a question (a sentence ending in "?", such as an analyst's "do you expect ..."); the safe-harbor
 * disclaimer ("forward-looking statements ... actual results may differ materially"), which says that guidance may
 * follow, not what it is; past and reported expectations ("as we expected", "we said we will"); and the call's own
 * agenda ("we will now begin the question-and-answer session", "we'll take your questions").
 */
public final class ForwardLooking {

    private static final String APOSTROPHE = "['\u2019]";
    /** A date to come: "the end of this year", "the second half of next year", "next quarter", "the next 3 months". */
    private static final String DATE = "(?:(?:(?:end|middle|beginning|start)\\s+of\\s+(?:the\\s+)?)?"
            + "(?:(?:(?:first|second|back)\\s+half|(?:first|second|third|fourth)\\s+quarter)\\s+of\\s+)?"
            + "(?:this\\s+year|next\\s+(?:year|quarter))"
            + "|next\\s+(?:few\\s+|couple\\s+of\\s+|\\d+\\s+|\\w+\\s+)?(?:months|quarters|years))";
    private static final String ADVERBS = "(?:\\s+(?:also|still|now|continue\\s+to|do|currently|fully|certainly|really"
            + "|generally|definitely|further|actually|would))*";

    /** The cues, each one way of stating an expectation; case-insensitive. */
    private static final List<Pattern> CUES = List.of(
            // "we expect", "I would expect", "we'd anticipate", "we continue to expect", "we plan to", "we target"
            Pattern.compile("(?i)\\b(?:we|I)(?:" + APOSTROPHE + "d)?" + ADVERBS
                    + "\\s+(?:expect|anticipate|project|forecast|target|plan|intend|aim)\\b"),
            // "we're expecting", "we are targeting", "I'm planning", "we're looking to", "we're on track"
            Pattern.compile("(?i)\\b(?:(?:we" + APOSTROPHE + "re|we\\s+are|I" + APOSTROPHE + "m|I\\s+am)"
                    + "(?:\\s+(?:also|still|now|currently|very\\s+much))?\\s+(?:expecting|anticipating|targeting"
                    + "|planning|projecting|forecasting|aiming|on\\s+track)|(?:we" + APOSTROPHE + "re|we\\s+are)"
                    + "(?:\\s+(?:also|still|now|currently))?\\s+(?:looking\\s+to|hoping))\\b"),
            // "we will", "we'll", "we're going to", "we are going to": unless what follows is the call's agenda
            Pattern.compile("(?i)\\bwe(?:" + APOSTROPHE + "ll|\\s+will|\\s+shall|" + APOSTROPHE + "re\\s+going\\s+to"
                    + "|\\s+are\\s+going\\s+to|" + APOSTROPHE + "re\\s+gonna|\\s+are\\s+gonna)\\b"),
            // "should be able to", "we should get", "it should be profitable", "margins should improve"
            Pattern.compile("(?i)\\bshould\\s+be\\s+able\\s+to\\b"),
            Pattern.compile("(?i)\\b(?:we|it|that|this|they|margins?|revenues?|sales|volumes?|production|costs?)"
                    + "\\s+should\\s+(?:get|reach|hit|achieve|deliver|see|start|begin|ramp|grow|increase|improve"
                    + "|decline|come\\s+down|go\\s+up|build|produce|make|ship|sell|generate|launch|open|complete"
                    + "|finish|return|have(?!\\s+(?:been|done|had|seen|made|known|gotten|got|taken|said|thought))"
                    + "|be\\s+(?:at|in|around|about|up|down|profitable|positive|ready|done|complete|higher|lower"
                    + "|better|flat))\\b"),
            // "I feel pretty confident that we should", "I'm confident it'll", "we remain confident that we will"
            Pattern.compile("(?i)\\b(?:I|we)(?:" + APOSTROPHE + "m|" + APOSTROPHE + "re|\\s+am|\\s+are|\\s+feel"
                    + "|\\s+remain)?(?:\\s+\\w+){0,2}?\\s+confident\\s+(?:that\\s+)?(?:we|it|this|they|the\\s+\\w+)"
                    + "\\s*(?:will|" + APOSTROPHE + "ll|should|can|would|are\\s+going\\s+to|" + APOSTROPHE
                    + "re\\s+going\\s+to)\\b"),
            // "on track to", "on track for"
            Pattern.compile("(?i)\\bon\\s+track\\s+(?:to|for)\\b"),
            // "our guidance", "our full-year outlook", "we are raising our guidance", "we keep the guidance": the
            // company's own, not an analyst's "thank you for the guidance"
            Pattern.compile("(?i)\\b(?:our|we(?:" + APOSTROPHE + "re|\\s+are)?(?:\\s+\\w+){1,3}?)(?:\\s+[\\w-]+){0,2}?"
                    + "\\s+(?:guidance|outlook)\\b"),
            // "by the end of this year", "by 2020", "at the end of this year", "in the second half of next year":
            // a date to come, when a verb of intent is in the sentence ("it will ramp ... at the end of this year").
            // After "in" or "at" only a date that says it is to come: "in Q2" is as often a quarter reported.
            Pattern.compile("(?i)\\b(?:(?:by|before|until|within)\\s+(?:the\\s+)?(?:" + DATE + "|(?:end|middle)\\s+of"
                    + "\\s+the\\s+(?:year|quarter|decade)|year[\\s-]end|(?:19|20)\\d\\d|Q[1-4]|mid-(?:19|20)\\d\\d"
                    + "|(?:first|second|back)\\s+half)|(?:in|at|during)\\s+(?:the\\s+)?" + DATE + ")\\b"));

    /** The first words of {@link #DATE}'s branches. */
    private static final List<String> DATE_STARTS = List.of("end", "middle", "beginning", "start", "first", "second",
            "back", "third", "fourth", "this", "next");

    /**
     * Where a match of each cue may start: each starts with {@code \b} and then, ignoring ASCII case, its words as
     * each branch spells them out, up to the first word the cue leaves open ({@code \w+}), a space standing for a run
     * of {@code \s} ({@link StartScan#prefixes}): so "we" is tried only before a word that its cue allows there
     * ("we expect", "we'd also", "we're targeting", "we will", "we should"), "in" only before a date to come.
     */
    private static final List<StartScan.Starts> CUE_STARTS = List.of(
            // "we" or "I", maybe "'d", then an adverb of ADVERBS or the verb
            cueStarts(combinations(List.of("we", "i"), List.of("", "'d", "\u2019d"), List.of(" "), List.of("also",
                    "still", "now", "continue", "do", "currently", "fully", "certainly", "really", "generally",
                    "definitely", "further", "actually", "would", "expect", "anticipate", "project", "forecast",
                    "target", "plan", "intend", "aim"))),
            // "we're", "we are", "I'm" or "I am", then an adverb or the verb
            cueStarts(combinations(List.of("we're", "we\u2019re", "we are", "i'm", "i\u2019m", "i am"), List.of(" "),
                    List.of("also", "still", "now", "currently", "very", "expecting", "anticipating", "targeting",
                            "planning", "projecting", "forecasting", "aiming", "on", "looking", "hoping"))),
            cueStarts(List.of("we'll", "we\u2019ll", "we will", "we shall", "we're going", "we\u2019re going",
                    "we are going", "we're gonna", "we\u2019re gonna", "we are gonna")),
            cueStarts(List.of("should be able to")),
            cueStarts(combinations(List.of("we", "it", "that", "this", "they", "margin", "margins", "revenue",
                    "revenues", "sales", "volume", "volumes", "production", "cost", "costs"), List.of(" should "))),
            // any words may come between "we" and "confident": see CUE_WORDS
            cueStarts(List.of("we ", "we'", "we\u2019", "i ", "i'", "i\u2019")),
            cueStarts(List.of("on track to", "on track for")),
            // any words may come between "our" or "we" and "guidance": see CUE_WORDS
            cueStarts(List.of("our ", "we ", "we'", "we\u2019")),
            // "by", "before", "until" or "within", maybe "the", then a date to come, "the end of the year", "year-end",
            // a year, a quarter or a half; "in", "at" or "during", maybe "the", then a date to come
            cueStarts(concat(combinations(List.of("by ", "before ", "until ", "within "), List.of("", "the "),
                            concat(DATE_STARTS, List.of("year", "19", "20", "q1", "q2", "q3", "q4", "mid-"))),
                    combinations(List.of("in ", "at ", "during "), List.of("", "the "), DATE_STARTS))));

    /**
     * Per cue, words of which a sentence must hold one (in ASCII lower case) for the cue to match in it, where its
     * start words leave it open: a cue with none is scanned in every sentence. "confident" and "guidance" or
     * "outlook" are spelled out in every match of their cues, which ignore ASCII case only.
     */
    private static final List<List<String>> CUE_WORDS = List.of(List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of("confident"), List.of(), List.of("guidance", "outlook"), List.of());

    /** By ASCII character, the cues (bits) whose matches may start with it; none starts with another. */
    private static final long[] CUE_FIRST = StartScan.firstCharacters(CUE_STARTS);

    private static StartScan.Starts cueStarts(List<String> prefixes) {
        return StartScan.prefixes(true, prefixes.toArray(String[]::new));
    }

    private static List<String> concat(List<String> some, List<String> more) {
        List<String> all = new ArrayList<>(some);
        all.addAll(more);
        return all;
    }

    private static final int TARGET_DATE = CUES.size() - 1;
    private static final int GUIDANCE_WORD = CUES.size() - 2;
    private static final int WE_WILL = 2;
    /**
     * The cues that say little alone ("we'll continue to look for opportunities", "our guidance page"): they count
     * only in a sentence that also names an amount or a period to come, as guidance does.
     */
    private static final Set<Integer> NEED_AN_ANCHOR = Set.of(WE_WILL, GUIDANCE_WORD);
    private static final NumberExtractor NUMBERS = new NumberExtractor();

    private static final Pattern INTENT = Pattern.compile("(?i)\\b(?:will|" + APOSTROPHE + "ll|should|shall"
            + "|expect\\w*|plan\\w*|going\\s+to|gonna|intend\\w*|aim\\w*|target\\w*|hope|anticipate\\w*|want\\s+to"
            + "|need\\s+to)\\b");

    /** The disclaimer read at the start of a call: it names forward-looking statements, it does not make them. */
    private static final Pattern SAFE_HARBOR = Pattern.compile("(?i)forward[\\s-]looking\\s+(?:statements?"
            + "|information|comments)|safe\\s+harbou?r|actual\\s+(?:results|events|outcomes)\\s+(?:may|could|might"
            + "|will)\\s+(?:differ|vary)|risks?\\s+and\\s+uncertaint|undue\\s+reliance|(?:obligation|duty|intention)"
            + "\\s+to\\s+(?:publicly\\s+)?(?:update|revise)|Securities\\s+Litigation\\s+Reform"
            + "|cautionary\\s+(?:statement|note|language)|differ\\s+materially|materially\\s+different");

    /** What follows "we will" when it announces the call's agenda rather than the company's plans. */
    private static final Pattern AGENDA = Pattern.compile("(?i)^\\s+(?:now|then|(?:also\\s+|first\\s+|briefly\\s+)?"
            + "(?:conduct|begin|open|turn|hear|take\\s+(?:\\w+\\s+){0,2}questions?|take\\s+(?:the\\s+|our\\s+)?next"
            + "|be\\s+(?:referencing|referring|discussing|taking|happy|glad|hosting|posting|making\\s+(?:some\\s+)?"
            + "(?:forward|comments|remarks)|conducting|opening|joined|available)|refer|reference|discuss|review|go"
            + "\\s+(?:to|ahead|back|through|over)|start\\s+(?:with|by|the|our|off)|cover|talk|walk|get\\s+back|hand"
            + "|pass|move\\s+on|continue\\s+(?:with|to\\s+the)|answer|pause|see|try|let|follow\\s+up|touch|come\\s+back"
            + "|circle\\s+back|provide\\s+(?:an?\\s+)?(?:update|overview|summary|brief|more\\s+detail)|give\\s+you"
            + "|share\\s+(?:some|a\\s+few|our)|highlight|spend|limit|ask|host|close|end|wrap|comment|record"
            // "we will not disclose", "we'll have to see", "we'll just stand by that": no plan stated
            + "|not|never|have\\s+to\\s+(?:see|wait)|just\\s+(?:see|stand|have\\s+to)|stand))\\b");

    /** Words before a cue that make it reported, hypothetical or asked rather than stated. */
    private static final Pattern NOT_STATED_BEFORE = Pattern.compile("(?i)(?:\\b(?:said|told\\s+\\w+|mentioned"
            + "|noted|indicated|promised|stated|thought|hoped|guided|assumed)(?:\\s+that)?|\\b(?:if|whether|unless"
            + "|when|know|do|did|does|what\\s+do|how\\s+do))\\s*$");

    /** "we are withdrawing our guidance", "we've suspended our outlook": no guidance given. */
    private static final Pattern DEMURS = Pattern.compile("(?i)\\b(?:withdr[ae]w|suspend|pull|pulled|scrap)");

    /** "no guidance", "not give guidance", "without guidance". */
    private static final Pattern NO_GUIDANCE_BEFORE =
            Pattern.compile("(?i)\\b(?:no|not|without|any)\\s+(?:\\w+\\s+)?$");

    /** The first words of the branches of {@link #SAFE_HARBOR}, whose every match starts with one. */
    private static final StartScan.Starts SAFE_HARBOR_STARTS = StartScan.prefixes(false, "forward", "safe ", "actual ",
            "risk", "undue ", "obligation ", "duty ", "intention ", "securities ", "cautionary ", "differ ",
            "materially ");

    /**
     * Those first words, of which a sentence with the disclaimer holds one in any ASCII case (the pattern ignores
     * ASCII case only): most sentences hold none, and are not scanned for it.
     */
    private static final List<String> SAFE_HARBOR_WORDS = List.of("forward", "safe", "actual", "risk", "undue",
            "obligation", "duty", "intention", "securities", "cautionary", "differ", "materially");

    /**
     * Each cue's {@link #CUE_WORDS} (group {@code cue}) and then the disclaimer's first words, looked for in a
     * sentence in one pass, in any ASCII case (as the patterns read them).
     */
    private static final AnyWord SENTENCE_WORDS = AnyWord.ofGroups(java.util.stream.Stream.concat(
            CUE_WORDS.stream(), java.util.stream.Stream.of(SAFE_HARBOR_WORDS)).toList());

    private static final Pattern SENTENCE_END = Pattern.compile("[.?!\u2026]+['\"\u2019\u201d)]*(?=\\s|$)");
    private static final int LOOK_BACK = 40;

    private ForwardLooking() {
    }

    /** The first guidance-like cue in {@code text}, as a span whose offsets index {@code text} exactly. */
    public static Optional<Span> find(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return read(text, 0).statement();
    }

    /**
     * What {@link #find} reads from the sentences of {@code text} that start at {@code from} on.
     *
     * @param statement the first cue in those sentences, as {@link #find} reports it
     * @param closed    whether that cue's sentence is closed: a sentence end is read after it and before the end of
     *                  the text, so no text appended can change the sentence or what it says
     * @param open      where the first sentence that is not closed starts: a longer text that starts with this
     *                  one has the same sentences before it
     * @param ended     whether that sentence, the last one read, ends in a sentence end at the end of the text: then
     *                  a longer text that starts with this one and goes on with a space ({@code \s}) has it whole,
     *                  as it is here. The sentence end matches there again, since none of its characters is a space
     *                  and its lookahead sees a space where it saw the end; and no match can start before it there
     *                  that could not here, for the same reason.
     */
    record Reading(Optional<Span> statement, boolean closed, int open, boolean ended) {
    }

    /**
     * Reads the sentences of {@code text} from {@code from} on, {@code from} being a sentence start (0, or the
     * {@link Reading#open} of a text this one extends). A sentence is read alone: its cues, the words before them
     * and its numbers never look outside it, so a closed sentence reads the same in any longer text.
     */
    static Reading read(String text, int from) {
        return read(text, from, false);
    }

    /**
     * {@link #find} as it was first written: each cue's pattern found at every offset of a sentence, cue after cue.
     * The reference the one pass over the word starts is tested against.
     */
    static Optional<Span> findCueByCue(String text) {
        return text == null || text.isBlank() ? Optional.empty() : read(text, 0, true).statement();
    }

    private static Reading read(String text, int from, boolean cueByCue) {
        int start = from;
        while (start < text.length()) {
            // from the last sentence end: the same as find() after that match, since no match is empty
            int sentenceEnd = endOfSentence(text, start);
            boolean ended = sentenceEnd >= 0;
            int stop = ended ? sentenceEnd : text.length();
            Optional<Span> cue = cueByCue ? inSentenceCueByCue(text, start, stop) : inSentence(text, start, stop);
            if (cue.isPresent()) {
                return new Reading(cue, stop < text.length(), start, ended && stop == text.length());
            }
            if (stop == text.length()) {
                return new Reading(Optional.empty(), false, start, ended);
            }
            start = stop;
        }
        return new Reading(Optional.empty(), false, start, false);
    }

    /** How many cues there are, for {@link #cueMatches}. */
    static int cues() {
        return CUES.size();
    }

    /**
     * The offsets (start, end, start, end, ...) of the successive matches in {@code region} of cue {@code cue}, or of
     * the safe-harbor pattern for cue -1: found as {@link #inSentence} finds them, or as they were first found (each
     * pattern tried at every offset) where {@code everyOffset}. For the test that the two agree.
     */
    static List<Integer> cueMatches(String region, int cue, boolean everyOffset) {
        List<Integer> found = new ArrayList<>();
        if (everyOffset) {
            Matcher m = (cue < 0 ? SAFE_HARBOR : CUES.get(cue)).matcher(region);
            while (m.find()) {
                found.add(m.start());
                found.add(m.end());
            }
            return found;
        }
        if (cue < 0) {
            if (!new Sentence(region).mayHoldSafeHarbor()) {
                return found;
            }
            StartScan.Attempts attempts = new StartScan.Attempts(SAFE_HARBOR, region);
            int next = 0;
            while (StartScan.find(attempts, region, next, SAFE_HARBOR_STARTS)) {
                Matcher m = attempts.matcher();
                next = m.end();
                found.add(m.start());
                found.add(m.end());
            }
            return found;
        }
        Sentence sentence = new Sentence(region);
        if (!sentence.mayHold(cue)) {
            return found;
        }
        StartScan.Attempts attempts = new StartScan.Attempts(CUES.get(cue), region);
        int next = 0;
        while (sentence.find(attempts, cue, next, region.length())) {
            Matcher m = attempts.matcher();
            next = m.end();
            found.add(m.start());
            found.add(m.end());
        }
        return found;
    }

    /**
     * A sentence's text as its cues are scanned: its word starts, found once for all the cues
     * ({@link StartScan.WordStarts}), and its lower case for {@link #CUE_WORDS}, made where a cue first needs it.
     */
    private static final class Sentence {

        final StartScan.WordStarts words;
        private final String region;
        /** {@link #words()}, -1 until asked. */
        private long wordsFound = -1;

        Sentence(String region) {
            this.region = region;
            this.words = new StartScan.WordStarts(region, 0, region.length());
        }

        /**
         * Whether cue {@code cue} may match in the sentence: false only where it lacks each of its
         * {@link #CUE_WORDS}, in any ASCII case.
         */
        boolean mayHold(int cue) {
            return CUE_WORDS.get(cue).isEmpty() || (words() & 1L << cue) != 0;
        }

        /** Whether the sentence may hold the disclaimer: false only where it lacks each of its first words. */
        boolean mayHoldSafeHarbor() {
            return (words() & 1L << CUE_WORDS.size()) != 0;
        }

        /** {@link #SENTENCE_WORDS} in the sentence, found in one pass at the first ask. */
        private long words() {
            if (wordsFound < 0) {
                wordsFound = SENTENCE_WORDS.groupsIn(region);
            }
            return wordsFound;
        }

        /** {@link StartScan#find} of cue {@code cue}'s attempts {@code m} over the sentence, at its word starts. */
        boolean find(StartScan.Attempts m, int cue, int from, int until) {
            return StartScan.find(m, words, from, until, CUE_STARTS.get(cue));
        }
    }

    /** The sentence ends {@link #read} splits a text at ({@link #endOfSentence}): the reference it is tested against. */
    static Pattern sentenceEnd() {
        return SENTENCE_END;
    }

    /**
     * Where the first sentence end ({@link #SENTENCE_END}) at or after {@code from} ends, or -1 where none is: as a
     * matcher's {@code find(from)} and {@code end()} give it, without a regex engine trying the pattern at every
     * offset. A match at an offset takes the run of stops ({@code [.?!…]+}) there and then the run of closers
     * ({@code ['"’”)]*}), and needs after them a space or the end ({@code (?=\s|$)}): giving back a stop or a closer
     * leaves one of them for the lookahead, which is neither, so the longest runs are the only try, and every offset
     * in them fails as the first does (a closer starts no match). {@code $} fits at the text's end, and before a line
     * terminator that ends it: "\n" and "\r" are spaces anyway, U+0085, U+2028 and U+2029 are not.
     */
    static int endOfSentence(String text, int from) {
        int length = text.length();
        int at = from;
        while (at < length) {
            if (!isStop(text.charAt(at))) {
                at++;
                continue;
            }
            int end = at;
            while (end < length && isStop(text.charAt(end))) {
                end++;
            }
            while (end < length && isCloser(text.charAt(end))) {
                end++;
            }
            if (end == length || Blanks.isBlank(text.charAt(end))
                    || end == length - 1 && isFinalLineTerminator(text.charAt(end))) {
                return end;
            }
            at = end; // neither a stop nor a closer
        }
        return -1;
    }

    private static boolean isStop(char c) {
        return c == '.' || c == '?' || c == '!' || c == '\u2026';
    }

    private static boolean isCloser(char c) {
        return c == '\'' || c == '"' || c == '\u2019' || c == '\u201d' || c == ')';
    }

    /** The line terminators before which {@code $} fits at a text's end, other than those of {@code \s}. */
    private static boolean isFinalLineTerminator(char c) {
        return c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /** Whether {@code text} states guidance-like expectations anywhere. */
    public static boolean isForwardLooking(String text) {
        return find(text).isPresent();
    }

    /** {@link #inSentence} as it was first written: see {@link #findCueByCue}. */
    private static Optional<Span> inSentenceCueByCue(String text, int start, int end) {
        String region = text.substring(start, end);
        String sentence = region.strip();
        if (sentence.isEmpty() || sentence.endsWith("?")) {
            return Optional.empty();
        }
        int bestStart = Integer.MAX_VALUE;
        int bestEnd = -1;
        for (int i = 0; i < CUES.size(); i++) {
            Matcher m = CUES.get(i).matcher(region);
            // A match starting at bestStart or later ends the search for this cue, as one not found does.
            while (m.find() && start + m.start() < bestStart) {
                int cueStart = start + m.start();
                int cueEnd = start + m.end();
                if (stated(text, start, end, cueStart, cueEnd, m.group(), i)) {
                    bestStart = cueStart;
                    bestEnd = cueEnd;
                    break;
                }
            }
        }
        if (bestEnd < 0 || SAFE_HARBOR.matcher(sentence).find()) {
            return Optional.empty();
        }
        return Optional.of(Span.newBuilder().setStart(bestStart).setEnd(bestEnd)
                .setText(text.substring(bestStart, bestEnd)).build());
    }

    private static Optional<Span> inSentence(String text, int start, int end) {
        // A matcher with the region [start, end) and opaque bounds (as the cues were first found) sees just what a
        // matcher of the region's text sees: the cues are found in it, tried only where one can start (StartScan).
        String region = text.substring(start, end);
        String sentence = region.strip();
        if (sentence.isEmpty() || sentence.endsWith("?")) {
            return Optional.empty();
        }
        Sentence scanned = new Sentence(region);
        long cues = 0;
        for (int i = 0; i < CUES.size(); i++) {
            cues |= scanned.mayHold(i) ? 1L << i : 0; // where it may not, a scan would find no match
        }
        // The statement is the first stated match of the cue whose first stated match starts first (the first cue of
        // those starting there): each cue's scan, match after match from the end of the last, in one pass over the
        // sentence's word starts, where each cue's matches come in the order its own scan finds them. So the first
        // stated match the pass meets is it, and the pass ends there.
        StartScan.WordStarts words = scanned.words;
        StartScan.Attempts[] attempts = new StartScan.Attempts[CUES.size()];
        int[] next = new int[CUES.size()];
        int bestStart = Integer.MAX_VALUE;
        int bestEnd = -1;
        for (int k = 0; k < words.count() && bestEnd < 0 && cues != 0; k++) {
            int at = words.offset(k);
            char c = region.charAt(at);
            boolean wordStart = StartScan.isWordStart(c); // else a mark
            // bit by bit, not by numberOfTrailingZeros: the quick compiler has no intrinsic for it
            long fit = (c < 128 ? CUE_FIRST[c] : 0) & cues;
            for (int i = 0; fit != 0; i++, fit >>>= 1) {
                if ((fit & 1) == 0) {
                    continue;
                }
                StartScan.Starts starts = CUE_STARTS.get(i);
                if (at < next[i] || !(wordStart ? starts.mayStartAtWordStart(region, at) : starts.mayStartAt(region, at))) {
                    continue;
                }
                if (attempts[i] == null) {
                    attempts[i] = new StartScan.Attempts(CUES.get(i), region);
                }
                if (attempts[i].matchesAt(at)) {
                    Matcher m = attempts[i].matcher();
                    next[i] = m.end();
                    int cueStart = start + m.start();
                    int cueEnd = start + m.end();
                    if (stated(text, start, end, cueStart, cueEnd, m.group(), i)) {
                        bestStart = cueStart;
                        bestEnd = cueEnd;
                        break;
                    }
                }
            }
        }
        // A sentence with the disclaimer states nothing. Asked only of a sentence with a cue (most have none): the
        // reading of the cues is the same either way. The stripped sentence is the region but for spaces around it:
        // its disclaimer's words are the region's.
        if (bestEnd < 0 || scanned.mayHoldSafeHarbor()
                && StartScan.find(new StartScan.Attempts(SAFE_HARBOR, sentence), sentence, 0, SAFE_HARBOR_STARTS)) {
            return Optional.empty();
        }
        return Optional.of(Span.newBuilder().setStart(bestStart).setEnd(bestEnd)
                .setText(text.substring(bestStart, bestEnd)).build());
    }

    /** Whether the cue {@code m} (of {@code CUES.get(cue)}) in the sentence {@code [start, end)} states guidance. */
    private static boolean stated(String text, int start, int end, int cueStart, int cueEnd, String cueText,
                                  int cue) {
        String before = text.substring(Math.max(start, cueStart - LOOK_BACK), cueStart);
        if (NOT_STATED_BEFORE.matcher(before).find()) {
            return false;
        }
        String sentence = text.substring(start, end);
        if (cue == WE_WILL && (AGENDA.matcher(text.substring(cueEnd, end)).find()
                || DeclinePhrases.find(sentence).isPresent())) {
            return false; // "we will now take questions", "we'll reserve announcements for later"
        }
        if (cue == GUIDANCE_WORD && (NO_GUIDANCE_BEFORE.matcher(before).find() || DEMURS.matcher(cueText).find()
                || DeclinePhrases.find(sentence).isPresent())) {
            return false;
        }
        if (cue == TARGET_DATE && !INTENT.matcher(sentence).find()) {
            return false;
        }
        return !NEED_AN_ANCHOR.contains(cue) || anchored(sentence);
    }

    /** Whether the sentence names an amount, or a period that is not past ("last year", "a year ago"). */
    private static boolean anchored(String sentence) {
        for (NumberMention n : NUMBERS.find(sentence)) {
            boolean past = n.getKind() == NumberKind.PERIOD
                    && (n.getNormalized().startsWith("last-") || n.getNormalized().contains("-ago"));
            if (n.getKind() != NumberKind.OTHER && !past) {
                return true;
            }
        }
        return false;
    }
}
