//! ConfliBERT CAMEO sentences (`events/conflibert-cameo.jsonl`): a quad class per sentence,
//! and token-level source and target spans on part of them.
//!
//! * The set's labels are the Phoenix quad classes of the sentences' CAMEO codes (0 neutral:
//!   CAMEO 01 statements *and* 02 appeals; 1 verbal cooperation: 03–05; 2 material
//!   cooperation: 06–08; 3 verbal conflict: 09–13 and 16, reduce relations; 4 material
//!   conflict: 14, 15, 17–20), as the set's texts show ("called on", "urged", "asked" are 0,
//!   "demanded" 3; imposed sanctions 3). So the predicted quad of a sentence is the Phoenix quad
//!   of its [`top_event`](crate::top_event)'s CAMEO code ([`phoenix_quad`]); an event without a
//!   CAMEO code falls back to its PLOVER type's quad (`Quad::number`). The PLOVER type alone
//!   cannot answer the labels: REQUEST holds both CAMEO 02 (quad 0) and 10 (quad 3), SANCTION
//!   holds 16 (quad 3), CONCEDE and RETREAT both hold 08 (quad 2). A sentence where annals codes
//!   nothing is predicted 0 (no event = statement).
//!   `quad_macro_f1_plover_type` is reported beside it for comparison: the quad of the top
//!   event's PLOVER type (`Quad::number`, the mapping of `spec/plover-ontology.json`) alone.
//!   `quad_macro_f1` is the unweighted mean of the five per-class F1. `quad_macro_f1_strict`
//!   instead counts a sentence without an event as wrong for every class (a miss of its gold
//!   class, a false positive of none).
//! * Spans: the record's tokens are aligned to the text (quote variants folded; a token that
//!   cannot be found is left out). A token is predicted *source* when its bytes overlap an
//!   actor of the top event, *target* when they overlap a recipient. Precision, recall and F1
//!   are micro-averaged over tokens of the records that carry span annotation.

use std::collections::BTreeSet;
use std::path::Path;

use annals_events::record::{EventRecord, Participant};
use serde_json::{Value, json};

use crate::common::{self, Counts, ratio};
use crate::{Coder, EvalError, EvalOptions, Metric, Set, SetReport};

/// The gold of one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// Record id.
    pub id: String,
    /// Gold quad class, 0–4.
    pub quad: u8,
    /// Byte span of each gold token in the text (`None` when it could not be aligned); empty
    /// when the record has no span annotation.
    pub tokens: Vec<Option<(u32, u32)>>,
    /// Whether the record carries span annotation.
    pub has_spans: bool,
    /// Indices of gold source tokens.
    pub source: BTreeSet<usize>,
    /// Indices of gold target tokens.
    pub target: BTreeSet<usize>,
}

fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
        _ => c,
    }
}

/// End byte of `token` if it is written at byte `at` of `text` (quote variants folded).
fn match_at(text: &str, at: usize, token: &str) -> Option<usize> {
    let token = match token {
        "``" | "''" => "\"",
        t => t,
    };
    let mut chars = text[at..].char_indices();
    let mut end = at;
    for tc in token.chars() {
        let (i, c) = chars.next()?;
        if fold(c) != fold(tc) {
            return None;
        }
        end = at + i + c.len_utf8();
    }
    Some(end)
}

/// Align tokens to the text, left to right. A token may be preceded by spaces and punctuation
/// that are not tokens, but never by a skipped letter or digit; a token that is not found is
/// `None` and the search goes on from the same place.
pub fn align_tokens(text: &str, tokens: &[String]) -> Vec<Option<(u32, u32)>> {
    let mut pos = 0usize;
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens {
        let mut found = None;
        if !token.is_empty() {
            for (i, c) in text[pos..].char_indices() {
                let at = pos + i;
                if let Some(end) = match_at(text, at, token) {
                    found = Some((at, end));
                    break;
                }
                if c.is_alphanumeric() {
                    break;
                }
            }
        }
        match found {
            Some((s, e)) => {
                out.push(Some((s as u32, e as u32)));
                pos = e;
            }
            None => out.push(None),
        }
    }
    out
}

fn span_tokens(spans: &Value, n: usize) -> BTreeSet<usize> {
    let mut set = BTreeSet::new();
    for s in spans.as_array().map(Vec::as_slice).unwrap_or(&[]) {
        let (Some(a), Some(b)) = (s["start_tok"].as_u64(), s["end_tok"].as_u64()) else {
            continue;
        };
        set.extend((a as usize..b as usize).filter(|&i| i < n));
    }
    set
}

/// Phoenix quad class of a CAMEO code (by its two-digit root): 0 for 01–02, 1 for 03–05, 2 for
/// 06–08, 3 for 09–13 and 16, 4 for 14, 15 and 17–20; `None` for anything else.
pub fn phoenix_quad(cameo: &str) -> Option<u8> {
    let root: u8 = cameo.get(..2)?.parse().ok()?;
    Some(match root {
        1 | 2 => 0,
        3..=5 => 1,
        6..=8 => 2,
        9..=13 | 16 => 3,
        14 | 15 | 17..=20 => 4,
        _ => return None,
    })
}

/// The quad class predicted by an event: the Phoenix quad of its CAMEO code, else its PLOVER
/// type's quad.
pub fn predicted_quad(e: &EventRecord) -> u8 {
    e.cameo
        .as_deref()
        .and_then(phoenix_quad)
        .unwrap_or_else(|| e.quad.number())
}

/// Read the gold of one record.
pub fn parse_gold(id: &str, text: &str, value: &Value) -> Option<Gold> {
    let labels = &value["labels"];
    let quad = labels["quad_class"].as_u64().filter(|q| *q <= 4)? as u8;
    let tokens: Option<Vec<String>> = labels["tokens"].as_array().map(|a| {
        a.iter()
            .map(|t| t.as_str().unwrap_or("").to_string())
            .collect()
    });
    let has_spans = tokens.is_some()
        && (labels["source_spans"].is_array() || labels["target_spans"].is_array());
    let tokens = tokens.unwrap_or_default();
    let n = tokens.len();
    Some(Gold {
        id: id.to_string(),
        quad,
        tokens: align_tokens(text, &tokens),
        has_spans,
        source: span_tokens(&labels["source_spans"], n),
        target: span_tokens(&labels["target_spans"], n),
    })
}

fn predicted_tokens(
    tokens: &[Option<(u32, u32)>],
    participants: &[Participant],
) -> BTreeSet<usize> {
    tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let t = (*t)?;
            participants
                .iter()
                .any(|p| common::overlaps(t, (p.start, p.end)))
                .then_some(i)
        })
        .collect()
}

fn count_tokens(
    counts: &mut Counts,
    n: usize,
    predicted: &BTreeSet<usize>,
    gold: &BTreeSet<usize>,
) {
    for i in 0..n {
        counts.add(predicted.contains(&i), gold.contains(&i));
    }
}

/// Score predictions (the events of each sentence) against the gold.
pub fn score(
    golds: &[Gold],
    predictions: &[Vec<EventRecord>],
    report: &mut SetReport,
    errors: bool,
) {
    let mut per_class = [Counts::default(); 5];
    let mut strict = [Counts::default(); 5];
    let mut by_type = [Counts::default(); 5];
    let mut correct = 0;
    let mut coded = 0;
    let mut source = Counts::default();
    let mut target = Counts::default();
    let mut span_records = 0;
    let mut unaligned = 0;
    for (gold, events) in golds.iter().zip(predictions) {
        let top = common::top_event(events);
        let predicted = top.map_or(0, predicted_quad);
        coded += usize::from(top.is_some());
        correct += usize::from(predicted == gold.quad);
        for (class, c) in per_class.iter_mut().enumerate() {
            c.add(predicted as usize == class, gold.quad as usize == class);
        }
        let type_quad = top.map_or(0, |e| e.quad.number());
        for (class, c) in by_type.iter_mut().enumerate() {
            c.add(type_quad as usize == class, gold.quad as usize == class);
        }
        for (class, c) in strict.iter_mut().enumerate() {
            c.add(
                top.is_some() && predicted as usize == class,
                gold.quad as usize == class,
            );
        }
        let (pa, pr): (&[Participant], &[Participant]) =
            top.map_or((&[], &[]), |e| (&e.actor, &e.recipient));
        if gold.has_spans {
            span_records += 1;
            unaligned += gold.tokens.iter().filter(|t| t.is_none()).count();
            let ps = predicted_tokens(&gold.tokens, pa);
            let pt = predicted_tokens(&gold.tokens, pr);
            count_tokens(&mut source, gold.tokens.len(), &ps, &gold.source);
            count_tokens(&mut target, gold.tokens.len(), &pt, &gold.target);
        }
        if errors && predicted != gold.quad {
            report.errors.push(json!({
                "set": "conflibert", "id": gold.id, "gold_quad": gold.quad,
                "predicted_quad": predicted,
                "predicted_type": top.map(|e| e.type_label()),
            }));
        }
    }
    let n = golds.len();
    let macro_f1 = |c: &[Counts; 5]| c.iter().map(Counts::f1).sum::<f64>() / 5.0;
    report
        .metrics
        .push(Metric::gated("quad_macro_f1", macro_f1(&per_class), n));
    report
        .metrics
        .push(Metric::ratio("quad_macro_f1_strict", macro_f1(&strict), n));
    report.metrics.push(Metric::ratio(
        "quad_macro_f1_plover_type",
        macro_f1(&by_type),
        n,
    ));
    report
        .metrics
        .push(Metric::ratio("quad_accuracy", ratio(correct, n), n));
    report
        .metrics
        .push(Metric::ratio("event_coverage", ratio(coded, n), n));
    for (class, c) in per_class.iter().enumerate() {
        report.metrics.push(Metric::ratio(
            format!("quad_{class}_f1"),
            c.f1(),
            c.support(),
        ));
    }
    for (name, c) in [("source", source), ("target", target)] {
        report.metrics.push(Metric::ratio(
            format!("{name}_token_precision"),
            c.precision(),
            c.tp + c.fp,
        ));
        report.metrics.push(Metric::ratio(
            format!("{name}_token_recall"),
            c.recall(),
            c.support(),
        ));
        report.metrics.push(Metric::gated(
            format!("{name}_token_f1"),
            c.f1(),
            c.support(),
        ));
    }
    report.notes.push(format!(
        "span metrics over the {span_records} record(s) with token annotation; {unaligned} gold \
         token(s) could not be aligned to the text and never count as predicted"
    ));
}

/// Read, code and score the set.
pub fn run(path: &Path, coder: &dyn Coder, options: &EvalOptions) -> Result<SetReport, EvalError> {
    let records = common::read_records(path, options.limit)?;
    let mut golds = Vec::new();
    let mut articles = Vec::new();
    let mut skipped = 0;
    for r in &records {
        match parse_gold(&r.article.id, &r.article.text, &r.value) {
            Some(g) => {
                golds.push(g);
                articles.push(&r.article);
            }
            None => skipped += 1,
        }
    }
    let predictions = common::code_all(coder, &articles);
    let mut report = SetReport::scored(Set::Conflibert, path, golds.len());
    score(&golds, &predictions, &mut report, options.errors);
    if skipped > 0 {
        report.notes.push(format!(
            "{skipped} record(s) without a quad class 0-4 skipped"
        ));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::tests::{event, participant};
    use annals_events::record::PloverType;

    fn toks(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn quads_follow_the_cameo_root() {
        assert_eq!(phoenix_quad("0234"), Some(0));
        assert_eq!(phoenix_quad("1056"), Some(3));
        assert_eq!(phoenix_quad("163"), Some(3));
        assert_eq!(phoenix_quad("0871"), Some(2));
        assert_eq!(phoenix_quad("036"), Some(1));
        assert_eq!(phoenix_quad("1823"), Some(4));
        assert_eq!(phoenix_quad("x"), None);
        let mut e = event(PloverType::Request, 0, 1, 0.9);
        e.cameo = Some("025".into());
        assert_eq!(predicted_quad(&e), 0);
        e.cameo = Some("105".into());
        assert_eq!(predicted_quad(&e), 3);
        e.cameo = None;
        assert_eq!(predicted_quad(&e), 3);
    }

    #[test]
    fn tokens_align_across_quote_variants_and_edits() {
        let text = "The council\u{2019}s \u{201C}plan\u{201D} failed";
        let a = align_tokens(
            text,
            &toks(&["The", "council", "'s", "plan", "failed", "."]),
        );
        assert_eq!(a[0], Some((0, 3)));
        assert_eq!(
            &text[a[1].unwrap().0 as usize..a[1].unwrap().1 as usize],
            "council"
        );
        assert_eq!(
            &text[a[2].unwrap().0 as usize..a[2].unwrap().1 as usize],
            "\u{2019}s"
        );
        assert_eq!(
            &text[a[3].unwrap().0 as usize..a[3].unwrap().1 as usize],
            "plan"
        );
        assert_eq!(
            &text[a[4].unwrap().0 as usize..a[4].unwrap().1 as usize],
            "failed"
        );
        assert_eq!(a[5], None, "a final period the text lacks is not aligned");
        // A token absent from the text does not swallow the following words.
        let b = align_tokens(
            "United Nations envoy",
            &toks(&["United", "Nations", "'", "envoy"]),
        );
        assert_eq!(b[2], None);
        assert_eq!(b[3], Some((15, 20)));
    }

    fn gold(quad: u64, text: &str, tokens: &[&str], src: (u64, u64), tgt: (u64, u64)) -> Gold {
        let v = json!({"labels": {"quad_class": quad, "tokens": tokens,
            "source_spans": [{"start_tok": src.0, "end_tok": src.1}],
            "target_spans": [{"start_tok": tgt.0, "end_tok": tgt.1}]}});
        parse_gold("r", text, &v).unwrap()
    }

    #[test]
    fn quad_macro_f1_treats_no_event_as_statement_and_strict_does_not() {
        let text = "Rebels attacked the town";
        let t = ["Rebels", "attacked", "the", "town"];
        let golds = vec![
            gold(4, text, &t, (0, 1), (2, 4)),
            gold(0, text, &t, (0, 1), (2, 4)),
            gold(1, text, &t, (0, 1), (2, 4)),
        ];
        let mut attack = event(PloverType::Assault, 7, 15, 0.9);
        attack.actor = vec![participant(0, 6, None, None)];
        attack.recipient = vec![participant(20, 24, None, None)];
        let predictions = vec![vec![attack], vec![], vec![]];
        let mut report = SetReport::scored(Set::Conflibert, Path::new("x"), 3);
        score(&golds, &predictions, &mut report, false);
        let m = |n: &str| report.metric(n).unwrap().value;
        // Class 4: P=R=1. Class 0: predicted twice, right once: P=.5 R=1 F1=2/3. Class 1: 0.
        assert!((m("quad_macro_f1") - (1.0 + 2.0 / 3.0) / 5.0).abs() < 1e-12);
        assert!((m("quad_macro_f1_strict") - 1.0 / 5.0).abs() < 1e-12);
        assert!((m("quad_accuracy") - 2.0 / 3.0).abs() < 1e-12);
        // Source: token 0 of record 1 predicted and gold; records 2 and 3 miss token 0.
        assert!((m("source_token_precision") - 1.0).abs() < 1e-12);
        assert!((m("source_token_recall") - 1.0 / 3.0).abs() < 1e-12);
        // Target: "town" predicted, gold "the town": 1 of 2 in record 1, 0 of 4 elsewhere.
        assert!((m("target_token_recall") - 1.0 / 6.0).abs() < 1e-12);
        assert_eq!(report.metric("target_token_f1").unwrap().n, 6);
    }

    #[test]
    fn records_without_span_annotation_do_not_count_for_spans() {
        let v = json!({"labels": {"quad_class": 2, "tokens": null, "source_spans": null}});
        let g = parse_gold("r", "Aid arrived.", &v).unwrap();
        assert!(!g.has_spans && g.tokens.is_empty());
        let mut report = SetReport::scored(Set::Conflibert, Path::new("x"), 1);
        score(&[g], &[vec![]], &mut report, false);
        assert_eq!(report.metric("source_token_f1").unwrap().n, 0);
        assert!(parse_gold("r", "x", &json!({"labels": {"quad_class": 7}})).is_none());
    }
}
