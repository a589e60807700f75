//! Ingest: sources → articles → events → the store.
//!
//! Reading and duplicate checks run in order on one thread at a time; coding runs in parallel
//! on the rayon pool; one writer thread stores each coded article with its sentences, events,
//! actors and places, many articles to a transaction (never part of one). An article whose URL
//! or content hash is already stored is skipped before it is coded, so a second run over the
//! same sources, or a run resumed after a kill, codes only what is missing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{RecvTimeoutError, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use annals_read::{Article, ArticleStream, Defaults, Format, ReadIssue};
use annals_record::EventRecord;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::iter::{ParallelBridge, ParallelIterator};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::corroborate::{CorroborationOptions, CorroborationSummary, corroborate};
use crate::util::{content_hash, date_interval, normalize_url};
use crate::{ArticleCoder, Counts, Result, Store};

/// How many issue lines an [`IngestSummary`] keeps (all are counted).
pub const MAX_KEPT_ISSUES: usize = 1000;

/// Options of an ingest run.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Force an input format (otherwise detected per file).
    pub format: Option<Format>,
    /// Metadata for articles that lack it.
    pub defaults: Defaults,
    /// Draw a progress bar on stderr (articles/s, ETA by bytes read).
    pub progress: bool,
    /// Print each skipped record on stderr as it happens.
    pub print_issues: bool,
    /// Recompute incidents at the end of the run.
    pub corroborate: bool,
    /// Settings of the corroboration.
    pub corroboration: CorroborationOptions,
    /// Commit after this many articles…
    pub batch_articles: usize,
    /// …or after this much time, whichever comes first.
    pub commit_every: Duration,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            format: None,
            defaults: Defaults::default(),
            progress: false,
            print_issues: false,
            corroborate: true,
            corroboration: CorroborationOptions::default(),
            batch_articles: 256,
            commit_every: Duration::from_millis(500),
        }
    }
}

/// What an ingest run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IngestSummary {
    /// Articles read from the sources.
    pub read: u64,
    /// Records that could not be read as articles (malformed, truncated, not an article).
    pub unreadable: u64,
    /// Articles stored by this run.
    pub stored: u64,
    /// Articles or records not stored, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Events stored by this run.
    pub events: u64,
    /// The first [`MAX_KEPT_ISSUES`] skipped records, each with its place and reason.
    pub issues: Vec<String>,
    /// Row counts of the store after the run.
    pub totals: Counts,
    /// The corroboration at the end, when it ran.
    pub corroboration: Option<CorroborationSummary>,
    /// Wall-clock time of reading, coding and storing (without the corroboration).
    pub seconds: f64,
}

impl IngestSummary {
    /// Records and articles skipped, all reasons together.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// Articles read per second.
    pub fn articles_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.read as f64 / self.seconds
        } else {
            0.0
        }
    }
}

impl fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "read {} article(s) in {:.1} s ({:.0} articles/s); stored {}, with {} event(s)",
            self.read,
            self.seconds,
            self.articles_per_second(),
            self.stored,
            self.events
        )?;
        writeln!(f, "skipped {}:", self.skipped_total())?;
        for (reason, n) in &self.skipped {
            writeln!(f, "  {n:>8}  {reason}")?;
        }
        if let Some(c) = &self.corroboration {
            writeln!(
                f,
                "incidents: {} from {} clustered event(s) ({} with 2+ reports)",
                c.incidents, c.clustered_events, c.multi_report_incidents
            )?;
        }
        write!(
            f,
            "store now: {} articles, {} events, {} incidents",
            self.totals.articles, self.totals.events, self.totals.incidents
        )
    }
}

/// Skip reasons (keys of [`IngestSummary::skipped`]).
pub mod reasons {
    /// URL already in the store.
    pub const SAME_URL: &str = "already stored (same URL)";
    /// Same text already in the store.
    pub const SAME_CONTENT: &str = "already stored (same content)";
    /// Seen earlier in this run.
    pub const DUPLICATE_IN_RUN: &str = "duplicate within this run";
    /// No text.
    pub const EMPTY: &str = "empty text";
    /// The coder failed on the article.
    pub const CODER: &str = "coder error";
}

/// Ingest `sources` (files, directories, glob patterns, `-` for standard input) into `store`.
pub fn ingest<C: ArticleCoder>(
    store: &mut Store,
    sources: &[PathBuf],
    coder: &C,
    options: &IngestOptions,
) -> Result<IngestSummary> {
    let (files, issues) = annals_read::expand_inputs(sources);
    let total_bytes: u64 = files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let bytes = Arc::new(AtomicU64::new(0));
    let format = options.format;
    let defaults = options.defaults.clone();
    let counter = Arc::clone(&bytes);
    let stream: ArticleStream<'static> = Box::new(issues.into_iter().map(Err).chain(
        files.into_iter().flat_map(move |path| {
            let source = path.to_string_lossy().into_owned();
            let reader: Box<dyn Read + Send> = if source == "-" {
                Box::new(std::io::stdin())
            } else {
                match std::fs::File::open(&path) {
                    Ok(file) => Box::new(CountingReader {
                        inner: file,
                        count: Arc::clone(&counter),
                    }),
                    Err(err) => {
                        return Box::new(std::iter::once(Err(ReadIssue {
                            origin: annals_read::Origin { source, line: None },
                            message: format!("cannot open: {err}"),
                        }))) as ArticleStream<'static>;
                    }
                }
            };
            annals_read::from_reader(reader, &source, format, &defaults)
        }),
    ));
    let sources_json = serde_json::to_string(
        &sources
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect::<Vec<_>>(),
    )?;
    run(
        store,
        stream,
        coder,
        options,
        Progress { bytes, total_bytes },
        &sources_json,
    )
}

/// Ingest articles from any stream (already read) into `store`.
pub fn ingest_stream<C: ArticleCoder>(
    store: &mut Store,
    stream: ArticleStream<'_>,
    coder: &C,
    options: &IngestOptions,
) -> Result<IngestSummary> {
    let progress = Progress {
        bytes: Arc::new(AtomicU64::new(0)),
        total_bytes: 0,
    };
    run(store, stream, coder, options, progress, "[\"(stream)\"]")
}

struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

struct Progress {
    bytes: Arc<AtomicU64>,
    total_bytes: u64,
}

/// Shared tallies of a run.
#[derive(Default)]
struct Tally {
    read: AtomicU64,
    unreadable: AtomicU64,
    stored: AtomicU64,
    events: AtomicU64,
    skipped: Mutex<BTreeMap<String, u64>>,
    issues: Mutex<Vec<String>>,
}

impl Tally {
    fn skip(&self, reason: &str, detail: Option<String>, bar: &ProgressBar, print: bool) {
        *self
            .skipped
            .lock()
            .expect("tally lock")
            .entry(reason.to_string())
            .or_default() += 1;
        if let Some(detail) = detail {
            if print {
                bar.suspend(|| eprintln!("annals: skipped {detail}"));
            }
            let mut issues = self.issues.lock().expect("tally lock");
            if issues.len() < MAX_KEPT_ISSUES {
                issues.push(detail);
            }
        }
    }
}

/// The reason class of a read issue: its message up to the first `:` (`truncated`, `not an
/// article`, `invalid JSON`, …).
fn reason_class(message: &str) -> String {
    let class = message.split(':').next().unwrap_or(message).trim();
    let class: String = class.chars().take(60).collect();
    format!("unreadable: {class}")
}

/// An article on its way to the writer.
struct Coded {
    article: Article,
    hash: String,
    url: Option<String>,
    events: std::result::Result<Vec<EventRecord>, String>,
}

fn run<C: ArticleCoder>(
    store: &mut Store,
    stream: ArticleStream<'_>,
    coder: &C,
    options: &IngestOptions,
    progress: Progress,
    sources_json: &str,
) -> Result<IngestSummary> {
    let started = Instant::now();
    let coder_version = coder.version();
    let run_id = {
        let conn = store.connection();
        conn.execute(
            "INSERT INTO ingest_runs (started_at, sources, coder_version) VALUES (?, ?, ?)",
            params![now(), sources_json, coder_version],
        )?;
        conn.last_insert_rowid()
    };
    let reader_conn = store.reader()?;
    let tally = Tally::default();
    let bar = make_bar(options.progress, progress.total_bytes);
    let print = options.print_issues;

    // Sequential part: read, drop empty and duplicate articles.
    let mut seen_hashes: HashSet<u128> = HashSet::new();
    let mut seen_urls: HashSet<u128> = HashSet::new();
    let mut last_tick = Instant::now();
    let (tally_ref, bar_ref, progress_ref) = (&tally, &bar, &progress);
    // `move`: the read-only connection goes with the iterator (it is Send, not Sync).
    let candidates = stream.filter_map(move |item| {
        let (tally, bar, progress) = (tally_ref, bar_ref, progress_ref);
        if last_tick.elapsed() > Duration::from_millis(150) {
            last_tick = Instant::now();
            update_bar(bar, tally, progress, started);
        }
        let article = match item {
            Ok(article) => article,
            Err(issue) => {
                tally.unreadable.fetch_add(1, Ordering::Relaxed);
                tally.skip(
                    &reason_class(&issue.message),
                    Some(issue.to_string()),
                    bar,
                    print,
                );
                return None;
            }
        };
        tally.read.fetch_add(1, Ordering::Relaxed);
        if article.text.trim().is_empty() {
            tally.skip(
                reasons::EMPTY,
                Some(format!("{}: empty text", article.origin)),
                bar,
                print,
            );
            return None;
        }
        let hash = content_hash(&article.text);
        let url = article
            .url
            .as_deref()
            .map(normalize_url)
            .filter(|u| !u.is_empty());
        let hash_key = short_key(&hash);
        let url_key = url.as_deref().map(short_key);
        if seen_hashes.contains(&hash_key) || url_key.is_some_and(|k| seen_urls.contains(&k)) {
            tally.skip(reasons::DUPLICATE_IN_RUN, None, bar, false);
            return None;
        }
        if let Some(conn) = &reader_conn {
            match already_stored(conn, url.as_deref(), &hash) {
                Ok(Some(reason)) => {
                    tally.skip(reason, None, bar, false);
                    return None;
                }
                Ok(None) => {}
                Err(err) => {
                    // The writer will find the duplicate; only the early skip is lost.
                    bar.suspend(|| eprintln!("annals: duplicate check failed: {err}"));
                }
            }
        }
        seen_hashes.insert(hash_key);
        if let Some(k) = url_key {
            seen_urls.insert(k);
        }
        Some((article, hash, url))
    });

    let (sender, receiver) = sync_channel::<Coded>(1024);
    let conn = store.connection_mut();
    let writer_result = std::thread::scope(|scope| {
        let writer = scope.spawn(|| {
            write_loop(
                conn,
                receiver,
                &coder_version,
                options,
                &tally,
                &bar,
                &progress,
                started,
            )
        });
        // Parallel part: code. A send fails only when the writer stopped on an error.
        let _ = candidates.par_bridge().try_for_each_with(
            sender,
            |sender: &mut SyncSender<Coded>, (article, hash, url)| {
                let events = std::panic::catch_unwind(AssertUnwindSafe(|| coder.code(&article)))
                    .unwrap_or_else(|panic| {
                        let what = panic
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_default();
                        Err(format!("coder panicked: {what}"))
                    });
                sender
                    .send(Coded {
                        article,
                        hash,
                        url,
                        events,
                    })
                    .map_err(|_| ())
            },
        );
        writer.join().expect("writer thread")
    });
    writer_result?;
    update_bar(&bar, &tally, &progress, started);
    bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();

    let corroboration = if options.corroborate {
        Some(corroborate(store, &options.corroboration)?)
    } else {
        None
    };
    let summary = IngestSummary {
        read: tally.read.load(Ordering::Relaxed),
        unreadable: tally.unreadable.load(Ordering::Relaxed),
        stored: tally.stored.load(Ordering::Relaxed),
        skipped: tally.skipped.into_inner().expect("tally lock"),
        events: tally.events.load(Ordering::Relaxed),
        issues: tally.issues.into_inner().expect("tally lock"),
        totals: store.counts()?,
        corroboration,
        seconds,
    };
    store.connection().execute(
        "UPDATE ingest_runs SET finished_at = ?, summary = ? WHERE id = ?",
        params![
            now(),
            serde_json::to_string(&serde_json::json!({
                "read": summary.read,
                "stored": summary.stored,
                "events": summary.events,
                "skipped": summary.skipped,
                "seconds": summary.seconds,
            }))?,
            run_id
        ],
    )?;
    Ok(summary)
}

fn short_key(s: &str) -> u128 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(s.as_bytes());
    u128::from_le_bytes(digest[..16].try_into().expect("16 bytes"))
}

fn already_stored(
    conn: &Connection,
    url: Option<&str>,
    hash: &str,
) -> Result<Option<&'static str>> {
    if let Some(url) = url {
        let found = conn
            .prepare_cached("SELECT 1 FROM articles WHERE url = ?")?
            .query_row([url], |_| Ok(()))
            .optional()?;
        if found.is_some() {
            return Ok(Some(reasons::SAME_URL));
        }
    }
    let found = conn
        .prepare_cached("SELECT 1 FROM articles WHERE content_hash = ?")?
        .query_row([hash], |_| Ok(()))
        .optional()?;
    Ok(found.map(|_| reasons::SAME_CONTENT))
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn make_bar(show: bool, total_bytes: u64) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = if total_bytes > 0 {
        let bar = ProgressBar::new(total_bytes);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} · {msg} · ETA {eta}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        bar
    } else {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
                .expect("valid template"),
        );
        bar
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(5));
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn update_bar(bar: &ProgressBar, tally: &Tally, progress: &Progress, started: Instant) {
    if bar.is_hidden() {
        return;
    }
    let read = tally.read.load(Ordering::Relaxed);
    let secs = started.elapsed().as_secs_f64().max(1e-3);
    bar.set_position(progress.bytes.load(Ordering::Relaxed));
    bar.set_message(format!(
        "{read} articles ({:.0}/s), stored {}, {} events",
        read as f64 / secs,
        tally.stored.load(Ordering::Relaxed),
        tally.events.load(Ordering::Relaxed)
    ));
}

/// The writer: batches of whole articles, each batch one transaction.
#[allow(clippy::too_many_arguments)]
fn write_loop(
    conn: &mut Connection,
    receiver: std::sync::mpsc::Receiver<Coded>,
    coder_version: &str,
    options: &IngestOptions,
    tally: &Tally,
    bar: &ProgressBar,
    progress: &Progress,
    started: Instant,
) -> Result<()> {
    let mut places: HashMap<String, i64> = HashMap::new();
    let mut open: Option<(Instant, usize)> = None;
    let print = options.print_issues;
    let commit = |conn: &Connection, open: &mut Option<(Instant, usize)>| -> Result<()> {
        if open.take().is_some() {
            conn.execute_batch("COMMIT")?;
            update_bar(bar, tally, progress, started);
        }
        Ok(())
    };
    loop {
        let item = match open {
            Some((since, _)) => {
                let wait = options.commit_every.saturating_sub(since.elapsed());
                match receiver.recv_timeout(wait) {
                    Ok(item) => Some(item),
                    Err(RecvTimeoutError::Timeout) => {
                        commit(conn, &mut open)?;
                        continue;
                    }
                    Err(RecvTimeoutError::Disconnected) => None,
                }
            }
            None => receiver.recv().ok(),
        };
        let Some(coded) = item else {
            commit(conn, &mut open)?;
            return Ok(());
        };
        let events = match coded.events {
            Ok(events) => events,
            Err(err) => {
                tally.skip(
                    reasons::CODER,
                    Some(format!("{}: coder error: {err}", coded.article.origin)),
                    bar,
                    print,
                );
                continue;
            }
        };
        if open.is_none() {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            open = Some((Instant::now(), 0));
        }
        match store_article(
            conn,
            &coded.article,
            &coded.hash,
            coded.url.as_deref(),
            &events,
            coder_version,
            &mut places,
        ) {
            Ok(Some(n)) => {
                tally.stored.fetch_add(1, Ordering::Relaxed);
                tally.events.fetch_add(n, Ordering::Relaxed);
            }
            Ok(None) => tally.skip(
                if coded.url.as_deref().is_some_and(|u| url_exists(conn, u)) {
                    reasons::SAME_URL
                } else {
                    reasons::SAME_CONTENT
                },
                None,
                bar,
                false,
            ),
            Err(err) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(err);
            }
        }
        if let Some((since, n)) = open.as_mut() {
            *n += 1;
            if *n >= options.batch_articles || since.elapsed() >= options.commit_every {
                commit(conn, &mut open)?;
            }
        }
    }
}

fn url_exists(conn: &Connection, url: &str) -> bool {
    conn.query_row("SELECT 1 FROM articles WHERE url = ?", [url], |_| Ok(()))
        .optional()
        .ok()
        .flatten()
        .is_some()
}

fn enum_str<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Store one article and its events. `Ok(None)`: the article was already stored.
fn store_article(
    conn: &Connection,
    article: &Article,
    hash: &str,
    url: Option<&str>,
    events: &[EventRecord],
    coder_version: &str,
    places: &mut HashMap<String, i64>,
) -> Result<Option<u64>> {
    let published = article.date.map(|d| d.format("%Y-%m-%d").to_string());
    let changed = conn
        .prepare_cached(
            "INSERT INTO articles (doc_id, url, content_hash, title, publisher, published, source, \
             source_line, text, n_events, coder_version, ingested_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            article.id,
            url,
            hash,
            article.title,
            article.publisher,
            published,
            article.origin.source,
            article.origin.line.map(|l| l as i64),
            article.text,
            coder_version,
            now(),
        ])?;
    if changed == 0 {
        return Ok(None);
    }
    let article_id = conn.last_insert_rowid();
    let mut sentences: HashMap<u32, i64> = HashMap::new();
    let mut stored = 0u64;
    for event in events {
        let mut record = event.clone();
        // Attribution to the outlet comes from the article when the coder left it out.
        let attribution = &mut record.attribution;
        if attribution.publisher.is_none() {
            attribution.publisher.clone_from(&article.publisher);
        }
        if attribution.url.is_none() {
            attribution.url.clone_from(&article.url);
        }
        if attribution.published.is_none() {
            attribution.published.clone_from(&published);
        }
        let sentence_id = match sentences.get(&record.sentence.index) {
            Some(&id) => id,
            None => {
                let s = &record.sentence;
                conn.prepare_cached(
                    "INSERT INTO sentences (article_id, idx, start, end, text) VALUES (?, ?, ?, ?, ?) \
                     ON CONFLICT (article_id, idx) DO NOTHING",
                )?
                .execute(params![article_id, s.index, s.start, s.end, s.text])?;
                let id: i64 = conn
                    .prepare_cached("SELECT id FROM sentences WHERE article_id = ? AND idx = ?")?
                    .query_row(params![article_id, s.index], |r| r.get(0))?;
                sentences.insert(s.index, id);
                id
            }
        };
        let place_id = match &record.location {
            Some(loc) => Some(place_id(conn, loc, places)?),
            None => None,
        };
        let (date, precision) = match &record.date {
            Some(d) => (Some(d.value.clone()), Some(enum_str(&d.precision))),
            None => (None, None),
        };
        let interval = date
            .as_deref()
            .zip(precision.as_deref())
            .and_then(|(v, p)| date_interval(v, p))
            .or_else(|| article.date.map(|d| (d, d)));
        let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        let count = |kind: &str| {
            record
                .quantities
                .iter()
                .find(|q| q.kind == kind)
                .map(|q| q.value)
        };
        let loc = record.location.as_ref();
        let json = serde_json::to_string(&record)?;
        let changed = conn
            .prepare_cached(
                "INSERT INTO events (record_id, article_id, sentence_id, type, mode, cameo, quad, date, \
                 date_precision, date_start, date_end, place_id, country, admin1, lat, lon, modality, \
                 confidence, publisher, published, evidence, killed, injured, record) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
                 ON CONFLICT (article_id, record_id) DO NOTHING",
            )?
            .execute(params![
                record.id,
                article_id,
                sentence_id,
                record.type_label(),
                record.mode,
                record.cameo,
                record.quad.number(),
                date,
                precision,
                interval.map(|(a, _)| day(a)),
                interval.map(|(_, b)| day(b)),
                place_id,
                loc.and_then(|l| l.country.clone()),
                loc.and_then(|l| l.admin1.clone()),
                loc.and_then(|l| l.lat),
                loc.and_then(|l| l.lon),
                enum_str(&record.modality),
                record.confidence as f64,
                record.attribution.publisher,
                record.attribution.published,
                record.evidence.text,
                count("killed"),
                count("injured"),
                json,
            ])?;
        if changed == 0 {
            continue;
        }
        let event_id = conn.last_insert_rowid();
        stored += 1;
        let mut insert_actor = conn.prepare_cached(
            "INSERT INTO actors (event_id, role, text, name, country, sector, code) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )?;
        let roles = record
            .actor
            .iter()
            .map(|p| ("actor", p))
            .chain(record.recipient.iter().map(|p| ("recipient", p)))
            .chain(record.attribution.source.iter().map(|p| ("source", p)));
        for (role, p) in roles {
            insert_actor.execute(params![
                event_id, role, p.text, p.name, p.country, p.sector, p.code
            ])?;
        }
    }
    conn.prepare_cached("UPDATE articles SET n_events = ? WHERE id = ?")?
        .execute(params![stored as i64, article_id])?;
    Ok(Some(stored))
}

fn place_id(
    conn: &Connection,
    loc: &annals_record::Location,
    cache: &mut HashMap<String, i64>,
) -> Result<i64> {
    let precision = enum_str(&loc.precision);
    let key = match &loc.gazetteer_id {
        Some(id) if !id.is_empty() => id.clone(),
        _ => format!(
            "{}|{}|{}|{}",
            loc.name.to_lowercase(),
            loc.country.as_deref().unwrap_or(""),
            loc.admin1.as_deref().unwrap_or("").to_lowercase(),
            precision
        ),
    };
    if let Some(&id) = cache.get(&key) {
        return Ok(id);
    }
    conn.prepare_cached(
        "INSERT INTO places (key, name, gazetteer_id, country, admin1, lat, lon, precision) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
    )?
    .execute(params![
        key,
        loc.name,
        loc.gazetteer_id,
        loc.country,
        loc.admin1,
        loc.lat,
        loc.lon,
        precision
    ])?;
    let id: i64 = conn
        .prepare_cached("SELECT id FROM places WHERE key = ?")?
        .query_row([&key], |r| r.get(0))?;
    cache.insert(key, id);
    Ok(id)
}
