package io.callstream.deploy.demo;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.callstream.avro.Alert;
import io.callstream.avro.CallStarted;

/**
 * What a demo run did, for people (printed) and for scripts ({@code --summary-json}).
 *
 * @param calls       each call replayed, with its company and where that came from
 * @param lines       transcript lines ingested
 * @param turns       FINAL turns in the store
 * @param turnsByRole FINAL turns per speaker role
 * @param exchanges   question-answer exchanges completed (FINAL)
 * @param alerts      the alerts raised, each once, in call order
 * @param topics      topic id to the number of FINAL turns tagged with it
 * @param deadLetters records on the dead-letter topic
 * @param store       the JDBC URL of the store the turns landed in
 * @param query       one SQL query to try on it
 * @param webhooks    what each {@code --webhook} endpoint was sent, none without one
 */
public record DemoSummary(List<CallLine> calls, long lines, long turns, Map<String, Long> turnsByRole,
                          long exchanges, List<AlertLine> alerts, Map<String, Long> topics, long deadLetters,
                          String store, String query, List<WebhookLine> webhooks) {

    /** One webhook endpoint's deliveries: each alert record is delivered or dead-lettered, after retries. */
    public record WebhookLine(String url, long delivered, long retried, long deadLettered) {
    }

    /** One call as its CallStarted describes it: a user reads here whether its company was read right. */
    public record CallLine(String callId, String company, String companySource, String ticker) {

        static CallLine of(String callId, CallStarted started) {
            return new CallLine(callId, started.getCompany(), started.getCompanySource(), started.getTicker());
        }
    }

    /** One alert as the summary reports it. */
    public record AlertLine(String alertId, String ruleId, String severity, String callId, int turnIndex,
                            String turnStatus, long knownAtSeq, long callOffsetMs, String excerpt) {

        static AlertLine of(Alert a) {
            return new AlertLine(a.getAlertId(), a.getRuleId(), a.getSeverity().name(), a.getCallId(), a.getTurnIndex(),
                    a.getTurnStatus().name(), a.getKnownAtSeq(), a.getCallOffsetMs(), a.getExcerpt());
        }
    }

    public DemoSummary {
        calls = List.copyOf(calls);
        turnsByRole = Collections.unmodifiableSortedMap(new TreeMap<>(turnsByRole));
        alerts = List.copyOf(alerts);
        webhooks = List.copyOf(webhooks);
        topics = Collections.unmodifiableSortedMap(new TreeMap<>(topics));
    }
}
