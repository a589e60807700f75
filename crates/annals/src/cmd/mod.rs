//! Subcommands. Each module has an `Args` struct (clap) and a `run` function.

pub mod annotate;
pub mod code;
pub mod demo;
pub mod eval;
pub mod geo;
pub mod input;
pub mod output;
pub mod store;
pub mod syntax;

/// How a command ended when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was read.
    Complete,
    /// The run finished, but this many input records were skipped.
    SkippedInput(usize),
}

impl Outcome {
    /// `Complete` when nothing was skipped.
    pub fn from_skipped(skipped: usize) -> Outcome {
        if skipped == 0 {
            Outcome::Complete
        } else {
            Outcome::SkippedInput(skipped)
        }
    }
}
