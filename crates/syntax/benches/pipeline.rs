//! `cargo bench -p annals-syntax`: tokens/s of tagging + parsing + NER over the BBC corpus on
//! one and two threads, and model load time. Skips (with a message) when the model or the
//! corpus is missing.

use std::path::PathBuf;

fn main() {
    let corpus = std::env::var_os("ANNALS_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/eval/corpora/bbc-news/bbc-news.jsonl"
            ))
        });
    if !corpus.exists() {
        println!("skipped: corpus {} not found", corpus.display());
        return;
    }
    let model_dir = annals_syntax::SyntaxModel::default_dir();
    match annals_syntax::bench::run(&model_dir, &corpus, None, 3, 2) {
        Ok(report) => print!("{}", report.summary()),
        Err(e) => println!("skipped: {e}"),
    }
}
