//! # annals-record
//!
//! The event record: the one thing annals produces. An [`EventRecord`] is a *claim* found in a
//! sentence of an article: who did what to whom ([`PloverType`], mode, CAMEO code, actors and
//! recipients), where ([`Location`]), when ([`EventDate`]), how many ([`Quantity`]), who says so
//! ([`Attribution`]) and how it is said ([`Modality`]).
//!
//! The record is defined here once; `docs/event-record.md` describes it and
//! `docs/event-record.schema.json` is its JSON Schema (generated from these types by
//! [`json_schema`], and checked by a test so it never drifts). [`CsvRow`] is the flat view, one
//! row an event, with ACLED-like column names where they fit.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

mod csv_row;
mod plover;

pub use csv_row::CsvRow;
pub use plover::{PloverType, Quad};

/// One coded event: a claim made in a sentence of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EventRecord {
    /// Stable identifier: a hash of the article id, the evidence span, the type and the actors.
    /// The same input always gives the same id.
    pub id: String,
    /// Identifier of the article the event was read from.
    pub doc_id: String,
    /// The sentence the event was read from.
    pub sentence: SentenceRef,
    /// The words that express the event (usually the event verb or noun and its particles).
    pub evidence: TextSpan,
    /// PLOVER 2.0 event type; `None` (`"type": null`) for a CAMEO statement that PLOVER leaves
    /// out (CAMEO 01: comments, condolences, claims and denials of responsibility), which
    /// then carries only its [`cameo`](Self::cameo) code. See [`EventRecord::is_statement`].
    #[serde(rename = "type")]
    pub event_type: Option<PloverType>,
    /// PLOVER 2.0 mode (sub-type), when one applies (`abduct`, `disarm`, `withdraw`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// CAMEO event code (two to four digits), when one applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cameo: Option<String>,
    /// Quad class of the event type (`neutral` for statements).
    pub quad: Quad,
    /// Who did it (several for compound actors). Empty when the text does not say.
    #[serde(default)]
    pub actor: Vec<Participant>,
    /// To whom or what it was done. Empty when the text does not say.
    #[serde(default)]
    pub recipient: Vec<Participant>,
    /// Where it happened, when the text says and the gazetteer knows the place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// When it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<EventDate>,
    /// Counts that belong to the event: killed, injured, captured, weapons surrendered, …
    #[serde(default)]
    pub quantities: Vec<Quantity>,
    /// Whether the record sums many incidents over a period, a running total such as a war's
    /// toll since it began ("more than 300,000 people have been killed since 2011", "a
    /// conflict that has displaced millions"), rather than reporting one event. Casualty sums,
    /// incident counts and deduplication should leave such records out. Written only when
    /// true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub aggregate: bool,
    /// Who makes the claim.
    pub attribution: Attribution,
    /// How the claim is made: as fact, denied, demanded, threatened, alleged, hypothetical.
    pub modality: Modality,
    /// The coder's confidence in the record, from 0 to 1.
    pub confidence: f32,
}

/// A sentence of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SentenceRef {
    /// 0-based index of the sentence in the article.
    pub index: u32,
    /// Byte offset of the sentence in the article text.
    pub start: u32,
    /// Byte offset one past the end of the sentence.
    pub end: u32,
    /// The sentence as written.
    pub text: String,
}

/// A piece of the article text. Offsets are UTF-8 byte offsets into the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct TextSpan {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The text of the span.
    pub text: String,
}

/// An actor or recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Participant {
    /// The words that name it, as written ("Syrian government troops").
    pub text: String,
    /// Byte offset of the mention in the article text.
    pub start: u32,
    /// Byte offset one past the mention.
    pub end: u32,
    /// ISO 3166 alpha-3 country, or a non-state code (IGO, UNO, EUR, NGO, IMG, MNC, ISM).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Sector code (GOV, MIL, REB, COP, CVL, …), PLOVER/CAMEO style.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// Full CAMEO-style actor code (`SYRMIL`, `IGOUNO`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Canonical name when the mention was resolved to a known actor ("Sergey Rudskoy").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where the mention was resolved from, when not the mention itself: an earlier mention
    /// ("the general" → Rudskoy) or an apposition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_from: Option<String>,
}

/// Precision of a location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GeoPrecision {
    /// A point: a village, a camp, a base, a border crossing.
    Point,
    /// A city or town.
    City,
    /// A second-order administrative division (district).
    Admin2,
    /// A first-order administrative division (province, governorate, state).
    Admin1,
    /// A region that is not an administrative unit (Golan Heights, Sahel, Donbas).
    Region,
    /// A whole country.
    Country,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Location {
    /// The words that name the place, as written.
    pub text: String,
    /// Byte offset of the mention in the article text, when the place is named in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
    /// Byte offset one past the mention.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<u32>,
    /// Gazetteer name of the place.
    pub name: String,
    /// Gazetteer identifier (`geonames:170063`, `annals:al-tanf`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gazetteer_id: Option<String>,
    /// ISO 3166 alpha-3 country code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// First-order administrative division (name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Latitude, WGS84.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, WGS84.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// What the coordinates stand for.
    pub precision: GeoPrecision,
    /// Why this place was chosen: `clause`, `sentence`, `previous` (the last place named in the two
    /// sentences before), `document`, `dateline`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// Precision of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// A calendar day.
    Day,
    /// A week (value is its Monday).
    Week,
    /// A month (value is `YYYY-MM`).
    Month,
    /// A year (value is `YYYY`).
    Year,
}

/// When an event happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct EventDate {
    /// `YYYY-MM-DD` (day or week precision), `YYYY-MM` (month) or `YYYY` (year).
    pub value: String,
    /// How precise the value is.
    pub precision: DatePrecision,
    /// The words it was read from ("on Wednesday"), when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// How it was resolved: `explicit` (a full date in the text), `relative` (resolved against
    /// the publication date), `publication` (no date in the text: the article's date).
    pub basis: String,
}

/// Qualifier of a count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "more than 160", "over 650".
    MoreThan,
    /// "at least 70".
    AtLeast,
    /// "almost 10,000", "nearly".
    Almost,
    /// "about", "around", "some", "roughly", "an estimated".
    About,
    /// "up to 50".
    UpTo,
    /// "fewer than", "less than", "under".
    LessThan,
    /// "dozens of", "hundreds": an order of magnitude, not a count.
    Vague,
}

/// A count that belongs to an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Quantity {
    /// What is counted, as a role in the event: `killed`, `injured`, `captured`, `arrested`,
    /// `displaced`, `surrendered`, `participants`, `people`, … (see docs/event-record.md).
    pub kind: String,
    /// Best single value.
    pub value: f64,
    /// Lowest value the text allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    /// Highest value the text allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// Qualifier of the count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// The head noun of what is counted ("fighters", "tanks").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The words of the count ("More than 160").
    pub text: String,
}

/// Who makes the claim.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Attribution {
    /// The speaker or source the article cites ("the Russian military", "Rudskoy"), when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Participant>,
    /// The words that attribute the claim ("says", "according to", "reported").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// The outlet that published the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// The article's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The article's publication date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// How a claim is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as having happened (or happening).
    Asserted,
    /// Stated not to have happened, or denied.
    Negated,
    /// Conditional, possible or future ("could", "would", "plans to").
    Hypothetical,
    /// Demanded or requested by someone ("should", "called on").
    Demanded,
    /// Threatened by someone.
    Threatened,
    /// Alleged or accused, not confirmed ("allegedly", "accused of").
    Alleged,
}

impl EventRecord {
    /// Compute the stable id of a record from its identifying parts.
    pub fn stable_id(
        doc_id: &str,
        evidence: &TextSpan,
        event_type: Option<PloverType>,
        actors: &[Participant],
    ) -> String {
        let mut hasher = Sha256::new();
        hasher.update(doc_id.as_bytes());
        hasher.update([0]);
        hasher.update(evidence.start.to_le_bytes());
        hasher.update(evidence.end.to_le_bytes());
        hasher.update(type_label(event_type).as_bytes());
        for actor in actors {
            hasher.update([0]);
            hasher.update(actor.start.to_le_bytes());
            hasher.update(actor.end.to_le_bytes());
        }
        let digest = hasher.finalize();
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Whether the record is a CAMEO statement without a PLOVER type.
    pub fn is_statement(&self) -> bool {
        self.event_type.is_none()
    }

    /// The type as flat formats (CSV, the store, tables) write it: the PLOVER type's name, or
    /// [`STATEMENT_LABEL`] for a statement.
    pub fn type_label(&self) -> &'static str {
        type_label(self.event_type)
    }

    /// Flatten to a CSV row.
    pub fn to_csv_row(&self) -> CsvRow {
        CsvRow::from(self)
    }
}

/// What flat formats write in the type column for a CAMEO statement (a record whose
/// `event_type` is `None`): PLOVER 2.0 has no type for CAMEO 01, so the label is ours.
pub const STATEMENT_LABEL: &str = "STATEMENT";

/// The type name of an optional PLOVER type: its name, or [`STATEMENT_LABEL`].
pub fn type_label(event_type: Option<PloverType>) -> &'static str {
    event_type.map_or(STATEMENT_LABEL, PloverType::as_str)
}

/// The JSON Schema of [`EventRecord`], pretty-printed.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(EventRecord);
    serde_json::to_string_pretty(&schema).expect("schema serialises")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn sample() -> EventRecord {
        let evidence = TextSpan {
            start: 10,
            end: 16,
            text: "seized".into(),
        };
        let actor = Participant {
            text: "Syrian government troops".into(),
            start: 20,
            end: 44,
            country: Some("SYR".into()),
            sector: Some("MIL".into()),
            code: Some("SYRMIL".into()),
            name: None,
            resolved_from: None,
        };
        EventRecord {
            id: EventRecord::stable_id(
                "doc",
                &evidence,
                Some(PloverType::Assault),
                std::slice::from_ref(&actor),
            ),
            doc_id: "doc".into(),
            sentence: SentenceRef {
                index: 0,
                start: 0,
                end: 50,
                text: "x".into(),
            },
            evidence,
            event_type: Some(PloverType::Assault),
            mode: None,
            cameo: Some("190".into()),
            quad: Quad::MaterialConflict,
            actor: vec![actor],
            recipient: vec![],
            location: None,
            date: Some(EventDate {
                value: "2018-08-01".into(),
                precision: DatePrecision::Day,
                text: Some("on Wednesday".into()),
                basis: "relative".into(),
            }),
            quantities: vec![Quantity {
                kind: "captured".into(),
                value: 160.0,
                low: Some(161.0),
                high: None,
                qualifier: Some(Qualifier::MoreThan),
                unit: Some("fighters".into()),
                text: "More than 160".into(),
            }],
            aggregate: false,
            attribution: Attribution {
                publisher: Some("RT".into()),
                ..Attribution::default()
            },
            modality: Modality::Asserted,
            confidence: 0.8,
        }
    }

    #[test]
    fn json_round_trip_uses_documented_names() {
        let record = sample();
        let json = serde_json::to_value(&record).unwrap();
        assert_eq!(json["type"], "ASSAULT");
        assert_eq!(json["quad"], "material_conflict");
        assert_eq!(json["quantities"][0]["qualifier"], "more_than");
        assert_eq!(json["modality"], "asserted");
        let back: EventRecord = serde_json::from_value(json).unwrap();
        assert_eq!(back, record);
    }

    #[test]
    fn ids_are_stable_and_distinguish_events() {
        let a = sample();
        let again = EventRecord::stable_id("doc", &a.evidence, a.event_type, &a.actor);
        assert_eq!(a.id, again);
        assert_eq!(a.id.len(), 16);
        let other = EventRecord::stable_id("doc", &a.evidence, Some(PloverType::Coerce), &a.actor);
        assert_ne!(a.id, other);
    }

    #[test]
    fn committed_schema_matches_the_types() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/event-record.schema.json"
        );
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        let generated = json_schema();
        if committed.trim() != generated.trim() {
            if std::env::var_os("ANNALS_UPDATE_SCHEMA").is_some() {
                std::fs::write(path, generated + "\n").unwrap();
            } else {
                panic!(
                    "docs/event-record.schema.json is out of date: run \
                     `ANNALS_UPDATE_SCHEMA=1 cargo test -p annals-record` and commit it"
                );
            }
        }
    }
}
