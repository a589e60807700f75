//! # annals-eval
//!
//! The evaluation harness behind `annals eval`: it runs annals on the labelled dev sets under
//! `shared/eval` and scores what comes out against the gold labels, one [`SetReport`] per set.
//!
//! | set | module | what is scored |
//! |---|---|---|
//! | `plover` | [`plover`] | PLOVER type accuracy; actor and recipient country and sector |
//! | `conflibert` | [`conflibert`] | quad class macro-F1; source and target token-span F1 |
//! | `ipe` | [`ipe`] | IndiaPoliceEvents classes, P/R/F1 per sentence and per document |
//! | `petrarch` | [`petrarch`] | exact (source, target, code) triples, when the test dictionaries load |
//! | `geowebnews` | [`geo`] | toponym P/R/F1 and accuracy within 161 km (the geo crate's own eval) |
//! | `event-location` | [`event_location`] | whether the event at the gold verb is placed at the gold location |
//! | `actors` | [`actors`] | actor string → country, sector and name |
//! | `fakes` | [`fakes`] | casualty counts (exact, within 10 %) and governorate |
//! | `syntax` | [`syntax`] | UPOS, LAS, entity F1 on treebank test files (the syntax crate's own eval) |
//!
//! Every scorer is a pure function from gold records and predictions to metrics, so each is
//! tested on hand-written fixtures; [`run_set`] reads a dev set, runs a [`Coder`] (the
//! [`annals_events::Pipeline`] in production) over it in parallel and calls the scorer.
//! [`baseline`] parses the committed numbers in `docs/accuracy.md` and compares a fresh run
//! with them (`annals eval gate`).
//!
//! Nothing here knows any record of any set: the harness never special-cases eval data.

use std::path::{Path, PathBuf};
use std::time::Instant;

use annals_events::record::EventRecord;
use annals_events::{ActorCode, Article, Pipeline};
use chrono::NaiveDate;

pub mod actors;
pub mod baseline;
pub mod common;
pub mod conflibert;
pub mod event_location;
pub mod fakes;
pub mod geo;
pub mod ipe;
pub mod petrarch;
pub mod plover;
pub mod report;
pub mod syntax;

pub use common::{Counts, EvalError, top_event, top_plover_event};
pub use report::{Metric, SetReport, Status, Unit, render_markdown, render_table};

/// What the harness needs from annals: the events of an article and the code of an actor
/// string. [`Pipeline`] implements it; tests implement it with fixed answers.
pub trait Coder: Sync {
    /// The coded events of one article.
    fn events(&self, article: &Article) -> Vec<EventRecord>;
    /// The code of a free-standing actor string, as of `date` when given.
    fn resolve_actor(&self, text: &str, date: Option<NaiveDate>) -> Option<ActorCode>;
    /// What the coder runs without (a model or gazetteer that did not load), for the report.
    fn warnings(&self) -> Vec<String> {
        Vec::new()
    }
    /// A coder that uses the PETRARCH validation dictionaries in `dir` (`PETR.Validate.*`)
    /// instead of the annals lexicons, or the reason it cannot be built. The PETRARCH unit
    /// tests are only scored when this returns a coder.
    fn with_petrarch_dictionaries(&self, dir: &Path) -> Result<Box<dyn Coder>, String> {
        let _ = dir;
        Err("annals cannot load the PETRARCH test dictionaries".into())
    }
}

impl Coder for Pipeline {
    fn events(&self, article: &Article) -> Vec<EventRecord> {
        self.process(article).events
    }

    fn resolve_actor(&self, text: &str, date: Option<NaiveDate>) -> Option<ActorCode> {
        Pipeline::resolve_actor(self, text, date)
    }

    fn warnings(&self) -> Vec<String> {
        Pipeline::warnings(self).to_vec()
    }

    // HOOK (event coder): `PipelineOptions::lexicons` takes annals-format lexicon files; when
    // annals can read PETRARCH-format dictionaries (PETR.Validate.actors.txt, .verbs.txt,
    // .agents.txt, .discards.txt in `dir`), build a pipeline from them here and return it;
    // `annals eval petrarch` then scores the unit tests.
    fn with_petrarch_dictionaries(&self, dir: &Path) -> Result<Box<dyn Coder>, String> {
        Err(format!(
            "annals cannot load the PETRARCH test dictionaries ({}): it reads annals-format \
             lexicons only",
            dir.display()
        ))
    }
}

/// The dev sets `annals eval` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Set {
    /// PLOVER gold standard records (`events/plover-gsr.jsonl`).
    Plover,
    /// ConfliBERT CAMEO sentences (`events/conflibert-cameo.jsonl`).
    Conflibert,
    /// IndiaPoliceEvents (`events/india-police-events.jsonl`).
    Ipe,
    /// PETRARCH unit tests (`events/petrarch-unittest.jsonl`).
    Petrarch,
    /// GeoWebNews (`geo/geowebnews.jsonl`).
    GeoWebNews,
    /// Event location sentences (`geo/event-location.jsonl`).
    EventLocation,
    /// NGEC actor test cases (`actors/ngec-actor-cases.jsonl`).
    Actors,
    /// FA-KES casualty articles (`casualties/fa-kes.jsonl`).
    Fakes,
    /// UD English test treebanks (`treebanks/`, outside `eval/`).
    Syntax,
}

impl Set {
    /// Every set, in report order.
    pub const ALL: [Set; 9] = [
        Set::Plover,
        Set::Conflibert,
        Set::Ipe,
        Set::Petrarch,
        Set::GeoWebNews,
        Set::EventLocation,
        Set::Actors,
        Set::Fakes,
        Set::Syntax,
    ];

    /// The name used on the command line and in metric keys.
    pub fn name(self) -> &'static str {
        match self {
            Set::Plover => "plover",
            Set::Conflibert => "conflibert",
            Set::Ipe => "ipe",
            Set::Petrarch => "petrarch",
            Set::GeoWebNews => "geowebnews",
            Set::EventLocation => "event-location",
            Set::Actors => "actors",
            Set::Fakes => "fakes",
            Set::Syntax => "syntax",
        }
    }

    /// Parse a set name (also the long forms `india-police-events`, `fa-kes`, …).
    pub fn from_name(name: &str) -> Option<Set> {
        let n = name.trim().to_ascii_lowercase().replace('_', "-");
        Some(match n.as_str() {
            "plover" | "plover-gsr" => Set::Plover,
            "conflibert" | "conflibert-cameo" => Set::Conflibert,
            "ipe" | "india-police-events" => Set::Ipe,
            "petrarch" | "petrarch-unittest" => Set::Petrarch,
            "geowebnews" | "gwn" => Set::GeoWebNews,
            "event-location" | "eventlocation" => Set::EventLocation,
            "actors" | "actor-cases" | "ngec-actor-cases" => Set::Actors,
            "fakes" | "fa-kes" => Set::Fakes,
            "syntax" | "treebanks" => Set::Syntax,
            _ => return None,
        })
    }

    /// Where the set lives under the shared directory (`<shared>/eval/...`, or
    /// `<shared>/treebanks` for syntax).
    pub fn default_path(self, shared: &Path) -> PathBuf {
        let eval = shared.join("eval");
        match self {
            Set::Plover => eval.join("events/plover-gsr.jsonl"),
            Set::Conflibert => eval.join("events/conflibert-cameo.jsonl"),
            Set::Ipe => eval.join("events/india-police-events.jsonl"),
            Set::Petrarch => eval.join("events/petrarch-unittest.jsonl"),
            Set::GeoWebNews => eval.join("geo/geowebnews.jsonl"),
            Set::EventLocation => eval.join("geo/event-location.jsonl"),
            Set::Actors => eval.join("actors/ngec-actor-cases.jsonl"),
            Set::Fakes => eval.join("casualties/fa-kes.jsonl"),
            Set::Syntax => shared.join("treebanks"),
        }
    }

    /// Records the fast regression gate scores by default (the first N of the file; `None` =
    /// all). The committed baseline stores the sizes it was measured with, and the gate uses
    /// those, so changing these only matters when the baseline block is rewritten.
    pub fn default_gate_limit(self) -> Option<usize> {
        match self {
            Set::Plover => None,
            Set::Conflibert => Some(500),
            Set::Ipe => Some(150),
            Set::Petrarch => None,
            Set::GeoWebNews => None,
            Set::EventLocation => Some(1000),
            Set::Actors => None,
            Set::Fakes => Some(200),
            Set::Syntax => Some(500),
        }
    }
}

impl std::fmt::Display for Set {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Options of one evaluation run.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    /// Score only the first N records (see each set for what a record is; event-location
    /// keeps all `gold: true` records and limits the silver ones).
    pub limit: Option<usize>,
    /// Collect one JSON object per wrong prediction in [`SetReport::errors`].
    pub errors: bool,
    /// The shared directory, for sets that need more than their file (PETRARCH dictionaries).
    pub shared: Option<PathBuf>,
}

/// Read and score one set. Problems (missing file, bad record, a model that is not there)
/// become a report with a non-scored [`Status`], never a panic, so `eval all` always prints
/// every set.
pub fn run_set(set: Set, path: &Path, coder: &dyn Coder, options: &EvalOptions) -> SetReport {
    let started = Instant::now();
    let mut report = if !path.exists() {
        SetReport::not_available(set, path, format!("{} not found", path.display()))
    } else {
        let result = match set {
            Set::Plover => plover::run(path, coder, options),
            Set::Conflibert => conflibert::run(path, coder, options),
            Set::Ipe => ipe::run(path, coder, options),
            Set::Petrarch => petrarch::run(path, coder, options),
            Set::GeoWebNews => geo::run(path, options),
            Set::EventLocation => event_location::run(path, coder, options),
            Set::Actors => actors::run(path, coder, options),
            Set::Fakes => fakes::run(path, coder, options),
            Set::Syntax => syntax::run(path, options),
        };
        match result {
            Ok(r) => r,
            Err(EvalError::Unavailable(reason)) => SetReport::not_available(set, path, reason),
            Err(e) => SetReport::failed(set, path, e.to_string()),
        }
    };
    report.seconds = started.elapsed().as_secs_f64();
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_names_round_trip_and_long_names_parse() {
        for set in Set::ALL {
            assert_eq!(Set::from_name(set.name()), Some(set));
        }
        assert_eq!(Set::from_name("india-police-events"), Some(Set::Ipe));
        assert_eq!(Set::from_name("FA-KES"), Some(Set::Fakes));
        assert_eq!(Set::from_name("nothing"), None);
    }

    #[test]
    fn default_paths_stay_out_of_holdout() {
        let shared = Path::new("/s");
        for set in Set::ALL {
            let p = set.default_path(shared);
            assert!(p.starts_with("/s"));
            assert!(!p.to_string_lossy().contains("holdout"), "{}", p.display());
        }
        assert_eq!(Set::Syntax.default_path(shared), Path::new("/s/treebanks"));
    }

    #[test]
    fn a_missing_file_is_reported_not_fatal() {
        struct Nothing;
        impl Coder for Nothing {
            fn events(&self, _: &Article) -> Vec<EventRecord> {
                Vec::new()
            }
            fn resolve_actor(&self, _: &str, _: Option<NaiveDate>) -> Option<ActorCode> {
                None
            }
        }
        let r = run_set(
            Set::Plover,
            Path::new("/nonexistent/plover.jsonl"),
            &Nothing,
            &EvalOptions::default(),
        );
        assert!(matches!(r.status, Status::NotAvailable(_)));
        assert!(r.metrics.is_empty());
    }
}
