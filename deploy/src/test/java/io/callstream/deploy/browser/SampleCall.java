package io.callstream.deploy.browser;

import static io.callstream.deploy.browser.DashboardEvents.alert;
import static io.callstream.deploy.browser.DashboardEvents.exchange;
import static io.callstream.deploy.browser.DashboardEvents.speaker;
import static io.callstream.deploy.browser.DashboardEvents.topic;
import static io.callstream.deploy.browser.DashboardEvents.turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callstream.deploy.browser.DashboardEvents.TurnBuilder;

/**
 * A stretch of the bundled Tesla call (its Q&A from the first question to the capital raise) as the dashboard API
 * would stream it mid-call: turns with topics and evidence, two exchanges, alerts, the last turn still PARTIAL. Used
 * where a test wants the page full, as an analyst would see it.
 */
final class SampleCall {

    static final String CALL_ID = "tesla-2016-q4";

    static final Map<String, Object> MUSK = speaker("Elon Reeve Musk", "Tesla, Inc.", "EXECUTIVE");
    static final Map<String, Object> WHEELER = speaker("Jason S. Wheeler", "Tesla, Inc.", "EXECUTIVE");
    static final Map<String, Object> OPERATOR = speaker("Operator", null, "OPERATOR");
    static final Map<String, Object> JONAS = speaker("Adam Michael Jonas", "Morgan Stanley & Co. LLC", "ANALYST");
    static final Map<String, Object> TAMBERRINO = speaker("David Tamberrino", "Goldman Sachs & Co.", "ANALYST");
    static final Map<String, Object> LANGAN = speaker("Colin Michael Langan", "UBS Securities LLC", "ANALYST");

    private SampleCall() {
    }

    static Map<String, Object> summary(boolean live) {
        Map<String, Object> call = DashboardEvents.call(CALL_ID, "Tesla, Inc.", "TSLA", "Q4 2016", live);
        call.put("title", "Tesla Q4 2016 earnings call");
        call.put("lines", 96);
        call.put("turns", 14);
        call.put("alerts", 4);
        call.put("exchanges", 3);
        call.put("lastOffsetMs", 2_248_000);
        return call;
    }

    /** Publishes the whole stretch on the call's stream. */
    static void publish(FakeDashboardApi api) {
        api.putCall(summary(true));
        api.publish(CALL_ID, "call", summary(true));
        for (Map<String, Object> turn : turns()) {
            api.publish(CALL_ID, "turn", turn);
        }
        api.publish(CALL_ID, "exchange", exchange("ex-0", 0, JONAS, List.of(2), List.of(3), List.of("Elon Reeve Musk"),
                List.of("management"), null, 245, 330));
        api.publish(CALL_ID, "exchange", exchange("ex-1", 1, TAMBERRINO, List.of(5, 7), List.of(6, 8),
                List.of("Elon Reeve Musk"), List.of("model-3-ramp", "production-ramp", "supply-chain"), null, 472, 800));
        api.publish(CALL_ID, "exchange", exchange("ex-2", 2, LANGAN, List.of(10), List.of(11, 13),
                List.of("Elon Reeve Musk", "Jason S. Wheeler"), List.of("cash-burn", "capital-raise", "capex"),
                null, 2140, 2248));
        api.publish(CALL_ID, "alert", alert("management-change:tesla-2016-q4:0", "MEDIUM", "Management change: CFO departure",
                0, 12_000, 3, "our CFO, Jason Wheeler, has decided to leave Tesla in April", List.of("management"), MUSK));
        api.publish(CALL_ID, "alert", alert("production-target:tesla-2016-q4:6", "MEDIUM", "Production target named",
                6, 520_000, 41, "an annualized rate of 250,000, five times that number for Model 3",
                List.of("model-3-ramp", "production-ramp"), MUSK));
        api.publish(CALL_ID, "alert", alert("guidance-timing:tesla-2016-q4:9", "LOW", "Weekly rate guidance",
                9, 2_020_000, 70, "we should get there by the end of this year, to 5,000 a week",
                List.of("guidance", "model-3-ramp"), MUSK));
        api.publish(CALL_ID, "alert", alert("capital-raise:tesla-2016-q4:11", "HIGH", "Capital raise considered",
                11, 2_190_000, 88, "I think it probably makes sense to raise capital to reduce risk",
                List.of("capital-raise", "cash-burn"), MUSK));
    }

    static List<Map<String, Object>> turns() {
        List<TurnBuilder> turns = new ArrayList<>();
        String t0 = "Thank you. First of all, I'd like to announce that our CFO, Jason Wheeler, has decided to leave Tesla "
                + "in April, so at the end of next month, to pursue opportunities in public policy. Jason will be replaced by "
                + "Deepak Ahuja, who is Tesla's first CFO.";
        turns.add(turn(0).speaker(MUSK).section("PREPARED_REMARKS").text(t0).at(5, 40)
                .topics(topic("management", "Management change", t0, "CFO, Jason Wheeler, has decided to leave Tesla",
                        "replaced by")));
        String t1 = "And our first question comes from the line of Adam Jonas with Morgan Stanley. Your line is now open.";
        turns.add(turn(1).speaker(OPERATOR).text(t1).at(240, 245));
        String t2 = "First, good luck Jason, and congrats, Deepak. Welcome back. So, Elon, a question for you on Mars. "
                + "Let's kick it off with Mars, okay?";
        turns.add(turn(2).speaker(JONAS).text(t2).at(245, 262).exchange("ex-0")
                .topics(topic("management", "Management change", t2, "congrats, Deepak")));
        String t3 = "Okay, well, yes. When you started out, I was a little curious as to how this would become relevant to "
                + "Tesla. But, as I said before, I expect to remain with Tesla essentially forever, unless somebody kicks me out.";
        turns.add(turn(3).speaker(MUSK).text(t3).at(262, 330).exchange("ex-0"));
        String t4 = "And our next question comes from the line of David Tamberrino with Goldman Sachs. Your line is now open.";
        turns.add(turn(4).speaker(OPERATOR).text(t4).at(465, 472));
        String t5 = "Curious as to what has changed on your end. Really moving from the Model S and Model X to the Model 3 "
                + "ramp that you're looking for in the back half of 2017, how have you gone about the Model 3 development "
                + "differently?";
        turns.add(turn(5).speaker(TAMBERRINO).text(t5).at(472, 510).exchange("ex-1")
                .topics(topic("model-3-ramp", "Model 3 ramp", t5, "Model 3 ramp"),
                        topic("production-ramp", "Production ramp", t5, "ramp that you're looking for")));
        String t6 = "Right. The Model 3 is designed with – it's really designed for manufacturing. As opposed to, yes, an "
                + "annualized rate of 250,000, five times that number for Model 3. There's just a lot more automation than "
                + "there is for Model S and Model X. We have the Gigafactory, of course.";
        turns.add(turn(6).speaker(MUSK).text(t6).at(510, 640).exchange("ex-1").forwardLooking()
                .topics(topic("model-3-ramp", "Model 3 ramp", t6, "designed for manufacturing",
                                "annualized rate of 250,000"),
                        topic("production-ramp", "Production ramp", t6, "a lot more automation"),
                        topic("gigafactory", "Gigafactory & cells", t6, "the Gigafactory")));
        String t7 = "Got it. From an actual line speed manufacturing perspective, for the Model 3, what are you doing "
                + "differently that is going to allow you to drive that ramp in production?";
        turns.add(turn(7).speaker(TAMBERRINO).text(t7).at(640, 665).exchange("ex-1")
                .topics(topic("production-ramp", "Production ramp", t7, "line speed", "ramp in production"),
                        topic("model-3-ramp", "Model 3 ramp", t7, "for the Model 3")));
        String t8 = "We've told our suppliers 1,000 a week in July, 2,000 a week in August, and 4,000 a week in September. "
                + "These are parts orders. Then the parts need to arrive.";
        turns.add(turn(8).speaker(MUSK).text(t8).at(665, 800).exchange("ex-1").forwardLooking()
                .topics(topic("supply-chain", "Supply chain", t8, "our suppliers", "parts orders"),
                        topic("model-3-ramp", "Model 3 ramp", t8, "1,000 a week in July")));
        String t9 = "Well, I feel pretty confident that we should get there by the end of this year, to 5,000 a week. Now, "
                + "I do want to separate this from parts orders.";
        turns.add(turn(9).speaker(MUSK).text(t9).at(2000, 2130).forwardLooking()
                .topics(topic("guidance", "Guidance & outlook", t9, "by the end of this year"),
                        topic("model-3-ramp", "Model 3 ramp", t9, "5,000 a week"),
                        topic("supply-chain", "Supply chain", t9, "parts orders")));
        String t10 = "My last question is just any color on cash burn? And I think last time you mentioned that you were "
                + "confident you wouldn't need a capital raise. It sounds like CapEx is going to rise next year.";
        turns.add(turn(10).speaker(LANGAN).text(t10).at(2140, 2170).exchange("ex-2")
                .topics(topic("cash-burn", "Cash burn & liquidity", t10, "cash burn"),
                        topic("capital-raise", "Capital raise", t10, "capital raise"),
                        topic("capex", "Capital expenditure", t10, "CapEx is going to rise")));
        String t11 = "According to our financial plan, no capital needs to be raised for the Model 3, but we get very close "
                + "to the edge. So, then that's probably not the best thing for shareholders on a risk adjusted basis. So, "
                + "I think it probably makes sense to raise capital to reduce risk.";
        turns.add(turn(11).speaker(MUSK).text(t11).at(2170, 2200).exchange("ex-2").forwardLooking()
                .topics(topic("capital-raise", "Capital raise", t11, "no capital needs to be raised", "raise capital"),
                        topic("cash-burn", "Cash burn & liquidity", t11, "very close to the edge")));
        String t12 = "Got it. All right. Thank you very much for the color.";
        turns.add(turn(12).speaker(LANGAN).text(t12).at(2200, 2205).exchange("ex-2"));
        String t13 = "On the cash receive end, we see $1 billion in cash burn, but I don't think that's fully accurate. We "
                + "had $522 million in CapEx, so we're investing at a very healthy rate ahead of";
        turns.add(turn(13).speaker(WHEELER).text(t13).at(2205, 2248).exchange("ex-2").partial().version(4)
                .topics(topic("cash-burn", "Cash burn & liquidity", t13, "$1 billion in cash burn"),
                        topic("capex", "Capital expenditure", t13, "$522 million in CapEx")));
        return turns.stream().map(TurnBuilder::json).toList();
    }
}
