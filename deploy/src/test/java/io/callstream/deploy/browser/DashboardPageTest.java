package io.callstream.deploy.browser;

import static io.callstream.deploy.browser.DashboardEvents.alert;
import static io.callstream.deploy.browser.DashboardEvents.call;
import static io.callstream.deploy.browser.DashboardEvents.exchange;
import static io.callstream.deploy.browser.DashboardEvents.speaker;
import static io.callstream.deploy.browser.DashboardEvents.topic;
import static io.callstream.deploy.browser.DashboardEvents.turn;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

/**
 * The live dashboard page (sink's {@code live/static}) in headless Chromium, against a fake of the dashboard API that
 * speaks its contract: the transcript forming live, untrusted text, topics and evidence, alerts, Q&A, the timeline,
 * the token, and reconnecting without losing or doubling events. Each test saves a screenshot in target/screenshots.
 */
@Tag("integration")
class DashboardPageTest {

    private static final String TOKEN = "t0k3n-for-the-page";
    private static final String CALL = "acme-2026-q1";
    private static final Map<String, Object> OPERATOR = speaker("Operator", null, "OPERATOR");
    private static final Map<String, Object> CEO = speaker("Dana Whitfield", "Acme Corp.", "EXECUTIVE");
    private static final Map<String, Object> CFO = speaker("Raj Patel", "Acme Corp.", "EXECUTIVE");
    private static final Map<String, Object> JONAS = speaker("Adam Jonas", "Morgan Stanley", "ANALYST");
    private static final Map<String, Object> LANGAN = speaker("Colin Langan", "UBS Securities LLC", "ANALYST");

    private static HeadlessChromium chromium;
    private static ChromeDriver browser;
    private FakeDashboardApi api;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void startApi() throws IOException {
        api = FakeDashboardApi.start(TOKEN);
    }

    @AfterEach
    void leavePage() {
        List<LogEntry> errors = chromium.console().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                // A 401 or a dropped stream is logged by the browser itself; those are expected in some tests.
                .filter(entry -> !entry.getMessage().contains("Failed to load resource")
                        && !entry.getMessage().contains("net::ERR_"))
                .toList();
        // Every scenario ends on a page built from its data: none of it may show a missing field as a word.
        List<String> placeholders = chromium.placeholderTexts();
        browser.get("about:blank");
        api.close();
        assertThat(errors).as("errors in the page's console").isEmpty();
        assertThat(placeholders).as("text in the page that reads null, undefined or NaN").isEmpty();
    }

    @Test
    void firstPartialTurnAppearsThenGrowsInPlaceAndBecomesFinal() {
        openLiveCall();
        api.publish(CALL, "turn", turn(0).partial().version(1).speaker(OPERATOR).text("Good afternoon").at(1, 2).json());
        WebElement turn = until("turn 0 appears", d -> d.findElement(By.id("turn-0")));
        assertThat(turn.getDomAttribute("data-status")).isEqualTo("PARTIAL");
        assertThat(turnText(turn)).isEqualTo("Good afternoon");
        String partialStyle = chromium.script("return getComputedStyle(arguments[0]).fontStyle;", textOf(turn));

        api.publish(CALL, "turn", turn(0).partial().version(2).speaker(OPERATOR)
                .text("Good afternoon, and welcome to the Acme").at(1, 4).json());
        until("turn 0 grows", d -> turnText(turn).equals("Good afternoon, and welcome to the Acme"));
        chromium.screenshot("turn-partial");

        api.publish(CALL, "turn", turn(0).version(3).speaker(OPERATOR)
                .text("Good afternoon, and welcome to the Acme first quarter 2026 earnings call.").at(1, 6).json());
        until("turn 0 becomes FINAL", d -> "FINAL".equals(turn.getDomAttribute("data-status")));
        // The same element all along: the reference taken at the first PARTIAL still reads the FINAL turn.
        assertThat(turn.getDomAttribute("data-version")).isEqualTo("3");
        assertThat(turnText(turn)).isEqualTo("Good afternoon, and welcome to the Acme first quarter 2026 earnings call.");
        assertThat(browser.findElements(By.cssSelector("#transcript .turn"))).hasSize(1);
        String finalStyle = chromium.script("return getComputedStyle(arguments[0]).fontStyle;", textOf(turn));
        assertThat(partialStyle).isEqualTo("italic");
        assertThat(finalStyle).isEqualTo("normal");

        // A stale snapshot arriving late changes nothing.
        api.publish(CALL, "turn", turn(0).partial().version(2).speaker(OPERATOR).text("Good afternoon").at(1, 2).json());
        api.publish(CALL, "turn", turn(1).partial().speaker(CEO).text("Thank you, operator.").at(6, 8).json());
        until("turn 1 appears", d -> !d.findElements(By.id("turn-1")).isEmpty());
        assertThat(turn.getDomAttribute("data-version")).isEqualTo("3");
        assertThat(turn.getDomAttribute("data-status")).isEqualTo("FINAL");
        chromium.screenshot("turn-final");
    }

    @Test
    void transcriptTextIsShownAsTextAndNeverRuns() {
        openLiveCall();
        String script = "<script>window.pwned=1</script>";
        String image = "<img src=x onerror=\"window.pwned=2\">";
        api.publish(CALL, "turn", turn(0).speaker(speaker("<b>Mallory</b>", "<i>Evil Corp</i>", "ANALYST"))
                .text(script).at(1, 3).json());
        api.publish(CALL, "turn", turn(1).speaker(CEO).text(image + " and more").at(3, 5)
                .topics(topic("guidance", "<img src=x onerror=\"window.pwned=3\">", image + " and more", "and more"))
                .json());
        api.publish(CALL, "alert", alert("rule:acme:1", "HIGH", "<img src=x onerror=\"window.pwned=4\">", 1, 3000, 2,
                image, List.of("guidance"), CEO));
        api.publish(CALL, "turn", turn(2).speaker(CEO).text("The last turn.").at(5, 6).json());
        until("the last turn appears", d -> !d.findElements(By.id("turn-2")).isEmpty());

        assertThat(turnText(browser.findElement(By.id("turn-0")))).isEqualTo(script);
        assertThat(turnText(browser.findElement(By.id("turn-1")))).isEqualTo(image + " and more");
        assertThat(browser.findElement(By.cssSelector("#turn-0 .speaker-name")).getText()).isEqualTo("<b>Mallory</b>");
        assertThat(browser.findElement(By.cssSelector("#turn-0 .firm")).getText()).isEqualTo("<i>Evil Corp</i>");
        assertThat(browser.findElement(By.cssSelector(".alert .alert-title")).getText())
                .isEqualTo("<img src=x onerror=\"window.pwned=4\">");
        Long elements = chromium.script("return document.querySelectorAll('main script, main img, main b, main i').length;");
        assertThat(elements).as("elements made from the data").isZero();
        assertThat((String) chromium.script("return typeof window.pwned;")).isEqualTo("undefined");
        chromium.screenshot("untrusted-text");
    }

    @Test
    void topicChipsShowAndEvidenceWordsAreHighlightedAtTheirOffsets() {
        openLiveCall();
        // The car is two UTF-16 units: offsets after it are right only if they are counted as the API counts them.
        String text = "We expect \uD83D\uDE97 deliveries of 50,000 in the first half, and gross margin of 25% by the end of this year.";
        api.publish(CALL, "turn", turn(0).speaker(CFO).text(text).at(60, 90).forwardLooking()
                .topics(topic("guidance", "Guidance & outlook", text, "We expect", "first half", "by the end of this year"),
                        topic("demand", "Demand & orders", text, "deliveries of 50,000 in the first half"),
                        topic("margins", "Margins & profitability", text, "gross margin of 25%"))
                .json());
        WebElement turn = until("turn 0 appears", d -> d.findElement(By.id("turn-0")));

        List<WebElement> chips = turn.findElements(By.cssSelector(".topic-chip[data-topic]"));
        assertThat(chips).extracting(chip -> chip.getDomAttribute("data-topic"))
                .containsExactly("guidance", "demand", "margins");
        assertThat(chips).extracting(WebElement::getText)
                .containsExactly("Guidance & outlook", "Demand & orders", "Margins & profitability");
        assertThat(turnText(turn)).isEqualTo(text);

        // Each mark's place in the text, counted in UTF-16 units over the paragraph's child nodes.
        List<List<Object>> marks = chromium.script("""
                const out = []; let at = 0;
                for (const node of arguments[0].childNodes) {
                  const length = node.textContent.length;
                  if (node.nodeName === 'MARK') out.push([at, at + length, node.dataset.topics, node.textContent]);
                  at += length;
                }
                return out;""", textOf(turn));
        int deliveries = text.indexOf("deliveries");
        int firstHalf = text.indexOf("first half");
        int margin = text.indexOf("gross margin");
        int endOfYear = text.indexOf("by the end");
        assertThat(marks).containsExactly(
                List.of(0L, 9L, "guidance", "We expect"),
                List.of((long) deliveries, (long) firstHalf, "demand", text.substring(deliveries, firstHalf)),
                List.of((long) firstHalf, firstHalf + 10L, "guidance demand", "first half"),
                List.of((long) margin, margin + 19L, "margins", "gross margin of 25%"),
                List.of((long) endOfYear, endOfYear + 23L, "guidance", "by the end of this year"));
        chromium.screenshot("topics-and-evidence");
    }

    @Test
    void alertsAreNewestFirstAndClickingOneScrollsToAndHighlightsItsTurn() {
        openLiveCall();
        for (int i = 0; i < 40; i++) {
            api.publish(CALL, "turn", turn(i).speaker(i % 2 == 0 ? CEO : JONAS)
                    .text("Turn " + i + ": we continue to see strong demand across every region, and we expect the ramp "
                            + "to hold through the second half as the new line comes up to its rate.")
                    .at(i * 20, i * 20 + 19).json());
        }
        api.publish(CALL, "alert", alert("guidance:acme:3", "MEDIUM", "Guidance given", 3, 60_000, 12,
                "we expect the ramp to hold", List.of("guidance"), JONAS));
        api.publish(CALL, "alert", alert("capital-raise:acme:35", "HIGH", "Capital raise mentioned", 35, 700_000, 140,
                "strong demand across every region", List.of("capital-raise"), JONAS));
        until("two alerts", d -> d.findElements(By.cssSelector("#alerts .alert[data-alert-id]")).size() == 2);
        assertThat(alertIds()).containsExactly("capital-raise:acme:35", "guidance:acme:3");
        assertThat(browser.findElement(By.cssSelector(".alert[data-alert-id='capital-raise:acme:35']"))
                .getDomAttribute("data-severity")).isEqualTo("HIGH");

        api.publish(CALL, "alert", alert("demand:acme:39", "LOW", "Demand commentary", 39, 780_000, 160,
                "strong demand", List.of("demand"), CEO));
        until("the third alert goes first", d -> alertIds().size() == 3 && alertIds().get(0).equals("demand:acme:39"));
        String background = chromium.script("return getComputedStyle(arguments[0]).borderLeftColor;",
                browser.findElement(By.cssSelector(".alert[data-severity='HIGH']")));
        assertThat(background).as("a HIGH alert's severity colour").isEqualTo("rgb(198, 40, 40)");

        WebElement third = browser.findElement(By.id("turn-3"));
        until("the transcript follows the live end", d -> atLiveEnd() && !inView(third));
        browser.findElement(By.cssSelector(".alert[data-alert-id='guidance:acme:3']")).click();
        until("turn 3 is highlighted and in view", d -> third.getDomAttribute("class").contains("highlighted") && inView(third));
        assertThat(browser.findElements(By.cssSelector(".turn.highlighted"))).hasSize(1);

        // A new turn does not pull the analyst away from the turn they asked for.
        api.publish(CALL, "turn", turn(40).speaker(CEO).text("And one more thing.").at(800, 805).json());
        until("turn 40 appears", d -> !d.findElements(By.id("turn-40")).isEmpty());
        assertThat(inView(third)).isTrue();
        chromium.screenshot("alert-jumps-to-turn");
        browser.findElement(By.id("follow")).click();
        until("back at the live end", d -> atLiveEnd() && inView(d.findElement(By.id("turn-40"))));
    }

    @Test
    void exchangesShowAnalystFirmAndTheDeclinedFlag() {
        openLiveCall();
        api.publish(CALL, "turn", turn(0).speaker(JONAS).text("How should we think about Model 3 margins?").at(600, 620)
                .exchange("ex-0").json());
        api.publish(CALL, "turn", turn(1).speaker(CEO).text("We expect them to improve through the year.").at(620, 660)
                .exchange("ex-0").json());
        api.publish(CALL, "turn", turn(2).speaker(LANGAN).text("Can you split cash burn between the two businesses?")
                .at(700, 720).exchange("ex-1").json());
        api.publish(CALL, "turn", turn(3).speaker(CFO).text("We don't break that down.").at(720, 725)
                .exchange("ex-1").json());
        api.publish(CALL, "exchange", exchange("ex-0", 0, JONAS, List.of(0), List.of(1), List.of("Dana Whitfield"),
                List.of("margins"), null, 600, 660));
        api.publish(CALL, "exchange", exchange("ex-1", 1, LANGAN, List.of(2), List.of(3), List.of("Raj Patel"),
                List.of("cash-burn"), "We don't break that down.", 700, 725));
        until("two exchanges", d -> d.findElements(By.cssSelector("#exchanges .exchange")).size() == 2);

        List<WebElement> exchanges = browser.findElements(By.cssSelector("#exchanges .exchange"));
        WebElement declined = exchanges.get(0);
        assertThat(declined.getDomAttribute("data-exchange-id")).isEqualTo("ex-1");
        assertThat(declined.getDomAttribute("data-declined")).isEqualTo("true");
        assertThat(declined.findElement(By.cssSelector(".exchange-analyst")).getText()).isEqualTo("Colin Langan");
        assertThat(declined.findElement(By.cssSelector(".exchange-firm")).getText()).isEqualTo("UBS Securities LLC");
        assertThat(declined.findElement(By.cssSelector(".declined-badge")).isDisplayed()).isTrue();
        assertThat(declined.getText()).containsIgnoringCase("declined").contains("We don't break that down.", "Raj Patel");
        WebElement answered = exchanges.get(1);
        assertThat(answered.getDomAttribute("data-declined")).isEqualTo("false");
        assertThat(answered.findElements(By.cssSelector(".declined-badge"))).isEmpty();
        assertThat(answered.getText()).contains("Adam Jonas", "Morgan Stanley", "Dana Whitfield");
        assertThat(answered.findElement(By.cssSelector(".topic-chip[data-topic='margins']")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#turn-2 .tag-exchange")).getText()).isEqualTo("Q2");

        // A later version of an exchange replaces it in place.
        Map<String, Object> more = exchange("ex-0", 0, JONAS, List.of(0), List.of(1), List.of("Dana Whitfield", "Raj Patel"),
                List.of("margins"), null, 600, 660);
        more.put("version", 2);
        api.publish(CALL, "exchange", more);
        until("exchange 0 updated", d -> d.findElement(By.cssSelector(".exchange[data-exchange-id='ex-0']")).getText()
                .contains("Raj Patel"));
        assertThat(browser.findElements(By.cssSelector("#exchanges .exchange"))).hasSize(2);

        browser.findElement(By.cssSelector(".exchange[data-exchange-id='ex-1']")).click();
        until("its question is highlighted", d -> d.findElement(By.id("turn-2")).getDomAttribute("class").contains("highlighted"));
        chromium.screenshot("exchanges");
    }

    @Test
    void cardsWithoutTheirOptionalFieldsShowNoNullOrUndefinedText() {
        openLiveCall();
        Map<String, Object> nobody = new LinkedHashMap<>();
        nobody.put("label", "Speaker 3");
        nobody.put("name", null);
        nobody.put("affiliation", null);
        nobody.put("role", null);
        api.publish(CALL, "turn", turn(0).speaker(OPERATOR).text("Our next question comes from the line of Speaker 3.")
                .at(1, 4).json());
        api.publish(CALL, "turn", turn(1).speaker(nobody).text("Any colour on the second half?").at(4, 7)
                .exchange("ex-0").json());
        api.publish(CALL, "turn", turn(2).partial().speaker(CFO).text("We expect").at(7, 8).exchange("ex-0").json());
        Map<String, Object> noTopics = exchange("ex-0", 0, nobody, List.of(1), List.of(), List.of(), List.of(), null, 4, 7);
        noTopics.put("status", "PARTIAL");
        noTopics.put("topics", null);
        noTopics.put("answeredBy", null);
        api.publish(CALL, "exchange", noTopics);
        Map<String, Object> bare = alert("declined-answer:acme:1", "INFO", null, 1, 5_000, 2, null, List.of(), nobody);
        bare.put("topicIds", null);
        bare.put("evidence", null);
        api.publish(CALL, "alert", bare);
        until("the exchange and the alert", d -> d.findElements(By.cssSelector("#exchanges .exchange")).size() == 1
                && d.findElements(By.cssSelector("#alerts .alert")).size() == 1
                && !d.findElements(By.id("turn-2")).isEmpty());

        assertThat(browser.findElement(By.cssSelector(".exchange[data-exchange-id='ex-0']")).getText())
                .contains("Speaker 3", "No answer yet", "in progress");
        assertThat(browser.findElement(By.cssSelector("#turn-0 .speaker-name")).getText()).isEqualTo("Operator");
        assertThat(browser.findElements(By.cssSelector("#turn-0 .firm"))).isEmpty();
        assertThat(chromium.placeholderTexts()).as("text in the page that reads null, undefined or NaN").isEmpty();
        chromium.screenshot("cards-without-optional-fields");
    }

    @Test
    void timelineCellsGetDarkerWithMoreTurnsOnATopic() {
        openLiveCall();
        // Guidance: one turn in minute 0, two in minute 1, three in minute 2, none in minute 3.
        double[] starts = {10, 65, 90, 125, 140, 170, 200};
        for (int i = 0; i < starts.length; i++) {
            String text = i == 6 ? "Thank you all." : "We expect growth to continue next year.";
            var turn = turn(i).speaker(CEO).text(text).at(starts[i], starts[i] + 10);
            if (i < 6) {
                turn.topics(topic("guidance", "Guidance & outlook", text, "We expect"));
            }
            api.publish(CALL, "turn", turn.json());
        }
        until("minute 3 on the timeline", d -> !d.findElements(cell(3, "guidance")).isEmpty());
        assertThat(List.of(0, 1, 2, 3)).extracting(m -> browser.findElement(cell(m, "guidance")).getDomAttribute("data-count"))
                .containsExactly("1", "2", "3", "0");
        double none = luminance(3);
        double one = luminance(0);
        double two = luminance(1);
        double three = luminance(2);
        assertThat(none).isGreaterThan(one);
        assertThat(one).isGreaterThan(two);
        assertThat(two).isGreaterThan(three);
        chromium.screenshot("timeline");

        // The timeline counts the latest version of each turn: a correction that drops the topic lightens its minute.
        String text = "We expect growth to continue next year.";
        api.publish(CALL, "turn", turn(5).version(2).speaker(CEO).text(text).at(170, 180).json());
        until("minute 2 counts two turns", d -> "2".equals(d.findElement(cell(2, "guidance")).getDomAttribute("data-count")));
        assertThat(luminance(2)).isGreaterThan(three);
    }

    @Test
    void aMissingOrWrongTokenShowsWhereToFindTheRightUrl() {
        api.putCall(call(CALL, "Acme Corp.", "ACME", "Q1 2026", true));
        for (String token : new String[] {null, "wrong"}) {
            browser.get(api.page(token).toString());
            WebElement message = until("the token message", d -> {
                WebElement shown = d.findElement(By.id("auth-error"));
                return shown.isDisplayed() ? shown : null;
            });
            assertThat(message.getText()).contains("open the URL that callstream printed, it carries the token");
            assertThat(browser.findElement(By.id("connection")).getDomAttribute("data-state")).isEqualTo("unauthorized");
            assertThat(browser.findElements(By.cssSelector("#calls .call"))).isEmpty();
            chromium.screenshot(token == null ? "token-missing" : "token-wrong");
        }
    }

    @Test
    void afterTheStreamDropsThePageResumesAndShowsWhatWasSentMeanwhileOnce() {
        openLiveCall();
        api.publish(CALL, "turn", turn(0).speaker(OPERATOR).text("Our first question comes from Adam Jonas.").at(1, 4).json());
        api.publish(CALL, "turn", turn(1).speaker(JONAS).text("Thanks. On the ramp,").partial().at(4, 6).json());
        long lastBeforeDrop = api.publish(CALL, "turn", turn(1).version(2).speaker(JONAS).partial()
                .text("Thanks. On the ramp, how many units a week").at(4, 8).json());
        until("turn 1 grows", d -> turnText(d.findElement(By.id("turn-1"))).endsWith("units a week"));
        until("live", d -> "live".equals(connectionState()));

        api.hold();
        api.dropStreams();
        String resume = "/api/calls/" + CALL + "/events " + lastBeforeDrop;
        until("the browser reconnects with Last-Event-ID", d -> api.lastEventIds().contains(resume));
        until("the page says it is reconnecting", d -> "reconnecting".equals(connectionState()));
        chromium.screenshot("reconnecting");

        api.publish(CALL, "turn", turn(1).version(3).speaker(JONAS)
                .text("Thanks. On the ramp, how many units a week by December?").at(4, 10).json());
        api.publish(CALL, "turn", turn(2).speaker(CEO).text("About five thousand.").at(10, 12).json());
        api.publish(CALL, "alert", alert("production-target:acme:2", "MEDIUM", "Production target", 2, 10_000, 9,
                "About five thousand.", List.of("production-ramp"), CEO));
        api.release();

        until("turn 2 arrives", d -> !d.findElements(By.id("turn-2")).isEmpty());
        until("live again", d -> "live".equals(connectionState()));
        assertThat(browser.findElement(By.id("turn-1")).getDomAttribute("data-status")).isEqualTo("FINAL");
        assertThat(browser.findElements(By.cssSelector("#transcript .turn")))
                .extracting(e -> e.getDomAttribute("id")).containsExactly("turn-0", "turn-1", "turn-2");
        assertThat(browser.findElements(By.cssSelector("#alerts .alert"))).hasSize(1);
        chromium.screenshot("reconnected");
    }

    @Test
    void whenAReconnectionIsRefusedThePageStartsTheStreamOverWithoutDuplicates() {
        openLiveCall();
        api.publish(CALL, "turn", turn(0).speaker(CEO).text("Welcome, everyone.").at(1, 4).json());
        api.publish(CALL, "alert", alert("welcome:acme:0", "INFO", "Call started", 0, 1000, 1, "Welcome", List.of(), CEO));
        until("turn 0", d -> !d.findElements(By.id("turn-0")).isEmpty());
        until("live", d -> "live".equals(connectionState()));

        // A 503 makes the browser's EventSource give up; the page opens a new one, which starts from the first event.
        api.refuseNextStreams(2);
        api.dropStreams();
        api.publish(CALL, "turn", turn(1).speaker(CFO).text("Thank you, Dana.").at(4, 6).json());

        until("turn 1 arrives", d -> !d.findElements(By.id("turn-1")).isEmpty());
        until("live again", d -> "live".equals(connectionState()));
        assertThat(browser.findElements(By.cssSelector("#transcript .turn"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#alerts .alert"))).hasSize(1);
    }

    @Test
    void theOnlyLiveCallIsChosenAndAPastCallCanBeOpened() {
        Map<String, Object> past = call("acme-2025-q4", "Acme Corp.", "ACME", "Q4 2025", false);
        past.put("turns", 1);
        past.put("lastOffsetMs", 3_540_000);
        api.putCall(past);
        api.publish("acme-2025-q4", "turn", turn(0).speaker(CEO).text("That concludes our fourth quarter call.")
                .at(3500, 3540).json());
        api.putCall(call(CALL, "Acme Corp.", "ACME", "Q1 2026", true));
        api.publish(CALL, "turn", turn(0).speaker(OPERATOR).text("Welcome to the first quarter call.").at(1, 4).json());
        browser.get(api.page().toString());

        until("the live call is chosen", d -> d.findElement(By.cssSelector(".call[data-call-id='" + CALL + "']"))
                .getDomAttribute("class").contains("selected"));
        until("its turn", d -> turnText(d.findElement(By.id("turn-0"))).equals("Welcome to the first quarter call."));
        assertThat(browser.findElements(By.cssSelector("#calls .call")))
                .extracting(e -> e.getDomAttribute("data-call-id"), e -> e.getDomAttribute("data-live"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(CALL, "true"),
                        org.assertj.core.groups.Tuple.tuple("acme-2025-q4", "false"));
        assertThat(browser.findElement(By.id("call-live")).isDisplayed()).isTrue();

        browser.findElement(By.cssSelector(".call[data-call-id='acme-2025-q4'] button")).click();
        until("the past call's turn", d -> turnText(d.findElement(By.id("turn-0"))).equals("That concludes our fourth quarter call."));
        assertThat(browser.findElements(By.cssSelector("#transcript .turn"))).hasSize(1);
        assertThat(browser.getCurrentUrl()).contains("call=acme-2025-q4").contains("token=" + TOKEN);
        assertThat(browser.findElement(By.id("call-live")).isDisplayed()).isFalse();
        chromium.screenshot("past-call");

        // With two live calls, the page waits for the analyst to choose.
        api.putCall(call("other-2026-q1", "Other Inc.", "OTHR", "Q1 2026", true));
        browser.get(api.page().toString());
        until("both calls listed", d -> d.findElements(By.cssSelector("#calls .call")).size() == 3);
        assertThat(browser.findElements(By.cssSelector("#calls .call.selected"))).isEmpty();
        assertThat(browser.findElement(By.id("transcript-empty")).getText()).contains("Choose a call");
    }

    @Test
    void aCallInFullLooksLikeAnAnalystsDesk() {
        SampleCall.publish(api);
        browser.get(api.page().toString());
        until("every turn", d -> d.findElements(By.cssSelector("#transcript .turn")).size() == 14);
        until("every alert and exchange", d -> d.findElements(By.cssSelector("#alerts .alert")).size() == 4
                && d.findElements(By.cssSelector("#exchanges .exchange")).size() == 3);
        until("the timeline", d -> !d.findElements(By.cssSelector("#timeline [data-minute][data-topic]")).isEmpty());
        assertThat(browser.findElement(By.id("turn-13")).getDomAttribute("data-status")).isEqualTo("PARTIAL");
        assertThat(browser.findElements(By.cssSelector("#speakers .speaker"))).hasSize(6);
        chromium.screenshot("dashboard-overview");
        browser.findElement(By.cssSelector(".alert[data-alert-id='production-target:tesla-2016-q4:6']")).click();
        until("turn 6 highlighted", d -> d.findElement(By.id("turn-6")).getDomAttribute("class").contains("highlighted")
                && inView(d.findElement(By.id("turn-6"))));
        chromium.screenshot("dashboard-overview-alert-clicked");
    }

    // -----------------------------------------------------------------------------------------------------------------

    private void openLiveCall() {
        Map<String, Object> call = call(CALL, "Acme Corp.", "ACME", "Q1 2026", true);
        api.putCall(call);
        api.publish(CALL, "call", call);
        browser.get(api.page().toString());
        until("the call is chosen and its stream is live", d -> "live".equals(connectionState())
                && d.findElement(By.id("call-title")).getText().equals("Acme Corp. Q1 2026 earnings call"));
    }

    private <T> T until(String what, Function<WebDriver, T> condition) {
        return chromium.waiting(Duration.ofSeconds(10)).withMessage(what).until(condition);
    }

    private String connectionState() {
        return browser.findElement(By.id("connection")).getDomAttribute("data-state");
    }

    private List<String> alertIds() {
        return browser.findElements(By.cssSelector("#alerts .alert")).stream()
                .map(e -> e.getDomAttribute("data-alert-id")).toList();
    }

    private static WebElement textOf(WebElement turn) {
        return turn.findElement(By.cssSelector(".turn-text"));
    }

    private static String turnText(WebElement turn) {
        return (String) browser.executeScript("return arguments[0].textContent;", textOf(turn));
    }

    private static By cell(int minute, String topic) {
        return By.cssSelector("#timeline [data-minute='" + minute + "'][data-topic='" + topic + "']");
    }

    /** Whether the transcript shows its last turn and the page is following new ones. */
    private static boolean atLiveEnd() {
        return (Boolean) browser.executeScript("""
                const t = document.getElementById('transcript');
                return t.scrollHeight - t.scrollTop - t.clientHeight < 2 && document.getElementById('follow').hidden;""");
    }

    /** Whether the element lies wholly inside the transcript's visible area. */
    private static boolean inView(WebElement element) {
        return (Boolean) browser.executeScript("""
                const box = arguments[0].getBoundingClientRect();
                const view = document.getElementById('transcript').getBoundingClientRect();
                return box.top >= view.top - 1 && box.bottom <= view.bottom + 1;""", element);
    }

    /** The relative luminance (WCAG) of a timeline cell's background: lower is darker. */
    private double luminance(int minute) {
        String rgb = chromium.script("return getComputedStyle(arguments[0]).backgroundColor;",
                browser.findElement(cell(minute, "guidance")));
        String[] parts = rgb.replaceAll("[^0-9,]", "").split(",");
        double[] linear = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(parts[i]) / 255.0;
            linear[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
    }
}
