//! IndiaPoliceEvents (`events/india-police-events.jsonl`): for every sentence of an article,
//! did the police kill, arrest, fail to act, use force, or do anything?
//!
//! annals codes the whole article; each event is assigned to the gold sentence that contains
//! the start of its evidence (gold sentences are located in the text in order; one that cannot
//! be found exactly takes the gap between its neighbours). An event counts only when one of
//! its actors is police: sector `COP` (in `sector` or the full `code`) — or when it is an
//! arrest whose agent the text leaves unstated ("50 persons were held", "the arrests were
//! made"; see below). Then:
//!
//! | class | a police event that is … |
//! |---|---|
//! | KILL | ASSAULT, asserted or alleged, with a `killed` quantity above 0 or a killing CAMEO code (1823, 186, 20x) |
//! | ARREST | COERCE, asserted or alleged, with mode `arrest`, an `arrested` quantity above 0, or CAMEO 173x |
//! | FORCE | ASSAULT, asserted or alleged |
//! | FAIL | of any type and negated ("police did not intervene") — a weak proxy |
//! | ANY_ACTION | of any type, asserted or alleged |
//!
//! **Arrests with an unstated agent.** The labels answer "did the police arrest someone?", and
//! the set's annotators answer yes for agentless arrests ("about 35 persons were arrested in
//! this connection", "50 persons were held", "preventive arrests have been made" are all
//! labelled ARREST): arresting, detaining and taking into custody are, by law, acts of the
//! police (in the set's Indian reports, the police are the arresting authority). The coder
//! rightly leaves such an agent empty (a passive's implicit agent is not guessed); the scorer
//! reads an arrest — by the ARREST test below — with *no actor at all* as a police arrest
//! (ARREST and ANY_ACTION, or FAIL when negated). An arrest with a stated non-police actor
//! does not count. No other class is inferred this way: an agentless killing or beating is not
//! the police's.
//!
//! A sentence is predicted positive for a class when any of its events is; a document when any
//! of its sentences is (the gold document labels are the union of its sentence labels).
//! Precision, recall and F1 per class, counted over all sentences and over all documents.

use std::collections::BTreeSet;
use std::path::Path;

use annals_events::record::{EventRecord, Modality, PloverType};
use serde_json::{Value, json};

use crate::common::{self, Counts};
use crate::{Coder, EvalError, EvalOptions, Metric, Set, SetReport};

/// The IndiaPoliceEvents classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// Police killed someone.
    Kill,
    /// Police arrested someone.
    Arrest,
    /// Police failed to intervene.
    Fail,
    /// Police used force.
    Force,
    /// Police did anything.
    AnyAction,
}

impl Class {
    /// All classes, in report order.
    pub const ALL: [Class; 5] = [
        Class::Kill,
        Class::Arrest,
        Class::Fail,
        Class::Force,
        Class::AnyAction,
    ];

    /// The set's label.
    pub fn label(self) -> &'static str {
        match self {
            Class::Kill => "KILL",
            Class::Arrest => "ARREST",
            Class::Fail => "FAIL",
            Class::Force => "FORCE",
            Class::AnyAction => "ANY_ACTION",
        }
    }

    fn from_label(s: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.label() == s)
    }
}

/// The gold of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// Document id.
    pub id: String,
    /// Byte span of each gold sentence in the text.
    pub spans: Vec<(u32, u32)>,
    /// Labels of each gold sentence.
    pub labels: Vec<BTreeSet<Class>>,
    /// Sentences that were not found verbatim (their span is the gap between neighbours).
    pub approximate: usize,
}

fn labels(v: &Value) -> BTreeSet<Class> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|l| l.as_str().and_then(Class::from_label))
                .collect()
        })
        .unwrap_or_default()
}

/// Locate sentences in the text, in order. A sentence found verbatim after the previous one
/// gets its exact span; the others get the gap between the neighbours that were found.
pub fn locate_sentences(text: &str, sentences: &[&str]) -> (Vec<(u32, u32)>, usize) {
    let mut found: Vec<Option<(usize, usize)>> = Vec::with_capacity(sentences.len());
    let mut pos = 0;
    for s in sentences {
        let hit = if s.is_empty() {
            None
        } else {
            text[pos..].find(s).map(|i| (pos + i, pos + i + s.len()))
        };
        if let Some((_, e)) = hit {
            pos = e;
        }
        found.push(hit);
    }
    let mut spans = Vec::with_capacity(found.len());
    let mut approximate = 0;
    for i in 0..found.len() {
        match found[i] {
            Some((s, e)) => spans.push((s as u32, e as u32)),
            None => {
                approximate += 1;
                let start = found[..i]
                    .iter()
                    .rev()
                    .find_map(|f| f.map(|x| x.1))
                    .unwrap_or(0);
                let end = found[i + 1..]
                    .iter()
                    .find_map(|f| f.map(|x| x.0))
                    .unwrap_or(text.len())
                    .max(start);
                spans.push((start as u32, end as u32));
            }
        }
    }
    (spans, approximate)
}

/// Read the gold of one document.
pub fn parse_gold(id: &str, text: &str, value: &Value) -> Gold {
    let sentences = value["gold"]["sentences"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let texts: Vec<&str> = sentences
        .iter()
        .map(|s| s["text"].as_str().unwrap_or(""))
        .collect();
    let (spans, approximate) = locate_sentences(text, &texts);
    Gold {
        id: id.to_string(),
        spans,
        labels: sentences.iter().map(|s| labels(&s["labels"])).collect(),
        approximate,
    }
}

fn is_police(e: &EventRecord) -> bool {
    e.actor.iter().any(|p| common::has_sector(p, "COP"))
}

fn quantity(e: &EventRecord, kind: &str) -> bool {
    e.quantities.iter().any(|q| q.kind == kind && q.value > 0.0)
}

fn cameo_starts(e: &EventRecord, prefixes: &[&str]) -> bool {
    e.cameo
        .as_deref()
        .is_some_and(|c| prefixes.iter().any(|p| c.starts_with(p)))
}

/// Whether an event is an arrest: COERCE with mode `arrest` or an `arrested` count, or CAMEO
/// 173x.
fn is_arrest(e: &EventRecord) -> bool {
    (e.event_type == Some(PloverType::Coerce)
        && (e.mode.as_deref() == Some("arrest") || quantity(e, "arrested")))
        || cameo_starts(e, &["173"])
}

/// The classes one event stands for.
pub fn event_classes(e: &EventRecord) -> BTreeSet<Class> {
    let mut out = BTreeSet::new();
    let unstated_arrest = e.actor.is_empty() && is_arrest(e);
    // A statement ("police expressed regret") is not a police action.
    if e.is_statement() || !is_police(e) && !unstated_arrest {
        return out;
    }
    match e.modality {
        Modality::Negated => {
            out.insert(Class::Fail);
        }
        Modality::Asserted | Modality::Alleged => {
            out.insert(Class::AnyAction);
            if e.event_type == Some(PloverType::Assault) {
                out.insert(Class::Force);
                if quantity(e, "killed") || cameo_starts(e, &["1823", "186", "20"]) {
                    out.insert(Class::Kill);
                }
            }
            if is_arrest(e) {
                out.insert(Class::Arrest);
            }
        }
        _ => {}
    }
    out
}

/// Index of the sentence an offset belongs to: the one containing it, else the last one
/// starting before it.
fn sentence_of(spans: &[(u32, u32)], offset: u32) -> Option<usize> {
    spans
        .iter()
        .position(|&(s, e)| s <= offset && offset < e)
        .or_else(|| spans.iter().rposition(|&(s, _)| s <= offset))
}

/// Score predictions (the events of each document) against the gold.
pub fn score(
    golds: &[Gold],
    predictions: &[Vec<EventRecord>],
    report: &mut SetReport,
    errors: bool,
) {
    let mut sentence = [Counts::default(); 5];
    let mut document = [Counts::default(); 5];
    let mut sentences = 0;
    let mut approximate = 0;
    for (gold, events) in golds.iter().zip(predictions) {
        let mut predicted: Vec<BTreeSet<Class>> = vec![BTreeSet::new(); gold.spans.len()];
        for e in events {
            if let Some(i) = sentence_of(&gold.spans, e.evidence.start) {
                predicted[i].extend(event_classes(e));
            }
        }
        sentences += gold.spans.len();
        approximate += gold.approximate;
        for (i, class) in Class::ALL.iter().enumerate() {
            let mut doc_pred = false;
            let mut doc_gold = false;
            for (p, g) in predicted.iter().zip(&gold.labels) {
                sentence[i].add(p.contains(class), g.contains(class));
                doc_pred |= p.contains(class);
                doc_gold |= g.contains(class);
            }
            document[i].add(doc_pred, doc_gold);
        }
        if errors {
            for (k, (p, g)) in predicted.iter().zip(&gold.labels).enumerate() {
                if p != g {
                    report.errors.push(json!({
                        "set": "ipe", "id": gold.id, "sentence": k,
                        "gold": g.iter().map(|c| c.label()).collect::<Vec<_>>(),
                        "predicted": p.iter().map(|c| c.label()).collect::<Vec<_>>(),
                    }));
                }
            }
        }
    }
    for (level, counts) in [("sentence", &sentence), ("document", &document)] {
        for (class, c) in Class::ALL.iter().zip(counts.iter()) {
            let name = format!("{level}.{}", class.label());
            report.metrics.push(Metric::ratio(
                format!("{name}.precision"),
                c.precision(),
                c.tp + c.fp,
            ));
            report.metrics.push(Metric::ratio(
                format!("{name}.recall"),
                c.recall(),
                c.support(),
            ));
            report
                .metrics
                .push(Metric::gated(format!("{name}.f1"), c.f1(), c.support()));
        }
    }
    report.notes.push(format!(
        "{sentences} gold sentence(s); {approximate} not found verbatim in the text (located \
         between their neighbours)"
    ));
}

/// Read, code and score the set.
pub fn run(path: &Path, coder: &dyn Coder, options: &EvalOptions) -> Result<SetReport, EvalError> {
    let records = common::read_records(path, options.limit)?;
    let golds: Vec<Gold> = records
        .iter()
        .map(|r| parse_gold(&r.article.id, &r.article.text, &r.value))
        .collect();
    let articles: Vec<_> = records.iter().map(|r| &r.article).collect();
    let predictions = common::code_all(coder, &articles);
    let mut report = SetReport::scored(Set::Ipe, path, records.len());
    score(&golds, &predictions, &mut report, options.errors);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::tests::{event, participant};
    use annals_events::record::Quantity;

    fn police() -> annals_events::record::Participant {
        participant(0, 6, Some("IND"), Some("COP"))
    }

    #[test]
    fn sentences_are_located_in_order_with_gaps_for_unfound_ones() {
        let text = "a b. garbled\u{2019} c. a b.";
        let (spans, approx) = locate_sentences(text, &["a b.", "garbled'", "c.", "a b."]);
        assert_eq!(spans[0], (0, 4));
        assert_eq!(approx, 1);
        assert_eq!(spans[1], (4, text.find("c.").unwrap() as u32));
        assert_eq!(&text[spans[3].0 as usize..spans[3].1 as usize], "a b.");
        assert!(
            spans[3].0 > spans[0].0,
            "repeated sentences are found after the previous one"
        );
    }

    #[test]
    fn classes_follow_type_modality_quantities_and_police_actor() {
        let mut kill = event(PloverType::Assault, 0, 1, 0.9);
        kill.actor = vec![police()];
        kill.quantities = vec![Quantity {
            kind: "killed".into(),
            value: 4.0,
            low: None,
            high: None,
            qualifier: None,
            unit: None,
            text: "four".into(),
        }];
        let c = event_classes(&kill);
        assert!(
            c.contains(&Class::Kill) && c.contains(&Class::Force) && c.contains(&Class::AnyAction)
        );
        let mut arrest = event(PloverType::Coerce, 0, 1, 0.9);
        arrest.actor = vec![police()];
        arrest.mode = Some("arrest".into());
        assert_eq!(
            event_classes(&arrest),
            BTreeSet::from([Class::Arrest, Class::AnyAction])
        );
        let mut not_police = arrest.clone();
        not_police.actor = vec![participant(0, 6, Some("IND"), Some("CVL"))];
        assert!(event_classes(&not_police).is_empty());
        // "50 persons were arrested": an arrest with no stated agent is the police's.
        let mut agentless = arrest.clone();
        agentless.actor.clear();
        assert_eq!(
            event_classes(&agentless),
            BTreeSet::from([Class::Arrest, Class::AnyAction])
        );
        let mut agentless_kill = kill.clone();
        agentless_kill.actor.clear();
        assert!(event_classes(&agentless_kill).is_empty());
        let mut denied = arrest.clone();
        denied.modality = Modality::Negated;
        assert_eq!(event_classes(&denied), BTreeSet::from([Class::Fail]));
        let mut threatened = arrest;
        threatened.modality = Modality::Threatened;
        assert!(event_classes(&threatened).is_empty());
    }

    #[test]
    fn scores_sentences_and_documents() {
        let text = "police fired. two arrested. nothing.";
        let v = json!({"gold": {"sentences": [
            {"text": "police fired.", "labels": ["FORCE", "ANY_ACTION"]},
            {"text": "two arrested.", "labels": ["ARREST", "ANY_ACTION"]},
            {"text": "nothing.", "labels": []},
        ]}});
        let gold = parse_gold("d", text, &v);
        let mut fired = event(PloverType::Assault, 7, 12, 0.9);
        fired.actor = vec![police()];
        // An event in the last sentence that is not a police arrest (no police actor).
        let mut other = event(PloverType::Coerce, 29, 35, 0.9);
        other.mode = Some("arrest".into());
        other.actor = vec![participant(29, 30, None, None)];
        // A police action placed in the wrong sentence.
        let mut wrong = event(PloverType::Consult, 29, 35, 0.9);
        wrong.actor = vec![police()];
        let mut report = SetReport::scored(Set::Ipe, Path::new("x"), 1);
        score(&[gold], &[vec![fired, other, wrong]], &mut report, true);
        let m = |n: &str| report.metric(n).unwrap().value;
        assert_eq!(m("sentence.FORCE.f1"), 1.0);
        assert_eq!(m("sentence.ARREST.recall"), 0.0);
        assert_eq!(m("sentence.ANY_ACTION.precision"), 0.5);
        assert_eq!(m("sentence.ANY_ACTION.recall"), 0.5);
        assert_eq!(m("document.ANY_ACTION.f1"), 1.0);
        assert_eq!(m("document.ARREST.recall"), 0.0);
        assert_eq!(report.metric("document.KILL.f1").unwrap().n, 0);
        assert_eq!(report.errors.len(), 2);
    }
}
