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

/// A city at least this populous, and this many times as populous as a namesake, is meant
/// unless the text ties the namesake to its place (see [`Context::score`]).
const DWARF_MIN: u32 = 100_000;
const DWARF_RATIO: u32 = 20;

/// Base weight of sharing a second-order division with the document's other places.
const ADMIN2_WEIGHT: f32 = 0.4;

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
#[derive(Default)]
struct Context {
    country_w: HashMap<[u8; 2], f32>,
    admin1_w: HashMap<u32, f32>,
    total: f32,
    publisher: Option<[u8; 2]>,
    /// The same sums for each name: a name's repeated mentions are not evidence for
    /// themselves.
    by_key: HashMap<String, Context>,
    /// First-pass weight of each second-order division (county, district).
    admin2_w: HashMap<u32, f32>,
}

fn mention_weight(c: &Cand, m: &Mention) -> f32 {
    if c.place.is_country() || m.kind == MentionKind::Demonym {
        1.0
    } else {
        0.7
    }
}

impl Context {
    fn new(
        mentions: &[Mention],
        keys: &[String],
        first: &[Option<Cand>],
        scale: &[f32],
        publisher: Option<[u8; 2]>,
    ) -> Context {
        let mut ctx = Context {
            publisher,
            ..Context::default()
        };
        for (((m, key), c), &k) in mentions.iter().zip(keys).zip(first).zip(scale) {
            let Some(c) = c else { continue };
            let own = ctx.by_key.entry(key.clone()).or_default();
            if c.place.country != [0, 0] {
                let w = k * mention_weight(c, m);
                *own.country_w.entry(c.place.country).or_default() += w;
                own.total += w;
                *ctx.country_w.entry(c.place.country).or_default() += w;
                ctx.total += w;
            }
            if c.place.admin1 != NONE {
                *own.admin1_w.entry(c.place.admin1).or_default() += k;
                *ctx.admin1_w.entry(c.place.admin1).or_default() += k;
            }
            if c.place.admin2 != NONE {
                *own.admin2_w.entry(c.place.admin2).or_default() += k;
                *ctx.admin2_w.entry(c.place.admin2).or_default() += k;
            }
        }
        ctx
    }

    /// Whether other names of the document (not `key`) lie in first-order division `admin1`,
    /// or none lies in any: a town inside an unknown name ("Pearl Harbor" → Pearl,
    /// Mississippi) in a story whose places are all in another state is a different place.
    fn supports_admin1(&self, admin1: u32, key: &str) -> bool {
        let own = self.by_key.get(key);
        let others = |m: &HashMap<u32, f32>, o: Option<&HashMap<u32, f32>>| {
            m.iter()
                .map(|(k, w)| w - o.and_then(|o| o.get(k)).copied().unwrap_or(0.0))
                .filter(|&w| w > 1e-3)
                .count()
        };
        if others(&self.admin1_w, own.map(|o| &o.admin1_w)) == 0 {
            return true;
        }
        admin1 != NONE
            && self.admin1_w.get(&admin1).copied().unwrap_or(0.0)
                - own
                    .and_then(|o| o.admin1_w.get(&admin1))
                    .copied()
                    .unwrap_or(0.0)
                > 1e-3
    }

    /// Whether other names of the document (not `key`) lie in `country`, or the document
    /// names no country at all.
    fn supports_country(&self, country: &[u8; 2], key: &str) -> bool {
        let own = self.by_key.get(key);
        let t = self.total - own.map_or(0.0, |o| o.total);
        if t <= 1e-3 {
            return true;
        }
        let w = self.country_w.get(country).copied().unwrap_or(0.0)
            - own
                .and_then(|o| o.country_w.get(country))
                .copied()
                .unwrap_or(0.0);
        w > 1e-3
    }

    /// Context score of a candidate for a mention counted under `key` (the mentions under
    /// that key are not counted as context) whose container's first-pass choice was
    /// `container`.
    ///
    /// `biggest` is the population of the mention's largest town candidate in the place's
    /// country: a town dwarfed by a city of the same name does not win on its state being
    /// named elsewhere
    /// ("Louisville" in a story about Mississippi State, "Portland" among Texas teams); a
    /// container ("Portland, Texas") or a shared county still counts.
    fn score(&self, p: &Place, key: &str, container: Option<Cand>, biggest: u32) -> f32 {
        let mut s = 0.0;
        let own = self.by_key.get(key);
        let own_country = |c: &[u8; 2]| own.and_then(|o| o.country_w.get(c)).copied();
        if self.total > 0.0 {
            if p.country == [0, 0] {
                s += 1.5; // a region across countries: neutral
            } else {
                let w = self.country_w.get(&p.country).copied().unwrap_or(0.0)
                    - own_country(&p.country).unwrap_or(0.0);
                let t = self.total - own.map_or(0.0, |o| o.total);
                if t > 1e-3 {
                    s += 3.0 * (w / t).max(0.0);
                }
            }
        }
        let dwarfed = biggest >= DWARF_MIN && p.population.saturating_mul(DWARF_RATIO) < biggest;
        if p.admin1 != NONE && !p.is_country() && !dwarfed {
            let w = self.admin1_w.get(&p.admin1).copied().unwrap_or(0.0)
                - own
                    .and_then(|o| o.admin1_w.get(&p.admin1))
                    .copied()
                    .unwrap_or(0.0);
            if w > 1e-3 {
                s += 0.6 + 0.2 * w.min(3.0);
            }
        }
        // Same county or district as other places of the document: a finer coherence that
        // tells apart namesakes in one state or region.
        if p.admin2 != NONE && !p.is_country() && p.precision != GeoPrecision::Admin1 {
            let w = self.admin2_w.get(&p.admin2).copied().unwrap_or(0.0)
                - own
                    .and_then(|o| o.admin2_w.get(&p.admin2))
                    .copied()
                    .unwrap_or(0.0);
            if w > 1e-3 {
                s += ADMIN2_WEIGHT + 0.2 * w.min(3.0);
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

/// A name that contains another ("Tacoma, Washington", "Syria's al-Tanf") is a country or a
/// division more often than a town.
fn container_weight(c: &Cand, is_container: bool) -> f32 {
    if is_container && (c.place.is_country() || c.place.precision == GeoPrecision::Admin1) {
        2.0
    } else {
        0.0
    }
}

/// Population of the most populous town of each country among candidates that carry the
/// name as their own.
fn biggest_towns(cs: &[Cand]) -> Vec<([u8; 2], u32)> {
    let mut out: Vec<([u8; 2], u32)> = Vec::new();
    for c in cs {
        if c.place.precision != GeoPrecision::City || c.kind > NameKind::Alias {
            continue;
        }
        match out.iter_mut().find(|(k, _)| *k == c.place.country) {
            Some(e) => e.1 = e.1.max(c.place.population),
            None => out.push((c.place.country, c.place.population)),
        }
    }
    out
}

/// The population of the biggest namesake town in the place's country.
fn biggest_in(biggest: &[([u8; 2], u32)], p: &Place) -> u32 {
    biggest
        .iter()
        .find(|(k, _)| *k == p.country)
        .map_or(0, |e| e.1)
}

/// Score candidates with the document's context (pass 2) and sort them best first.
fn rescore(
    cs: &mut [Cand],
    m: &Mention,
    is_container: bool,
    ctx: &Context,
    key: &str,
    container: Option<Cand>,
) {
    let biggest = biggest_towns(cs);
    for c in cs.iter_mut() {
        c.score = base_score(c, m)
            + container_weight(c, is_container)
            + ctx.score(&c.place, key, container, biggest_in(&biggest, &c.place));
    }
    sort_desc(cs);
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
///
/// Also returns the key of the name found, under which the mention counts as context: a
/// name's mentions inside longer names ("Riverdale Lukoil" beside "Riverdale") are not
/// evidence for the name itself.
///
/// A small place counts only when the document also names it alone (`named`: keys of its
/// mentions that have candidates): "Riverdale Lukoil" beside "in Riverdale".
fn embedded(
    doc: &Doc,
    g: &Gazetteer,
    m: &Mention,
    named: &std::collections::HashSet<&str>,
) -> (Vec<Cand>, Option<String>) {
    let t = m.tokens.clone();
    if t.len() < 2 {
        return (Vec::new(), None);
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
            let key = crate::key::name_key(text);
            g.index().candidates(&key, &mut hits);
            let sub = Mention {
                hits: hits
                    .iter()
                    .copied()
                    .filter(|h| h.kind <= NameKind::Alternate)
                    .collect(),
                kind: MentionKind::Name,
                ..m.clone()
            };
            let alone = named.contains(key.as_str());
            let cs: Vec<Cand> = candidates(g, &sub)
                .into_iter()
                .filter(|c| {
                    // A single word inside a longer name is often a person's or a common
                    // word ("Wilson", "Inn"): only a place's own name, and no county named
                    // like a family.
                    (len > 1
                        || (c.kind <= NameKind::Alias && c.place.precision != GeoPrecision::Admin2))
                        && (c.place.is_country()
                            || c.place.is_curated()
                            || c.place.precision == GeoPrecision::Admin1
                            || c.place.population >= 10_000
                            || alone)
                })
                .collect();
            if !cs.is_empty() {
                return (cs, Some(key));
            }
        }
    }
    (Vec::new(), None)
}

/// Resolve mentions found by [`crate::recognize`] (or built from given spans).
///
/// A mention whose name is unknown is resolved, when it can be, through a known place name
/// inside it ([`Basis::Embedded`]) or else to the document's main place
/// ([`Basis::Context`]); both are marked as such.
pub fn resolve(doc: &Doc, g: &Gazetteer, mentions: &[Mention]) -> Vec<Toponym> {
    resolve_in_context(doc, g, mentions, &[])
}

/// Resolve `mentions`, with `context` (other places the document names, for example
/// recognised outside given spans) counted as evidence for coherence and for the document's
/// main place, but not resolved themselves.
pub fn resolve_in_context(
    doc: &Doc,
    g: &Gazetteer,
    given: &[Mention],
    context: &[Mention],
) -> Vec<Toponym> {
    let n_given = given.len();
    let joined: Vec<Mention>;
    let mentions: &[Mention] = if context.is_empty() {
        given
    } else {
        joined = given
            .iter()
            .cloned()
            .chain(context.iter().cloned().map(|mut m| {
                m.container = m.container.map(|c| c + n_given);
                m
            }))
            .collect();
        &joined
    };
    let publisher = publisher_country(doc, g).map(|c| {
        let b = c.as_bytes();
        [b[0], b[1]]
    });
    let mut cands: Vec<Vec<Cand>> = mentions.iter().map(|m| candidates(g, m)).collect();
    let named: std::collections::HashSet<&str> = mentions
        .iter()
        .zip(&cands)
        .filter(|(_, cs)| !cs.is_empty())
        .map(|(m, _)| m.key.as_str())
        .collect();
    let mut basis = vec![Basis::Name; mentions.len()];
    // The key each mention counts under as context.
    let mut keys: Vec<String> = mentions.iter().map(|m| m.key.clone()).collect();
    for (i, m) in mentions.iter().enumerate() {
        if cands[i].is_empty() {
            let (cs, key) = embedded(doc, g, m, &named);
            cands[i] = cs;
            basis[i] = Basis::Embedded;
            if let Some(k) = key {
                keys[i] = k;
            }
        }
    }
    // "Tacoma, Washington": the name after the comma contains the one before it.
    let mut is_container = vec![false; mentions.len()];
    for m in mentions {
        if let Some(j) = m.container
            && let Some(k) = mentions.get(j)
            && k.span.start >= m.span.end
            && doc.text[m.span.end as usize..k.span.start as usize].trim() == ","
        {
            is_container[j] = true;
        }
    }
    // Pass 1: context-free scores.
    for ((m, cs), &k) in mentions.iter().zip(cands.iter_mut()).zip(&is_container) {
        for c in cs.iter_mut() {
            c.score = base_score(c, m) + container_weight(c, k);
        }
    }
    let first: Vec<Option<Cand>> = cands.iter().map(|cs| top(cs)).collect();
    // Context-only mentions were not asked about: weaker evidence.
    let scale: Vec<f32> = (0..mentions.len())
        .map(|i| if i < n_given { 1.0 } else { 0.5 })
        .collect();
    let ctx = Context::new(mentions, &keys, &first, &scale, publisher);

    // Pass 2: context.
    for (i, m) in mentions.iter().enumerate() {
        let container = m.container.and_then(|j| first.get(j).copied().flatten());
        rescore(&mut cands[i], m, is_container[i], &ctx, &keys[i], container);
        // A transliteration guess (consonant skeleton) far from the document's countries is
        // a different name: better unknown.
        if basis[i] == Basis::Name
            && let Some(c) = cands[i].first()
            && c.kind == NameKind::Skeleton
            && !c.place.is_country()
            && !ctx.supports_country(&c.place.country, &keys[i])
        {
            let (cs, key) = embedded(doc, g, m, &named);
            cands[i] = cs;
            basis[i] = Basis::Embedded;
            if let Some(k) = key {
                keys[i] = k;
            }
            rescore(&mut cands[i], m, is_container[i], &ctx, &keys[i], container);
        }
        // A place named inside an unknown name must fit the document, or the document's
        // main place is the better guess.
        if basis[i] == Basis::Embedded
            && let Some(c) = cands[i].first()
            && c.place.country != [0, 0]
            && !c.place.is_country()
            && (!ctx.supports_country(&c.place.country, &keys[i])
                || (c.place.precision == GeoPrecision::City
                    && c.place.population < 100_000
                    && !ctx.supports_admin1(c.place.admin1, &keys[i])))
        {
            cands[i].clear();
        }
    }

    let focus = main_place(g, mentions, &cands, &basis, publisher, n_given);

    let mut out = Vec::with_capacity(n_given);
    for (i, m) in mentions.iter().enumerate().take(n_given) {
        let cs = &cands[i];
        // A building or institution named after a country or division, in a story about a
        // place inside it, is more likely at that place ("Florida Atlantic University" in a
        // story about Boca Raton).
        // Not for a part of it by direction ("South Florida").
        let inside = |c: &Cand, f: &Place| {
            c.place.precision == GeoPrecision::Admin1
                && f.admin1 == c.place.index
                && f.precision != GeoPrecision::Admin1
                && !m.tokens.clone().next().is_some_and(|t| {
                    crate::recognize::is_direction(&doc.slice(doc.tokens[t].span).to_lowercase())
                })
        };
        let (resolution, alternatives) = match cs.first() {
            Some(c)
                if basis[i] == Basis::Embedded
                    && let Some(f) = focus
                    && inside(c, &f) =>
            {
                let mut r = g.resolved(&f, 0.0);
                r.basis = Basis::Context;
                (Some(r), Vec::new())
            }
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
            } else if m.kind == MentionKind::Demonym || m.modifier {
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

/// The document's main place, for names the gazetteer does not know: the sub-national place
/// that is named most and fits best with the rest of the document (its division and country
/// named elsewhere, the publisher's country), else the most named country.
fn main_place(
    g: &Gazetteer,
    mentions: &[Mention],
    cands: &[Vec<Cand>],
    basis: &[Basis],
    publisher: Option<[u8; 2]>,
    n_given: usize,
) -> Option<Place> {
    // place -> (weight, first mention)
    let mut named: HashMap<u32, (f32, usize)> = HashMap::new();
    let mut admin1: HashMap<u32, f32> = HashMap::new();
    let mut country: HashMap<[u8; 2], f32> = HashMap::new();
    let mut total = 0.0f32;
    for (i, cs) in cands.iter().enumerate() {
        let Some(c) = cs.first() else { continue };
        let w = match basis[i] {
            Basis::Name => 1.0,
            Basis::Embedded => 0.5,
            Basis::Context => continue,
        };
        let w = if mentions[i].metonymic { w * 0.5 } else { w };
        // Context-only mentions were not asked about: weaker evidence.
        let w = if i >= n_given { w * 0.5 } else { w };
        let e = named.entry(c.place.index).or_insert((0.0, i));
        e.0 += w;
        if c.place.admin1 != NONE {
            *admin1.entry(c.place.admin1).or_default() += w;
        }
        if c.place.country != [0, 0] {
            *country.entry(c.place.country).or_default() += w;
            total += w;
        }
    }
    let fit = |p: &Place, own: f32| -> f32 {
        let mut s = own;
        if p.admin1 != NONE && p.admin1 != p.index {
            s += 0.5 * (admin1.get(&p.admin1).copied().unwrap_or(0.0) - own).clamp(0.0, 4.0);
        }
        if total > 0.0 && p.country != [0, 0] {
            s += 2.0 * country.get(&p.country).copied().unwrap_or(0.0) / total;
        }
        if publisher.is_some_and(|pc| pc == p.country) {
            s += 0.5;
        }
        if p.precision == GeoPrecision::Admin1 {
            s -= 0.5;
        }
        s
    };
    let best = |local: bool| {
        named
            .iter()
            .filter_map(|(&i, &(w, first))| {
                let p = g.index().place(i)?;
                let sub = !p.is_country();
                // A local place must belong to a country the document is about.
                let share = if total > 0.0 && p.country != [0, 0] {
                    country.get(&p.country).copied().unwrap_or(0.0) / total
                } else {
                    1.0
                };
                (sub == local && (!local || share >= 0.25 || publisher == Some(p.country)))
                    .then(|| (fit(&p, w), std::cmp::Reverse(first), p))
            })
            .max_by(|a, b| {
                a.0.partial_cmp(&b.0)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.1.cmp(&b.1))
            })
            .map(|x| x.2)
    };
    best(true).or_else(|| best(false))
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
///
/// The rest of the document counts as context: places recognised outside the given spans
/// inform coherence and the document's main place.
pub fn resolve_spans(doc: &Doc, g: &Gazetteer, spans: &[Span]) -> Vec<Toponym> {
    let mentions = mentions_for_spans(doc, g, spans);
    let recognised = crate::recognize::recognize(doc, g);
    let keep: Vec<bool> = recognised
        .iter()
        .map(|r| {
            !mentions
                .iter()
                .any(|m| m.span.start < r.span.end && r.span.start < m.span.end)
        })
        .collect();
    let mut remap = vec![None; recognised.len()];
    let mut context = Vec::new();
    for (i, r) in recognised.iter().enumerate() {
        if keep[i] {
            remap[i] = Some(context.len());
            context.push(r.clone());
        }
    }
    for m in &mut context {
        m.container = m.container.and_then(|c| remap[c]);
    }
    resolve_in_context(doc, g, &mentions, &context)
}
