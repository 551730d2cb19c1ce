package io.callstream.deploy.demo;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a demo run did, for people (printed) and for scripts ({@code --summary-json}).
 *
 * @param lines       transcript lines ingested
 * @param turns       FINAL turns in the store
 * @param turnsByRole FINAL turns per speaker role
 * @param exchanges   question-answer exchanges completed (FINAL)
 * @param deadLetters records on the dead-letter topic
 * @param store       the JDBC URL of the store the turns landed in
 * @param query       one SQL query to try on it
 */
public record DemoSummary(long lines, long turns, Map<String, Long> turnsByRole, long exchanges, long deadLetters,
                          String store,
                          String query) {

    public DemoSummary {
        turnsByRole = Collections.unmodifiableSortedMap(new TreeMap<>(turnsByRole));
    }
}
