//! Test helpers: a small dictionary coder standing in for the real pipeline, and corpora.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use annals_read::Article;
use annals_record::*;
use annals_store::ArticleCoder;

/// One ASSAULT event per sentence with an attack word; actors, recipients, place and a killed
/// count from tiny dictionaries; the date is the publication date.
pub struct FakeCoder {
    /// Sleep this long per article (to make a run slow enough to kill).
    pub delay: std::time::Duration,
}

impl FakeCoder {
    pub fn new() -> Self {
        FakeCoder {
            delay: std::time::Duration::ZERO,
        }
    }
}

const TRIGGERS: &[&str] = &["attack", "bombing", "bomber", "opened fire"];
const ACTORS: &[(&str, &str, &str, &str)] = &[
    ("Islamic State", "IMG", "REB", "Islamic State"),
    ("Taliban", "AFG", "REB", "Taliban"),
];
const RECIPIENTS: &[(&str, &str, &str)] = &[
    ("worshippers", "CVL", "worshippers"),
    ("mosque", "CVL", "worshippers"),
    ("policemen", "COP", "police"),
    ("police officers", "COP", "police"),
    ("checkpoint", "COP", "police"),
];
/// name, gazetteer id, country, admin1, lat, lon
const PLACES: &[(&str, &str, &str, &str, f64, f64)] = &[
    (
        "Kabul",
        "geonames:1138958",
        "AFG",
        "Kabul",
        34.5253,
        69.1783,
    ),
    (
        "Mogadishu",
        "geonames:53654",
        "SOM",
        "Banaadir",
        2.0371,
        45.3438,
    ),
];
const NUMBERS: &[(&str, f64)] = &[("two", 2.0), ("three", 3.0), ("four", 4.0), ("five", 5.0)];

fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end = matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
        if end || b == b'\n' {
            let s = text[start..=i].trim();
            if !s.is_empty() {
                let offset = start + text[start..=i].find(s).unwrap_or(0);
                out.push((offset, offset + s.len()));
            }
            start = i + 1;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        let offset = start + text[start..].find(rest).unwrap_or(0);
        out.push((offset, offset + rest.len()));
    }
    out
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_lowercase().find(&needle.to_lowercase())
}

impl ArticleCoder for FakeCoder {
    fn code(&self, article: &Article) -> Result<Vec<EventRecord>, String> {
        if !self.delay.is_zero() {
            std::thread::sleep(self.delay);
        }
        if article.text.contains("CODER-FAILS-HERE") {
            return Err("this article makes the test coder fail".into());
        }
        let text = &article.text;
        let doc_place = PLACES.iter().find(|p| text.contains(p.0));
        let mut events = Vec::new();
        for (index, (start, end)) in sentences(text).into_iter().enumerate() {
            let sentence = &text[start..end];
            let Some((trigger_at, trigger)) = TRIGGERS
                .iter()
                .filter_map(|t| find_ci(sentence, t).map(|at| (at, *t)))
                .min()
            else {
                continue;
            };
            let evidence = TextSpan {
                start: (start + trigger_at) as u32,
                end: (start + trigger_at + trigger.len()) as u32,
                text: sentence[trigger_at..trigger_at + trigger.len()].to_string(),
            };
            let participant = |(word, country, sector, name): (&str, &str, &str, &str)| {
                find_ci(sentence, word).map(|at| Participant {
                    text: sentence[at..at + word.len()].to_string(),
                    start: (start + at) as u32,
                    end: (start + at + word.len()) as u32,
                    country: Some(country.to_string())
                        .filter(|c| c.len() == 3 && c != "CVL" && c != "COP"),
                    sector: Some(sector.to_string()),
                    code: None,
                    name: Some(name.to_string()),
                    resolved_from: None,
                })
            };
            let actor: Vec<Participant> = ACTORS.iter().filter_map(|a| participant(*a)).collect();
            let recipient: Vec<Participant> = RECIPIENTS
                .iter()
                .filter_map(|(w, sector, name)| participant((w, "", sector, name)))
                .take(1)
                .collect();
            let lower = sentence.to_lowercase();
            let mode = if lower.contains("suicide") {
                Some("suicide-attack")
            } else if lower.contains("bomb") || lower.contains("explosive") {
                Some("explosives")
            } else if lower.contains("gunmen")
                || lower.contains("opened fire")
                || lower.contains("shooting")
            {
                Some("firearms")
            } else {
                None
            };
            let place = PLACES.iter().find(|p| sentence.contains(p.0)).or(doc_place);
            let location = place.map(|(name, gid, country, admin1, lat, lon)| Location {
                text: name.to_string(),
                start: None,
                end: None,
                name: name.to_string(),
                gazetteer_id: Some(gid.to_string()),
                country: Some(country.to_string()),
                admin1: Some(admin1.to_string()),
                lat: Some(*lat),
                lon: Some(*lon),
                precision: GeoPrecision::City,
                basis: Some("sentence".into()),
            });
            let mut quantities = Vec::new();
            if ["kill", "died", "death toll"]
                .iter()
                .any(|w| lower.contains(w))
            {
                let number = lower.split(|c: char| !c.is_alphanumeric()).find_map(|w| {
                    w.parse::<f64>()
                        .ok()
                        .or_else(|| NUMBERS.iter().find(|n| n.0 == w).map(|n| n.1))
                });
                if let Some(value) = number {
                    quantities.push(Quantity {
                        kind: "killed".into(),
                        value,
                        low: None,
                        high: None,
                        qualifier: None,
                        unit: None,
                        text: value.to_string(),
                    });
                }
            }
            let date = article.date.map(|d| EventDate {
                value: d.format("%Y-%m-%d").to_string(),
                precision: DatePrecision::Day,
                text: None,
                basis: "publication".into(),
            });
            events.push(EventRecord {
                id: EventRecord::stable_id(
                    &article.id,
                    &evidence,
                    Some(PloverType::Assault),
                    &actor,
                ),
                doc_id: article.id.clone(),
                sentence: SentenceRef {
                    index: index as u32,
                    start: start as u32,
                    end: end as u32,
                    text: sentence.to_string(),
                },
                evidence,
                event_type: Some(PloverType::Assault),
                mode: mode.map(str::to_string),
                cameo: Some("180".into()),
                quad: Quad::MaterialConflict,
                actor,
                recipient,
                location,
                date,
                quantities,
                // The real coder's rule, cut down: a toll "since" something is a running total.
                aggregate: lower.contains(" since "),
                attribution: Attribution::default(),
                modality: if lower.contains("denied") {
                    Modality::Negated
                } else {
                    Modality::Asserted
                },
                confidence: 0.5,
            });
        }
        Ok(events)
    }

    fn version(&self) -> String {
        "fake-coder-1".into()
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The BBC corpus of ../shared, when present.
pub fn bbc() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/corpora/bbc-news/bbc-news.jsonl");
    if path.is_file() {
        Some(path)
    } else {
        skip_notice(format!("skipped: {} is absent", path.display()));
        None
    }
}

/// A synthetic JSONL corpus of `n` articles (with some exact duplicates and some attacks),
/// written to `dir/synthetic.jsonl`.
pub fn synthetic_corpus(dir: &Path, n: usize) -> PathBuf {
    use std::fmt::Write;
    let cities = ["Kabul", "Mogadishu"];
    let mut out = String::new();
    for i in 0..n {
        // Every 10th article repeats the text of the one before (a duplicate to skip).
        let k = if i % 10 == 9 { i - 1 } else { i };
        let city = cities[k % 2];
        let text = if k % 3 == 0 {
            format!(
                "Gunmen opened fire on a market in {city} on day {k}, killing {} people, officials said. \
                 Report number {k} of the synthetic corpus.",
                k % 7 + 1
            )
        } else {
            format!(
                "A council meeting in {city} discussed the budget for item {k}. Nothing else happened."
            )
        };
        let day = 1 + k % 28;
        let _ = writeln!(
            out,
            "{}",
            serde_json::json!({"id": format!("s{i}"), "text": text, "date": format!("2024-02-{day:02}"),
                               "publisher": format!("Outlet {}", k % 5)})
        );
    }
    let path = dir.join("synthetic.jsonl");
    std::fs::write(&path, out).unwrap();
    path
}

/// Say that a test is skipped, on the terminal: libtest captures `println!`/`eprintln!`, but
/// not writes to the stderr handle, so this shows in `cargo test` output.
#[allow(dead_code)]
fn skip_notice(message: String) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}
