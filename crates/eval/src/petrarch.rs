//! PETRARCH unit tests (`events/petrarch-unittest.jsonl`): sentences with the exact
//! `(source, target, code)` triples PETRARCH must produce.
//!
//! Most records (suite `petr_unittest`) use fictional actors (Arnor, Gondor, …) and ad hoc
//! verb codes from the `PETR.Validate.*` dictionaries; they are scored only when the coder can
//! load those dictionaries ([`Coder::with_petrarch_dictionaries`]), and otherwise reported as
//! not scored, with their count. The few records coded with the real-world Phoenix
//! dictionaries (suite `petr2_pytest`) are scored with annals' own lexicons.
//!
//! Triples of a record: for every asserted event with a CAMEO code, every (actor, recipient)
//! pair, each side written as its full `code` when it has one, else its `country` (empty when
//! neither; an event with no recipient gives an empty target). Duplicates collapse.
//!
//! * `triple_precision` / `triple_recall` / `triple_f1`: micro-averaged over records.
//! * `record_exact`: records whose triple set equals the expected set (a record that expects
//!   no event is right when nothing is coded).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use annals_events::record::{EventRecord, Modality, Participant};
use serde_json::{Value, json};

use crate::common::{self, Counts, ratio};
use crate::{Coder, EvalError, EvalOptions, Metric, Set, SetReport, Unit};

/// A `(source, target, code)` triple.
pub type Triple = (String, String, String);

/// The gold of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// Record id.
    pub id: String,
    /// Expected triples.
    pub expected: BTreeSet<Triple>,
    /// Whether the record needs the PETRARCH test dictionaries (fictional actors).
    pub needs_test_dictionaries: bool,
}

/// Read the gold of one record.
pub fn parse_gold(id: &str, value: &Value) -> Gold {
    let expected = value["expected"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .map(|t| {
            let f = |k: &str| t[k].as_str().unwrap_or("").trim().to_ascii_uppercase();
            (f("source"), f("target"), f("code"))
        })
        .collect();
    let dictionaries = value["dictionaries"].as_str().unwrap_or("");
    Gold {
        id: id.to_string(),
        expected,
        needs_test_dictionaries: dictionaries.contains("PETR.Validate")
            || value["suite"].as_str() == Some("petr_unittest"),
    }
}

fn side(p: &Participant) -> String {
    p.code
        .clone()
        .filter(|c| !c.is_empty())
        .or_else(|| p.country.clone())
        .unwrap_or_default()
        .to_ascii_uppercase()
}

/// The triples of a record's events (see the module notes).
pub fn triples(events: &[EventRecord]) -> BTreeSet<Triple> {
    let mut out = BTreeSet::new();
    for e in events.iter().filter(|e| e.modality == Modality::Asserted) {
        let Some(code) = e.cameo.as_deref() else {
            continue;
        };
        let sources: Vec<String> = e.actor.iter().map(side).collect();
        let targets: Vec<String> = if e.recipient.is_empty() {
            vec![String::new()]
        } else {
            e.recipient.iter().map(side).collect()
        };
        for s in &sources {
            for t in &targets {
                out.insert((s.clone(), t.clone(), code.to_string()));
            }
        }
    }
    out
}

/// Score one group of records; metric names get `prefix`.
pub fn score(
    prefix: &str,
    golds: &[&Gold],
    predictions: &[Vec<EventRecord>],
    report: &mut SetReport,
    errors: bool,
) {
    let mut counts = Counts::default();
    let mut exact = 0;
    for (gold, events) in golds.iter().zip(predictions) {
        let predicted = triples(events);
        counts.tp += predicted.intersection(&gold.expected).count();
        counts.fp += predicted.difference(&gold.expected).count();
        counts.fn_ += gold.expected.difference(&predicted).count();
        let right = predicted == gold.expected;
        exact += usize::from(right);
        if errors && !right {
            report.errors.push(json!({
                "set": "petrarch", "id": gold.id,
                "expected": gold.expected, "predicted": predicted,
            }));
        }
    }
    report.metrics.extend([
        Metric::ratio(
            format!("{prefix}.triple_precision"),
            counts.precision(),
            counts.tp + counts.fp,
        ),
        Metric::ratio(
            format!("{prefix}.triple_recall"),
            counts.recall(),
            counts.support(),
        ),
        Metric::gated(format!("{prefix}.triple_f1"), counts.f1(), counts.support()),
        Metric::ratio(
            format!("{prefix}.record_exact"),
            ratio(exact, golds.len()),
            golds.len(),
        ),
    ]);
}

/// Where the PETRARCH validation dictionaries are, beside a dev set under `eval/events/`.
pub fn dictionaries_dir(set_path: &Path, shared: Option<&Path>) -> PathBuf {
    let eval = match shared {
        Some(s) => s.join("eval"),
        None => set_path
            .parent()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .unwrap_or_default(),
    };
    eval.join("reference/petrarch-raw/petrarch2/petrarch2/data/dictionaries")
}

/// Read, code and score the set.
pub fn run(path: &Path, coder: &dyn Coder, options: &EvalOptions) -> Result<SetReport, EvalError> {
    let records = common::read_records(path, options.limit)?;
    let golds: Vec<Gold> = records
        .iter()
        .map(|r| parse_gold(&r.article.id, &r.value))
        .collect();
    let mut report = SetReport::scored(Set::Petrarch, path, records.len());
    // Records coded with real-world dictionaries: annals' own lexicons.
    let (test, real): (Vec<usize>, Vec<usize>) =
        (0..golds.len()).partition(|&i| golds[i].needs_test_dictionaries);
    let real_articles: Vec<_> = real.iter().map(|&i| &records[i].article).collect();
    let real_golds: Vec<&Gold> = real.iter().map(|&i| &golds[i]).collect();
    let predictions = common::code_all(coder, &real_articles);
    score(
        "phoenix",
        &real_golds,
        &predictions,
        &mut report,
        options.errors,
    );
    // Records that need the test dictionaries.
    let test_golds: Vec<&Gold> = test.iter().map(|&i| &golds[i]).collect();
    let dir = dictionaries_dir(path, options.shared.as_deref());
    match coder.with_petrarch_dictionaries(&dir) {
        Ok(test_coder) => {
            let articles: Vec<_> = test.iter().map(|&i| &records[i].article).collect();
            let predictions = common::code_all(test_coder.as_ref(), &articles);
            score(
                "validate",
                &test_golds,
                &predictions,
                &mut report,
                options.errors,
            );
        }
        Err(reason) => {
            let triples: usize = test_golds.iter().map(|g| g.expected.len()).sum();
            report.metrics.push(Metric::number(
                "validate.records_not_scored",
                test_golds.len() as f64,
                test_golds.len(),
                Unit::Count,
            ));
            report.notes.push(format!(
                "{} record(s) with {triples} expected triple(s) need the PETR.Validate test \
                 dictionaries and are not scored: {reason}",
                test_golds.len()
            ));
        }
    }
    report.notes.push(format!(
        "{} record(s) coded with real-world (Phoenix) dictionaries scored with annals' lexicons",
        real_golds.len()
    ));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::tests::{event, participant};
    use annals_events::record::PloverType;

    #[test]
    fn triples_expand_compounds_and_skip_uncoded_or_unasserted_events() {
        let mut e = event(PloverType::Consult, 0, 1, 0.9);
        e.cameo = Some("032".into());
        let mut a = participant(0, 1, Some("GON"), None);
        a.code = Some("GONGOV".into());
        e.actor = vec![a, participant(2, 3, Some("OSG"), None)];
        e.recipient = vec![participant(4, 5, Some("ITH"), None)];
        let mut negated = e.clone();
        negated.modality = Modality::Negated;
        let mut uncoded = e.clone();
        uncoded.cameo = None;
        let mut one_sided = e.clone();
        one_sided.recipient.clear();
        one_sided.cameo = Some("010".into());
        let t = triples(&[e, negated, uncoded, one_sided]);
        let expected: BTreeSet<Triple> = [
            ("GONGOV", "ITH", "032"),
            ("OSG", "ITH", "032"),
            ("GONGOV", "", "010"),
            ("OSG", "", "010"),
        ]
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
        assert_eq!(t, expected);
    }

    #[test]
    fn scores_triples_and_exact_records() {
        let g1 = parse_gold(
            "1",
            &json!({"suite": "petr2_pytest", "expected": [{"source": "DEU", "target": "FRA", "code": "192"}]}),
        );
        let g2 = parse_gold("2", &json!({"suite": "petr2_pytest", "expected": []}));
        let g3 = parse_gold("3", &json!({"suite": "petr_unittest", "expected": []}));
        assert!(!g1.needs_test_dictionaries && g3.needs_test_dictionaries);
        let mut e = event(PloverType::Assault, 0, 1, 0.9);
        e.cameo = Some("192".into());
        e.actor = vec![participant(0, 1, Some("DEU"), None)];
        e.recipient = vec![participant(2, 3, Some("FRA"), None)];
        let mut wrong = e.clone();
        wrong.cameo = Some("190".into());
        let mut report = SetReport::scored(Set::Petrarch, Path::new("x"), 2);
        score(
            "phoenix",
            &[&g1, &g2],
            &[vec![e, wrong], vec![]],
            &mut report,
            false,
        );
        let m = |n: &str| report.metric(n).unwrap().value;
        assert_eq!(m("phoenix.triple_precision"), 0.5);
        assert_eq!(m("phoenix.triple_recall"), 1.0);
        assert_eq!(
            m("phoenix.record_exact"),
            0.5,
            "an empty record with no events is exact"
        );
    }

    #[test]
    fn the_dictionaries_sit_under_reference() {
        let d = dictionaries_dir(Path::new("/s/eval/events/petrarch-unittest.jsonl"), None);
        assert_eq!(
            d,
            Path::new("/s/eval/reference/petrarch-raw/petrarch2/petrarch2/data/dictionaries")
        );
        let shared = dictionaries_dir(Path::new("x.jsonl"), Some(Path::new("/t")));
        assert!(
            shared.starts_with("/t/eval/reference/petrarch-raw"),
            "{}",
            shared.display()
        );
    }
}
