-- The enriched records: calls, the topics and numbers of final turns, question-answer exchanges and alerts.
-- Still one set of SQL for both dialects: SQLite takes DOUBLE PRECISION as REAL and BOOLEAN as 0/1, and the JSON
-- columns (evidence spans, topic ids, turn lists) are TEXT in both rather than PostgreSQL's jsonb.
-- Instants are epoch milliseconds (BIGINT), as in turns.

CREATE TABLE calls (
    call_id       TEXT   NOT NULL PRIMARY KEY,
    company       TEXT   NOT NULL,
    ticker        TEXT,
    fiscal_period TEXT,
    title         TEXT,
    started_at    BIGINT,
    ended_at      BIGINT
);

-- One row per topic of a turn; a turn's later version replaces its rows.
CREATE TABLE turn_topics (
    call_id          TEXT    NOT NULL,
    turn_index       INTEGER NOT NULL,
    topic_id         TEXT    NOT NULL,
    taxonomy_id      TEXT    NOT NULL,
    taxonomy_version TEXT    NOT NULL,
    evidence         TEXT    NOT NULL,
    PRIMARY KEY (call_id, turn_index, topic_id)
);
-- "Where was this topic discussed?" across calls.
CREATE INDEX turn_topics_by_topic ON turn_topics (topic_id, call_id);

-- The numbers of a turn in the order they appear in its text.
CREATE TABLE turn_numbers (
    call_id    TEXT             NOT NULL,
    turn_index INTEGER          NOT NULL,
    ordinal    INTEGER          NOT NULL,
    kind       TEXT             NOT NULL,
    span_start INTEGER          NOT NULL,
    span_end   INTEGER          NOT NULL,
    span_text  TEXT             NOT NULL,
    value      DOUBLE PRECISION,
    unit       TEXT,
    normalized TEXT             NOT NULL,
    PRIMARY KEY (call_id, turn_index, ordinal)
);

-- question_turns and answer_turns are JSON arrays of turn indexes.
CREATE TABLE exchanges (
    call_id         TEXT    NOT NULL,
    exchange_index  INTEGER NOT NULL,
    exchange_id     TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    analyst_name    TEXT,
    analyst_firm    TEXT,
    question_turns  TEXT    NOT NULL,
    answer_turns    TEXT    NOT NULL,
    declined        BOOLEAN NOT NULL,
    decline_text    TEXT,
    start_offset_ms BIGINT  NOT NULL,
    end_offset_ms   BIGINT  NOT NULL,
    PRIMARY KEY (call_id, exchange_index)
);

-- evidence is a JSON array of spans, topic_ids a JSON array of strings.
CREATE TABLE alerts (
    alert_id       TEXT    NOT NULL PRIMARY KEY,
    call_id        TEXT    NOT NULL,
    rule_id        TEXT    NOT NULL,
    rules_id       TEXT    NOT NULL,
    rule_version   TEXT    NOT NULL,
    severity       TEXT    NOT NULL,
    title          TEXT    NOT NULL,
    turn_index     INTEGER NOT NULL,
    turn_status    TEXT    NOT NULL,
    known_at_seq   BIGINT  NOT NULL,
    call_offset_ms BIGINT  NOT NULL,
    observed_at    BIGINT  NOT NULL,
    emitted_at     BIGINT,
    speaker_name   TEXT,
    role           TEXT    NOT NULL,
    excerpt        TEXT    NOT NULL,
    evidence       TEXT    NOT NULL,
    topic_ids      TEXT    NOT NULL
);
-- A call's alerts in call time; turns by call need no index of their own (their key starts with call_id).
CREATE INDEX alerts_by_call_time ON alerts (call_id, call_offset_ms);
