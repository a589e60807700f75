//! Toponym recognition.
//!
//! Sources of mentions, in order of trust:
//!
//! 1. entities labelled `place` (`gpe`, `location`) by the syntax stage, when it ran;
//! 2. gazetteer matches of capitalised token runs (longest match first, with `of`, `and`,
//!    `de`, `al` … allowed inside), including demonyms ("Syrian") and names behind Arabic
//!    articles (`al-Tanf`);
//! 3. spans followed by a cue word ("Quneitra governorate", "Rukban camp") whose name is
//!    found only through a transliteration skeleton.
//!
//! Gazetteer matches are then kept or dropped on evidence: how important the best candidate
//! is (country, first-order division, curated region, population), position (sentence
//! start), a preposition before, a containing place after a comma or before a possessive,
//! cue words, capitalised neighbours that make it part of a person's name, and a list of
//! capitalised words that are rarely places on their own. Finally, names that stand for a
//! government ("Moscow said", "stop fighting Damascus") are marked metonymic.

use std::collections::HashMap;
use std::ops::Range;

use annals_document::{Doc, SentenceKind, Span, Upos};
use annals_record::GeoPrecision;
use serde::Serialize;

use crate::Gazetteer;
use crate::index::{NameHit, NameKind, Place};
use crate::key::{name_key, skeleton};

/// Whether a mention is a name or a demonym.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A place name ("Syria", "al-Tanf").
    Name,
    /// A demonym or adjective ("Syrian", "Kurdish").
    Demonym,
}

/// A word next to a name that says what kind of place it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// governorate, province, state, oblast, region (administrative), prefecture …
    Admin1,
    /// district, county, municipality, …
    Admin2,
    /// city, town, village
    Settlement,
    /// camp
    Camp,
    /// base, airbase, airport
    Base,
    /// crossing, border crossing
    Crossing,
    /// river, lake, sea
    Water,
    /// area, region (loosely)
    Area,
}

fn cue_of(word: &str) -> Option<Cue> {
    Some(match word {
        "governorate" | "governorates" | "province" | "provinces" | "state" | "oblast"
        | "prefecture" | "governate" | "wilaya" | "wilayat" | "emirate" | "canton"
        | "voivodeship" | "krai" | "kray" => Cue::Admin1,
        "district" | "districts" | "county" | "counties" | "municipality" | "raion" | "rayon"
        | "subdistrict" | "nahiya" | "borough" | "parish" => Cue::Admin2,
        "city" | "town" | "village" | "villages" | "towns" | "cities" | "suburb"
        | "neighbourhood" | "neighborhood" => Cue::Settlement,
        "camp" | "camps" => Cue::Camp,
        "base" | "airbase" | "garrison" | "outpost" | "airport" | "airfield" => Cue::Base,
        "crossing" | "checkpoint" => Cue::Crossing,
        "river" | "lake" | "sea" | "dam" => Cue::Water,
        "area" | "region" | "countryside" | "desert" | "valley" | "enclave" | "pocket" => Cue::Area,
        _ => return None,
    })
}

/// A toponym found in (or given for) a document, with its gazetteer candidates.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Bytes of the document text.
    pub span: Span,
    /// Lookup key of the name.
    pub key: String,
    /// Name or demonym.
    pub kind: MentionKind,
    /// Gazetteer candidates.
    pub hits: Vec<NameHit>,
    /// Cue word next to it.
    pub cue: Option<Cue>,
    /// Whether it stands for a government or people (an actor), not a place.
    pub metonymic: bool,
    /// Whether it only modifies a noun ("U.S.-led forces", "U.S. troops" when parsed): it
    /// qualifies something, it does not say where something is.
    pub modifier: bool,
    /// Index (in the mention list) of a mention that contains this one ("Syria's al-Tanf",
    /// "Daraa, Syria", "Rukban in Syria").
    pub container: Option<usize>,
    /// Tokens covered (doc-level indices); empty when the span does not align with tokens.
    pub tokens: Range<usize>,
    /// Whether it came from the entity recognizer or was given (not from the gazetteer scan).
    pub given: bool,
}

/// Capitalised words that are rarely a place when they stand alone (with
/// [`AMBIGUOUS_NAMES`], which are stop-listed only next to another name).
const CAP_STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "it",
    "we",
    "they",
    "i",
    "you",
    "his",
    "her",
    "its",
    "our",
    "their",
    "my",
    "your",
    "in",
    "on",
    "at",
    "of",
    "for",
    "by",
    "with",
    "from",
    "to",
    "as",
    "but",
    "and",
    "or",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "until",
    "although",
    "though",
    "because",
    "so",
    "yet",
    "not",
    "no",
    "yes",
    "all",
    "some",
    "many",
    "most",
    "more",
    "other",
    "others",
    "such",
    "every",
    "each",
    "both",
    "either",
    "neither",
    "there",
    "here",
    "then",
    "now",
    "today",
    "tomorrow",
    "yesterday",
    "what",
    "who",
    "which",
    "where",
    "why",
    "how",
    "also",
    "just",
    "even",
    "only",
    "still",
    "however",
    "meanwhile",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "mt",
    "ft",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "apr",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "police",
    "president",
    "prime",
    "minister",
    "government",
    "army",
    "general",
    "governor",
    "senator",
    "king",
    "queen",
    "prince",
    "princess",
    "lord",
    "sir",
    "church",
    "university",
    "college",
    "school",
    "hospital",
    "airport",
    "court",
    "council",
    "party",
    "ministry",
    "department",
    "company",
    "group",
    "bank",
    "office",
    "centre",
    "center",
    "central",
    "house",
    "street",
    "road",
    "avenue",
    "square",
    "park",
    "bridge",
    "hall",
    "station",
    "market",
    "media",
    "news",
    "post",
    "times",
    "herald",
    "daily",
    "press",
    "islamic",
    "state",
    "muslim",
    "christian",
    "jewish",
    "earth",
    "world",
    "internet",
    "god",
    "christmas",
    "easter",
    "ramadan",
    "new",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "upper",
    "lower",
    "capital",
    "federal",
    "national",
    "international",
    "republic",
    "kingdom",
    "union",
    "united",
    "democratic",
    "people",
    "social",
    "first",
    "second",
    "third",
    "one",
    "two",
    "three",
    "four",
    "five",
    "ten",
    "mount",
    "lake",
    "river",
    "city",
    "county",
    "district",
    "province",
    "region",
    "island",
    "islands",
    "valley",
    "bay",
    "beach",
    "coast",
    "port",
    "fort",
    "saint",
    "san",
    "santa",
    "la",
    "le",
    "el",
    "al",
    "de",
    "des",
    "du",
    "von",
    "van",
    "do",
    "can",
    "will",
    "would",
    "could",
    "should",
    "must",
    "might",
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "do",
    "did",
    "does",
    "let",
    "see",
    "read",
    "more",
    "why",
    "top",
    "best",
    "home",
    "love",
    "hope",
    "faith",
    "grace",
    "joy",
    "victory",
    "liberty",
    "independence",
    "freedom",
    "justice",
    "unity",
    "peace",
    "harmony",
    "paradise",
    "eden",
    "hell",
    "heaven",
    "mission",
    "opportunity",
    "progress",
    "enterprise",
    "commerce",
    "industry",
    "story",
    "video",
    "photo",
    "image",
    "getty",
    "images",
    "reuters",
    "ap",
    "afp",
    "bbc",
    "cnn",
    "upi",
    "said",
    "says",
    "mail",
    "sun",
    "star",
    "mirror",
    "guardian",
    "telegraph",
    "express",
    "observer",
    "journal",
    "tribune",
    "gazette",
    "chronicle",
    "globe",
    "standard",
    "monitor",
    "record",
    "register",
    "review",
    "bulletin",
    "courier",
    "dispatch",
    "echo",
    "independent",
    "inquirer",
    "leader",
    "mercury",
    "sentinel",
    "spectator",
    "voice",
    "week",
    "weekly",
    "year",
    "day",
    "night",
    "morning",
    "evening",
    "man",
    "woman",
    "men",
    "women",
    "boy",
    "girl",
    "children",
    "family",
    "friends",
    "team",
    "club",
    "league",
    "cup",
    "championship",
    "games",
    "olympic",
    "olympics",
    "premier",
    "division",
    "conference",
    "summit",
    "forum",
    "agency",
    "authority",
    "commission",
    "committee",
    "association",
    "institute",
    "foundation",
    "trust",
    "fund",
    "service",
    "services",
    "force",
    "forces",
    "guard",
    "navy",
    "air",
    "marine",
    "marines",
    "corps",
    "command",
    "security",
    "defense",
    "defence",
    "health",
    "education",
    "energy",
    "power",
    "oil",
    "gas",
    "water",
    "fire",
    "food",
    "trade",
    "business",
    "finance",
    "economy",
    "economic",
    "budget",
    "tax",
    "public",
    "private",
    "democrat",
    "democrats",
    "republican",
    "republicans",
    "labour",
    "labor",
    "tory",
    "tories",
    "lib",
    "dem",
    "dems",
    "conservative",
    "conservatives",
    "liberal",
    "liberals",
    "green",
    "greens",
    "black",
    "white",
    "red",
    "blue",
    "gold",
    "silver",
    "golden",
    "royal",
    "grand",
    "great",
    "big",
    "little",
    "old",
    "young",
    "good",
    "free",
    "high",
    "low",
    "long",
    "short",
    "early",
    "late",
    "last",
    "next",
    "final",
    "full",
    "open",
    "mobile",
    "phone",
    "online",
    "digital",
    "data",
    "tech",
    "technology",
    "music",
    "film",
    "movie",
    "show",
    "book",
    "art",
    "museum",
    "gallery",
    "theatre",
    "theater",
    "stadium",
    "arena",
    "field",
    "garden",
    "gardens",
    "tower",
    "palace",
    "castle",
    "temple",
    "mosque",
    "cathedral",
    "chapel",
    "abbey",
    "cross",
    "crown",
    "bishop",
    "pope",
    "father",
    "mother",
    "brother",
    "sister",
    "son",
    "daughter",
    "uncle",
    "aunt",
    "chief",
    "director",
    "chairman",
    "secretary",
    "spokesman",
    "spokeswoman",
    "officer",
    "officers",
    "captain",
    "colonel",
    "major",
    "lieutenant",
    "sergeant",
    "judge",
    "justice",
    "attorney",
    "sheriff",
    "mayor",
    "deputy",
    "member",
    "members",
    "speaker",
    "official",
    "officials",
    "professor",
    "doctor",
    "nurse",
    "ambassador",
    "envoy",
    "commander",
    "admiral",
    "marshal",
    "emir",
    "sheikh",
    "imam",
    "rabbi",
    "reverend",
    "father",
    "brigadier",
    "gen",
    "col",
    "sgt",
    "lt",
    "capt",
    "gov",
    "sen",
    "rep",
    "pres",
    "supt",
    "insp",
    "det",
    "prof",
    "rev",
    "hon",
];

/// Whether a single capitalised word is on the stop list of words rarely a place alone.
pub(crate) fn is_stop_word(word: &str) -> bool {
    stop_listed(&word.trim_end_matches('.').to_lowercase())
}

/// [`is_stop_word`] for a word already lower-cased and without its final period.
fn stop_listed(lower: &str) -> bool {
    CAP_STOP_SET.contains(lower) && !AMBIGUOUS_SET.contains(lower)
}

/// Person-name words among [`CAP_STOP`]: stop-listed only when a surname-like capitalised
/// word follows or a first-name-like one precedes; otherwise they are places.
const AMBIGUOUS_NAMES: &[&str] = &[
    "victoria",
    "florence",
    "charlotte",
    "eugene",
    "austin",
    "jackson",
    "lincoln",
    "madison",
    "jefferson",
    "franklin",
    "hamilton",
    "clinton",
    "sydney",
    "orlando",
    "dallas",
    "houston",
    "tyler",
    "troy",
    "warren",
    "marion",
    "milton",
    "chester",
    "clayton",
    "douglas",
    "kent",
    "kingston",
    "lancaster",
    "logan",
    "mesa",
    "nelson",
    "norman",
    "preston",
    "stanley",
    "winston",
    "york",
];

/// Common given names and East Asian family names: before another capitalised word they
/// start a person's name ("David Cameron", "Wang Yi"), whatever town shares them.
const NAME_WORDS: &[&str] = &[
    "aaron",
    "adam",
    "alan",
    "albert",
    "alex",
    "alexander",
    "alice",
    "allen",
    "amanda",
    "amy",
    "andrew",
    "angela",
    "ann",
    "anna",
    "anne",
    "anthony",
    "arthur",
    "ava",
    "barbara",
    "ben",
    "benjamin",
    "bill",
    "bob",
    "brian",
    "bruce",
    "carl",
    "carlos",
    "carol",
    "catherine",
    "charles",
    "chris",
    "christopher",
    "daniel",
    "david",
    "dennis",
    "diana",
    "donald",
    "dorothy",
    "edward",
    "elizabeth",
    "emily",
    "emma",
    "eric",
    "eva",
    "frank",
    "fred",
    "gary",
    "george",
    "grace",
    "harry",
    "helen",
    "henry",
    "jack",
    "james",
    "jane",
    "jason",
    "jean",
    "jeff",
    "jennifer",
    "jessica",
    "jim",
    "joe",
    "john",
    "jonathan",
    "jose",
    "joseph",
    "joshua",
    "juan",
    "julia",
    "karen",
    "kate",
    "kelly",
    "kevin",
    "laura",
    "linda",
    "lisa",
    "louis",
    "maria",
    "mark",
    "martin",
    "mary",
    "matthew",
    "michael",
    "michelle",
    "mike",
    "nancy",
    "nicholas",
    "patrick",
    "paul",
    "peter",
    "philip",
    "rachel",
    "richard",
    "robert",
    "ronald",
    "ruth",
    "ryan",
    "sam",
    "samuel",
    "sandra",
    "sarah",
    "scott",
    "sharon",
    "simon",
    "stephen",
    "steve",
    "steven",
    "susan",
    "thomas",
    "tim",
    "timothy",
    "tom",
    "tony",
    "vladimir",
    "walter",
    "william",
    "mohammed",
    "muhammad",
    "mohamed",
    "ahmed",
    "ali",
    "hassan",
    "hussein",
    "omar",
    "abdul",
    "ibrahim",
    "mustafa",
    "sergei",
    "sergey",
    "ivan",
    "dmitry",
    "igor",
    "olga",
    "chen",
    "li",
    "wang",
    "zhang",
    "liu",
    "yang",
    "huang",
    "zhao",
    "wu",
    "zhou",
    "xu",
    "sun",
    "zhu",
    "hu",
    "guo",
    "lin",
    "gao",
    "luo",
    "kim",
    "lee",
    "park",
    "choi",
    "jae",
    "jung",
    "moon",
    "che",
    "nguyen",
    "tran",
];

/// Weather and other capitalised phrases that GeoNames also lists as villages.
const NOT_PLACES: &[&str] = &["el nino", "la nina", "nino", "nina"];

/// Titles before a person's name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "senator",
    "sen",
    "rep",
    "gov",
    "governor",
    "gen",
    "general",
    "col",
    "colonel",
    "capt",
    "captain",
    "lt",
    "sgt",
    "prof",
    "professor",
    "judge",
    "justice",
    "rev",
    "father",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "minister",
    "secretary",
    "chancellor",
    "mayor",
    "coach",
    "sheikh",
    "emir",
    "ayatollah",
    "imam",
    "rabbi",
    "bishop",
    "saint",
    "st",
    "officer",
    "detective",
    "sheriff",
    "agent",
    "commissioner",
    "chairman",
    "ceo",
    "director",
];

/// Words inside multi-word names.
const CONNECTORS: &[&str] = &[
    "of", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le", "les",
    "au", "aux", "el", "al", "the", "and", "&", "upon", "on", "sur", "am", "im", "y", "e", "van",
    "von", "der", "den", "bin", "ibn", "abu", "ez", "es", "ed", "en", "as", "ar", "an", "at", "az",
    "ash", "-", ",",
];

/// Prepositions that introduce a location.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "outside",
    "to",
    "into",
    "across",
    "around",
    "toward",
    "towards",
    "via",
    "through",
    "throughout",
    "inside",
    "within",
    "between",
    "along",
    "leaving",
    "visiting",
    "visited",
    "reach",
    "reached",
    "entered",
    "entering",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "of",
];

/// Nouns of places (besides the cue words) that a country name can qualify and still say
/// where: "a West Bank settlement", "the U.S. embassy", "Syria border".
const PLACE_NOUNS: &[&str] = &[
    "border",
    "borders",
    "side",
    "coast",
    "territory",
    "territories",
    "soil",
    "settlement",
    "settlements",
    "embassy",
    "consulate",
    "mainland",
    "capital",
    "battlefield",
    "battlefields",
    "front",
    "frontline",
];

/// Verbs whose subject is an actor when it is a place name ("Moscow said").
const ACTOR_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "announced",
    "announces",
    "warned",
    "warns",
    "accused",
    "accuses",
    "urged",
    "urges",
    "demanded",
    "demands",
    "denied",
    "denies",
    "rejected",
    "rejects",
    "insisted",
    "insists",
    "wants",
    "wanted",
    "agreed",
    "agrees",
    "threatened",
    "threatens",
    "claimed",
    "claims",
    "responded",
    "condemned",
    "condemns",
    "criticized",
    "criticised",
    "blamed",
    "blames",
    "pledged",
    "vowed",
    "vows",
    "signed",
    "imposed",
    "imposes",
    "recognized",
    "recognised",
    "sanctioned",
    "decided",
    "refused",
    "refuses",
    "offered",
    "offers",
    "promised",
    "promises",
    "hopes",
    "believes",
    "believed",
    "considers",
    "considered",
    "argued",
    "argues",
    "countered",
    "retaliated",
    "backed",
    "backs",
    "supported",
    "supports",
    "opposed",
    "opposes",
    "welcomed",
    "welcomes",
    "expelled",
    "summoned",
    "protested",
    "demanded",
    "negotiated",
    "approved",
    "ordered",
    "launched",
    "announce",
    "stated",
    "declared",
    "confirmed",
    "acknowledged",
    "admitted",
    "told",
];

/// Auxiliaries allowed between an actor and its verb.
const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "will",
    "would",
    "is",
    "was",
    "also",
    "has also",
    "could",
    "may",
    "might",
    "must",
    "should",
    "did",
    "does",
    "repeatedly",
    "again",
    "already",
    "now",
];

/// Words before a place name that make it the object of hostility or dealings with its
/// government ("stop fighting Damascus", "sanctions against Moscow").
const ACTOR_BEFORE: &[&str] = &[
    "fighting",
    "fight",
    "against",
    "fought",
    "attacking",
    "pressure",
    "pressured",
    "pressuring",
    "sanctions",
    "sanctioning",
    "urging",
    "urged",
    "accusing",
    "accused",
    "criticizing",
    "criticising",
    "supporting",
    "backing",
    "oppose",
    "opposing",
];

/// Nouns of things a government does or says: a country or capital possessing one stands for
/// its government ("Russia's offer of amnesty", "Moscow's demands").
const ACTOR_NOUNS: &[&str] = &[
    "offer",
    "offers",
    "proposal",
    "proposals",
    "decision",
    "demand",
    "demands",
    "call",
    "calls",
    "plan",
    "plans",
    "refusal",
    "warning",
    "warnings",
    "threat",
    "threats",
    "statement",
    "announcement",
    "response",
    "reply",
    "request",
    "invitation",
    "promise",
    "pledge",
    "ultimatum",
    "veto",
    "approval",
    "rejection",
    "condemnation",
    "accusation",
    "accusations",
    "claim",
    "claims",
    "denial",
    "support",
    "backing",
    "intervention",
    "policy",
    "policies",
    "government",
    "regime",
    "leadership",
    "position",
    "stance",
    "insistence",
    "recognition",
    "sanctions",
    "initiative",
    "mediation",
    "amnesty",
    "ban",
];

/// People and forces a country or capital has (its government's): "Baghdad's forces",
/// "France's ambassador", "Syria's president". The country is then no place of the event.
const AGENT_NOUNS: &[&str] = &[
    "forces",
    "force",
    "troops",
    "army",
    "military",
    "navy",
    "police",
    "ambassador",
    "envoy",
    "envoys",
    "diplomats",
    "minister",
    "ministers",
    "president",
    "leader",
    "leaders",
    "officials",
    "spokesman",
    "spokeswoman",
    "negotiator",
    "negotiators",
    "delegation",
    "authorities",
    "representative",
];

/// Words that may stand between the possessive and such a noun ("Russia's latest offer").
const ACTOR_NOUN_MODIFIERS: &[&str] = &[
    "latest", "new", "recent", "initial", "final", "formal", "official", "repeated", "earlier",
];

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Abbreviations written with a period (`Calif.`, `N.M.`), from the curated admin aliases.
fn abbreviations() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let text = include_str!("../../../data/places/admin-aliases.tsv");
        crate::curated::parse_admin_aliases(text)
            .0
            .into_iter()
            .flat_map(|r| r.aliases)
            .filter(|a| a.ends_with('.'))
            .collect()
    })
}

/// A word list as a hash set, built once.
struct WordSet {
    list: &'static [&'static str],
    more: &'static [&'static str],
    set: std::sync::OnceLock<std::collections::HashSet<&'static str>>,
}

impl WordSet {
    const fn new(list: &'static [&'static str]) -> WordSet {
        WordSet::union(list, &[])
    }

    /// The words of two lists.
    const fn union(list: &'static [&'static str], more: &'static [&'static str]) -> WordSet {
        WordSet {
            list,
            more,
            set: std::sync::OnceLock::new(),
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.list.iter().chain(self.more).copied().collect())
            .contains(word)
    }
}

static CAP_STOP_SET: WordSet = WordSet::union(CAP_STOP, AMBIGUOUS_NAMES);
static AMBIGUOUS_SET: WordSet = WordSet::new(AMBIGUOUS_NAMES);
static NAME_WORDS_SET: WordSet = WordSet::new(NAME_WORDS);
static CONNECTOR_SET: WordSet = WordSet::new(CONNECTORS);
static LOCATIVE_SET: WordSet = WordSet::new(LOCATIVE);
static TITLE_SET: WordSet = WordSet::new(TITLES);
static ACTOR_VERB_SET: WordSet = WordSet::new(ACTOR_VERBS);
static PLACE_NOUNS_SET: WordSet = WordSet::new(PLACE_NOUNS);
static AUXILIARY_SET: WordSet = WordSet::new(AUXILIARIES);
static ACTOR_BEFORE_SET: WordSet = WordSet::new(ACTOR_BEFORE);
static ACTOR_NOUN_SET: WordSet = WordSet::new(ACTOR_NOUNS);
static ACTOR_NOUN_MODIFIER_SET: WordSet = WordSet::new(ACTOR_NOUN_MODIFIERS);

/// Whether a token starts a name: capitalised, or an article joined to a capitalised name
/// (`al-Tanf`).
fn is_cap(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => match text.split_once(['-', '\u{2010}']) {
            Some((article, rest)) => {
                crate::key::is_article(article)
                    && rest.chars().next().is_some_and(char::is_uppercase)
            }
            None => false,
        },
        _ => false,
    }
}

fn is_all_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Summary of a mention's candidates.
#[derive(Debug, Default, Clone, Copy)]
struct Strength {
    country: bool,
    admin1: bool,
    admin2: bool,
    curated: bool,
    capital: bool,
    demonym: bool,
    max_pop: u32,
    /// Only skeleton or stripped-article matches.
    weak_only: bool,
    /// Only alternate-name matches (no primary, ASCII or alias).
    alternate_only: bool,
}

fn strength(g: &Gazetteer, hits: &[NameHit]) -> Strength {
    let mut s = Strength {
        weak_only: true,
        alternate_only: true,
        ..Strength::default()
    };
    for h in hits {
        let Some(p) = g.index().place(h.place) else {
            continue;
        };
        if h.kind < NameKind::Stripped {
            s.weak_only = false;
        }
        if h.kind <= NameKind::Alias || h.kind == NameKind::Demonym {
            s.alternate_only = false;
        }
        if h.kind == NameKind::Demonym {
            s.demonym = true;
            continue;
        }
        let strong_name = h.kind <= NameKind::Alternate;
        match p.precision {
            GeoPrecision::Country if strong_name => s.country = true,
            GeoPrecision::Admin1 if strong_name => s.admin1 = true,
            GeoPrecision::Admin2 if strong_name => s.admin2 = true,
            _ => {}
        }
        if p.is_curated() && strong_name {
            s.curated = true;
        }
        if p.is_capital() && strong_name {
            s.capital = true;
        }
        if strong_name {
            s.max_pop = s.max_pop.max(p.population);
        }
    }
    s
}

/// A mention is a demonym when a demonym claims its name and no important place has it as
/// its own name ("Canadian" is Canada's demonym more than Canadian, Texas).
fn classify(g: &Gazetteer, hits: &[NameHit]) -> MentionKind {
    if !hits.iter().any(|h| h.kind == NameKind::Demonym) {
        return MentionKind::Name;
    }
    let important_name = hits.iter().any(|h| {
        h.kind <= NameKind::Alias
            && g.index().place(h.place).is_some_and(|p| {
                p.is_country()
                    || p.precision == GeoPrecision::Admin1
                    || p.is_curated()
                    || p.population >= 100_000
            })
    });
    if important_name {
        MentionKind::Name
    } else {
        MentionKind::Demonym
    }
}

/// Keep the hits that fit the mention's kind.
fn hits_for(kind: MentionKind, hits: Vec<NameHit>) -> Vec<NameHit> {
    match kind {
        MentionKind::Demonym => hits
            .into_iter()
            .filter(|h| h.kind == NameKind::Demonym)
            .collect(),
        MentionKind::Name => hits
            .into_iter()
            .filter(|h| h.kind != NameKind::Demonym)
            .collect(),
    }
}

/// Gazetteer candidates for a span of text: exact key, then without a leading "the", then
/// without a trailing cue word, then by transliteration skeleton. Returns the key used, the
/// hits, and the cue word stripped (if any).
pub(crate) fn lookup_span(g: &Gazetteer, text: &str) -> (String, Vec<NameHit>, Option<Cue>) {
    let key = name_key(text);
    let mut hits = Vec::new();
    g.index().candidates(&key, &mut hits);
    if !hits.is_empty() {
        return (key, hits, None);
    }
    if let Some(rest) = key.strip_prefix("the ") {
        g.index().candidates(rest, &mut hits);
        if !hits.is_empty() {
            return (rest.to_string(), hits, None);
        }
    }
    let mut cue = None;
    let mut base = key.as_str();
    if let Some((head, last)) = key.rsplit_once(' ')
        && let Some(c) = cue_of(last)
    {
        cue = Some(c);
        base = head;
        g.index().candidates(base, &mut hits);
        if !hits.is_empty() {
            return (base.to_string(), hits, cue);
        }
    }
    // Transliteration variants, only for real words (not abbreviations or acronyms).
    if base.len() >= 5 && !text.contains('.') && !is_all_caps(text) {
        g.index().skeleton_candidates(&skeleton(base), &mut hits);
    }
    (base.to_string(), hits, cue)
}

struct Scan<'a> {
    doc: &'a Doc,
    g: &'a Gazetteer,
    /// Lower-cased normalised token texts.
    low: Vec<String>,
    /// Whether the token starts its sentence (after opening punctuation).
    initial: Vec<bool>,
    /// Whether the token is in a headline.
    headline: Vec<bool>,
    /// Whether the token is capitalised / starts a name.
    cap: Vec<bool>,
    /// Entity label covering the token, if any.
    entity: Vec<Option<&'static str>>,
    /// Sentence index of each token.
    sentence: Vec<usize>,
    /// Whether the text is mostly upper case (all-caps wire copy).
    shouting: bool,
}

impl<'a> Scan<'a> {
    fn new(doc: &'a Doc, g: &'a Gazetteer) -> Scan<'a> {
        let n = doc.tokens.len();
        let mut low = Vec::with_capacity(n);
        let mut cap = Vec::with_capacity(n);
        let mut upper_tokens = 0usize;
        let mut word_tokens = 0usize;
        for t in &doc.tokens {
            low.push(lower(&t.norm));
            let text = doc.slice(t.span);
            cap.push(is_cap(text));
            if text.chars().any(char::is_alphabetic) {
                word_tokens += 1;
                if is_all_caps(text) {
                    upper_tokens += 1;
                }
            }
        }
        let mut initial = vec![false; n];
        let mut headline = vec![false; n];
        let mut sentence = vec![0usize; n];
        for (si, s) in doc.sentences.iter().enumerate() {
            let mut first = true;
            for i in s.token_range() {
                sentence[i] = si;
                headline[i] = s.kind == SentenceKind::Headline;
                let t = &doc.tokens[i];
                if first && t.norm.chars().any(char::is_alphanumeric) {
                    initial[i] = true;
                    first = false;
                }
            }
        }
        let mut entity = vec![None; n];
        let mut hits = Vec::new();
        for e in &doc.entities {
            let (a, b) = (e.tokens.start as usize, (e.tokens.end as usize).min(n));
            // A one-word "person" or "organization" that is the own name of a country or a
            // first-order division ("Daraa", "As-Suwayda") is the recognizer's error more
            // often than not: the gazetteer scan weighs it like any other name.
            if b == a + 1 && !is_place_label(e.label) {
                hits.clear();
                g.index()
                    .candidates(&name_key(doc.slice(e.span)), &mut hits);
                let st = strength(g, &hits);
                if (st.country || st.admin1) && !st.weak_only && !st.alternate_only {
                    continue;
                }
            }
            for slot in entity.iter_mut().take(b).skip(a) {
                *slot = Some(e.label);
            }
        }
        Scan {
            doc,
            g,
            low,
            initial,
            headline,
            cap,
            entity,
            sentence,
            shouting: word_tokens > 20 && upper_tokens * 2 > word_tokens,
        }
    }

    fn text(&self, r: Range<usize>) -> &'a str {
        self.doc.slice(self.doc.tokens_span(r))
    }

    fn is_connector(&self, i: usize) -> bool {
        CONNECTOR_SET.contains(self.low[i].as_str())
    }

    /// Gazetteer matches of capitalised runs in one sentence's tokens.
    fn scan_sentence(&self, range: Range<usize>, out: &mut Vec<Mention>) {
        let mut i = range.start;
        let mut hits = Vec::new();
        while i < range.end {
            if !self.cap[i] || self.entity[i].is_some() {
                i += 1;
                continue;
            }
            let mut best: Option<(usize, String, Vec<NameHit>)> = None;
            let mut j = i + 1;
            loop {
                let last = j - 1;
                let key = name_key(self.text(i..j));
                if self.cap[last] && !key.is_empty() {
                    hits.clear();
                    self.g.index().candidates(&key, &mut hits);
                    if !hits.is_empty() {
                        best = Some((j, key.clone(), std::mem::take(&mut hits)));
                    }
                }
                if j >= range.end || j - i >= 8 || self.entity[j].is_some() {
                    break;
                }
                if !(self.cap[j] || self.is_connector(j)) || key.is_empty() {
                    break;
                }
                if !self.g.index().has_longer(&key) {
                    break;
                }
                j += 1;
            }
            // "The US", "the Bahamas": the article is not part of the name when the rest is
            // a name by itself.
            if let Some((j, _, _)) = &best
                && self.low[i] == "the"
                && *j > i + 1
            {
                let key = name_key(self.text(i + 1..*j));
                hits.clear();
                self.g.index().candidates(&key, &mut hits);
                if !hits.is_empty() {
                    best = Some((*j, key, hits.clone()));
                    i += 1;
                }
            }
            match best {
                Some((mut j, key, hits)) => {
                    let kind = classify(self.g, &hits);
                    let toks = &self.doc.tokens;
                    // "Calif." with its period; "Oaxaca State", "Idlib Governorate".
                    if j < range.end
                        && toks[j].norm == "."
                        && toks[j].span.start == toks[j - 1].span.end
                        && abbreviations().contains(&format!("{}.", self.text(i..j)))
                    {
                        j += 1;
                    }
                    let mut cue = None;
                    if j < range.end
                        && self.cap[j]
                        && kind == MentionKind::Name
                        && matches!(
                            self.low[j].as_str(),
                            "province"
                                | "governorate"
                                | "governate"
                                | "oblast"
                                | "prefecture"
                                | "wilaya"
                                | "wilayat"
                        )
                        && let Some(c) = cue_of(&self.low[j])
                    {
                        cue = Some(c);
                        j += 1;
                    }
                    out.push(Mention {
                        span: self.doc.tokens_span(i..j),
                        key,
                        kind,
                        hits: hits_for(kind, hits),
                        cue,
                        metonymic: false,
                        modifier: false,
                        container: None,
                        tokens: i..j,
                        given: false,
                    });
                    i = j;
                }
                None => {
                    self.scan_cued(i, range.end, out);
                    i += 1;
                }
            }
        }
    }

    /// A capitalised run not in the gazetteer, followed by a cue word ("Deraa governorate"):
    /// look it up by skeleton.
    fn scan_cued(&self, i: usize, end: usize, out: &mut Vec<Mention>) {
        let mut j = i + 1;
        while j < end && j - i < 4 && self.cap[j] {
            j += 1;
        }
        if j >= end || cue_of(&self.low[j]).is_none() {
            return;
        }
        let text = self.text(i..j);
        let key = name_key(text);
        let mut hits = Vec::new();
        self.g
            .index()
            .skeleton_candidates(&skeleton(&key), &mut hits);
        if hits.is_empty() {
            return;
        }
        out.push(Mention {
            span: self.doc.tokens_span(i..j),
            key,
            kind: MentionKind::Name,
            hits,
            cue: cue_of(&self.low[j]),
            metonymic: false,
            modifier: false,
            container: None,
            tokens: i..j,
            given: false,
        });
    }

    /// Whether a span the recognizer called a place is a titled person "of" a place: "King
    /// Hassan of Morocco", "President Assad of Syria" (a person title, a name, then "of").
    /// The place after "of" is left to the gazetteer scan.
    fn titled_person(&self, t: Range<usize>) -> bool {
        let title = self.low[t.start].trim_end_matches('.');
        // Titles that also begin place names ("Sheikh Maqsoud", "Saint Petersburg", "Prince
        // Edward Island") do not count.
        t.len() >= 4
            && TITLE_SET.contains(title)
            && !matches!(
                title,
                "sheikh" | "saint" | "st" | "prince" | "princess" | "lady" | "lord"
            )
            && t.clone().skip(2).any(|i| self.low[i] == "of")
            && t.clone()
                .skip(1)
                .all(|i| self.cap[i] || matches!(self.low[i].as_str(), "of" | "the"))
    }

    /// Whether a place entity of the entity recognizer can be a toponym: not a word rarely a
    /// place alone ("Meanwhile", "Nov.", "southern") or a lower-case word that names no
    /// place.
    fn entity_plausible(&self, t: Range<usize>, hits: &[NameHit]) -> bool {
        if t.is_empty() || t.len() > 1 {
            return true;
        }
        let i = t.start;
        let s = strength(self.g, hits);
        if s.country {
            return true;
        }
        let text = self.text(t);
        let word = self.low[i].trim_end_matches('.');
        if stop_listed(word) {
            return false;
        }
        // A lower-case word the gazetteer does not know as a name ("southern", "rural").
        let lower = !text.chars().next().is_some_and(char::is_uppercase) && !is_cap(text);
        !(lower && (is_direction(word) || s.weak_only))
    }

    /// Drop the hits of a one-word mention written without capitals that are postal
    /// abbreviations ("ACT", "ME" for "The Act was passed", "Me"): an abbreviation stands for
    /// its division only in capitals. Returns whether hits were dropped and none is left.
    /// Applies to the recogniser's spans too.
    fn drop_uncapitalised_abbreviations(&self, m: &mut Mention) -> bool {
        let t = m.tokens.clone();
        if t.len() != 1 || is_all_caps(self.text(t)) || m.key.len() > 4 || m.hits.is_empty() {
            return false;
        }
        let g = self.g;
        m.hits
            .retain(|h| h.kind != NameKind::Alias || name_key(g.index().name(h.place)) == m.key);
        m.hits.is_empty()
    }

    /// Whether a kept mention's evidence is enough.
    fn keep(&self, m: &Mention, doc: &DocEvidence) -> bool {
        let repeated = doc.counts.get(m.key.as_str()).copied().unwrap_or(0) > 1;
        let t = m.tokens.clone();
        if t.is_empty() {
            return true;
        }
        let s = strength(self.g, &m.hits);
        let first = t.start;
        let last = t.end - 1;
        let single = t.len() == 1;
        let word = self.low[first].trim_end_matches('.');
        let text = self.text(t.clone());
        let prev = first.checked_sub(1);
        let prev_low = prev.map(|p| self.low[p].as_str()).unwrap_or("");
        let prev_cap = prev.is_some_and(|p| {
            self.cap[p] && !self.initial[p] && self.sentence[p] == self.sentence[first]
        }) && !CONNECTOR_SET.contains(prev_low)
            && !LOCATIVE_SET.contains(prev_low);
        let next = (last + 1 < self.doc.tokens.len()).then_some(last + 1);
        let next_cap = next.is_some_and(|n| self.cap[n] && self.sentence[n] == self.sentence[last]);
        let all_caps = is_all_caps(text) && !self.shouting;
        let initial = self.initial[first] && !self.headline[first];

        if m.kind == MentionKind::Demonym {
            // "Syrian", "Kurdish": capitalised adjectives are reliable; plural nouns
            // ("Syrians") name people, not places.
            let plural = m
                .key
                .strip_suffix('s')
                .is_some_and(|sing| doc.demonym_keys(self.g, sing));
            return !(plural || single && CAP_STOP_SET.contains(word));
        }
        if NOT_PLACES.contains(&m.key.as_str()) {
            return false;
        }
        if single && next_cap && NAME_WORDS_SET.contains(word) && !s.country {
            return false; // "David Cameron", "Wang Yi"
        }
        let camel = text.chars().skip(1).any(char::is_uppercase)
            && text.chars().skip(1).any(char::is_lowercase)
            && !text.contains(['-', ' ', '\'', '\u{2019}']);
        if single && camel && !s.country {
            return false; // "MoD", "IoT", "McGregor"
        }
        if single && !s.country && !s.admin1 && doc.person_words.contains(word) {
            return false; // "Megyn Kelly ... Kelly said"
        }
        if prev.is_some_and(|p| TITLE_SET.contains(self.low[p].trim_end_matches('.'))) && !s.country
        {
            return false; // "President Jackson", "Mr. Lincoln"
        }
        if single && CAP_STOP_SET.contains(word) {
            // Person names that are also places stand as places unless another name
            // comes before or after them.
            if !AMBIGUOUS_SET.contains(word) || prev_cap || next_cap {
                return false;
            }
        }
        if prev_cap && single && !s.country && !s.admin1 {
            return false; // "George Washington", "Andrew Jackson"
        }
        if all_caps && single && text.len() <= 4 && !(s.country || s.curated) {
            // acronyms: "AP", "NATO", "WHO"; but "BC" in a Canadian story is the province
            let division_in_doc = s.admin1
                && m.hits.iter().any(|h| {
                    self.g.index().place(h.place).is_some_and(|p| {
                        p.precision == GeoPrecision::Admin1 && doc.countries.contains(&p.country)
                    })
                });
            // "ID cards", "BC government": an abbreviation before a lowercase word modifies
            // it; it stands for the place after a comma ("Boise, ID") or a locative ("in BC").
            let modifier = next.is_some_and(|n| {
                !self.cap[n]
                    && self.low[n].chars().all(char::is_alphabetic)
                    && self.sentence[n] == self.sentence[last]
            });
            if !division_in_doc || (modifier && prev_low != "," && !LOCATIVE_SET.contains(prev_low))
            {
                return false;
            }
        }
        let locative = LOCATIVE_SET.contains(prev_low);
        let cued = m.cue.is_some() || m.container.is_some();
        if s.weak_only {
            return cued || (locative && s.max_pop >= 50_000);
        }
        if s.country || s.admin1 || s.curated {
            return !(initial && single && s.alternate_only && !locative);
        }
        if s.alternate_only && s.max_pop < 100_000 && !cued {
            // Alternate names of small places are mostly noise (old names, other languages);
            // those of towns are transliterations worth taking ("Deraa", "Sweida").
            return (s.max_pop >= 20_000 && !initial) || (locative && s.max_pop >= 1000);
        }
        let big = s.max_pop >= 100_000 || s.capital;
        // A sentence's first word that is only another name of a city ("Part of the plan",
        // Perth in some language) needs a cue or a second mention.
        let initial_alternate =
            initial && single && s.alternate_only && !repeated && !locative && !cued;
        if big && !initial_alternate && !(initial && single && !repeated && s.max_pop < 1_000_000) {
            return true; // also inside names: "Cambridge Analytica", "Dubai Police"
        }
        if next_cap && single {
            return false; // "Bristol Myers", a surname or company
        }
        let evidence = locative || cued || repeated;
        if initial {
            return evidence && (locative || cued) && s.max_pop >= 1000;
        }
        if s.max_pop >= 15_000 || s.admin2 {
            return true;
        }
        evidence && (s.max_pop >= 1000 || !single || cued)
    }
}

/// Document-level evidence for keeping or dropping mentions.
struct DocEvidence<'k> {
    /// How often each key is mentioned.
    counts: HashMap<&'k str, usize>,
    /// Words seen inside capitalised runs that are not places (people, organisations):
    /// "Megyn Kelly" makes a later "Kelly" a person.
    person_words: std::collections::HashSet<String>,
    /// Countries named in the document (by name or demonym).
    countries: std::collections::HashSet<[u8; 2]>,
}

impl DocEvidence<'_> {
    fn demonym_keys(&self, g: &Gazetteer, key: &str) -> bool {
        let mut hits = Vec::new();
        g.index().candidates(key, &mut hits);
        hits.iter().any(|h| h.kind == NameKind::Demonym)
    }
}

/// Words of capitalised runs of two or three words that are not a place as a whole and
/// whose words are not important places by themselves: likely people's names.
fn person_words(scan: &Scan<'_>, found: &[Mention]) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let doc = scan.doc;
    let mut covered = vec![false; doc.tokens.len()];
    for m in found {
        if m.tokens.len() > 1 {
            for i in m.tokens.clone() {
                covered[i] = true;
            }
        }
    }
    let mut hits = Vec::new();
    for s in &doc.sentences {
        let r = s.token_range();
        let mut i = r.start;
        while i < r.end {
            if !scan.cap[i] || is_all_caps(doc.slice(doc.tokens[i].span)) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < r.end
                && scan.cap[j]
                && !covered[j]
                && !is_all_caps(doc.slice(doc.tokens[j].span))
            {
                j += 1;
            }
            if (2..=3).contains(&(j - i)) && !scan.initial[i] || (j - i == 2 && scan.initial[i]) {
                for k in i..j {
                    let w = scan.low[k].trim_end_matches('.');
                    if stop_listed(w) {
                        continue;
                    }
                    let named = NAME_WORDS_SET.contains(scan.low[i].as_str());
                    if named && k > i {
                        out.insert(w.to_string()); // "David Allen": Allen is a surname here
                        continue;
                    }
                    hits.clear();
                    scan.g.index().candidates(&name_key(w), &mut hits);
                    let st = strength(scan.g, &hits);
                    if !(st.country
                        || st.admin1
                        || st.curated
                        || st.demonym
                        || st.max_pop >= 100_000)
                    {
                        out.insert(w.to_string());
                    }
                }
            }
            i = j.max(i + 1);
        }
    }
    out
}

/// Whether an entity label names a place (GUM's `place`, OntoNotes' `GPE`/`LOC`).
fn is_place_label(label: &str) -> bool {
    matches!(label, "place" | "gpe" | "location" | "loc" | "GPE" | "LOC")
}

/// Find the toponyms of a document: entity-recognizer places when present, then gazetteer
/// matches, with cues, containers and metonymy marked. Works with or without
/// [`Doc::entities`].
pub fn recognize(doc: &Doc, g: &Gazetteer) -> Vec<Mention> {
    let mut scan = Scan::new(doc, g);
    let mut found: Vec<Mention> = Vec::new();
    for e in &doc.entities {
        if is_place_label(e.label) {
            let text = doc.slice(e.span);
            let (key, hits, cue) = lookup_span(g, text);
            let tokens = e.tokens.start as usize..(e.tokens.end as usize).min(doc.tokens.len());
            if !scan.entity_plausible(tokens.clone(), &hits) || scan.titled_person(tokens.clone()) {
                // Left to the gazetteer scan, which weighs its own evidence.
                for slot in &mut scan.entity[tokens] {
                    *slot = None;
                }
                continue;
            }
            let kind = classify(g, &hits);
            found.push(Mention {
                span: e.span,
                key,
                kind,
                hits: hits_for(kind, hits),
                cue,
                metonymic: false,
                modifier: false,
                container: None,
                tokens: e.tokens.start as usize..e.tokens.end as usize,
                given: true,
            });
        }
    }
    for s in &doc.sentences {
        scan.scan_sentence(s.token_range(), &mut found);
    }
    found.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    annotate(&scan, &mut found);
    let abbreviation_only: Vec<bool> = found
        .iter_mut()
        .map(|m| scan.drop_uncapitalised_abbreviations(m))
        .collect();
    // Evidence: how often each key appears, likely people, countries named.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in &found {
        *counts.entry(m.key.as_str()).or_default() += 1;
    }
    let mut countries = std::collections::HashSet::new();
    for m in &found {
        for h in &m.hits {
            if (h.kind <= NameKind::Alias || h.kind == NameKind::Demonym)
                && let Some(p) = g.index().place(h.place)
                && p.is_country()
            {
                countries.insert(p.country);
            }
        }
    }
    let evidence = DocEvidence {
        counts,
        person_words: person_words(&scan, &found),
        countries,
    };
    let keep: Vec<bool> = found
        .iter()
        .zip(&abbreviation_only)
        .map(|(m, &dropped)| !dropped && (m.given || scan.keep(m, &evidence)))
        .collect();
    let mut kept = Vec::with_capacity(found.len());
    let mut remap = vec![None; found.len()];
    for (i, m) in found.iter().enumerate() {
        if keep[i] {
            remap[i] = Some(kept.len());
            kept.push(m.clone());
        }
    }
    for m in &mut kept {
        m.container = m.container.and_then(|c| remap[c]);
    }
    kept
}

/// Mentions for given spans (gold spans, or spans from another recognizer).
pub(crate) fn mentions_for_spans(doc: &Doc, g: &Gazetteer, spans: &[Span]) -> Vec<Mention> {
    let scan = Scan::new(doc, g);
    let mut out: Vec<Mention> = spans
        .iter()
        .filter(|s| {
            s.start <= s.end
                && (s.end as usize) <= doc.text.len()
                && doc.text.is_char_boundary(s.start as usize)
                && doc.text.is_char_boundary(s.end as usize)
        })
        .map(|&span| {
            let (key, hits, cue) = lookup_span(g, doc.slice(span));
            let kind = classify(g, &hits);
            let hits = hits_for(kind, hits);
            let first = doc.tokens.partition_point(|t| t.span.end <= span.start);
            let last = doc.tokens.partition_point(|t| t.span.start < span.end);
            Mention {
                span,
                key,
                kind,
                hits,
                cue,
                metonymic: false,
                modifier: false,
                container: None,
                tokens: first..last.max(first),
                given: true,
            }
        })
        .collect();
    annotate(&scan, &mut out);
    out
}

/// Cue words, containers and metonymy.
fn annotate(scan: &Scan<'_>, ms: &mut [Mention]) {
    let n = scan.doc.tokens.len();
    let g = scan.g;
    // Cue words right after a name, or "the governorates of A, B and C".
    for m in ms.iter_mut() {
        let t = m.tokens.clone();
        if t.is_empty() {
            continue;
        }
        if m.cue.is_none() && t.end < n {
            m.cue = cue_of(&scan.low[t.end]).or_else(|| {
                let modifier = matches!(
                    scan.low[t.end].as_str(),
                    "refugee"
                        | "military"
                        | "air"
                        | "border"
                        | "naval"
                        | "displacement"
                        | "idp"
                        | "detention"
                        | "army"
                        | "rebel"
                        | "administrative"
                );
                (modifier && t.end + 1 < n)
                    .then(|| cue_of(&scan.low[t.end + 1]))
                    .flatten()
            });
        }
    }
    // "governorates of As-Suwayda, Daraa, and Quneitra"
    for i in 0..ms.len() {
        let t = ms[i].tokens.clone();
        if t.is_empty() || t.start < 2 || ms[i].cue.is_some() {
            continue;
        }
        if scan.low[t.start - 1] == "of"
            && let Some(c) = cue_of(&scan.low[t.start - 2])
        {
            ms[i].cue = Some(c);
            // following list members
            let mut k = i + 1;
            let mut end = t.end;
            while k < ms.len() {
                let tk = ms[k].tokens.clone();
                let between: Vec<&str> = (end..tk.start).map(|x| scan.low[x].as_str()).collect();
                let listy = !between.is_empty()
                    && between.len() <= 2
                    && between.iter().all(|w| matches!(*w, "," | "and" | "or"));
                if !listy {
                    break;
                }
                if ms[k].cue.is_none() {
                    ms[k].cue = Some(c);
                }
                end = tk.end;
                k += 1;
            }
        }
    }
    // Containers.
    let strong: Vec<bool> = ms
        .iter()
        .map(|m| {
            let s = strength(g, &m.hits);
            s.country || s.admin1
        })
        .collect();
    for i in 0..ms.len() {
        let t = ms[i].tokens.clone();
        if t.is_empty() {
            continue;
        }
        // "X, Y" with Y a country or admin1; "X in Y".
        if let Some(j) = (i + 1..ms.len()).next() {
            let tj = ms[j].tokens.clone();
            let between: Vec<&str> = (t.end..tj.start.max(t.end))
                .map(|x| scan.low[x].as_str())
                .collect();
            if strong[j] && (between == [","] || between == ["in"]) && !strong[i] {
                ms[i].container = Some(j);
            }
        }
        // "Y's X"
        if i > 0 {
            let j = i - 1;
            let tj = ms[j].tokens.clone();
            if strong[j]
                && tj.end + 1 == t.start
                && matches!(scan.low[tj.end].as_str(), "'s" | "’s" | "'")
            {
                ms[i].container = Some(j);
            }
        }
    }
    // Modifiers: a hyphenated adjective ("U.S.-led", "Hamas-affiliated"), and, when the text
    // is parsed, a country compounded with a noun that is not a kind of place ("U.S. troops",
    // "the Iraq war"; not "a West Bank town", "the U.S. embassy").
    for m in ms.iter_mut() {
        let text = scan.doc.slice(m.span);
        let rest = scan.doc.text.get(m.span.end as usize..).unwrap_or("");
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        // A whole lower-case word after the hyphen ("-led", "-based"), not a particle inside
        // a name ("Port-au-Prince", "Mazar-e-Sharif").
        let hyphen_after = rest
            .strip_prefix(['-', '\u{2010}', '\u{2011}'])
            .is_some_and(|r| {
                let word: String = r.chars().take_while(|c| c.is_alphabetic()).collect();
                word.chars().count() >= 3
                    && word.chars().all(char::is_lowercase)
                    && !r[word.len()..].starts_with(['-', '\u{2010}', '\u{2011}'])
            });
        if hyphen_after || text.ends_with('-') {
            m.modifier = true;
            continue;
        }
        let t = m.tokens.clone();
        if t.is_empty() || m.kind == MentionKind::Demonym {
            continue;
        }
        let last = &scan.doc.tokens[t.end - 1];
        let Some(h) = last.head.map(|h| h as usize) else {
            continue;
        };
        if h < t.end || h >= n || last.deprel.split(':').next() != Some("compound") {
            continue;
        }
        let noun = &scan.low[h];
        if scan.doc.tokens[h].upos == Upos::Noun
            && cue_of(noun).is_none()
            && !PLACE_NOUNS_SET.contains(noun.as_str())
            && strength(g, &m.hits).country
        {
            m.modifier = true;
        }
    }
    // Metonymy: capitals and countries standing for governments.
    for m in ms.iter_mut() {
        let t = m.tokens.clone();
        if t.is_empty() || m.kind == MentionKind::Demonym {
            continue;
        }
        let s = strength(g, &m.hits);
        if !(s.capital || s.country) {
            continue;
        }
        let mut k = t.end;
        while k < n && k < t.end + 3 && AUXILIARY_SET.contains(scan.low[k].as_str()) {
            k += 1;
        }
        let verb_after = k < n && ACTOR_VERB_SET.contains(scan.low[k].as_str());
        let before = t.start > 0 && ACTOR_BEFORE_SET.contains(scan.low[t.start - 1].as_str());
        // Headline attribution: "... completed – Moscow".
        let sentence = &scan.doc.sentences[scan.sentence[t.start]];
        let headline_source = scan.headline[t.start]
            && t.end == sentence.tokens.end as usize
            && t.start > 0
            && matches!(scan.low[t.start - 1].as_str(), "--" | "-" | ":");
        // "Russia's offer of amnesty": the government's act; "Baghdad's forces": its agents.
        let possessed_act = t.end + 1 < n
            && matches!(scan.low[t.end].as_str(), "'s" | "’s")
            && (ACTOR_NOUN_SET.contains(scan.low[t.end + 1].as_str())
                || AGENT_NOUNS.contains(&scan.low[t.end + 1].as_str())
                || (t.end + 2 < n
                    && ACTOR_NOUN_MODIFIER_SET.contains(scan.low[t.end + 1].as_str())
                    && ACTOR_NOUN_SET.contains(scan.low[t.end + 2].as_str())));
        if (verb_after && s.capital) || before || headline_source || possessed_act {
            m.metonymic = true;
        }
        if verb_after && s.country && !s.capital {
            m.metonymic = true;
        }
    }
}

/// Place of a hit, for the resolver.
pub(crate) fn hit_place(g: &Gazetteer, h: &NameHit) -> Option<Place> {
    g.index().place(h.place)
}

/// Compass words that name a part of a place ("South Florida", "Western US").
pub(crate) fn is_direction(lower: &str) -> bool {
    matches!(
        lower,
        "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "upper"
            | "lower"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "north-east"
            | "north-west"
            | "south-east"
            | "south-west"
    )
}
