//! Actor lexicons: who is who.
//!
//! Three sources, all plain text under `data/` (format in `docs/lexicons.md`):
//!
//! * the country table (`data/places/countries.tsv`, shared with the geo stage): names and
//!   aliases code a country, demonyms ("Syrian") code a country, capitals ("Damascus") code
//!   its government when they stand for it;
//! * actor files (`data/actors/*.txt`, `[actors]` sections): named organisations, armed groups,
//!   IGOs and people, with a country or non-state code, a sector, and for office holders the
//!   dates in office (so that a name codes by the article's date);
//! * agent files (`[agents]` sections): the generic words that give a sector ("troops" = MIL,
//!   "military police" = COP, "rebels" = REB), combined with a country from the same phrase.
//!
//! Matching is by [`PhraseDict`]; combining the hits of a noun phrase into one code is
//! [`ActorLexicon::code_phrase`].

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use annals_document::{Doc, Upos};
use annals_geo::CountryTable;
use chrono::NaiveDate;
use serde::Serialize;

use crate::phrases::{Phrase, PhraseDict, PhraseMatch};

/// What kind of word or name an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// A country name ("Syria", "the United States").
    Country,
    /// A demonym or adjective ("Syrian", "Russians").
    Demonym,
    /// A capital, standing for its government when it acts ("Damascus", "Moscow").
    Capital,
    /// A named organisation, group, institution or metonym ("Hezbollah", "the Kremlin").
    Organization,
    /// A named person ("Vladimir Putin").
    Person,
    /// A generic word that gives a sector ("troops", "police", "rebels").
    Agent,
}

/// A span of dates in which an entry applies (both ends inclusive, open ends allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateRange {
    /// First day, if bounded.
    pub from: Option<NaiveDate>,
    /// Last day, if bounded.
    pub to: Option<NaiveDate>,
}

impl DateRange {
    /// Whether `date` lies in the range.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorEntry {
    /// Canonical name (the first alias).
    pub name: String,
    /// Country (ISO3) or non-state code (IGO, UNO, EUR, NGO, IMG, MNC, ISM); `None` for agents.
    pub code: Option<String>,
    /// Sector (GOV, MIL, REB, COP, …), when the entry gives one.
    pub sector: Option<String>,
    /// What the entry is.
    pub kind: EntryKind,
    /// When the entry applies; empty = always.
    pub dates: Vec<DateRange>,
    /// File and line it came from.
    pub source: String,
}

impl ActorEntry {
    /// Whether the entry applies on `date` (always, when the date is unknown).
    pub fn applies(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => true,
            Some(d) => self.dates.is_empty() || self.dates.iter().any(|r| r.contains(d)),
        }
    }
}

/// The code of an actor: country (or non-state code) and sector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ActorCode {
    /// ISO3 country code or non-state code (IGO, UNO, NGO, IMG, …).
    pub country: Option<String>,
    /// Sector (GOV, MIL, REB, COP, CVL, …).
    pub sector: Option<String>,
    /// Canonical name, when the actor is a known person or organisation.
    pub name: Option<String>,
}

impl ActorCode {
    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        self.country.is_none() && self.sector.is_none() && self.name.is_none()
    }

    /// CAMEO-style code: country + sector (`SYRMIL`).
    pub fn cameo(&self) -> Option<String> {
        match (&self.country, &self.sector) {
            (Some(c), Some(s)) => Some(format!("{c}{s}")),
            (Some(c), None) => Some(c.clone()),
            (None, Some(s)) => Some(s.clone()),
            (None, None) => None,
        }
    }
}

/// A lexicon line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// File name.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// Non-state codes accepted besides ISO3 countries.
pub const NON_STATE_CODES: &[&str] = &["IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"];

/// Sector codes accepted in lexicons (PLOVER/CAMEO).
pub const SECTORS: &[&str] = &[
    "GOV", "MIL", "REB", "COP", "JUD", "LEG", "PTY", "OPP", "PRM", "SPY", "UAF", "UNK", "AGR",
    "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "PRE", "REL", "SOC", "HLH",
    "ENV", "IMG", "INS", "SEP", "MOD", "RAD",
];

/// All actor knowledge: the compiled phrase dictionary and its entries.
#[derive(Debug, Clone)]
pub struct ActorLexicon {
    dict: PhraseDict<Vec<u32>>,
    entries: Vec<ActorEntry>,
}

/// A lexicon hit in a document: tokens and the entries that share the matched phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorHit {
    /// Doc-level token indices.
    pub tokens: Range<usize>,
    /// Indices into [`ActorLexicon::entries`].
    pub entries: Vec<u32>,
}

/// Directory with the shipped data files (`ANNALS_DATA` or the repository's `data/`).
pub fn data_dir() -> PathBuf {
    std::env::var_os("ANNALS_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data")))
}

pub use annals_document::inflect::plurals;

fn tokens_of(alias: &str) -> Vec<String> {
    let doc = Doc::from_article(&annals_read::Article::new("alias", alias));
    doc.tokens.into_iter().map(|t| t.norm).collect()
}

/// Whether an alias is matched case-sensitively: short and all capitals ("IS", "US", "HTS").
fn case_sensitive(alias: &str) -> bool {
    let letters: Vec<char> = alias.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase())
}

fn parse_date(s: &str, end: bool) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |i: usize| -> Result<u32, String> {
        parts[i]
            .parse::<u32>()
            .map_err(|_| format!("bad date {s:?}: use YYYY, YYYY-MM or YYYY-MM-DD"))
    };
    let y = num(0)? as i32;
    let (m, d) = match parts.len() {
        1 => (if end { 12 } else { 1 }, if end { 31 } else { 1 }),
        2 => {
            let m = num(1)?;
            let last = (28..=31)
                .rev()
                .find(|&d| NaiveDate::from_ymd_opt(y, m, d).is_some())
                .unwrap_or(28);
            (m, if end { last } else { 1 })
        }
        3 => (num(1)?, num(2)?),
        _ => return Err(format!("bad date {s:?}: use YYYY, YYYY-MM or YYYY-MM-DD")),
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no such date {s:?}"))
}

fn parse_ranges(s: &str) -> Result<Vec<DateRange>, String> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| {
            let (from, to) = part.split_once("..").ok_or_else(|| {
                format!("bad date range {part:?}: use FROM..TO (either may be empty)")
            })?;
            Ok(DateRange {
                from: (!from.is_empty())
                    .then(|| parse_date(from, false))
                    .transpose()?,
                to: (!to.is_empty()).then(|| parse_date(to, true)).transpose()?,
            })
        })
        .collect()
}

/// One parsed line: aliases and entry.
type Parsed = (Vec<String>, ActorEntry);

/// Parse a lexicon file's text. `[actors]` lines: `alias | alias = CODE [SECTOR] [RANGES]
/// [person|org]`; `[agents]` lines: `alias | alias = SECTOR`. `#` starts a comment.
pub fn parse_lexicon(text: &str, file: &str) -> (Vec<Parsed>, Vec<LexiconError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut section = "actors";
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split(" #").next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let err = |message: String| LexiconError {
            file: file.to_string(),
            line: n + 1,
            message,
        };
        if line.starts_with('[') {
            match line {
                "[actors]" => section = "actors",
                "[agents]" => section = "agents",
                other => errors.push(err(format!(
                    "unknown section {other}: use [actors] or [agents]"
                ))),
            }
            continue;
        }
        let Some((left, right)) = line.split_once('=') else {
            errors.push(err("expected `aliases = CODE ...`".to_string()));
            continue;
        };
        let aliases: Vec<String> = left
            .split('|')
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        if aliases.is_empty() {
            errors.push(err("no alias before `=`".to_string()));
            continue;
        }
        let fields: Vec<&str> = right.split_whitespace().collect();
        let source = format!("{file}:{}", n + 1);
        let entry = if section == "agents" {
            // A sector, or a non-state code and a sector for words that name a kind of
            // non-state body ("rights group" = NGO SOC).
            let (code, sector) = match fields.as_slice() {
                [sector] => (None, *sector),
                [code, sector] if NON_STATE_CODES.contains(code) => {
                    (Some(code.to_string()), *sector)
                }
                _ => (None, ""),
            };
            match sector {
                sector if SECTORS.contains(&sector) => ActorEntry {
                    name: aliases[0].clone(),
                    code,
                    sector: Some(sector.to_string()),
                    kind: EntryKind::Agent,
                    dates: Vec::new(),
                    source,
                },
                _ => {
                    errors.push(err(format!(
                        "agents take one sector code, e.g. `= MIL`, or a non-state code and a \
                         sector, e.g. `= NGO SOC`; got {right:?}"
                    )));
                    continue;
                }
            }
        } else {
            let mut iter = fields.iter().copied().peekable();
            let Some(code) = iter.next() else {
                errors.push(err("missing code after `=`".to_string()));
                continue;
            };
            let code_ok = code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase());
            if !code_ok {
                errors.push(err(format!(
                    "code {code:?} is not an ISO3 country or one of {NON_STATE_CODES:?}"
                )));
                continue;
            }
            let mut sector = None;
            let mut dates = Vec::new();
            let mut kind = EntryKind::Organization;
            let mut explicit_org = false;
            let mut bad = None;
            for f in iter {
                if SECTORS.contains(&f) && sector.is_none() {
                    sector = Some(f.to_string());
                } else if f.contains("..") {
                    match parse_ranges(f) {
                        Ok(r) => dates.extend(r),
                        Err(e) => bad = Some(e),
                    }
                } else if f == "person" {
                    kind = EntryKind::Person;
                } else if f == "org" {
                    kind = EntryKind::Organization;
                    explicit_org = true;
                } else {
                    bad = Some(format!(
                        "unexpected {f:?}: after the code come an optional sector, date ranges and `person` or `org`"
                    ));
                }
            }
            if let Some(message) = bad {
                errors.push(err(message));
                continue;
            }
            if !dates.is_empty() && kind == EntryKind::Organization && !explicit_org {
                kind = EntryKind::Person;
            }
            ActorEntry {
                name: aliases[0].clone(),
                code: Some(code.to_string()),
                sector,
                kind,
                dates,
                source,
            }
        };
        out.push((aliases, entry));
    }
    (out, errors)
}

/// Build options: where the files are.
#[derive(Debug, Clone)]
pub struct LexiconSources {
    /// Actor and agent files.
    pub files: Vec<PathBuf>,
    /// Country codes to fold into others (`data/actors/country-codes.tsv`: `FROM\tTO`).
    pub code_map: Option<PathBuf>,
}

impl LexiconSources {
    /// The shipped files: every `data/actors/*.txt`, plus `country-codes.tsv`.
    pub fn shipped() -> LexiconSources {
        let dir = data_dir().join("actors");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        LexiconSources {
            files,
            code_map: Some(dir.join("country-codes.tsv")).filter(|p| p.exists()),
        }
    }
}

impl ActorLexicon {
    /// Load the shipped lexicons plus `extra` user files.
    pub fn load(extra: &[PathBuf]) -> Result<ActorLexicon, Vec<LexiconError>> {
        let mut sources = LexiconSources::shipped();
        sources.files.extend(extra.iter().cloned());
        ActorLexicon::from_sources(&sources, CountryTable::shipped())
    }

    /// Build from explicit sources and a country table.
    pub fn from_sources(
        sources: &LexiconSources,
        countries: &CountryTable,
    ) -> Result<ActorLexicon, Vec<LexiconError>> {
        let mut errors = Vec::new();
        let mut code_map: HashMap<String, String> = HashMap::new();
        if let Some(path) = &sources.code_map {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    for (n, line) in text.lines().enumerate() {
                        let line = line.split('#').next().unwrap_or("").trim();
                        if line.is_empty() {
                            continue;
                        }
                        match line.split_whitespace().collect::<Vec<_>>().as_slice() {
                            [from, to] => {
                                code_map.insert(from.to_string(), to.to_string());
                            }
                            _ => errors.push(LexiconError {
                                file: path.display().to_string(),
                                line: n + 1,
                                message: "expected `FROM TO` country codes".into(),
                            }),
                        }
                    }
                }
                Err(e) => errors.push(LexiconError {
                    file: path.display().to_string(),
                    line: 0,
                    message: e.to_string(),
                }),
            }
        }
        let mut parsed: Vec<Parsed> = country_entries(countries, &code_map);
        for path in &sources.files {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    let (p, e) = parse_lexicon(&text, &file_label(path));
                    parsed.extend(p);
                    errors.extend(e);
                }
                Err(e) => errors.push(LexiconError {
                    file: path.display().to_string(),
                    line: 0,
                    message: format!("cannot read: {e}"),
                }),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ActorLexicon::from_parsed(parsed))
    }

    /// Build from parsed entries (used by tests and by [`ActorLexicon::from_sources`]).
    pub fn from_parsed(parsed: Vec<Parsed>) -> ActorLexicon {
        let mut entries = Vec::new();
        let mut by_phrase: HashMap<(Vec<String>, bool), Vec<u32>> = HashMap::new();
        let mut order: Vec<(Vec<String>, bool)> = Vec::new();
        for (aliases, entry) in parsed {
            let id = entries.len() as u32;
            let agent = entry.kind == EntryKind::Agent;
            entries.push(entry);
            for alias in aliases {
                let tokens = tokens_of(&alias);
                if tokens.is_empty() {
                    continue;
                }
                let cs = case_sensitive(&alias);
                let mut variants = vec![tokens.clone()];
                if agent {
                    let last = tokens.last().cloned().unwrap_or_default();
                    for p in plurals(&last) {
                        let mut v = tokens.clone();
                        *v.last_mut().expect("non-empty") = p;
                        variants.push(v);
                    }
                }
                // "the Kremlin" also matches "Kremlin".
                if tokens.len() > 1 && tokens[0].eq_ignore_ascii_case("the") {
                    variants.push(tokens[1..].to_vec());
                }
                for v in variants {
                    let key_tokens = if cs {
                        v.clone()
                    } else {
                        v.iter().map(|t| t.to_lowercase()).collect()
                    };
                    let key = (key_tokens, cs);
                    let slot = by_phrase.entry(key.clone()).or_insert_with(|| {
                        order.push(key.clone());
                        Vec::new()
                    });
                    if !slot.contains(&id) {
                        slot.push(id);
                    }
                }
            }
        }
        let phrases = order
            .into_iter()
            .map(|key| {
                let value = by_phrase.remove(&key).unwrap_or_default();
                Phrase {
                    tokens: key.0,
                    case_sensitive: key.1,
                    value,
                }
            })
            .collect();
        ActorLexicon {
            dict: PhraseDict::build(phrases),
            entries,
        }
    }

    /// All entries.
    pub fn entries(&self) -> &[ActorEntry] {
        &self.entries
    }

    /// Number of phrases in the dictionary.
    pub fn phrase_count(&self) -> usize {
        self.dict.len()
    }

    /// All lexicon hits in a document.
    pub fn find(&self, doc: &Doc) -> Vec<ActorHit> {
        let hits = self.dict.find_in_doc(doc);
        hits.into_iter()
            .map(|PhraseMatch { tokens, value }| ActorHit {
                tokens,
                entries: value.clone(),
            })
            .filter(|h| !is_false_friend(doc, h, &self.entries))
            .collect()
    }

    /// The entry of a hit that applies on `date` (the first that does).
    pub fn entry_for(&self, hit: &ActorHit, date: Option<NaiveDate>) -> Option<&ActorEntry> {
        let applying = hit
            .entries
            .iter()
            .map(|&i| &self.entries[i as usize])
            .find(|e| e.applies(date));
        applying.or_else(|| hit.entries.first().map(|&i| &self.entries[i as usize]))
    }

    /// Combine the hits inside a phrase into one code. `head` (doc-level token index) is the
    /// phrase's head noun when known; hits covering it count most.
    ///
    /// Rules: a named actor (organisation or person) covering the head gives its code, sector
    /// and name (a person out of office on `date` becomes an `ELI` of their country); otherwise
    /// the country is the first country/demonym/capital/named hit in the phrase and the sector
    /// comes from the agent word closest to the head (a capital alone gives `GOV`).
    pub fn code_phrase(
        &self,
        hits: &[&ActorHit],
        head: Option<usize>,
        date: Option<NaiveDate>,
    ) -> ActorCode {
        let mut code = ActorCode::default();
        let covers_head = |h: &ActorHit| head.is_some_and(|t| h.tokens.contains(&t));
        // Named actors.
        let named = hits
            .iter()
            .filter(|h| {
                h.entries.iter().any(|&i| {
                    matches!(
                        self.entries[i as usize].kind,
                        EntryKind::Organization | EntryKind::Person
                    )
                })
            })
            .max_by_key(|h| (covers_head(h), h.tokens.len()));
        if let Some(hit) = named.filter(|h| covers_head(h) || head.is_none())
            && let Some(e) = self.entry_for(hit, date)
        {
            code.country.clone_from(&e.code);
            code.sector.clone_from(&e.sector);
            code.name = Some(e.name.clone());
            if e.kind == EntryKind::Person && !e.applies(date) {
                code.sector = Some("ELI".to_string());
            }
            if code.sector.is_some() && code.country.is_some() {
                return code;
            }
        }
        // A country named by the head itself comes first ("NATO-member Norway"), then the
        // first in text order ("Syrian government troops", "Bosnian Serbs").
        let head_country = |h: &ActorHit| {
            covers_head(h)
                && h.entries
                    .iter()
                    .any(|&i| self.entries[i as usize].kind == EntryKind::Country)
        };
        let head_first = hits
            .iter()
            .filter(|h| head_country(h))
            .chain(hits.iter().filter(|h| !head_country(h)));
        for hit in head_first {
            let Some(e) = self.entry_for(hit, date) else {
                continue;
            };
            if code.country.is_none() && e.kind != EntryKind::Agent {
                code.country.clone_from(&e.code);
            }
        }
        // Sector: the agent nearest the head (the head itself first), else a capital's GOV,
        // else a named actor's sector.
        let agent = self.nearest_agent(hits, head);
        if code.sector.is_none() {
            if let Some(e) = agent.and_then(|h| self.entry_for(h, date)) {
                code.sector.clone_from(&e.sector);
            } else if hits.iter().any(|h| {
                h.entries
                    .iter()
                    .any(|&i| self.entries[i as usize].kind == EntryKind::Capital)
            }) {
                code.sector = Some("GOV".to_string());
            } else if let Some(e) = named.and_then(|h| self.entry_for(h, date)) {
                code.sector.clone_from(&e.sector);
                if code.name.is_none() && covers_head(named.expect("named")) {
                    code.name = Some(e.name.clone());
                }
            }
            // The armed men of a named non-state group are of the group's kind: "Boko Haram
            // gunmen", "the rebel FDLR force", "cartel gunmen" are REB or CRM, not UAF or MIL.
            if let Some(e) = named.and_then(|h| self.entry_for(h, date))
                && e.kind == EntryKind::Organization
                && e.sector
                    .as_deref()
                    .is_some_and(|x| matches!(x, "REB" | "PRM" | "CRM"))
                && code
                    .sector
                    .as_deref()
                    .is_some_and(|x| matches!(x, "MIL" | "UAF" | "REB" | "PRM"))
            {
                code.sector.clone_from(&e.sector);
            }
        }
        code
    }

    /// The agent word nearest the phrase's head (the head itself first; without a head,
    /// the last).
    fn nearest_agent<'h>(
        &self,
        hits: &[&'h ActorHit],
        head: Option<usize>,
    ) -> Option<&'h ActorHit> {
        hits.iter()
            .copied()
            .filter(|h| {
                h.entries
                    .iter()
                    .any(|&i| self.entries[i as usize].kind == EntryKind::Agent)
            })
            .min_by_key(|h| match head {
                Some(t) if h.tokens.contains(&t) => 0,
                Some(t) => 1 + h.tokens.start.abs_diff(t).min(h.tokens.end.abs_diff(t + 1)),
                None => usize::MAX - h.tokens.end,
            })
    }

    /// The non-state code that the agent word nearest the head gives ("a human rights group"
    /// is `NGO`): for a phrase that nothing else gives a country, not even a place.
    pub fn agent_code(
        &self,
        hits: &[&ActorHit],
        head: Option<usize>,
        date: Option<NaiveDate>,
    ) -> Option<String> {
        self.nearest_agent(hits, head)
            .and_then(|h| self.entry_for(h, date))
            .and_then(|e| e.code.clone())
    }

    /// Code a free-standing actor string ("Syrian government troops").
    pub fn code_text(&self, text: &str, date: Option<NaiveDate>) -> Option<ActorCode> {
        let doc = Doc::from_article(&annals_read::Article::new("actor", text));
        let hits = self.find(&doc);
        if hits.is_empty() {
            return None;
        }
        let refs: Vec<&ActorHit> = hits.iter().collect();
        // Without a parse, the head of a short phrase is its last noun-like token before a
        // preposition ("Russia's ambassador to Poland").
        // "members of SANDF" speak for the group: its name is the head.
        let end = doc
            .tokens
            .iter()
            .skip(1)
            .position(|t| PREPOSITIONS.contains(&t.norm.to_lowercase().as_str()))
            .map(|p| p + 1)
            .filter(|&p| {
                !SPEAKS_FOR.contains(&doc.tokens[p - 1].norm.to_lowercase().trim_end_matches('s'))
            })
            .unwrap_or(doc.tokens.len());
        let head = doc.tokens[..end]
            .iter()
            .rposition(|t| t.norm.chars().any(char::is_alphabetic) && t.upos != Upos::Adp);
        let mut code = self.code_phrase(&refs, head, date);
        if code.country.is_none() {
            code.country = self.agent_code(&refs, head, date);
        }
        (!code.is_empty()).then_some(code)
    }
}

/// Prepositions that end the head noun of an unparsed actor phrase.
const PREPOSITIONS: &[&str] = &["of", "to", "in", "for", "from", "at", "on", "with", "near"];

/// Words for people who speak or act for the group their phrase names ("members of SANDF",
/// "a spokesman for the armed group"): they take the group's code.
pub const SPEAKS_FOR: &[&str] = &[
    "member",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "representative",
    "envoy",
    "delegation",
    "delegate",
    "official",
    "source",
];

/// Lexicon hits that are ordinary words in context: a demonym or country inside a longer
/// capitalised name is fine, but "US" as the pronoun "us" is already excluded by case; here
/// we drop sentence-initial case-insensitive country-short-forms that are common words.
fn is_false_friend(doc: &Doc, hit: &ActorHit, entries: &[ActorEntry]) -> bool {
    let first = &doc.tokens[hit.tokens.start];
    let single = hit.tokens.len() == 1;
    let all_agents = hit
        .entries
        .iter()
        .all(|&i| entries[i as usize].kind == EntryKind::Agent);
    // Names must be capitalised (agents are common nouns and need not be). A name with a
    // lower-case particle is capitalised after it ("al-Qaeda", "ad-Dawa", "el-Sisi").
    let capitalised = first
        .norm
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
        || first
            .norm
            .split(['-', '\''])
            .skip(1)
            .any(|part| part.starts_with(char::is_uppercase));
    let lower_case_text = doc
        .text
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(2000)
        .all(|c| !c.is_uppercase());
    single && !all_agents && !capitalised && !lower_case_text
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Entries generated from the country table: names, aliases, demonyms and capitals.
fn country_entries(countries: &CountryTable, code_map: &HashMap<String, String>) -> Vec<Parsed> {
    let mut out = Vec::new();
    for c in countries.countries() {
        let code = code_map
            .get(&c.iso3)
            .cloned()
            .unwrap_or_else(|| c.iso3.clone());
        let entry = |kind, sector: Option<&str>| ActorEntry {
            name: c.name.clone(),
            code: Some(code.clone()),
            sector: sector.map(str::to_string),
            kind,
            dates: Vec::new(),
            source: "data/places/countries.tsv".to_string(),
        };
        let mut names = vec![c.name.clone()];
        names.extend(c.aliases.iter().cloned());
        out.push((names, entry(EntryKind::Country, None)));
        if !c.demonyms.is_empty() {
            out.push((c.demonyms.clone(), entry(EntryKind::Demonym, None)));
        }
        if !c.capital.is_empty() {
            out.push((
                vec![c.capital.clone()],
                entry(EntryKind::Capital, Some("GOV")),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon(text: &str) -> ActorLexicon {
        let (mut parsed, errors) = parse_lexicon(text, "test.txt");
        assert!(errors.is_empty(), "{errors:?}");
        let countries = CountryTable::shipped();
        parsed.extend(country_entries(countries, &HashMap::new()));
        ActorLexicon::from_parsed(parsed)
    }

    const TEXT: &str = "\
[actors]
Islamic State | IS | ISIS | ISIL | Daesh = IMG REB
the Kremlin = RUS GOV
Vladimir Putin | Putin = RUS GOV 2000-05-07..2008-05-07,2012-05-07..
[agents]
government | authorities = GOV
troops | soldier | army | military | forces = MIL
military police = COP
rebel | insurgent | militant = REB
";

    fn code(text: &str, date: Option<NaiveDate>) -> Option<(Option<String>, Option<String>)> {
        lexicon(TEXT)
            .code_text(text, date)
            .map(|c| (c.country, c.sector))
    }

    fn cs(c: &str, s: &str) -> Option<(Option<String>, Option<String>)> {
        Some((Some(c.to_string()), Some(s.to_string())))
    }

    #[test]
    fn country_plus_agent() {
        assert_eq!(code("Syrian government troops", None), cs("SYR", "MIL"));
        assert_eq!(code("Russian military police", None), cs("RUS", "COP"));
        assert_eq!(code("the Kremlin", None), cs("RUS", "GOV"));
        assert_eq!(code("Damascus", None), cs("SYR", "GOV"));
        assert_eq!(code("the rebels", None), Some((None, Some("REB".into()))));
        assert_eq!(
            code("Republic of Albania", None).unwrap().0.as_deref(),
            Some("ALB")
        );
    }

    #[test]
    fn the_armed_men_of_a_named_group_are_of_its_kind() {
        let lex = lexicon(
            "[actors]\nBoko Haram = NGA REB\n[agents]\ngunman = UAF\nforce = MIL\npolice = COP\n",
        );
        let code = |t: &str| lex.code_text(t, None).and_then(|c| c.sector);
        assert_eq!(code("Boko Haram gunmen").as_deref(), Some("REB"));
        assert_eq!(code("a Boko Haram force").as_deref(), Some("REB"));
        assert_eq!(code("Boko Haram police").as_deref(), Some("COP"));
    }

    #[test]
    fn named_actors_and_dates() {
        assert_eq!(code("ISIS fighters", None), cs("IMG", "REB"));
        assert_eq!(code("Islamic State", None), cs("IMG", "REB"));
        let in_office = NaiveDate::from_ymd_opt(2018, 8, 2);
        let out_of_office = NaiveDate::from_ymd_opt(2010, 1, 1);
        assert_eq!(code("Putin", in_office), cs("RUS", "GOV"));
        assert_eq!(code("Putin", out_of_office), cs("RUS", "ELI"));
    }

    #[test]
    fn an_agent_may_give_a_non_state_code_before_its_sector() {
        let (parsed, errors) = parse_lexicon(
            "[agents]\ncharity | aid group = NGO SOC\nfarmer = AGR\n",
            "t",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let lex = ActorLexicon::from_parsed(parsed);
        let code = lex.code_text("a local charity", None).expect("coded");
        assert_eq!(code.country.as_deref(), Some("NGO"));
        assert_eq!(code.sector.as_deref(), Some("SOC"));
        assert_eq!(
            lex.code_text("the farmers", None).expect("coded").country,
            None
        );
        // Only non-state codes: a country's belongs in [actors].
        let (_, errors) = parse_lexicon("[agents]\nfoo = FRA SOC\n", "t");
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn dated_entries_are_people_unless_marked_org() {
        let (parsed, errors) = parse_lexicon(
            "[actors]\nAda Bey = TUR GOV 2000..2005\nFront = TUR REB ..2005 org\n",
            "t",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let lex = ActorLexicon::from_parsed(parsed);
        let kinds: Vec<EntryKind> = lex.entries().iter().map(|e| e.kind).collect();
        assert!(kinds.contains(&EntryKind::Person));
        assert!(kinds.contains(&EntryKind::Organization));
    }

    #[test]
    fn case_sensitive_short_names() {
        let lex = lexicon(TEXT);
        let doc = Doc::from_article(&annals_read::Article::new("t", "This is what IS wants."));
        let hits = lex.find(&doc);
        assert_eq!(hits.len(), 1);
        assert_eq!(doc.tokens[hits[0].tokens.start].norm, "IS");
    }

    #[test]
    fn names_with_a_lower_case_particle_are_capitalised() {
        let lex = lexicon("[actors]\nal-Nusra | Nusra = SYR REB\n");
        let doc = Doc::from_article(&annals_read::Article::new(
            "t",
            "Fighters of al-Nusra ate turkey and al-nusra bread.",
        ));
        let hits = lex.find(&doc);
        let words: Vec<&str> = hits
            .iter()
            .map(|h| doc.tokens[h.tokens.start].norm.as_str())
            .collect();
        assert_eq!(words, vec!["al-Nusra"]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let (_, errors) = parse_lexicon(
            "[actors]\nfoo = syria\nbar\n[agents]\nx = NOPE\n[people]\n",
            "f.txt",
        );
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 5, 6]);
        assert!(errors[0].to_string().starts_with("f.txt:2:"));
    }
}

#[cfg(test)]
mod shipped {
    use super::*;

    #[test]
    fn shipped_lexicons_load_cleanly_and_code_common_phrases() {
        let lexicon = match ActorLexicon::load(&[]) {
            Ok(l) => l,
            Err(errors) => panic!(
                "shipped lexicon errors:\n{}",
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
        };
        assert!(lexicon.phrase_count() > 1000, "{}", lexicon.phrase_count());
        let code = |text: &str, date: Option<NaiveDate>| {
            lexicon
                .code_text(text, date)
                .map(|c| (c.country.unwrap_or_default(), c.sector.unwrap_or_default()))
        };
        let pair = |c: &str, s: &str| Some((c.to_string(), s.to_string()));
        assert_eq!(code("Syrian government troops", None), pair("SYR", "MIL"));
        assert_eq!(code("Russian military police", None), pair("RUS", "COP"));
        assert_eq!(code("the Kremlin", None), pair("RUS", "GOV"));
        assert_eq!(code("Israeli police", None), pair("ISR", "COP"));
        assert_eq!(
            code("Islamic State", None).map(|c| c.1),
            Some("REB".to_string())
        );
        // Peoples, parliaments, parts of a state, defence ministers (GOV), armed hardware.
        assert_eq!(code("Uighur activists", None), pair("CHN", "CVL"));
        assert_eq!(code("the Riigikogu", None), pair("EST", "LEG"));
        assert_eq!(code("Northern Ireland police", None), pair("GBR", "COP"));
        assert_eq!(
            code("the French defence minister", None),
            pair("FRA", "GOV")
        );
        assert_eq!(code("Israeli tanks", None), pair("ISR", "MIL"));
        assert_eq!(code("al-Qaeda", None).map(|c| c.0), Some("IMG".into()));
        let d = NaiveDate::from_ymd_opt(2018, 8, 2);
        assert_eq!(code("Vladimir Putin", d), pair("RUS", "GOV"));
        assert_eq!(code("Barack Obama", d), pair("USA", "ELI"));
    }
}
