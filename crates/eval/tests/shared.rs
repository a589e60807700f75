//! Tests on the real dev sets in `../shared/eval` (skipped, with a message, when it is absent;
//! `ANNALS_SHARED` points elsewhere). They check that the gold of every set is read as the
//! harness expects and that scoring lines predictions up with records; they run stand-in
//! coders, not annals, so they stay fast and do not depend on the coder's progress.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use annals_eval::common::read_records;
use annals_eval::{Coder, EvalOptions, Set, Status, Unit, run_set};
use annals_events::record::{
    Attribution, EventRecord, Modality, PloverType, SentenceRef, TextSpan,
};
use annals_events::{ActorCode, Article};
use chrono::NaiveDate;

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("ANNALS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")));
    if dir.join("eval").is_dir() {
        Some(dir)
    } else {
        skip_notice(format!(
            "skipped: {} has no eval/ (set ANNALS_SHARED)",
            dir.display()
        ));
        None
    }
}

/// Codes nothing.
struct Nothing;

impl Coder for Nothing {
    fn events(&self, _: &Article) -> Vec<EventRecord> {
        Vec::new()
    }
    fn resolve_actor(&self, _: &str, _: Option<NaiveDate>) -> Option<ActorCode> {
        None
    }
}

/// Answers one event of a fixed type per article id.
struct Oracle(HashMap<String, PloverType>);

impl Coder for Oracle {
    fn events(&self, article: &Article) -> Vec<EventRecord> {
        let Some(&t) = self.0.get(&article.id) else {
            return Vec::new();
        };
        vec![EventRecord {
            id: "x".into(),
            doc_id: article.id.clone(),
            sentence: SentenceRef {
                index: 0,
                start: 0,
                end: 0,
                text: String::new(),
            },
            evidence: TextSpan {
                start: 0,
                end: 1,
                text: String::new(),
            },
            event_type: Some(t),
            mode: None,
            cameo: None,
            quad: t.quad(),
            actor: vec![],
            recipient: vec![],
            location: None,
            date: None,
            quantities: vec![],
            aggregate: false,
            attribution: Attribution::default(),
            modality: Modality::Asserted,
            confidence: 0.5,
        }]
    }
    fn resolve_actor(&self, _: &str, _: Option<NaiveDate>) -> Option<ActorCode> {
        None
    }
}

fn path(shared: &Path, set: Set) -> PathBuf {
    set.default_path(shared)
}

#[test]
fn every_event_set_scores_with_a_coder_that_finds_nothing() {
    let Some(shared) = shared() else { return };
    let options = EvalOptions {
        limit: Some(25),
        errors: true,
        shared: Some(shared.clone()),
    };
    for set in [
        Set::Plover,
        Set::Conflibert,
        Set::Ipe,
        Set::Petrarch,
        Set::EventLocation,
        Set::Actors,
        Set::Fakes,
    ] {
        let r = run_set(set, &path(&shared, set), &Nothing, &options);
        assert_eq!(r.status, Status::Scored, "{set}: {:?}", r.status);
        assert!(r.records > 0 && !r.metrics.is_empty(), "{set}");
        for m in r.metrics.iter().filter(|m| m.unit == Unit::Ratio) {
            assert!(
                (0.0..=1.0).contains(&m.value),
                "{set} {} = {}",
                m.name,
                m.value
            );
        }
        let gated: Vec<_> = r.metrics.iter().filter(|m| m.gated).collect();
        assert!(!gated.is_empty(), "{set} has no gated metric");
    }
    // With no events, nothing can be right except what the definitions say.
    let r = run_set(Set::Plover, &path(&shared, Set::Plover), &Nothing, &options);
    assert_eq!(r.metric("type_accuracy").unwrap().value, 0.0);
    assert_eq!(r.errors.len(), 25, "every record is a miss");
}

#[test]
fn plover_gold_reads_and_an_oracle_scores_perfect_types() {
    let Some(shared) = shared() else { return };
    let file = path(&shared, Set::Plover);
    let records = read_records(&file, None).unwrap();
    assert!(records.len() >= 200);
    let mut answers = HashMap::new();
    let mut actors = 0;
    for r in &records {
        let g = annals_eval::plover::parse_gold(&r.article.id, &r.value);
        let t = g
            .event
            .unwrap_or_else(|| panic!("{}: gold event {}", g.id, r.value["gold"]["event"]));
        actors += g.source.len() + g.target.len();
        answers.insert(r.article.id.clone(), t);
    }
    assert!(actors >= 400, "{actors} gold actors");
    let report = run_set(
        Set::Plover,
        &file,
        &Oracle(answers),
        &EvalOptions::default(),
    );
    assert_eq!(report.metric("type_accuracy").unwrap().value, 1.0);
    assert_eq!(report.metric("type_accuracy").unwrap().n, records.len());
    assert_eq!(
        report.metric("actor_country").unwrap().value,
        0.0,
        "the oracle names no actors"
    );
}

#[test]
fn conflibert_tokens_align_and_an_oracle_scores_perfect_quads() {
    let Some(shared) = shared() else { return };
    let file = path(&shared, Set::Conflibert);
    let records = read_records(&file, None).unwrap();
    let by_quad = [
        None,
        Some(PloverType::Agree),
        Some(PloverType::Aid),
        Some(PloverType::Accuse),
        Some(PloverType::Assault),
    ];
    let mut answers = HashMap::new();
    let (mut tokens, mut aligned, mut with_spans) = (0, 0, 0);
    for r in &records {
        let g =
            annals_eval::conflibert::parse_gold(&r.article.id, &r.article.text, &r.value).unwrap();
        tokens += g.tokens.len();
        aligned += g.tokens.iter().filter(|t| t.is_some()).count();
        with_spans += usize::from(g.has_spans);
        if let Some(t) = by_quad[g.quad as usize] {
            answers.insert(r.article.id.clone(), t);
        }
    }
    assert!(with_spans > 900, "{with_spans} records with spans");
    assert!(
        aligned as f64 >= 0.99 * tokens as f64,
        "{aligned} of {tokens} tokens aligned"
    );
    let report = run_set(
        Set::Conflibert,
        &file,
        &Oracle(answers),
        &EvalOptions::default(),
    );
    assert_eq!(report.metric("quad_accuracy").unwrap().value, 1.0);
    assert!((report.metric("quad_macro_f1").unwrap().value - 1.0).abs() < 1e-12);
}

#[test]
fn ipe_sentences_are_found_in_their_documents() {
    let Some(shared) = shared() else { return };
    let records = read_records(&path(&shared, Set::Ipe), Some(200)).unwrap();
    let (mut sentences, mut approximate, mut labelled) = (0, 0, 0);
    for r in &records {
        let g = annals_eval::ipe::parse_gold(&r.article.id, &r.article.text, &r.value);
        sentences += g.spans.len();
        approximate += g.approximate;
        labelled += g.labels.iter().filter(|l| !l.is_empty()).count();
        assert!(
            g.spans.windows(2).all(|w| w[0].0 <= w[1].0),
            "{}: spans in order",
            g.id
        );
    }
    assert!(labelled > 0);
    assert!(
        (approximate as f64) < 0.05 * sentences as f64,
        "{approximate} of {sentences} approximate"
    );
}

#[test]
fn event_location_gold_spans_resolve() {
    let Some(shared) = shared() else { return };
    let records = read_records(&path(&shared, Set::EventLocation), None).unwrap();
    let golds: Vec<_> = records
        .iter()
        .map(|r| annals_eval::event_location::parse_gold(&r.article.id, &r.article.text, &r.value))
        .collect();
    let checked: Vec<_> = golds.iter().filter(|g| g.checked).collect();
    assert!(checked.len() >= 240, "{} hand-checked", checked.len());
    let with_verb = checked.iter().filter(|g| g.verb.is_some()).count();
    assert!(
        with_verb + 1 >= checked.len(),
        "{with_verb} of {} have a verb",
        checked.len()
    );
    let located = checked.iter().filter(|g| !g.locations.is_empty()).count();
    let dropped: usize = checked.iter().map(|g| g.dropped).sum();
    assert!(
        located >= 150,
        "{located} hand-checked records with a location"
    );
    assert!(
        dropped <= 5,
        "{dropped} hand-checked location spans unusable"
    );
    for (g, r) in golds.iter().zip(&records) {
        for &(s, e) in g.locations.iter().chain(g.verb.iter()) {
            assert!(
                r.article
                    .text
                    .get(s as usize..e as usize)
                    .is_some_and(|t| !t.is_empty()),
                "{}",
                g.id
            );
        }
    }
}

#[test]
fn fakes_governorates_are_all_known_names() {
    let Some(shared) = shared() else { return };
    let records = read_records(&path(&shared, Set::Fakes), None).unwrap();
    for r in &records {
        let g = annals_eval::fakes::parse_gold(&r.article.id, &r.value).expect("counts");
        assert!(g.deaths >= 0.0);
        if let Some(name) = &g.governorate {
            assert_eq!(
                annals_eval::fakes::governorate_key(name),
                Some(name.as_str()),
                "{}",
                g.id
            );
        }
    }
}

#[test]
fn petrarch_records_split_by_dictionary() {
    let Some(shared) = shared() else { return };
    let records = read_records(&path(&shared, Set::Petrarch), None).unwrap();
    let golds: Vec<_> = records
        .iter()
        .map(|r| annals_eval::petrarch::parse_gold(&r.article.id, &r.value))
        .collect();
    let test = golds.iter().filter(|g| g.needs_test_dictionaries).count();
    assert!(
        test > 250 && test < golds.len(),
        "{test} of {} need test dictionaries",
        golds.len()
    );
    let dir = annals_eval::petrarch::dictionaries_dir(&path(&shared, Set::Petrarch), None);
    assert!(
        dir.join("PETR.Validate.actors.txt").is_file(),
        "{}",
        dir.display()
    );
}

/// Say that a test is skipped, on the terminal: libtest captures `println!`/`eprintln!`, but
/// not writes to the stderr handle, so this shows in `cargo test` output.
fn skip_notice(message: String) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}
