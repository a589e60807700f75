//! NGEC actor test cases (`actors/ngec-actor-cases.jsonl`): a free-standing actor string and
//! what it should be coded as, via [`Coder::resolve_actor`] (as of the record's query date
//! when it gives one: `kwargs.query_date`, or the second of `args`; `today` means no date).
//!
//! * `country_accuracy`: of records with a non-empty gold country (`labels.country`, or
//!   `labels.cc`), those resolved to that country ([`common::country_matches`]). Unresolved is
//!   wrong.
//! * `sector_accuracy`: of records with a non-empty `labels.code_1`, those resolved to that
//!   sector (or to `labels.code_2`, the alternative the set allows).
//! * `no_country_accuracy`: of records whose gold country is empty (a sector without a
//!   country: "a disgraced former minister"), those resolved (`Some`) without a country.
//! * `name_accuracy`: of records with a gold Wikipedia title (`labels.title` or
//!   `labels.wiki`), those whose resolved canonical name is that title (case-insensitive).

use std::path::Path;

use annals_events::ActorCode;
use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::common::{self, ratio};
use crate::{Coder, EvalError, EvalOptions, Metric, Set, SetReport};

/// The gold of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gold {
    /// Record id.
    pub id: String,
    /// The actor string.
    pub text: String,
    /// Date to resolve as of.
    pub date: Option<NaiveDate>,
    /// Gold country: `Some("")` when the gold says there is none, `None` when not labelled.
    pub country: Option<String>,
    /// Accepted sectors (empty when not labelled).
    pub sectors: Vec<String>,
    /// Gold canonical name.
    pub name: Option<String>,
}

/// Parse a query date: ISO (`2022-05-01`), `YYYYMMDD`, or `10 May 2015`; `today` and anything
/// else give `None`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    annals_events::read::parse_metadata_date(s)
        .or_else(|| NaiveDate::parse_from_str(s, "%d %B %Y").ok())
        .or_else(|| NaiveDate::parse_from_str(s, "%d %b %Y").ok())
}

fn label(labels: &Value, key: &str) -> Option<String> {
    labels
        .get(key)
        .and_then(Value::as_str)
        .map(|s| s.trim().to_string())
}

/// Read the gold of one record.
pub fn parse_gold(id: &str, value: &Value) -> Gold {
    let labels = &value["labels"];
    let date = value["kwargs"]["query_date"]
        .as_str()
        .or_else(|| value["args"].get(1).and_then(Value::as_str))
        .and_then(parse_date);
    let country = label(labels, "country").or_else(|| label(labels, "cc"));
    let sectors = ["code_1", "code_2"]
        .iter()
        .filter_map(|k| label(labels, k))
        .filter(|s| !s.is_empty())
        .collect();
    let name = label(labels, "title")
        .filter(|s| !s.is_empty())
        .or_else(|| label(labels, "wiki").filter(|s| !s.is_empty()));
    Gold {
        id: id.to_string(),
        text: value["text"].as_str().unwrap_or("").to_string(),
        date,
        country,
        sectors,
        name,
    }
}

/// Score resolved codes against the gold.
pub fn score(
    golds: &[Gold],
    predictions: &[Option<ActorCode>],
    report: &mut SetReport,
    errors: bool,
) {
    let (mut country_n, mut country_ok) = (0, 0);
    let (mut sector_n, mut sector_ok) = (0, 0);
    let (mut none_n, mut none_ok) = (0, 0);
    let (mut name_n, mut name_ok) = (0, 0);
    for (gold, pred) in golds.iter().zip(predictions) {
        let mut wrong = false;
        match gold.country.as_deref() {
            Some("") => {
                none_n += 1;
                let ok = pred.as_ref().is_some_and(|p| p.country.is_none());
                none_ok += usize::from(ok);
                wrong |= !ok;
            }
            Some(c) => {
                country_n += 1;
                let ok = pred
                    .as_ref()
                    .and_then(|p| p.country.as_deref())
                    .is_some_and(|p| common::country_matches(c, p));
                country_ok += usize::from(ok);
                wrong |= !ok;
            }
            None => {}
        }
        if !gold.sectors.is_empty() {
            sector_n += 1;
            let ok = pred
                .as_ref()
                .and_then(|p| p.sector.as_deref())
                .is_some_and(|s| gold.sectors.iter().any(|g| g.eq_ignore_ascii_case(s)));
            sector_ok += usize::from(ok);
            wrong |= !ok;
        }
        if let Some(name) = &gold.name {
            name_n += 1;
            let ok = pred
                .as_ref()
                .and_then(|p| p.name.as_deref())
                .is_some_and(|p| p.to_lowercase() == name.to_lowercase());
            name_ok += usize::from(ok);
            wrong |= !ok;
        }
        if errors && wrong {
            report.errors.push(json!({
                "set": "actors", "id": gold.id, "text": gold.text,
                "gold_country": gold.country, "gold_sectors": gold.sectors, "gold_name": gold.name,
                "predicted": pred.as_ref().map(|p| json!({"country": p.country, "sector": p.sector, "name": p.name})),
            }));
        }
    }
    report.metrics.extend([
        Metric::gated("country_accuracy", ratio(country_ok, country_n), country_n),
        Metric::gated("sector_accuracy", ratio(sector_ok, sector_n), sector_n),
        Metric::ratio("no_country_accuracy", ratio(none_ok, none_n), none_n),
        Metric::ratio("name_accuracy", ratio(name_ok, name_n), name_n),
    ]);
}

/// Read and score the set.
pub fn run(path: &Path, coder: &dyn Coder, options: &EvalOptions) -> Result<SetReport, EvalError> {
    let records = common::read_records(path, options.limit)?;
    let golds: Vec<Gold> = records
        .iter()
        .map(|r| parse_gold(&r.article.id, &r.value))
        .collect();
    let predictions: Vec<Option<ActorCode>> = golds
        .iter()
        .map(|g| coder.resolve_actor(&g.text, g.date))
        .collect();
    let mut report = SetReport::scored(Set::Actors, path, records.len());
    score(&golds, &predictions, &mut report, options.errors);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(country: Option<&str>, sector: Option<&str>, name: Option<&str>) -> Option<ActorCode> {
        Some(ActorCode {
            country: country.map(String::from),
            sector: sector.map(String::from),
            name: name.map(String::from),
        })
    }

    #[test]
    fn dates_and_labels_are_read() {
        assert_eq!(
            parse_date("10 May 2015"),
            NaiveDate::from_ymd_opt(2015, 5, 10)
        );
        assert_eq!(
            parse_date("1 july 2021"),
            NaiveDate::from_ymd_opt(2021, 7, 1)
        );
        assert_eq!(
            parse_date("2022-05-01"),
            NaiveDate::from_ymd_opt(2022, 5, 1)
        );
        assert_eq!(parse_date("today"), None);
        let g = parse_gold(
            "a",
            &json!({"text": "Putin", "args": ["", "2009-01-01"],
                    "labels": {"country": "RUS", "code_1": "GOV", "code_2": "", "wiki": "Vladimir Putin"}}),
        );
        assert_eq!(g.date, NaiveDate::from_ymd_opt(2009, 1, 1));
        assert_eq!(g.sectors, vec!["GOV".to_string()]);
        assert_eq!(g.name.as_deref(), Some("Vladimir Putin"));
        let g = parse_gold(
            "b",
            &json!({"text": "ROC", "labels": {"cc": "TWN", "text": ""}}),
        );
        assert_eq!(g.country.as_deref(), Some("TWN"));
        assert!(g.sectors.is_empty() && g.name.is_none());
    }

    #[test]
    fn scores_country_sector_name_and_explicit_no_country() {
        let golds = vec![
            parse_gold(
                "1",
                &json!({"text": "a", "labels": {"country": "RUS", "code_1": "GOV"}}),
            ),
            parse_gold(
                "2",
                &json!({"text": "b", "labels": {"country": "BLR", "code_1": "CVL", "code_2": "OPP"}}),
            ),
            parse_gold(
                "3",
                &json!({"text": "c", "labels": {"country": "", "code_1": "ELI"}}),
            ),
            parse_gold("4", &json!({"text": "d", "labels": {"title": "NATO"}})),
            parse_gold(
                "5",
                &json!({"text": "e", "labels": {"country": "", "code_1": "BUS"}}),
            ),
        ];
        let predictions = vec![
            code(Some("RUS"), Some("MIL"), None),
            code(Some("BLR"), Some("OPP"), None),
            code(None, Some("ELI"), None),
            code(Some("IGO"), None, Some("nato")),
            None,
        ];
        let mut report = SetReport::scored(Set::Actors, Path::new("x"), 5);
        score(&golds, &predictions, &mut report, true);
        let m = |n: &str| report.metric(n).unwrap();
        assert_eq!(m("country_accuracy").value, 1.0);
        assert_eq!(m("country_accuracy").n, 2);
        assert_eq!(m("sector_accuracy").value, 0.5);
        assert_eq!(
            m("no_country_accuracy").value,
            0.5,
            "unresolved is not 'no country'"
        );
        assert_eq!(m("name_accuracy").value, 1.0);
        assert_eq!(report.errors.len(), 2);
    }
}
