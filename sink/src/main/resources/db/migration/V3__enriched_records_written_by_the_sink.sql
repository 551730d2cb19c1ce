-- The sink now writes every enriched record. V2's tables were created before any sink wrote to them, so they are
-- empty in every store and are recreated here in the shape the sink writes (dropping an empty table loses
-- nothing; altering it in place is not possible in SQLite for the checks below).
-- The checks hold for every record the pipeline produces; a record that breaks one (a foreign or buggy producer)
-- is refused by the database, and the sink dead-letters it with the reason rather than stopping.
-- Still one set of SQL for SQLite and PostgreSQL.

ALTER TABLE turns ADD COLUMN forward_looking BOOLEAN;
ALTER TABLE turns ADD COLUMN exchange_id TEXT;
-- The seq of the line after which this version of the turn was known (point in time for backtests).
ALTER TABLE turns ADD COLUMN known_at_seq BIGINT;

DROP TABLE alerts;
DROP TABLE exchanges;
DROP TABLE turn_numbers;
DROP TABLE turn_topics;
DROP TABLE calls;

-- From the call's CallStarted and CallEnded events; either may come first to the table.
CREATE TABLE calls (
    call_id         TEXT   NOT NULL PRIMARY KEY CHECK (call_id <> ''),
    company         TEXT,
    ticker          TEXT,
    fiscal_period   TEXT,
    title           TEXT,
    source          TEXT,
    scheduled_start BIGINT,
    started_at      BIGINT,
    ended_at        BIGINT,
    end_offset_ms   BIGINT,
    line_count      BIGINT,
    end_reason      TEXT
);

-- One row per topic of a turn, for the turn's newest version (a newer version replaces the turn's rows).
-- evidence is a JSON array of spans: [{"start": 0, "end": 12, "text": "..."}].
CREATE TABLE turn_topics (
    call_id          TEXT    NOT NULL,
    turn_index       INTEGER NOT NULL CHECK (turn_index >= 0),
    topic_id         TEXT    NOT NULL,
    label            TEXT    NOT NULL,
    taxonomy_id      TEXT    NOT NULL,
    taxonomy_version TEXT    NOT NULL,
    evidence         TEXT    NOT NULL,
    PRIMARY KEY (call_id, turn_index, topic_id)
);
-- "Where was this topic discussed?" across calls.
CREATE INDEX turn_topics_by_topic ON turn_topics (topic_id, call_id);

-- The numbers of a turn's newest version, in the order they appear in its text.
CREATE TABLE turn_numbers (
    call_id    TEXT             NOT NULL,
    turn_index INTEGER          NOT NULL CHECK (turn_index >= 0),
    ordinal    INTEGER          NOT NULL,
    kind       TEXT             NOT NULL,
    span_start INTEGER          NOT NULL,
    span_end   INTEGER          NOT NULL,
    span_text  TEXT             NOT NULL,
    value      DOUBLE PRECISION,
    unit       TEXT,
    normalized TEXT             NOT NULL,
    PRIMARY KEY (call_id, turn_index, ordinal),
    CHECK (span_start >= 0 AND span_end >= span_start)
);

-- question_turns and answer_turns are JSON arrays of turn indexes, answered_by a JSON array of names.
CREATE TABLE exchanges (
    call_id         TEXT    NOT NULL,
    exchange_index  INTEGER NOT NULL CHECK (exchange_index >= 0),
    exchange_id     TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('PARTIAL', 'FINAL')),
    analyst_name    TEXT,
    analyst_firm    TEXT,
    question_turns  TEXT    NOT NULL,
    answer_turns    TEXT    NOT NULL,
    answered_by     TEXT    NOT NULL,
    declined        BOOLEAN NOT NULL,
    decline_text    TEXT,
    start_offset_ms BIGINT  NOT NULL,
    end_offset_ms   BIGINT  NOT NULL,
    known_at_seq    BIGINT  NOT NULL,
    PRIMARY KEY (call_id, exchange_index)
);

-- An alert fires once; evidence is a JSON array of spans, topic_ids a JSON array of strings.
CREATE TABLE alerts (
    alert_id       TEXT    NOT NULL PRIMARY KEY,
    call_id        TEXT    NOT NULL,
    rule_id        TEXT    NOT NULL,
    rules_id       TEXT    NOT NULL,
    rule_version   TEXT    NOT NULL,
    severity       TEXT    NOT NULL CHECK (severity IN ('INFO', 'LOW', 'MEDIUM', 'HIGH')),
    title          TEXT    NOT NULL,
    turn_index     INTEGER NOT NULL CHECK (turn_index >= 0),
    turn_version   INTEGER NOT NULL,
    turn_status    TEXT    NOT NULL,
    section        TEXT    NOT NULL,
    known_at_seq   BIGINT  NOT NULL,
    call_offset_ms BIGINT  NOT NULL,
    observed_at    BIGINT  NOT NULL,
    emitted_at     BIGINT,
    speaker_name   TEXT,
    affiliation    TEXT,
    role           TEXT    NOT NULL,
    excerpt        TEXT    NOT NULL,
    evidence       TEXT    NOT NULL,
    topic_ids      TEXT    NOT NULL
);
-- A call's alerts in call time; turns by call need no index of their own (their key starts with call_id).
CREATE INDEX alerts_by_call_time ON alerts (call_id, call_offset_ms);
