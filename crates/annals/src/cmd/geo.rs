//! `annals gazetteer build|import` and `annals geo`: the geo stage's commands, delegated to
//! `annals_geo::cli` (which also serves `annals-geo` and the GeoWebNews evaluation).

use anyhow::{Result, bail};
use clap::Args;

use super::Outcome;

/// Arguments passed through to the geo commands.
#[derive(Args, Debug)]
#[command(disable_help_flag = true)]
pub struct GeoArgs {
    /// Subcommand and arguments (see `--help`).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<String>,
}

/// Run `annals <command> ARGS...` through `annals_geo::cli::run`.
pub fn run(command: &str, args: GeoArgs) -> Result<Outcome> {
    if args.args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}", annals_geo::cli::USAGE);
        return Ok(Outcome::Complete);
    }
    let mut argv = vec![command.to_string()];
    argv.extend(args.args);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match annals_geo::cli::run(&argv, &mut out) {
        Ok(0) => Ok(Outcome::Complete),
        Ok(code) => bail!("annals {command}: bad arguments (exit {code})"),
        Err(e) => Err(e.into()),
    }
}
