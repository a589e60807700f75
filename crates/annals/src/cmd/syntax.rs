//! `annals train syntax`: train the tagger, lemmatizer, parser and recognizer of
//! `annals-syntax` from the UD English treebanks.
//!
//! ```text
//! annals train syntax --treebanks ../shared/treebanks --out data/models/syntax
//! ```
//!
//! Training uses GUM train without its non-commercial genres (fiction, wikiHow) plus EWT dev,
//! writes `model.bin` and `manifest.json` (version, training-data SHA-256, licences) and
//! prints the scores on GUM dev. See `docs/syntax.md`.

use std::path::PathBuf;

use annals_events::syntax::train::{
    DEFAULT_CLUSTERS, DEFAULT_NAME_LISTS, DEFAULT_VECTORS, TrainOptions, WordResources,
    train_from_treebanks,
};
use anyhow::bail;
use clap::{Args, Subcommand};

use super::Outcome;

/// Options of `annals train`.
#[derive(Args, Debug)]
pub struct TrainArgs {
    #[command(subcommand)]
    what: TrainWhat,
}

#[derive(Subcommand, Debug)]
enum TrainWhat {
    /// Tagger, lemmatizer, dependency parser and named-entity recognizer.
    Syntax {
        /// The treebanks directory (`gum/`, `ewt/`).
        #[arg(long, default_value = "../shared/treebanks")]
        treebanks: PathBuf,
        /// Where to write `model.bin` and `manifest.json`.
        #[arg(long, default_value = "data/models/syntax")]
        out: PathBuf,
        /// Jack-knife folds for the tags the parser trains on.
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// The word table (`word<TAB>cluster path[<TAB>WordNet classes]`), as
        /// `scripts/clusters/fetch.sh` writes it.
        #[arg(long, default_value = DEFAULT_CLUSTERS)]
        clusters: PathBuf,
        /// Train without the word table (no clusters, no WordNet classes).
        #[arg(long, conflicts_with = "clusters")]
        no_clusters: bool,
        /// Outside name lists for the recognizer (`name<TAB>town|given|surname`), as
        /// `scripts/clusters/fetch.sh` writes them.
        #[arg(long, default_value = DEFAULT_NAME_LISTS)]
        names: PathBuf,
        /// Train the recognizer without the outside name lists.
        #[arg(long, conflicts_with = "names")]
        no_names: bool,
        /// Word vectors (GloVe text format), grouped into classes for the recognizer, as
        /// `scripts/clusters/fetch.sh` writes them.
        #[arg(long, default_value = DEFAULT_VECTORS)]
        vectors: PathBuf,
        /// Train the recognizer without vector classes.
        #[arg(long, conflicts_with = "vectors")]
        no_vectors: bool,
    },
}

/// Run `annals train`.
pub fn run(args: TrainArgs) -> anyhow::Result<Outcome> {
    match args.what {
        TrainWhat::Syntax {
            treebanks,
            out,
            folds,
            clusters,
            no_clusters,
            names,
            no_names,
            vectors,
            no_vectors,
        } => {
            if !treebanks.join("gum").is_dir() {
                bail!(
                    "{} has no gum/ folder (the UD English treebanks)",
                    treebanks.display()
                );
            }
            if !no_clusters && !clusters.is_file() {
                bail!(
                    "no word table at {} (run `bash scripts/clusters/fetch.sh`, or train with --no-clusters)",
                    clusters.display()
                );
            }
            if !no_names && !names.is_file() {
                bail!(
                    "no outside name lists at {} (run `bash scripts/clusters/fetch.sh`, or train with --no-names)",
                    names.display()
                );
            }
            if !no_vectors && !vectors.is_file() {
                bail!(
                    "no word vectors at {} (run `bash scripts/clusters/fetch.sh`, or train with --no-vectors)",
                    vectors.display()
                );
            }
            let resources = WordResources {
                clusters: (!no_clusters).then_some(clusters.as_path()),
                name_lists: (!no_names).then_some(names.as_path()),
                vectors: (!no_vectors).then_some(vectors.as_path()),
            };
            let options = TrainOptions {
                folds,
                ..TrainOptions::default()
            };
            let report =
                train_from_treebanks(&treebanks, &out, resources, &options, &|m| eprintln!("{m}"))?;
            println!(
                "wrote {} ({} bytes) in {:.0} s; training data sha256 {}",
                report.model_file.display(),
                report.model_bytes,
                report.seconds,
                report.training_sha256
            );
            if let Some(dev) = report.gum_dev {
                println!("GUM dev (gold tokens):\n{}", dev.summary());
            }
            Ok(Outcome::Complete)
        }
    }
}
