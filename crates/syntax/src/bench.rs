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
}

impl BenchReport {
    /// A plain-text summary.
    pub fn summary(&self) -> String {
        format!(
            "docs {}  sentences {}  tokens {}\nmodel load        {:8.1} ms\n1 thread          {:8.0} tokens/s\n{} threads         {:8.0} tokens/s\n",
            self.docs,
            self.sentences,
            self.tokens,
            self.load_ms,
            self.one_thread_tokens_per_s,
            self.threads,
            self.parallel_tokens_per_s
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
    let time = |pool: &rayon::ThreadPool| {
        let mut best = f64::MAX;
        for _ in 0..runs {
            let mut batch = docs.clone();
            let t = Instant::now();
            pool.install(|| model.annotate_all(&mut batch));
            best = best.min(t.elapsed().as_secs_f64());
            std::hint::black_box(&batch);
        }
        tokens as f64 / best
    };
    let one = time(&single);
    let parallel = time(&pool);
    Ok(BenchReport {
        docs: docs.len(),
        tokens,
        sentences,
        load_ms: loads[loads.len() / 2],
        one_thread_tokens_per_s: one,
        threads: threads.max(1),
        parallel_tokens_per_s: parallel,
    })
}
