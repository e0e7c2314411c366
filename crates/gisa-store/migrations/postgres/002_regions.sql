-- Regions (PostgreSQL). Same meaning as migrations/sqlite/002_regions.sql.
ALTER TABLE mentions ADD COLUMN region TEXT;
CREATE INDEX mentions_region ON mentions(region);
CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    level TEXT NOT NULL,
    name TEXT NOT NULL,
    sido TEXT NOT NULL
);
