//! `cargo bench -p annals-events`: how fast the stages *after parsing* run — places
//! (recognition + resolution), mentions (dates, counts) and the event coder — over the BBC
//! corpus, on one thread. The corpus is read, tokenized and parsed first (not timed); then
//! each stage runs over every document, best of three passes. Speeds are per second of process
//! CPU time (from `/proc/self/stat`), which is the per-core speed even when other programs share
//! the machine; wall-clock speeds are printed beside them. The last line names the machine
//! (CPU model and count) and the share of its CPU time the host took (steal) while the stages
//! were timed.
//!
//! `ANNALS_BENCH_CORPUS` overrides the corpus; `ANNALS_BENCH_LIMIT` reads only the first N
//! articles. Skips, saying why, when the corpus or the syntax model is missing.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use annals_events::{Pipeline, PipelineOptions};
use annals_syntax::bench::{
    HostSteal, machine_and_steal, machine_description, process_cpu_seconds,
};

/// Wall-clock and CPU seconds of the best of `runs` passes of `f`.
fn best_of(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut best = (f64::INFINITY, f64::INFINITY);
    for _ in 0..runs {
        let cpu = process_cpu_seconds();
        let wall = Instant::now();
        f();
        let wall = wall.elapsed().as_secs_f64();
        let cpu = match (cpu, process_cpu_seconds()) {
            (Some(a), Some(b)) => b - a,
            _ => wall,
        };
        if cpu < best.1 {
            best = (wall, cpu);
        }
    }
    best
}

fn main() {
    let corpus = std::env::var_os("ANNALS_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(annals_events::geo::bench::DEFAULT_CORPUS));
    if !corpus.exists() {
        println!("skipped: corpus {} not found", corpus.display());
        return;
    }
    let limit = std::env::var("ANNALS_BENCH_LIMIT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);
    let pipeline = match Pipeline::new(PipelineOptions::default()) {
        Ok(p) => p,
        Err(e) => {
            println!("skipped: {e}");
            return;
        }
    };
    if !pipeline.has_syntax() || pipeline.gazetteer().is_none() {
        println!("skipped: {}", pipeline.warnings().join("; "));
        return;
    }
    let stream =
        annals_events::read::open(&corpus, None, &annals_events::read::Defaults::default());
    let articles: Vec<_> = stream.filter_map(Result::ok).take(limit).collect();
    let parse_start = Instant::now();
    let docs: Vec<_> = articles.iter().map(|a| pipeline.parse(a)).collect();
    let parse_wall = parse_start.elapsed().as_secs_f64();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    println!(
        "corpus: {} ({} articles, {sentences} sentences, {tokens} tokens; parsed in {parse_wall:.1} s, not timed below)",
        corpus.display(),
        docs.len()
    );
    let places: Vec<_> = docs.iter().map(|d| pipeline.places(d)).collect();
    let mentions: Vec<_> = docs
        .iter()
        .map(annals_events::mentions::Mentions::find)
        .collect();
    let mut events = 0;
    for ((d, m), p) in docs.iter().zip(&mentions).zip(&places) {
        events += pipeline.code_events(d, m, p).len();
    }
    let runs = 3;
    let steal = HostSteal::start();
    let report = |stage: &str, (wall, cpu): (f64, f64)| {
        println!(
            "{stage:<32} {:>9.0} sentences/CPU-s {:>9.0} docs/CPU-s   (wall {:>9.0} sentences/s; {cpu:.3} CPU-s)",
            sentences as f64 / cpu,
            docs.len() as f64 / cpu,
            sentences as f64 / wall,
        );
    };
    report(
        "places (recognise + resolve)",
        best_of(runs, || {
            for d in &docs {
                black_box(pipeline.places(d));
            }
        }),
    );
    report(
        "mentions (dates, counts)",
        best_of(runs, || {
            for d in &docs {
                black_box(annals_events::mentions::Mentions::find(d));
            }
        }),
    );
    report(
        "event coder",
        best_of(runs, || {
            for ((d, m), p) in docs.iter().zip(&mentions).zip(&places) {
                black_box(pipeline.code_events(d, m, p));
            }
        }),
    );
    report(
        "all stages after parsing",
        best_of(runs, || {
            for d in &docs {
                let p = pipeline.places(d);
                let m = annals_events::mentions::Mentions::find(d);
                black_box(pipeline.code_events(d, &m, &p));
            }
        }),
    );
    println!("events coded: {events}");
    println!(
        "machine: {}",
        machine_and_steal(&machine_description(), steal.share())
    );
}
