//! Throughput benchmark: tokens per second for tagging + parsing + NER (+ lemmas) over a
//! JSONL corpus, on one thread and on a rayon pool over documents; and model load time.
//! Tokenization (`Doc::from_article`) is done before timing starts.

use std::path::Path;
use std::time::Instant;

use annals_document::{Article, Doc};

use crate::SyntaxModel;

/// Benchmark results.
#[derive(Debug, Clone)]
pub struct BenchReport {
    /// Documents annotated.
    pub docs: usize,
    /// Tokens annotated.
    pub tokens: usize,
    /// Sentences annotated.
    pub sentences: usize,
    /// Median model load time in milliseconds.
    pub load_ms: f64,
    /// Best of the runs on one thread, tokens per second.
    pub one_thread_tokens_per_s: f64,
    /// Threads in the parallel run.
    pub threads: usize,
    /// Best of the runs on `threads` threads, tokens per second.
    pub parallel_tokens_per_s: f64,
    /// One thread, tokens per second of process CPU time (Linux; `None` elsewhere): the
    /// per-core speed even when other programs share the machine.
    pub one_thread_tokens_per_cpu_s: Option<f64>,
    /// The parallel run's tokens per second if each thread had a core of its own: tokens
    /// divided by (process CPU time / threads).
    pub parallel_tokens_per_cpu_s: Option<f64>,
}

/// Process CPU time (user + system) in seconds, from `/proc/self/stat` (Linux only).
pub fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields after the command: state is field 3, utime 14, stime 15 (1-based, man 5 proc).
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

impl BenchReport {
    /// A plain-text summary.
    pub fn summary(&self) -> String {
        let cpu = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.0}"));
        format!(
            "docs {}  sentences {}  tokens {}\nmodel load        {:8.1} ms\n1 thread          {:8.0} tokens/s   ({} tokens per CPU-second)\n{} threads         {:8.0} tokens/s   ({} tokens/s with a free core per thread)\n",
            self.docs,
            self.sentences,
            self.tokens,
            self.load_ms,
            self.one_thread_tokens_per_s,
            cpu(self.one_thread_tokens_per_cpu_s),
            self.threads,
            self.parallel_tokens_per_s,
            cpu(self.parallel_tokens_per_cpu_s),
        )
    }
}

/// Read up to `limit` articles of a JSONL corpus into tokenized documents.
pub fn load_corpus(corpus: &Path, limit: Option<usize>) -> Result<Vec<Doc>, String> {
    let stream = annals_read::open(corpus, None, &annals_read::Defaults::default());
    let mut docs = Vec::new();
    for item in stream.take(limit.unwrap_or(usize::MAX)) {
        let article: Article = item.map_err(|e| e.to_string())?;
        docs.push(Doc::from_article(&article));
    }
    Ok(docs)
}

/// Run the benchmark: `runs` timed passes per setting (the best is kept), `threads` for the
/// parallel setting.
pub fn run(
    model_dir: &Path,
    corpus: &Path,
    limit: Option<usize>,
    runs: usize,
    threads: usize,
) -> Result<BenchReport, String> {
    let mut loads = Vec::new();
    let mut model = None;
    for _ in 0..5 {
        let t = Instant::now();
        let m = SyntaxModel::load(model_dir).map_err(|e| e.to_string())?;
        loads.push(t.elapsed().as_secs_f64() * 1000.0);
        model = Some(m);
    }
    let model = model.ok_or("no model")?;
    loads.sort_by(f64::total_cmp);
    let docs = load_corpus(corpus, limit)?;
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let runs = runs.max(1);
    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| e.to_string())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    let time = |pool: &rayon::ThreadPool, threads: usize| {
        let mut best = f64::MAX;
        let mut best_cpu: Option<f64> = None;
        for _ in 0..runs {
            let mut batch = docs.clone();
            let cpu_before = process_cpu_seconds();
            let t = Instant::now();
            pool.install(|| model.annotate_all(&mut batch));
            best = best.min(t.elapsed().as_secs_f64());
            if let (Some(a), Some(b)) = (cpu_before, process_cpu_seconds()) {
                let per_thread = (b - a) / threads as f64;
                best_cpu = Some(best_cpu.map_or(per_thread, |c: f64| c.min(per_thread)));
            }
            std::hint::black_box(&batch);
        }
        (
            tokens as f64 / best,
            best_cpu.filter(|&c| c > 0.0).map(|c| tokens as f64 / c),
        )
    };
    let (one, one_cpu) = time(&single, 1);
    let (parallel, parallel_cpu) = time(&pool, threads.max(1));
    Ok(BenchReport {
        docs: docs.len(),
        tokens,
        sentences,
        load_ms: loads[loads.len() / 2],
        one_thread_tokens_per_s: one,
        threads: threads.max(1),
        parallel_tokens_per_s: parallel,
        one_thread_tokens_per_cpu_s: one_cpu,
        parallel_tokens_per_cpu_s: parallel_cpu,
    })
}
