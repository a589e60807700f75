//! Corroboration: reports of the same happening become one incident.
//!
//! Two events are *compatible* when
//! - they are of the same type family ([`Family`]) and both are asserted or alleged (denials,
//!   threats, demands and hypotheticals are not happenings and join no incident);
//! - their dates overlap once widened by a tolerance that depends on precision (a day ±1 day,
//!   weeks, months and years as their whole span; an event without a date is placed in the two
//!   days up to its article's publication date);
//! - their places are the same or nested (same gazetteer id; a city inside a named admin1 or
//!   country; a point within a radius of a city; two cities or points a few km apart), or one of
//!   them has no place;
//! - their actors do not conflict: when both name an identified actor (canonical name, code or
//!   country), at least one must match; their recipients do not conflict: one side civilian
//!   and the other state or armed (by sector) is a conflict.
//!
//! Modes are not a veto (coders often disagree on them), but evidence: `explosives` and
//! `suicide-attack` are one group, `explosives` and `abduct` are not.
//!
//! Compatibility is not enough to merge: a pair also needs positive evidence: a matching actor
//! or recipient, or a shared (or nested) place *and* the same kind of violence (mode group), or
//! the same sentence of the same article (one happening coded twice). A shared place alone is
//! not enough: one city can see two attacks on one day.
//!
//! Clustering is greedy and complete-link: events are taken most specific first (day before
//! week before month, point before city before country, named actors first); each joins the
//! candidate incident whose every member it is compatible with and with which it has the best
//! evidence, or starts a new incident. Complete link keeps a vague report from chaining two
//! different incidents together. The result does not depend on the order of ingest.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Days, NaiveDate};
use rusqlite::params;
use serde::Serialize;

use crate::util::{haversine_km, hex, median};
use crate::{Result, Store};

/// Settings of the corroboration.
#[derive(Debug, Clone, Serialize)]
pub struct CorroborationOptions {
    /// Days added on each side of a day-precision date.
    pub day_tolerance: u64,
    /// Days before publication an undated event may have happened.
    pub undated_window: u64,
    /// Two points closer than this (km) are the same place.
    pub point_km: f64,
    /// Two cities closer than this (km) are the same place (gazetteer duplicates).
    pub city_km: f64,
    /// A point within this distance (km) of a city is inside it.
    pub city_radius_km: f64,
    /// A point or city within this distance (km) of an admin2 or region is inside it.
    pub area_radius_km: f64,
}

impl Default for CorroborationOptions {
    fn default() -> Self {
        CorroborationOptions {
            day_tolerance: 1,
            undated_window: 2,
            point_km: 2.0,
            city_km: 10.0,
            city_radius_km: 25.0,
            area_radius_km: 75.0,
        }
    }
}

/// What a corroboration run produced.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CorroborationSummary {
    /// Events considered (asserted or alleged, with a date or a publication date).
    pub clustered_events: u64,
    /// Incidents made.
    pub incidents: u64,
    /// Incidents with more than one report.
    pub multi_report_incidents: u64,
    /// Events left out (other modalities, statements without a PLOVER type, running totals, or
    /// no date at all).
    pub left_out: u64,
}

/// Groups of PLOVER types whose reports may describe the same happening (coders can disagree
/// between neighbouring types, not across groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// ASSAULT.
    Violence,
    /// COERCE.
    Coercion,
    /// PROTEST.
    Protest,
    /// MOBILIZE.
    Force,
    /// SANCTION.
    Sanction,
    /// THREATEN.
    Threat,
    /// REQUEST, ACCUSE, REJECT.
    VerbalConflict,
    /// COOPERATE, AID, RETREAT.
    MaterialCooperation,
    /// AGREE, CONSULT, SUPPORT, CONCEDE.
    VerbalCooperation,
}

impl Family {
    /// The family of a PLOVER type name (`ASSAULT`, …).
    pub fn of(event_type: &str) -> Option<Family> {
        Some(match event_type {
            "ASSAULT" => Family::Violence,
            "COERCE" => Family::Coercion,
            "PROTEST" => Family::Protest,
            "MOBILIZE" => Family::Force,
            "SANCTION" => Family::Sanction,
            "THREATEN" => Family::Threat,
            "REQUEST" | "ACCUSE" | "REJECT" => Family::VerbalConflict,
            "COOPERATE" | "AID" | "RETREAT" => Family::MaterialCooperation,
            "AGREE" | "CONSULT" | "SUPPORT" | "CONCEDE" => Family::VerbalCooperation,
            _ => return None,
        })
    }

    /// Name used in the store and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Violence => "violence",
            Family::Coercion => "coercion",
            Family::Protest => "protest",
            Family::Force => "force",
            Family::Sanction => "sanction",
            Family::Threat => "threat",
            Family::VerbalConflict => "verbal-conflict",
            Family::MaterialCooperation => "material-cooperation",
            Family::VerbalCooperation => "verbal-cooperation",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub id: i64,
    pub gazetteer_id: Option<String>,
    pub name: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// 0 point, 1 city, 2 admin2, 3 admin1, 4 region, 5 country.
    pub rank: u8,
    pub precision: String,
}

/// A count as (best, low, high).
pub(crate) type Range = (f64, f64, f64);

#[derive(Debug, Clone, Default)]
pub(crate) struct Actor {
    pub text: String,
    pub name: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub code: Option<String>,
}

impl Actor {
    fn identified(&self) -> bool {
        self.name.is_some() || self.code.is_some() || self.country.is_some()
    }
}

/// What the clustering needs to know about one event.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    pub event_id: i64,
    pub record_id: String,
    pub article_id: i64,
    pub sentence_id: Option<i64>,
    pub article_hash: String,
    pub family: Family,
    pub event_type: String,
    pub mode: Option<String>,
    pub date: Option<String>,
    pub date_precision: Option<String>,
    /// 0 day, 1 week, 2 month, 3 year, 4 publication date only.
    pub date_rank: u8,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub place: Option<Place>,
    pub actors: Vec<Actor>,
    pub recipients: Vec<Actor>,
    pub publisher: Option<String>,
    pub published: Option<NaiveDate>,
    pub killed: Option<(f64, f64, f64)>,
    pub injured: Option<(f64, f64, f64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    /// Evidence for the same happening, with a weight.
    Match(u8),
    /// Nothing known either way.
    Unknown,
    /// Evidence against.
    Conflict,
}

fn place_relation(a: &Option<Place>, b: &Option<Place>, o: &CorroborationOptions) -> Relation {
    let (Some(a), Some(b)) = (a, b) else {
        return Relation::Unknown;
    };
    if a.id == b.id || (a.gazetteer_id.is_some() && a.gazetteer_id == b.gazetteer_id) {
        return Relation::Match(3);
    }
    if let (Some(ca), Some(cb)) = (&a.country, &b.country)
        && !ca.eq_ignore_ascii_case(cb)
    {
        return Relation::Conflict;
    }
    let (coarse, fine) = if a.rank >= b.rank { (a, b) } else { (b, a) };
    let same_name = coarse.name.eq_ignore_ascii_case(&fine.name);
    let distance = match (coarse.lat, coarse.lon, fine.lat, fine.lon) {
        (Some(la), Some(lo), Some(lb), Some(lob)) => Some(haversine_km(la, lo, lb, lob)),
        _ => None,
    };
    let within = |km: f64| distance.map(|d| d <= km);
    let nested = match coarse.rank {
        // Country: anything in the same country (countries already agree or one is unknown).
        5 => Some(coarse.country.is_some() && coarse.country == fine.country || same_name),
        // Admin1: the finer place must name it as its admin1.
        3 => Some(
            same_name
                || fine.admin1.as_deref().is_some_and(|f| {
                    f.eq_ignore_ascii_case(&coarse.name)
                        || coarse
                            .admin1
                            .as_deref()
                            .is_some_and(|c| c.eq_ignore_ascii_case(f))
                }),
        ),
        // Admin2 and regions: by distance.
        2 | 4 => within(o.area_radius_km).or(Some(same_name)),
        // City vs city or point, point vs point.
        _ => {
            if same_name {
                Some(true)
            } else if coarse.rank == fine.rank {
                let km = if coarse.rank == 0 {
                    o.point_km
                } else {
                    o.city_km
                };
                within(km)
            } else {
                within(o.city_radius_km)
            }
        }
    };
    match nested {
        Some(true) if coarse.rank == fine.rank && coarse.rank <= 1 => Relation::Match(3),
        Some(true) if coarse.rank <= 2 => Relation::Match(2),
        Some(true) => Relation::Match(1),
        _ => Relation::Conflict,
    }
}

fn norm_tokens(text: &str) -> BTreeSet<String> {
    const STOP: &[&str] = &[
        "the",
        "a",
        "an",
        "of",
        "and",
        "in",
        "on",
        "forces",
        "force",
        "group",
        "members",
        "member",
        "people",
        "men",
        "unidentified",
        "unknown",
        "suspected",
        "alleged",
        "armed",
        "local",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

fn actor_match(a: &Actor, b: &Actor) -> bool {
    let eq = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => false,
    };
    if eq(&a.name, &b.name) || eq(&a.code, &b.code) {
        return true;
    }
    if a.country.is_some() && eq(&a.country, &b.country) && eq(&a.sector, &b.sector) {
        return true;
    }
    let (ta, tb) = (norm_tokens(&a.text), norm_tokens(&b.text));
    !ta.is_empty() && ta.intersection(&tb).next().is_some()
}

fn actors_relation(a: &[Actor], b: &[Actor]) -> Relation {
    if a.is_empty() || b.is_empty() {
        return Relation::Unknown;
    }
    if a.iter().any(|x| b.iter().any(|y| actor_match(x, y))) {
        return Relation::Match(2);
    }
    if a.iter().any(Actor::identified) && b.iter().any(Actor::identified) {
        Relation::Conflict
    } else {
        Relation::Unknown
    }
}

/// Modes that reports of one happening may mix up: a suicide bombing is `suicide-attack` to one
/// coder and `explosives` to another.
fn mode_group(mode: &str) -> &str {
    match mode.to_ascii_lowercase().as_str() {
        "explosives" | "suicide-attack" | "unconventional" | "primitive" => "explosive",
        "firearms" | "targeted" => "firearms",
        "aerial" | "drone" | "heavy-weapons" => "stand-off",
        _ => mode,
    }
}

/// Whether a sector is civilian (`Some(true)`), state or armed (`Some(false)`), or unknown.
fn civilian(a: &Actor) -> Option<bool> {
    let sector = a.sector.clone().or_else(|| {
        a.code
            .as_ref()
            .map(|c| c[c.len().saturating_sub(3)..].to_string())
    })?;
    match sector.to_ascii_uppercase().as_str() {
        "CVL" | "REL" | "EDU" | "MED" | "HLH" | "BUS" | "REF" | "LAB" | "AGR" | "JRN" | "NGO"
        | "MNC" => Some(true),
        "GOV" | "MIL" | "COP" | "SPY" | "JUD" | "LEG" | "UAF" | "REB" | "INS" | "SEP" | "PTY" => {
            Some(false)
        }
        _ => None,
    }
}

/// Recipients are named loosely ("a police checkpoint", "two officers", "the government
/// post"): they conflict only when one side is civilian and the other state or armed.
fn recipients_relation(a: &[Actor], b: &[Actor]) -> Relation {
    if a.is_empty() || b.is_empty() {
        return Relation::Unknown;
    }
    if a.iter().any(|x| b.iter().any(|y| actor_match(x, y))) {
        return Relation::Match(2);
    }
    let classes = |list: &[Actor]| -> BTreeSet<bool> { list.iter().filter_map(civilian).collect() };
    let (ca, cb) = (classes(a), classes(b));
    if !ca.is_empty() && !cb.is_empty() && ca.is_disjoint(&cb) {
        Relation::Conflict
    } else {
        Relation::Unknown
    }
}

fn widened(p: &Profile, o: &CorroborationOptions) -> (NaiveDate, NaiveDate) {
    if p.date_rank == 0 {
        (
            p.start
                .checked_sub_days(Days::new(o.day_tolerance))
                .unwrap_or(p.start),
            p.end
                .checked_add_days(Days::new(o.day_tolerance))
                .unwrap_or(p.end),
        )
    } else {
        (p.start, p.end)
    }
}

fn same_sentence(a: &Profile, b: &Profile) -> bool {
    a.article_id == b.article_id && a.sentence_id.is_some() && a.sentence_id == b.sentence_id
}

fn dates_overlap(a: &Profile, b: &Profile, o: &CorroborationOptions) -> bool {
    let (sa, ea) = widened(a, o);
    let (sb, eb) = widened(b, o);
    sa <= eb && sb <= ea
}

/// The evidence that `a` and `b` report the same happening: `None` when they cannot, or when
/// nothing but type, date and place ties them.
fn link_score(a: &Profile, b: &Profile, o: &CorroborationOptions) -> Option<u8> {
    if a.family != b.family || !dates_overlap(a, b, o) {
        return None;
    }
    // Two events of one family in one sentence are one happening seen twice by the coder;
    // places and actors must still agree.
    let one_sentence = same_sentence(a, b);
    let place = place_relation(&a.place, &b.place, o);
    let actors = actors_relation(&a.actors, &b.actors);
    let recipients = recipients_relation(&a.recipients, &b.recipients);
    let mut score = 0u8;
    for relation in [place, actors, recipients] {
        match relation {
            Relation::Conflict => return None,
            Relation::Match(w) => score += w,
            Relation::Unknown => {}
        }
    }
    let same_mode_group = matches!((&a.mode, &b.mode), (Some(x), Some(y))
        if mode_group(x).eq_ignore_ascii_case(mode_group(y)));
    // A shared place alone does not make two attacks one: the same city sees several on one
    // day. It takes a matching actor or recipient, or a shared place and the same kind of
    // violence, or the same sentence.
    let who = matches!(actors, Relation::Match(_)) || matches!(recipients, Relation::Match(_));
    let place_and_how = matches!(place, Relation::Match(_)) && same_mode_group;
    if !(who || place_and_how || one_sentence) {
        return None;
    }
    if a.date_rank == 0 && b.date_rank == 0 && a.start == b.start {
        score += 1;
    }
    if same_mode_group {
        score += 1;
    }
    if one_sentence {
        score += 4;
    }
    Some(score)
}

/// Order of processing: most specific first, then by date and ids (independent of ingest
/// order).
fn specificity_key(p: &Profile) -> impl Ord + use<> {
    let place_rank = p.place.as_ref().map_or(9, |pl| pl.rank);
    let identified = p
        .actors
        .iter()
        .chain(&p.recipients)
        .filter(|a| a.identified())
        .count();
    (
        p.date_rank,
        place_rank,
        std::cmp::Reverse(identified),
        p.start,
        p.record_id.clone(),
        p.article_hash.clone(),
    )
}

/// Cluster profiles into incidents: returns lists of indices into `profiles`.
pub(crate) fn cluster(profiles: &[Profile], o: &CorroborationOptions) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..profiles.len()).collect();
    order.sort_by_cached_key(|&i| specificity_key(&profiles[i]));
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    // (family, day) → clusters with a member whose widened interval covers that day.
    let mut by_day: HashMap<(Family, NaiveDate), Vec<usize>> = HashMap::new();
    for &i in &order {
        let p = &profiles[i];
        let (start, end) = widened(p, o);
        let mut candidates: Vec<usize> = Vec::new();
        let mut day = start;
        while day <= end {
            if let Some(list) = by_day.get(&(p.family, day)) {
                candidates.extend(list);
            }
            day = match day.succ_opt() {
                Some(d) => d,
                None => break,
            };
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(u8, usize, usize)> = None; // (score, size, cluster)
        for &c in &candidates {
            let mut best_pair = 0u8;
            let mut ok = true;
            let mut any_link = false;
            for &m in &clusters[c] {
                let q = &profiles[m];
                match link_score(p, q, o) {
                    Some(s) => {
                        any_link = true;
                        best_pair = best_pair.max(s);
                    }
                    None => {
                        // No evidence is fine for a member as long as nothing conflicts.
                        if conflicts(p, q, o) {
                            ok = false;
                            break;
                        }
                    }
                }
            }
            if !ok || !any_link {
                continue;
            }
            let better = match best {
                None => true,
                Some((s, size, _)) => best_pair > s || (best_pair == s && clusters[c].len() > size),
            };
            if better {
                best = Some((best_pair, clusters[c].len(), c));
            }
        }
        let target = match best {
            Some((_, _, c)) => {
                clusters[c].push(i);
                c
            }
            None => {
                clusters.push(vec![i]);
                clusters.len() - 1
            }
        };
        let mut day = start;
        while day <= end {
            let list = by_day.entry((p.family, day)).or_default();
            if list.last() != Some(&target) && !list.contains(&target) {
                list.push(target);
            }
            day = match day.succ_opt() {
                Some(d) => d,
                None => break,
            };
        }
    }
    clusters
}

/// True when two events cannot be the same happening (as opposed to: no evidence that they
/// are).
fn conflicts(a: &Profile, b: &Profile, o: &CorroborationOptions) -> bool {
    a.family != b.family
        || !dates_overlap(a, b, o)
        || place_relation(&a.place, &b.place, o) == Relation::Conflict
        || actors_relation(&a.actors, &b.actors) == Relation::Conflict
        || recipients_relation(&a.recipients, &b.recipients) == Relation::Conflict
}

fn place_rank(precision: &str) -> u8 {
    match precision {
        "point" => 0,
        "city" => 1,
        "admin2" => 2,
        "admin1" => 3,
        "region" => 4,
        _ => 5,
    }
}

fn date_rank(precision: Option<&str>) -> u8 {
    match precision {
        Some("day") => 0,
        Some("week") => 1,
        Some("month") => 2,
        Some("year") => 3,
        _ => 4,
    }
}

fn parse_day(s: Option<String>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?.get(..10)?, "%Y-%m-%d").ok()
}

/// Load the profiles of all clusterable events; also returns how many were left out.
pub(crate) fn load_profiles(
    store: &Store,
    o: &CorroborationOptions,
) -> Result<(Vec<Profile>, u64)> {
    let conn = store.connection();
    let mut actors: HashMap<i64, (Vec<Actor>, Vec<Actor>)> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT event_id, role, text, name, country, sector, code FROM actors WHERE role != 'source'",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let event_id: i64 = r.get(0)?;
            let role: String = r.get(1)?;
            let actor = Actor {
                text: r.get(2)?,
                name: r.get(3)?,
                country: r.get(4)?,
                sector: r.get(5)?,
                code: r.get(6)?,
            };
            let entry = actors.entry(event_id).or_default();
            if role == "actor" {
                entry.0.push(actor);
            } else {
                entry.1.push(actor);
            }
        }
    }
    let mut stmt = conn.prepare(
        "SELECT e.id, e.record_id, e.article_id, a.content_hash, e.type, e.mode, e.date, \
         e.date_precision, e.date_start, e.date_end, e.modality, e.publisher, \
         coalesce(e.published, a.published), e.record, \
         p.id, p.gazetteer_id, p.name, p.country, p.admin1, p.lat, p.lon, p.precision, a.url, \
         e.sentence_id \
         FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN places p ON p.id = e.place_id",
    )?;
    let mut rows = stmt.query([])?;
    let mut profiles = Vec::new();
    let mut left_out = 0u64;
    while let Some(r) = rows.next()? {
        let modality: String = r.get(10)?;
        let event_type: String = r.get(4)?;
        let family = Family::of(&event_type);
        let published = parse_day(r.get(12)?);
        let precision: Option<String> = r.get(7)?;
        let rank = date_rank(precision.as_deref());
        let (start, end) = if rank < 4 {
            (parse_day(r.get(8)?), parse_day(r.get(9)?))
        } else {
            let p = published;
            (
                p.and_then(|d| d.checked_sub_days(Days::new(o.undated_window))),
                p,
            )
        };
        let (Some(family), Some(start), Some(end)) = (family, start, end) else {
            left_out += 1;
            continue;
        };
        if modality != "asserted" && modality != "alleged" {
            left_out += 1;
            continue;
        }
        let event_id: i64 = r.get(0)?;
        let record: String = r.get(13)?;
        let record = serde_json::from_str::<annals_record::EventRecord>(&record).ok();
        // A running total (a war's toll since it began) is not an incident of its own.
        if record.as_ref().is_some_and(|r| r.aggregate) {
            left_out += 1;
            continue;
        }
        let (killed, injured) = record.as_ref().map_or((None, None), quantities);
        let place = match r.get::<_, Option<i64>>(14)? {
            Some(id) => {
                let precision: String = r.get(21)?;
                Some(Place {
                    id,
                    gazetteer_id: r.get(15)?,
                    name: r.get(16)?,
                    country: r.get(17)?,
                    admin1: r.get(18)?,
                    lat: r.get(19)?,
                    lon: r.get(20)?,
                    rank: place_rank(&precision),
                    precision,
                })
            }
            None => None,
        };
        let url: Option<String> = r.get(22)?;
        let publisher: Option<String> = r.get(11)?;
        let (actor_list, recipient_list) = actors.remove(&event_id).unwrap_or_default();
        profiles.push(Profile {
            event_id,
            record_id: r.get(1)?,
            article_id: r.get(2)?,
            sentence_id: r.get(23)?,
            article_hash: r.get(3)?,
            family,
            event_type,
            mode: r.get(5)?,
            date: r.get(6)?,
            date_precision: precision,
            date_rank: rank,
            start,
            end,
            place,
            actors: actor_list,
            recipients: recipient_list,
            publisher: publisher
                .filter(|p| !p.trim().is_empty())
                .or_else(|| url.as_deref().and_then(annals_read::host_of)),
            published,
            killed,
            injured,
        });
    }
    Ok((profiles, left_out))
}

/// (best, low, high) of the `killed` and `injured` counts of a stored record.
fn quantities(record: &annals_record::EventRecord) -> (Option<Range>, Option<Range>) {
    let get = |kind: &str| {
        record.quantities.iter().find(|q| q.kind == kind).map(|q| {
            (
                q.value,
                q.low.unwrap_or(q.value).min(q.value),
                q.high.unwrap_or(q.value).max(q.value),
            )
        })
    };
    (get("killed"), get("injured"))
}

/// Recompute all incidents of the store (in one transaction).
pub fn corroborate(
    store: &mut Store,
    options: &CorroborationOptions,
) -> Result<CorroborationSummary> {
    let (profiles, left_out) = load_profiles(store, options)?;
    let clusters = cluster(&profiles, options);
    let tx = store.connection_mut().transaction()?;
    tx.execute(
        "UPDATE events SET incident_id = NULL WHERE incident_id IS NOT NULL",
        [],
    )?;
    tx.execute("DELETE FROM incidents", [])?;
    let mut summary = CorroborationSummary {
        clustered_events: profiles.len() as u64,
        left_out,
        ..Default::default()
    };
    {
        let mut insert = tx.prepare(
            "INSERT INTO incidents (key, family, type, mode, date, date_precision, date_start, date_end, \
             place_id, country, admin1, location, lat, lon, geo_precision, actor, recipient, n_reports, \
             n_articles, n_publishers, publishers, first_reported, first_article_id, killed_low, \
             killed_best, killed_high, injured_low, injured_best, injured_high, disagreements) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )?;
        let mut assign = tx.prepare("UPDATE events SET incident_id = ? WHERE id = ?")?;
        for members in &clusters {
            let s = summarize(&profiles, members);
            insert.execute(params![
                s.key,
                s.family,
                s.event_type,
                s.mode,
                s.date,
                s.date_precision,
                s.date_start,
                s.date_end,
                s.place.as_ref().map(|p| p.id),
                s.place.as_ref().and_then(|p| p.country.clone()),
                s.place.as_ref().and_then(|p| p.admin1.clone()),
                s.place.as_ref().map(|p| p.name.clone()),
                s.place.as_ref().and_then(|p| p.lat),
                s.place.as_ref().and_then(|p| p.lon),
                s.place.as_ref().map(|p| p.precision.clone()),
                s.actor,
                s.recipient,
                members.len() as i64,
                s.n_articles,
                s.publishers.len() as i64,
                serde_json::to_string(&s.publishers)?,
                s.first_reported,
                s.first_article_id,
                s.killed.map(|k| k.1),
                s.killed.map(|k| k.0),
                s.killed.map(|k| k.2),
                s.injured.map(|k| k.1),
                s.injured.map(|k| k.0),
                s.injured.map(|k| k.2),
                s.disagreements.to_string(),
            ])?;
            let incident_id = tx.last_insert_rowid();
            for &m in members {
                assign.execute(params![incident_id, profiles[m].event_id])?;
            }
            summary.incidents += 1;
            if members.len() > 1 {
                summary.multi_report_incidents += 1;
            }
        }
    }
    tx.commit()?;
    Ok(summary)
}

struct IncidentSummary {
    key: String,
    family: &'static str,
    event_type: String,
    mode: Option<String>,
    date: Option<String>,
    date_precision: Option<String>,
    date_start: String,
    date_end: String,
    place: Option<Place>,
    actor: Option<String>,
    recipient: Option<String>,
    n_articles: i64,
    publishers: Vec<String>,
    first_reported: Option<String>,
    first_article_id: Option<i64>,
    killed: Option<(f64, f64, f64)>,
    injured: Option<(f64, f64, f64)>,
    disagreements: serde_json::Value,
}

fn most_common<T: Ord + Clone>(items: impl IntoIterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for item in items {
        *counts.entry(item).or_default() += 1;
    }
    // Highest count; ties go to the smallest value (BTreeMap order), for determinism.
    let best = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(v, _)| v)
}

/// (best, low, high) over the reports: low is the lowest low, high the highest high, best the
/// median of the reports' best values.
fn combine(values: impl Iterator<Item = (f64, f64, f64)>) -> Option<(f64, f64, f64)> {
    let values: Vec<_> = values.collect();
    let mut bests: Vec<f64> = values.iter().map(|v| v.0).collect();
    let best = median(&mut bests)?;
    let low = values.iter().map(|v| v.1).fold(f64::INFINITY, f64::min);
    let high = values.iter().map(|v| v.2).fold(f64::NEG_INFINITY, f64::max);
    Some((best, low, high))
}

fn summarize(profiles: &[Profile], members: &[usize]) -> IncidentSummary {
    let ms: Vec<&Profile> = members.iter().map(|&i| &profiles[i]).collect();
    let seed = ms[0];
    let key = {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(seed.record_id.as_bytes());
        h.update([0]);
        h.update(seed.article_hash.as_bytes());
        format!("inc-{}", &hex(&h.finalize())[..12])
    };
    let event_type = most_common(ms.iter().map(|p| p.event_type.clone())).unwrap_or_default();
    let mode = most_common(ms.iter().filter_map(|p| p.mode.clone()));
    let best_rank = ms.iter().map(|p| p.date_rank).min().unwrap_or(4);
    let precise: Vec<&&Profile> = ms.iter().filter(|p| p.date_rank == best_rank).collect();
    let date = most_common(precise.iter().filter_map(|p| p.date.clone()));
    let date_precision = precise.iter().find_map(|p| p.date_precision.clone());
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let date_start = precise
        .iter()
        .map(|p| p.start)
        .min()
        .map(day)
        .unwrap_or_default();
    let date_end = precise
        .iter()
        .map(|p| p.end)
        .max()
        .map(day)
        .unwrap_or_default();
    let best_place = ms
        .iter()
        .filter_map(|p| p.place.as_ref())
        .map(|p| p.rank)
        .min();
    let place = best_place.and_then(|rank| {
        let id = most_common(
            ms.iter()
                .filter_map(|p| p.place.as_ref())
                .filter(|p| p.rank == rank)
                .map(|p| p.id),
        )?;
        ms.iter()
            .filter_map(|p| p.place.clone())
            .find(|p| p.id == id)
    });
    let label = |a: &Actor| a.name.clone().unwrap_or_else(|| a.text.clone());
    let pick = |list: &dyn Fn(&Profile) -> &Vec<Actor>| {
        let identified = most_common(
            ms.iter()
                .flat_map(|p| list(p).iter())
                .filter(|a| a.identified())
                .map(label),
        );
        identified.or_else(|| most_common(ms.iter().flat_map(|p| list(p).iter()).map(label)))
    };
    let actor = pick(&|p: &Profile| &p.actors);
    let recipient = pick(&|p: &Profile| &p.recipients);
    let n_articles = ms
        .iter()
        .map(|p| p.article_id)
        .collect::<BTreeSet<_>>()
        .len() as i64;
    let publishers: Vec<String> = ms
        .iter()
        .filter_map(|p| p.publisher.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let first = ms
        .iter()
        .filter(|p| p.published.is_some())
        .min_by_key(|p| (p.published, p.article_id));
    let killed = combine(ms.iter().filter_map(|p| p.killed));
    let injured = combine(ms.iter().filter_map(|p| p.injured));
    let mut disagreements = serde_json::Map::new();
    let distinct = |values: Vec<String>| -> Vec<String> {
        values
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let killed_values = distinct(
        ms.iter()
            .filter_map(|p| p.killed)
            .map(|k| k.0.to_string())
            .collect(),
    );
    if killed_values.len() > 1 {
        disagreements.insert("killed".into(), killed_values.into());
    }
    let injured_values = distinct(
        ms.iter()
            .filter_map(|p| p.injured)
            .map(|k| k.0.to_string())
            .collect(),
    );
    if injured_values.len() > 1 {
        disagreements.insert("injured".into(), injured_values.into());
    }
    let types = distinct(ms.iter().map(|p| p.event_type.clone()).collect());
    if types.len() > 1 {
        disagreements.insert("type".into(), types.into());
    }
    let days = distinct(
        ms.iter()
            .filter(|p| p.date_rank == 0)
            .filter_map(|p| p.date.clone())
            .collect(),
    );
    if days.len() > 1 {
        disagreements.insert("date".into(), days.into());
    }
    let places = distinct(
        ms.iter()
            .filter_map(|p| p.place.as_ref())
            .filter(|p| Some(p.rank) == best_place)
            .map(|p| p.name.clone())
            .collect(),
    );
    if places.len() > 1 {
        disagreements.insert("place".into(), places.into());
    }
    IncidentSummary {
        key,
        family: seed.family.as_str(),
        event_type,
        mode,
        date,
        date_precision,
        date_start,
        date_end,
        place,
        actor,
        recipient,
        n_articles,
        publishers,
        first_reported: first.and_then(|p| p.published).map(day),
        first_article_id: first.map(|p| p.article_id),
        killed,
        injured,
        disagreements: serde_json::Value::Object(disagreements),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn city(id: i64, name: &str, lat: f64, lon: f64) -> Place {
        Place {
            id,
            gazetteer_id: Some(format!("g:{id}")),
            name: name.into(),
            country: Some("AFG".into()),
            admin1: Some("Kabul".into()),
            lat: Some(lat),
            lon: Some(lon),
            rank: 1,
            precision: "city".into(),
        }
    }

    fn actor(text: &str, name: Option<&str>) -> Actor {
        Actor {
            text: text.into(),
            name: name.map(str::to_string),
            ..Actor::default()
        }
    }

    fn profile(id: i64, day: &str) -> Profile {
        Profile {
            event_id: id,
            record_id: format!("r{id}"),
            article_id: id,
            sentence_id: Some(id),
            article_hash: format!("h{id}"),
            family: Family::Violence,
            event_type: "ASSAULT".into(),
            mode: None,
            date: Some(day.into()),
            date_precision: Some("day".into()),
            date_rank: 0,
            start: d(day),
            end: d(day),
            place: Some(city(1, "Kabul", 34.55, 69.2)),
            actors: vec![],
            recipients: vec![],
            publisher: Some(format!("P{id}")),
            published: Some(d(day)),
            killed: None,
            injured: None,
        }
    }

    #[test]
    fn same_place_and_day_merge_and_next_week_does_not() {
        let o = CorroborationOptions::default();
        let mut a = profile(1, "2024-05-01");
        let mut b = profile(2, "2024-05-02");
        let mut c = profile(3, "2024-05-09");
        for p in [&mut a, &mut b, &mut c] {
            p.mode = Some("firearms".into());
        }
        let clusters = cluster(&[a, b, c], &o);
        assert_eq!(clusters.len(), 2);
        assert!(clusters.iter().any(|c| c.len() == 2));
    }

    #[test]
    fn different_named_actors_or_modes_stay_apart() {
        let o = CorroborationOptions::default();
        let mut a = profile(1, "2024-05-01");
        a.actors = vec![actor("Taliban fighters", Some("Taliban"))];
        let mut b = profile(2, "2024-05-01");
        b.actors = vec![actor("Islamic State militants", Some("Islamic State"))];
        assert_eq!(cluster(&[a.clone(), b], &o).len(), 2);
        let mut c = profile(3, "2024-05-01");
        c.mode = Some("abduct".into());
        a.mode = Some("explosives".into());
        assert_eq!(cluster(&[a.clone(), c.clone()], &o).len(), 2);
        c.mode = Some("suicide-attack".into());
        assert_eq!(cluster(&[a, c], &o).len(), 1);
    }

    #[test]
    fn a_vague_report_does_not_chain_two_incidents() {
        let o = CorroborationOptions::default();
        let mut a = profile(1, "2024-05-01");
        a.actors = vec![actor("Taliban", Some("Taliban"))];
        let mut b = profile(2, "2024-05-01");
        b.actors = vec![actor("Islamic State", Some("Islamic State"))];
        a.mode = Some("explosives".into());
        b.mode = Some("explosives".into());
        // Country-level, no actors, same kind of attack: compatible with both.
        let mut v = profile(3, "2024-05-01");
        v.mode = Some("suicide-attack".into());
        v.place = Some(Place {
            id: 9,
            gazetteer_id: None,
            name: "Afghanistan".into(),
            country: Some("AFG".into()),
            admin1: None,
            lat: None,
            lon: None,
            rank: 5,
            precision: "country".into(),
        });
        let clusters = cluster(&[a, b, v], &o);
        assert_eq!(clusters.len(), 2, "{clusters:?}");
        assert_eq!(clusters.iter().map(Vec::len).sum::<usize>(), 3);
    }

    #[test]
    fn recipients_conflict_only_across_civilian_and_state() {
        let with = |text: &str, sector: &str| Actor {
            text: text.into(),
            sector: Some(sector.into()),
            ..Actor::default()
        };
        let mosque = [with("a Shia mosque", "REL")];
        let worshippers = [with("12 worshippers", "CVL")];
        let police = [with("a police checkpoint", "COP")];
        let post = [with("the government post", "GOV")];
        assert_eq!(
            recipients_relation(&mosque, &worshippers),
            Relation::Unknown
        );
        assert_eq!(recipients_relation(&police, &post), Relation::Unknown);
        assert_eq!(
            recipients_relation(&worshippers, &police),
            Relation::Conflict
        );
        assert_eq!(
            recipients_relation(&police, &[with("two police officers", "COP")]),
            Relation::Match(2)
        );
        assert_eq!(recipients_relation(&police, &[]), Relation::Unknown);
    }

    #[test]
    fn places_nest_by_admin_and_distance() {
        let o = CorroborationOptions::default();
        let kabul = Some(city(1, "Kabul", 34.5553, 69.2075));
        let kandahar = Some(city(2, "Kandahar", 31.6289, 65.7372));
        let mut point = city(3, "Shar-e Naw", 34.535, 69.17);
        point.rank = 0;
        point.precision = "point".into();
        assert_eq!(place_relation(&kabul, &Some(point), &o), Relation::Match(2));
        assert_eq!(place_relation(&kabul, &kandahar, &o), Relation::Conflict);
        let province = Some(Place {
            id: 4,
            gazetteer_id: None,
            name: "Kabul".into(),
            country: Some("AFG".into()),
            admin1: Some("Kabul".into()),
            lat: None,
            lon: None,
            rank: 3,
            precision: "admin1".into(),
        });
        assert!(matches!(
            place_relation(&province, &kabul, &o),
            Relation::Match(_)
        ));
        let mut other_country = city(5, "Peshawar", 34.0, 71.5);
        other_country.country = Some("PAK".into());
        assert_eq!(
            place_relation(&kabul, &Some(other_country), &o),
            Relation::Conflict
        );
        assert_eq!(place_relation(&kabul, &None, &o), Relation::Unknown);
    }

    #[test]
    fn type_date_and_place_alone_are_not_enough() {
        let o = CorroborationOptions::default();
        let mut a = profile(1, "2024-05-01");
        let mut b = profile(2, "2024-05-01");
        // Same city, same day, nothing else known: two attacks, not one.
        assert_eq!(cluster(&[a.clone(), b.clone()], &o).len(), 2);
        a.place = None;
        b.place = None;
        a.mode = Some("firearms".into());
        b.mode = Some("firearms".into());
        assert_eq!(cluster(&[a.clone(), b.clone()], &o).len(), 2);
        // The same sentence of one article: one happening, even with modes that disagree.
        b.article_id = a.article_id;
        b.sentence_id = a.sentence_id;
        b.mode = Some("aerial".into());
        assert_eq!(cluster(&[a, b], &o).len(), 1);
    }

    #[test]
    fn counts_keep_low_best_high() {
        let mut a = profile(1, "2024-05-01");
        a.killed = Some((5.0, 5.0, 5.0));
        let mut b = profile(2, "2024-05-01");
        b.killed = Some((7.0, 7.0, 7.0));
        let mut c = profile(3, "2024-05-01");
        c.killed = Some((12.0, 10.0, 15.0));
        let profiles = vec![a, b, c];
        let s = summarize(&profiles, &[0, 1, 2]);
        assert_eq!(s.killed, Some((7.0, 5.0, 15.0)));
        assert_eq!(s.disagreements["killed"].as_array().unwrap().len(), 3);
        assert_eq!(s.publishers.len(), 3);
        assert!(s.key.starts_with("inc-"));
    }

    #[test]
    fn clustering_does_not_depend_on_input_order() {
        let o = CorroborationOptions::default();
        let mut ps: Vec<Profile> = (0..12)
            .map(|i| {
                let mut p = profile(i, &format!("2024-05-{:02}", 1 + (i % 4) * 3));
                p.mode = Some(["firearms", "explosives"][(i % 2) as usize].into());
                if i % 3 == 0 {
                    p.actors = vec![actor("Taliban", Some("Taliban"))];
                }
                p
            })
            .collect();
        let key = |ps: &[Profile], clusters: Vec<Vec<usize>>| {
            let mut sets: Vec<Vec<i64>> = clusters
                .into_iter()
                .map(|c| {
                    let mut ids: Vec<i64> = c.into_iter().map(|i| ps[i].event_id).collect();
                    ids.sort();
                    ids
                })
                .collect();
            sets.sort();
            sets
        };
        let first = key(&ps, cluster(&ps, &o));
        ps.reverse();
        let second = key(&ps, cluster(&ps, &o));
        assert_eq!(first, second);
    }
}
