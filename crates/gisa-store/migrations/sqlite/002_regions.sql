-- Regions (SQLite). Same meaning as migrations/postgres/002_regions.sql.
-- Existing rows keep working: region is NULL for mentions stored before it,
-- and `gisa reextract` fills it (the extractor version changed with it).
ALTER TABLE mentions ADD COLUMN region TEXT;   -- amounts: the region the money goes to; regions: the region named (법정동 code)
CREATE INDEX mentions_region ON mentions(region);
CREATE TABLE regions (                         -- every region a stored mention named, by its code
    code TEXT PRIMARY KEY,                     -- 법정동 code: 2 digits for a 시도, 5 for a 시군구 (세종: 36110)
    level TEXT NOT NULL,                       -- sido | sigungu
    name TEXT NOT NULL,                        -- the official name, as last stored
    sido TEXT NOT NULL                         -- the code of its 시도 (its own code for a 시도)
);
