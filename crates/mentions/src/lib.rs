//! # annals-mentions
//!
//! The mention layer: things an event can point to. This crate finds
//!
//! * [`dates`]: date expressions resolved against the publication date, with precision;
//! * [`quantities`]: counts with qualifiers, bounds and the noun they count.
//!
//! Both work on the tokens of an [`annals_document::Doc`] and use the syntax layer when it is
//! there (the counted noun of a number is its `nummod` head), falling back to surface rules.

use annals_document::Doc;
use serde::Serialize;

pub mod actors;
pub mod dates;
pub mod phrases;
pub mod quantities;

pub use actors::{
    ActorCode, ActorEntry, ActorHit, ActorLexicon, EntryKind, LexiconError, SPEAKS_FOR,
};
pub use dates::{DateBasis, DateMention};
pub use quantities::QuantityMention;

/// All mentions of a document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Mentions {
    /// Date expressions, in text order.
    pub dates: Vec<DateMention>,
    /// Counts, in text order.
    pub quantities: Vec<QuantityMention>,
}

impl Mentions {
    /// Find the mentions of a document.
    pub fn find(doc: &Doc) -> Mentions {
        let mut dates = dates::find_dates(doc);
        let years = dates::find_years(doc, &dates);
        dates.extend(years);
        dates.sort_by_key(|d| d.span.start);
        let taken: Vec<_> = dates.iter().map(|d| d.tokens.clone()).collect();
        let quantities = quantities::find_quantities(doc, &taken);
        Mentions { dates, quantities }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_document::Article;

    #[test]
    fn dates_are_not_counted() {
        let mut a = Article::new(
            "t",
            "On August 1, 2018, 12 people died and in 2012 some 30 fled.",
        );
        a.date = chrono::NaiveDate::from_ymd_opt(2018, 8, 2);
        let m = Mentions::find(&Doc::from_article(&a));
        assert_eq!(m.dates.len(), 2, "{:?}", m.dates);
        let values: Vec<f64> = m.quantities.iter().map(|q| q.value).collect();
        assert_eq!(values, vec![12.0, 30.0]);
    }
}
