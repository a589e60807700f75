//! # annals-events
//!
//! The last analysis stage and the pipeline that runs all stages: an [`Article`] goes in, an
//! [`Annotated`] document with its [`EventRecord`]s comes out.
//!
//! Stages: text layer ([`annals_document`]) → syntax ([`annals_syntax`]: tags, lemmas, tree,
//! entities) → places ([`annals_geo`]) → mentions ([`annals_mentions`]: dates, counts, actor
//! lexicon hits) → events (this crate's coder, driven by the patterns in `data/events`).
//!
//! The record types live in [`annals_record`], re-exported here as [`record`], so that later
//! stages (store, CLI) reach the whole analysis through this one crate.

use std::path::PathBuf;
use std::sync::Arc;

use annals_document::Doc;
use annals_geo::{Gazetteer, Toponym};
use annals_mentions::{ActorLexicon, LexiconError, Mentions};
use annals_syntax::SyntaxModel;
use serde::Serialize;

pub use annals_document as document;
pub use annals_geo as geo;
pub use annals_mentions as mentions;
pub use annals_mentions::ActorCode;
pub use annals_read as read;
pub use annals_read::Article;
pub use annals_record as record;
pub use annals_record::EventRecord;
pub use annals_syntax as syntax;

mod actors;
mod aggregate;
mod args;
mod attribution;
mod cameo;
mod coder;
pub mod lexicon;
mod tree;

use lexicon::EventLexicon;

/// Options for building a [`Pipeline`].
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Code events from headlines too (off by default: headlines repeat the body and are
    /// written to attract, not to report).
    pub code_headlines: bool,
    /// Extra lexicon files (actors, agents or event patterns) to load besides the shipped ones.
    pub lexicons: Vec<PathBuf>,
    /// Run without the syntax model even if it is installed (no events are coded then; for
    /// measuring the other stages).
    pub skip_syntax: bool,
    /// Run without the gazetteer (no places).
    pub skip_geo: bool,
}

/// Everything annals found in one article.
#[derive(Debug, Clone, Serialize)]
pub struct Annotated {
    /// The document with its token layers.
    pub doc: Doc,
    /// Dates and counts.
    pub mentions: Mentions,
    /// Toponyms with their resolution (and whether they stand for an actor).
    pub places: Vec<Toponym>,
    /// The coded events.
    pub events: Vec<EventRecord>,
}

/// An error building the pipeline.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// A model or dictionary could not be loaded.
    #[error("cannot load {what}: {message}")]
    Load {
        /// What failed to load.
        what: String,
        /// Why.
        message: String,
    },
    /// Lexicon files have errors.
    #[error("lexicon errors:\n{}", .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
    Lexicon(Vec<LexiconError>),
}

struct Resources {
    syntax: Option<SyntaxModel>,
    gazetteer: Option<Gazetteer>,
    actors: ActorLexicon,
    events: EventLexicon,
    warnings: Vec<String>,
}

/// The analysis pipeline, built once and shared by all threads (cloning is cheap).
#[derive(Clone)]
pub struct Pipeline {
    options: PipelineOptions,
    resources: Arc<Resources>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("options", &self.options)
            .field("syntax", &self.resources.syntax.is_some())
            .field("gazetteer", &self.resources.gazetteer.is_some())
            .field("event_patterns", &self.resources.events.len())
            .finish()
    }
}

fn split_lexicons(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<PathBuf>) {
    // Event pattern files are recognised by their first pattern line (`verb …`/`noun …`) or a
    // directory named `events`.
    paths.iter().cloned().partition(|p| {
        let in_events_dir = p
            .parent()
            .and_then(|d| d.file_name())
            .is_some_and(|n| n == "events");
        let looks_like_patterns = std::fs::read_to_string(p).is_ok_and(|text| {
            text.lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with('#'))
                .is_some_and(|l| l.starts_with("verb ") || l.starts_with("noun "))
        });
        !(in_events_dir || looks_like_patterns)
    })
}

impl Pipeline {
    /// Build the pipeline: load the syntax model, the gazetteer and the lexicons. A missing
    /// syntax model or gazetteer is not fatal (see [`Pipeline::warnings`]); broken lexicon files
    /// are.
    pub fn new(options: PipelineOptions) -> Result<Pipeline, PipelineError> {
        let mut warnings = Vec::new();
        let syntax = if options.skip_syntax {
            None
        } else {
            match SyntaxModel::load_default() {
                Ok(m) => Some(m),
                Err(e) => {
                    warnings.push(format!(
                        "syntax model not loaded ({e}); sentences are not parsed and no events are coded"
                    ));
                    None
                }
            }
        };
        let gazetteer = if options.skip_geo {
            None
        } else {
            match Gazetteer::load() {
                Ok(g) => Some(g),
                Err(e) => {
                    warnings.push(format!(
                        "gazetteer not loaded ({e}); places are not resolved"
                    ));
                    None
                }
            }
        };
        let (actor_files, event_files) = split_lexicons(&options.lexicons);
        let actors = ActorLexicon::load(&actor_files).map_err(PipelineError::Lexicon)?;
        let events = EventLexicon::load(&event_files)
            .map_err(PipelineError::Lexicon)?
            .finish();
        Ok(Pipeline {
            options,
            resources: Arc::new(Resources {
                syntax,
                gazetteer,
                actors,
                events,
                warnings,
            }),
        })
    }

    /// The options the pipeline was built with.
    pub fn options(&self) -> &PipelineOptions {
        &self.options
    }

    /// What could not be loaded (and what the pipeline does without it).
    pub fn warnings(&self) -> &[String] {
        &self.resources.warnings
    }

    /// Whether the syntax model is loaded.
    pub fn has_syntax(&self) -> bool {
        self.resources.syntax.is_some()
    }

    /// The gazetteer, when loaded.
    pub fn gazetteer(&self) -> Option<&Gazetteer> {
        self.resources.gazetteer.as_ref()
    }

    /// The syntax model, when loaded.
    pub fn syntax(&self) -> Option<&SyntaxModel> {
        self.resources.syntax.as_ref()
    }

    /// Run every stage on one article.
    pub fn process(&self, article: &Article) -> Annotated {
        self.analyze(self.parse(article))
    }

    /// The first stages: the text layer and (when the model is loaded) syntax.
    pub fn parse(&self, article: &Article) -> Doc {
        let mut doc = Doc::from_article(article);
        if let Some(model) = &self.resources.syntax {
            model.annotate(&mut doc);
        }
        doc
    }

    /// The stages after parsing: places, mentions (dates, counts) and events.
    pub fn analyze(&self, doc: Doc) -> Annotated {
        let places = self.places(&doc);
        let mentions = Mentions::find(&doc);
        let events = self.code_events(&doc, &mentions, &places);
        Annotated {
            doc,
            mentions,
            places,
            events,
        }
    }

    /// The toponyms of a parsed document, resolved (none without the gazetteer).
    pub fn places(&self, doc: &Doc) -> Vec<Toponym> {
        match &self.resources.gazetteer {
            Some(g) => annals_geo::geoparse(doc, g),
            None => Vec::new(),
        }
    }

    /// The event coder alone, on a parsed document with its mentions and places.
    pub fn code_events(
        &self,
        doc: &Doc,
        mentions: &Mentions,
        places: &[Toponym],
    ) -> Vec<EventRecord> {
        coder::code(
            doc,
            &coder::CoderInput {
                actors: &self.resources.actors,
                events: &self.resources.events,
                mentions,
                toponyms: places,
                options: &self.options,
            },
        )
    }

    /// Code a free-standing actor string ("Syrian government troops", "Republic of China"),
    /// as of `date` when given (office holders change). `None` when the lexicons do not know
    /// it.
    pub fn resolve_actor(&self, text: &str, date: Option<chrono::NaiveDate>) -> Option<ActorCode> {
        coder::resolve_actor(&self.resources.actors, text, date)
    }
}
