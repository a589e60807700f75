//! # annals-events
//!
//! The last analysis stage and the pipeline that runs all stages: an [`Article`] goes in, an
//! [`Annotated`] document with its [`EventRecord`]s comes out.
//!
//! The record types live in [`annals_record`], re-exported here as [`record`], so that later
//! stages (store, CLI) reach the whole analysis through this one crate.

use annals_document::Doc;
use annals_mentions::Mentions;
use serde::Serialize;

pub use annals_document as document;
pub use annals_mentions as mentions;
pub use annals_read as read;
pub use annals_read::Article;
pub use annals_record as record;
pub use annals_record::EventRecord;

mod coder;
pub mod lexicon;

/// Options for building a [`Pipeline`].
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Code events from headlines too (off by default: headlines repeat the body and are
    /// written to attract, not to report).
    pub code_headlines: bool,
}

/// Everything annals found in one article.
#[derive(Debug, Clone, Serialize)]
pub struct Annotated {
    /// The document with its token layers.
    pub doc: Doc,
    /// Dates and counts.
    pub mentions: Mentions,
    /// The coded events.
    pub events: Vec<EventRecord>,
}

/// The analysis pipeline, built once and shared by all threads.
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    options: PipelineOptions,
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
}

impl Pipeline {
    /// Build the pipeline with its models and dictionaries.
    pub fn new(options: PipelineOptions) -> Result<Pipeline, PipelineError> {
        Ok(Pipeline { options })
    }

    /// The options the pipeline was built with.
    pub fn options(&self) -> &PipelineOptions {
        &self.options
    }

    /// Run every stage on one article.
    pub fn process(&self, article: &Article) -> Annotated {
        let doc = Doc::from_article(article);
        let mentions = Mentions::find(&doc);
        let events = coder::code(&doc, &mentions, &self.options);
        Annotated {
            doc,
            mentions,
            events,
        }
    }
}

pub use annals_mentions::ActorCode;

impl Pipeline {
    /// Code a free-standing actor string ("Syrian government troops", "Republic of China"),
    /// as of `date` when given (office holders change). `None` when the lexicons do not know
    /// it.
    pub fn resolve_actor(&self, text: &str, date: Option<chrono::NaiveDate>) -> Option<ActorCode> {
        coder::resolve_actor(text, date)
    }
}
