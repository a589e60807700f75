//! Throughput of recognition + resolution (single thread), for `cargo bench -p annals-geo`
//! and `annals-geo bench [FILE]`. By default it reads `../shared/eval/corpora/bbc-news/bbc-news.jsonl`
//! (skips with a message when absent), loads the shipped gazetteer (reports load time),
//! then geoparses every article several times and reports documents per second, with and
//! without building the `Doc` (tokens and sentences) first.

use std::time::Instant;

use annals_document::{Article, Doc};

use crate::Gazetteer;

/// Default corpus: the BBC articles in the project's `shared/` folder.
pub const DEFAULT_CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/eval/corpora/bbc-news/bbc-news.jsonl"
);

/// CPU time (user + system) of this process in seconds, from `/proc/self/stat`; `None`
/// where that file does not exist. On a shared machine CPU time is the fairer measure of
/// per-core throughput than wall-clock time.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Run the benchmark on a JSONL corpus (`{id, title?, text}` per line) and print the report.
pub fn run(path: &str) {
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("skipped: corpus not found at {path}");
        return;
    };
    let t0 = Instant::now();
    let g = match Gazetteer::load() {
        Ok(g) => g,
        Err(e) => {
            println!("skipped: {e}");
            return;
        }
    };
    let load = t0.elapsed();
    let articles: Vec<Article> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let title = v["title"].as_str().unwrap_or("");
            let body = v["text"].as_str().unwrap_or("");
            Article::new(
                v["id"].as_str().unwrap_or("").to_string(),
                format!("{title}\n\n{body}"),
            )
        })
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let docs: Vec<Doc> = articles.iter().map(Doc::from_article).collect();
    let rounds = 10;
    let mut toponyms = 0usize;
    let c = cpu_seconds();
    let t = Instant::now();
    for _ in 0..rounds {
        for d in &docs {
            toponyms += crate::geoparse(d, &g).len();
        }
    }
    let geo = t.elapsed().as_secs_f64();
    let geo_cpu = c.zip(cpu_seconds()).map(|(a, b)| b - a);
    let t = Instant::now();
    for _ in 0..rounds {
        for a in &articles {
            let d = Doc::from_article(a);
            std::hint::black_box(crate::geoparse(&d, &g));
        }
    }
    let full = t.elapsed().as_secs_f64();
    let n = (docs.len() * rounds) as f64;
    println!("gazetteer load: {:.1} ms", load.as_secs_f64() * 1e3);
    println!(
        "corpus: {} articles, {:.1} MB; {:.1} toponyms per article",
        docs.len(),
        bytes as f64 / 1e6,
        toponyms as f64 / n
    );
    println!(
        "recognition + resolution: {:.0} docs/s ({:.1} MB/s, {:.0} µs/doc), one thread",
        n / geo,
        bytes as f64 * rounds as f64 / geo / 1e6,
        geo / n * 1e6
    );
    if let Some(cpu) = geo_cpu.filter(|c| *c > 0.0) {
        println!(
            "recognition + resolution, CPU time: {:.0} docs/s per core ({:.0} µs/doc)",
            n / cpu,
            cpu / n * 1e6
        );
    }
    println!(
        "including Doc::from_article (tokens, sentences): {:.0} docs/s ({:.0} µs/doc)",
        n / full,
        full / n * 1e6
    );
    if let Ok(status) = std::fs::read_to_string("/proc/self/status") {
        for line in status
            .lines()
            .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
        {
            println!("{line}");
        }
    }
}
