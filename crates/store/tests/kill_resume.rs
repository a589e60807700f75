//! A real ingest process is killed (SIGKILL) in the middle of a run; a second run over the same
//! sources completes it, and the store ends with exactly the counts of an uninterrupted run.
//!
//! The child process is this test binary itself, run with a filter that selects
//! `child_process_for_kill_test` and an environment variable that tells it what to ingest.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use annals_store::*;
use common::{FakeCoder, synthetic_corpus};
use rusqlite::{Connection, OpenFlags};

const CHILD_ENV: &str = "ANNALS_STORE_KILL_TEST_CHILD";
const ARTICLES: usize = 400;

fn options() -> IngestOptions {
    IngestOptions {
        batch_articles: 8,
        commit_every: Duration::from_millis(50),
        ..IngestOptions::default()
    }
}

/// Not a test on its own: the body of the child process (does nothing without `CHILD_ENV`).
#[test]
fn child_process_for_kill_test() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (db, corpus) = spec.split_once('|').expect("db|corpus");
    let mut store = Store::open(db).unwrap();
    let coder = FakeCoder {
        delay: Duration::from_millis(10),
    };
    ingest(&mut store, &[corpus.into()], &coder, &options()).unwrap();
}

fn stored_articles(db: &std::path::Path) -> u64 {
    let Ok(conn) = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return 0;
    };
    conn.query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
        .map(|n| n as u64)
        .unwrap_or(0)
}

/// Events of every stored article, as (doc id, record id, incident key), sorted.
fn event_keys(store: &Store) -> Vec<(String, String, Option<String>)> {
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT a.doc_id, e.record_id, i.key FROM events e JOIN articles a ON a.id = e.article_id \
             LEFT JOIN incidents i ON i.id = e.incident_id",
        )
        .unwrap();
    let mut keys: Vec<_> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    keys.sort();
    keys
}

#[test]
fn killed_ingest_resumes_with_the_same_counts() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = synthetic_corpus(dir.path(), ARTICLES);

    // The reference: one uninterrupted run.
    let mut reference = Store::open(dir.path().join("reference.db")).unwrap();
    let full = ingest(
        &mut reference,
        std::slice::from_ref(&corpus),
        &FakeCoder::new(),
        &options(),
    )
    .unwrap();
    let expected = reference.counts().unwrap();
    assert!(
        expected.articles > 300 && expected.events > 100 && expected.incidents > 10,
        "{expected:?}"
    );

    // A real process, killed once some batches are committed.
    let db = dir.path().join("killed.db");
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_process_for_kill_test", "--test-threads=1"])
        .env(CHILD_ENV, format!("{}|{}", db.display(), corpus.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(20));
        if stored_articles(&db) >= 40 {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the child ended ({status}) before it could be killed");
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the child stored nothing"
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let at_kill = stored_articles(&db);
    assert!(
        at_kill < expected.articles,
        "killed too late to test anything: {at_kill}"
    );

    // What the killed process left is consistent: each stored article has all its events.
    let mut store = Store::open(&db).unwrap();
    let partial: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM articles a WHERE a.n_events != \
             (SELECT count(*) FROM events e WHERE e.article_id = a.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(partial, 0, "an article was stored without all its events");

    // Resume: the same command again.
    let resumed = ingest(&mut store, &[corpus], &FakeCoder::new(), &options()).unwrap();
    eprintln!("killed after {at_kill} articles; resumed run:\n{resumed}");
    assert_eq!(resumed.read, full.read);
    assert_eq!(at_kill + resumed.stored, full.stored);
    assert_eq!(store.counts().unwrap(), expected);
    assert_eq!(event_keys(&store), event_keys(&reference));
}
