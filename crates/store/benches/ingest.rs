//! Is the store the bottleneck? Codes the BBC corpus (../shared, skipped when absent) with a
//! stand-in coder, once without storing (rayon over the articles, like `annals code`) and once
//! through `ingest` into a fresh SQLite file, and prints articles/s for both.
//!
//! `cargo bench -p annals-store --bench ingest`. The stand-in coder is the test coder plus a
//! fixed amount of CPU work per article: `ANNALS_BENCH_WORK` rounds of hashing its first 256
//! bytes (default 4000, a few milliseconds, roughly the cost of a real NLP pipeline per news
//! article on one core). A fixed amount of work, not a time, so that threads waiting for a core
//! are not counted as working. `ANNALS_BENCH_WORK=0` measures the raw capacity of the store.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use annals_read::{Article, Defaults};
use annals_record::EventRecord;
use annals_store::{ArticleCoder, IngestOptions, Store, ingest};
use rayon::prelude::*;

struct BusyCoder {
    inner: common::FakeCoder,
    rounds: u64,
}

impl ArticleCoder for BusyCoder {
    fn code(&self, article: &Article) -> Result<Vec<EventRecord>, String> {
        let mut x = 0u64;
        for _ in 0..self.rounds {
            for b in article.text.bytes().take(256) {
                x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(b as u64));
            }
        }
        self.inner.code(article)
    }

    fn version(&self) -> String {
        "bench".into()
    }
}

fn main() {
    let Some(corpus) = common::bbc() else { return };
    let rounds: u64 = std::env::var("ANNALS_BENCH_WORK")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4000);
    let coder = BusyCoder {
        inner: common::FakeCoder::new(),
        rounds,
    };
    let threads = rayon::current_num_threads();

    // Coding alone: read everything, code in parallel, keep only the event count.
    let started = Instant::now();
    let articles: Vec<Article> = annals_read::open(&corpus, None, &Defaults::default())
        .filter_map(Result::ok)
        .collect();
    let events: usize = articles
        .par_iter()
        .map(|a| coder.code(a).map(|e| e.len()).unwrap_or(0))
        .sum();
    let code_secs = started.elapsed().as_secs_f64();
    let code_rate = articles.len() as f64 / code_secs;

    // Ingest: the same reading and coding, plus deduplication and storage.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.db");
    let mut store = Store::open(&db).unwrap();
    let summary = ingest(&mut store, &[corpus], &coder, &IngestOptions::default()).unwrap();
    let ingest_rate = summary.read as f64 / summary.seconds;
    let db_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(db.with_extension("db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);

    println!(
        "threads: {threads}; stand-in coder: test coder + {rounds} rounds of work per article"
    );
    println!(
        "code only: {} articles, {events} events in {code_secs:.2} s = {code_rate:.0} articles/s",
        articles.len()
    );
    println!(
        "ingest:    {} articles ({} stored, {} events) in {:.2} s = {ingest_rate:.0} articles/s; \
         corroboration {} incidents",
        summary.read,
        summary.stored,
        summary.events,
        summary.seconds,
        summary.corroboration.map_or(0, |c| c.incidents),
    );
    println!(
        "ingest / code = {:.3}; store file {:.1} MB",
        ingest_rate / code_rate,
        db_bytes as f64 / 1e6
    );
}
