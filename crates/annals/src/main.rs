//! `annals`: news in, structured, attributed, geolocated event data out.
//!
//! Each subcommand lives in its own module under [`cmd`]; this file only parses the command line
//! and dispatches.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;

/// Exit code when the run finished but some input was skipped (reported on stderr).
pub const EXIT_SKIPPED: u8 = 3;

#[derive(Parser)]
#[command(
    name = "annals",
    version,
    about = "News in, structured event data out: who did what to whom, where, when, how many, and who says so.",
    long_about = "annals reads news articles (plain text, JSONL, ...) and codes the events they \
report in PLOVER 2.0 and CAMEO: actors and recipients with country and sector, location, date, \
counts, attribution (who claims it) and modality (asserted, denied, demanded, ...).\n\n\
Start with `annals demo`, then `annals code story.txt --date 2018-08-02 --format table`.\n\
`annals annotate` shows every layer annals found in a text, so you can see why.\n\n\
Exit codes: 0 success; 1 error; 2 bad command line; 3 finished, but some input was skipped \
(each skipped record is reported on stderr with its file and line).",
    after_help = "Run `annals <COMMAND> --help` for the options of each command."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code the events of articles; one JSON record per line (or CSV, or a table).
    Code(cmd::code::CodeArgs),
    /// Show every layer found in articles: sentences, tokens, dates, counts, syntax, events.
    Annotate(cmd::annotate::AnnotateArgs),
    /// Run the whole pipeline on a short built-in news story and print the events as a table.
    Demo(cmd::demo::DemoArgs),
    /// Score annals on the labelled dev sets (`eval SET FILE`, `eval all`, `eval gate`).
    Eval(cmd::eval::EvalArgs),
    /// Build the embedded gazetteer, or import a full GeoNames dump: `gazetteer build|import`.
    Gazetteer(cmd::geo::GeoArgs),
    /// Find and resolve the places of a text or file: `geo [--json] TEXT|FILE`.
    Geo(cmd::geo::GeoArgs),
    /// Read sources into the event store: code, deduplicate, corroborate (docs/store.md).
    Ingest(cmd::store::IngestArgs),
    /// Query the event store: events or incidents, as a table, JSONL or CSV.
    Query(cmd::store::QueryArgs),
    /// Export from the event store to JSONL, CSV or Parquet, by event or by incident.
    Export(cmd::store::ExportArgs),
    /// Train models: `train syntax --treebanks DIR --out DIR` (docs/syntax.md).
    Train(cmd::syntax::TrainArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => cmd::code::run(args),
        Command::Annotate(args) => cmd::annotate::run(args),
        Command::Demo(args) => cmd::demo::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Gazetteer(args) => cmd::geo::run("gazetteer", args),
        Command::Geo(args) => cmd::geo::run("geo", args),
        Command::Ingest(args) => cmd::store::run_ingest(args),
        Command::Query(args) => cmd::store::run_query(args),
        Command::Export(args) => cmd::store::run_export(args),
        Command::Train(args) => cmd::syntax::run(args),
    };
    match result {
        Ok(cmd::Outcome::Complete) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::SkippedInput(n)) => {
            eprintln!("annals: finished; {n} input record(s) skipped (see messages above)");
            ExitCode::from(EXIT_SKIPPED)
        }
        Err(err) => {
            // A closed pipe (`annals code ... | head`) is not an error worth reporting.
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("annals: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
