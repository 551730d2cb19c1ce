package io.callstream.enrich.roles;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.Role;
import io.callstream.enrich.text.AnyWord;
import io.callstream.enrich.text.Blanks;
import io.callstream.enrich.text.RequiredWords;
import io.callstream.enrich.text.StartScan;

/**
 * Reads the operator's cues: who asks next ("our next question comes from the line of Adam Jonas with Morgan
 * Stanley") and whether the questions begin. Pure and stateless.
 *
 * <p>It never guesses: a name must be written out in capitalised words (an ASR "&lt;unk&gt;" or "&lt;inaudible&gt;"
 * makes the cue unreadable and yields nothing), and the firm must follow a connector ("with", "from", "of", "at")
 * or a comma before "your line is open".
 */
public final class OperatorCue {

    /** An analyst and firm as the operator introduced them. */
    public record Introduction(String analystName, String firm) {
    }

    // A name: 1-4 capitalised words (initials, hyphens, apostrophes allowed), or lower-case particles between them.
    private static final String NAME =
            "(?<name>\\p{Lu}[\\p{L}'\\-.]*(?:\\s+(?:(?:van|von|de|der|den|da|del|di|du|le|la)\\s+)?\\p{Lu}[\\p{L}'\\-.]*){0,3}?)";
    // A firm: up to the end of its sentence or clause. A dot inside a word ("J.P.") or after an initial
    // ("Robert W. Baird") does not end it.
    private static final String FIRM = "(?<firm>(?:[^.,;?!<>]|\\.(?=\\S)|(?<=\\b\\p{Lu})\\.)+?)";
    // The end of a firm: punctuation then a space or the end, but not the dot after an initial ("J.P. Morgan").
    private static final String FIRM_END = "(?<!\\b\\p{Lu})(?=\\s*(?:[.,;?!](?:\\s|$)|$))";
    private static final String CONNECTOR = ",?\\s+(?i:with|from|of|at)\\s+";
    private static final String LINE_OF = "(?:(?i:the\\s+line\\s+of)\\s+)?";

    /**
     * An introduction pattern, words every match of it holds ({@code words}, looked for in the text before it is
     * cleaned: cleaning only puts a space for what it removes, so it joins no words), and phrases one of which every
     * match of it holds in the cleaned text lower-cased ({@code phrases}): where the text lacks either, the pattern is
     * not tried, which spares the lazy name matching on most text. A phrase is a run of the pattern's fixed words with
     * one space where the pattern has {@code \\s+} (the cleaned text has single spaces only), chosen not to start
     * with a common word ("first question", not "the first question"): each is looked for wherever its first two
     * characters are. {@code OperatorCueTest}
     * checks on real calls that every match holds both.
     */
    record Introducing(Pattern pattern, RequiredWords words, List<String> phrases) {
    }

    static final List<Introducing> INTRODUCTIONS = List.of(
            // "our next question comes from (the line of) X with Y", "the first question is from X from Y",
            // "our last question will come from X from Y", "your next question comes from ..."
            new Introducing(Pattern.compile("(?i:(?:our|the|your|and\\s+the)\\s+(?:first|next|last|final|following)\\s+question"
                    + "\\s+(?:will\\s+come|comes|is|is\\s+coming)\\s+from),?\\s+" + LINE_OF + NAME + CONNECTOR + FIRM
                    + FIRM_END),
                    RequiredWords.anyOf("question").andAnyOf("from"),
                    List.of("question will come from", "question comes from", "question is from",
                            "question is coming from")),
            // "we'll go to X with Y", "we'll take our next question from X, of Y"
            new Introducing(Pattern.compile("(?i:we(?:'ll|\u2019ll|\\s+will)\\s+(?:go\\s+(?:next\\s+)?to|take\\s+(?:our|the)\\s+"
                    + "(?:first|next|last|final)\\s+question\\s+from)),?\\s+" + LINE_OF + NAME + CONNECTOR + FIRM
                    + FIRM_END),
                    RequiredWords.anyOf("we").andAnyOf("go", "take"),
                    // not "we'll go": a phrase starting with a common word is tried at every one of them
                    List.of("'ll go ", "\u2019ll go ", "will go ", "'ll take ", "\u2019ll take ", "will take ")),
            // "for our first question, we have X from Y"
            new Introducing(Pattern.compile("(?i:(?:for|with)\\s+(?:our|the)\\s+(?:first|next|last|final)\\s+question),?\\s+"
                    + "(?i:we\\s+have|we(?:'ll|\u2019ll)\\s+go\\s+to|it(?:'s|\\s+is))\\s+" + LINE_OF + NAME + CONNECTOR + FIRM
                    + FIRM_END),
                    RequiredWords.anyOf("question").andAnyOf("for", "with"),
                    List.of("first question", "next question", "last question", "final question")),
            // "X with Y, your line is open" / "X, Y, your line is open"
            new Introducing(Pattern.compile("(?:^|[.?!]\\s+)" + NAME + "(?:" + CONNECTOR + "|,\\s+)" + FIRM
                    + ",\\s+(?i:your\\s+line\\s+is\\s+(?:now\\s+)?open)"),
                    RequiredWords.anyOf("your").andAnyOf("line").andAnyOf("open"),
                    List.of("your line is open", "your line is now open")));

    // Every introduction pattern holds one of these words; most text holds none, and this scan is far cheaper than
    // the patterns' lazy name matching (a profile showed the patterns taking a quarter of enrich's time). The reference
    // for mayIntroduce, which finds the same by hand at a fraction of a regex scan's cost.
    static final Pattern MAY_INTRODUCE = Pattern.compile("(?i)question|line|go\\s");

    // The operator's hand-over words around an introduction; removed so they cannot end up in a firm.
    static final Pattern TRAILERS = Pattern.compile(
            "(?i)\\b(?:please\\s+go\\s+ahead(?:,\\s+sir|,\\s+ma'am)?|please\\s+proceed(?:\\s+with\\s+your\\s+question)?"
                    + "|go\\s+ahead)\\s*[.!]?");


    private static final String QA_WORDS = "\\b(?:question[-\\s]+and[-\\s]+answer|q\\s*&\\s*a|questions)\\b";
    // "... for your questions after the presentation": an announcement of the Q&A, not its opening.
    private static final String ANNOUNCED = "(?![^.?!]{0,40}\\b(?:after|later|at\\s+the\\s+end|following|during)\\b)";
    static final Pattern OPENS = Pattern.compile(
            "(?i)\\b(?:(?:(?:we|you)(?:\\s+will|'ll|\u2019ll)\\s+now\\s+(?:begin|start|open|move\\s+to|take)"
                    + "|(?:we|I)(?:\\s+will|'ll|\u2019ll|\\s+would\\s+like\\s+to|'d\\s+like\\s+to)\\s+(?:now\\s+)?open\\s+"
                    + "(?:it\\s+up|up|(?:the\\s+)?(?:floor|line|lines|call))"
                    + "|at\\s+this\\s+time,?\\s+(?:we|I)(?:\\s+will|'ll|\u2019ll)\\s+(?:now\\s+)?(?:be\\s+)?"
                    + "(?:conduct(?:ing)?|begin(?:ning)?|open(?:ing)?|start(?:ing)?)"
                    + "|let'?s\\s+(?:now\\s+)?(?:begin|start|open))"
                    + "[^.?!]{0,40}?" + QA_WORDS + ANNOUNCED
                    // "... happy to take your questions", but not "... after the presentation" (an announcement)
                    + "|(?:happy|pleased|glad)\\s+to\\s+(?:now\\s+)?(?:take|answer)\\s+(?:your\\s+|any\\s+)?questions"
                    + ANNOUNCED
                    + "|(?:we\\s+are\\s+going\\s+to|we(?:'ll|\u2019ll|\\s+will)\\s+now)\\s+(?:entertain|take)\\s+"
                    + "(?:your\\s+|any\\s+)?questions)");

    // Words only a conference operator says: keypad instructions, the listen-only notice, opening a caller's line,
    // the sign-off. A host from the company may welcome people or open the Q&A, so those are not enough.
    static final Pattern OPERATOR_SCRIPT = Pattern.compile(
            "(?i)\\b(?:press(?:ing)?\\s+(?:the\\s+)?(?:star|\\*)|listen[-\\s]only\\s+mode"
                    + "|your\\s+line\\s+is\\s+(?:now\\s+)?(?:open|live)"
                    + "|(?:this|today's|today\u2019s)\\s+(?:conference|call)\\s+(?:is\\s+)?(?:now\\s+)?(?:being\\s+recorded|concluded)"
                    + "|you\\s+may\\s+(?:all\\s+)?(?:now\\s+)?disconnect"
                    // the conference service's own voice before the call: the hold message, the check-in
                    + "|thank(?:s|\\s+you)\\s+for\\s+(?:holding|waiting)|please\\s+(?:hold|stay\\s+on)\\s+the\\s+line"
                    + "|conferencing\\s+system|conference\\s+center|from\\s+the\\s+line\\s+of"
                    + "|(?:next|first|last|final)\\s+question\\s+(?:comes|is|will\\s+come|is\\s+coming)\\s+(?:from|on)\\s+the\\s+line"
                    + "|register\\s+for\\s+(?:a\\s+)?questions?)");

    // The part of the script no company host reads: keypad instructions, a caller's line opened or introduced, the
    // sign-off. A host may say the call is recorded, or listen-only, so those do not make a named voice the operator.
    static final Pattern CALL_HANDLING = Pattern.compile(
            "(?i)\\b(?:press(?:ing)?\\s+(?:the\\s+)?(?:star|\\*)|your\\s+line\\s+is\\s+(?:now\\s+)?(?:open|live)"
                    + "|(?:next|first|last|final)\\s+question\\s+(?:comes|is|will\\s+come|will\\s+be|is\\s+coming)\\s+from"
                    + "|take\\s+(?:our|the)\\s+(?:next|first|last|final)\\s+question\\s+from"
                    + "|you\\s+may\\s+(?:all\\s+)?(?:now\\s+)?disconnect)");
    // Words that hand the call to the company's next speaker, whoever says them: the operator to the host, the host
    // to the chief executive.
    static final Pattern HANDS_TO_COMPANY = Pattern.compile(
            "(?i)\\b(?:(?:turn|hand|pass)(?:ing)?\\s+(?:(?:the|this|today's)\\s+)?(?:call|conference|floor|meeting|it|"
                    + "program|presentation|webcast|line)?\\s*over\\s+to|hand(?:ing)?\\s+(?:the\\s+)?(?:call|conference|floor)"
                    + "\\s+to|(?:would|'d|\u2019d)\\s+(?:now\\s+)?like\\s+to\\s+introduce|pleasure\\s+to\\s+(?:introduce|welcome))");
    // "Good day, and welcome to the Affimed second quarter 2020 financial results call": the company by its name, not
    // "our call", in the call's first words.
    private static final Pattern WELCOMES_TO_COMPANY = Pattern.compile(
            "\\b(?i:welcome)\\s+(?:(?i:everyone|all|you)\\s+)?(?i:to)\\s+(?:(?i:the)\\s+)?(?!(?i:our|my|this|today)\\b)\\p{Lu}");
    private static final Opening WELCOME_OPENING = new Opening(200, List.of("welcome"));

    /** Whether the opening words of {@code text} welcome people to a call by the company's name. */
    public static boolean welcomesToTheCompany(String text) {
        String opening = WELCOME_OPENING.of(text);
        return opening != null && WELCOMES_TO_COMPANY.matcher(opening).find();
    }

    /** How much of a line's end {@link Reading#handsFloorTo} reads. */
    private static final int HANDING_TAIL_CHARS = 300;
    // Words that hand the floor to the next caller, whoever says them (the operator, or a company host).
    static final Pattern INVITES_CALLER = Pattern.compile(
            "(?i)\\b(?:(?:next|first|last|final)\\s+questions?\\b[^.?!]{0,30}?\\b(?:from|comes|is|we\\s+have)\\b"
                    + "|(?:take|go\\s+to)\\s+(?:our|the)\\s+(?:next|first|last|final)\\s+question"
                    + "|press(?:ing)?\\s+(?:the\\s+)?(?:star|\\*)|your\\s+line\\s+is\\s+(?:now\\s+)?(?:open|live)"
                    + "|go\\s+ahead\\s+with\\s+your\\s+question)");
    /**
     * The words {@link #OPERATOR_SCRIPT}'s matches start with, after its {@code \\b} (a space standing for a run of
     * {@code \\s}, {@link StartScan#prefixes}): a find tries the pattern only where one starts.
     */
    private static final StartScan.Starts SCRIPT_STARTS = StartScan.prefixes(true, "press", "listen", "your line",
            "this conference", "this call", "today's", "today\u2019s", "you may", "thank you for holding", "thanks for holding", "thank you for waiting",
            "thanks for waiting", "please hold",
            "please stay", "conferencing", "conference center", "from the line", "next question", "first question",
            "last question", "final question", "register");

    /**
     * False where {@link #INVITES_CALLER} cannot match: each of its branches holds one of these phrases, its words
     * apart by a run of blanks, which is one space once the blanks are collapsed (at no cost where they are already).
     */
    static boolean mayInviteCaller(String lowerCase) {
        return Opening.holdsAny(Blanks.collapse(lowerCase), CALLER_PHRASES);
    }

    private static final List<String> CALLER_PHRASES = List.of("next question", "first question", "last question",
            "final question", "press", "your line", "with your question");

    /**
     * The words one of which every match of {@link #INVITES_CALLER} holds (group 0: each of its branches holds
     * "question", "press" or "line", single words, so that a run of blanks between a branch's words cannot hide it)
     * and of {@link #HANDS_TO_COMPANY} (group 1), looked for in one pass over a line's tail.
     */
    private static final AnyWord HANDING_WORDS = AnyWord.ofGroups(List.of(List.of("question", "press", "line"),
            List.of("over", "hand", "introduce", "pleasure")));

    /** The words {@link #INVITES_CALLER}'s matches start with, after its {@code \\b}: as {@link #SCRIPT_STARTS}. */
    private static final StartScan.Starts INVITES_STARTS = StartScan.prefixes(true, "next", "first", "last", "final",
            "take", "go", "press", "your");

    /** The words of {@link #HANDS_TO_COMPANY}'s matches that start a word, after its {@code \\b}. */
    private static final StartScan.Starts HANDING_WORD_STARTS = StartScan.prefixes(true, "turn", "hand", "pass",
            "would", "pleasure");

    /**
     * Where a match of {@link #HANDS_TO_COMPANY} may start: a word of {@link #HANDING_WORD_STARTS}, or the apostrophe
     * of "I'd" ("'d" or "\u2019d", any case), which its {@code \\b} wants after a word character. Taken for one
     * where the character before is a combining mark or half of a surrogate pair too, which the regex may count as
     * part of a word: a start test may let through where no match starts, never the other way.
     */
    private static final StartScan.Starts HANDS_STARTS = new StartScan.Starts() {
        private final boolean[] first = firstOfHanding();

        @Override
        public boolean[] first() {
            return first;
        }

        @Override
        public boolean nonAscii() {
            return true; // the curly apostrophe
        }

        @Override
        public boolean mayStartAt(String text, int at) {
            char c = text.charAt(at);
            if (c == '\'' || c == '\u2019') {
                if (at == 0 || at + 1 >= text.length() || (text.charAt(at + 1) | 0x20) != 'd') {
                    return false;
                }
                // a word character to \b on some JDK: any letter or digit, '_', and leniently a mark or a surrogate
                char before = text.charAt(at - 1);
                return Character.isLetterOrDigit(before) || before == '_' || Character.isSurrogate(before)
                        || Character.getType(before) == Character.NON_SPACING_MARK;
            }
            return c < 128 && HANDING_WORD_STARTS.mayStartAt(text, at);
        }

        @Override
        public int words() {
            return HANDING_WORD_STARTS.words();
        }
    };

    private static boolean[] firstOfHanding() {
        boolean[] first = HANDING_WORD_STARTS.first().clone();
        first['\''] = true;
        return first;
    }

    /** The start of the last match of {@link #INVITES_CALLER} in {@code text}, -1 where there is none. */
    static int lastInvitation(String text) {
        return lastStart(new StartScan.Attempts(INVITES_CALLER, text), text, INVITES_STARTS);
    }

    /** The start of the last match of {@link #HANDS_TO_COMPANY} in {@code text}, -1 where there is none. */
    static int lastHandOver(String text) {
        return lastStart(new StartScan.Attempts(HANDS_TO_COMPANY, text), text, HANDS_STARTS);
    }

    /**
     * The start of the last match in {@code text}, each found after the one before as {@link Matcher#find()} finds
     * them (no match is empty), tried only where {@code starts} lets a match start ({@link StartScan}).
     */
    private static int lastStart(StartScan.Attempts attempts, String text, StartScan.Starts starts) {
        int start = -1;
        int from = 0;
        while (StartScan.find(attempts, text, from, starts)) {
            start = attempts.matcher().start();
            from = attempts.matcher().end();
        }
        return start;
    }

    /** The words {@link #OPENS}'s matches start with, after its {@code \\b}: as {@link #SCRIPT_STARTS}. */
    private static final StartScan.Starts OPENS_STARTS = StartScan.prefixes(true, "we ", "we'", "we\u2019", "you ",
            "you'", "you\u2019", "i ", "i'", "i\u2019", "at this time", "let", "happy", "pleased", "glad");

    private OperatorCue() {
    }

    /** Whether {@link #OPERATOR_SCRIPT} finds a match in {@code text}, tried only where one can start. */
    static boolean findsScript(String text) {
        return StartScan.find(new StartScan.Attempts(OPERATOR_SCRIPT, text), text, 0, SCRIPT_STARTS);
    }

    /** Whether {@link #OPENS} finds a match in {@code text}, tried only where one can start. */
    static boolean findsOpening(String text) {
        return StartScan.find(new StartScan.Attempts(OPENS, text), text, 0, OPENS_STARTS);
    }

    /**
     * True where the text is the conference operator's script: an introduction of the next caller, keypad
     * instructions, the listen-only notice, "your line is open", the sign-off. Used to recognise the operator behind
     * an anonymous label ("Speaker 1") from what they say.
     */
    public static boolean readsOperatorScript(String text) {
        return new Reading(text).readsOperatorScript();
    }

    /** The analyst and firm the text introduces, if it is an introduction the rules can read without guessing. */
    public static Optional<Introduction> introduction(String text) {
        return new Reading(text).introduction();
    }

    /** True for the cue that opens the Q&amp;A: "we will now begin the question-and-answer session", a first introduction. */
    public static boolean opensQuestions(String text) {
        return new Reading(text).opensQuestions();
    }

    /** The cues of {@code text}, each read at its first ask and kept for the next. */
    public static Reading reading(String text) {
        return new Reading(text);
    }

    /**
     * One text's cues, as the static methods read them, each read at its first ask and kept: the turn assembler asks
     * up to three of them of a line (whether it opens the questions, reads the operator's script, introduces the next
     * caller), and each asks for the introduction. Not thread-safe; one per text and reader.
     */
    public static final class Reading {

        private final String text;
        private final boolean blank;
        private String lowerCase;
        private Optional<Introduction> introduction;
        /** {@link #prefilters}, -1 until asked. */
        private long prefilters = -1;

        private Reading(String text) {
            this.text = text;
            this.blank = text == null || text.isBlank();
        }

        /** See {@link OperatorCue#readsOperatorScript(String)}. */
        public boolean readsOperatorScript() {
            return !blank && ((prefilters() & READS_SCRIPT) != 0 && findsScript(text) || introduction().isPresent());
        }

        /**
         * True where the text handles callers as only the conference operator does (keypad instructions, a line
         * opened, the next caller introduced, the sign-off): enough to take a named voice for the operator.
         */
        public boolean handlesCalls() {
            return !blank && (prefilters() & READS_SCRIPT) != 0 && readsOperatorScript()
                    && (introduction().isPresent() || CALL_HANDLING.matcher(text).find());
        }

        /**
         * True where the text hands callers the floor as the operator does ({@link #CALL_HANDLING}, an introduction),
         * with none of the rest of the script: enough for a voice the call has not yet shown to be the company's; a
         * host known as the company's may moderate so too.
         */
        public boolean handlesCallsLoosely() {
            return !blank && (introduction().isPresent()
                    || mayInviteCaller(lowerCase()) && CALL_HANDLING.matcher(text).find());
        }

        /**
         * Whom the text hands the floor to, by its last words that do: a caller (ANALYST: "next question is from",
         * keypad instructions, "your line is open", an introduction), the company's next speaker (EXECUTIVE: "I'll
         * turn the call over to our CEO"), or no one (UNKNOWN).
         */
        public Role handsFloorTo() {
            if (blank) {
                return Role.UNKNOWN;
            }
            // The floor is handed at the end of what someone says: only a line's last words are read, which also
            // keeps an executive's "to answer your first question" mid-paragraph from counting.
            int from = Math.max(0, text.length() - HANDING_TAIL_CHARS);
            String tail = text.substring(from);
            String lower = lowerCase();
            // Lower-casing keeps a text's length but for rare letters; where it did not, the tail is lowered anew.
            String lowerTail = lower.length() == text.length() ? lower.substring(from) : OperatorCue.lowerCase(tail);
            // Every match of each pattern holds one of its words, and most lines none: the scans are spared on them.
            long handing = HANDING_WORDS.groupsIn(lowerTail);
            int caller = (handing & 1) != 0 ? lastInvitation(tail) : -1;
            if (caller < 0 && introduction().isPresent()) {
                caller = 0;
            }
            int company = (handing & 2) != 0 ? lastHandOver(tail) : -1;
            if (caller < 0 && company < 0) {
                return Role.UNKNOWN;
            }
            return caller > company ? Role.ANALYST : Role.EXECUTIVE;
        }

        /** See {@link OperatorCue#introduction(String)}. */
        public Optional<Introduction> introduction() {
            if (introduction == null) {
                introduction = blank || (prefilters() & INTRODUCES) == 0 ? Optional.empty()
                        : OperatorCue.introduction(text, lowerCase(), prefilters());
            }
            return introduction;
        }

        /** See {@link OperatorCue#opensQuestions(String)}. */
        public boolean opensQuestions() {
            return !blank && ((prefilters() & OPENS_QUESTIONS) != 0 && findsOpening(text)
                    || introduction().isPresent());
        }

        /** What the text may hold, by its words: {@link #PREFILTERS}, one pass for the three cues and cleaning. */
        private long prefilters() {
            if (prefilters < 0) {
                prefilters = PREFILTERS.groupsIn(lowerCase());
            }
            return prefilters;
        }

        private String lowerCase() {
            if (lowerCase == null) {
                lowerCase = OperatorCue.lowerCase(text);
            }
            return lowerCase;
        }
    }

    /**
     * The introduction of a text that {@link #mayIntroduce}, whose lower case is {@code lowerCase} and whose
     * {@link #PREFILTERS} groups are {@code prefilters}.
     */
    private static Optional<Introduction> introduction(String text, String lowerCase, long prefilters) {
        // Cleaning changes a text only where it may hold a hand-over ("ahead", "proceed") or a blank to collapse, and
        // then but for blanks around it, which hold no phrase's word: most texts, a whole turn among them, are
        // already clean, and the phrases found in the pass over the text are the cleaned text's (or more).
        boolean mayChange = (prefilters & (MAY_TRAIL | TO_COLLAPSE)) != 0;
        String cleaned = mayChange ? cleaned(text, lowerCase) : text.trim();
        // The phrases first: a long turn holds every pattern's words somewhere, and seldom a phrase.
        long mayMatch = mayChange && !cleaned.equals(text)
                ? INTRODUCTION_PHRASES.groupsIn(lowerCase(cleaned)) : prefilters >>> PHRASES;
        if (mayMatch != 0) {
            mayMatch &= INTRODUCTION_WORDS.mayMatch(lowerCase);
        }
        for (int i = 0; i < INTRODUCTIONS.size(); i++) {
            if ((mayMatch & 1L << i) == 0) {
                continue;
            }
            Introducing introducing = INTRODUCTIONS.get(i);
            Matcher m = introducing.pattern().matcher(cleaned);
            if (m.find()) {
                String firm = m.group("firm").trim();
                if (!firm.isEmpty()) {
                    return Optional.of(new Introduction(m.group("name").trim(), firm));
                }
            }
        }
        return Optional.empty();
    }

    /** The phrases of every introduction pattern, by pattern, looked for in one pass. */
    private static final AnyWord INTRODUCTION_PHRASES = AnyWord.ofGroups(
            INTRODUCTIONS.stream().map(Introducing::phrases).toList());

    /** The words of every introduction pattern, looked for in one pass. */
    private static final RequiredWords.OnePass INTRODUCTION_WORDS = RequiredWords.OnePass.of(
            INTRODUCTIONS.stream().map(Introducing::words).toList());

    /**
     * The text with the hand-over words taken out and every run of blanks made one space, trimmed. Each regex
     * replacement runs only where it can change something: every {@link #TRAILERS} match holds "go" and "ahead", or
     * "please" and "proceed", with blanks between ({@link #mayHoldTrailer}), and {@link Blanks#collapse} scans only
     * where a blank is to replace. Most turns hold neither, and the two scans cost a tenth of enrich.
     * {@code lowerCase} is {@link #lowerCase} of the text.
     */
    static String cleaned(String text, String lowerCase) {
        String kept = mayHoldTrailer(lowerCase) ? TRAILERS.matcher(text).replaceAll(" ") : text;
        return Blanks.collapse(kept).trim();
    }

    /**
     * False where {@link #TRAILERS} cannot match: each of its branches holds "go", blanks, "ahead" or "please",
     * blanks, "proceed". "Ahead" alone is common in what executives say ("ahead of plan"), "go ahead" is not.
     */
    static boolean mayHoldTrailer(String lowerCase) {
        return Blanks.holdsWordsApart(lowerCase, "go", "ahead") || Blanks.holdsWordsApart(lowerCase, "please", "proceed");
    }

    /**
     * False where {@link #OPERATOR_SCRIPT} cannot match: each of its branches holds one of these words ("press",
     * "listen", "line", "record" of "recorded", "conclud" of "concluded", "disconnect"), and most turns hold none.
     */
    static boolean mayReadScript(String lowerCase) {
        return (PREFILTERS.groupsIn(lowerCase, READS_SCRIPT) & READS_SCRIPT) != 0;
    }

    /**
     * False where {@link #OPENS} cannot match: each of its branches ends in "questions" or in the words of
     * {@code QA_WORDS}, which hold "question" or an '&amp;'.
     */
    static boolean mayOpenQuestions(String lowerCase) {
        return (PREFILTERS.groupsIn(lowerCase, OPENS_QUESTIONS) & OPENS_QUESTIONS) != 0;
    }

    /** Whether {@link #MAY_INTRODUCE} finds something in {@code text}. */
    static boolean mayIntroduce(String lowerCase) {
        return (PREFILTERS.groupsIn(lowerCase, INTRODUCES) & INTRODUCES) != 0;
    }

    /** The bits of {@link #PREFILTERS}' groups; the introductions' phrases follow, one group each. */
    private static final long INTRODUCES = 1;
    private static final long READS_SCRIPT = 2;
    private static final long OPENS_QUESTIONS = 4;
    private static final long MAY_TRAIL = 8;
    private static final long TO_COLLAPSE = 16;
    private static final int PHRASES = 5;

    /**
     * The words of the prefilters, as groups for one pass over a text's lower case ({@link Reading}):
     * {@link #MAY_INTRODUCE}'s ("go" with each blank of {@code \\s} after it), {@link #mayReadScript}'s,
     * {@link #mayOpenQuestions}'s; a word every hand-over {@link #TRAILERS} removes holds; what
     * {@link Blanks#collapse} changes (two spaces, a blank but a space); then each introduction's phrases.
     */
    private static final AnyWord PREFILTERS = AnyWord.ofGroups(java.util.stream.Stream.concat(java.util.stream.Stream.of(
            List.of("question", "line", "go ", "go\t", "go\n", "go\u000B", "go\f", "go\r"),
            List.of("press", "listen", "line", "record", "conclud", "disconnect", "holding", "waiting",
                    "conferencing", "conference center", "register"),
            List.of("&", "question"),
            List.of("ahead", "proceed"),
            List.of("  ", "\t", "\n", "\u000B", "\f", "\r")),
            INTRODUCTIONS.stream().map(Introducing::phrases)).toList());

    /**
     * The text in lower case, which the prefilters below search: the patterns they stand in for ignore ASCII case
     * only, and lower-casing maps each ASCII letter to its lower case where it stands, so every ASCII word a pattern
     * can match is found in it (a non-ASCII letter that lower-cases to an ASCII one only makes a prefilter pass, and
     * the pattern then decides).
     */
    static String lowerCase(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
