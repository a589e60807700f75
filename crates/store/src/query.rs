//! Queries over the store: a [`Filter`] on events (and, through their member events, on
//! incidents).

use std::str::FromStr;

use annals_record::EventRecord;
use chrono::NaiveDate;
use rusqlite::types::Value;
use serde::Serialize;

use crate::{Result, Store, StoreError};

/// A bounding box in degrees (WGS84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BBox {
    /// Western edge (longitude).
    pub min_lon: f64,
    /// Southern edge (latitude).
    pub min_lat: f64,
    /// Eastern edge (longitude).
    pub max_lon: f64,
    /// Northern edge (latitude).
    pub max_lat: f64,
}

impl FromStr for BBox {
    type Err = String;

    /// `min_lon,min_lat,max_lon,max_lat` (west, south, east, north).
    fn from_str(s: &str) -> Result<Self, String> {
        let parts: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| {
                format!("bounding box {s:?}: expected four numbers min_lon,min_lat,max_lon,max_lat")
            })?;
        let [min_lon, min_lat, max_lon, max_lat] = parts[..] else {
            return Err(format!(
                "bounding box {s:?}: expected four numbers min_lon,min_lat,max_lon,max_lat"
            ));
        };
        if min_lon > max_lon || min_lat > max_lat || min_lat < -90.0 || max_lat > 90.0 {
            return Err(format!(
                "bounding box {s:?}: west must not exceed east, south must not exceed north, latitudes within ±90"
            ));
        }
        Ok(BBox {
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        })
    }
}

/// Which events (or incidents) to return. Empty fields do not filter.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Filter {
    /// Events on or after this day (their date interval ends on or after it).
    pub from: Option<NaiveDate>,
    /// Events on or before this day (their date interval starts on or before it).
    pub to: Option<NaiveDate>,
    /// ISO 3166 alpha-3 country of the location.
    pub country: Option<String>,
    /// First-order administrative division (name, case-insensitive).
    pub admin1: Option<String>,
    /// Location inside this box.
    pub bbox: Option<BBox>,
    /// PLOVER type (`ASSAULT`).
    pub event_type: Option<String>,
    /// PLOVER mode (`abduct`).
    pub mode: Option<String>,
    /// Modality (`asserted`, `negated`, …).
    pub modality: Option<String>,
    /// An actor or recipient: part of its words or canonical name, or its code or country.
    pub actor: Option<String>,
    /// Publisher (part of the name, case-insensitive).
    pub publisher: Option<String>,
    /// Words that must all occur in the evidence sentence (full-text search).
    pub text: Option<String>,
    /// Only the events of this incident (`inc-…`).
    pub incident: Option<String>,
    /// Incidents only: at least this many distinct publishers.
    pub min_sources: Option<u32>,
    /// At most this many results.
    pub limit: Option<usize>,
}

impl Filter {
    /// SQL condition on events aliased `e`, with its parameters.
    pub(crate) fn where_clause(&self) -> (String, Vec<Value>) {
        let mut conds: Vec<String> = vec!["1".into()];
        let mut params: Vec<Value> = Vec::new();
        let text = |v: &str| Value::Text(v.to_string());
        let day = |d: NaiveDate| Value::Text(d.format("%Y-%m-%d").to_string());
        if let Some(d) = self.from {
            conds.push("e.date_end >= ?".into());
            params.push(day(d));
        }
        if let Some(d) = self.to {
            conds.push("e.date_start <= ?".into());
            params.push(day(d));
        }
        if let Some(c) = &self.country {
            conds.push("e.country = ? COLLATE NOCASE".into());
            params.push(text(c.trim()));
        }
        if let Some(a) = &self.admin1 {
            conds.push("e.admin1 = ? COLLATE NOCASE".into());
            params.push(text(a.trim()));
        }
        if let Some(b) = &self.bbox {
            conds.push("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?".into());
            params.extend([b.min_lat, b.max_lat, b.min_lon, b.max_lon].map(Value::Real));
        }
        if let Some(t) = &self.event_type {
            conds.push("e.type = ?".into());
            params.push(text(&t.trim().to_ascii_uppercase()));
        }
        if let Some(m) = &self.mode {
            conds.push("e.mode = ? COLLATE NOCASE".into());
            params.push(text(m.trim()));
        }
        if let Some(m) = &self.modality {
            conds.push("e.modality = ? COLLATE NOCASE".into());
            params.push(text(m.trim()));
        }
        if let Some(a) = &self.actor {
            let a = a.trim();
            conds.push(
                "EXISTS (SELECT 1 FROM actors x WHERE x.event_id = e.id AND x.role IN ('actor', 'recipient') \
                 AND (x.text LIKE ? ESCAPE '\\' OR x.name LIKE ? ESCAPE '\\' OR x.code = ? COLLATE NOCASE \
                 OR x.country = ? COLLATE NOCASE))"
                    .into(),
            );
            let pattern = format!("%{}%", like_escape(a));
            params.extend([text(&pattern), text(&pattern), text(a), text(a)]);
        }
        if let Some(p) = &self.publisher {
            conds.push("e.publisher LIKE ? ESCAPE '\\'".into());
            params.push(text(&format!("%{}%", like_escape(p.trim()))));
        }
        if let Some(fts) = self.text.as_deref().and_then(fts_query) {
            conds.push(
                "e.sentence_id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)"
                    .into(),
            );
            params.push(text(&fts));
        }
        if let Some(k) = &self.incident {
            conds.push("e.incident_id = (SELECT id FROM incidents WHERE key = ?)".into());
            params.push(text(k.trim()));
        }
        (conds.join(" AND "), params)
    }
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Words as an FTS5 query: each word quoted (so `al-Shabaab` or `U.N.` are words, not
/// operators), all required. A trailing `*` keeps prefix search.
fn fts_query(q: &str) -> Option<String> {
    let terms: Vec<String> = q
        .split_whitespace()
        .map(|w| {
            let (word, prefix) = match w.strip_suffix('*') {
                Some(stem) if !stem.is_empty() => (stem, "*"),
                _ => (w, ""),
            };
            format!("\"{}\"{prefix}", word.replace('"', "\"\""))
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// An event as stored: its record (with the attribution the store filled in) and its incident.
#[derive(Debug, Clone, Serialize)]
pub struct StoredEvent {
    /// The event record.
    #[serde(flatten)]
    pub record: EventRecord,
    /// Key of the incident it belongs to, if any.
    pub incident: Option<String>,
}

/// Call `f` on every event that passes `filter`, in date order (streaming).
pub fn for_each_event(
    store: &Store,
    filter: &Filter,
    mut f: impl FnMut(StoredEvent) -> Result<()>,
) -> Result<u64> {
    let (cond, params) = filter.where_clause();
    let limit = filter.limit.map_or(-1, |l| l as i64);
    let sql = format!(
        "SELECT e.record, i.key FROM events e LEFT JOIN incidents i ON i.id = e.incident_id \
         WHERE {cond} ORDER BY e.date_start, e.id LIMIT {limit}"
    );
    let conn = store.connection();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let json: String = r.get(0)?;
        let record: EventRecord = serde_json::from_str(&json)?;
        f(StoredEvent {
            record,
            incident: r.get(1)?,
        })?;
        n += 1;
    }
    Ok(n)
}

/// The events that pass `filter`, in date order.
pub fn query(store: &Store, filter: &Filter) -> Result<Vec<StoredEvent>> {
    let mut out = Vec::new();
    for_each_event(store, filter, |e| {
        out.push(e);
        Ok(())
    })?;
    Ok(out)
}

/// One report of an incident.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentMember {
    /// Event record id.
    pub event_id: String,
    /// Article id as read.
    pub doc_id: String,
    /// PLOVER type of this report.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Publisher of the article.
    pub publisher: Option<String>,
    /// URL of the article.
    pub url: Option<String>,
    /// Publication date of the article.
    pub published: Option<String>,
    /// Date of the event in this report.
    pub date: Option<String>,
    /// Place of the event in this report.
    pub location: Option<String>,
    /// Killed (best value) in this report.
    pub killed: Option<f64>,
    /// The sentence that says so.
    pub sentence: String,
    /// The evidence words.
    pub evidence: String,
}

/// An incident: one happening, with every report of it.
#[derive(Debug, Clone, Serialize)]
pub struct Incident {
    /// Stable id (`inc-…`).
    pub id: String,
    /// Type family.
    pub family: String,
    /// Most reported PLOVER type.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Most reported mode.
    pub mode: Option<String>,
    /// Date (most reported among the most precise reports).
    pub date: Option<String>,
    /// Its precision.
    pub date_precision: Option<String>,
    /// First day the incident may have happened.
    pub date_start: Option<String>,
    /// Last day.
    pub date_end: Option<String>,
    /// ISO3 country.
    pub country: Option<String>,
    /// First-order administrative division.
    pub admin1: Option<String>,
    /// The most precise place reported.
    pub location: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Precision of the place.
    pub geo_precision: Option<String>,
    /// Most named actor.
    pub actor: Option<String>,
    /// Most named recipient.
    pub recipient: Option<String>,
    /// Reports (events) that make it up.
    pub n_reports: u64,
    /// Distinct articles.
    pub n_articles: u64,
    /// Distinct publishers (publisher name, or URL host).
    pub n_sources: u64,
    /// The publishers.
    pub sources: Vec<String>,
    /// Earliest publication date among the reports.
    pub first_reported: Option<String>,
    /// URL of the earliest report.
    pub first_url: Option<String>,
    /// Killed: lowest, best (median of reports), highest.
    pub killed_low: Option<f64>,
    /// Killed, best estimate.
    pub killed_best: Option<f64>,
    /// Killed, highest.
    pub killed_high: Option<f64>,
    /// Injured, lowest.
    pub injured_low: Option<f64>,
    /// Injured, best estimate.
    pub injured_best: Option<f64>,
    /// Injured, highest.
    pub injured_high: Option<f64>,
    /// Where reports disagree: `{"killed": [...], "date": [...], "type": [...], "place": [...]}`.
    pub disagreements: serde_json::Value,
    /// The reports.
    pub reports: Vec<IncidentMember>,
}

/// Incidents with at least one member event that passes `filter`, in date order, each with its
/// reports.
pub fn query_incidents(store: &Store, filter: &Filter) -> Result<Vec<Incident>> {
    let (cond, params) = filter.where_clause();
    let limit = filter.limit.map_or(-1, |l| l as i64);
    let min_sources = filter.min_sources.unwrap_or(0);
    let sql = format!(
        "SELECT i.id, i.key, i.family, i.type, i.mode, i.date, i.date_precision, i.date_start, i.date_end, \
         i.country, i.admin1, i.location, i.lat, i.lon, i.geo_precision, i.actor, i.recipient, \
         i.n_reports, i.n_articles, i.n_publishers, i.publishers, i.first_reported, a.url, \
         i.killed_low, i.killed_best, i.killed_high, i.injured_low, i.injured_best, i.injured_high, \
         i.disagreements \
         FROM incidents i LEFT JOIN articles a ON a.id = i.first_article_id \
         WHERE i.n_publishers >= {min_sources} AND i.id IN \
         (SELECT e.incident_id FROM events e WHERE {cond} AND e.incident_id IS NOT NULL) \
         ORDER BY i.date_start, i.key LIMIT {limit}"
    );
    let conn = store.connection();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    let mut incidents = Vec::new();
    while let Some(r) = rows.next()? {
        let rowid: i64 = r.get(0)?;
        let sources: String = r.get(20)?;
        let disagreements: String = r.get(29)?;
        let count = |v: i64| v.max(0) as u64;
        incidents.push((
            rowid,
            Incident {
                id: r.get(1)?,
                family: r.get(2)?,
                event_type: r.get(3)?,
                mode: r.get(4)?,
                date: r.get(5)?,
                date_precision: r.get(6)?,
                date_start: r.get(7)?,
                date_end: r.get(8)?,
                country: r.get(9)?,
                admin1: r.get(10)?,
                location: r.get(11)?,
                lat: r.get(12)?,
                lon: r.get(13)?,
                geo_precision: r.get(14)?,
                actor: r.get(15)?,
                recipient: r.get(16)?,
                n_reports: count(r.get(17)?),
                n_articles: count(r.get(18)?),
                n_sources: count(r.get(19)?),
                sources: serde_json::from_str(&sources).map_err(StoreError::Json)?,
                first_reported: r.get(21)?,
                first_url: r.get(22)?,
                killed_low: r.get(23)?,
                killed_best: r.get(24)?,
                killed_high: r.get(25)?,
                injured_low: r.get(26)?,
                injured_best: r.get(27)?,
                injured_high: r.get(28)?,
                disagreements: serde_json::from_str(&disagreements)?,
                reports: Vec::new(),
            },
        ));
    }
    let mut members = conn.prepare(
        "SELECT e.record_id, a.doc_id, e.type, e.publisher, a.url, e.published, e.date, p.name, e.killed, \
         s.text, e.evidence \
         FROM events e JOIN articles a ON a.id = e.article_id \
         LEFT JOIN sentences s ON s.id = e.sentence_id LEFT JOIN places p ON p.id = e.place_id \
         WHERE e.incident_id = ? ORDER BY e.published, a.id, e.id",
    )?;
    let mut out = Vec::with_capacity(incidents.len());
    for (rowid, mut incident) in incidents {
        let mut rows = members.query([rowid])?;
        while let Some(r) = rows.next()? {
            incident.reports.push(IncidentMember {
                event_id: r.get(0)?,
                doc_id: r.get(1)?,
                event_type: r.get(2)?,
                publisher: r.get(3)?,
                url: r.get(4)?,
                published: r.get(5)?,
                date: r.get(6)?,
                location: r.get(7)?,
                killed: r.get(8)?,
                sentence: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                evidence: r.get(10)?,
            });
        }
        out.push(incident);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bboxes_parse_and_are_checked() {
        let b: BBox = "60.5,29.3,75,38.5".parse().unwrap();
        assert_eq!(b.max_lat, 38.5);
        assert!("1,2,3".parse::<BBox>().is_err());
        assert!("10,0,5,1".parse::<BBox>().is_err());
        assert!("a,b,c,d".parse::<BBox>().is_err());
    }

    #[test]
    fn fts_terms_are_quoted() {
        assert_eq!(fts_query("car bomb").unwrap(), "\"car\" \"bomb\"");
        assert_eq!(
            fts_query("al-Shabaab kill*").unwrap(),
            "\"al-Shabaab\" \"kill\"*"
        );
        assert_eq!(fts_query("say \"hi\"").unwrap(), "\"say\" \"\"\"hi\"\"\"");
        assert!(fts_query("  ").is_none());
    }
}
