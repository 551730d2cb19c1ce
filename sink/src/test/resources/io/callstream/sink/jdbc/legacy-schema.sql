-- The schema.sql that made the store before Flyway managed its schema (kept as it was, to test baselining).
-- One set of SQL for SQLite (the embedded default) and PostgreSQL: both read INTEGER/BIGINT/TEXT alike and
-- both support INSERT ... ON CONFLICT DO UPDATE, which is what makes the writes idempotent.
CREATE TABLE IF NOT EXISTS turns (
    call_id           TEXT    NOT NULL,
    turn_index        INTEGER NOT NULL,
    version           INTEGER NOT NULL,
    status            TEXT    NOT NULL,
    speaker_label     TEXT,
    speaker_name      TEXT,
    affiliation       TEXT,
    role              TEXT    NOT NULL,
    section           TEXT    NOT NULL,
    text              TEXT    NOT NULL,
    line_count        INTEGER NOT NULL,
    first_seq         BIGINT  NOT NULL,
    last_seq          BIGINT  NOT NULL,
    start_offset_ms   BIGINT  NOT NULL,
    end_offset_ms     BIGINT  NOT NULL,
    first_observed_at BIGINT  NOT NULL,
    last_observed_at  BIGINT  NOT NULL,
    PRIMARY KEY (call_id, turn_index)
);
-- The sink's consumer offsets live beside the rows they produced and commit in the same transaction,
-- so a restart resumes exactly where the database is, never where Kafka thinks it is.
CREATE TABLE IF NOT EXISTS sink_offsets (
    consumer     TEXT    NOT NULL,
    topic        TEXT    NOT NULL,
    partition_id INTEGER NOT NULL,
    next_offset  BIGINT  NOT NULL,
    PRIMARY KEY (consumer, topic, partition_id)
);
