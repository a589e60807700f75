//! Toponym resolution: choose one place per mention.
//!
//! Each candidate gets a score from
//!
//! * how the name belongs to it (own name > alias > alternate > name without article >
//!   transliteration skeleton);
//! * its type and size (country > first-order division > curated region > capitals and
//!   populous cities > villages);
//! * cue words ("Quneitra governorate" prefers the division, "Rukban camp" a camp);
//! * containment ("Syria's al-Tanf", "Daraa, Syria", "Rukban in Syria": the candidate must lie
//!   in the container's country or division);
//! * coherence with the document: the countries and divisions of the other mentions
//!   (computed from a first pass);
//! * the publisher's country (from its web address), as a weak prior.
//!
//! The result keeps its precision: a governorate stays `admin1`, a country `country`.

use std::collections::HashMap;

use annals_document::{Doc, Span};
use annals_record::GeoPrecision;

use crate::index::{NONE, NameKind, Place};
use crate::recognize::{Cue, Mention, MentionKind, hit_place, mentions_for_spans};
use crate::{Gazetteer, Resolved, Role, Toponym};

/// A scored candidate.
#[derive(Debug, Clone, Copy)]
struct Cand {
    place: Place,
    kind: NameKind,
    score: f32,
}

fn name_weight(kind: NameKind, mention: MentionKind) -> f32 {
    match (mention, kind) {
        (MentionKind::Demonym, NameKind::Demonym) => 0.0,
        (_, NameKind::Primary) | (_, NameKind::Ascii) => 0.0,
        (_, NameKind::Alias) => -0.1,
        (_, NameKind::Alternate) => -0.7,
        (_, NameKind::Demonym) => -1.5,
        (_, NameKind::Stripped) => -0.9,
        (_, NameKind::Skeleton) => -2.0,
    }
}

fn type_weight(p: &Place) -> f32 {
    let mut w = match p.precision {
        GeoPrecision::Country => 3.5,
        GeoPrecision::Admin1 => 2.2,
        GeoPrecision::Admin2 => 0.9,
        GeoPrecision::Region => {
            if p.is_curated() {
                2.4
            } else {
                0.3
            }
        }
        GeoPrecision::City => 0.0,
        GeoPrecision::Point => {
            if p.is_curated() {
                1.5
            } else {
                -0.4
            }
        }
    };
    if p.is_capital() {
        w += 1.2;
    } else if p.feature_code().starts_with("PPLA") {
        w += if p.feature_code() == "PPLA" { 0.6 } else { 0.2 };
    }
    if p.feature_code() == "PPLX" || p.feature_code() == "PPLH" {
        w -= 0.5;
    }
    w + 0.5 * ((p.population as f32) + 1.0).log10()
}

fn cue_weight(cue: Option<Cue>, p: &Place) -> f32 {
    let Some(cue) = cue else {
        return 0.0;
    };
    let code = p.feature_code();
    match cue {
        Cue::Admin1 if p.precision == GeoPrecision::Admin1 => 4.0,
        Cue::Admin2 if p.precision == GeoPrecision::Admin2 => 4.0,
        Cue::Admin1 | Cue::Admin2 if p.feature_class == b'A' => 1.0,
        Cue::Settlement if p.feature_class == b'P' => 1.5,
        Cue::Camp if code == "CMP" => 4.0,
        Cue::Base if matches!(code, "MILB" | "AIRB" | "AIRP" | "INSM") => 4.0,
        Cue::Crossing if code == "PSTB" => 4.0,
        Cue::Water if p.feature_class == b'H' => 3.0,
        Cue::Area if matches!(p.precision, GeoPrecision::Region | GeoPrecision::Admin2) => 1.0,
        _ => 0.0,
    }
}

/// The country of a publisher, from the top-level domain of its address.
fn publisher_country<'a>(doc: &Doc, g: &'a Gazetteer) -> Option<&'a str> {
    let url = doc.url.as_deref()?;
    let host = url.split("://").nth(1).unwrap_or(url).split('/').next()?;
    let tld = host.rsplit('.').next()?.to_ascii_uppercase();
    let tld = if tld == "UK" { "GB".to_string() } else { tld };
    if tld.len() != 2 {
        return None;
    }
    g.country_table().by_code(&tld).map(|c| c.iso2.as_str())
}

fn candidates(g: &Gazetteer, m: &Mention) -> Vec<Cand> {
    let mut best: HashMap<u32, Cand> = HashMap::new();
    for h in &m.hits {
        if m.kind == MentionKind::Demonym && h.kind != NameKind::Demonym {
            continue;
        }
        let Some(place) = hit_place(g, h) else {
            continue;
        };
        let c = Cand {
            place,
            kind: h.kind,
            score: 0.0,
        };
        best.entry(h.place)
            .and_modify(|e| {
                if h.kind < e.kind {
                    *e = c
                }
            })
            .or_insert(c);
    }
    let mut v: Vec<Cand> = best.into_values().collect();
    v.sort_by_key(|c| c.place.index);
    v
}

/// Resolve mentions found by [`crate::recognize`] (or built from given spans).
pub fn resolve(doc: &Doc, g: &Gazetteer, mentions: &[Mention]) -> Vec<Toponym> {
    let publisher = publisher_country(doc, g);
    let mut cands: Vec<Vec<Cand>> = mentions.iter().map(|m| candidates(g, m)).collect();

    // Pass 1: context-free scores.
    for (m, cs) in mentions.iter().zip(cands.iter_mut()) {
        for c in cs.iter_mut() {
            c.score = name_weight(c.kind, m.kind) + type_weight(&c.place) + cue_weight(m.cue, &c.place);
        }
    }
    let first: Vec<Option<Cand>> = cands.iter().map(|cs| top(cs)).collect();

    // Document context: countries and first-order divisions of the first-pass choices.
    let mut country_w: HashMap<[u8; 2], f32> = HashMap::new();
    let mut admin1_w: HashMap<u32, f32> = HashMap::new();
    let mut total = 0.0f32;
    for (m, c) in mentions.iter().zip(&first) {
        let Some(c) = c else { continue };
        if c.place.country != [0, 0] {
            let w = if c.place.is_country() || m.kind == MentionKind::Demonym {
                1.0
            } else {
                0.7
            };
            *country_w.entry(c.place.country).or_default() += w;
            total += w;
        }
        if c.place.admin1 != NONE {
            *admin1_w.entry(c.place.admin1).or_default() += 1.0;
        }
    }

    // Pass 2: context.
    let mut out = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let own = first[i];
        let container = m.container.and_then(|j| first.get(j).copied().flatten());
        let cs = &mut cands[i];
        for c in cs.iter_mut() {
            let p = c.place;
            let mut s = c.score;
            if total > 0.0 && p.country != [0, 0] {
                let mut w = country_w.get(&p.country).copied().unwrap_or(0.0);
                let mut t = total;
                if let Some(o) = own
                    && o.place.country == p.country
                {
                    // the mention's own first choice does not count as context
                    let ow = if o.place.is_country() || m.kind == MentionKind::Demonym {
                        1.0
                    } else {
                        0.7
                    };
                    w -= ow;
                    t -= ow;
                }
                if t > 0.0 {
                    s += 3.0 * (w / t).max(0.0);
                }
            }
            if p.admin1 != NONE && !p.is_country() {
                let mut w = admin1_w.get(&p.admin1).copied().unwrap_or(0.0);
                if own.is_some_and(|o| o.place.admin1 == p.admin1) {
                    w -= 1.0;
                }
                if w > 0.0 {
                    s += 1.0 + 0.3 * w.min(3.0);
                }
            }
            if let Some(k) = container {
                let kp = k.place;
                if kp.is_country() {
                    s += if p.country == kp.country { 3.0 } else { -3.0 };
                } else if kp.precision == GeoPrecision::Admin1 {
                    s += if p.admin1 == kp.index {
                        3.0
                    } else if p.country == kp.country {
                        0.5
                    } else {
                        -3.0
                    };
                }
            }
            if publisher.is_some_and(|pc| p.country_code() == Some(pc)) {
                s += 0.4;
            }
            c.score = s;
        }
        cs.sort_by(|a, b| {
            b.score
                .partial_cmp(&a.score)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.place.index.cmp(&b.place.index))
        });
        let resolution = cs.first().map(|c| g.resolved(&c.place, c.score));
        let alternatives = cs
            .iter()
            .skip(1)
            .take(4)
            .map(|c| g.resolved(&c.place, c.score))
            .collect();
        out.push(Toponym {
            start: m.span.start,
            end: m.span.end,
            text: doc.slice(m.span).to_string(),
            kind: m.kind,
            role: if m.metonymic {
                Role::Actor
            } else if m.kind == MentionKind::Demonym {
                Role::Modifier
            } else {
                Role::Place
            },
            cue: m.cue,
            resolution,
            alternatives,
        });
    }
    out
}

fn top(cs: &[Cand]) -> Option<Cand> {
    cs.iter()
        .copied()
        .max_by(|a, b| {
            a.score
                .partial_cmp(&b.score)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.place.index.cmp(&a.place.index))
        })
}

/// Resolve exactly the given spans (for example gold spans, or another recognizer's); spans
/// that do not fall on character boundaries of the text are skipped.
pub fn resolve_spans(doc: &Doc, g: &Gazetteer, spans: &[Span]) -> Vec<Toponym> {
    let mentions = mentions_for_spans(doc, g, spans);
    resolve(doc, g, &mentions)
}
