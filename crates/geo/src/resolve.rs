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
use crate::{Basis, Gazetteer, Role, Toponym};

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
        (_, NameKind::Alternate) => -1.2,
        (_, NameKind::Demonym) => -1.5,
        (_, NameKind::Stripped) => -0.9,
        (_, NameKind::Skeleton) => -2.0,
    }
}

fn type_weight(p: &Place, kind: NameKind) -> f32 {
    let mut w = match p.precision {
        GeoPrecision::Country => 5.5,
        GeoPrecision::Admin1 => 2.5,
        GeoPrecision::Admin2 => 1.5,
        GeoPrecision::Region => {
            if p.is_curated() {
                4.5
            } else {
                0.3
            }
        }
        GeoPrecision::City => 0.0,
        GeoPrecision::Point => {
            if p.is_curated() {
                2.5
            } else {
                -0.4
            }
        }
    };
    // A capital is the usual referent of its own name, not of its old or foreign names.
    if p.is_capital() && kind <= NameKind::Ascii {
        w += 2.5;
    } else if p.feature_code().starts_with("PPLA") {
        w += if p.feature_code() == "PPLA" { 0.6 } else { 0.2 };
    }
    if p.feature_code() == "PPLX" || p.feature_code() == "PPLH" {
        w -= 0.5;
    }
    // Populations of divisions are sums of their towns: a tie-breaker only.
    let per_decade = if p.feature_class == b'A' { 0.1 } else { 0.5 };
    w + per_decade * ((p.population as f32) + 1.0).log10()
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
    let mut v: Vec<Cand> = m
        .hits
        .iter()
        .filter(|h| m.kind != MentionKind::Demonym || h.kind == NameKind::Demonym)
        .filter_map(|h| {
            hit_place(g, h).map(|place| Cand {
                place,
                kind: h.kind,
                score: 0.0,
            })
        })
        .collect();
    // One candidate per place, with its strongest name.
    v.sort_by_key(|c| (c.place.index, c.kind));
    v.dedup_by_key(|c| c.place.index);
    v
}

/// Document context from a first pass: countries and divisions of the other mentions.
struct Context {
    country_w: HashMap<[u8; 2], f32>,
    admin1_w: HashMap<u32, f32>,
    total: f32,
    publisher: Option<[u8; 2]>,
}

fn mention_weight(c: &Cand, m: &Mention) -> f32 {
    if c.place.is_country() || m.kind == MentionKind::Demonym {
        1.0
    } else {
        0.7
    }
}

impl Context {
    fn new(mentions: &[Mention], first: &[Option<Cand>], publisher: Option<[u8; 2]>) -> Context {
        let mut ctx = Context {
            country_w: HashMap::new(),
            admin1_w: HashMap::new(),
            total: 0.0,
            publisher,
        };
        for (m, c) in mentions.iter().zip(first) {
            let Some(c) = c else { continue };
            if c.place.country != [0, 0] {
                let w = mention_weight(c, m);
                *ctx.country_w.entry(c.place.country).or_default() += w;
                ctx.total += w;
            }
            if c.place.admin1 != NONE {
                *ctx.admin1_w.entry(c.place.admin1).or_default() += 1.0;
            }
        }
        ctx
    }

    /// Context score of a candidate for mention `m`, whose own first-pass choice was `own`
    /// (not counted as context) and whose container's was `container`.
    fn score(&self, p: &Place, m: &Mention, own: Option<Cand>, container: Option<Cand>) -> f32 {
        let mut s = 0.0;
        if self.total > 0.0 {
            if p.country == [0, 0] {
                s += 1.5; // a region across countries: neutral
            } else {
                let mut w = self.country_w.get(&p.country).copied().unwrap_or(0.0);
                let mut t = self.total;
                if let Some(o) = own
                    && o.place.country != [0, 0]
                {
                    let ow = mention_weight(&o, m);
                    t -= ow;
                    if o.place.country == p.country {
                        w -= ow;
                    }
                }
                if t > 0.0 {
                    s += 3.0 * (w / t).max(0.0);
                }
            }
        }
        if p.admin1 != NONE && !p.is_country() {
            let mut w = self.admin1_w.get(&p.admin1).copied().unwrap_or(0.0);
            if own.is_some_and(|o| o.place.admin1 == p.admin1) {
                w -= 1.0;
            }
            if w > 0.0 {
                s += 0.6 + 0.2 * w.min(3.0);
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
        if self.publisher.is_some_and(|pc| p.country == pc) {
            s += 0.4;
        }
        s
    }
}

fn base_score(c: &Cand, m: &Mention) -> f32 {
    name_weight(c.kind, m.kind) + type_weight(&c.place, c.kind) + cue_weight(m.cue, &c.place)
}

fn sort_desc(cs: &mut [Cand]) {
    cs.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.place.index.cmp(&b.place.index))
    });
}

/// Candidates of the longest known place name inside an unknown multi-word name
/// ("Colorado State University" → Colorado).
fn embedded(doc: &Doc, g: &Gazetteer, m: &Mention) -> Vec<Cand> {
    let t = m.tokens.clone();
    if t.len() < 2 {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for len in (1..t.len()).rev() {
        for a in t.start..=t.end - len {
            let text = doc.slice(doc.tokens_span(a..a + len));
            if !text.chars().next().is_some_and(char::is_uppercase)
                || (len == 1 && crate::recognize::is_stop_word(text))
            {
                continue;
            }
            hits.clear();
            g.index().candidates(&crate::key::name_key(text), &mut hits);
            let sub = Mention {
                hits: hits
                    .iter()
                    .copied()
                    .filter(|h| h.kind <= NameKind::Alternate)
                    .collect(),
                kind: MentionKind::Name,
                ..m.clone()
            };
            let cs: Vec<Cand> = candidates(g, &sub)
                .into_iter()
                .filter(|c| {
                    c.place.is_country()
                        || c.place.is_curated()
                        || c.place.precision == GeoPrecision::Admin1
                        || c.place.population >= 10_000
                })
                .collect();
            if !cs.is_empty() {
                return cs;
            }
        }
    }
    Vec::new()
}

/// Resolve mentions found by [`crate::recognize`] (or built from given spans).
///
/// A mention whose name is unknown is resolved, when it can be, through a known place name
/// inside it ([`Basis::Embedded`]) or else to the document's main place
/// ([`Basis::Context`]); both are marked as such.
pub fn resolve(doc: &Doc, g: &Gazetteer, mentions: &[Mention]) -> Vec<Toponym> {
    let publisher = publisher_country(doc, g).map(|c| {
        let b = c.as_bytes();
        [b[0], b[1]]
    });
    let mut cands: Vec<Vec<Cand>> = mentions.iter().map(|m| candidates(g, m)).collect();
    let mut basis = vec![Basis::Name; mentions.len()];
    for (i, m) in mentions.iter().enumerate() {
        if cands[i].is_empty() {
            cands[i] = embedded(doc, g, m);
            basis[i] = Basis::Embedded;
        }
    }
    // Pass 1: context-free scores.
    for (m, cs) in mentions.iter().zip(cands.iter_mut()) {
        for c in cs.iter_mut() {
            c.score = base_score(c, m);
        }
    }
    let first: Vec<Option<Cand>> = cands.iter().map(|cs| top(cs)).collect();
    let ctx = Context::new(mentions, &first, publisher);

    // Pass 2: context.
    for (i, m) in mentions.iter().enumerate() {
        let own = first[i];
        let container = m.container.and_then(|j| first.get(j).copied().flatten());
        for c in cands[i].iter_mut() {
            c.score = base_score(c, m) + ctx.score(&c.place, m, own, container);
        }
        sort_desc(&mut cands[i]);
        // A place named inside an unknown name must fit the document, or the document's
        // main place is the better guess.
        if basis[i] == Basis::Embedded
            && let Some(c) = cands[i].first()
            && ctx.total > 0.0
            && c.place.country != [0, 0]
            && !ctx.country_w.contains_key(&c.place.country)
        {
            cands[i].clear();
        }
    }

    // The document's main place, for names the gazetteer does not know: the most mentioned
    // sub-national place, else the most mentioned country.
    let mut counts: HashMap<u32, (usize, usize, bool)> = HashMap::new();
    for (i, cs) in cands.iter().enumerate() {
        if let (Some(c), Basis::Name) = (cs.first(), basis[i]) {
            let e =
                counts
                    .entry(c.place.index)
                    .or_insert((0, usize::MAX - i, c.place.is_country()));
            e.0 += 1;
        }
    }
    let focus = counts
        .iter()
        .filter(|(_, v)| !v.2)
        .max_by_key(|(_, v)| (v.0, v.1))
        .or_else(|| counts.iter().max_by_key(|(_, v)| (v.0, v.1)))
        .and_then(|(&p, _)| g.index().place(p));

    let mut out = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let cs = &cands[i];
        let (resolution, alternatives) = match cs.first() {
            Some(c) => {
                let mut r = g.resolved(&c.place, c.score);
                r.basis = basis[i];
                let alts = cs
                    .iter()
                    .skip(1)
                    .take(4)
                    .map(|c| g.resolved(&c.place, c.score))
                    .collect();
                (Some(r), alts)
            }
            None => match focus {
                Some(f) if m.kind == MentionKind::Name => {
                    let mut r = g.resolved(&f, 0.0);
                    r.basis = Basis::Context;
                    (Some(r), Vec::new())
                }
                _ => (None, Vec::new()),
            },
        };
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
    cs.iter().copied().max_by(|a, b| {
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
