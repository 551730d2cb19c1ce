-- A tag of the learned tier (a topic defined by examples, or a trained model) says what scored it and how well;
-- a rule's tag leaves these null. Still one set of SQL for SQLite and PostgreSQL.
ALTER TABLE turn_topics ADD COLUMN model_id TEXT;
ALTER TABLE turn_topics ADD COLUMN model_version TEXT;
ALTER TABLE turn_topics ADD COLUMN score DOUBLE PRECISION CHECK (score IS NULL OR (score >= -1 AND score <= 1));
