//! The event coder (issue 4). Until the lexicons and the dependency-based coder land, no events
//! are produced: the honest baseline that the eval harness reports.

use annals_document::Doc;
use annals_mentions::Mentions;
use annals_record::EventRecord;

use crate::PipelineOptions;

/// Code the events of a document.
pub fn code(_doc: &Doc, _mentions: &Mentions, _options: &PipelineOptions) -> Vec<EventRecord> {
    Vec::new()
}

/// Code a free-standing actor string. The actor lexicon is part of the coder work (issue 4);
/// until it lands nothing is resolved.
pub fn resolve_actor(_text: &str, _date: Option<chrono::NaiveDate>) -> Option<crate::ActorCode> {
    None
}
