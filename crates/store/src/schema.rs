//! The schema, versioned with `PRAGMA user_version`. Each migration moves the database one
//! version up, inside a transaction; a database newer than this build is refused.

use rusqlite::Connection;

use crate::{Result, StoreError};

/// Newest schema version this build writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Migration `i` brings a database from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[V1];

const V1: &str = r#"
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    doc_id        TEXT NOT NULL,              -- the article's id as read
    url           TEXT,                       -- normalised (see normalize_url); unique
    content_hash  TEXT NOT NULL,              -- sha256 of the whitespace-normalised text; unique
    title         TEXT,
    publisher     TEXT,
    published     TEXT,                       -- YYYY-MM-DD
    source        TEXT,                       -- file (and record) it was read from
    source_line   INTEGER,
    text          TEXT NOT NULL,
    n_events      INTEGER NOT NULL DEFAULT 0,
    coder_version TEXT NOT NULL,
    ingested_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_publisher ON articles(publisher COLLATE NOCASE);
CREATE INDEX articles_published ON articles(published);

CREATE TABLE sentences (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    text       TEXT NOT NULL,
    UNIQUE (article_id, idx)
);
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content='sentences', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
    INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
    INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE places (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,        -- gazetteer id, or name|country|admin1|precision
    name         TEXT NOT NULL,
    gazetteer_id TEXT,
    country      TEXT,
    admin1       TEXT,
    lat          REAL,
    lon          REAL,
    precision    TEXT NOT NULL
);
CREATE INDEX places_country ON places(country, admin1);

CREATE TABLE incidents (
    id               INTEGER PRIMARY KEY,
    key              TEXT NOT NULL UNIQUE,    -- stable public id, `inc-…`
    family           TEXT NOT NULL,
    type             TEXT NOT NULL,
    mode             TEXT,
    date             TEXT,
    date_precision   TEXT,
    date_start       TEXT,
    date_end         TEXT,
    place_id         INTEGER REFERENCES places(id),
    country          TEXT,
    admin1           TEXT,
    location         TEXT,
    lat              REAL,
    lon              REAL,
    geo_precision    TEXT,
    actor            TEXT,
    recipient        TEXT,
    n_reports        INTEGER NOT NULL,
    n_articles       INTEGER NOT NULL,
    n_publishers     INTEGER NOT NULL,
    publishers       TEXT NOT NULL,           -- JSON array
    first_reported   TEXT,
    first_article_id INTEGER REFERENCES articles(id),
    killed_low       REAL,
    killed_best      REAL,
    killed_high      REAL,
    injured_low      REAL,
    injured_best     REAL,
    injured_high     REAL,
    disagreements    TEXT NOT NULL            -- JSON object
);
CREATE INDEX incidents_date ON incidents(date_start, date_end);
CREATE INDEX incidents_place ON incidents(country, admin1);
CREATE INDEX incidents_type ON incidents(type);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    record_id      TEXT NOT NULL,             -- EventRecord.id
    article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence_id    INTEGER REFERENCES sentences(id),
    type           TEXT NOT NULL,
    mode           TEXT,
    cameo          TEXT,
    quad           INTEGER NOT NULL,
    date           TEXT,                      -- as coded: YYYY-MM-DD, YYYY-MM or YYYY
    date_precision TEXT,
    date_start     TEXT,                      -- interval of the date; publication date if none
    date_end       TEXT,
    place_id       INTEGER REFERENCES places(id),
    country        TEXT,
    admin1         TEXT,
    lat            REAL,
    lon            REAL,
    modality       TEXT NOT NULL,
    confidence     REAL NOT NULL,
    publisher      TEXT,
    published      TEXT,
    evidence       TEXT NOT NULL,
    killed         REAL,
    injured        REAL,
    record         TEXT NOT NULL,             -- the whole EventRecord as JSON
    incident_id    INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
    UNIQUE (article_id, record_id)
);
CREATE INDEX events_date ON events(date_start, date_end);
CREATE INDEX events_place ON events(country, admin1);
CREATE INDEX events_type ON events(type, mode);
CREATE INDEX events_latlon ON events(lat, lon);
CREATE INDEX events_publisher ON events(publisher COLLATE NOCASE);
CREATE INDEX events_incident ON events(incident_id);
CREATE INDEX events_sentence ON events(sentence_id);

CREATE TABLE actors (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role     TEXT NOT NULL CHECK (role IN ('actor', 'recipient', 'source')),
    text     TEXT NOT NULL,
    name     TEXT,
    country  TEXT,
    sector   TEXT,
    code     TEXT
);
CREATE INDEX actors_event ON actors(event_id);
CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
CREATE INDEX actors_country ON actors(country, sector);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE ingest_runs (
    id            INTEGER PRIMARY KEY,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    sources       TEXT NOT NULL,              -- JSON array
    coder_version TEXT NOT NULL,
    summary       TEXT                        -- JSON
);
"#;

/// Bring the database up to [`SCHEMA_VERSION`]; returns the version it had before.
pub fn migrate(conn: &mut Connection) -> Result<u32> {
    let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version as u32 + 1)?;
        tx.commit()?;
    }
    Ok(found)
}
