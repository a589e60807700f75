//! What every scorer shares: reading a dev set, choosing the event that stands for a record,
//! precision/recall counts, offsets.

use std::cmp::Ordering;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use annals_events::read::parse_jsonl_record;
use annals_events::record::{EventRecord, Modality, Participant};
use annals_events::{Article, Pipeline};
use rayon::prelude::*;
use serde_json::Value;

/// Why a set could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A record is malformed.
    #[error("{path}:{line}: {message}")]
    Record {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A model, gazetteer or other resource the set needs is not there.
    #[error("{0}")]
    Unavailable(String),
    /// Anything else (the baseline file, …).
    #[error("{0}")]
    Other(String),
}

/// One record of a JSONL dev set: the article `annals code` would read from the line, and the
/// whole line as JSON (for the gold fields).
#[derive(Debug, Clone)]
pub struct Record {
    /// The article, read exactly as `annals code` reads it.
    pub article: Article,
    /// The whole record.
    pub value: Value,
    /// 1-based line number.
    pub line: usize,
}

/// Read the records of a JSONL file, the first `limit` non-empty lines when given.
pub fn read_records(path: &Path, limit: Option<usize>) -> Result<Vec<Record>, EvalError> {
    let io = |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let source = path.display().to_string();
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        if limit.is_some_and(|n| out.len() >= n) {
            break;
        }
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| EvalError::Record {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        };
        let article = parse_jsonl_record(line.as_bytes(), &source, i as u64 + 1).map_err(bad)?;
        let value: Value = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        out.push(Record {
            article,
            value,
            line: i + 1,
        });
    }
    Ok(out)
}

/// Run the coder over articles in parallel; results in input order.
pub fn code_all(coder: &dyn crate::Coder, articles: &[&Article]) -> Vec<Vec<EventRecord>> {
    articles.par_iter().map(|a| coder.events(a)).collect()
}

/// Build the production coder (used by the CLI and the tests that read `../shared`).
pub fn default_pipeline() -> Result<Pipeline, EvalError> {
    Pipeline::new(annals_events::PipelineOptions::default())
        .map_err(|e| EvalError::Unavailable(e.to_string()))
}

/// The event that stands for a record when a set has one label per record: asserted events
/// before any other modality, then the highest confidence, then the earliest evidence, then
/// the first in output order.
pub fn top_event(events: &[EventRecord]) -> Option<&EventRecord> {
    rank_best(events.iter())
}

/// [`top_event`] among the events that have a PLOVER type (CAMEO statements left out), for
/// sets whose gold is PLOVER.
pub fn top_plover_event(events: &[EventRecord]) -> Option<&EventRecord> {
    rank_best(events.iter().filter(|e| !e.is_statement()))
}

/// [`top_event`] over any subset of events.
pub fn rank_best<'a>(events: impl Iterator<Item = &'a EventRecord>) -> Option<&'a EventRecord> {
    let mut best: Option<&EventRecord> = None;
    for e in events {
        best = match best {
            None => Some(e),
            Some(b) if better(e, b) => Some(e),
            keep => keep,
        };
    }
    best
}

/// Whether `a` ranks strictly above `b` (ties keep the earlier event).
fn better(a: &EventRecord, b: &EventRecord) -> bool {
    let asserted = |e: &EventRecord| e.modality == Modality::Asserted;
    match asserted(a).cmp(&asserted(b)) {
        Ordering::Greater => return true,
        Ordering::Less => return false,
        Ordering::Equal => {}
    }
    match a.confidence.total_cmp(&b.confidence) {
        Ordering::Greater => return true,
        Ordering::Less => return false,
        Ordering::Equal => {}
    }
    a.evidence.start < b.evidence.start
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Predicted and gold.
    pub tp: usize,
    /// Predicted, not gold.
    pub fp: usize,
    /// Gold, not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Count one decision.
    pub fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => {}
        }
    }

    /// tp / (tp + fp); 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn); 0 when there is no gold.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Gold items.
    pub fn support(&self) -> usize {
        self.tp + self.fn_
    }
}

/// a / b, 0 when b is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Whether two half-open byte ranges share at least one byte.
pub fn overlaps(a: (u32, u32), b: (u32, u32)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Byte offset of each code point offset of `text` (and of its end), for gold files whose
/// offsets count code points (Python string indices).
pub fn char_to_byte(text: &str) -> Vec<u32> {
    let mut map: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
    map.push(text.len() as u32);
    map
}

/// Whether a participant is coded with this CAMEO-style sector: its `sector`, or any
/// three-letter group after the first of its `code` (`SYRMIL`, `IGOUNOMIL`).
pub fn has_sector(p: &Participant, sector: &str) -> bool {
    if p.sector
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case(sector))
    {
        return true;
    }
    p.code.as_deref().is_some_and(|code| {
        code.is_ascii()
            && code.len() >= 6
            && code.as_bytes()[3..]
                .chunks(3)
                .any(|c| c.eq_ignore_ascii_case(sector.as_bytes()))
    })
}

/// Whether a predicted country or non-state code answers a gold one: equal (ignoring case), or
/// equal up to the two conventions in which the dev sets' gold and PLOVER 2.0 differ: gold
/// `IGO` (any intergovernmental organisation, as CAMEO-era gold codes the UN and the EU) is
/// answered by PLOVER 2.0's `UNO` and `EUR` too, and Kosovo's user-assigned `XKX` is PLOVER's
/// `KOS`.
pub fn country_matches(gold: &str, predicted: &str) -> bool {
    let (g, p) = (gold.to_ascii_uppercase(), predicted.to_ascii_uppercase());
    g == p
        || (g == "IGO" && matches!(p.as_str(), "UNO" | "EUR"))
        || (matches!(g.as_str(), "XKX" | "KOS") && matches!(p.as_str(), "XKX" | "KOS"))
}

/// Whether a participant is coded with this country or non-state code: its `country`, or the
/// first three letters of its `code` (`IGO` for `IGOUNO`), by [`country_matches`].
pub fn has_country(p: &Participant, country: &str) -> bool {
    p.country
        .as_deref()
        .is_some_and(|c| country_matches(country, c))
        || p.code
            .as_deref()
            .and_then(|code| code.get(..3))
            .is_some_and(|c| country_matches(country, c))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use annals_events::record::{Attribution, PloverType, SentenceRef, TextSpan};

    /// A minimal event for scorer tests: type, evidence span, confidence.
    pub(crate) fn event(t: PloverType, start: u32, end: u32, confidence: f32) -> EventRecord {
        EventRecord {
            id: format!("e{start}"),
            doc_id: "d".into(),
            sentence: SentenceRef {
                index: 0,
                start: 0,
                end: 0,
                text: String::new(),
            },
            evidence: TextSpan {
                start,
                end,
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
            confidence,
        }
    }

    /// A participant for scorer tests.
    pub(crate) fn participant(
        start: u32,
        end: u32,
        country: Option<&str>,
        sector: Option<&str>,
    ) -> Participant {
        Participant {
            text: String::new(),
            start,
            end,
            country: country.map(String::from),
            sector: sector.map(String::from),
            code: None,
            name: None,
            resolved_from: None,
        }
    }

    #[test]
    fn top_event_prefers_asserted_then_confidence_then_earliest() {
        let mut hypothetical = event(PloverType::Assault, 0, 5, 0.99);
        hypothetical.modality = Modality::Hypothetical;
        let low = event(PloverType::Request, 10, 15, 0.4);
        let high_late = event(PloverType::Reject, 30, 35, 0.7);
        let high_early = event(PloverType::Accuse, 20, 25, 0.7);
        let events = vec![hypothetical.clone(), low, high_late, high_early];
        assert_eq!(
            top_event(&events).unwrap().event_type,
            Some(PloverType::Accuse)
        );
        assert_eq!(
            top_event(std::slice::from_ref(&hypothetical))
                .unwrap()
                .event_type,
            Some(PloverType::Assault)
        );
        assert!(top_event(&[]).is_none());
    }

    #[test]
    fn counts_give_precision_recall_f1() {
        let mut c = Counts::default();
        for (p, g) in [
            (true, true),
            (true, true),
            (true, false),
            (false, true),
            (false, false),
        ] {
            c.add(p, g);
        }
        assert_eq!((c.tp, c.fp, c.fn_), (2, 1, 1));
        assert!((c.precision() - 2.0 / 3.0).abs() < 1e-12);
        assert!((c.recall() - 2.0 / 3.0).abs() < 1e-12);
        assert!((c.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(Counts::default().f1(), 0.0);
    }

    #[test]
    fn codes_and_sectors_match_through_the_full_code() {
        let mut p = participant(0, 1, None, None);
        p.code = Some("IGOUNOMIL".into());
        assert!(has_country(&p, "IGO"));
        assert!(has_sector(&p, "MIL"));
        assert!(has_sector(&p, "uno"));
        assert!(!has_sector(&p, "GOV"));
        let mut un = participant(0, 1, Some("UNO"), None);
        assert!(has_country(&un, "IGO") && !has_country(&un, "NGO"));
        un.country = None;
        un.code = Some("EURGOV".into());
        assert!(has_country(&un, "IGO") && has_country(&un, "EUR") && !has_country(&un, "UNO"));
        assert!(country_matches("XKX", "KOS") && !country_matches("UNO", "IGO"));
        let q = participant(0, 1, Some("SYR"), Some("GOV"));
        assert!(has_country(&q, "syr") && has_sector(&q, "GOV") && !has_country(&q, "IRQ"));
    }

    #[test]
    fn offsets_convert_and_overlap() {
        let map = char_to_byte("aé b");
        assert_eq!(map, vec![0, 1, 3, 4, 5]);
        assert!(overlaps((0, 3), (2, 4)));
        assert!(!overlaps((0, 2), (2, 4)));
    }

    #[test]
    fn records_are_read_with_limit_and_bad_lines_are_errors() {
        let dir = std::env::temp_dir().join(format!("annals-eval-common-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("set.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"a\",\"text\":\"One.\",\"gold\":1}\n\n{\"id\":\"b\",\"text\":\"Two.\"}\n",
        )
        .unwrap();
        let all = read_records(&path, None).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].line, 3);
        assert_eq!(all[0].value["gold"], 1);
        assert_eq!(read_records(&path, Some(1)).unwrap().len(), 1);
        std::fs::write(&path, "{\"id\":\"a\"}\n").unwrap();
        let err = read_records(&path, None).unwrap_err().to_string();
        assert!(err.contains(":1:") && err.contains("text"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
