//! The reference article (`../shared/seed/article.txt`, RT, 2018-08-02) coded end to end with
//! the shipped models and lexicons. The article is read at run time, never copied into the
//! repository; without `../shared` (a fresh clone) the test says so and passes.

use std::path::PathBuf;

use annals_events::record::{EventRecord, Modality, PloverType};
use annals_events::{Article, Pipeline, PipelineOptions};

fn seed() -> Option<String> {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/article.txt"
    ));
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            skip_notice(format!(
                "skipped: {} not found (../shared is not beside the repo)",
                path.display()
            ));
            None
        }
    }
}

fn coded() -> Option<Vec<EventRecord>> {
    let text = seed()?;
    let pipeline = Pipeline::new(PipelineOptions::default()).expect("pipeline builds");
    if !pipeline.has_syntax() {
        panic!(
            "the shipped syntax model did not load: {:?}",
            pipeline.warnings()
        );
    }
    let mut article = Article::new("seed", text);
    article.date = chrono::NaiveDate::from_ymd_opt(2018, 8, 2);
    article.publisher = Some("RT".to_string());
    Some(pipeline.process(&article).events)
}

fn country(p: &annals_events::record::Participant) -> &str {
    p.country.as_deref().unwrap_or("")
}

fn sector(p: &annals_events::record::Participant) -> &str {
    p.sector.as_deref().unwrap_or("")
}

#[test]
fn seed_article_events() {
    let Some(events) = coded() else { return };
    let find = |pred: &dyn Fn(&EventRecord) -> bool| events.iter().filter(|e| pred(e)).count();

    // SYR MIL seizing As-Suwayda, Daraa and Quneitra.
    for place in ["As-Suwayda", "Daraa", "Quneitra"] {
        let n = find(&|e| {
            e.event_type == Some(PloverType::Assault)
                && e.evidence.text.contains("seized")
                && e.actor
                    .iter()
                    .any(|a| country(a) == "SYR" && sector(a) == "MIL")
                && e.location.as_ref().is_some_and(|l| l.text == place)
        });
        assert_eq!(n, 1, "seizure of {place}");
    }
    // The last pocket overrun on Wednesday, 2018-08-01.
    assert_eq!(
        find(&|e| e.event_type == Some(PloverType::Assault)
            && e.evidence.text == "overrun"
            && e.date.as_ref().is_some_and(|d| d.value == "2018-08-01")),
        1
    );
    // More than 160 fighters captured.
    assert_eq!(
        find(&|e| e.event_type == Some(PloverType::Assault)
            && e.mode.as_deref() == Some("abduct")
            && e.quantities.iter().any(|q| q.value == 160.0
                && q.kind == "captured"
                && q.qualifier == Some(annals_events::record::Qualifier::MoreThan))),
        1
    );
    // Surrendered hardware with its counts.
    let disarm: Vec<&EventRecord> = events
        .iter()
        .filter(|e| {
            e.event_type == Some(PloverType::Retreat) && e.mode.as_deref() == Some("disarm")
        })
        .collect();
    assert_eq!(disarm.len(), 1);
    let counts: Vec<(f64, &str)> = disarm[0]
        .quantities
        .iter()
        .map(|q| (q.value, q.unit.as_deref().unwrap_or("")))
        .collect();
    for want in [
        (650.0, "hardware"),
        (39.0, "tanks"),
        (29.0, "vehicles"),
        (35.0, "cannons"),
        (17.0, "launchers"),
    ] {
        assert!(counts.contains(&want), "{want:?} in {counts:?}");
    }
    // About 10,000 people including about 4,300 fighters given passage to Idlib.
    let passage: Vec<&EventRecord> = events
        .iter()
        .filter(|e| {
            e.event_type == Some(PloverType::Retreat)
                && e.mode.as_deref() == Some("withdraw")
                && e.evidence.text.contains("passage")
        })
        .collect();
    assert_eq!(passage.len(), 1);
    let values: Vec<f64> = passage[0].quantities.iter().map(|q| q.value).collect();
    assert!(
        values.contains(&10_000.0) && values.contains(&4_300.0),
        "{values:?}"
    );
    assert_eq!(
        passage[0].location.as_ref().map(|l| l.text.as_str()),
        Some("Idlib")
    );
    // RUS MIL helping the local population.
    assert!(
        find(&|e| e.event_type == Some(PloverType::Aid)
            && e.actor
                .iter()
                .any(|a| country(a) == "RUS" && sector(a) == "MIL"))
            >= 1
    );
    // RUS MIL criticising the US outpost.
    assert_eq!(
        find(&|e| e.event_type == Some(PloverType::Accuse)
            && e.actor
                .iter()
                .any(|a| country(a) == "RUS" && sector(a) == "MIL")
            && e.recipient
                .iter()
                .any(|r| country(r) == "USA" && sector(r) == "MIL")),
        1
    );
    // RUS demanding access and withdrawal from the US: REQUEST, not AID or RETREAT.
    let requests: Vec<&EventRecord> = events
        .iter()
        .filter(|e| {
            e.event_type == Some(PloverType::Request)
                && e.actor.iter().any(|a| country(a) == "RUS")
                && e.recipient.iter().any(|r| country(r) == "USA")
        })
        .collect();
    assert!(requests.len() >= 2, "{requests:?}");
    assert!(requests.iter().all(|r| r.mode.as_deref() == Some("yield")));
    let last_sentence = requests[0].sentence.index;
    assert_eq!(
        find(&|e| e.sentence.index == last_sentence && e.event_type != Some(PloverType::Request)),
        0,
        "the demanded acts are not coded as acts"
    );
    // Every event attributed to the Russian military (Rudskoy), published by RT.
    for e in &events {
        let source = e
            .attribution
            .source
            .as_ref()
            .unwrap_or_else(|| panic!("no source: {e:?}"));
        assert_eq!((country(source), sector(source)), ("RUS", "MIL"), "{e:?}");
        assert_eq!(e.attribution.publisher.as_deref(), Some("RT"));
    }
    // Nothing from the headline, the READ MORE line or the share prompt.
    assert!(events.iter().all(|e| !e.sentence.text.contains("READ MORE")
        && !e.sentence.text.contains("share it")
        && !e.sentence.text.starts_with('\u{2018}')));
    // Negated and asserted events are told apart.
    assert!(events.iter().any(|e| e.modality == Modality::Negated));
}

/// Say that a test is skipped, on the terminal: libtest captures `println!`/`eprintln!`, but
/// not writes to the stderr handle, so this shows in `cargo test` output.
fn skip_notice(message: String) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}
