//! Ingest, idempotency, corroboration, query and export, end to end with the test coder.

mod common;

use std::path::PathBuf;

use annals_store::*;
use common::{FakeCoder, bbc, fixture};

fn quiet() -> IngestOptions {
    IngestOptions::default()
}

fn fixtures() -> Vec<PathBuf> {
    vec![
        fixture("two-attacks-kabul.jsonl"),
        fixture("checkpoint-report.jsonl"),
    ]
}

#[test]
fn same_story_twice_is_one_incident_and_two_attacks_stay_two() {
    let mut store = Store::open_in_memory().unwrap();
    let summary = ingest(&mut store, &fixtures(), &FakeCoder::new(), &quiet()).unwrap();
    assert_eq!(summary.read, 4);
    assert_eq!(summary.stored, 4);
    assert_eq!(summary.events, 4, "one attack sentence per article");
    let incidents = query_incidents(&store, &Filter::default()).unwrap();
    assert_eq!(incidents.len(), 2, "{incidents:#?}");
    for i in &incidents {
        assert_eq!(i.n_reports, 2, "{i:#?}");
        assert_eq!(i.n_sources, 2, "{i:#?}");
        assert_eq!(i.country.as_deref(), Some("AFG"));
        assert_eq!(i.location.as_deref(), Some("Kabul"));
    }
    let mosque = incidents
        .iter()
        .find(|i| i.actor.as_deref() == Some("Islamic State"))
        .expect("the mosque bombing");
    assert_eq!(mosque.sources, ["Afghan Wire", "Kabul Times"]);
    assert_eq!(mosque.first_reported.as_deref(), Some("2024-03-14"));
    assert_eq!(
        mosque.first_url.as_deref(),
        Some("https://kabultimes.example/2024/03/14/mosque-blast")
    );
    assert_eq!(
        (mosque.killed_low, mosque.killed_best, mosque.killed_high),
        (Some(12.0), Some(13.0), Some(14.0))
    );
    assert_eq!(
        mosque.disagreements["killed"],
        serde_json::json!(["12", "14"])
    );
    // Every report keeps its sentence and its outlet.
    assert!(
        mosque
            .reports
            .iter()
            .any(|r| r.sentence.contains("death toll"))
    );
    assert!(mosque.reports.iter().all(|r| r.url.is_some()));
    let checkpoint = incidents
        .iter()
        .find(|i| i.actor.as_deref() == Some("Taliban"))
        .expect("the checkpoint attack");
    assert_eq!(checkpoint.sources, ["Kabul Times", "Pamir News"]);
    assert_eq!(checkpoint.killed_best, Some(2.0));
    assert!(checkpoint.disagreements.get("killed").is_none());
}

#[test]
fn running_totals_are_stored_but_are_no_incident() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("toll.jsonl");
    // Written for this test: two outlets give the war's toll in Kabul, one a single attack.
    std::fs::write(
        &path,
        concat!(
            r#"{"id":"t1","publisher":"Kabul Times","date":"2024-05-02","text":"Taliban attacks have killed 900 people in Kabul since the war began."}"#,
            "\n",
            r#"{"id":"t2","publisher":"Afghan Wire","date":"2024-05-02","text":"Taliban attacks have killed 900 people in Kabul since the war began, officials say."}"#,
            "\n",
            r#"{"id":"t3","publisher":"Pamir News","date":"2024-05-02","text":"Taliban fighters opened fire on a checkpoint in Kabul, killing two policemen."}"#,
            "\n",
        ),
    )
    .unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let summary = ingest(&mut store, &[path], &FakeCoder::new(), &quiet()).unwrap();
    assert_eq!(summary.events, 3, "every record is stored");
    let incidents = query_incidents(&store, &Filter::default()).unwrap();
    assert_eq!(incidents.len(), 1, "{incidents:#?}");
    assert_eq!(incidents[0].n_reports, 1);
    assert_eq!(incidents[0].sources, ["Pamir News"]);
}

#[test]
fn ingesting_twice_stores_each_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let mut store = Store::open(&db).unwrap();
    let first = ingest(&mut store, &fixtures(), &FakeCoder::new(), &quiet()).unwrap();
    assert_eq!(first.stored, 4);
    let counts = store.counts().unwrap();
    drop(store);
    let mut store = Store::open(&db).unwrap();
    let second = ingest(&mut store, &fixtures(), &FakeCoder::new(), &quiet()).unwrap();
    assert_eq!(second.read, 4);
    assert_eq!(second.stored, 0);
    assert_eq!(second.skipped["already stored (same URL)"], 4);
    assert_eq!(store.counts().unwrap(), counts);
}

#[test]
fn same_text_under_another_url_is_the_same_article() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"1\",\"url\":\"http://a.example/x\",\"text\":\"Gunmen attacked a bank in Kabul.\"}\n\
         {\"id\":\"2\",\"url\":\"http://b.example/y\",\"text\":\"Gunmen  attacked a bank\\nin Kabul.\"}\n\
         {\"id\":\"3\",\"url\":\"HTTP://A.example/x#comments\",\"text\":\"Other words.\"}\n\
         {\"id\":\"4\",\"text\":\"   \"}\n\
         {broken\n\
         {\"id\":\"5\",\"text\":\"CODER-FAILS-HERE\"}\n",
    )
    .unwrap();
    let mut store = Store::open(dir.path().join("b.db")).unwrap();
    let s = ingest(&mut store, &[input], &FakeCoder::new(), &quiet()).unwrap();
    assert_eq!(s.read, 5);
    assert_eq!(s.unreadable, 1);
    assert_eq!(s.stored, 1);
    assert_eq!(s.skipped["duplicate within this run"], 2);
    assert_eq!(s.skipped["empty text"], 1);
    assert_eq!(s.skipped["coder error"], 1);
    assert_eq!(s.skipped["unreadable: invalid JSON"], 1);
    assert!(
        s.issues.iter().any(|i| i.contains("in.jsonl:5")),
        "{:?}",
        s.issues
    );
    assert!(
        s.issues.iter().any(|i| i.contains("coder error")),
        "{:?}",
        s.issues
    );
}

#[test]
fn bbc_corpus_twice_stores_each_article_once() {
    let Some(corpus) = bbc() else { return };
    // The distinct texts, counted independently of the store.
    let text = std::fs::read_to_string(&corpus).unwrap();
    let distinct: std::collections::HashSet<String> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bbc.db");
    let mut store = Store::open(&db).unwrap();
    let first = ingest(
        &mut store,
        std::slice::from_ref(&corpus),
        &FakeCoder::new(),
        &quiet(),
    )
    .unwrap();
    eprintln!("{first}");
    assert_eq!(first.read, 2225);
    assert_eq!(first.stored as usize, distinct.len());
    assert_eq!(first.stored + first.skipped_total(), 2225);
    let after_first = store.counts().unwrap();
    let second = ingest(&mut store, &[corpus], &FakeCoder::new(), &quiet()).unwrap();
    eprintln!("{second}");
    assert_eq!(second.stored, 0);
    // Every record of the second run is found in the store (duplicates within the corpus too).
    assert_eq!(second.skipped["already stored (same content)"], 2225);
    assert_eq!(store.counts().unwrap(), after_first);
}

fn loaded() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, &fixtures(), &FakeCoder::new(), &quiet()).unwrap();
    store
}

#[test]
fn query_filters() {
    let store = loaded();
    let count = |f: Filter| query(&store, &f).unwrap().len();
    assert_eq!(count(Filter::default()), 4);
    assert_eq!(
        count(Filter {
            country: Some("afg".into()),
            ..Filter::default()
        }),
        4
    );
    assert_eq!(
        count(Filter {
            country: Some("SOM".into()),
            ..Filter::default()
        }),
        0
    );
    assert_eq!(
        count(Filter {
            admin1: Some("kabul".into()),
            ..Filter::default()
        }),
        4
    );
    assert_eq!(
        count(Filter {
            actor: Some("taliban".into()),
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            actor: Some("IMG".into()),
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            publisher: Some("pamir".into()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            text: Some("mosque".into()),
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            text: Some("police checkpoint".into()),
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            text: Some("northern edge".into()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            text: Some("north*".into()),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            mode: Some("firearms".into()),
            ..Filter::default()
        }),
        2
    );
    assert_eq!(
        count(Filter {
            event_type: Some("assault".into()),
            ..Filter::default()
        }),
        4
    );
    assert_eq!(
        count(Filter {
            event_type: Some("PROTEST".into()),
            ..Filter::default()
        }),
        0
    );
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    assert_eq!(
        count(Filter {
            from: day("2024-03-15"),
            ..Filter::default()
        }),
        1
    );
    assert_eq!(
        count(Filter {
            to: day("2024-03-14"),
            ..Filter::default()
        }),
        3
    );
    let kabul: BBox = "69,34,70,35".parse().unwrap();
    let elsewhere: BBox = "40,0,50,5".parse().unwrap();
    assert_eq!(
        count(Filter {
            bbox: Some(kabul),
            ..Filter::default()
        }),
        4
    );
    assert_eq!(
        count(Filter {
            bbox: Some(elsewhere),
            ..Filter::default()
        }),
        0
    );
    assert_eq!(
        count(Filter {
            limit: Some(3),
            ..Filter::default()
        }),
        3
    );
    let incidents = query_incidents(
        &store,
        &Filter {
            actor: Some("Taliban".into()),
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(incidents.len(), 1);
    let by_incident = Filter {
        incident: Some(incidents[0].id.clone()),
        ..Filter::default()
    };
    assert_eq!(count(by_incident), 2);
    let corroborated = Filter {
        min_sources: Some(3),
        ..Filter::default()
    };
    assert!(query_incidents(&store, &corroborated).unwrap().is_empty());
}

#[test]
fn exports_jsonl_csv_and_tables() {
    let store = loaded();
    let mut out = Vec::new();
    let n = write_events(&store, &Filter::default(), ExportFormat::Jsonl, &mut out).unwrap();
    assert_eq!(n, 4);
    let text = String::from_utf8(out).unwrap();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["type"], "ASSAULT");
        assert!(v["incident"].as_str().unwrap().starts_with("inc-"));
        assert!(
            v["attribution"]["publisher"].is_string(),
            "publisher filled from the article"
        );
        let _: annals_record::EventRecord = serde_json::from_value(v).unwrap();
    }
    let mut out = Vec::new();
    write_events(&store, &Filter::default(), ExportFormat::Csv, &mut out).unwrap();
    let mut reader = csv::Reader::from_reader(&out[..]);
    let headers = reader.headers().unwrap().clone();
    for column in [
        "event_date",
        "event_type",
        "actor1",
        "admin1",
        "latitude",
        "fatalities",
        "source",
        "notes",
        "incident_id",
    ] {
        assert!(
            headers.iter().any(|h| h == column),
            "{column} in {headers:?}"
        );
    }
    assert_eq!(reader.records().count(), 4);
    let mut out = Vec::new();
    write_incidents(&store, &Filter::default(), ExportFormat::Csv, &mut out).unwrap();
    let mut reader = csv::Reader::from_reader(&out[..]);
    let rows: Vec<IncidentRow> = reader.deserialize_rows();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.n_sources == 2));
    let mut out = Vec::new();
    write_incidents(&store, &Filter::default(), ExportFormat::Table, &mut out).unwrap();
    let table = String::from_utf8(out).unwrap();
    assert_eq!(table.lines().count(), 3, "{table}");
    assert!(table.starts_with("incident"));
}

trait DeserializeRows {
    fn deserialize_rows(&mut self) -> Vec<IncidentRow>;
}

impl DeserializeRows for csv::Reader<&[u8]> {
    fn deserialize_rows(&mut self) -> Vec<IncidentRow> {
        // IncidentRow is Serialize only: read the columns we check by name.
        let headers = self.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (id, sources) = (col("incident_id"), col("n_sources"));
        self.records()
            .map(|r| {
                let r = r.unwrap();
                IncidentRow {
                    incident_id: r[id].to_string(),
                    n_sources: r[sources].parse().unwrap(),
                    ..empty_row()
                }
            })
            .collect()
    }
}

fn empty_row() -> IncidentRow {
    IncidentRow {
        incident_id: String::new(),
        event_date: String::new(),
        time_precision: String::new(),
        event_type: String::new(),
        sub_event_type: String::new(),
        family: String::new(),
        actor1: String::new(),
        actor2: String::new(),
        country: String::new(),
        admin1: String::new(),
        location: String::new(),
        latitude: None,
        longitude: None,
        geo_precision: String::new(),
        fatalities: None,
        fatalities_low: None,
        fatalities_high: None,
        injured: None,
        injured_low: None,
        injured_high: None,
        n_reports: 0,
        n_articles: 0,
        n_sources: 0,
        source: String::new(),
        first_reported: String::new(),
        source_url: String::new(),
        notes: String::new(),
        disagreements: String::new(),
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_reads_back() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let store = loaded();
    let dir = tempfile::tempdir().unwrap();
    for (by, rows) in [(By::Events, 4), (By::Incidents, 2)] {
        let path = dir.path().join(format!("{by:?}.parquet"));
        let n = export(&store, &Filter::default(), by, ExportFormat::Parquet, &path).unwrap();
        assert_eq!(n, rows);
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), rows as i64);
        let schema = reader.metadata().file_metadata().schema_descr();
        let names: Vec<&str> = schema.columns().iter().map(|c| c.name()).collect();
        match by {
            By::Events => assert!(names.contains(&"incident_id") && names.contains(&"latitude")),
            By::Incidents => {
                assert!(names.contains(&"fatalities_high") && names.contains(&"n_sources"))
            }
        }
    }
}
