//! FA-KES (`casualties/fa-kes.jsonl`): Syrian war articles with the death toll they claim
//! (`gold.nb_civilians` + `gold.nb_noncivilians`; children and women are counted among the
//! civilians) and the governorate (`gold.location`).
//!
//! * Predicted deaths of an article: the largest `killed` quantity of any of its events that
//!   is not negated or hypothetical and not a running total (a war's toll since it began:
//!   `aggregate`), nor dated by the text to a period that ended more than a month before
//!   publication (background: "the sarin attack of August 2013"); 0 when there is none (the
//!   article claims no deaths).
//! * `deaths_exact`: predicted = gold. `deaths_within_10pct`: |predicted − gold| ≤ 10 % of
//!   gold. Both over all articles. `deaths_coverage`: articles with any `killed` quantity.
//! * Predicted governorate: the first-order division (`admin1`, or the place itself when it
//!   is one) of the location of the event that carries the largest `killed` quantity, else
//!   the most frequent governorate among all event locations (ties: first seen). Names are
//!   folded (diacritics, articles, "Governorate") and their transliterations mapped to the
//!   set's eleven names; Rif Dimashq counts as `damascus`, as in the set. No governorate is
//!   wrong.

use std::path::Path;

use annals_events::record::{EventRecord, GeoPrecision, Modality};
use serde_json::{Value, json};

use crate::common::{self, ratio};
use crate::{Coder, EvalError, EvalOptions, Metric, Set, SetReport};

/// The gold of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Gold {
    /// Article id.
    pub id: String,
    /// Deaths claimed: civilians plus non-civilians.
    pub deaths: f64,
    /// Governorate, as the set names it (`aleppo`, `deir ezzor`, …).
    pub governorate: Option<String>,
}

/// Read the gold of one record; `None` when it has no counts.
pub fn parse_gold(id: &str, value: &Value) -> Option<Gold> {
    let gold = &value["gold"];
    let civ = gold["nb_civilians"].as_f64()?;
    let non = gold["nb_noncivilians"].as_f64().unwrap_or(0.0);
    Some(Gold {
        id: id.to_string(),
        deaths: civ + non,
        governorate: gold["location"]
            .as_str()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty()),
    })
}

/// The set's name for a Syrian governorate, from a gazetteer or text name in any common
/// transliteration (`Muḩāfaz̧at Ḩalab`, `Deir ez-Zor Governorate`, `Rif Dimashq`).
pub fn governorate_key(name: &str) -> Option<&'static str> {
    let key = annals_geo::key::name_key(name);
    let words: Vec<&str> = key
        .split(' ')
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "governorate" | "province" | "muhafazat" | "mohafazat" | "city"
                )
                && !annals_geo::key::is_article(w)
        })
        .collect();
    let joined = words.concat();
    Some(match joined.as_str() {
        "aleppo" | "halab" => "aleppo",
        "damascus"
        | "dimashq"
        | "rifdimashq"
        | "rifdamascus"
        | "ruraldamascus"
        | "damascuscountryside"
        | "reefdimashq" => "damascus",
        "idlib" | "idleb" => "idlib",
        "deirezzor" | "deirezor" | "deirzor" | "dayrazzawr" | "deirazzor" | "dayrezzor" => {
            "deir ezzor"
        }
        "raqqa" | "raqqah" | "rakka" | "raqa" => "raqqa",
        "hasakeh" | "hasakah" | "hasaka" | "hassakeh" => "hasakeh",
        "homs" | "hims" => "homs",
        "hama" | "hamah" => "hama",
        "daraa" | "dara" | "deraa" | "dera" => "daraa",
        "lattakia" | "latakia" | "ladhiqiyah" | "lattakiah" | "latakiya" | "ladhiqiya" => {
            "lattakia"
        }
        "quneitra" | "qunaytirah" | "kuneitra" | "quneitrah" => "quneitra",
        "tartus" | "tartous" => "tartus",
        "suwayda" | "sweida" | "suwaida" | "sweyda" | "suwaydaa" => "suwayda",
        _ => return None,
    })
}

fn usable(e: &EventRecord) -> bool {
    !matches!(e.modality, Modality::Negated | Modality::Hypothetical)
        && !e.aggregate
        && !is_background(e)
}

/// Days before publication after which a dated event is background, not the article's news.
const BACKGROUND_DAYS: u64 = 31;

/// Whether the text dates the event (not the publication date standing in) to a period that
/// ended more than [`BACKGROUND_DAYS`] before the article appeared ("a sarin attack in August
/// 2013" in a 2017 article).
fn is_background(e: &EventRecord) -> bool {
    use chrono::{Datelike, Days, NaiveDate};
    let (Some(date), Some(published)) = (&e.date, &e.attribution.published) else {
        return false;
    };
    if date.basis == "publication" {
        return false;
    }
    let Ok(published) = NaiveDate::parse_from_str(published, "%Y-%m-%d") else {
        return false;
    };
    let mut parts = date.value.split('-').map(str::parse::<u32>);
    let (year, month, day) = (parts.next(), parts.next(), parts.next());
    // The last day of the period the date names.
    let end = match (year, month, day) {
        (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => {
            NaiveDate::from_ymd_opt(y as i32, m, d).and_then(|d| d.checked_add_days(Days::new(6)))
        }
        (Some(Ok(y)), Some(Ok(m)), None) => NaiveDate::from_ymd_opt(y as i32, m, 1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt()),
        (Some(Ok(y)), None, None) => NaiveDate::from_ymd_opt(y as i32, 12, 31),
        _ => None,
    };
    end.is_some_and(|end| {
        end.year() > 0
            && published
                .checked_sub_days(Days::new(BACKGROUND_DAYS))
                .is_some_and(|cutoff| end < cutoff)
    })
}

fn largest_killed(events: &[EventRecord]) -> Option<(f64, &EventRecord)> {
    let mut best: Option<(f64, &EventRecord)> = None;
    for e in events.iter().filter(|e| usable(e)) {
        for q in e.quantities.iter().filter(|q| q.kind == "killed") {
            if best.is_none_or(|(v, _)| q.value > v) {
                best = Some((q.value, e));
            }
        }
    }
    best
}

fn event_governorate(e: &EventRecord) -> Option<&'static str> {
    let l = e.location.as_ref()?;
    l.admin1.as_deref().and_then(governorate_key).or_else(|| {
        (l.precision == GeoPrecision::Admin1)
            .then(|| governorate_key(&l.name))
            .flatten()
    })
}

/// The predicted governorate of an article (see the module notes).
pub fn predicted_governorate(events: &[EventRecord]) -> Option<&'static str> {
    if let Some(g) = largest_killed(events).and_then(|(_, e)| event_governorate(e)) {
        return Some(g);
    }
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for g in events
        .iter()
        .filter(|e| usable(e))
        .filter_map(event_governorate)
    {
        match counts.iter_mut().find(|(name, _)| *name == g) {
            Some((_, n)) => *n += 1,
            None => counts.push((g, 1)),
        }
    }
    let max = counts.iter().map(|c| c.1).max()?;
    counts.into_iter().find(|c| c.1 == max).map(|c| c.0)
}

/// Score predictions (the events of each article) against the gold.
pub fn score(
    golds: &[Gold],
    predictions: &[Vec<EventRecord>],
    report: &mut SetReport,
    errors: bool,
) {
    let n = golds.len();
    let (mut exact, mut within, mut covered) = (0, 0, 0);
    let (mut gov_n, mut gov_ok) = (0, 0);
    for (gold, events) in golds.iter().zip(predictions) {
        let killed = largest_killed(events);
        covered += usize::from(killed.is_some());
        let predicted = killed.map_or(0.0, |(v, _)| v);
        let is_exact = predicted == gold.deaths;
        let is_within = (predicted - gold.deaths).abs() <= 0.1 * gold.deaths;
        exact += usize::from(is_exact);
        within += usize::from(is_within);
        let gov = predicted_governorate(events);
        let gov_right = match &gold.governorate {
            Some(g) => {
                gov_n += 1;
                let ok = gov == Some(g.as_str());
                gov_ok += usize::from(ok);
                ok
            }
            None => true,
        };
        if errors && !(is_exact && gov_right) {
            report.errors.push(json!({
                "set": "fakes", "id": gold.id,
                "gold_deaths": gold.deaths, "predicted_deaths": predicted,
                "gold_governorate": gold.governorate, "predicted_governorate": gov,
            }));
        }
    }
    report.metrics.extend([
        Metric::gated("deaths_exact", ratio(exact, n), n),
        Metric::gated("deaths_within_10pct", ratio(within, n), n),
        Metric::ratio("deaths_coverage", ratio(covered, n), n),
        Metric::gated("governorate_accuracy", ratio(gov_ok, gov_n), gov_n),
    ]);
}

/// Read, code and score the set.
pub fn run(path: &Path, coder: &dyn Coder, options: &EvalOptions) -> Result<SetReport, EvalError> {
    let records = common::read_records(path, options.limit)?;
    let mut golds = Vec::new();
    let mut articles = Vec::new();
    for r in &records {
        if let Some(g) = parse_gold(&r.article.id, &r.value) {
            golds.push(g);
            articles.push(&r.article);
        }
    }
    let skipped = records.len() - golds.len();
    let predictions = common::code_all(coder, &articles);
    let mut report = SetReport::scored(Set::Fakes, path, golds.len());
    score(&golds, &predictions, &mut report, options.errors);
    let zero = golds.iter().filter(|g| g.deaths == 0.0).count();
    report.notes.push(format!(
        "{zero} article(s) claim 0 deaths (right when annals finds no killed count){}",
        if skipped > 0 {
            format!("; {skipped} without counts skipped")
        } else {
            String::new()
        }
    ));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::tests::event;
    use annals_events::record::{Location, PloverType, Quantity};

    fn killed(value: f64) -> Quantity {
        Quantity {
            kind: "killed".into(),
            value,
            low: None,
            high: None,
            qualifier: None,
            unit: None,
            text: String::new(),
        }
    }

    fn at(admin1: Option<&str>, name: &str, precision: GeoPrecision) -> Location {
        Location {
            text: name.into(),
            start: None,
            end: None,
            name: name.into(),
            gazetteer_id: None,
            country: Some("SYR".into()),
            admin1: admin1.map(String::from),
            lat: None,
            lon: None,
            precision,
            basis: None,
        }
    }

    #[test]
    fn governorate_names_fold_to_the_set_names() {
        assert_eq!(
            governorate_key("Deir ez-Zor Governorate"),
            Some("deir ezzor")
        );
        assert_eq!(governorate_key("Muḩāfaz̧at Ḩalab"), Some("aleppo"));
        assert_eq!(governorate_key("Rif Dimashq"), Some("damascus"));
        assert_eq!(governorate_key("Al-Hasakah Governorate"), Some("hasakeh"));
        assert_eq!(governorate_key("Dar'a"), Some("daraa"));
        assert_eq!(governorate_key("Latakia Governorate"), Some("lattakia"));
        assert_eq!(governorate_key("Beirut"), None);
    }

    #[test]
    fn deaths_use_the_largest_asserted_killed_count() {
        let mut small = event(PloverType::Assault, 0, 1, 0.9);
        small.quantities = vec![killed(16.0)];
        small.location = Some(at(Some("Homs Governorate"), "Homs", GeoPrecision::City));
        let mut big = event(PloverType::Assault, 5, 6, 0.9);
        big.quantities = vec![killed(112.0)];
        big.location = Some(at(Some("Aleppo Governorate"), "Aleppo", GeoPrecision::City));
        let mut hypothetical = event(PloverType::Assault, 9, 10, 0.9);
        hypothetical.quantities = vec![killed(1000.0)];
        hypothetical.modality = Modality::Hypothetical;
        let golds = vec![
            Gold {
                id: "a".into(),
                deaths: 112.0,
                governorate: Some("aleppo".into()),
            },
            Gold {
                id: "b".into(),
                deaths: 18.0,
                governorate: Some("homs".into()),
            },
            Gold {
                id: "c".into(),
                deaths: 0.0,
                governorate: Some("idlib".into()),
            },
            Gold {
                id: "d".into(),
                deaths: 70.0,
                governorate: Some("idlib".into()),
            },
        ];
        let predictions = vec![
            vec![small.clone(), big, hypothetical],
            vec![small],
            vec![],
            vec![],
        ];
        let mut report = SetReport::scored(Set::Fakes, Path::new("x"), 4);
        score(&golds, &predictions, &mut report, true);
        let m = |n: &str| report.metric(n).unwrap().value;
        assert_eq!(
            m("deaths_exact"),
            0.5,
            "112 exact, and no count for a 0-death article"
        );
        assert_eq!(m("deaths_within_10pct"), 0.5, "16 is not within 10% of 18");
        assert_eq!(m("deaths_coverage"), 0.5);
        assert_eq!(m("governorate_accuracy"), 0.5);
        assert_eq!(report.errors.len(), 3);
    }

    #[test]
    fn running_totals_and_background_events_are_not_the_articles_deaths() {
        use annals_events::record::{DatePrecision, EventDate};
        let dated = |value: &str, precision, basis: &str, count: f64| {
            let mut e = event(PloverType::Assault, 0, 1, 0.9);
            e.quantities = vec![killed(count)];
            e.attribution.published = Some("2017-04-05".into());
            e.date = Some(EventDate {
                value: value.into(),
                precision,
                text: None,
                basis: basis.into(),
            });
            e
        };
        let news = dated("2017-04-04", DatePrecision::Day, "relative", 70.0);
        let mut toll = dated("2017-04-05", DatePrecision::Day, "publication", 320_000.0);
        toll.aggregate = true;
        let old_attack = dated("2013-08", DatePrecision::Month, "explicit", 1_400.0);
        let last_month = dated("2017-03", DatePrecision::Month, "explicit", 90.0);
        let events = [news, toll, old_attack, last_month.clone()];
        assert_eq!(largest_killed(&events).map(|(v, _)| v), Some(90.0));
        assert_eq!(largest_killed(&events[..3]).map(|(v, _)| v), Some(70.0));
        let mut last_year = last_month;
        last_year.date.as_mut().unwrap().value = "2016".into();
        assert!(is_background(&last_year));
    }

    #[test]
    fn governorate_falls_back_to_the_most_frequent_location() {
        let mut a = event(PloverType::Protest, 0, 1, 0.9);
        a.location = Some(at(None, "Idlib Governorate", GeoPrecision::Admin1));
        let mut b = event(PloverType::Protest, 2, 3, 0.9);
        b.location = Some(at(Some("Hama Governorate"), "Hama", GeoPrecision::City));
        let mut c = a.clone();
        c.evidence.start = 5;
        assert_eq!(predicted_governorate(&[b.clone(), a, c]), Some("idlib"));
        let mut city_only = b;
        city_only.location = Some(at(None, "Hama", GeoPrecision::City));
        assert_eq!(
            predicted_governorate(&[city_only]),
            None,
            "a city is not its governorate"
        );
        assert_eq!(predicted_governorate(&[]), None);
    }
}
