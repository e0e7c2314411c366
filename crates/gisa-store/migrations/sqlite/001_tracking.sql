-- The tracking database (SQLite). Same meaning as migrations/postgres/001_tracking.sql.
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL
);
CREATE TABLE articles (
    id TEXT PRIMARY KEY,                 -- gisa's article id (hash of the canonical URL or text)
    url TEXT UNIQUE,                     -- canonical URL
    outlet TEXT,
    title TEXT,
    published TEXT,                      -- YYYY-MM-DD
    fetched_at TEXT,
    content_hash TEXT NOT NULL,          -- of the clean text
    text TEXT NOT NULL,                  -- the clean text every offset points into
    extractor_version TEXT NOT NULL,
    minhash TEXT NOT NULL,               -- near-duplicate signature (hex)
    story_id INTEGER NOT NULL REFERENCES stories(id),
    stored_at TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE article_bands (             -- locality-sensitive hashing of the signatures
    band INTEGER NOT NULL,
    hash TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, article_id)
);
CREATE TABLE programs (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,            -- normalised name: NFC, no spaces
    name TEXT NOT NULL,                  -- the first spelling seen
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
);
CREATE TABLE program_aliases (
    program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (program_id, alias)
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                  -- amount, count, year, program, percentage
    text TEXT NOT NULL,
    value TEXT,                          -- exact (amounts in won are beyond 64-bit floats)
    value_num REAL,
    unit TEXT,                           -- currency, counter, % or pp
    role TEXT,                           -- years
    noun TEXT,                           -- counts
    about TEXT,                          -- amounts
    bound TEXT,
    approx INTEGER,
    start_pos INTEGER NOT NULL,
    end_pos INTEGER NOT NULL,
    program_id INTEGER REFERENCES programs(id)
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_program ON mentions(program_id);
