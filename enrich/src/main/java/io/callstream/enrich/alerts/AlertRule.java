package io.callstream.enrich.alerts;

import io.callstream.avro.Severity;

/**
 * One alert rule.
 *
 * @param id       stable id, part of every alert id it produces
 * @param title    one line for people
 * @param severity how urgent its alerts are
 * @param when     what must hold on a turn
 * @param once     whether it fires once per turn or once per call
 * @param line     where the rule starts in its file, for messages
 */
public record AlertRule(String id, String title, Severity severity, AlertCondition when, Once once, int line) {

    /** How often a rule may fire. */
    public enum Once { PER_TURN, PER_CALL }
}
