//! PLOVER gold standard records (`events/plover-gsr.jsonl`): one sentence, one gold event.
//!
//! * The predicted event of a record is its top event with a PLOVER type
//!   ([`top_plover_event`](crate::top_plover_event)): CAMEO statements have none.
//! * `type_accuracy`: records whose predicted type equals the gold type (2016 names mapped:
//!   DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT), over all records; a record
//!   with no event is wrong.
//! * `actor_country` / `recipient_country`: gold source (target) actors matched one-to-one to
//!   the predicted event's actors (recipients) with the same country code, over all gold
//!   actors. `…_country_sector` also needs the sector where the gold gives one.
//!
//! Codes match as in [`common::has_country`] (gold `IGO` is answered by `UNO` and `EUR` too).
//! Gold codes are read as written, except two spellings in the set that are not ISO 3166
//! (`JAP`, `ITL`, read as `JPN`, `ITA`); gold sectors keep their first three letters
//! (`CVLalb` → `CVL`, `REFKUR` → `REF`), `CIV` reads `CVL`, and `***` means no sector.

use std::path::Path;

use annals_events::record::{EventRecord, Participant, PloverType};
use serde_json::{Value, json};

use crate::common::{self, has_country, has_sector, ratio};
use crate::{Coder, EvalError, EvalOptions, Metric, Set, SetReport};

/// A gold actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldActor {
    /// The words, as annotated.
    pub text: String,
    /// Country or non-state code (upper case).
    pub code: String,
    /// Sector, when the gold gives one.
    pub sector: Option<String>,
}

/// The gold of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// Record id.
    pub id: String,
    /// Gold event type (`None` when the gold name is unknown).
    pub event: Option<PloverType>,
    /// Gold source actors.
    pub source: Vec<GoldActor>,
    /// Gold target actors.
    pub target: Vec<GoldActor>,
}

/// Normalise a gold country code.
pub fn normalize_country(code: &str) -> String {
    let c = code.trim().to_ascii_uppercase();
    match c.as_str() {
        "JAP" => "JPN".into(),
        "ITL" => "ITA".into(),
        _ => c,
    }
}

/// Normalise a gold sector: its first three letters, upper case; `None` for `***` or empty.
pub fn normalize_sector(sector: &str) -> Option<String> {
    let s = sector.trim();
    let head: String = s.chars().take(3).collect();
    if head.chars().count() < 3 || !head.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let head = head.to_ascii_uppercase();
    Some(if head == "CIV" { "CVL".into() } else { head })
}

fn actors(value: Option<&Value>) -> Vec<GoldActor> {
    let list = match value {
        Some(Value::Array(a)) => a.as_slice(),
        Some(v @ Value::Object(_)) => std::slice::from_ref(v),
        _ => &[],
    };
    list.iter()
        .filter_map(|a| {
            let code = a.get("code")?.as_str()?.trim();
            if code.is_empty() {
                return None;
            }
            Some(GoldActor {
                text: a
                    .get("actorText")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                code: normalize_country(code),
                sector: a
                    .get("sector")
                    .and_then(Value::as_str)
                    .and_then(normalize_sector),
            })
        })
        .collect()
}

/// Read the gold of one record.
pub fn parse_gold(id: &str, value: &Value) -> Gold {
    let gold = &value["gold"];
    Gold {
        id: id.to_string(),
        event: gold["event"].as_str().and_then(|e| e.parse().ok()),
        source: actors(gold.get("source")),
        target: actors(gold.get("target")),
    }
}

/// Match gold actors one-to-one (greedily, in order) to predicted participants; returns how
/// many gold actors found a partner.
pub fn match_actors(gold: &[GoldActor], predicted: &[Participant], with_sector: bool) -> usize {
    let mut used = vec![false; predicted.len()];
    let mut matched = 0;
    for g in gold {
        let found = predicted.iter().enumerate().position(|(i, p)| {
            !used[i]
                && has_country(p, &g.code)
                && (!with_sector || g.sector.as_deref().is_none_or(|s| has_sector(p, s)))
        });
        if let Some(i) = found {
            used[i] = true;
            matched += 1;
        }
    }
    matched
}

/// Score predictions (the events of each record) against the gold.
pub fn score(
    golds: &[Gold],
    predictions: &[Vec<EventRecord>],
    report: &mut SetReport,
    errors: bool,
) {
    let mut typed = 0;
    let mut type_correct = 0;
    let mut coded = 0;
    let mut correct_when_coded = 0;
    let (mut src_n, mut src_c, mut src_cs) = (0, 0, 0);
    let (mut tgt_n, mut tgt_c, mut tgt_cs) = (0, 0, 0);
    let mut unknown_type = 0;
    for (gold, events) in golds.iter().zip(predictions) {
        let top = common::top_plover_event(events);
        let Some(gold_type) = gold.event else {
            unknown_type += 1;
            continue;
        };
        typed += 1;
        let right = top.is_some_and(|e| e.event_type == Some(gold_type));
        if top.is_some() {
            coded += 1;
            correct_when_coded += usize::from(right);
        }
        type_correct += usize::from(right);
        let (pa, pr): (&[Participant], &[Participant]) =
            top.map_or((&[], &[]), |e| (&e.actor, &e.recipient));
        let sc = match_actors(&gold.source, pa, false);
        let tc = match_actors(&gold.target, pr, false);
        src_n += gold.source.len();
        src_c += sc;
        let scs = match_actors(&gold.source, pa, true);
        src_cs += scs;
        tgt_n += gold.target.len();
        tgt_c += tc;
        let tcs = match_actors(&gold.target, pr, true);
        tgt_cs += tcs;
        if errors && (!right || scs < gold.source.len() || tcs < gold.target.len()) {
            let codes = |a: &[GoldActor]| {
                a.iter()
                    .map(|g| match &g.sector {
                        Some(s) => format!("{}:{}/{s}", g.text, g.code),
                        None => format!("{}:{}", g.text, g.code),
                    })
                    .collect::<Vec<_>>()
            };
            let pcodes = |p: &[Participant]| {
                p.iter()
                    .map(|p| {
                        let code = p.code.as_deref().or(p.country.as_deref()).unwrap_or("-");
                        let sector = p.sector.as_deref().unwrap_or("");
                        format!(
                            "{}:{code}{}{sector}",
                            p.text,
                            if sector.is_empty() { "" } else { "/" }
                        )
                    })
                    .collect::<Vec<_>>()
            };
            report.errors.push(json!({
                "set": "plover", "id": gold.id,
                "gold_type": gold_type.as_str(),
                "predicted_type": top.map(|e| e.type_label()),
                "gold_source": codes(&gold.source), "predicted_actor": pcodes(pa),
                "gold_target": codes(&gold.target), "predicted_recipient": pcodes(pr),
            }));
        }
    }
    report.metrics.extend([
        Metric::gated("type_accuracy", ratio(type_correct, typed), typed),
        Metric::ratio(
            "type_accuracy_when_coded",
            ratio(correct_when_coded, coded),
            coded,
        ),
        Metric::ratio("event_coverage", ratio(coded, typed), typed),
        Metric::gated("actor_country", ratio(src_c, src_n), src_n),
        Metric::ratio("actor_country_sector", ratio(src_cs, src_n), src_n),
        Metric::gated("recipient_country", ratio(tgt_c, tgt_n), tgt_n),
        Metric::ratio("recipient_country_sector", ratio(tgt_cs, tgt_n), tgt_n),
    ]);
    if unknown_type > 0 {
        report.notes.push(format!(
            "{unknown_type} record(s) with an unknown gold event name not scored"
        ));
    }
}

/// Read, code and score the set.
pub fn run(path: &Path, coder: &dyn Coder, options: &EvalOptions) -> Result<SetReport, EvalError> {
    let records = common::read_records(path, options.limit)?;
    let golds: Vec<Gold> = records
        .iter()
        .map(|r| parse_gold(&r.article.id, &r.value))
        .collect();
    let articles: Vec<_> = records.iter().map(|r| &r.article).collect();
    let predictions = common::code_all(coder, &articles);
    let mut report = SetReport::scored(Set::Plover, path, records.len());
    score(&golds, &predictions, &mut report, options.errors);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::tests::{event, participant};

    fn gold(event: &str, source: &[(&str, Option<&str>)], target: &[(&str, Option<&str>)]) -> Gold {
        let v = json!({"gold": {
            "event": event,
            "source": source.iter().map(|(c, s)| json!({"actorText": "x", "code": c, "sector": s})).collect::<Vec<_>>(),
            "target": target.iter().map(|(c, s)| json!({"actorText": "y", "code": c, "sector": s})).collect::<Vec<_>>(),
        }});
        parse_gold("r", &v)
    }

    #[test]
    fn gold_names_codes_and_sectors_normalise() {
        let g = gold("FIGHT", &[("jap", Some("CVLalb"))], &[("IGO", Some("***"))]);
        assert_eq!(g.event, Some(PloverType::Assault));
        assert_eq!(g.source[0].code, "JPN");
        assert_eq!(g.source[0].sector.as_deref(), Some("CVL"));
        assert_eq!(g.target[0].sector, None);
        assert_eq!(normalize_sector("CIV").as_deref(), Some("CVL"));
        assert_eq!(gold("DEMAND", &[], &[]).event, Some(PloverType::Request));
        // A target given as a bare string has no code: it is not an actor to match.
        let v = json!({"gold": {"event": "AGREE", "target": "diplomatic"}});
        assert!(parse_gold("r", &v).target.is_empty());
    }

    #[test]
    fn actors_match_one_to_one_with_optional_sector() {
        let gold = vec![
            GoldActor {
                text: "a".into(),
                code: "HUN".into(),
                sector: Some("GOV".into()),
            },
            GoldActor {
                text: "b".into(),
                code: "HUN".into(),
                sector: None,
            },
        ];
        let one = vec![participant(0, 1, Some("HUN"), Some("MIL"))];
        assert_eq!(
            match_actors(&gold, &one, false),
            1,
            "one predicted actor matches once"
        );
        assert_eq!(
            match_actors(&gold, &one, true),
            1,
            "the sector-less gold actor still matches"
        );
        let two = vec![
            participant(0, 1, Some("HUN"), Some("GOV")),
            participant(2, 3, Some("HUN"), None),
        ];
        assert_eq!(match_actors(&gold, &two, true), 2);
        assert_eq!(match_actors(&gold, &[], false), 0);
    }

    #[test]
    fn scores_type_and_actors_and_counts_missing_events_as_wrong() {
        let golds = vec![
            gold("ASSAULT", &[("SYR", Some("MIL"))], &[("TUR", None)]),
            gold("DEMAND", &[("USA", Some("GOV"))], &[]),
            gold("AGREE", &[("FRA", None)], &[("DEU", None)]),
        ];
        let mut e1 = event(PloverType::Assault, 0, 5, 0.9);
        e1.actor = vec![participant(6, 9, Some("SYR"), Some("GOV"))];
        e1.recipient = vec![participant(10, 12, Some("TUR"), None)];
        let mut e2 = event(PloverType::Accuse, 0, 5, 0.9);
        e2.actor = vec![participant(6, 9, Some("USA"), Some("GOV"))];
        let predictions = vec![vec![e1], vec![e2], vec![]];
        let mut report = SetReport::scored(Set::Plover, Path::new("x"), 3);
        score(&golds, &predictions, &mut report, true);
        let m = |n: &str| report.metric(n).unwrap().value;
        assert!((m("type_accuracy") - 1.0 / 3.0).abs() < 1e-12);
        assert!((m("type_accuracy_when_coded") - 0.5).abs() < 1e-12);
        assert!((m("event_coverage") - 2.0 / 3.0).abs() < 1e-12);
        assert!((m("actor_country") - 2.0 / 3.0).abs() < 1e-12);
        assert!(
            (m("actor_country_sector") - 1.0 / 3.0).abs() < 1e-12,
            "SYR GOV is not SYR MIL"
        );
        assert!((m("recipient_country") - 0.5).abs() < 1e-12);
        assert_eq!(report.metric("recipient_country").unwrap().n, 2);
        assert_eq!(
            report.errors.len(),
            3,
            "record 1 for its sector (SYR GOV for SYR MIL), records 2 and 3 for type and countries"
        );
    }
}
