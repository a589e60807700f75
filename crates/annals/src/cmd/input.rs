//! Input options shared by the commands that read articles, and batched parallel processing.

use std::path::PathBuf;

use annals_events::{Annotated, Article, Pipeline, read};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rayon::prelude::*;

/// Where articles come from.
#[derive(Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// Inputs: plain text (one article per file), JSONL (`{id, text, title?, date?, url?,
    /// publisher?}` per line; other fields are ignored), HTML, WARC(.gz), RSS/Atom, gzip,
    /// directories and quoted globs. `-` or nothing reads stdin.
    pub files: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for articles that do not give one. Relative dates ("on
    /// Wednesday", "last month") are resolved against it.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Publisher (outlet name) for articles that do not give one.
    #[arg(long)]
    pub publisher: Option<String>,
    /// URL of a plain-text article.
    #[arg(long)]
    pub url: Option<String>,
    /// Input format; detected from the file name and content when not given.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
}

/// Input formats.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One article per file.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// One HTML page per file (main text and metadata extracted).
    Html,
    /// WARC or WARC.gz (Common Crawl News).
    Warc,
    /// RSS or Atom feed.
    Feed,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    read::parse_metadata_date(s).ok_or_else(|| format!("{s:?} is not a date: use YYYY-MM-DD"))
}

impl InputArgs {
    /// Open all inputs as one stream of articles (or read issues).
    pub fn open(&self) -> read::ArticleStream<'static> {
        let defaults = read::Defaults {
            date: self.date,
            publisher: self.publisher.clone(),
            url: self.url.clone(),
        };
        let format = self.input_format.map(|f| match f {
            InputFormat::Text => read::Format::Text,
            InputFormat::Jsonl => read::Format::Jsonl,
            InputFormat::Html => read::Format::Html,
            InputFormat::Warc => read::Format::Warc,
            InputFormat::Feed => read::Format::Feed,
        });
        let files = if self.files.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            self.files.clone()
        };
        read::open_all(&files, format, &defaults)
    }
}

/// Articles processed per parallel batch: large enough to keep both cores busy, small enough
/// that output starts early and memory stays flat.
const BATCH: usize = 64;

/// Run the pipeline over every article of `input`, in parallel batches, calling `sink` with
/// each result in input order. Read issues are reported on stderr and counted.
pub fn process_all(
    input: &InputArgs,
    pipeline: &Pipeline,
    mut sink: impl FnMut(Annotated) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let mut skipped = 0usize;
    let failed = std::cell::Cell::new(0usize);
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Article>| -> anyhow::Result<()> {
        // A bug that panics on one article loses that article only: it is reported and the
        // run goes on (and ends with the "something was skipped" exit code).
        let results: Vec<Option<Annotated>> = batch
            .par_iter()
            .map(|a| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(a)))
                    .map_err(|_| {
                        eprintln!(
                            "annals: skipped article {}: internal error while analysing it \
                             (a bug: please report it with the article)",
                            a.id
                        );
                    })
                    .ok()
            })
            .collect();
        batch.clear();
        for result in results {
            match result {
                Some(annotated) => sink(annotated)?,
                None => failed.set(failed.get() + 1),
            }
        }
        Ok(())
    };
    for item in input.open() {
        match item {
            Ok(article) => {
                batch.push(article);
                if batch.len() == BATCH {
                    flush(&mut batch)?;
                }
            }
            Err(issue) => {
                skipped += 1;
                eprintln!("annals: skipped {issue}");
            }
        }
    }
    flush(&mut batch)?;
    Ok(skipped + failed.get())
}

/// Options that shape the pipeline.
#[derive(Args, Debug, Clone, Default)]
pub struct PipelineArgs {
    /// Extra lexicon file (actors/agents or event patterns; see docs/lexicons.md). Repeatable.
    #[arg(long = "lexicon", value_name = "PATH")]
    pub lexicons: Vec<PathBuf>,
    /// Also code events in headlines.
    #[arg(long)]
    pub headlines: bool,
}

impl PipelineArgs {
    /// Build the pipeline; what could not be loaded is reported on stderr.
    pub fn build(&self) -> anyhow::Result<Pipeline> {
        let pipeline = Pipeline::new(annals_events::PipelineOptions {
            code_headlines: self.headlines,
            lexicons: self.lexicons.clone(),
            ..Default::default()
        })?;
        for warning in pipeline.warnings() {
            eprintln!("annals: warning: {warning}");
        }
        Ok(pipeline)
    }
}
