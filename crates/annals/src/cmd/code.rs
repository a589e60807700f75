//! `annals code`: articles in, event records out.

use std::path::PathBuf;

use clap::Args;

use super::Outcome;
use super::input::{InputArgs, PipelineArgs, process_all};
use super::output::{EventFormat, EventWriter, open_out};

/// Options of `annals code`.
#[derive(Args, Debug)]
pub struct CodeArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EventFormat::Jsonl)]
    pub format: EventFormat,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// Run `annals code`.
pub fn run(args: CodeArgs) -> anyhow::Result<Outcome> {
    let pipeline = args.pipeline.build()?;
    let mut writer = EventWriter::new(args.format, open_out(args.out.as_deref())?);
    let skipped = process_all(&args.input, &pipeline, |annotated| {
        annotated.events.iter().try_for_each(|e| writer.write(e))
    })?;
    writer.finish()?;
    Ok(Outcome::from_skipped(skipped))
}
