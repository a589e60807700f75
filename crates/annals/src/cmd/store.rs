//! `annals ingest`, `annals query`, `annals export`: the event store (see docs/store.md).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use annals_events::{Article, EventRecord, Pipeline, read};
use annals_store::{
    ArticleCoder, BBox, By, ExportFormat, Filter, IngestOptions, Store, export, ingest,
    write_events, write_incidents,
};
use anyhow::Context;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::Outcome;
use super::input::PipelineArgs;

/// The real pipeline as the store's coder.
struct PipelineCoder {
    pipeline: Pipeline,
    version: String,
}

impl ArticleCoder for PipelineCoder {
    fn code(&self, article: &Article) -> Result<Vec<EventRecord>, String> {
        Ok(self.pipeline.process(article).events)
    }

    fn version(&self) -> String {
        self.version.clone()
    }
}

/// Input formats the store reads (detected when not given).
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// One article per file.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// One HTML page per file.
    Html,
    /// WARC or WARC.gz (Common Crawl News).
    Warc,
    /// RSS or Atom feed.
    Feed,
}

impl From<SourceFormat> for read::Format {
    fn from(f: SourceFormat) -> Self {
        match f {
            SourceFormat::Text => read::Format::Text,
            SourceFormat::Jsonl => read::Format::Jsonl,
            SourceFormat::Html => read::Format::Html,
            SourceFormat::Warc => read::Format::Warc,
            SourceFormat::Feed => read::Format::Feed,
        }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    read::parse_metadata_date(s).ok_or_else(|| format!("{s:?} is not a date: use YYYY-MM-DD"))
}

/// Options of `annals ingest`.
#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Sources: files (text, JSONL, HTML, WARC, WARC.gz, RSS/Atom, any of them gzipped),
    /// directories (read recursively) and glob patterns (quote them). `-` reads stdin.
    #[arg(required = true)]
    pub sources: Vec<PathBuf>,
    /// The store (a SQLite file; created if missing).
    #[arg(long, default_value = "annals.db")]
    pub db: PathBuf,
    /// Publication date (YYYY-MM-DD) for articles that do not give one.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Publisher for articles that do not give one.
    #[arg(long)]
    pub publisher: Option<String>,
    /// Input format; detected per file when not given.
    #[arg(long, value_enum)]
    pub input_format: Option<SourceFormat>,
    /// No progress bar (it is drawn only on a terminal anyway).
    #[arg(long)]
    pub no_progress: bool,
    /// Do not recompute incidents at the end (run `annals ingest` later, or corroborate with
    /// the next ingest).
    #[arg(long)]
    pub no_corroborate: bool,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// Run `annals ingest`.
pub fn run_ingest(args: IngestArgs) -> anyhow::Result<Outcome> {
    let pipeline = args.pipeline.build()?;
    let coder = PipelineCoder {
        pipeline,
        version: format!("annals {}", env!("CARGO_PKG_VERSION")),
    };
    let mut store =
        Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()))?;
    let options = IngestOptions {
        format: args.input_format.map(Into::into),
        defaults: read::Defaults {
            date: args.date,
            publisher: args.publisher.clone(),
            url: None,
        },
        progress: !args.no_progress && std::io::stderr().is_terminal(),
        print_issues: true,
        corroborate: !args.no_corroborate,
        ..IngestOptions::default()
    };
    let summary = ingest(&mut store, &args.sources, &coder, &options)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    } else {
        eprintln!("{summary}");
    }
    // Duplicates are not a problem; unreadable records, empty texts and coder failures are.
    let problems: u64 = summary
        .skipped
        .iter()
        .filter(|(reason, _)| {
            !reason.starts_with("already stored") && !reason.starts_with("duplicate")
        })
        .map(|(_, n)| n)
        .sum();
    Ok(Outcome::from_skipped(problems as usize))
}

/// Filters shared by `query` and `export`.
#[derive(Args, Debug, Clone)]
pub struct FilterArgs {
    /// The store.
    #[arg(long, default_value = "annals.db")]
    pub db: PathBuf,
    /// Events on or after this date.
    #[arg(long, value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Events on or before this date.
    #[arg(long, value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Country of the location (ISO 3166 alpha-3, e.g. SYR).
    #[arg(long)]
    pub country: Option<String>,
    /// First-order administrative division (name).
    #[arg(long)]
    pub admin1: Option<String>,
    /// Bounding box: min_lon,min_lat,max_lon,max_lat.
    #[arg(long, value_parser = |s: &str| s.parse::<BBox>())]
    pub bbox: Option<BBox>,
    /// PLOVER event type (ASSAULT, PROTEST, ...).
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// PLOVER mode (abduct, explosives, ...).
    #[arg(long)]
    pub mode: Option<String>,
    /// Modality (asserted, negated, hypothetical, demanded, threatened, alleged).
    #[arg(long)]
    pub modality: Option<String>,
    /// Actor or recipient: words of its name, or its code or country.
    #[arg(long)]
    pub actor: Option<String>,
    /// Publisher (part of the name).
    #[arg(long)]
    pub publisher: Option<String>,
    /// Words that must occur in the evidence sentence (full-text search; `word*` for a prefix).
    #[arg(long)]
    pub text: Option<String>,
    /// Only the events of this incident (`inc-...`).
    #[arg(long)]
    pub incident: Option<String>,
    /// Incidents reported by at least this many distinct publishers.
    #[arg(long)]
    pub min_sources: Option<u32>,
    /// At most this many results.
    #[arg(long)]
    pub limit: Option<usize>,
}

impl FilterArgs {
    fn filter(&self) -> Filter {
        Filter {
            from: self.from,
            to: self.to,
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            bbox: self.bbox,
            event_type: self.event_type.clone(),
            mode: self.mode.clone(),
            modality: self.modality.clone(),
            actor: self.actor.clone(),
            publisher: self.publisher.clone(),
            text: self.text.clone(),
            incident: self.incident.clone(),
            min_sources: self.min_sources,
            limit: self.limit,
        }
    }

    fn open(&self) -> anyhow::Result<Store> {
        anyhow::ensure!(
            self.db.is_file(),
            "no store at {}: run `annals ingest SOURCE... --db {}` first",
            self.db.display(),
            self.db.display()
        );
        Store::open(&self.db).with_context(|| format!("cannot open {}", self.db.display()))
    }
}

/// Output formats of `annals query`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryFormat {
    /// An aligned table.
    Table,
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header (ACLED-like columns).
    Csv,
}

/// Options of `annals query`.
#[derive(Args, Debug)]
pub struct QueryArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// One row per incident (with its reports in JSONL) instead of one per event.
    #[arg(long)]
    pub incidents: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = QueryFormat::Table)]
    pub format: QueryFormat,
}

/// Run `annals query`.
pub fn run_query(args: QueryArgs) -> anyhow::Result<Outcome> {
    let store = args.filter.open()?;
    let filter = args.filter.filter();
    let format = match args.format {
        QueryFormat::Table => ExportFormat::Table,
        QueryFormat::Jsonl => ExportFormat::Jsonl,
        QueryFormat::Csv => ExportFormat::Csv,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let n = if args.incidents {
        write_incidents(&store, &filter, format, &mut out)?
    } else {
        write_events(&store, &filter, format, &mut out)?
    };
    out.flush()?;
    if format == ExportFormat::Table {
        eprintln!(
            "{n} {}",
            if args.incidents {
                "incident(s)"
            } else {
                "event(s)"
            }
        );
    }
    Ok(Outcome::Complete)
}

/// Export formats.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFileFormat {
    /// One JSON object per line.
    Jsonl,
    /// CSV with a header (ACLED-like columns).
    Csv,
    /// Apache Parquet.
    Parquet,
}

/// What each exported row is.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportBy {
    /// One row per event (report).
    Events,
    /// One row per incident.
    Incidents,
}

/// Options of `annals export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Output file; its extension (.jsonl, .csv, .parquet) gives the format unless --format.
    #[arg(long, short)]
    pub out: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<ExportFileFormat>,
    /// Rows are events or incidents.
    #[arg(long, value_enum, default_value_t = ExportBy::Events)]
    pub by: ExportBy,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// Run `annals export`.
pub fn run_export(args: ExportArgs) -> anyhow::Result<Outcome> {
    let format = match args.format {
        Some(f) => f,
        None => match args.out.extension().and_then(|e| e.to_str()) {
            Some("jsonl") | Some("ndjson") | Some("json") => ExportFileFormat::Jsonl,
            Some("csv") => ExportFileFormat::Csv,
            Some("parquet") | Some("pq") => ExportFileFormat::Parquet,
            _ => anyhow::bail!(
                "cannot tell the format from {}: give --format jsonl|csv|parquet",
                args.out.display()
            ),
        },
    };
    let store = args.filter.open()?;
    let by = match args.by {
        ExportBy::Events => By::Events,
        ExportBy::Incidents => By::Incidents,
    };
    let format = match format {
        ExportFileFormat::Jsonl => ExportFormat::Jsonl,
        ExportFileFormat::Csv => ExportFormat::Csv,
        ExportFileFormat::Parquet => ExportFormat::Parquet,
    };
    let n = export(&store, &args.filter.filter(), by, format, &args.out)?;
    eprintln!(
        "wrote {n} {} to {}",
        if by == By::Events {
            "event(s)"
        } else {
            "incident(s)"
        },
        args.out.display()
    );
    Ok(Outcome::Complete)
}
