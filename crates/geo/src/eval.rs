//! GeoWebNews evaluation: resolution accuracy given gold spans, and end-to-end recognition.
//!
//! The dev set (`shared/eval/geo/geowebnews.jsonl`) has one article per line with
//! `toponyms: [{start_byte, end_byte, name, geonameid?, lat, lon, type}]`. Scores:
//!
//! * **gold spans**: each gold span is resolved in its article (the other gold spans are its
//!   context); accuracy is the share within 161 km (100 miles) of the gold point; unresolved
//!   spans count as misses. Exact country is measured where the gold GeoNames id is in the
//!   gazetteer and has a country (so the gold country is known).
//! * **end to end**: recognised toponyms against gold spans, exact byte match (and a lenient
//!   overlap match), precision, recall and F1 over all gold types (the set's own definition
//!   of a toponym, which includes demonyms, metonyms and names inside organisation names).

use std::collections::HashMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};

use annals_document::{Article, Doc, Span};
use serde::{Deserialize, Serialize};

use crate::{Gazetteer, GeoError, Toponym, distance_km};

/// Default location of the GeoWebNews dev set (the project's `shared/` beside the checkout).
pub fn default_geowebnews_path() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/eval/geo/geowebnews.jsonl"
    ))
}

#[derive(Debug, Deserialize)]
struct GoldToponym {
    start_byte: u32,
    end_byte: u32,
    #[serde(default)]
    geonameid: Option<u32>,
    lat: f64,
    lon: f64,
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GoldRecord {
    id: String,
    text: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    toponyms: Vec<GoldToponym>,
}

/// Scores on GeoWebNews.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GeoScores {
    /// Articles read.
    pub articles: usize,
    /// Gold toponyms.
    pub gold: usize,
    /// Gold spans resolved to some place.
    pub resolved: usize,
    /// Gold spans resolved within 161 km of the gold point.
    pub within_161km: usize,
    /// `within_161km / gold`.
    pub accuracy_161km: f64,
    /// Gold toponyms with a GeoNames id (the subset geoparsers such as Mordecai3 report on).
    pub gold_with_id: usize,
    /// Of those, resolved within 161 km.
    pub within_161km_with_id: usize,
    /// Median error in km over resolved gold spans.
    pub median_error_km: f64,
    /// Area under the curve of log error (Gritta et al.; lower is better), over all gold.
    pub auc: f64,
    /// Gold spans whose gold country is known.
    pub country_known: usize,
    /// Of those, resolved to a place in the same country.
    pub country_correct: usize,
    /// `country_correct / country_known`.
    pub country_accuracy: f64,
    /// End to end: exact-span true positives.
    pub e2e_tp: usize,
    /// End to end: predicted toponyms.
    pub e2e_predicted: usize,
    /// Precision (exact spans).
    pub precision: f64,
    /// Recall (exact spans).
    pub recall: f64,
    /// F1 (exact spans).
    pub f1: f64,
    /// F1 when any overlap counts as a match.
    pub f1_overlap: f64,
    /// Of recognised toponyms that match a gold span exactly, the share resolved within
    /// 161 km.
    pub e2e_accuracy_161km: f64,
    /// Recall per gold type.
    pub recall_by_type: Vec<(String, usize, usize)>,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// One article's outcome, for error analysis (`annals eval geowebnews --errors`).
#[derive(Debug, Clone, Serialize)]
pub struct ArticleErrors {
    /// Article id.
    pub id: String,
    /// Gold spans resolved farther than 161 km: (text, gold lat, lon, predicted name, km).
    pub far: Vec<(String, f64, f64, String, f64)>,
    /// Gold spans not recognised: text and type.
    pub missed: Vec<(String, String)>,
    /// Recognised spans that are not gold.
    pub spurious: Vec<String>,
}

/// Score GeoWebNews. Returns the scores and per-article errors.
pub fn eval_geowebnews(
    path: &Path,
    g: &Gazetteer,
) -> Result<(GeoScores, Vec<ArticleErrors>), GeoError> {
    let file = std::fs::File::open(path)
        .map_err(|e| GeoError::Other(format!("{}: {e}", path.display())))?;
    let by_gid: HashMap<u32, u32> = {
        let idx = g.index();
        let mut m = HashMap::new();
        for i in 0..idx.len() as u32 {
            if let Some(p) = idx.place(i)
                && p.geonames_id != 0
            {
                m.entry(p.geonames_id).or_insert(i);
            }
        }
        m
    };
    let mut s = GeoScores::default();
    let mut errors_km: Vec<f64> = Vec::new();
    let mut log_errors: Vec<f64> = Vec::new();
    let mut overlap_tp_pred = 0usize;
    let mut overlap_tp_gold = 0usize;
    let mut e2e_within = 0usize;
    let mut by_type: HashMap<String, (usize, usize)> = HashMap::new();
    let mut details = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| GeoError::Other(format!("{}: {e}", path.display())))?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: GoldRecord = serde_json::from_str(&line)
            .map_err(|e| GeoError::Other(format!("{}:{}: {e}", path.display(), n + 1)))?;
        let mut article = Article::new(rec.id.clone(), rec.text);
        article.url = rec.url;
        let doc = Doc::from_article(&article);
        s.articles += 1;
        let mut err = ArticleErrors {
            id: rec.id,
            far: vec![],
            missed: vec![],
            spurious: vec![],
        };
        // Gold spans.
        let spans: Vec<Span> = rec
            .toponyms
            .iter()
            .map(|t| Span {
                start: t.start_byte,
                end: t.end_byte,
            })
            .collect();
        let resolved = crate::resolve_spans(&doc, g, &spans);
        let by_span: HashMap<(u32, u32), &Toponym> =
            resolved.iter().map(|t| ((t.start, t.end), t)).collect();
        for t in &rec.toponyms {
            s.gold += 1;
            s.gold_with_id += usize::from(t.geonameid.is_some());
            let gold_country = t
                .geonameid
                .and_then(|id| by_gid.get(&id))
                .and_then(|&i| g.index().place(i))
                .and_then(|p| p.country_code().map(|c| c.to_string()));
            let r = by_span
                .get(&(t.start_byte, t.end_byte))
                .and_then(|x| x.resolution.as_ref());
            let text = doc.text[t.start_byte as usize..t.end_byte as usize].to_string();
            match r {
                Some(r) => {
                    s.resolved += 1;
                    let d = distance_km(t.lat, t.lon, r.lat, r.lon);
                    errors_km.push(d);
                    log_errors.push((d + 1.0).ln());
                    if d <= 161.0 {
                        s.within_161km += 1;
                        s.within_161km_with_id += usize::from(t.geonameid.is_some());
                    } else {
                        err.far
                            .push((text.clone(), t.lat, t.lon, r.name.clone(), d.round()));
                    }
                    if let Some(gc) = &gold_country {
                        s.country_known += 1;
                        let pc = g
                            .index()
                            .place(r.index)
                            .and_then(|p| p.country_code().map(String::from));
                        if pc.as_deref() == Some(gc.as_str()) {
                            s.country_correct += 1;
                        }
                    }
                }
                None => {
                    log_errors.push((20039.0f64 + 1.0).ln());
                    err.far
                        .push((text.clone(), t.lat, t.lon, "(unresolved)".into(), -1.0));
                    if gold_country.is_some() {
                        s.country_known += 1;
                    }
                }
            }
        }
        // End to end.
        let found = crate::geoparse(&doc, g);
        s.e2e_predicted += found.len();
        let gold_set: HashMap<(u32, u32), &GoldToponym> = rec
            .toponyms
            .iter()
            .map(|t| ((t.start_byte, t.end_byte), t))
            .collect();
        let found_set: std::collections::HashSet<(u32, u32)> =
            found.iter().map(|t| (t.start, t.end)).collect();
        for t in &found {
            if let Some(gt) = gold_set.get(&(t.start, t.end)) {
                s.e2e_tp += 1;
                if let Some(r) = &t.resolution
                    && distance_km(gt.lat, gt.lon, r.lat, r.lon) <= 161.0
                {
                    e2e_within += 1;
                }
            } else {
                err.spurious.push(t.text.clone());
            }
            if rec
                .toponyms
                .iter()
                .any(|gt| gt.start_byte < t.end && t.start < gt.end_byte)
            {
                overlap_tp_pred += 1;
            }
        }
        for gt in &rec.toponyms {
            let kind = gt.kind.clone().unwrap_or_default();
            let e = by_type.entry(kind.clone()).or_default();
            e.0 += 1;
            if found_set.contains(&(gt.start_byte, gt.end_byte)) {
                e.1 += 1;
            } else {
                err.missed.push((
                    doc.text[gt.start_byte as usize..gt.end_byte as usize].to_string(),
                    kind,
                ));
            }
            if found
                .iter()
                .any(|t| gt.start_byte < t.end && t.start < gt.end_byte)
            {
                overlap_tp_gold += 1;
            }
        }
        details.push(err);
    }
    s.accuracy_161km = ratio(s.within_161km, s.gold);
    s.country_accuracy = ratio(s.country_correct, s.country_known);
    errors_km.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    s.median_error_km = errors_km.get(errors_km.len() / 2).copied().unwrap_or(0.0);
    let max = (20039.0f64 + 1.0).ln();
    s.auc = if log_errors.is_empty() {
        0.0
    } else {
        log_errors.iter().sum::<f64>() / (log_errors.len() as f64 * max)
    };
    s.precision = ratio(s.e2e_tp, s.e2e_predicted);
    s.recall = ratio(s.e2e_tp, s.gold);
    s.f1 = f1(s.precision, s.recall);
    s.f1_overlap = f1(
        ratio(overlap_tp_pred, s.e2e_predicted),
        ratio(overlap_tp_gold, s.gold),
    );
    s.e2e_accuracy_161km = ratio(e2e_within, s.e2e_tp);
    let mut types: Vec<(String, usize, usize)> =
        by_type.into_iter().map(|(k, (n, f))| (k, n, f)).collect();
    types.sort();
    s.recall_by_type = types;
    Ok((s, details))
}
