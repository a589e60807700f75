//! # annals-store
//!
//! The event store of annals: corpora in, a deduplicated event store out.
//!
//! - [`Store`]: an embedded SQLite database (WAL mode) with articles, the sentences that carry
//!   events, events, actors, places and incidents; full-text search over the evidence sentences
//!   (FTS5); a versioned schema with migrations ([`migrate`]).
//! - [`ingest`]: read sources (any format `annals-read` knows), code each article with an
//!   [`ArticleCoder`] in parallel (rayon), store each article with its events in one transaction.
//!   An article already stored (same URL or same content hash) is not stored again, so a run can
//!   be repeated, or resumed after a kill, and ends with the same counts.
//! - [`corroborate`]: events that describe the same happening are clustered into incidents, with
//!   their member reports, the number of distinct publishers, the earliest report and the
//!   disagreements between reports (low/best/high counts, like UCDP).
//! - [`query`] / [`query_incidents`] and [`export`]: filters by date, place, bounding box, type,
//!   actor, publisher and text; JSONL, CSV (ACLED-like columns) and Parquet output.
//!
//! The store does not know how events are coded: the coder is passed in as an
//! [`ArticleCoder`].

use std::path::{Path, PathBuf};

use annals_read::Article;
use annals_record::EventRecord;
use rusqlite::{Connection, OpenFlags};

mod corroborate;
mod export;
mod ingest;
mod query;
mod schema;
mod util;

pub use corroborate::{CorroborationOptions, CorroborationSummary, Family, corroborate};
pub use export::{By, ExportFormat, IncidentRow, export, write_events, write_incidents};
pub use ingest::{IngestOptions, IngestSummary, ingest, ingest_stream};
pub use query::{
    BBox, Filter, Incident, IncidentMember, StoredEvent, for_each_event, query, query_incidents,
};
pub use schema::{SCHEMA_VERSION, migrate};
pub use util::{content_hash, normalize_url};

/// Codes the events of one article. The real pipeline (`annals-events`) implements it in the
/// CLI; tests use small fakes. Must be callable from several threads at once.
pub trait ArticleCoder: Sync {
    /// The events of `article`. An `Err` skips the article (it is reported, not stored, and a
    /// later run tries it again).
    fn code(&self, article: &Article) -> Result<Vec<EventRecord>, String>;
    /// A version string stored with each article (which coder and settings produced its
    /// events).
    fn version(&self) -> String;
}

/// Errors of the store. Bad input records are not errors (they are counted and reported in the
/// [`IngestSummary`]); these are failures of the database or of output files.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Reading or writing a file failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// A stored record could not be (de)serialised.
    #[error("JSON error: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing CSV failed.
    #[error("CSV error: {0}")]
    Csv(#[from] csv::Error),
    /// The database was written by a newer annals.
    #[error(
        "the database has schema version {found}, newer than this annals understands ({supported}): upgrade annals"
    )]
    NewerSchema {
        /// Version found in the file.
        found: u32,
        /// Newest version this build knows.
        supported: u32,
    },
    /// Anything else, in words.
    #[error("{0}")]
    Other(String),
}

/// Result type of the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Stored articles.
    pub articles: u64,
    /// Stored evidence sentences.
    pub sentences: u64,
    /// Stored events.
    pub events: u64,
    /// Stored actor mentions (actors, recipients and cited sources of events).
    pub actors: u64,
    /// Distinct places.
    pub places: u64,
    /// Incidents (after corroboration).
    pub incidents: u64,
}

/// An annals event store (a SQLite file).
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Open (creating if needed) the store at `path` and bring its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// A store in memory (tests, one-off runs). Ingest into it runs without the separate
    /// duplicate-checking connection.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrate(&mut conn)?;
        Ok(Store { conn, path: None })
    }

    /// The file of the store (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The SQLite connection, for queries this API does not cover.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// A second, read-only connection to the same file (for duplicate checks while the main
    /// connection writes). `None` for an in-memory store.
    pub(crate) fn reader(&self) -> Result<Option<Connection>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        Ok(Some(conn))
    }

    /// Schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Row counts of the main tables.
    pub fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<u64> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(n as u64)
        };
        Ok(Counts {
            articles: count("articles")?,
            sentences: count("sentences")?,
            events: count("events")?,
            actors: count("actors")?,
            places: count("places")?,
            incidents: count("incidents")?,
        })
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    // WAL: readers never block the writer; a kill loses at most the open transaction.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_migrates_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(store.counts().unwrap(), Counts::default());
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.db");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
    }
}
