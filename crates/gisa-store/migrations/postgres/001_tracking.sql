-- The tracking database (PostgreSQL). Same meaning as migrations/sqlite/001_tracking.sql.
CREATE TABLE stories (
    id BIGSERIAL PRIMARY KEY,
    created_at TEXT NOT NULL
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    url TEXT UNIQUE,
    outlet TEXT,
    title TEXT,
    published TEXT,
    fetched_at TEXT,
    content_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    extractor_version TEXT NOT NULL,
    minhash TEXT NOT NULL,
    story_id BIGINT NOT NULL REFERENCES stories(id),
    stored_at TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE article_bands (
    band BIGINT NOT NULL,
    hash TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, article_id)
);
CREATE TABLE programs (
    id BIGSERIAL PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE TABLE program_aliases (
    program_id BIGINT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (program_id, alias)
);
CREATE TABLE mentions (
    id BIGSERIAL PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    value TEXT,
    value_num DOUBLE PRECISION,
    unit TEXT,
    role TEXT,
    noun TEXT,
    about TEXT,
    bound TEXT,
    approx BIGINT,
    start_pos BIGINT NOT NULL,
    end_pos BIGINT NOT NULL,
    program_id BIGINT REFERENCES programs(id)
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_program ON mentions(program_id);
