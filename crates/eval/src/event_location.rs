//! Event location sentences (`geo/event-location.jsonl`): a gold VERB (the event) and the
//! LOCATION spans where that event happened (none when the sentence does not say).
//!
//! Gold offsets count code points; they are converted to bytes. When a span carries its text
//! and the offsets do not point at it (the hand-checked records often have `start == end`),
//! the text is looked up in the sentence and the occurrence nearest the given offset is used;
//! a span whose text is not in the sentence is dropped.
//!
//! The event of a record is the [`top_event`](crate::top_event) among the events whose
//! evidence overlaps the gold VERB. Reported separately for the hand-checked (`gold: true`)
//! records and for the silver rest:
//!
//! * `event_found`: records where some event's evidence overlaps the VERB.
//! * `location_accuracy`: of records with a gold LOCATION, those whose event has a location
//!   whose text span overlaps a gold LOCATION span (no event, or no location, is wrong).
//! * `no_location_accuracy`: of records with a VERB and no LOCATION, those whose event exists
//!   and has no location named in the sentence.
//!
//! `--limit N` keeps every `gold: true` record and the first N silver ones.

use std::path::Path;

use annals_events::record::EventRecord;
use serde_json::{Value, json};

use crate::common::{self, char_to_byte, overlaps, ratio};
use crate::{Coder, EvalError, EvalOptions, Metric, Set, SetReport};

/// The gold of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// Record id.
    pub id: String,
    /// Hand-checked (`gold: true`) or silver.
    pub checked: bool,
    /// Byte span of the event verb, when usable.
    pub verb: Option<(u32, u32)>,
    /// Byte spans of the event's locations.
    pub locations: Vec<(u32, u32)>,
    /// LOCATION spans whose text is not in the sentence (dropped).
    pub dropped: usize,
}

/// Resolve one gold span to bytes (see the module notes). `None` when unusable.
pub fn resolve_span(
    text: &str,
    start: usize,
    end: usize,
    span_text: Option<&str>,
) -> Option<(u32, u32)> {
    let map = char_to_byte(text);
    let chars = map.len() - 1;
    let by_offsets = (start < end && end <= chars).then(|| (map[start], map[end]));
    match span_text.filter(|t| !t.is_empty()) {
        None => by_offsets,
        Some(t) => {
            if let Some((s, e)) = by_offsets
                && &text[s as usize..e as usize] == t
            {
                return Some((s, e));
            }
            let wanted = map.get(start.min(chars)).copied().unwrap_or(0) as i64;
            text.match_indices(t)
                .map(|(i, _)| i)
                .min_by_key(|&i| (i as i64 - wanted).abs())
                .map(|i| (i as u32, (i + t.len()) as u32))
        }
    }
}

/// Read the gold of one record.
pub fn parse_gold(id: &str, text: &str, value: &Value) -> Gold {
    let spans = value["labels"]["spans"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let mut gold = Gold {
        id: id.to_string(),
        checked: value["gold"].as_bool().unwrap_or(false),
        verb: None,
        locations: Vec::new(),
        dropped: 0,
    };
    for s in spans {
        let (Some(start), Some(end)) = (s["start"].as_u64(), s["end"].as_u64()) else {
            continue;
        };
        let resolved = resolve_span(text, start as usize, end as usize, s["text"].as_str());
        match s["label"].as_str() {
            Some("VERB") if gold.verb.is_none() => gold.verb = resolved,
            Some("LOCATION") => match resolved {
                Some(r) => gold.locations.push(r),
                None => gold.dropped += 1,
            },
            _ => {}
        }
    }
    gold
}

#[derive(Default)]
struct Tally {
    records: usize,
    found: usize,
    with_location: usize,
    located: usize,
    without_location: usize,
    unlocated: usize,
}

/// Score predictions (the events of each sentence) against the gold.
pub fn score(
    golds: &[Gold],
    predictions: &[Vec<EventRecord>],
    report: &mut SetReport,
    errors: bool,
) {
    let mut tallies = [Tally::default(), Tally::default()];
    let mut no_verb = 0;
    let mut dropped = 0;
    for (gold, events) in golds.iter().zip(predictions) {
        dropped += gold.dropped;
        let Some(verb) = gold.verb else {
            no_verb += 1;
            continue;
        };
        if gold.locations.is_empty() && gold.dropped > 0 {
            // It names a location we cannot find: neither kind of record.
            no_verb += 1;
            continue;
        }
        let t = &mut tallies[usize::from(!gold.checked)];
        t.records += 1;
        let event = common::rank_best(
            events
                .iter()
                .filter(|e| !e.is_statement())
                .filter(|e| overlaps((e.evidence.start, e.evidence.end), verb)),
        );
        t.found += usize::from(event.is_some());
        let span = event
            .and_then(|e| e.location.as_ref())
            .and_then(|l| Some((l.start?, l.end?)));
        let right = if gold.locations.is_empty() {
            t.without_location += 1;
            let right = event.is_some() && span.is_none();
            t.unlocated += usize::from(right);
            right
        } else {
            t.with_location += 1;
            let right = span.is_some_and(|s| gold.locations.iter().any(|&g| overlaps(s, g)));
            t.located += usize::from(right);
            right
        };
        if errors && !right {
            report.errors.push(json!({
                "set": "event-location", "id": gold.id, "checked": gold.checked,
                "verb": verb, "gold_locations": gold.locations,
                "event_found": event.is_some(),
                "predicted_location": event.and_then(|e| e.location.as_ref()).map(|l| &l.text),
            }));
        }
    }
    for (name, t) in [("gold", &tallies[0]), ("silver", &tallies[1])] {
        report.metrics.push(Metric::ratio(
            format!("{name}.event_found"),
            ratio(t.found, t.records),
            t.records,
        ));
        report.metrics.push(Metric::gated(
            format!("{name}.location_accuracy"),
            ratio(t.located, t.with_location),
            t.with_location,
        ));
        report.metrics.push(Metric::ratio(
            format!("{name}.no_location_accuracy"),
            ratio(t.unlocated, t.without_location),
            t.without_location,
        ));
    }
    if no_verb > 0 || dropped > 0 {
        report.notes.push(format!(
            "{no_verb} record(s) without a usable VERB span (or with only unusable LOCATION spans) \
             not scored; {dropped} LOCATION span(s) whose text is not in the sentence dropped"
        ));
    }
}

/// Read, code and score the set.
pub fn run(path: &Path, coder: &dyn Coder, options: &EvalOptions) -> Result<SetReport, EvalError> {
    let mut records = common::read_records(path, None)?;
    if let Some(limit) = options.limit {
        let mut silver = 0;
        records.retain(|r| {
            let keep = r.value["gold"].as_bool().unwrap_or(false) || silver < limit;
            if !r.value["gold"].as_bool().unwrap_or(false) && keep {
                silver += 1;
            }
            keep
        });
    }
    let golds: Vec<Gold> = records
        .iter()
        .map(|r| parse_gold(&r.article.id, &r.article.text, &r.value))
        .collect();
    let articles: Vec<_> = records.iter().map(|r| &r.article).collect();
    let predictions = common::code_all(coder, &articles);
    let mut report = SetReport::scored(Set::EventLocation, path, records.len());
    score(&golds, &predictions, &mut report, options.errors);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::tests::event;
    use annals_events::record::{GeoPrecision, Location, PloverType};

    #[test]
    fn spans_resolve_from_code_points_or_from_their_text() {
        let text = "In Aleppo, a man was shot near Aleppo\u{2019}s gate; Aleppo again.";
        // Code-point offsets past a non-ASCII character.
        let gate = text.find("gate").unwrap();
        let cp = text[..gate].chars().count();
        assert_eq!(
            resolve_span(text, cp, cp + 4, None),
            Some((gate as u32, gate as u32 + 4))
        );
        // Zero-width offsets with a text: the nearest occurrence.
        let second = text[10..].find("Aleppo").unwrap() + 10;
        let cp_second = text[..second].chars().count();
        assert_eq!(
            resolve_span(text, cp_second + 1, cp_second + 1, Some("Aleppo")),
            Some((second as u32, second as u32 + 6))
        );
        assert_eq!(resolve_span(text, 0, 0, Some("Homs")), None);
        assert_eq!(resolve_span(text, 3, 3, None), None);
    }

    fn located(start: u32, end: u32) -> Location {
        Location {
            text: String::new(),
            start: Some(start),
            end: Some(end),
            name: String::new(),
            gazetteer_id: None,
            country: None,
            admin1: None,
            lat: None,
            lon: None,
            precision: GeoPrecision::City,
            basis: Some("clause".into()),
        }
    }

    #[test]
    fn scores_location_of_the_event_at_the_verb() {
        let g = |checked: bool, verb: (u32, u32), locs: Vec<(u32, u32)>| Gold {
            id: "r".into(),
            checked,
            verb: Some(verb),
            locations: locs,
            dropped: 0,
        };
        let golds = vec![
            g(true, (10, 14), vec![(20, 26)]),
            g(true, (10, 14), vec![(20, 26)]),
            g(true, (10, 14), vec![]),
            g(false, (10, 14), vec![(20, 26)]),
        ];
        let mut right = event(PloverType::Assault, 10, 14, 0.9);
        right.location = Some(located(22, 26));
        let mut elsewhere = event(PloverType::Assault, 30, 34, 0.9);
        elsewhere.location = Some(located(20, 26));
        let unlocated = event(PloverType::Assault, 9, 12, 0.5);
        let predictions = vec![
            vec![right.clone()],
            vec![elsewhere],
            vec![unlocated],
            vec![right],
        ];
        let mut report = SetReport::scored(Set::EventLocation, Path::new("x"), 4);
        score(&golds, &predictions, &mut report, true);
        let m = |n: &str| report.metric(n).unwrap();
        assert_eq!(m("gold.event_found").value, 2.0 / 3.0);
        assert_eq!(m("gold.location_accuracy").value, 0.5);
        assert_eq!(m("gold.location_accuracy").n, 2);
        assert_eq!(m("gold.no_location_accuracy").value, 1.0);
        assert_eq!(m("silver.location_accuracy").value, 1.0);
        assert_eq!(report.errors.len(), 1);
    }
}
