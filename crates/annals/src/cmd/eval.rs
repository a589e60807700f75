//! `annals eval`: score annals on the labelled dev sets, and the regression gate.
//!
//! ```text
//! annals eval SET [FILE] [--json] [--limit N] [--errors OUT.jsonl]
//! annals eval all  [--shared ../shared] [--json] [--limit N]
//! annals eval gate [--shared ../shared] [--baseline docs/accuracy.md] [--update]
//! ```
//!
//! The metrics are defined in `annals-eval` and documented in `docs/accuracy.md`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use annals_eval::baseline::{self, Baseline};
use annals_eval::{Coder, EvalOptions, Set, SetReport, Status, render_markdown, render_table};
use anyhow::{Context, bail};
use clap::Args;

use super::Outcome;

/// Options of `annals eval`.
#[derive(Args, Debug)]
#[command(
    after_help = "Sets: plover, conflibert, ipe (india-police-events), petrarch, geowebnews, \
event-location, actors, fakes (fa-kes), syntax (a treebanks directory or a .conllu file).\n\n\
Examples:\n  annals eval plover ../shared/eval/events/plover-gsr.jsonl\n  \
annals eval all --shared ../shared --json\n  \
annals eval gate --shared ../shared --baseline docs/accuracy.md\n\n\
Metric definitions: docs/accuracy.md."
)]
pub struct EvalArgs {
    /// A set name, `all` (every set found under <SHARED>/eval, and the treebanks), or `gate`
    /// (the fast regression check against the committed baseline).
    pub what: String,
    /// The set's file (default: its place under <SHARED>).
    pub file: Option<PathBuf>,
    /// The shared data directory holding `eval/` and `treebanks/`.
    #[arg(long, default_value = "../shared")]
    pub shared: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
    /// Print markdown sections (as in docs/accuracy.md) instead of a table.
    #[arg(long)]
    pub markdown: bool,
    /// Score only the first N records of each set (event-location: every hand-checked record
    /// and the first N silver ones; syntax: the first N sentences of each split).
    #[arg(long)]
    pub limit: Option<usize>,
    /// Write one JSON object per wrong prediction to this file (JSONL).
    #[arg(long)]
    pub errors: Option<PathBuf>,
    /// Gate: the markdown file with the committed baseline block.
    #[arg(long, default_value = "docs/accuracy.md")]
    pub baseline: PathBuf,
    /// Gate: rewrite the baseline block with the numbers measured now (keeps the sample).
    #[arg(long)]
    pub update: bool,
}

/// Run `annals eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<Outcome> {
    if args.update && args.what != "gate" {
        bail!("--update only applies to `annals eval gate`");
    }
    // Check the command line before loading the models.
    let single = match args.what.as_str() {
        "gate" => None,
        "all" => {
            if args.file.is_some() {
                bail!("`annals eval all` takes no FILE; use --shared DIR");
            }
            let eval_dir = args.shared.join("eval");
            if !eval_dir.is_dir() {
                bail!("{} not found (pass --shared DIR)", eval_dir.display());
            }
            None
        }
        name => match Set::from_name(name) {
            Some(set) => Some(set),
            None => bail!(
                "unknown set {name:?}: use one of {}, `all` or `gate`",
                Set::ALL.map(Set::name).join(", ")
            ),
        },
    };
    let pipeline = annals_eval::common::default_pipeline()?;
    let warnings = pipeline.warnings().to_vec();
    for w in &warnings {
        eprintln!("eval: pipeline: {w}");
    }
    let options = EvalOptions {
        limit: args.limit,
        errors: args.errors.is_some(),
        shared: Some(args.shared.clone()),
    };
    let started = Instant::now();
    if args.what == "gate" {
        return gate(&args, &pipeline, &warnings);
    }
    let reports: Vec<SetReport> = match single {
        Some(set) => {
            let path = args
                .file
                .clone()
                .unwrap_or_else(|| set.default_path(&args.shared));
            vec![run_one(set, &path, &pipeline, &options)]
        }
        None => Set::ALL
            .iter()
            .map(|&set| run_one(set, &set.default_path(&args.shared), &pipeline, &options))
            .collect(),
    };
    finish(&args, &reports, &warnings, started)
}

fn run_one(set: Set, path: &Path, coder: &dyn Coder, options: &EvalOptions) -> SetReport {
    let report = annals_eval::run_set(set, path, coder, options);
    let status = match &report.status {
        Status::Scored => format!("{} record(s)", report.records),
        Status::NotAvailable(why) => format!("not available: {why}"),
        Status::Failed(why) => format!("FAILED: {why}"),
    };
    eprintln!("eval {set}: {status} ({:.1}s)", report.seconds);
    report
}

fn write_errors(path: &Path, reports: &[SetReport]) -> anyhow::Result<()> {
    let file =
        std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    for e in reports.iter().flat_map(|r| &r.errors) {
        serde_json::to_writer(&mut out, e)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// The table, with what the pipeline ran without.
fn table(reports: &[SetReport], warnings: &[String]) -> String {
    let mut t = render_table(reports);
    for w in warnings {
        t.push_str(&format!("pipeline: {w}\n"));
    }
    t
}

fn finish(
    args: &EvalArgs,
    reports: &[SetReport],
    warnings: &[String],
    started: Instant,
) -> anyhow::Result<Outcome> {
    if let Some(path) = &args.errors {
        write_errors(path, reports)?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let v = serde_json::json!({"sets": reports, "pipeline_warnings": warnings,
            "seconds": started.elapsed().as_secs_f64()});
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    } else if args.markdown {
        write!(out, "{}", render_markdown(reports))?;
        for w in warnings {
            writeln!(out, "Pipeline: {w}\n")?;
        }
    } else {
        write!(out, "{}", table(reports, warnings))?;
        writeln!(
            out,
            "({:.1}s; * = guarded by `annals eval gate`)",
            started.elapsed().as_secs_f64()
        )?;
    }
    out.flush()?;
    let failed: Vec<&str> = reports
        .iter()
        .filter(|r| matches!(r.status, Status::Failed(_)))
        .map(|r| r.set.as_str())
        .collect();
    if !failed.is_empty() {
        bail!("evaluation failed for {}", failed.join(", "));
    }
    Ok(Outcome::Complete)
}

fn gate(args: &EvalArgs, coder: &dyn Coder, warnings: &[String]) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let markdown = match std::fs::read_to_string(&args.baseline) {
        Ok(s) => Some(s),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && args.update => None,
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read {}", args.baseline.display()));
        }
    };
    let committed = match &markdown {
        Some(md) => match baseline::parse_markdown(md) {
            Ok(b) => Some(b),
            Err(_) if args.update => None,
            Err(e) => bail!("{}: {e}", args.baseline.display()),
        },
        None => None,
    };
    let sample = committed
        .as_ref()
        .map_or_else(Baseline::default_sample, |b| b.sample.clone());
    let epsilon = committed
        .as_ref()
        .map_or(baseline::DEFAULT_EPSILON, |b| b.epsilon);
    let plan = Baseline {
        epsilon,
        sample: sample.clone(),
        metrics: Default::default(),
    }
    .sets()?;
    let mut reports = Vec::new();
    for (set, limit) in plan {
        let options = EvalOptions {
            limit: args.limit.or(limit),
            errors: args.errors.is_some(),
            shared: Some(args.shared.clone()),
        };
        reports.push(run_one(
            set,
            &set.default_path(&args.shared),
            coder,
            &options,
        ));
    }
    if let Some(path) = &args.errors {
        write_errors(path, &reports)?;
    }
    if args.json {
        let comparison = committed.as_ref().map(|b| baseline::compare(b, &reports));
        let v = serde_json::json!({"sets": reports, "gate": comparison,
            "pipeline_warnings": warnings, "seconds": started.elapsed().as_secs_f64()});
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        print!("{}", table(&reports, warnings));
    }
    if args.update {
        let fresh = Baseline::from_reports(&reports, sample, epsilon);
        let text = baseline::update_markdown(markdown.as_deref().unwrap_or(""), &fresh);
        std::fs::write(&args.baseline, text)
            .with_context(|| format!("cannot write {}", args.baseline.display()))?;
        eprintln!(
            "eval gate: wrote {} metric(s) to {} ({:.1}s)",
            fresh.metrics.len(),
            args.baseline.display(),
            started.elapsed().as_secs_f64()
        );
        return Ok(Outcome::Complete);
    }
    let committed = committed.expect("parsed above unless --update");
    let comparison = baseline::compare(&committed, &reports);
    eprint!("{}", comparison.summary());
    eprintln!("eval gate: {:.1}s", started.elapsed().as_secs_f64());
    if !comparison.passed() {
        bail!(
            "eval gate failed: {} metric(s) below the baseline in {}, {} missing",
            comparison.regressions.len(),
            args.baseline.display(),
            comparison.missing.len()
        );
    }
    Ok(Outcome::Complete)
}
