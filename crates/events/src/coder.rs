//! The event coder: from a parsed sentence to event records.
//!
//! For each sentence: find triggers (verbs and nouns with a pattern whose conditions hold in the
//! parse), read their arguments off the tree (subject / passive agent = actor; object, passive
//! subject or prepositional complement = recipient; places among them become locations), work
//! out how the claim is made (negation, denial, demand, threat, allegation, condition) and who
//! makes it (reported speech, "according to", quotations, the source carried forward), attach
//! the counts, places and dates of the event's clause, and build the records.

use std::collections::HashMap;

use annals_document::{Doc, SentenceKind, Upos};
use annals_geo::{Role, Toponym};
use annals_mentions::{ActorHit, ActorLexicon, EntryKind, Mentions};
use annals_record::{
    Attribution as RecordAttribution, DatePrecision, EventDate, EventRecord, Location, Modality,
    Participant, PloverType, Quad, Quantity, SentenceRef, TextSpan,
};
use chrono::NaiveDate;

use crate::PipelineOptions;
use crate::actors::{Actor, ActorCoder, Memory, is_time_word};
use crate::args::{
    indirect_object, object, on_time_adjunct, patient, prepositional, second_object, subject,
    with_conjuncts,
};
use crate::attribution::{Attribution, Source, quotations, sentence_attributions};
use crate::cameo::{
    as_appeal, intent_of, refusal_of, request_cameo, request_mode, threat_cameo, threat_mode,
};
use crate::lexicon::{
    Accept, Condition, EventLexicon, EventPattern, Frame, RoleSource, TriggerPos,
};
use crate::tree::Sent;

/// Everything the coder reads besides the document.
pub struct CoderInput<'a> {
    /// Actor lexicon.
    pub actors: &'a ActorLexicon,
    /// Event patterns.
    pub events: &'a EventLexicon,
    /// Dates and counts.
    pub mentions: &'a Mentions,
    /// Toponyms with their resolution.
    pub toponyms: &'a [Toponym],
    /// Options.
    pub options: &'a PipelineOptions,
}

/// Common nouns that name a place and take the place's name in an `of` phrase ("the
/// governorates of Daraa and Quneitra", "the town of Menaka").
const PLACE_NOUNS: &[&str] = &[
    "governorate",
    "province",
    "region",
    "district",
    "town",
    "city",
    "village",
    "area",
    "territory",
    "county",
    "state",
    "municipality",
    "capital",
    "camp",
    "base",
    "border",
    "outskirts",
    "suburb",
    "neighbourhood",
    "neighborhood",
    "enclave",
    "pocket",
    "island",
    "valley",
    "desert",
    "countryside",
    "port",
    "airport",
    "crossing",
];

/// Nouns that measure what they are "of": the verb's real object is the thing measured.
const MEASURE_NOUNS: &[&str] = &[
    "ton",
    "tonne",
    "tons",
    "tonnes",
    "kg",
    "kilogram",
    "kilo",
    "pound",
    "lot",
    "batch",
    "shipment",
    "consignment",
    "package",
    "worth",
    "million",
    "billion",
    "thousand",
    "hundred",
    "dollar",
    "euro",
    "amount",
    "quantity",
    "load",
    "truckload",
    "planeload",
    "cargo",
    "supply",
    "round",
    "tranche",
    "set",
    "range",
    "variety",
    "number",
    "host",
    "series",
    "wave",
    "barrel",
    "litre",
    "liter",
    "gallon",
    "box",
    "crate",
    "bag",
    "sack",
    "carton",
    "unit",
    "piece",
    "dose",
    "$",
    "€",
    "£",
    "¥",
    "pack",
    "kit",
];
/// Auxiliaries that make an event a demand.
const DEMAND_MODALS: &[&str] = &["should", "must", "ought", "shall"];
/// Auxiliaries that make an event hypothetical.
const HYPOTHETICAL_MODALS: &[&str] =
    &["could", "would", "may", "might", "will", "can", "'ll", "wo"];
/// Auxiliaries of the future: "will provide aid" commits the subject to the act.
const FUTURE_MODALS: &[&str] = &["will", "'ll", "shall", "wo"];
/// Verbs of intention whose infinitive is a commitment of their subject ("plans to impose",
/// "vowed to retaliate"): a promised cooperation is AGREE, a planned conflict THREATEN.
const COMMIT_VERBS: &[&str] = &[
    "plan",
    "intend",
    "prepare",
    "vow",
    "swear",
    "decide",
    "resolve",
    "want",
    "wish",
    "aim",
    "mean",
    "pledge",
    "promise",
    "undertake",
    "commit",
    "gear",
];
/// Adjectives of readiness with an infinitive: "is ready to contribute", "willing to send".
const READY_ADJECTIVES: &[&str] = &[
    "ready",
    "willing",
    "prepared",
    "determined",
    "eager",
    "keen",
    "poised",
    "set",
    "committed",
    "resolved",
    "happy",
    "open",
];
/// Adjectives of unreadiness: "is unwilling to negotiate" refuses the act.
const UNREADY_ADJECTIVES: &[&str] = &["unwilling", "reluctant", "unprepared", "loath", "loth"];
/// Verbs whose infinitive complement happened (or happens), unlike "plan to", "want to".
const IMPLICATIVE: &[&str] = &[
    "manage", "succeed", "allow", "enable", "help", "force", "compel", "begin", "start",
    "continue", "go", "get", "dare", "proceed", "resume",
];
/// Explosives and their blasts: what a bombing is done with ("a car bomb", "an improvised
/// explosive device", "a roadside bombing", "a minefield explosion").
const EXPLOSIVE_NOUNS: &[&str] = &[
    "bomb",
    "bombing",
    "explosion",
    "blast",
    "device",
    "ied",
    "mine",
    "landmine",
    "explosive",
    "grenade",
];

/// Whether token `x` names an explosive or its blast (see [`EXPLOSIVE_NOUNS`]).
fn is_explosive(s: &Sent, x: usize) -> bool {
    EXPLOSIVE_NOUNS.contains(&s.lemma(x)) || is_explosive_word(&s.lower(x))
}

/// Whether a lower-cased word is an explosive noun, in the singular or a plural in -s.
fn is_explosive_word(lower: &str) -> bool {
    EXPLOSIVE_NOUNS.contains(&lower) || EXPLOSIVE_NOUNS.contains(&lower.trim_end_matches('s'))
}

/// Weapon nouns: counted as surrendered or seized hardware.
const WEAPON_NOUNS: &[&str] = &[
    "tank",
    "tanks",
    "vehicle",
    "vehicles",
    "cannon",
    "cannons",
    "launcher",
    "launchers",
    "gun",
    "guns",
    "rifle",
    "rifles",
    "weapon",
    "weapons",
    "hardware",
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "ammunition",
    "mortar",
    "mortars",
    "mine",
    "mines",
    "drone",
    "drones",
    "aircraft",
    "helicopter",
    "helicopters",
    "artillery",
    "piece",
    "pieces",
    "round",
    "rounds",
];

/// Whether a counted noun counts people.
fn is_person_noun(unit: &str) -> bool {
    const PEOPLE: &[&str] = &[
        "people",
        "persons",
        "person",
        "civilians",
        "soldiers",
        "fighters",
        "militants",
        "troops",
        "children",
        "women",
        "men",
        "residents",
        "refugees",
        "protesters",
        "demonstrators",
        "policemen",
        "officers",
        "members",
        "insurgents",
        "rebels",
        "villagers",
        "workers",
        "students",
        "migrants",
        "prisoners",
        "detainees",
        "hostages",
        "individuals",
        "families",
        "journalists",
        "staff",
        "personnel",
        "jihadists",
        "terrorists",
        "gunmen",
        "suspects",
        "pilgrims",
        "passengers",
        "worshippers",
        "supporters",
        "activists",
    ];
    PEOPLE.contains(&unit)
}

/// A trigger whose pattern matched.
#[derive(Debug, Clone)]
struct Trigger<'p> {
    token: usize,
    pattern: &'p EventPattern,
    evidence: Vec<usize>,
}

/// One event before it becomes a record.
#[derive(Debug, Clone)]
struct Draft {
    trigger: usize,
    evidence: Vec<usize>,
    /// PLOVER type; `None` for a CAMEO statement.
    event_type: Option<PloverType>,
    mode: Option<String>,
    cameo: Option<String>,
    count_kind: Option<String>,
    actors: Vec<Actor>,
    recipients: Vec<Actor>,
    /// Heads whose subtrees hold this event's counts.
    count_scope: Vec<usize>,
    /// Indices of the counts (in `Mentions::quantities`) attached to the event.
    quantities: Vec<usize>,
    /// A place that is the event's own argument (seizing Daraa).
    place: Option<usize>,
    modality: Modality,
    source: Option<Source>,
    /// Token that decides the clause for places and dates.
    clause: usize,
    /// How deeply the trigger is embedded below the sentence's main predication (see
    /// [`embedding`]): main-clause events rank first.
    depth: u8,
    /// A demand made as an appeal ("should", "called on", "urged": CAMEO 02) rather than a
    /// demand ("must", "demanded": CAMEO 10).
    appeal: bool,
    /// The nearest frame verb governing the trigger ("agreed" of "agreed to lift"), if any.
    frame: Option<usize>,
    /// Whether the recipients were taken from the act the event frames (they add no
    /// confidence: the text does not name them as this event's).
    borrowed: bool,
    /// The explosive that did an attack no one is named for ("a roadside bombing killed"):
    /// the record's actor is then unidentified armed forces where it happened.
    device: Option<usize>,
}

/// Code the events of a document.
pub fn code(doc: &Doc, input: &CoderInput) -> Vec<EventRecord> {
    let hits = input.actors.find(doc);
    let focus = document_focus(input.toponyms);
    let actor_coder = ActorCoder {
        lexicon: input.actors,
        hits: &hits,
        date: doc.date,
        toponyms: input.toponyms,
        focus_country: focus
            .as_ref()
            .and_then(|l| l.country.clone())
            .or_else(|| only_named_country(&hits, input.actors, doc.date)),
    };
    let mut memory = Memory::default();
    let quotes = quotations(doc);
    let mut carried: Option<Source> = None;
    let mut quote_sources: HashMap<usize, Source> = HashMap::new();
    let mut records = Vec::new();
    let mut pending: Vec<(usize, Draft)> = Vec::new();

    for index in 0..doc.sentences.len() {
        let sentence = &doc.sentences[index];
        let s = Sent::new(doc, index);
        if !s.is_parsed() {
            continue;
        }
        let headline = sentence.kind == SentenceKind::Headline;
        if headline && !input.options.code_headlines {
            continue;
        }
        let attributions = sentence_attributions(
            &s,
            input.events,
            &actor_coder,
            &mut memory,
            carried.as_ref(),
        );
        // A quotation that ends in this sentence with "…,” he said" gives its speaker to the
        // sentences it spans.
        for (qi, q) in quotes.iter().enumerate() {
            if (q.contains(&s.range.start) || q.contains(&(s.range.end.saturating_sub(1))))
                && let Some(a) = attributions
                    .iter()
                    .find(|a| !q.contains(&a.cue_token) && a.tokens.iter().any(|t| q.contains(t)))
            {
                quote_sources.insert(qi, a.source.clone());
            }
        }
        let quote_source = |t: usize| -> Option<Source> {
            quotes.iter().enumerate().find_map(|(qi, q)| {
                q.contains(&t)
                    .then(|| quote_sources.get(&qi).cloned())
                    .flatten()
            })
        };
        // Quotes whose speaker comes after (in a later sentence): look ahead.
        let lookahead_source =
            lookahead_quote_speaker(doc, index, &quotes, input, &actor_coder, &mut memory);

        let triggers = find_triggers(&s, input, &hits);
        let drafts = build_drafts(
            &s,
            &triggers,
            input,
            &actor_coder,
            &mut memory,
            &attributions,
        );
        let mut drafts = drafts;
        let demands = uncoded_demands(&s, &drafts, &actor_coder, &mut memory, &attributions);
        drafts.extend(demands);
        // Attribution of each draft.
        for d in &mut drafts {
            let own = attributions
                .iter()
                .filter(|a| a.tokens.binary_search(&d.trigger).is_ok())
                .min_by_key(|a| a.tokens.len())
                .map(|a| a.source.clone());
            // A statement outside any quote or report is its own speaker's word: it does not
            // inherit the speaker of the sentences before.
            let own_word = d.event_type.is_none() && !d.actors.is_empty();
            d.source = own
                .or_else(|| quote_source(d.trigger))
                .or_else(|| lookahead_source.clone())
                .or_else(|| {
                    carried.clone().filter(|_| !own_word).map(|mut c| {
                        c.inherited = true;
                        c
                    })
                });
        }
        // Demands made with "should"/"must" are the speaker's.
        for d in &mut drafts {
            if d.modality == Modality::Demanded {
                to_request_by_speaker(d);
            }
        }
        if let Some(a) = attributions.iter().max_by_key(|a| a.tokens.len()) {
            carried = Some(a.source.clone());
        } else if let Some(src) = lookahead_source.clone() {
            carried = Some(src);
        }
        assign_counts(&s, &mut drafts, input.mentions);
        pending.extend(drafts.into_iter().map(|d| (index, d)));
    }
    // Participants take what the whole document says about them.
    for (index, mut d) in pending {
        for a in d.actors.iter_mut().chain(d.recipients.iter_mut()) {
            memory.complete(a);
            actor_coder.office_holder_country(doc, a);
        }
        if let Some(src) = d.source.as_mut() {
            memory.complete(&mut src.speaker);
            actor_coder.office_holder_country(doc, &mut src.speaker);
        }
        let s = Sent::new(doc, index);
        let story_country = actor_coder.focus_country.as_deref();
        records.extend(to_records(&s, d, input, &focus, story_country));
    }
    records
}

/// Speaker of a quotation that starts in sentence `index` and whose attribution ("he said")
/// comes in a later sentence.
fn lookahead_quote_speaker(
    doc: &Doc,
    index: usize,
    quotes: &[std::ops::Range<usize>],
    input: &CoderInput,
    coder: &ActorCoder,
    memory: &mut Memory,
) -> Option<Source> {
    let range = doc.sentences[index].token_range();
    let q = quotes.iter().find(|q| {
        q.start <= range.end
            && q.end >= range.end.saturating_sub(1)
            && q.start >= range.start.saturating_sub(1)
    })?;
    // The sentence where the quote closes.
    let last = doc.sentence_of_token(q.end.min(doc.tokens.len().saturating_sub(1)))?;
    if last == index {
        return None;
    }
    let s = Sent::new(doc, last);
    let attributions = sentence_attributions(&s, input.events, coder, memory, None);
    attributions
        .into_iter()
        .find(|a| !q.contains(&a.cue_token))
        .map(|a| Source {
            inherited: true,
            ..a.source
        })
}

/// The whole of a hyphenated word that ends at token `t` and that the tokenizer split
/// ("cease-fire", "air-strike"), lower case.
fn hyphenated(s: &Sent, t: usize) -> Option<String> {
    if t < s.range.start + 2 || s.token(t - 1).norm != "-" {
        return None;
    }
    let (a, h, b) = (s.token(t - 2), s.token(t - 1), s.token(t));
    (a.span.end == h.span.start && h.span.end == b.span.start)
        .then(|| format!("{}-{}", s.lower(t - 2), s.lower(t)))
}

fn accepts(s: &Sent, t: usize, accept: &Accept, input: &CoderInput, hits: &[ActorHit]) -> bool {
    if accept.any
        || accept
            .lemmas
            .iter()
            .any(|l| l == s.lemma(t) || *l == s.lower(t))
        || hyphenated(s, t).is_some_and(|w| accept.lemmas.contains(&w))
    {
        return true;
    }
    if accept.place && is_place(s, t, input.toponyms) {
        return true;
    }
    if accept.actor {
        let tokens = crate::actors::phrase_tokens(s, t);
        return !crate::actors::hits_within(hits, &tokens).is_empty();
    }
    false
}

/// The open complements of verb `t`: its `xcomp` children but a bare noun ("told AFP by
/// phone", where a name the parser took for a complement is the addressee), and an infinitive
/// the parser hung on the verb's object instead of the verb ("ordered the former president to
/// appear", "urged the rebels to lay down their arms").
fn open_complements<'a>(s: &'a Sent, t: usize) -> impl Iterator<Item = usize> + 'a {
    let bare_noun = move |c: usize| {
        matches!(s.upos(c), Upos::Noun | Upos::Propn | Upos::Pron) && s.case_of(c).is_none()
    };
    s.children_rel(t, "xcomp")
        .filter(move |&c| !bare_noun(c))
        .chain(
            s.children_rel(t, "obj")
                .flat_map(move |o| s.children(o).iter().copied())
                .filter(move |&c| object_infinitive(s, c)),
        )
}

/// Whether `c` is an infinitive hung on a verb's object ("ordered X *to appear*"): an `acl`
/// (not a relative clause) verb marked `to`.
fn object_infinitive(s: &Sent, c: usize) -> bool {
    s.rel(c) == "acl"
        && s.upos(c) == Upos::Verb
        && s.case_of(c) == Some("to")
        && s.head(c).is_some_and(|o| s.base_rel(o) == "obj")
}

/// Whether a clause the parser attached as an open complement (`xcomp`) is really a finite
/// clause with its own subject or tense ("… have been demobilized, commanders told AFP"): an
/// open complement has neither.
fn finite_clause(s: &Sent, c: usize) -> bool {
    s.children(c).iter().any(|&x| {
        matches!(s.base_rel(x), "nsubj" | "csubj")
            || (matches!(s.base_rel(x), "aux") && {
                let w = s.lower(x);
                matches!(
                    w.as_str(),
                    "have"
                        | "has"
                        | "had"
                        | "will"
                        | "would"
                        | "shall"
                        | "should"
                        | "can"
                        | "could"
                        | "may"
                        | "might"
                        | "must"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "am"
                        | "does"
                        | "did"
                        | "do"
                        | "'s"
                        | "'re"
                        | "'ve"
                        | "'ll"
                        | "'d"
                )
            })
    })
}

/// Whether token `t` (or the place noun it heads) is a literal place.
fn is_place(s: &Sent, t: usize, toponyms: &[Toponym]) -> bool {
    place_toponym(s, t, toponyms).is_some()
        || (PLACE_NOUNS.contains(&s.lemma(t))
            && s.children(t)
                .iter()
                .any(|&c| place_toponym(s, c, toponyms).is_some()))
}

/// The literal-place toponym covering token `t`.
pub(crate) fn place_toponym<'t>(
    s: &Sent,
    t: usize,
    toponyms: &'t [Toponym],
) -> Option<&'t Toponym> {
    let span = s.token(t).span;
    toponyms
        .iter()
        .find(|p| p.role == Role::Place && p.span().overlaps(span) && p.resolution.is_some())
}

/// Nouns that stand for a part or a group of what they are "of": "94% of the equipment",
/// "some of the weapons", "a team of doctors and medicines". Looked through like
/// [`MEASURE_NOUNS`], for object conditions only.
const PART_NOUNS: &[&str] = &[
    "%",
    "percent",
    "per",
    "part",
    "portion",
    "share",
    "some",
    "all",
    "most",
    "much",
    "rest",
    "bulk",
    "half",
    "majority",
    "team",
    "group",
    "contingent",
    "convoy",
    "fleet",
];

/// The noun modifiers of noun `c` that name a kind of it: "curfew" in "curfew hours",
/// "peacekeeping" in "peacekeeping forces" (tagged a verb or a noun, and also when the parser
/// made the gerund an adjectival modifier).
fn compounds<'a>(s: &'a Sent, c: usize) -> impl Iterator<Item = usize> + 'a {
    s.children(c).iter().copied().filter(move |&m| {
        (s.base_rel(m) == "compound" && matches!(s.upos(m), Upos::Noun | Upos::Verb))
            || (s.base_rel(m) == "amod" && s.token(m).xpos == "VBG")
    })
}

/// What an object condition of trigger `t` may match, best first: the object `heads` and their
/// conjuncts ("lifted trade and travel restrictions"), nouns the parser coordinated with the
/// verb after its object ("sent a team of experts, equipment and drugs"), the thing a measure or
/// part is "of", however deep ("$4 million worth of medicines", "94% of military equipment"),
/// and last the compound modifiers of all these ("eased curfew hours") unless an event noun's
/// own pattern reads them.
fn object_candidates(
    s: &Sent,
    t: usize,
    pos: TriggerPos,
    heads: &[usize],
    events: &EventLexicon,
) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let push = |out: &mut Vec<usize>, x: usize| {
        if !out.contains(&x) {
            out.push(x);
        }
    };
    for &h in heads {
        for c in with_conjuncts(s, h) {
            push(&mut out, c);
        }
    }
    if pos == TriggerPos::Verb
        && !s.is_passive(t)
        && let Some(&first) = heads.first()
    {
        let stray: Vec<usize> = s
            .children_rel(t, "conj")
            .filter(|&c| {
                c > first
                    && matches!(s.upos(c), Upos::Noun)
                    && !s
                        .children(c)
                        .iter()
                        .any(|&x| matches!(s.base_rel(x), "nsubj" | "cop" | "aux" | "case"))
            })
            .collect();
        for c in stray {
            push(&mut out, c);
        }
    }
    let measure = |c: usize| {
        MEASURE_NOUNS.contains(&s.lemma(c))
            || PART_NOUNS.contains(&s.lemma(c))
            || PART_NOUNS.contains(&s.lower(c).as_str())
            || s.upos(c) == Upos::Num
    };
    let mut i = 0;
    while i < out.len() && out.len() < 48 {
        let c = out[i];
        i += 1;
        if !measure(c) {
            continue;
        }
        for &x in s.children(c) {
            let of = s.base_rel(x) == "nmod" && matches!(s.case_of(x), Some("of" | "in"));
            let nested = matches!(s.base_rel(x), "nummod" | "compound" | "nmod")
                && s.case_of(x).is_none()
                && MEASURE_NOUNS.contains(&s.lemma(x));
            if of {
                for y in with_conjuncts(s, x) {
                    push(&mut out, y);
                }
            } else if nested {
                push(&mut out, x);
            }
        }
    }
    // A modifier that an event noun's own pattern reads stays with the noun: "launched war
    // games" are games (the noun `game` with `war`), not a war.
    let own = |c: usize, m: usize| {
        events
            .patterns(TriggerPos::Noun, s.lemma(c))
            .iter()
            .any(|p| {
                p.conditions.iter().any(|k| match k {
                    Condition::Dep(a) => {
                        !a.any && (a.accepts_lemma(s.lemma(m)) || a.accepts_lemma(&s.lower(m)))
                    }
                    _ => false,
                })
            })
    };
    let modifiers: Vec<usize> = out
        .iter()
        .flat_map(|&c| compounds(s, c).filter(move |&m| !own(c, m)))
        .collect();
    for m in modifiers {
        push(&mut out, m);
    }
    out
}

/// How far from the verb's own object the object conditions of `pattern` were met: the
/// largest position, among the trigger's [`object_candidates`], of the first candidate each
/// accepts (a compound modifier counting as its noun; 0 for the object itself or a pattern
/// without object conditions).
fn object_rank(
    s: &Sent,
    candidates: &[usize],
    pattern: &EventPattern,
    input: &CoderInput,
    hits: &[ActorHit],
) -> usize {
    pattern
        .conditions
        .iter()
        .filter_map(|c| match c {
            Condition::Obj(a) => {
                let x = *candidates
                    .iter()
                    .find(|&&x| accepts(s, x, a, input, hits))?;
                // A compound modifier ranks with its noun: "violated the ceasefire agreement"
                // is a ceasefire violated as much as an agreement.
                let noun = s
                    .head(x)
                    .filter(|&h| s.base_rel(x) == "compound" && candidates.contains(&h))
                    .unwrap_or(x);
                candidates.iter().position(|&c| c == noun)
            }
            _ => None,
        })
        .max()
        .unwrap_or(0)
}

/// How many of the words a pattern matched besides its trigger `t` (its `evidence`) it lists
/// only by their lemma, not as written: "firing" is listed by a firearms pattern, and only its
/// lemma "fire" by an accidents pattern.
fn lemma_only_matches(s: &Sent, t: usize, pattern: &EventPattern, evidence: &[usize]) -> usize {
    let lists: Vec<&Accept> = pattern
        .conditions
        .iter()
        .filter_map(|c| match c {
            Condition::Obj(a)
            | Condition::Particle(a)
            | Condition::Prep(_, a)
            | Condition::Xcomp(a)
            | Condition::Dep(a)
            | Condition::Subj(a) => Some(a),
            _ => None,
        })
        .collect();
    let listed = |word: &str| lists.iter().any(|a| a.lemmas.iter().any(|l| l == word));
    // A prepositional condition's evidence is its case marker; the word it accepted is the
    // marker's head.
    let mut words: Vec<usize> = evidence
        .iter()
        .flat_map(|&e| {
            let marked = s
                .head(e)
                .filter(|_| matches!(s.base_rel(e), "case" | "mark"));
            std::iter::once(e).chain(marked)
        })
        .filter(|&e| e != t)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
        .iter()
        .filter(|&&e| {
            let lower = s.lower(e);
            lower != s.lemma(e) && !listed(&lower) && listed(s.lemma(e))
        })
        .count()
}

/// The objects of trigger `t` an object condition starts from: its direct objects, or the
/// subject of a passive (and the noun a passive participle modifies), or for an active verb
/// without one a counted object the parser took for an adjunct ("returned to Brazil 21 frogs").
fn object_heads(s: &Sent, t: usize, pos: TriggerPos) -> Vec<usize> {
    let mut heads: Vec<usize> = s.children_rel(t, "obj").collect();
    if s.is_passive(t) {
        heads.extend(s.children_rel(t, "nsubj:pass"));
        if s.rel(t) == "acl" {
            heads.extend(s.head(t));
        }
    } else if pos == TriggerPos::Verb && heads.is_empty() {
        heads.extend(patient(s, t));
    } else if pos == TriggerPos::Verb {
        // "gave the Ivory Coast 5.1 million dollars": the thing given is the second object.
        heads.extend(second_object(s, t));
    }
    heads
}

/// `objects` are the trigger's [`object_candidates`] (empty when it has no object).
fn condition_holds(
    s: &Sent,
    t: usize,
    pos: TriggerPos,
    condition: &Condition,
    objects: &[usize],
    input: &CoderInput,
    hits: &[ActorHit],
) -> Option<Vec<usize>> {
    let ok = |c: usize, a: &Accept| accepts(s, c, a, input, hits);
    match condition {
        Condition::Obj(a) => objects
            .iter()
            .copied()
            .find(|&c| ok(c, a))
            .map(|c| if a.lemmas.is_empty() { vec![] } else { vec![c] }),
        Condition::Particle(a) => s
            .children_rel(t, "compound:prt")
            .find(|&c| ok(c, a))
            // The word right after the verb, when the parser hung it elsewhere as an adverb
            // ("handed over 500 kg of medicine": "over" an adverb of "500").
            .or_else(|| {
                let next = t + 1;
                (s.range.contains(&next)
                    && matches!(s.upos(next), Upos::Adv | Upos::Adp | Upos::Part)
                    && matches!(s.base_rel(next), "advmod" | "dep" | "compound")
                    && ok(next, a))
                .then_some(next)
            })
            .map(|c| vec![c]),
        Condition::Prep(preps, a) => {
            // A noun's phrases can hang on its support verb: "held talks with Syria".
            let support = (pos == TriggerPos::Noun)
                .then(|| support_verb(s, t))
                .flatten()
                .map(|v| s.children(v).iter().copied().filter(move |&c| c != t));
            let by_case = s
                .children(t)
                .iter()
                .copied()
                .chain(support.into_iter().flatten())
                .chain(on_time_adjunct(s, t))
                .find(|&c| {
                    matches!(
                        s.base_rel(c),
                        "obl" | "nmod" | "advcl" | "xcomp" | "advmod" | "acl" | "ccomp"
                    ) && s.case_of(c).is_some_and(|p| preps.iter().any(|x| x == p))
                        && (ok(c, a)
                            || (!a.any && compounds(s, c).any(|m| ok(m, a)))
                            // "an attack in which three soldiers died": the antecedent.
                            || (s.lower(c) == "which"
                                && s.rel(t) == "acl:relcl"
                                && s.head(t).is_some_and(|h| ok(h, a)))
                            || split_noun(s, t, c)
                                .is_some_and(|n| a.lemmas.iter().any(|l| *l == s.lower(n))))
                });
            // A `to` phrase the parser hung on the verb's object ("returned paintings to the
            // government").
            let by_case = by_case.or_else(|| {
                preps
                    .iter()
                    .find_map(|p| crate::args::misattached_to(s, t, p))
                    .filter(|&c| ok(c, a))
            });
            if let Some(c) = by_case {
                let case = s
                    .children(c)
                    .iter()
                    .copied()
                    .find(|&x| matches!(s.base_rel(x), "case" | "mark"));
                return Some(case.into_iter().collect());
            }
            s.children_rel(t, "compound:prt")
                .find(|&c| preps.iter().any(|x| x == s.lemma(c)))
                .map(|c| vec![c])
        }
        Condition::Xcomp(a) => open_complements(s, t)
            .find(|&c| ok(c, a) && !finite_clause(s, c))
            .map(|c| vec![c]),
        Condition::Dep(a) => s
            .children(t)
            .iter()
            .copied()
            .find(|&c| ok(c, a))
            .map(|c| vec![c]),
        Condition::Subj(a) => subject(s, t).filter(|&c| ok(c, a)).map(|_| vec![]),
        Condition::Passive => s.is_passive(t).then(Vec::new),
        Condition::Active => (!s.is_passive(t)).then(Vec::new),
        Condition::Intransitive => (!s.is_passive(t)
            && !s
                .children(t)
                .iter()
                .any(|&c| matches!(s.base_rel(c), "obj" | "ccomp" | "xcomp" | "iobj")))
        .then(Vec::new),
        Condition::Warning => s
            .children_rel(t, "ccomp")
            .find(|&c| warned_own_act(s, c, hits))
            .map(|_| vec![]),
    }
}

/// Personal pronouns a warning's clause may have as subject (the warner or its side).
const WARNER_PRONOUNS: &[&str] = &["we", "i", "it", "they", "he", "she"];

/// Verbs of a forecast rather than an act ("warned that it would take years").
const FORECAST_VERBS: &[&str] = &[
    "be", "have", "take", "cost", "need", "become", "remain", "continue", "get", "mean", "lead",
    "happen", "fall", "rise", "grow", "face", "go", "run", "struggle", "receive", "lose", "suffer",
    "fail", "collapse", "die", "see", "find", "make",
];

/// Whether clause `c` (the complement of "warn") announces the warner's own future act: see
/// [`Condition::Warning`].
fn warned_own_act(s: &Sent, c: usize, hits: &[ActorHit]) -> bool {
    let warner_active = s.head(c).is_some_and(|w| !s.is_passive(w));
    if !warner_active || s.upos(c) != Upos::Verb || FORECAST_VERBS.contains(&s.lemma(c)) {
        return false;
    }
    let markers = clause_markers(s, c);
    let has = |words: &[&str]| markers.iter().any(|m| words.contains(&m.as_str()));
    if !has(FUTURE_MODALS) && !has(&["would", "could"]) {
        return false;
    }
    let Some(subj) = crate::args::subject(s, c) else {
        return false;
    };
    let refused = has(&["not", "n't", "never", "longer"]);
    // An act done to someone: refused, or with an object or an "against" phrase.
    let directed = refused
        || s.child_rel(c, "obj").is_some()
        || s.children_rel(c, "obl")
            .any(|o| s.case_of(o) == Some("against"));
    if !directed {
        return false;
    }
    if s.upos(subj) == Upos::Pron {
        return WARNER_PRONOUNS.contains(&s.lower(subj).as_str());
    }
    refused && !crate::actors::hits_within(hits, &crate::actors::phrase_tokens(s, subj)).is_empty()
}

/// Whether verb `t` has an article ("a", "an", "the") before it as its determiner: a noun
/// the tagger took for a verb ("a visit", "the attack").
fn article_noun(s: &Sent, t: usize) -> bool {
    s.children_rel(t, "det")
        .any(|d| d < t && matches!(s.lower(d).as_str(), "a" | "an" | "the"))
}

/// Whether noun `t` is marked by the infinitive "to" right before it, with no determiner: a
/// verb the tagger took for a noun ("ready to host a meeting").
fn infinitive_noun(s: &Sent, t: usize) -> bool {
    t > s.range.start
        && s.lower(t - 1) == "to"
        && s.head(t - 1) == Some(t)
        && s.base_rel(t - 1) == "mark"
        && s.child_rel(t, "det").is_none()
}

fn find_triggers<'p>(s: &Sent, input: &'p CoderInput, hits: &[ActorHit]) -> Vec<Trigger<'p>> {
    let mut out = Vec::new();
    for t in s.tokens() {
        let pos = match s.upos(t) {
            // A "verb" with an article is a noun the tagger missed: "on a previously
            // unannounced visit" (when the lexicons know the noun).
            Upos::Verb
                if article_noun(s, t)
                    && !input
                        .events
                        .patterns(TriggerPos::Noun, s.lemma(t))
                        .is_empty() =>
            {
                TriggerPos::Noun
            }
            Upos::Verb => TriggerPos::Verb,
            // A "noun" right after an infinitive "to" that marks it is a verb the tagger
            // missed: "ready to host a meeting" (when the lexicons know the verb).
            Upos::Noun
                if infinitive_noun(s, t)
                    && !input
                        .events
                        .patterns(TriggerPos::Verb, s.lemma(t))
                        .is_empty() =>
            {
                TriggerPos::Verb
            }
            Upos::Noun => TriggerPos::Noun,
            _ => continue,
        };
        // Modifiers are not events: "the liberated area", "attack helicopters", "riot police".
        if matches!(s.rel(t), "amod" | "compound" | "nmod:npmod" | "flat") {
            continue;
        }
        // A participle joined by a hyphen to an adjective or adverb before it is one adjective
        // ("its long-threatened invasion", "the long-awaited talks"), whatever the parse.
        if pos == TriggerPos::Verb && hyphen_compound_participle(s, t) {
            continue;
        }
        // A participle before its noun is an adjective too: "internally displaced people".
        if pos == TriggerPos::Verb && s.base_rel(t) == "acl" && s.head(t).is_some_and(|h| h > t) {
            continue;
        }
        // The second half of a compound the parser split off ("killed in police firing" read
        // as "in police" + a participle "firing" modifying it) is the means of the verb the
        // first half hangs on, not an event of its own.
        if pos == TriggerPos::Verb
            && let Some(c) = s.head(t)
            && let Some(v) = s.head(c)
            && s.upos(v) == Upos::Verb
            && s.case_of(c).is_some()
            && split_noun(s, v, c) == Some(t)
        {
            continue;
        }
        // The tagger's lemma, or (when the lexicons do not know it) a regular dictionary form of
        // the word ("upgrad" for "upgraded" is "upgrade").
        // A hyphenated word the tokenizer split ("cease-fire" as "cease", "-", "fire") is
        // looked up whole first.
        let mut patterns = hyphenated(s, t)
            .map(|w| input.events.patterns(pos, &w))
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| input.events.patterns(pos, s.lemma(t)));
        if patterns.is_empty() {
            let lower = s.lower(t);
            patterns = std::iter::once(lower.clone())
                .chain(crate::tree::lemma_guesses(&lower))
                .map(|g| input.events.patterns(pos, &g))
                .find(|p| !p.is_empty())
                .unwrap_or(&[]);
        }
        // The first pattern whose conditions hold wins (the most specific, then the first in
        // the files), except that among patterns of as many conditions one that names its
        // words as written wins over one that names only their lemmas ("killed in police
        // firing" is the firearms pattern's "firing", not the fires of the accidents pattern,
        // whose "fire" is only the lemma), and then one whose object is nearer the verb's own
        // object: "sent vehicles and a team of paratroopers" is coded by its vehicles, not by
        // the paratroopers the team is made of.
        let mut best: Option<(&EventPattern, Vec<usize>, (usize, usize))> = None;
        // What object conditions may match, found once for all the trigger's patterns.
        let objects = object_candidates(s, t, pos, &object_heads(s, t, pos), input.events);
        'patterns: for pattern in patterns {
            if let Some((b, _, rank)) = &best
                && (b.conditions.len() != pattern.conditions.len() || *rank == (0, 0))
            {
                break;
            }
            let mut evidence = vec![t];
            for condition in &pattern.conditions {
                match condition_holds(s, t, pos, condition, &objects, input, hits) {
                    Some(extra) => evidence.extend(extra),
                    None => continue 'patterns,
                }
            }
            let rank = (
                lemma_only_matches(s, t, pattern, &evidence),
                object_rank(s, &objects, pattern, input, hits),
            );
            if best.as_ref().is_none_or(|(_, _, r)| rank < *r) {
                best = Some((pattern, evidence, rank));
            }
        }
        if let Some((pattern, mut evidence, _)) = best {
            evidence.sort_unstable();
            evidence.dedup();
            out.push(Trigger {
                token: t,
                pattern,
                evidence,
            });
        }
    }
    out
}

/// Frames above a trigger: (frame, frame token), nearest first.
fn governing_frames(s: &Sent, t: usize, frames: &HashMap<usize, Frame>) -> Vec<(Frame, usize)> {
    let mut out = Vec::new();
    let mut x = t;
    let mut steps = 0;
    while let Some(h) = s.head(x) {
        steps += 1;
        if steps > 12 {
            break;
        }
        let rel = s.base_rel(x);
        // An infinitive hung on a frame verb's object ("ordered the president to appear") is
        // the verb's complement.
        if object_infinitive(s, x)
            && let Some(g) = s.head(h)
            && let Some(&f) = frames.get(&g)
        {
            out.push((f, g));
            x = g;
            continue;
        }
        // Conjuncts share their first conjunct's frame; a clause completing a frame noun ("its
        // demand that Israel ease restrictions") is governed by the noun.
        let noun_complement = rel == "acl" && s.rel(x) != "acl:relcl" && frames.contains_key(&h);
        if !matches!(
            rel,
            "xcomp" | "ccomp" | "csubj" | "advcl" | "conj" | "parataxis"
        ) && !noun_complement
        {
            break;
        }
        if let Some(&f) = frames.get(&h)
            && rel != "conj"
        {
            out.push((f, h));
        }
        x = h;
    }
    out
}

/// Auxiliaries and negation of a predicate, including those of the conjunct it shares a
/// subject with, and of the adjective whose infinitive it is ("must be ready to mediate").
fn clause_markers(s: &Sent, t: usize) -> Vec<String> {
    let mut out: Vec<String> = s
        .children(t)
        .iter()
        .copied()
        .filter(|&c| matches!(s.base_rel(c), "aux" | "advmod" | "mark" | "det"))
        .map(|c| s.lower(c))
        .collect();
    if s.base_rel(t) == "xcomp"
        && let Some(h) = s.head(t)
        && s.upos(h) == Upos::Adj
    {
        out.extend(
            s.children(h)
                .iter()
                .copied()
                .filter(|&c| matches!(s.base_rel(c), "aux" | "advmod"))
                .map(|c| s.lower(c)),
        );
    }
    let mut x = t;
    while s.base_rel(x) == "conj" && s.child_rel(x, "nsubj").is_none() {
        let Some(h) = s.head(x) else { break };
        out.extend(
            s.children(h)
                .iter()
                .copied()
                .filter(|&c| matches!(s.base_rel(c), "aux"))
                .map(|c| s.lower(c)),
        );
        x = h;
    }
    out
}

/// How deeply token `t` is embedded below the sentence's main predication: 0 for the main
/// clause, the clauses it reports or coordinates and their controlled complements ("Hungary
/// said it will support a resolution"); one more for each relative, adverbial or modifier
/// clause and each argument phrase on the way up ("a resolution that aims to tighten
/// sanctions": 2 for "tighten").
fn embedding(s: &Sent, t: usize) -> u8 {
    let mut depth = 0u8;
    let mut x = t;
    let mut steps = 0;
    while let Some(h) = s.head(x) {
        steps += 1;
        // A main clause the parser hung on the root noun is the main predication.
        if steps > 24 || s.verbless_root_subject(x).is_some() {
            break;
        }
        let free = matches!(
            s.base_rel(x),
            "conj" | "parataxis" | "xcomp" | "ccomp" | "flat" | "fixed" | "compound" | "appos"
        );
        if !free {
            depth = depth.saturating_add(1);
        }
        x = h;
    }
    depth
}

/// Whether the clause of `t` makes a demand, and how: `Some(true)` for an appeal ("should",
/// "ought to"), `Some(false)` for a demand ("must", "has to").
fn demand_modal(s: &Sent, t: usize) -> Option<bool> {
    let markers = clause_markers(s, t);
    let has = |words: &[&str]| markers.iter().any(|m| words.contains(&m.as_str()));
    if has(&["must"]) {
        Some(false)
    } else if has(&["should", "ought"]) {
        Some(true)
    } else {
        None
    }
}

/// Whether the clause of verb `t` commits its subject to the act: a future ("will provide
/// aid", "said they would boycott"), a verb of intention ("plans to impose", "vowed to fight")
/// or an adjective of readiness ("is ready to contribute"). `Some(true)` when the commitment
/// is negated ("will not accept", "is unwilling to negotiate"), which refuses the act. Acts
/// under a frame that codes its own event ("agreed to withdraw", "threatened to strike") and
/// conditions ("if", "unless" on the act's own clause are kept: "will withdraw unless …" is
/// still a commitment) are left to that frame.
fn commitment(
    s: &Sent,
    t: usize,
    governing: &[(Frame, usize)],
    frame_events: &[usize],
) -> Option<bool> {
    let markers = clause_markers(s, t);
    let has = |words: &[&str]| markers.iter().any(|m| words.contains(&m.as_str()));
    let negated = has(&["not", "n't", "never", "no"]);
    if has(&["could", "might", "may", "can"]) {
        return None;
    }
    if let Some(&(frame, h)) = governing.first() {
        if frame_events.contains(&h) {
            return None;
        }
        match frame {
            Frame::Intend if COMMIT_VERBS.contains(&s.lemma(h)) => {
                let frame_negated = clause_markers(s, h)
                    .iter()
                    .any(|m| matches!(m.as_str(), "not" | "n't" | "never"));
                return Some(negated || frame_negated);
            }
            Frame::Report => {}
            _ => return None,
        }
    }
    if has(FUTURE_MODALS) || (has(&["would"]) && governing.iter().any(|(f, _)| *f == Frame::Report))
    {
        return Some(negated);
    }
    if s.base_rel(t) == "xcomp"
        && let Some(h) = s.head(t)
        && s.upos(h) == Upos::Adj
    {
        if READY_ADJECTIVES.contains(&s.lemma(h)) {
            return Some(negated);
        }
        if UNREADY_ADJECTIVES.contains(&s.lemma(h)) {
            return Some(true);
        }
    }
    None
}

/// Whether token `x` is a noun that names an attack ("firing", "airstrike", "shelling").
fn is_attack_noun(s: &Sent, x: usize, input: &CoderInput) -> bool {
    matches!(s.upos(x), Upos::Noun | Upos::Verb)
        && [s.lemma(x), s.lower(x).as_str()].iter().any(|w| {
            input
                .events
                .patterns(TriggerPos::Noun, w)
                .iter()
                .any(|p| p.event_type == Some(PloverType::Assault))
        })
}

/// The second half of a noun compound the parser split off as its own dependent of `t`:
/// "killed in police firing" read as "in police" + "firing" (a verb). `c` is the first half.
fn split_noun(s: &Sent, t: usize, c: usize) -> Option<usize> {
    let next = c + 1;
    if !s.range.contains(&next) {
        return None;
    }
    let beside = s.head(next) == Some(t)
        && matches!(s.base_rel(next), "advcl" | "obl" | "xcomp" | "dep" | "obj");
    // … or hung below the first half: "in police firing" with "firing" an `acl` of "police".
    let below = s.head(next) == Some(c) && matches!(s.base_rel(next), "acl" | "dep" | "amod");
    ((beside || below)
        && s.case_of(next).is_none()
        && s.children(c).iter().all(|&x| x < c || x == next))
    .then_some(next)
}

/// The actor of an agentless event that names its means: "killed in police firing", "died
/// in an Israeli airstrike", "wounded in shelling by the army" — the actor of that attack (its
/// possessor, actor modifier or `by` phrase), also through a relative ("the firing in which
/// one person was killed") and when the parser split the means in two ("in police" +
/// "firing"); or the attacker of the clause that times it ("… were killed when police opened
/// fire").
fn instrument_actor(
    s: &Sent,
    t: usize,
    input: &CoderInput,
    hits: &[ActorHit],
    assaults: &[usize],
) -> Option<usize> {
    let attack_word = |x: usize| is_attack_noun(s, x, input);
    for &c in s.children(t) {
        if s.base_rel(c) == "advcl"
            && assaults.contains(&c)
            && s.children(c).iter().any(|&x| {
                matches!(s.base_rel(x), "mark" | "advmod")
                    && matches!(s.lemma(x), "when" | "as" | "after" | "while")
            })
        {
            if let Some(a) = subject(s, c) {
                return Some(a);
            }
            continue;
        }
        if !matches!(s.base_rel(c), "obl" | "nmod" | "advcl") {
            continue;
        }
        if !matches!(
            s.case_of(c),
            Some("in" | "by" | "during" | "from" | "due" | "amid" | "under" | "after")
        ) {
            continue;
        }
        let means = if s.lower(c) == "which" {
            let mut x = c;
            let mut antecedent = None;
            while let Some(h) = s.head(x) {
                if s.rel(x) == "acl:relcl" {
                    antecedent = Some(h);
                    break;
                }
                x = h;
            }
            match antecedent {
                Some(a) => a,
                None => continue,
            }
        } else {
            c
        };
        // A gerund after a preposition is a noun too: "died in police firing" tagged as the
        // verb "firing".
        let nominal = s.upos(means) == Upos::Noun
            || (s.upos(means) == Upos::Verb && s.token(means).xpos == "VBG");
        if nominal
            && attack_word(means)
            && let Some(a) = noun_actor(s, means, hits)
        {
            return Some(a);
        }
        let tokens = crate::actors::phrase_tokens(s, c);
        let coded = !crate::actors::hits_within(hits, &tokens).is_empty();
        if coded && split_noun(s, t, c).is_some_and(attack_word) {
            return Some(c);
        }
    }
    // Whatever the tree: "… were killed when police opened fire": the one who fired, in a
    // when/as/after clause right after the event.
    (t + 1..s.range.end)
        .take(12)
        .find(|&x| {
            let fires =
                (s.lemma(x) == "open" && s.range.contains(&(x + 1)) && s.lower(x + 1) == "fire")
                    || (s.lower(x) == "fired" && s.upos(x) == Upos::Verb);
            fires
                && (x.saturating_sub(4).max(t + 1)..x)
                    .any(|w| matches!(s.lower(w).as_str(), "when" | "as" | "after"))
        })
        .and_then(|x| nearest_actor_before(s, x, hits))
}

fn modality_of(s: &Sent, t: usize, frames: &[(Frame, usize)]) -> Modality {
    let markers = clause_markers(s, t);
    let has = |words: &[&str]| markers.iter().any(|m| words.contains(&m.as_str()));
    if has(&["not", "n't", "never", "no"]) {
        return Modality::Negated;
    }
    for (frame, _) in frames {
        match frame {
            Frame::Deny | Frame::Stop | Frame::Negate => return Modality::Negated,
            Frame::Allege => return Modality::Alleged,
            Frame::Intend | Frame::Attempt => return Modality::Hypothetical,
            Frame::Succeed => return Modality::Asserted,
            Frame::Report | Frame::Request | Frame::Threat => {}
        }
    }
    if has(DEMAND_MODALS) {
        return Modality::Demanded;
    }
    if has(HYPOTHETICAL_MODALS) || has(&["if", "unless"]) {
        return Modality::Hypothetical;
    }
    if has(&["allegedly", "reportedly", "purportedly", "supposedly"]) {
        return Modality::Alleged;
    }
    // An infinitive under a verb that does not make it happen: "to fight", "plans to". A past
    // obligation did ("police had to open fire"), a present one does not yet ("has to leave").
    if has(&["to"]) {
        let implicative = s.head(t).is_some_and(|h| {
            IMPLICATIVE.contains(&s.lemma(h)) || (s.lemma(h) == "have" && s.lower(h) == "had")
        });
        if !implicative {
            return Modality::Hypothetical;
        }
    }
    Modality::Asserted
}

/// Argument head for a role list: the first role that gives one, skipping the event nouns of
/// the trigger's own pattern ("launched *attacks*").
/// The prepositional roles among `roles`, in order.
fn prepositional_roles(roles: &[RoleSource]) -> Vec<RoleSource> {
    roles
        .iter()
        .filter(|r| matches!(r, RoleSource::Prep(_)))
        .cloned()
        .collect()
}

fn role_heads(s: &Sent, t: usize, roles: &[RoleSource], exclude: &[usize]) -> Option<usize> {
    roles.iter().find_map(|role| {
        match role {
            RoleSource::Subj => subject(s, t),
            RoleSource::Obj => object(s, t),
            RoleSource::Iobj => indirect_object(s, t),
            RoleSource::Patient => patient(s, t),
            RoleSource::Prep(p) => prepositional(s, t, p, exclude),
            RoleSource::Clause => content_clause_subject(s, t),
        }
        .filter(|h| !exclude.contains(h))
    })
}

/// The participant a recipient argument names. A clause ("provided $5 million to help Haiti
/// cope") is done to its object; a thing that is no actor ("food supplies to Somalia", "a tax
/// on U.S. tech companies", "demands from the rebel group") to the actor or place of its
/// `to`/`on`/`against`/`from`/`by`/`for` complement (two steps at most).
fn recipient_within(s: &Sent, h: usize, input: &CoderInput, hits: &[ActorHit]) -> usize {
    let mut h = h;
    if s.upos(h) == Upos::Verb
        && let Some(o) = object(s, h)
    {
        h = o;
    }
    for _ in 0..2 {
        let thing = s.upos(h) == Upos::Noun
            && !hits.iter().any(|x| x.tokens.contains(&h))
            && !is_person_noun(s.lemma(h))
            && !PLACE_NOUNS.contains(&s.lemma(h))
            && place_toponym(s, h, input.toponyms).is_none();
        if !thing {
            break;
        }
        let inner = s.children(h).iter().copied().find(|&c| {
            s.base_rel(c) == "nmod"
                && matches!(
                    s.case_of(c),
                    Some("to" | "on" | "against" | "from" | "by" | "for")
                )
                // "the bastion on Thursday": a time is no participant.
                && !crate::actors::is_time_word(s, c)
                && (s.upos(c) == Upos::Propn
                    || place_toponym(s, c, input.toponyms).is_some()
                    || !crate::actors::hits_within(hits, &crate::actors::phrase_tokens(s, c))
                        .is_empty())
        });
        match inner {
            Some(c) => h = c,
            None => break,
        }
    }
    h
}

/// Default actor of a noun trigger: possessor ("Russia's offer"), a demonym or actor modifier
/// ("Israeli airstrikes"), or a `by` phrase.
fn noun_actor(s: &Sent, t: usize, hits: &[ActorHit]) -> Option<usize> {
    if let Some(p) = s.child_rel(t, "nmod:poss") {
        return Some(p);
    }
    if let Some(b) = s
        .children_rel(t, "nmod")
        .find(|&c| matches!(s.case_of(c), Some("by" | "from")))
    {
        return Some(b);
    }
    let modifier = s.children(t).iter().copied().find(|&c| {
        matches!(s.base_rel(c), "amod" | "compound") && hits.iter().any(|h| h.tokens.contains(&c))
    });
    if modifier.is_some() {
        return modifier;
    }
    // "Russia's offer of amnesty": the actor of the noun the event noun completes.
    if let Some(h) = s.head(t)
        && s.base_rel(t) == "nmod"
        && s.upos(h) == Upos::Noun
        && let Some(p) = s.child_rel(h, "nmod:poss")
    {
        return Some(p);
    }
    // "Israel and Lebanon renewed negotiations", "arrived on a visit": the subject of the
    // support verb that carries the event noun.
    support_verb(s, t).and_then(|v| verb_actor(s, v, hits))
}

/// Who does what verb `t` says: its subject, but a time taken for it; with none in the tree
/// (often a parse error in a long subject, or a time taken for the subject), the nearest
/// known actor before an active verb in its clause.
fn verb_actor(s: &Sent, t: usize, hits: &[ActorHit]) -> Option<usize> {
    subject(s, t).filter(|&h| !is_time_word(s, h)).or_else(|| {
        (!s.is_passive(t))
            .then(|| nearest_actor_before(s, t, hits))
            .flatten()
    })
}

/// Who made the request, offer or demand that event noun `e` names: its possessor ("the
/// government's request"), its `by`/`from`/`of` phrase ("a request by Erdogan", "the call of the
/// European Parliament") or an actor modifier ("a U.S. State Department call", "Turkish
/// demands").
fn author_of(s: &Sent, e: usize, hits: &[ActorHit]) -> Option<usize> {
    if let Some(p) = s.child_rel(e, "nmod:poss")
        && !matches!(s.upos(p), Upos::Pron)
    {
        return Some(p);
    }
    let has_hit = |c: usize| hits.iter().any(|h| h.tokens.contains(&c));
    s.children(e)
        .iter()
        .copied()
        .find(|&c| {
            s.base_rel(c) == "nmod" && matches!(s.case_of(c), Some("by" | "from" | "of")) && {
                let tokens = crate::actors::phrase_tokens(s, c);
                !crate::actors::hits_within(hits, &tokens).is_empty()
            }
        })
        .or_else(|| {
            s.children(e)
                .iter()
                .copied()
                .find(|&c| matches!(s.base_rel(c), "amod" | "compound") && has_hit(c))
        })
}

/// The nearest actor named before verb `t` in the same clause (no verb, relative word or
/// clause boundary between them), as the head of its noun phrase; names inside a
/// prepositional phrase ("in Iraq") do not count.
fn nearest_actor_before(s: &Sent, t: usize, hits: &[ActorHit]) -> Option<usize> {
    let mut x = t;
    // An actor word the tagger took for a verb ("Rebels in the north on Monday rejected …"
    // with "Rebels" a VBZ) is still an actor word.
    let actor_word = |x: usize| hits.iter().any(|h| h.tokens.contains(&x));
    while x > s.range.start {
        x -= 1;
        if (s.upos(x) == Upos::Verb && !actor_word(x))
            || matches!(
                s.lower(x).as_str(),
                "that" | "which" | "who" | "whom" | "whose" | ";" | ":" | "said" | "says"
            )
        {
            return None;
        }
        if !actor_word(x) {
            continue;
        }
        let mut head = x;
        while matches!(s.base_rel(head), "amod" | "compound" | "flat" | "nmod:poss")
            && let Some(h) = s.head(head)
            && h < t
            && h > head
            && matches!(s.upos(h), Upos::Noun | Upos::Propn)
        {
            head = h;
        }
        if s.case_of(head).is_some()
            || !(matches!(s.upos(head), Upos::Noun | Upos::Propn) || actor_word(head))
        {
            continue;
        }
        return Some(head);
    }
    None
}

/// Words of attitude towards a possible event: hope, fear, doubt, pessimism.
const ATTITUDE_WORDS: &[&str] = &[
    "hope",
    "hopes",
    "hopeful",
    "optimism",
    "optimistic",
    "pessimism",
    "pessimistic",
    "doubt",
    "doubts",
    "doubtful",
    "fear",
    "fears",
    "concern",
    "concerns",
    "skepticism",
    "scepticism",
    "skeptical",
    "sceptical",
    "prospect",
    "prospects",
    "possibility",
    "chance",
    "chances",
    "likelihood",
    "wary",
    "confident",
    "confidence",
    "expectation",
    "expectations",
];

/// Whether event noun `t` is what an attitude is about (at most three steps up the tree,
/// not across coordination).
fn under_attitude(s: &Sent, t: usize) -> bool {
    let mut x = t;
    for _ in 0..3 {
        if matches!(s.base_rel(x), "conj" | "parataxis" | "root") {
            return false;
        }
        let Some(h) = s.head(x) else { return false };
        if ATTITUDE_WORDS.contains(&s.lemma(h)) || ATTITUDE_WORDS.contains(&s.lower(h).as_str()) {
            return true;
        }
        x = h;
    }
    false
}

/// Verbs that carry an event noun as their object and add little of their own: "held
/// talks", "launched an attack", "staged a protest", "issued a warning".
const SUPPORT_VERBS: &[&str] = &[
    "hold",
    "conduct",
    "launch",
    "carry",
    "stage",
    "begin",
    "start",
    "resume",
    "renew",
    "continue",
    "open",
    "mount",
    "make",
    "wage",
    "give",
    "issue",
    "offer",
    "deliver",
    "pay",
    "reach",
    "announce",
    "lodge",
    "file",
    "extend",
    "express",
    "voice",
    "take",
    "undertake",
    "intensify",
    "step",
    "escalate",
    "perform",
    "organize",
    "organise",
    "lead",
    "initiate",
    "unleash",
    "press",
    "sign",
    "conclude",
    "seal",
    "strike",
    "broker",
    "host",
];

/// Verbs of motion whose `on` phrase names the purpose: "arrived on a visit", "went on
/// strike".
const PURPOSE_MOTION_VERBS: &[&str] = &["arrive", "come", "go", "travel", "be", "leave", "fly"];

/// Verbs of coming or bringing together whose `for` phrase names the purpose: "arrived for
/// talks", "hosted the envoy for a meeting", "gathered for a rally".
const PURPOSE_FOR_VERBS: &[&str] = &[
    "arrive", "come", "go", "travel", "fly", "head", "gather", "assemble", "host", "invite",
    "receive", "welcome", "meet", "convene", "sit",
];

/// The verb that carries event noun `t` (see [`SUPPORT_VERBS`], [`PURPOSE_MOTION_VERBS`]).
fn support_verb(s: &Sent, t: usize) -> Option<usize> {
    // "launched a wave of airstrikes", "began ten days of war games": through the measure.
    if s.base_rel(t) == "nmod"
        && s.case_of(t) == Some("of")
        && let Some(m) = s.head(t)
        && s.base_rel(m) == "obj"
        && (MEASURE_NOUNS.contains(&s.lemma(m))
            || matches!(s.lemma(m), "day" | "week" | "month" | "hour" | "year"))
    {
        return support_verb(s, m);
    }
    let mut h = s.head(t)?;
    // "mounted its long-threatened invasion" parsed with the participle of the hyphenated
    // adjective a verb taking the noun as object: the noun stands where the participle does.
    if hyphen_compound_participle(s, h)
        && s.base_rel(t) == "obj"
        && let Some(v) = s.head(h)
        && matches!(s.base_rel(h), "conj" | "xcomp" | "ccomp" | "obj")
    {
        h = v;
    }
    if s.upos(h) != Upos::Verb {
        return None;
    }
    let lemma = s.lemma(h);
    // A noun the tagger took for a verb ("on a previously unannounced visit") may hang as a
    // clause, with its preposition a marker.
    let carried = match s.base_rel(t) {
        "obj" => SUPPORT_VERBS.contains(&lemma),
        "obl" | "advcl" | "ccomp" | "xcomp" => match s.case_of(t) {
            Some("on") => PURPOSE_MOTION_VERBS.contains(&lemma),
            Some("for") => PURPOSE_FOR_VERBS.contains(&lemma),
            // "walked out in protest", "resigned in protest at the arrests": the protest is
            // what the verb's subject does, whatever the verb.
            Some("in") => s.lemma(t) == "protest" && s.child_rel(t, "det").is_none(),
            _ => false,
        },
        _ => false,
    };
    carried.then_some(h)
}

fn build_drafts(
    s: &Sent,
    triggers: &[Trigger],
    input: &CoderInput,
    coder: &ActorCoder,
    memory: &mut Memory,
    attributions: &[Attribution],
) -> Vec<Draft> {
    let frames: HashMap<usize, Frame> = triggers
        .iter()
        .filter_map(|t| t.pattern.frame.map(|f| (t.token, f)))
        .collect();
    let verb_events: Vec<(usize, PloverType)> = triggers
        .iter()
        .filter(|t| t.pattern.pos == TriggerPos::Verb)
        .filter_map(|t| t.pattern.event_type.map(|ty| (t.token, ty)))
        .collect();
    // Frame verbs that code an event of their own ("agreed to", "promised to": AGREE).
    let frame_events: Vec<usize> = triggers
        .iter()
        .filter(|t| t.pattern.frame.is_some() && t.pattern.codes_event())
        .map(|t| t.token)
        .collect();
    let consumed: Vec<usize> = triggers.iter().flat_map(|t| t.evidence.clone()).collect();
    let assaults: Vec<usize> = triggers
        .iter()
        .filter(|t| t.pattern.event_type == Some(PloverType::Assault))
        .map(|t| t.token)
        .collect();
    let cue_tokens: Vec<usize> = attributions.iter().map(|a| a.cue_token).collect();
    let mut drafts = Vec::new();
    // Acts demanded or threatened by a frame verb: frame token -> acts.
    let mut embedded: HashMap<usize, Vec<Draft>> = HashMap::new();

    for trig in triggers {
        if !trig.pattern.codes_event() {
            continue;
        }
        let event_type = trig.pattern.event_type;
        let t = trig.token;
        if cue_tokens.contains(&t) && trig.pattern.frame == Some(Frame::Report) {
            continue;
        }
        let pattern = trig.pattern;
        if pattern.pos == TriggerPos::Noun {
            // A noun already part of a verb's pattern ("carried out attacks") or an argument of
            // a coded verb ("killed in an airstrike") is not a second event.
            if consumed
                .iter()
                .any(|&c| c == t && !trig.evidence.contains(&c))
                || triggers
                    .iter()
                    .any(|o| o.token != t && o.evidence.contains(&t))
            {
                continue;
            }
            let mut x = t;
            let mut covered = false;
            let mut depth = 0;
            while let Some(h) = s.head(x) {
                depth += 1;
                let same_type = verb_events
                    .iter()
                    .any(|&(v, ty)| v == h && Some(ty) == event_type);
                if verb_events.iter().any(|&(v, _)| v == h) && depth <= 2 || same_type {
                    covered = true;
                    break;
                }
                if depth > s.range.len() {
                    break;
                }
                x = h;
            }
            if covered {
                continue;
            }
        }
        // Event nouns of the pattern ("launched *attacks*") are not arguments.
        let event_words: Vec<usize> = trig
            .evidence
            .iter()
            .copied()
            .filter(|&e| e != t && input.events.has_trigger(TriggerPos::Noun, s.lemma(e)))
            .collect();
        let governing = governing_frames(s, t, &frames);
        let mut modality = modality_of(s, t, &governing);
        // "agreed that their countries should cooperate": a demand that is the content of
        // another event is that event's, not a request of the speaker's.
        if modality == Modality::Demanded
            && s.base_rel(t) == "ccomp"
            && s.head(t)
                .is_some_and(|h| verb_events.iter().any(|&(v, _)| v == h))
        {
            modality = Modality::Hypothetical;
        }
        // "expressed pessimism over holding negotiations": an event noun that is what an
        // attitude is about is not reported as happening.
        if pattern.pos == TriggerPos::Noun && modality == Modality::Asserted && under_attitude(s, t)
        {
            modality = Modality::Hypothetical;
        }
        let dates: Vec<usize> = input
            .mentions
            .dates
            .iter()
            .filter(|d| s.range.contains(&(d.tokens.start as usize)))
            .flat_map(|d| d.tokens.start as usize..d.tokens.end as usize)
            .collect();
        let mut actor_head = if pattern.actor.is_empty() {
            match pattern.pos {
                TriggerPos::Verb => verb_actor(s, t, coder.hits),
                TriggerPos::Noun => noun_actor(s, t, coder.hits),
            }
        } else {
            // A date is no actor: "in 1990, two brothers were killed in police firing".
            let not_actors: Vec<usize> = event_words.iter().chain(&dates).copied().collect();
            role_heads(s, t, &pattern.actor, &not_actors)
        };
        // An attack is not an actor: "police firing left two dead" is the police's. Nor is
        // an explosive: "a Taliban car bomb killed" is the Taliban's, and one no one is
        // named for ("a roadside bombing killed", "killed by an explosive device") was set
        // by unidentified armed forces.
        let mut device = None;
        if let Some(h) = actor_head
            && h != t
            && (is_attack_noun(s, h, input)
                || (event_type == Some(PloverType::Assault) && is_explosive(s, h)))
        {
            actor_head = with_conjuncts(s, h)
                .into_iter()
                .find_map(|x| noun_actor(s, x, coder.hits));
            if actor_head.is_none() && event_type == Some(PloverType::Assault) && is_explosive(s, h)
            {
                device = Some(h);
            }
        }
        if actor_head.is_none()
            && (pattern.pos == TriggerPos::Verb || event_type == Some(PloverType::Assault))
        {
            actor_head = instrument_actor(s, t, input, coder.hits, &assaults);
        }
        let default_recipient = [
            RoleSource::Patient,
            RoleSource::Prep("against".into()),
            RoleSource::Prep("on".into()),
            RoleSource::Prep("targeting".into()),
        ];
        // A statement is done to whom its pattern names ("condolences to"), never to what it
        // is about ("denied the charges").
        let recipient_roles: &[RoleSource] = if pattern.statement && pattern.recipient.is_empty() {
            &[]
        } else if pattern.recipient.is_empty() {
            &default_recipient
        } else {
            &pattern.recipient
        };
        let mut not_arguments = event_words.clone();
        not_arguments.extend(dates.iter().copied());
        let mut recipient_head = role_heads(s, t, recipient_roles, &not_arguments);
        // The act answered, when the recipient is its author ("rejected the call of the
        // European Parliament").
        let mut authored: Option<usize> = None;
        // "launched an assault on Mosul": the prepositional roles of the event noun the verb
        // carries; "rejected the government's request": the author of the act answered.
        if recipient_head.is_none() && pattern.pos == TriggerPos::Verb {
            let preps = prepositional_roles(recipient_roles);
            // The event nouns the verb carries as its object.
            let carried: Vec<usize> = event_words
                .iter()
                .copied()
                .filter(|&e| s.head(e) == Some(t) && matches!(s.rel(e), "obj" | "nsubj:pass"))
                .collect();
            // When the pattern names its prepositional roles ("provide … to"), the phrase may
            // hang on the object ("provided $2 million in assistance to Fiji"), or on a
            // participle that describes it ("lifted the ban imposed on the group").
            let objects: Vec<usize> = if pattern.recipient.is_empty() {
                Vec::new()
            } else {
                s.children_rel(t, "obj")
                    .flat_map(|o| {
                        std::iter::once(o).chain(s.children(o).iter().copied().filter(|&c| {
                            (s.base_rel(c) == "nmod" && s.case_of(c) == Some("in"))
                                || (s.rel(c) == "acl" && s.upos(c) == Upos::Verb)
                        }))
                    })
                    .collect()
            };
            recipient_head = carried
                .iter()
                .copied()
                .chain(objects)
                .find_map(|e| role_heads(s, e, &preps, &dates))
                .or_else(|| {
                    if SUPPORT_VERBS.contains(&s.lemma(t)) {
                        return None;
                    }
                    carried.iter().find_map(|&e| {
                        let author = author_of(s, e, coder.hits);
                        if author.is_some() {
                            authored = Some(e);
                        }
                        author
                    })
                });
        }
        // "called for sanctions against Turkey": the recipient of the act a verb asks for,
        // offers or answers, named as an event noun in its object or `for` phrase.
        if recipient_head.is_none() && pattern.pos == TriggerPos::Verb {
            recipient_head = s
                .children(t)
                .iter()
                .copied()
                .filter(|&c| {
                    s.base_rel(c) == "obj"
                        || (matches!(s.base_rel(c), "obl" | "nmod") && s.case_of(c) == Some("for"))
                })
                .find_map(|c| {
                    let noun = triggers
                        .iter()
                        .find(|o| o.token == c && o.pattern.pos == TriggerPos::Noun)?;
                    let roles = if noun.pattern.recipient.is_empty() {
                        prepositional_roles(&default_recipient)
                    } else {
                        prepositional_roles(&noun.pattern.recipient)
                    };
                    role_heads(s, c, &roles, &not_arguments)
                });
        }
        // "demanded that the US cancel the sale", "its demand that Israel ease restrictions": a
        // demand is made to the subject of the clause that says what is demanded.
        if recipient_head.is_none() && event_type == Some(PloverType::Request) {
            recipient_head = demanded_clause_subject(s, t, pattern.pos)
                .filter(|h| !not_arguments.contains(h) && !is_time_word(s, *h));
        }
        // "held talks with Syria": a noun's prepositional roles can hang on its support verb.
        if recipient_head.is_none()
            && pattern.pos == TriggerPos::Noun
            && let Some(v) = support_verb(s, t)
        {
            recipient_head =
                role_heads(s, v, &prepositional_roles(recipient_roles), &not_arguments);
        }
        recipient_head = recipient_head.map(|h| recipient_within(s, h, input, coder.hits));
        let mut actors: Vec<Actor> = actor_head
            .map(|h| {
                with_conjuncts(s, h)
                    .into_iter()
                    .flat_map(|x| coder.actors(s, x, memory))
                    .collect()
            })
            .unwrap_or_default();
        // An actor pronoun whose antecedent is named earlier in the sentence is reported by
        // those words ("Netanyahu says he will seek support": Netanyahu).
        for a in &mut actors {
            if let Some(span) = a.antecedent {
                a.span = span;
            }
        }
        crate::actors::share_country(&mut actors);
        // Places among the recipients become locations (one event per place).
        let mut places = Vec::new();
        let mut recipients = Vec::new();
        if let Some(h) = recipient_head {
            for x in with_conjuncts(s, h) {
                if WEAPON_NOUNS.contains(&s.lemma(x)) {
                    // Surrendered or seized hardware is counted, not a recipient.
                    continue;
                }
                if let Some(top) = place_toponym(s, x, input.toponyms) {
                    let country_level = top
                        .resolution
                        .as_ref()
                        .is_some_and(|r| r.precision == annals_record::GeoPrecision::Country);
                    if country_level {
                        recipients.push(coder.actor(s, x, memory));
                    } else {
                        places.push(x);
                    }
                } else if PLACE_NOUNS.contains(&s.lemma(x)) {
                    let named: Vec<usize> = s
                        .children(x)
                        .iter()
                        .copied()
                        .filter(|&c| {
                            matches!(s.base_rel(c), "nmod" | "appos" | "compound" | "flat")
                                && place_toponym(s, c, input.toponyms).is_some()
                        })
                        .flat_map(|c| with_conjuncts(s, c))
                        .filter(|&c| place_toponym(s, c, input.toponyms).is_some())
                        .collect();
                    if named.is_empty() {
                        recipients.push(coder.actor(s, x, memory));
                    } else {
                        places.extend(named);
                    }
                } else {
                    let mut a = coder.actor(s, x, memory);
                    // The author of an act answered is named with the act: the recipient's
                    // words run from the act's noun phrase to its author ("the call of the
                    // European Parliament", "an Afghan government offer", "the government's
                    // request"), without the act's complements.
                    if let Some(e) = authored {
                        let first = crate::actors::phrase_tokens(s, e)[0].min(x);
                        a.span = annals_document::Span {
                            start: a.span.start.min(s.token(first).span.start),
                            end: a.span.end.max(s.token(e).span.end),
                        };
                    }
                    recipients.push(a);
                }
            }
        }
        crate::actors::share_country(&mut recipients);
        let mut count_scope: Vec<usize> = recipient_head.into_iter().collect();
        count_scope.extend(patient(s, t).filter(|p| !count_scope.contains(p)));
        count_scope.extend(s.children(t).iter().copied().filter(|&c| {
            matches!(s.base_rel(c), "obl" | "nmod" | "obj" | "nsubj")
                && s.case_of(c) == Some("including")
        }));
        // The same phrase parsed as a participle clause: ", including 4,300 fighters" with
        // "including" an adverbial clause and the fighters its object.
        let including: Vec<usize> = s
            .children(t)
            .iter()
            .copied()
            .filter(|&c| s.base_rel(c) == "advcl" && s.lower(c) == "including")
            .flat_map(|c| s.children_rel(c, "obj").collect::<Vec<_>>())
            .collect();
        count_scope.extend(including);
        if pattern.pos == TriggerPos::Noun {
            count_scope.push(t);
        }
        let has_actor = !actors.is_empty();
        let mut draft = Draft {
            trigger: t,
            evidence: trig.evidence.clone(),
            event_type,
            mode: pattern.mode.clone(),
            cameo: pattern.cameo.clone(),
            count_kind: pattern.count.clone(),
            actors,
            recipients,
            count_scope,
            quantities: Vec::new(),
            place: None,
            modality,
            source: None,
            clause: t,
            depth: embedding(s, t),
            frame: governing.first().map(|&(_, h)| h).filter(|&h| h != t),
            borrowed: false,
            device,
            appeal: demand_modal(s, t).unwrap_or(false)
                || pattern
                    .cameo
                    .as_deref()
                    .is_some_and(|c| c.starts_with("02")),
        };
        // Exercises held together ("French and Egyptian warships launched war games") are
        // military cooperation (CAMEO 062), not a show of force by one side.
        if draft.event_type == Some(PloverType::Mobilize)
            && draft.cameo.as_deref().is_some_and(|c| c.starts_with("152"))
        {
            // Countries of the actors, and of every name inside their phrases ("French and
            // Egyptian warships").
            let mut countries: Vec<&str> = draft
                .actors
                .iter()
                .filter_map(|a| a.code.country.as_deref())
                .collect();
            for a in &draft.actors {
                // The words before the head, coordinated modifiers included.
                let first = s.subtree(a.head).into_iter().min().unwrap_or(a.head);
                let tokens: Vec<usize> = (first..=a.head).collect();
                for h in crate::actors::hits_within(coder.hits, &tokens) {
                    countries.extend(h.entries.iter().filter_map(|&i| {
                        let e = &coder.lexicon.entries()[i as usize];
                        (e.kind != annals_mentions::EntryKind::Agent)
                            .then_some(e.code.as_deref())
                            .flatten()
                    }));
                }
            }
            countries.sort_unstable();
            countries.dedup();
            if countries.len() >= 2 {
                draft.event_type = Some(PloverType::Cooperate);
                draft.mode = None;
                draft.cameo = Some("062".to_string());
            }
        }
        // A promised, planned or refused act: AGREE, CONCEDE or THREATEN, or REJECT.
        if pattern.pos == TriggerPos::Verb
            && has_actor
            && matches!(modality, Modality::Hypothetical | Modality::Negated)
            && let Some(refused) = commitment(s, t, &governing, &frame_events)
        {
            if !refused && modality != Modality::Negated && unless_clause(s, t) {
                // "will withdraw its force unless a ceasefire is arranged": an ultimatum.
                ultimatum(&mut draft);
            } else {
                commit(&mut draft, refused || modality == Modality::Negated);
            }
        }
        // Demanded or threatened by a frame verb above: the frame codes it.
        if let Some(&(f, h)) = governing
            .iter()
            .find(|(f, _)| matches!(f, Frame::Request | Frame::Threat))
            && f != Frame::Report
            && h != t
        {
            embedded.entry(h).or_default().push(draft);
            continue;
        }
        if places.is_empty() {
            drafts.push(draft);
        } else {
            for p in places {
                let mut d = draft.clone();
                d.place = Some(p);
                drafts.push(d);
            }
        }
    }
    // Frame verbs that are events themselves (REQUEST, THREATEN) take the embedded acts'
    // modes and codes.
    let mut out = Vec::new();
    for d in drafts {
        let frame = frames.get(&d.trigger).copied();
        match (frame, embedded.remove(&d.trigger)) {
            (Some(Frame::Request), Some(acts)) => {
                for act in acts {
                    let Some(act_type) = act.event_type else {
                        continue;
                    };
                    let mut r = d.clone();
                    r.mode = Some(request_mode(act_type).to_string());
                    let code = request_cameo(act.cameo.as_deref(), act_type);
                    r.cameo = Some(if d.appeal {
                        as_appeal(code)
                    } else {
                        code.to_string()
                    });
                    if r.recipients.is_empty() {
                        r.recipients = act.actors.clone();
                    }
                    r.count_scope.extend(act.count_scope.iter().copied());
                    r.clause = act.trigger;
                    out.push(r);
                }
            }
            (Some(Frame::Threat), Some(acts)) => {
                for act in acts {
                    let Some(act_type) = act.event_type else {
                        continue;
                    };
                    let mut r = d.clone();
                    r.mode = threat_mode(act_type, act.mode.as_deref()).map(str::to_string);
                    r.cameo = Some(threat_cameo(act.cameo.as_deref(), act_type).to_string());
                    if r.recipients.is_empty() {
                        r.recipients = act.recipients.clone();
                    }
                    r.clause = act.trigger;
                    // "warned that it will not end the strike": two acts, one threat.
                    let repeated = out.iter().any(|o: &Draft| {
                        o.trigger == r.trigger
                            && o.mode == r.mode
                            && o.cameo == r.cameo
                            && o.recipients == r.recipients
                    });
                    if !repeated {
                        out.push(r);
                    }
                }
            }
            _ => out.push(d),
        }
    }
    // A frame verb coded as an event of its own ("agreed to lift", "refused to lift") is done
    // to the recipient of the act it frames ("tariffs on American products").
    for i in 0..out.len() {
        if !out[i].recipients.is_empty()
            || out[i].event_type.is_none()
            || !frames.contains_key(&out[i].trigger)
        {
            continue;
        }
        let trigger = out[i].trigger;
        if let Some(act) = out
            .iter()
            .find(|a| a.frame == Some(trigger) && !a.recipients.is_empty())
        {
            out[i].recipients = act.recipients.clone();
            out[i].borrowed = true;
        }
    }
    claimed_acts(s, &mut out);
    acts_in_relative_clauses(s, &mut out);
    fold_protest_purposes(s, &mut out);
    out
}

/// Whether clause `t` is a relative clause of place or time on a noun ("in which", "during
/// which", "where").
fn is_place_or_time_relative(s: &Sent, t: usize) -> bool {
    s.rel(t) == "acl:relcl"
        && s.children(t).iter().any(|&c| match s.lower(c).as_str() {
            "which" => matches!(
                s.case_of(c),
                Some("in" | "during" | "from" | "after" | "amid")
            ),
            "where" | "when" => true,
            _ => false,
        })
}

/// "an attack on the village in which five civilians were killed", "police fired on the
/// crowd, in which two people died": an assault in a relative clause of place or time on an
/// assault, or on one of its arguments, is done by that assault's actor when the text names no
/// other.
fn acts_in_relative_clauses(s: &Sent, out: &mut [Draft]) {
    for i in 0..out.len() {
        if !out[i].actors.is_empty() || out[i].event_type != Some(PloverType::Assault) {
            continue;
        }
        let t = out[i].trigger;
        if !is_place_or_time_relative(s, t) {
            continue;
        }
        // The clause's noun and up to two heads above it.
        let found = std::iter::successors(s.head(t), |&a| s.head(a))
            .take(3)
            .find_map(|a| {
                (0..out.len()).find(|&j| {
                    j != i
                        && out[j].event_type == Some(PloverType::Assault)
                        && !out[j].actors.is_empty()
                        && (out[j].trigger == a || out[j].evidence.contains(&a))
                })
            });
        if let Some(j) = found {
            out[i].actors = out[j].actors.clone();
        }
    }
}

/// "The Taliban claimed responsibility for the attack": the act a claim of responsibility (the
/// CAMEO 015 statement) names is the claimant's, when the text gives it no other actor; and
/// the claim is directed at whom the act was done to ("for the attack on army posts").
fn claimed_acts(s: &Sent, out: &mut [Draft]) {
    let claims: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].event_type.is_none() && out[i].cameo.as_deref() == Some("015"))
        .collect();
    for i in claims {
        let named = s.subtree(out[i].trigger);
        let actors = out[i].actors.clone();
        let mut victims = Vec::new();
        for d in out.iter_mut() {
            if d.event_type.is_none() || !named.contains(&d.trigger) {
                continue;
            }
            if d.actors.is_empty() {
                d.actors = actors.clone();
            }
            if victims.is_empty() {
                victims = d.recipients.clone();
            }
        }
        if out[i].recipients.is_empty() && !victims.is_empty() {
            out[i].recipients = victims;
            out[i].borrowed = true;
        }
    }
}

/// Whether an event of type `t` without a named recipient is done to the place it happened in
/// even when that is the actor's own country: a curfew, a protest, a crackdown, an attack or a
/// concession at home is done to the country's people ("the president imposed a curfew in
/// Algiers", "Kurds demonstrated in Kirkuk"). Meetings, agreements and aid in one's own
/// country are not done to it, nor is what is said there (a demand, an accusation, a refusal
/// is made to whom it names).
fn place_of_own_country(t: PloverType) -> bool {
    matches!(
        t,
        PloverType::Protest
            | PloverType::Coerce
            | PloverType::Threaten
            | PloverType::Concede
            | PloverType::Assault
            | PloverType::Mobilize
            | PloverType::Sanction
            | PloverType::Retreat
    )
}

/// Whether verb `t` is the participle of a hyphenated adjective ("long-threatened",
/// "much-delayed"): right after a hyphen, written without spaces, that follows an adjective or
/// adverb.
fn hyphen_compound_participle(s: &Sent, t: usize) -> bool {
    if t < s.range.start + 2 || !matches!(s.token(t).xpos, "VBN" | "VBD") {
        return false;
    }
    let (hyphen, first) = (t - 1, t - 2);
    s.lower(hyphen) == "-"
        && matches!(s.upos(first), Upos::Adj | Upos::Adv)
        && !s.token(first).space_after
        && !s.token(hyphen).space_after
}

/// The subject of the clause a REQUEST trigger `t` asks for: the `that` clause of a demand verb
/// ("demanded that the US cancel …") or of a demand noun ("the demand that Israel ease …").
fn demanded_clause_subject(s: &Sent, t: usize, pos: TriggerPos) -> Option<usize> {
    s.children(t)
        .iter()
        .copied()
        .filter(|&c| match pos {
            TriggerPos::Verb => s.base_rel(c) == "ccomp",
            TriggerPos::Noun => {
                matches!(s.base_rel(c), "acl" | "ccomp")
                    && s.children(c)
                        .iter()
                        .any(|&m| s.base_rel(m) == "mark" && s.lower(m) == "that")
            }
        })
        .find_map(|c| subject(s, c))
        .filter(|&h| matches!(s.upos(h), Upos::Noun | Upos::Propn | Upos::Pron))
}

/// The subject of the clause that says what trigger `t` hopes, fears or doubts: its own
/// complement clause ("hoped that the judges would free him") or the `that` clause of its object
/// ("expressed pessimism that the ministry could finish the road"). A relative pronoun is no
/// subject of such a clause.
fn content_clause_subject(s: &Sent, t: usize) -> Option<usize> {
    let own = s.children_rel(t, "ccomp");
    let of_object = s
        .children_rel(t, "obj")
        .flat_map(|o| s.children(o).iter().copied())
        .filter(|&c| {
            matches!(s.base_rel(c), "acl" | "ccomp")
                && s.children(c)
                    .iter()
                    .any(|&m| s.base_rel(m) == "mark" && s.lower(m) == "that")
        });
    own.chain(of_object)
        .find_map(|c| subject(s, c))
        .filter(|&h| {
            matches!(s.upos(h), Upos::Noun | Upos::Propn | Upos::Pron)
                && !crate::tree::RELATIVE_PRONOUNS.contains(&s.lower(h).as_str())
        })
}

/// "began a hunger strike to protest against the decision", "rallied to demand his
/// resignation": the verbal protest or demand that is the purpose of a protest (PROTEST) is
/// what the protest is about, not an event that outranks it. The purpose is dropped and the
/// protest takes its recipients when it names none.
fn fold_protest_purposes(s: &Sent, out: &mut Vec<Draft>) {
    let mut dropped = Vec::new();
    for i in 0..out.len() {
        let d = &out[i];
        if !matches!(d.event_type, Some(PloverType::Accuse | PloverType::Request)) {
            continue;
        }
        let t = d.trigger;
        if !matches!(s.base_rel(t), "advcl" | "xcomp" | "acl") {
            continue;
        }
        let infinitive = s
            .children(t)
            .iter()
            .any(|&m| s.base_rel(m) == "mark" && s.lower(m) == "to");
        // "demonstrated in Kirkuk calling for independence from Iraq": a participle says
        // what the protest is about too, and stays an event of its own.
        let participle = s.token(t).xpos == "VBG";
        if !infinitive && !participle {
            continue;
        }
        let Some(h) = s.head(t) else { continue };
        let Some(p) = out.iter().position(|p| {
            p.event_type == Some(PloverType::Protest)
                && (p.trigger == h || support_verb(s, p.trigger) == Some(h))
        }) else {
            continue;
        };
        if out[p].recipients.is_empty() {
            let recipients = out[i].recipients.clone();
            out[p].recipients = recipients;
        }
        if infinitive {
            dropped.push(i);
        }
    }
    for i in dropped.into_iter().rev() {
        out.remove(i);
    }
}

/// Recode a committed act ([`commitment`]): a promise or plan is AGREE, CONCEDE or THREATEN
/// (asserted: the promise was made), a refusal REJECT. Acts whose promise or refusal is not an
/// event of its own stay as they are.
fn commit(d: &mut Draft, refused: bool) {
    let Some(act_type) = d.event_type else {
        return;
    };
    if refused {
        if let Some((mode, cameo)) = refusal_of(act_type, d.cameo.as_deref()) {
            d.event_type = Some(PloverType::Reject);
            d.mode = mode.map(str::to_string);
            d.cameo = Some(cameo);
            d.count_kind = None;
            d.modality = Modality::Asserted;
        }
    } else if let Some((ty, mode, cameo)) =
        intent_of(act_type, d.cameo.as_deref(), d.mode.as_deref())
    {
        if ty != act_type && ty == PloverType::Threaten {
            d.count_kind = None;
        }
        d.event_type = Some(ty);
        d.mode = mode.map(str::to_string);
        d.cameo = Some(cameo);
        d.modality = Modality::Asserted;
    }
}

/// Whether the clause of `t` has an `unless` condition ("will withdraw unless …").
fn unless_clause(s: &Sent, t: usize) -> bool {
    s.children(t).iter().any(|&c| {
        s.base_rel(c) == "advcl"
            && s.children(c)
                .iter()
                .any(|&m| s.base_rel(m) == "mark" && s.lower(m) == "unless")
    })
}

/// Recode a promised act made conditional on the recipient's conduct as an ultimatum
/// (THREATEN, CAMEO 139).
fn ultimatum(d: &mut Draft) {
    let Some(act_type) = d.event_type else {
        return;
    };
    d.mode = threat_mode(act_type, d.mode.as_deref()).map(str::to_string);
    d.event_type = Some(PloverType::Threaten);
    d.cameo = Some("139".to_string());
    d.count_kind = None;
    d.modality = Modality::Asserted;
}

/// "X should provide access": a REQUEST by the speaker, to X, for the act ("should": an
/// appeal, CAMEO 02; "must": a demand, CAMEO 10).
fn to_request_by_speaker(d: &mut Draft) {
    let Some(act_type) = d.event_type else {
        return;
    };
    d.recipients = std::mem::take(&mut d.actors);
    d.actors = d.source.iter().map(|s| s.speaker.clone()).collect();
    d.event_type = Some(PloverType::Request);
    d.mode = Some(request_mode(act_type).to_string());
    let code = request_cameo(d.cameo.as_deref(), act_type);
    d.cameo = Some(if d.appeal {
        as_appeal(code)
    } else {
        code.to_string()
    });
    d.count_kind = None;
    d.modality = Modality::Asserted;
}

/// "X said China must drop barriers": a demand on a verb that codes no event is still a
/// REQUEST of the speaker's (to China, for a change of policy). One draft per such clause
/// that an attribution covers, when no coded event is in it already.
fn uncoded_demands(
    s: &Sent,
    drafts: &[Draft],
    coder: &ActorCoder,
    memory: &mut Memory,
    attributions: &[Attribution],
) -> Vec<Draft> {
    let mut out = Vec::new();
    for v in s.tokens() {
        if !matches!(s.upos(v), Upos::Verb | Upos::Adj) {
            continue;
        }
        let Some(appeal) = demand_modal(s, v) else {
            continue;
        };
        if s.upos(v) == Upos::Adj && s.child_rel(v, "cop").is_none() {
            continue;
        }
        if !attributions
            .iter()
            .any(|a| a.tokens.binary_search(&v).is_ok())
        {
            continue;
        }
        // A coded event in this clause (the verb itself, or an infinitive it governs) makes
        // the demand already.
        let scope = clause_scope(s, v);
        if drafts
            .iter()
            .any(|d| d.trigger == v || scope.binary_search(&d.trigger).is_ok())
        {
            continue;
        }
        let Some(subj) = subject(s, v) else { continue };
        let modal = s.children(v).iter().copied().find(|&c| {
            s.base_rel(c) == "aux" && matches!(s.lower(c).as_str(), "must" | "should" | "ought")
        });
        let actors = with_conjuncts(s, subj)
            .into_iter()
            .flat_map(|x| coder.actors(s, x, memory))
            .collect();
        out.push(Draft {
            trigger: v,
            evidence: modal.into_iter().chain([v]).collect(),
            event_type: Some(PloverType::Request),
            mode: None,
            cameo: None,
            count_kind: None,
            actors,
            recipients: Vec::new(),
            count_scope: Vec::new(),
            quantities: Vec::new(),
            place: None,
            modality: Modality::Demanded,
            source: None,
            clause: v,
            depth: embedding(s, v),
            appeal,
            frame: None,
            borrowed: false,
            device: None,
        });
    }
    out
}

/// Attach each count of the sentence to the event whose arguments hold it most narrowly.
fn assign_counts(s: &Sent, drafts: &mut [Draft], mentions: &Mentions) {
    let scopes: Vec<Vec<usize>> = drafts
        .iter()
        .map(|d| {
            let mut v: Vec<usize> = d.count_scope.iter().flat_map(|&h| s.subtree(h)).collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    for (qi, q) in mentions.quantities.iter().enumerate() {
        let first = q.tokens.start as usize;
        if !s.range.contains(&first) {
            continue;
        }
        let anchor = q.head.map(|h| h as usize).unwrap_or(first);
        // A bare count right before a verb ("more than 40 were captured") is that verb's.
        let end = q.tokens.end as usize;
        let following = q.head.is_none().then(|| {
            drafts
                .iter()
                .position(|d| d.trigger >= end && d.trigger <= end + 3)
        });
        // A count whose noun an event participle follows is that event's ("two killed, 5
        // others injured", "dozens of others wounded"), when the event counts.
        let participle_after = || {
            let h = q.head? as usize;
            drafts.iter().position(|d| {
                d.trigger == h + 1
                    && d.count_kind.is_some()
                    && matches!(s.token(d.trigger).xpos, "VBN" | "VBD" | "JJ")
            })
        };
        // A count right after an event verb is its object ("… and displaced millions",
        // "wounded at least 30"), whatever the parser hung it on.
        let right_after = || {
            drafts.iter().position(|d| {
                first == d.trigger + 1
                    && s.upos(d.trigger) == Upos::Verb
                    && !s.is_passive(d.trigger)
            })
        };
        let best = following
            .flatten()
            .or_else(participle_after)
            .or_else(right_after)
            .or_else(|| {
                scopes
                    .iter()
                    .enumerate()
                    .filter(|(_, scope)| {
                        scope.binary_search(&anchor).is_ok() || scope.binary_search(&first).is_ok()
                    })
                    .min_by_key(|(_, scope)| scope.len())
                    .map(|(i, _)| i)
            });
        let best = best.or_else(|| {
            drafts
                .iter()
                .enumerate()
                .map(|(i, d)| (i, clause_scope(s, d.trigger)))
                .filter(|(_, scope)| scope.binary_search(&first).is_ok())
                .min_by_key(|(_, scope)| scope.len())
                .map(|(i, _)| i)
        });
        if let Some(i) = best {
            drafts[i].quantities.push(qi);
        }
    }
}

/// Units that make a number a proportion ("50 percent"), never a count.
const PROPORTION_UNITS: &[&str] = &["percent", "per", "cent", "%", "pc"];

/// Count kinds that count only people: a number of bombs or tanks is not one of them. (What
/// is captured or surrendered may be weapons.)
const PEOPLE_COUNT_KINDS: &[&str] = &[
    "killed",
    "injured",
    "arrested",
    "displaced",
    "evacuated",
    "participants",
];

/// Whether a count of `unit` can be a count of kind `kind`: a proportion counts nothing
/// ("left the building 50 percent damaged"), and weapons and explosives are not people
/// ("injured due to four bombs").
fn unit_fits_kind(unit: Option<&str>, kind: Option<&str>) -> bool {
    let Some(unit) = unit.map(str::to_lowercase) else {
        return true;
    };
    if PROPORTION_UNITS.contains(&unit.as_str()) {
        return false;
    }
    let thing = WEAPON_NOUNS.contains(&unit.as_str()) || is_explosive_word(&unit);
    !(thing && kind.is_some_and(|k| PEOPLE_COUNT_KINDS.contains(&k)))
}

fn quantities_of(d: &Draft, mentions: &Mentions) -> Vec<Quantity> {
    d.quantities
        .iter()
        .filter_map(|&qi| mentions.quantities.get(qi))
        .filter(|q| unit_fits_kind(q.unit.as_deref(), d.count_kind.as_deref()))
        .map(|q| {
            let unit = q.unit.clone();
            let weapon = unit.as_deref().is_some_and(|u| WEAPON_NOUNS.contains(&u));
            let kind = match (&d.count_kind, d.event_type) {
                (Some(k), _) if k != "surrendered" || weapon => k.clone(),
                (Some(_), _) => "people".to_string(),
                (None, Some(PloverType::Protest)) => "participants".to_string(),
                (None, _) if weapon => "weapons".to_string(),
                (None, _) if unit.as_deref().is_some_and(is_person_noun) => "people".to_string(),
                (None, _) => "affected".to_string(),
            };
            Quantity {
                kind,
                value: q.value,
                low: q.low,
                high: q.high,
                qualifier: q.qualifier,
                unit,
                text: q.text.clone(),
            }
        })
        .collect()
}

/// Singular nouns that name one person ("a policeman", "the boy"): a victim so named counts one.
const INDIVIDUAL_NOUNS: &[&str] = &[
    "man",
    "woman",
    "boy",
    "girl",
    "child",
    "baby",
    "infant",
    "toddler",
    "teenager",
    "teen",
    "youth",
    "person",
    "student",
    "pupil",
    "worker",
    "farmer",
    "shepherd",
    "fisherman",
    "driver",
    "journalist",
    "reporter",
    "photographer",
    "cameraman",
    "blogger",
    "doctor",
    "nurse",
    "paramedic",
    "medic",
    "teacher",
    "priest",
    "imam",
    "cleric",
    "monk",
    "nun",
    "pastor",
    "soldier",
    "policeman",
    "policewoman",
    "constable",
    "officer",
    "guard",
    "trooper",
    "sergeant",
    "corporal",
    "commander",
    "colonel",
    "captain",
    "lieutenant",
    "major",
    "fighter",
    "militant",
    "rebel",
    "insurgent",
    "gunman",
    "attacker",
    "assailant",
    "bomber",
    "suspect",
    "civilian",
    "resident",
    "villager",
    "protester",
    "protestor",
    "demonstrator",
    "activist",
    "supporter",
    "member",
    "leader",
    "official",
    "politician",
    "lawmaker",
    "legislator",
    "mayor",
    "governor",
    "minister",
    "judge",
    "lawyer",
    "prosecutor",
    "shopkeeper",
    "trader",
    "merchant",
    "businessman",
    "businesswoman",
    "pilgrim",
    "tourist",
    "refugee",
    "migrant",
    "prisoner",
    "inmate",
    "detainee",
    "hostage",
    "employee",
    "contractor",
    "volunteer",
    "passenger",
    "pedestrian",
    "motorist",
    "cyclist",
    "spokesman",
    "spokeswoman",
    "chief",
    "councillor",
    "councilor",
    "candidate",
    "opponent",
    "dissident",
    "smuggler",
    "trafficker",
];

/// One victim for each individual the event's patients name, when the text gives no count of
/// that kind: "a policeman was shot dead", "the boy and his father were detained" (two), "he
/// was arrested". A plural, a group ("the army", "a family") or a count word leaves it uncounted.
fn individual_victims(s: &Sent, d: &Draft, have: &[Quantity], doc: &Doc) -> Option<Quantity> {
    let kind = d.count_kind.as_deref()?;
    if !matches!(kind, "killed" | "injured" | "arrested" | "captured")
        || have.iter().any(|q| q.kind == kind)
        || d.recipients.is_empty()
    {
        return None;
    }
    let heads: Vec<usize> = d.recipients.iter().map(|a| a.head).collect();
    let individual =
        |h: usize| {
            let children = s.children(h);
            // A conjunct must be a patient of its own ("a policeman and a teacher": two).
            if children.iter().any(|&c| {
                s.base_rel(c) == "nummod" || s.base_rel(c) == "conj" && !heads.contains(&c)
            }) || children.iter().any(|&c| {
                s.base_rel(c) == "det"
                    && matches!(s.lemma(c), "every" | "each" | "no" | "any" | "some" | "all")
            }) {
                return false;
            }
            match s.upos(h) {
                Upos::Pron => matches!(s.lower(h).as_str(), "he" | "she" | "him" | "her"),
                Upos::Noun => s.token(h).xpos == "NN" && INDIVIDUAL_NOUNS.contains(&s.lemma(h)),
                _ => false,
            }
        };
    let named = |a: &Actor| a.person && s.upos(a.head) == Upos::Propn;
    if !d.recipients.iter().all(|a| named(a) || individual(a.head)) {
        return None;
    }
    let first = d.recipients.first()?;
    let last = d.recipients.last()?;
    let span = annals_document::Span {
        start: first.span.start.min(last.span.start),
        end: first.span.end.max(last.span.end),
    };
    Some(Quantity {
        kind: kind.to_string(),
        value: d.recipients.len() as f64,
        low: None,
        high: None,
        qualifier: None,
        unit: None,
        text: doc.slice(span).to_string(),
    })
}

/// The one country a document names by its country words (a country, its capital or its
/// people: "Kenya", "Nairobi", "Kenyan"), when it names one and only one: the country it is
/// about when no place is resolved ("the Kenya Anti-Corruption Commission … Vice-President
/// X"). A document that names two countries has none.
fn only_named_country(
    hits: &[ActorHit],
    lexicon: &ActorLexicon,
    date: Option<NaiveDate>,
) -> Option<String> {
    let mut found: Option<&str> = None;
    for hit in hits {
        for &i in &hit.entries {
            let entry = &lexicon.entries()[i as usize];
            if !matches!(
                entry.kind,
                EntryKind::Country | EntryKind::Capital | EntryKind::Demonym
            ) || !entry.applies(date)
            {
                continue;
            }
            let Some(code) = entry.code.as_deref() else {
                continue;
            };
            match found {
                None => found = Some(code),
                Some(f) if f == code => {}
                Some(_) => return None,
            }
        }
    }
    found.map(str::to_string)
}

/// The document's main place: the most often named literal place below country level, else
/// the most often named country. A name the gazetteer does not know (resolved to the geo
/// stage's own main place, basis `Context`) counts for that place but does not stand for it
/// when a known name does: "box-office flops Alexander and Catwoman" is not shown as the
/// place of the story.
fn document_focus(toponyms: &[Toponym]) -> Option<Location> {
    // place -> (mentions, first mention, first mention by a known name)
    let mut counts: HashMap<&str, (usize, &Toponym, Option<&Toponym>)> = HashMap::new();
    for t in toponyms.iter().filter(|t| t.role == Role::Place) {
        if let Some(r) = &t.resolution {
            let known = r.basis != annals_geo::Basis::Context;
            let e = counts
                .entry(r.gazetteer_id.as_str())
                .or_insert((0, t, None));
            e.0 += 1;
            if known && e.2.is_none() {
                e.2 = Some(t);
            }
        }
    }
    let mut ranked: Vec<(usize, &Toponym, Option<&Toponym>)> = counts.into_values().collect();
    ranked.sort_by_key(|(n, t, _)| {
        let country = t
            .resolution
            .as_ref()
            .is_some_and(|r| r.precision == annals_record::GeoPrecision::Country);
        (country, std::cmp::Reverse(*n), t.start)
    });
    ranked
        .first()
        .and_then(|(_, first, named)| named.unwrap_or(first).to_location(Some("document")))
}

/// The words of `t`'s own clause: its subtree without embedded and coordinated clauses
/// (coordinated nouns stay: "39 tanks, 29 armoured vehicles").
fn clause_scope(s: &Sent, t: usize) -> Vec<usize> {
    let mut out = vec![t];
    let mut stack = vec![t];
    while let Some(x) = stack.pop() {
        for &c in s.children(x) {
            let rel = s.rel(c);
            let base = s.base_rel(c);
            let clausal = matches!(base, "ccomp" | "parataxis" | "csubj" | "advcl")
                || rel == "acl:relcl"
                || (base == "conj" && matches!(s.upos(c), Upos::Verb | Upos::Aux));
            if !clausal {
                out.push(c);
                stack.push(c);
            }
        }
    }
    out.sort_unstable();
    out
}

/// The tokens whose places and dates are the event's: its clause and, for a conjunct ("…
/// retook the town and entered it on Monday"), the clause it is joined to. Sorted.
fn event_scope(s: &Sent, clause: usize) -> Vec<usize> {
    let mut scope = clause_scope(s, clause);
    if s.base_rel(clause) == "conj"
        && let Some(h) = s.head(clause)
    {
        scope.extend(clause_scope(s, h));
        scope.sort_unstable();
    }
    scope
}

fn location_of(
    s: &Sent,
    d: &Draft,
    input: &CoderInput,
    focus: &Option<Location>,
    aggregate: bool,
) -> Option<Location> {
    if let Some(p) = d.place {
        return place_toponym(s, p, input.toponyms).and_then(|t| t.to_location(Some("clause")));
    }
    let in_sentence: Vec<&Toponym> = input
        .toponyms
        .iter()
        .filter(|t| {
            t.role == Role::Place
                && t.resolution.is_some()
                && s.doc.sentences[s.index].span.contains(t.span())
        })
        .collect();
    let token_of = |t: &Toponym| {
        s.tokens()
            .find(|&k| s.token(k).span.overlaps(t.span()))
            .unwrap_or(s.range.start)
    };
    let scope = event_scope(s, d.clause);
    // Places of the clause, preferring precise ones.
    let clause_places: Vec<&&Toponym> = in_sentence
        .iter()
        .filter(|t| scope.binary_search(&token_of(t)).is_ok())
        .collect();
    let precise = |t: &Toponym| {
        t.resolution
            .as_ref()
            .is_some_and(|r| r.precision != annals_record::GeoPrecision::Country)
    };
    if let Some(t) = clause_places
        .iter()
        .find(|t| precise(t))
        .or(clause_places.first())
    {
        return t.to_location(Some("clause"));
    }
    if let Some(t) = in_sentence
        .iter()
        .find(|t| precise(t))
        .or(in_sentence.first())
    {
        return t.to_location(Some("sentence"));
    }
    // A sentence that names no place continues the one before it ("… retook the town of
    // Menaka. Soldiers entered the town on Monday"): the last place named below country level
    // in the two body sentences before, then the document's main place. A running total
    // (a war's toll) did not happen where the last story did: only the main place.
    if aggregate {
        return focus.clone();
    }
    let window_start = s
        .doc
        .sentences
        .get(s.index.saturating_sub(2))
        .map_or(0, |w| w.span.start);
    let sentence_start = s.doc.sentences[s.index].span.start;
    input
        .toponyms
        .iter()
        .rev()
        .find(|t| {
            t.role == Role::Place
                && t.start >= window_start
                && t.end <= sentence_start
                && precise(t)
                && s.doc.sentences[..s.index].iter().rev().take(2).any(|w| {
                    w.span.contains(t.span()) && w.kind == annals_document::SentenceKind::Body
                })
        })
        .and_then(|t| t.to_location(Some("previous")))
        .or_else(|| focus.clone())
}

fn date_of(
    s: &Sent,
    d: &Draft,
    mentions: &Mentions,
    published: Option<NaiveDate>,
) -> Option<EventDate> {
    let scope = event_scope(s, d.clause);
    let own = mentions.dates.iter().find(|m| {
        s.range.contains(&(m.tokens.start as usize))
            && scope.binary_search(&(m.tokens.start as usize)).is_ok()
            && m.value.is_some()
    });
    if let Some(m) = own {
        return Some(EventDate {
            value: m.value_string()?,
            precision: m.precision,
            text: Some(m.text.clone()),
            basis: m.basis.as_str().to_string(),
        });
    }
    published.map(|p| EventDate {
        value: p.format("%Y-%m-%d").to_string(),
        precision: DatePrecision::Day,
        text: None,
        basis: "publication".to_string(),
    })
}

/// The words of a place that stands for an event's recipient (bytes `start..end`): the noun
/// phrase it names or is part of ("the rebel-held enclave of Eastern Ghouta", "Rwanda's
/// Southern Province", "the West Bank"), never reaching the event's own words.
fn place_phrase(s: &Sent, d: &Draft, start: u32, end: u32) -> (u32, u32) {
    let Some(mut x) = s.range.clone().find(|&t| s.token(t).span.start == start) else {
        return (start, end);
    };
    // A place or a piece of hardware the pattern reads as its object ("attacked the cities",
    // "ambushed a military vehicle") is what was attacked, not the event's own words, and the
    // place is named as part of it ("the final rebel-held city near Homs").
    let located =
        |t: usize| PLACE_NOUNS.contains(&s.lemma(t)) || WEAPON_NOUNS.contains(&s.lemma(t));
    let own = |t: usize| t == d.trigger || (d.evidence.contains(&t) && !located(t));
    while (matches!(s.rel(x), "nmod:poss" | "compound" | "flat")
        || (s.base_rel(x) == "nmod" && s.case_of(x) == Some("of"))
        || (s.base_rel(x) == "nmod"
            && matches!(s.case_of(x), Some("in" | "near" | "outside" | "inside"))
            && s.head(x).is_some_and(located)))
        && let Some(h) = s.head(x)
        && matches!(s.upos(h), Upos::Noun | Upos::Propn)
        && !own(h)
    {
        x = h;
    }
    let tokens = crate::actors::phrase_tokens(s, x);
    if tokens.iter().any(|&t| own(t)) {
        return (start, end);
    }
    let first = s.token(tokens[0]).span.start;
    let last = s
        .token(*tokens.last().expect("phrase has its head"))
        .span
        .end;
    (start.min(first), end.max(last))
}

/// The countries named as conjuncts of the place at bytes `start..end` ("Romania and
/// Poland"): each one's text, bytes and country code.
fn coordinated_countries(
    s: &Sent,
    start: u32,
    end: u32,
    toponyms: &[Toponym],
) -> Vec<(String, annals_document::Span, String)> {
    let Some(last) = s.range.clone().rfind(|&t| {
        let span = s.token(t).span;
        span.start >= start && span.end <= end
    }) else {
        return Vec::new();
    };
    // The place's head: its last word, or the word it hangs on inside the place's name.
    let mut x = last;
    while let Some(h) = s.head(x).filter(|&h| {
        let span = s.token(h).span;
        span.start >= start && span.end <= end
    }) {
        x = h;
    }
    crate::args::with_conjuncts(s, x)
        .into_iter()
        .filter(|&c| c != x)
        .filter_map(|c| {
            let span = s.token(c).span;
            let top = toponyms.iter().find(|p| p.span().overlaps(span))?;
            let r = top.resolution.as_ref()?;
            if r.precision != annals_record::GeoPrecision::Country {
                return None;
            }
            let span = annals_document::Span {
                start: top.start,
                end: top.end,
            };
            Some((top.text.clone(), span, r.country.clone()?))
        })
        .collect()
}

fn to_records(
    s: &Sent,
    d: Draft,
    input: &CoderInput,
    focus: &Option<Location>,
    story_country: Option<&str>,
) -> Vec<EventRecord> {
    let doc = s.doc;
    let sentence = &doc.sentences[s.index];
    let (lo, hi) = (
        *d.evidence.first().unwrap_or(&d.trigger),
        *d.evidence.last().unwrap_or(&d.trigger),
    );
    let evidence_span = if hi - lo <= 6 {
        doc.tokens_span(lo..hi + 1)
    } else {
        doc.tokens[d.trigger].span
    };
    let evidence = TextSpan {
        start: evidence_span.start,
        end: evidence_span.end,
        text: doc.slice(evidence_span).to_string(),
    };
    // A date is no participant ("launched an assault on the bastion on Thursday" with the
    // "on" phrases mixed up, "Friday's" left alone by a misparse).
    let date_phrase = |a: &&Actor| {
        input.mentions.dates.iter().any(|m| {
            a.span.start >= m.span.start
                && (a.span.end <= m.span.end
                    || matches!(
                        doc.slice(annals_document::Span {
                            start: m.span.end,
                            end: a.span.end
                        }),
                        "'s" | "\u{2019}s" | "'"
                    ))
        })
    };
    let mut actor: Vec<Participant> = d
        .actors
        .iter()
        .filter(|a| !date_phrase(a))
        .map(|a| a.participant(doc))
        .collect();
    let mut recipient: Vec<Participant> = d
        .recipients
        .iter()
        .filter(|a| !date_phrase(a))
        .map(|a| a.participant(doc))
        .collect();
    // A running total is a count over a period: without a count there is nothing summed
    // ("has been on trial since June" is one event that lasts).
    let aggregate = !d.quantities.is_empty() && crate::aggregate::is_running_total(s, d.clause);
    let location = location_of(s, &d, input, focus, aggregate);
    // A visit is made to the country it goes to ("arrived in Amman on a visit": JOR), and aid
    // delivered in a place goes to its country, when the sentence names the place and no host
    // or beneficiary. Any other event whose arguments name no recipient is done to the place
    // it happened in, as CAMEO codes it ("imposed a curfew in Pando", "agreed to a ceasefire in
    // Idlib": the place's country is the target), also when it is the actor's own country for
    // the types of [`place_of_own_country`]; that recipient adds no confidence, as the text
    // does not name it as one. A statement is never done to a place.
    let visit = d.event_type == Some(PloverType::Consult) && d.mode.as_deref() == Some("visit");
    let mut place_recipient = false;
    if recipient.is_empty()
        && d.event_type.is_some()
        && let Some(l) = &location
        && let (Some(start), Some(end), Some(country)) = (l.start, l.end, l.country.clone())
        && matches!(l.basis.as_deref(), Some("clause" | "sentence"))
        && (d.event_type.is_some_and(place_of_own_country)
            || actor
                .iter()
                .all(|a| a.country.as_deref() != Some(country.as_str())))
        // The actor's own name is not the place it acts on ("Serbia lifted a curfew").
        && actor.iter().all(|a| end <= a.start || a.end <= start)
    {
        place_recipient = !(visit || d.event_type == Some(PloverType::Aid));
        let (start, end) = place_phrase(s, &d, start, end);
        recipient.push(Participant {
            text: doc.slice(annals_document::Span { start, end }).to_string(),
            start,
            end,
            code: Some(country.clone()),
            country: Some(country),
            sector: None,
            name: None,
            resolved_from: Some(format!("the place of the event ({})", l.name)),
        });
        // Countries coordinated with the place are done to as well ("aid for Romania and
        // Poland", "blows to the United States and Israel").
        for (text, span, country) in coordinated_countries(
            s,
            l.start.unwrap_or(start),
            l.end.unwrap_or(end),
            input.toponyms,
        ) {
            if recipient
                .iter()
                .any(|r| r.country.as_deref() == Some(country.as_str()))
                || actor
                    .iter()
                    .any(|a| a.country.as_deref() == Some(country.as_str()))
            {
                continue;
            }
            recipient.push(Participant {
                text,
                start: span.start,
                end: span.end,
                code: Some(country.clone()),
                country: Some(country),
                sector: None,
                name: None,
                resolved_from: Some(format!("the place of the event ({})", l.name)),
            });
        }
    }
    let date = date_of(s, &d, input.mentions, doc.date);
    let mut quantities = quantities_of(&d, input.mentions);
    if let Some(q) = individual_victims(s, &d, &quantities, doc) {
        quantities.push(q);
    }
    let attribution = RecordAttribution {
        source: d.source.as_ref().map(|src| src.speaker.participant(doc)),
        cue: d.source.as_ref().map(|src| src.cue.clone()),
        publisher: doc.publisher.clone(),
        url: doc.url.clone(),
        published: doc.date.map(|p| p.format("%Y-%m-%d").to_string()),
    };
    let coded = |p: &Participant| p.country.is_some() || p.sector.is_some();
    // How much of the record is grounded, and how central the event is to its sentence: the
    // main clause's event before one in a relative or adverbial clause or inside an argument.
    let mut confidence: f32 = 0.25;
    confidence += match d.depth {
        0 => 0.3,
        1 => 0.1,
        _ => 0.0,
    };
    if actor.iter().any(coded) {
        confidence += 0.2;
    }
    if !place_recipient && !d.borrowed && recipient.iter().any(coded) {
        confidence += 0.1;
    }
    if location
        .as_ref()
        .is_some_and(|l| matches!(l.basis.as_deref(), Some("clause" | "sentence")))
    {
        confidence += 0.05;
    }
    if d.source.as_ref().is_some_and(|s| !s.inherited) {
        confidence += 0.05;
    }
    if d.evidence.len() > 1 {
        confidence += 0.1;
    }
    // An explosive that no one is named for was set by unidentified armed forces (UAF) of the
    // country it went off in, as CAMEO codes an unattributed bombing ("a roadside bombing
    // near Samarra killed …"); the words are the explosive's. Without a resolved place, the
    // story's country stands in, as it does for office holders. Named after the confidence:
    // the text names no actor.
    if actor.is_empty()
        && let Some(h) = d.device
        && let Some((country, basis)) = location
            .as_ref()
            .and_then(|l| {
                Some((
                    l.country.clone()?,
                    format!("the place of the event ({})", l.name),
                ))
            })
            .or_else(|| {
                Some((
                    story_country?.to_string(),
                    "the story's country".to_string(),
                ))
            })
    {
        let first = crate::actors::phrase_tokens(s, h)
            .into_iter()
            .min()
            .unwrap_or(h)
            .min(h);
        let span = doc.tokens_span(first..h + 1);
        actor.push(Participant {
            text: doc.slice(span).to_string(),
            start: span.start,
            end: span.end,
            code: Some(format!("{country}UAF")),
            country: Some(country),
            sector: Some("UAF".to_string()),
            name: None,
            resolved_from: Some(basis),
        });
    }
    let mut identity: Vec<Participant> = actor.clone();
    identity.extend(recipient.iter().cloned());
    if let Some(l) = &location {
        identity.push(Participant {
            text: l.name.clone(),
            start: l.start.unwrap_or(0),
            end: l.end.unwrap_or(0),
            country: None,
            sector: None,
            code: None,
            name: None,
            resolved_from: None,
        });
    }
    let id = EventRecord::stable_id(&doc.id, &evidence, d.event_type, &identity);
    vec![EventRecord {
        id,
        doc_id: doc.id.clone(),
        sentence: SentenceRef {
            index: s.index as u32,
            start: sentence.span.start,
            end: sentence.span.end,
            text: doc.slice(sentence.span).to_string(),
        },
        evidence,
        event_type: d.event_type,
        mode: d.mode,
        cameo: d.cameo,
        quad: d.event_type.map_or(Quad::Neutral, PloverType::quad),
        actor,
        recipient,
        location,
        date,
        quantities,
        aggregate,
        attribution,
        modality: d.modality,
        confidence: confidence.min(0.95),
    }]
}

/// Code a free-standing actor string with the lexicon.
pub fn resolve_actor(
    lexicon: &ActorLexicon,
    text: &str,
    date: Option<NaiveDate>,
) -> Option<annals_mentions::ActorCode> {
    lexicon.code_text(text, date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::tests::parsed_doc;
    use annals_mentions::actors::parse_lexicon;

    fn lexicons() -> (ActorLexicon, EventLexicon) {
        let (parsed, errors) = parse_lexicon(
            "[actors]\nSyria = SYR\nSyrian | Syrians = SYR\nRussian = RUS\nRudskoy = RUS MIL person\n\
             United States | US = USA\n\
             [agents]\ntroops | soldier = MIL\nvillager = CVL\ngeneral | general staff = MIL\ncandidate = PTY\n\
             official = GOV\n",
            "test",
        );
        assert!(errors.is_empty(), "{errors:?}");
        // The country words of the test lexicon are demonyms, as the country table makes them.
        let parsed = parsed
            .into_iter()
            .map(|(names, mut e)| {
                if matches!(names[0].as_str(), "Syrian" | "Russian") {
                    e.kind = annals_mentions::EntryKind::Demonym;
                }
                (names, e)
            })
            .collect();
        let events = EventLexicon::from_texts(&[(
            "test".into(),
            "verb seize => ASSAULT 190\nverb attack => ASSAULT 190\n\
             verb say => - - frame=report\nverb withdraw => RETREAT/withdraw 0874\n\
             verb kill => ASSAULT 1823 count=killed\n\
             verb displace => SANCTION/expel 166 count=displaced\n\
             verb injure => ASSAULT 190 count=injured\n\
             verb demonstrate intransitive => PROTEST/demo 141\n\
             verb hand prt:over obj:medicine => AID 073 recipient=prep:to\n\
             noun talks => CONSULT 043 recipient=prep:with\n\
             noun visit => CONSULT/visit 042 recipient=prep:to\n\
             verb host obj:talks => CONSULT/third-party 044\n\
             noun protest => PROTEST/demo 141\n\
             noun exercise dep:military => MOBILIZE/troops 152\n\
             noun call => REQUEST 020\nverb reject obj:call => REJECT 120\n\
             verb block => COERCE 172\nverb call prep:for => REQUEST 020\n\
             verb lift obj:ban => CONCEDE 081 recipient=prep:on\n\
             verb agree => AGREE 030 frame=intend\n\
             verb claim obj:responsibility => - 015\n\
             verb express obj:condolence => - 018 recipient=prep:to\n\
             verb express obj:pessimism => - 012 recipient=prep:about,clause\n\
             verb hope => - 013 frame=intend recipient=clause\n\
             verb demand => REQUEST 100 frame=request\nverb threaten => THREATEN 130\n\
             verb warn warning => THREATEN 130 frame=threat\nverb warn => - - frame=report\n\
             noun attack => ASSAULT 190\nnoun strike dep:hunger => PROTEST/hunger 142\n\
             verb protest prep:against => ACCUSE 111 recipient=prep:against\n\
             verb ease obj:curfew => CONCEDE 0813\n\
             verb send obj:medicine => AID 073 recipient=prep:to\n\
             verb supply obj:equipment => AID 072\n\
             verb deploy prep:as=peacekeeping => AID 074\n\
             verb return obj:* prep:to => RETREAT/release 0842 recipient=prep:to\n\
             verb tell xcomp:* => REQUEST 100 frame=request\nverb tell => - - frame=report\n\
             verb order xcomp:* => REQUEST 100 frame=request\n\
             verb contribute obj:troop => AID 074 recipient=prep:to\n\
             verb give obj:dollar => AID 071 recipient=iobj,prep:to\n"
                .into(),
        )])
        .unwrap()
        .finish();
        (ActorLexicon::from_parsed(parsed), events)
    }

    fn run(doc: &Doc) -> Vec<EventRecord> {
        run_with_places(doc, &[])
    }

    fn run_with_places(doc: &Doc, toponyms: &[Toponym]) -> Vec<EventRecord> {
        let (actors, events) = lexicons();
        let mentions = Mentions::find(doc);
        code(
            doc,
            &CoderInput {
                actors: &actors,
                events: &events,
                mentions: &mentions,
                toponyms,
                options: &PipelineOptions::default(),
            },
        )
    }

    /// Code `doc` with the given actors and an event lexicon of `patterns` (lexicon lines).
    fn run_with(doc: &Doc, actors: &ActorLexicon, patterns: &str) -> Vec<EventRecord> {
        let events = EventLexicon::from_texts(&[("test".into(), patterns.into())])
            .unwrap()
            .finish();
        let mentions = Mentions::find(doc);
        code(
            doc,
            &CoderInput {
                actors,
                events: &events,
                mentions: &mentions,
                toponyms: &[],
                options: &PipelineOptions::default(),
            },
        )
    }

    /// The actor lexicon with the one agent line `police = COP`.
    fn police() -> ActorLexicon {
        ActorLexicon::from_parsed(parse_lexicon("[agents]\npolice = COP\n", "test").0)
    }

    /// A resolved literal place (a city in `country`) at token `t` of `doc`.
    fn city(doc: &Doc, t: usize, country: &str) -> Toponym {
        let span = doc.tokens[t].span;
        Toponym {
            start: span.start,
            end: span.end,
            text: doc.slice(span).to_string(),
            kind: annals_geo::MentionKind::Name,
            role: Role::Place,
            cue: None,
            resolution: Some(annals_geo::Resolved {
                name: doc.slice(span).to_string(),
                gazetteer_id: "test:1".into(),
                country: Some(country.into()),
                admin1: None,
                lat: 0.0,
                lon: 0.0,
                feature: "PPL".into(),
                precision: annals_record::GeoPrecision::City,
                population: 0,
                seat_of: None,
                score: 1.0,
                basis: annals_geo::Basis::Name,
                index: 0,
            }),
            alternatives: Vec::new(),
        }
    }

    #[test]
    fn counts_of_an_including_clause_are_the_events() {
        // "troops killed ten people , including four children" with "including" parsed as an
        // adverbial clause whose object is the children.
        let doc = parsed_doc(&[
            ("troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 0, "root"),
            ("ten", "ten", "NUM", "CD", 4, "nummod"),
            ("people", "person", "NOUN", "NNS", 2, "obj"),
            (",", ",", "PUNCT", ",", 6, "punct"),
            ("including", "include", "VERB", "VBG", 2, "advcl"),
            ("four", "four", "NUM", "CD", 8, "nummod"),
            ("children", "child", "NOUN", "NNS", 6, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let records = run(&doc);
        assert_eq!(records.len(), 1, "{records:?}");
        let values: Vec<f64> = records[0].quantities.iter().map(|q| q.value).collect();
        assert!(
            values.contains(&10.0) && values.contains(&4.0),
            "{values:?}"
        );
    }

    #[test]
    fn a_split_compound_means_is_no_event_of_its_own() {
        // "two brothers were killed in police firing" parsed as "in police" with "firing" a
        // participle modifying it: one killing, done by the police.
        let doc = parsed_doc(&[
            ("two", "two", "NUM", "CD", 2, "nummod"),
            ("brothers", "brother", "NOUN", "NNS", 4, "nsubj:pass"),
            ("were", "be", "AUX", "VBD", 4, "aux:pass"),
            ("killed", "kill", "VERB", "VBN", 0, "root"),
            ("in", "in", "ADP", "IN", 6, "case"),
            ("police", "police", "NOUN", "NNS", 4, "obl"),
            ("firing", "fire", "VERB", "VBG", 6, "acl"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let records = run_with(
            &doc,
            &police(),
            "verb kill prep:in,by=firing => ASSAULT/firearms 193 count=killed actor=subj,prep:in\n\
             verb fire subj:police => ASSAULT/firearms 193\n\
             verb kill => ASSAULT 1823 count=killed\n",
        );
        assert_eq!(records.len(), 1, "{records:?}");
        assert_eq!(records[0].evidence.text, "killed in");
        assert_eq!(records[0].actor.len(), 1, "{records:?}");
        assert_eq!(records[0].actor[0].text, "police");
        assert_eq!(records[0].quantities.len(), 1);
    }

    #[test]
    fn a_date_is_no_actor_of_a_preposition_role() {
        // "in 1990 , two brothers were killed in police firing": the actor is the second `in`
        // phrase, not the year.
        let doc = parsed_doc(&[
            ("in", "in", "ADP", "IN", 2, "case"),
            ("1990", "1990", "NUM", "CD", 7, "obl"),
            (",", ",", "PUNCT", ",", 2, "punct"),
            ("two", "two", "NUM", "CD", 5, "nummod"),
            ("brothers", "brother", "NOUN", "NNS", 7, "nsubj:pass"),
            ("were", "be", "AUX", "VBD", 7, "aux:pass"),
            ("killed", "kill", "VERB", "VBN", 0, "root"),
            ("in", "in", "ADP", "IN", 9, "case"),
            ("police", "police", "NOUN", "NNS", 7, "obl"),
            ("firing", "fire", "VERB", "VBG", 9, "acl"),
            (".", ".", "PUNCT", ".", 7, "punct"),
        ]);
        let records = run_with(
            &doc,
            &police(),
            "verb kill prep:in,by=firing => ASSAULT/firearms 193 count=killed actor=subj,prep:in\n",
        );
        assert_eq!(records.len(), 1, "{records:?}");
        assert_eq!(records[0].actor.len(), 1, "{records:?}");
        assert_eq!(records[0].actor[0].text, "police");
    }

    #[test]
    fn a_gerund_means_gives_its_actor() {
        // "persons died in police firing" with "firing" tagged a verb and hung as an oblique,
        // "police" its compound: the police did it.
        let doc = parsed_doc(&[
            ("125", "125", "NUM", "CD", 2, "nummod"),
            ("persons", "person", "NOUN", "NNS", 3, "nsubj"),
            ("died", "die", "VERB", "VBD", 0, "root"),
            ("in", "in", "ADP", "IN", 6, "case"),
            ("police", "police", "NOUN", "NN", 6, "compound"),
            ("firing", "fire", "VERB", "VBG", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let records = run_with(
            &doc,
            &police(),
            "verb die prep:in=firing => ASSAULT 1823 count=killed actor=prep:by recipient=subj\n\
             noun firing => ASSAULT/firearms 193\n",
        );
        assert_eq!(records.len(), 1, "{records:?}");
        assert_eq!(records[0].actor.len(), 1, "{records:?}");
        assert_eq!(records[0].actor[0].text, "police");
    }

    #[test]
    fn a_word_listed_as_written_beats_one_listed_by_its_lemma() {
        // "firing" (lemma "fire") is listed as written by the firearms pattern and only by its
        // lemma by the accidents pattern that comes first and codes nothing.
        let doc = parsed_doc(&[
            ("98", "98", "NUM", "CD", 2, "nummod"),
            ("people", "person", "NOUN", "NNS", 4, "nsubj:pass"),
            ("were", "be", "AUX", "VBD", 4, "aux:pass"),
            ("killed", "kill", "VERB", "VBN", 0, "root"),
            ("in", "in", "ADP", "IN", 7, "case"),
            ("police", "police", "NOUN", "NN", 7, "compound"),
            ("firing", "fire", "VERB", "VBG", 4, "obl"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let records = run_with(
            &doc,
            &police(),
            "verb kill prep:in,by=blaze,fire => - - frame=succeed\n\
             verb kill prep:in,by=gunfire,firing,fire => ASSAULT/firearms 193 count=killed\n\
             verb kill => ASSAULT 1823 count=killed\n",
        );
        assert_eq!(records.len(), 1, "{records:?}");
        assert_eq!(records[0].cameo.as_deref(), Some("193"));
    }

    #[test]
    fn claim_of_responsibility_is_a_statement_and_the_attack_is_the_claimants() {
        // "Syrian troops claimed responsibility for the attack on the villagers."
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("claimed", "claim", "VERB", "VBD", 0, "root"),
            ("responsibility", "responsibility", "NOUN", "NN", 3, "obj"),
            ("for", "for", "ADP", "IN", 7, "case"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("attack", "attack", "NOUN", "NN", 4, "nmod"),
            ("on", "on", "ADP", "IN", 10, "case"),
            ("the", "the", "DET", "DT", 10, "det"),
            ("villagers", "villager", "NOUN", "NNS", 7, "nmod"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let events = run(&doc);
        let claim = events.iter().find(|e| e.is_statement()).expect("statement");
        assert_eq!(claim.cameo.as_deref(), Some("015"));
        assert_eq!(claim.quad, Quad::Neutral);
        assert_eq!(claim.type_label(), "STATEMENT");
        assert_eq!(claim.actor[0].code.as_deref(), Some("SYRMIL"));
        // The claim is directed at the attack's victims, not at "responsibility".
        assert_eq!(claim.recipient.len(), 1, "{:?}", claim.recipient);
        assert_eq!(claim.recipient[0].text, "the villagers");
        let attack = events
            .iter()
            .find(|e| e.event_type == Some(PloverType::Assault))
            .expect("attack");
        assert_eq!(attack.actor[0].code.as_deref(), Some("SYRMIL"));
        assert_eq!(attack.recipient[0].text, "the villagers");
    }

    #[test]
    fn condolences_are_a_statement_to_whom_they_are_addressed() {
        // "The Russian general expressed condolences to Syrian villagers."
        let doc = parsed_doc(&[
            ("The", "the", "DET", "DT", 3, "det"),
            ("Russian", "Russian", "ADJ", "JJ", 3, "amod"),
            ("general", "general", "NOUN", "NN", 4, "nsubj"),
            ("expressed", "express", "VERB", "VBD", 0, "root"),
            ("condolences", "condolence", "NOUN", "NNS", 4, "obj"),
            ("to", "to", "ADP", "IN", 8, "case"),
            ("Syrian", "Syrian", "ADJ", "JJ", 8, "amod"),
            ("villagers", "villager", "NOUN", "NNS", 4, "obl"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events.len(), 1, "{events:?}");
        let e = &events[0];
        assert_eq!((e.event_type, e.cameo.as_deref()), (None, Some("018")));
        assert_eq!(e.actor[0].code.as_deref(), Some("RUSMIL"));
        assert_eq!(e.recipient[0].code.as_deref(), Some("SYRCVL"));
    }

    #[test]
    fn what_is_hoped_or_doubted_is_said_of_the_subject_of_its_clause() {
        // "The Russian general expressed pessimism that Syrian troops would withdraw."
        let doc = parsed_doc(&[
            ("The", "the", "DET", "DT", 3, "det"),
            ("Russian", "Russian", "ADJ", "JJ", 3, "amod"),
            ("general", "general", "NOUN", "NN", 4, "nsubj"),
            ("expressed", "express", "VERB", "VBD", 0, "root"),
            ("pessimism", "pessimism", "NOUN", "NN", 4, "obj"),
            ("that", "that", "SCONJ", "IN", 10, "mark"),
            ("Syrian", "Syrian", "ADJ", "JJ", 8, "amod"),
            ("troops", "troop", "NOUN", "NNS", 10, "nsubj"),
            ("would", "would", "AUX", "MD", 10, "aux"),
            ("withdraw", "withdraw", "VERB", "VB", 5, "acl"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let events = run(&doc);
        let e = events
            .iter()
            .find(|e| e.cameo.as_deref() == Some("012"))
            .expect("statement");
        assert_eq!(e.recipient.len(), 1, "{:?}", e.recipient);
        assert_eq!(e.recipient[0].text, "Syrian troops");
        // "The villagers hoped that the general would leave": a verb's own clause.
        let doc = parsed_doc(&[
            ("The", "the", "DET", "DT", 2, "det"),
            ("villagers", "villager", "NOUN", "NNS", 3, "nsubj"),
            ("hoped", "hope", "VERB", "VBD", 0, "root"),
            ("that", "that", "SCONJ", "IN", 8, "mark"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("general", "general", "NOUN", "NN", 8, "nsubj"),
            ("would", "would", "AUX", "MD", 8, "aux"),
            ("leave", "leave", "VERB", "VB", 3, "ccomp"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let events = run(&doc);
        let e = events
            .iter()
            .find(|e| e.cameo.as_deref() == Some("013"))
            .expect("statement");
        assert_eq!(e.recipient.len(), 1, "{:?}", e.recipient);
        assert_eq!(e.recipient[0].text, "the general");
    }

    #[test]
    fn former_office_holders_are_elites_and_opposition_candidates_the_opposition() {
        // "The ousted general attacked the villagers."
        let doc = parsed_doc(&[
            ("The", "the", "DET", "DT", 3, "det"),
            ("ousted", "oust", "VERB", "VBN", 3, "amod"),
            ("general", "general", "NOUN", "NN", 4, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("villagers", "villager", "NOUN", "NNS", 4, "obj"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events[0].actor[0].sector.as_deref(), Some("ELI"));
        // "Ousted General Rudskoy attacked the villagers.": the title is a name's description.
        let doc = parsed_doc(&[
            ("Ousted", "oust", "VERB", "VBN", 2, "amod"),
            ("General", "General", "PROPN", "NNP", 3, "nmod:desc"),
            ("Rudskoy", "Rudskoy", "PROPN", "NNP", 4, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("villagers", "villager", "NOUN", "NNS", 4, "obj"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events[0].actor[0].sector.as_deref(), Some("ELI"));
        // "Opposition candidates attacked the villagers."
        let doc = parsed_doc(&[
            ("Opposition", "opposition", "NOUN", "NN", 2, "compound"),
            ("candidates", "candidate", "NOUN", "NNS", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("villagers", "villager", "NOUN", "NNS", 3, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events[0].actor[0].sector.as_deref(), Some("OPP"));
        // "Former troops": not an office, and a former soldier is no elite; but "opposition
        // troops" stay troops.
        let doc = parsed_doc(&[
            ("Opposition", "opposition", "NOUN", "NN", 2, "compound"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("villagers", "villager", "NOUN", "NNS", 3, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events[0].actor[0].sector.as_deref(), Some("MIL"));
    }

    #[test]
    fn a_people_placed_in_another_country_is_of_that_country() {
        // "Syrians in Rostov demonstrated.": Rostov is in Russia.
        let doc = parsed_doc(&[
            ("Syrians", "Syrians", "PROPN", "NNPS", 4, "nsubj"),
            ("in", "in", "ADP", "IN", 3, "case"),
            ("Rostov", "Rostov", "PROPN", "NNP", 1, "nmod"),
            ("demonstrated", "demonstrate", "VERB", "VBD", 0, "root"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let rostov = city(&doc, 2, "RUS");
        let events = run_with_places(&doc, &[rostov]);
        let actor = &events[0].actor[0];
        assert_eq!(actor.country.as_deref(), Some("RUS"));
        assert_eq!(actor.sector.as_deref(), Some("CVL"));
    }

    #[test]
    fn passive_agent_is_the_actor() {
        let doc = parsed_doc(&[
            ("The", "the", "DET", "DT", 2, "det"),
            ("villagers", "villager", "NOUN", "NNS", 4, "nsubj:pass"),
            ("were", "be", "AUX", "VBD", 4, "aux:pass"),
            ("attacked", "attack", "VERB", "VBN", 0, "root"),
            ("by", "by", "ADP", "IN", 7, "case"),
            ("Syrian", "Syrian", "ADJ", "JJ", 7, "amod"),
            ("troops", "troop", "NOUN", "NNS", 4, "obl:agent"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events.len(), 1);
        let e = &events[0];
        assert_eq!(e.event_type, Some(PloverType::Assault));
        assert_eq!(e.actor[0].text, "Syrian troops");
        assert_eq!(e.actor[0].country.as_deref(), Some("SYR"));
        assert_eq!(e.actor[0].sector.as_deref(), Some("MIL"));
        assert_eq!(e.recipient[0].sector.as_deref(), Some("CVL"));
        assert_eq!(e.modality, Modality::Asserted);
    }

    #[test]
    fn negation_and_demands() {
        // "Troops did not attack the villagers ."
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 4, "nsubj"),
            ("did", "do", "AUX", "VBD", 4, "aux"),
            ("not", "not", "PART", "RB", 4, "advmod"),
            ("attack", "attack", "VERB", "VB", 0, "root"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("villagers", "villager", "NOUN", "NNS", 4, "obj"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        assert_eq!(run(&doc)[0].modality, Modality::Negated);
        // "Rudskoy said Syrian troops should withdraw ."
        let doc = parsed_doc(&[
            ("Rudskoy", "Rudskoy", "PROPN", "NNP", 2, "nsubj"),
            ("said", "say", "VERB", "VBD", 0, "root"),
            ("Syrian", "Syrian", "ADJ", "JJ", 4, "amod"),
            ("troops", "troop", "NOUN", "NNS", 6, "nsubj"),
            ("should", "should", "AUX", "MD", 6, "aux"),
            ("withdraw", "withdraw", "VERB", "VB", 2, "ccomp"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events.len(), 1, "{events:?}");
        let e = &events[0];
        assert_eq!(e.event_type, Some(PloverType::Request));
        assert_eq!(e.mode.as_deref(), Some("yield"));
        // "should": an appeal (CAMEO 02), the mirror of the demand 1056.
        assert_eq!(e.cameo.as_deref(), Some("0256"));
        assert_eq!(e.actor[0].country.as_deref(), Some("RUS"));
        assert_eq!(e.recipient[0].country.as_deref(), Some("SYR"));
        let source = e.attribution.source.as_ref().unwrap();
        assert_eq!(source.text, "Rudskoy");
        assert_eq!(e.attribution.cue.as_deref(), Some("said"));
    }

    #[test]
    fn a_warning_of_the_warners_own_act_is_a_threat_and_a_forecast_is_not() {
        // "Syrian troops warned that they will not tolerate villagers ." (an act that is no
        // event of its own: "will attack" would be a commitment, a threat without the rule).
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("warned", "warn", "VERB", "VBD", 0, "root"),
            ("that", "that", "SCONJ", "IN", 8, "mark"),
            ("they", "they", "PRON", "PRP", 8, "nsubj"),
            ("will", "will", "AUX", "MD", 8, "aux"),
            ("not", "not", "PART", "RB", 8, "advmod"),
            ("tolerate", "tolerate", "VERB", "VB", 3, "ccomp"),
            ("villagers", "villager", "NOUN", "NNS", 8, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].event_type, Some(PloverType::Threaten));
        assert_eq!(events[0].evidence.text, "warned");
        assert_eq!(events[0].actor[0].sector.as_deref(), Some("MIL"));
        // "Syrian troops warned that villagers will attack them .": someone else's act. The
        // warning is speech (the villagers' announced attack is theirs), not the troops' threat.
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("warned", "warn", "VERB", "VBD", 0, "root"),
            ("that", "that", "SCONJ", "IN", 7, "mark"),
            ("villagers", "villager", "NOUN", "NNS", 7, "nsubj"),
            ("will", "will", "AUX", "MD", 7, "aux"),
            ("attack", "attack", "VERB", "VB", 3, "ccomp"),
            ("them", "they", "PRON", "PRP", 7, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let events = run(&doc);
        assert!(
            events.iter().all(|e| e.evidence.text != "warned"),
            "{events:?}"
        );
        // "Syrian troops warned that it will take years .": a forecast.
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("warned", "warn", "VERB", "VBD", 0, "root"),
            ("that", "that", "SCONJ", "IN", 7, "mark"),
            ("it", "it", "PRON", "PRP", 7, "nsubj"),
            ("will", "will", "AUX", "MD", 7, "aux"),
            ("take", "take", "VERB", "VB", 3, "ccomp"),
            ("years", "year", "NOUN", "NNS", 7, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        assert!(run(&doc).iter().all(|e| e.evidence.text != "warned"));
    }

    #[test]
    fn a_killing_in_a_relative_clause_on_an_attack_is_the_attackers() {
        // "Troops attacked the village in which five villagers were killed ."
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("village", "village", "NOUN", "NN", 2, "obj"),
            ("in", "in", "ADP", "IN", 6, "case"),
            ("which", "which", "PRON", "WDT", 10, "obl"),
            ("five", "five", "NUM", "CD", 8, "nummod"),
            ("villagers", "villager", "NOUN", "NNS", 10, "nsubj:pass"),
            ("were", "be", "AUX", "VBD", 10, "aux:pass"),
            ("killed", "kill", "VERB", "VBN", 4, "acl:relcl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        let killing = events
            .iter()
            .find(|e| e.evidence.text == "killed")
            .unwrap_or_else(|| panic!("{events:?}"));
        assert_eq!(killing.actor.len(), 1, "{killing:?}");
        assert_eq!(killing.actor[0].sector.as_deref(), Some("MIL"));
        // "Troops attacked the village whose villagers were killed .": not a clause of place
        // or time; the killing's agent stays unknown.
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("village", "village", "NOUN", "NN", 2, "obj"),
            ("whose", "whose", "PRON", "WP$", 6, "nmod:poss"),
            ("villagers", "villager", "NOUN", "NNS", 8, "nsubj:pass"),
            ("were", "be", "AUX", "VBD", 8, "aux:pass"),
            ("killed", "kill", "VERB", "VBN", 4, "acl:relcl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        let killing = events.iter().find(|e| e.evidence.text == "killed").unwrap();
        assert!(killing.actor.is_empty(), "{killing:?}");
    }

    #[test]
    fn a_time_is_no_participant() {
        // "Troops made an attack on the bastion on Friday .", "on Friday" hung on "bastion".
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("made", "make", "VERB", "VBD", 0, "root"),
            ("an", "a", "DET", "DT", 4, "det"),
            ("attack", "attack", "NOUN", "NN", 2, "obj"),
            ("on", "on", "ADP", "IN", 7, "case"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("bastion", "bastion", "NOUN", "NN", 4, "nmod"),
            ("on", "on", "ADP", "IN", 9, "case"),
            ("Friday", "Friday", "PROPN", "NNP", 7, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events.len(), 1, "{events:?}");
        let texts: Vec<&str> = events[0]
            .recipient
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(texts, vec!["the bastion"], "{events:?}");
    }

    #[test]
    fn counts_attach_to_their_event_and_source_carries_forward() {
        // "Rudskoy said troops killed 12 villagers ." then "Troops attacked the villagers ."
        let mut doc = parsed_doc(&[
            ("Rudskoy", "Rudskoy", "PROPN", "NNP", 2, "nsubj"),
            ("said", "say", "VERB", "VBD", 0, "root"),
            ("troops", "troop", "NOUN", "NNS", 4, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 2, "ccomp"),
            ("12", "12", "NUM", "CD", 6, "nummod"),
            ("villagers", "villager", "NOUN", "NNS", 4, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        doc.date = NaiveDate::from_ymd_opt(2018, 8, 2);
        let events = run(&doc);
        assert_eq!(events.len(), 1);
        let q = &events[0].quantities;
        assert_eq!(q.len(), 1);
        assert_eq!((q[0].kind.as_str(), q[0].value), ("killed", 12.0));
        assert_eq!(q[0].unit.as_deref(), Some("villagers"));
        let date = events[0].date.as_ref().unwrap();
        assert_eq!(
            (date.value.as_str(), date.basis.as_str()),
            ("2018-08-02", "publication")
        );
    }
    #[test]
    fn a_document_that_names_one_country_is_about_it() {
        // "Troops attacked Syrian villagers ." (no place resolved): the troops are Syria's.
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("Syrian", "Syrian", "ADJ", "JJ", 4, "amod"),
            ("villagers", "villager", "NOUN", "NNS", 2, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let actor_country = |doc: &Doc| run(doc)[0].actor[0].country.clone();
        assert_eq!(actor_country(&doc).as_deref(), Some("SYR"));
        // "Troops attacked Syrian and Russian villagers .": two countries, no guess.
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("Syrian", "Syrian", "ADJ", "JJ", 6, "amod"),
            ("and", "and", "CCONJ", "CC", 5, "cc"),
            ("Russian", "Russian", "ADJ", "JJ", 3, "conj"),
            ("villagers", "villager", "NOUN", "NNS", 2, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert_eq!(actor_country(&doc), None);
    }

    #[test]
    fn proportions_and_weapons_are_not_counts_of_people() {
        assert!(!unit_fits_kind(Some("percent"), Some("killed")));
        assert!(!unit_fits_kind(Some("%"), None));
        assert!(!unit_fits_kind(Some("bombs"), Some("injured")));
        assert!(!unit_fits_kind(Some("tanks"), Some("arrested")));
        // Weapons seized or handed over are counted; people and bare numbers are.
        assert!(unit_fits_kind(Some("tanks"), Some("surrendered")));
        assert!(unit_fits_kind(Some("tanks"), Some("captured")));
        assert!(unit_fits_kind(Some("patients"), Some("killed")));
        assert!(unit_fits_kind(None, Some("killed")));
    }

    #[test]
    fn an_individual_victim_counts_one() {
        // "Gunmen killed a policeman and a teacher ."
        let doc = parsed_doc(&[
            ("Gunmen", "gunman", "NOUN", "NNS", 2, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 0, "root"),
            ("a", "a", "DET", "DT", 4, "det"),
            ("policeman", "policeman", "NOUN", "NN", 2, "obj"),
            ("and", "and", "CCONJ", "CC", 7, "cc"),
            ("a", "a", "DET", "DT", 7, "det"),
            ("teacher", "teacher", "NOUN", "NN", 4, "conj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let killed = |events: &[EventRecord]| {
            events
                .iter()
                .flat_map(|e| e.quantities.iter())
                .filter(|q| q.kind == "killed")
                .map(|q| q.value)
                .collect::<Vec<_>>()
        };
        let events = run(&doc);
        let recipients = events[0].recipient.len();
        assert_eq!(killed(&events), vec![recipients as f64], "{events:?}");
        assert!(recipients >= 1);
        // A plural, or a group, is not counted: "Gunmen killed policemen ." / "… the family ."
        for (word, lemma, xpos) in [
            ("policemen", "policeman", "NNS"),
            ("family", "family", "NN"),
        ] {
            let doc = parsed_doc(&[
                ("Gunmen", "gunman", "NOUN", "NNS", 2, "nsubj"),
                ("killed", "kill", "VERB", "VBD", 0, "root"),
                (word, lemma, "NOUN", xpos, 2, "obj"),
                (".", ".", "PUNCT", ".", 2, "punct"),
            ]);
            assert!(killed(&run(&doc)).is_empty(), "{word}");
        }
    }

    #[test]
    fn a_wars_toll_is_a_running_total_and_counts_follow_their_verb() {
        // "The war has killed 300 people and displaced thousands ." with `thousands` misparsed
        // as a second object of `killed`.
        let doc = parsed_doc(&[
            ("The", "the", "DET", "DT", 2, "det"),
            ("war", "war", "NOUN", "NN", 4, "nsubj"),
            ("has", "have", "AUX", "VBZ", 4, "aux"),
            ("killed", "kill", "VERB", "VBN", 0, "root"),
            ("300", "300", "NUM", "CD", 6, "nummod"),
            ("people", "person", "NOUN", "NNS", 4, "obj"),
            ("and", "and", "CCONJ", "CC", 8, "cc"),
            ("displaced", "displace", "VERB", "VBN", 4, "conj"),
            ("thousands", "thousand", "NOUN", "NNS", 4, "obj"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let events = run(&doc);
        let counts = |lemma: &str| {
            let e = events
                .iter()
                .find(|e| e.evidence.text.starts_with(lemma))
                .unwrap_or_else(|| panic!("no {lemma} event in {events:?}"));
            assert!(e.aggregate, "{e:?}");
            e.quantities.iter().map(|q| q.value).collect::<Vec<_>>()
        };
        assert_eq!(counts("killed"), vec![300.0]);
        assert_eq!(counts("displaced"), vec![2000.0]);
        // "Troops killed 300 people on Monday ." is one event.
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 0, "root"),
            ("300", "300", "NUM", "CD", 4, "nummod"),
            ("people", "person", "NOUN", "NNS", 2, "obj"),
            ("on", "on", "ADP", "IN", 6, "case"),
            ("Monday", "Monday", "PROPN", "NNP", 2, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert!(!run(&doc)[0].aggregate);
        // "Two children killed 5 others injured" (a headline; `others` parsed as the object
        // of `killed`, `injured` as its participle): the 5 are the injured.
        let doc = parsed_doc(&[
            ("Two", "two", "NUM", "CD", 2, "nummod"),
            ("children", "child", "NOUN", "NNS", 3, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 0, "root"),
            ("5", "5", "NUM", "CD", 5, "nummod"),
            ("others", "other", "NOUN", "NNS", 3, "obj"),
            ("injured", "injure", "VERB", "VBN", 5, "acl"),
        ]);
        let events = run(&doc);
        let kinds: Vec<(&str, f64)> = events
            .iter()
            .flat_map(|e| e.quantities.iter().map(|q| (q.kind.as_str(), q.value)))
            .collect();
        assert_eq!(kinds, vec![("killed", 2.0), ("injured", 5.0)], "{events:?}");
    }

    #[test]
    fn event_nouns_take_their_support_verbs_subject() {
        // "Syria renewed talks with Russian troops ."
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("renewed", "renew", "VERB", "VBD", 0, "root"),
            ("talks", "talks", "NOUN", "NNS", 2, "obj"),
            ("with", "with", "ADP", "IN", 6, "case"),
            ("Russian", "Russian", "ADJ", "JJ", 6, "amod"),
            ("troops", "troop", "NOUN", "NNS", 2, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].event_type, Some(PloverType::Consult));
        assert_eq!(events[0].actor[0].country.as_deref(), Some("SYR"));
        assert_eq!(events[0].recipient[0].country.as_deref(), Some("RUS"));
    }

    #[test]
    fn intransitive_patterns_need_no_object() {
        // "Villagers demonstrated ." is a protest; "Villagers demonstrated resolve ." is not.
        let protest = parsed_doc(&[
            ("Villagers", "villager", "NOUN", "NNS", 2, "nsubj"),
            ("demonstrated", "demonstrate", "VERB", "VBD", 0, "root"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert_eq!(run(&protest)[0].event_type, Some(PloverType::Protest));
        let not_protest = parsed_doc(&[
            ("Villagers", "villager", "NOUN", "NNS", 2, "nsubj"),
            ("demonstrated", "demonstrate", "VERB", "VBD", 0, "root"),
            ("resolve", "resolve", "NOUN", "NN", 2, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert!(run(&not_protest).is_empty());
    }

    #[test]
    fn a_promise_with_unless_is_an_ultimatum() {
        // "Syria will withdraw unless troops leave ." / "Syria will withdraw ."
        let conditional = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 3, "nsubj"),
            ("will", "will", "AUX", "MD", 3, "aux"),
            ("withdraw", "withdraw", "VERB", "VB", 0, "root"),
            ("unless", "unless", "SCONJ", "IN", 6, "mark"),
            ("troops", "troop", "NOUN", "NNS", 6, "nsubj"),
            ("leave", "leave", "VERB", "VBP", 3, "advcl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let e = &run(&conditional)[0];
        assert_eq!(e.event_type, Some(PloverType::Threaten));
        assert_eq!(e.cameo.as_deref(), Some("139"));
        let promise = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 3, "nsubj"),
            ("will", "will", "AUX", "MD", 3, "aux"),
            ("withdraw", "withdraw", "VERB", "VB", 0, "root"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        assert_eq!(run(&promise)[0].event_type, Some(PloverType::Concede));
    }
    #[test]
    fn a_verb_without_a_subject_takes_the_nearest_actor_before_it() {
        // "Syrian troops attacked villagers ." with the subject misparsed as a `dep`.
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "dep"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("villagers", "villager", "NOUN", "NNS", 3, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events[0].actor[0].country.as_deref(), Some("SYR"));
        assert_eq!(events[0].actor[0].sector.as_deref(), Some("MIL"));
        // Not across a relative word: "… villagers who attacked" keeps no actor before "who".
        let relative = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 0, "root"),
            ("who", "who", "PRON", "WP", 4, "dep"),
            ("attacked", "attack", "VERB", "VBD", 2, "parataxis"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert!(run(&relative).iter().all(|e| e.actor.is_empty()));
    }
    #[test]
    fn events_an_attitude_is_about_are_not_asserted() {
        // "Syria voiced hope for talks ."
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("voiced", "voice", "VERB", "VBD", 0, "root"),
            ("hope", "hope", "NOUN", "NN", 2, "obj"),
            ("for", "for", "ADP", "IN", 5, "case"),
            ("talks", "talks", "NOUN", "NNS", 3, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events[0].event_type, Some(PloverType::Consult));
        assert_eq!(events[0].modality, Modality::Hypothetical);
    }
    #[test]
    fn exercises_held_together_are_military_cooperation() {
        // "Syrian and Russian troops held military exercises ." / "Syrian troops held …"
        let joint = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 4, "amod"),
            ("and", "and", "CCONJ", "CC", 3, "cc"),
            ("Russian", "Russian", "ADJ", "JJ", 1, "conj"),
            ("troops", "troop", "NOUN", "NNS", 5, "nsubj"),
            ("held", "hold", "VERB", "VBD", 0, "root"),
            ("military", "military", "ADJ", "JJ", 7, "amod"),
            ("exercises", "exercise", "NOUN", "NNS", 5, "obj"),
            (".", ".", "PUNCT", ".", 5, "punct"),
        ]);
        let e = &run(&joint)[0];
        assert_eq!(e.event_type, Some(PloverType::Cooperate));
        assert_eq!(e.cameo.as_deref(), Some("062"));
        let alone = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("held", "hold", "VERB", "VBD", 0, "root"),
            ("military", "military", "ADJ", "JJ", 5, "amod"),
            ("exercises", "exercise", "NOUN", "NNS", 3, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        assert_eq!(run(&alone)[0].event_type, Some(PloverType::Mobilize));
    }
    #[test]
    fn a_time_taken_for_the_subject_is_not_the_actor() {
        // "Syrian troops today attacked the villagers ." with the parser's error: the time
        // as subject, the real subject hung elsewhere.
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 4, "obl"),
            ("today", "today", "NOUN", "NN", 4, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("villagers", "villager", "NOUN", "NNS", 4, "obj"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.actor.len(), 1);
        assert_eq!(e.actor[0].country.as_deref(), Some("SYR"));
        assert_eq!(e.actor[0].sector.as_deref(), Some("MIL"));
    }
    #[test]
    fn a_people_is_its_civilians_and_coordinated_countries_are_two_actors() {
        // "Syrians attacked the villagers ."
        let people = parsed_doc(&[
            ("Syrians", "Syrian", "PROPN", "NNPS", 2, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("villagers", "villager", "NOUN", "NNS", 2, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let e = &run(&people)[0];
        assert_eq!(e.actor[0].country.as_deref(), Some("SYR"));
        assert_eq!(e.actor[0].sector.as_deref(), Some("CVL"));
        // "Russian Syrians attacked the villagers ." as the tagger and parser may give a
        // people named after another country: a flat name whose last word, a demonym in -s,
        // was tagged a singular name.
        let flat = parsed_doc(&[
            ("Russian", "Russian", "PROPN", "NNP", 3, "nsubj"),
            ("Syrians", "Syrians", "PROPN", "NNP", 1, "flat"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("villagers", "villager", "NOUN", "NNS", 3, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let e = &run(&flat)[0];
        assert_eq!(e.actor[0].sector.as_deref(), Some("CVL"), "{e:?}");
        // "Syrian and Russian troops attacked the villagers ."
        let joint = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 4, "amod"),
            ("and", "and", "CCONJ", "CC", 3, "cc"),
            ("Russian", "Russian", "ADJ", "JJ", 1, "conj"),
            ("troops", "troop", "NOUN", "NNS", 5, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("villagers", "villager", "NOUN", "NNS", 5, "obj"),
            (".", ".", "PUNCT", ".", 5, "punct"),
        ]);
        let e = &run(&joint)[0];
        let codes: Vec<(Option<&str>, Option<&str>)> = e
            .actor
            .iter()
            .map(|a| (a.country.as_deref(), a.sector.as_deref()))
            .collect();
        assert_eq!(
            codes,
            [(Some("SYR"), Some("MIL")), (Some("RUS"), Some("MIL"))]
        );
        assert_eq!(e.actor[1].text, "Russian troops");
    }
    #[test]
    fn those_who_opened_fire_killed_whatever_the_tree() {
        // "Two villagers were killed when troops opened fire ." parsed badly: "opened" an
        // adjective of "fire", "fire" a conjunct of "killed".
        let doc = parsed_doc(&[
            ("Two", "two", "NUM", "CD", 2, "nummod"),
            ("villagers", "villager", "NOUN", "NNS", 4, "nsubj:pass"),
            ("were", "be", "AUX", "VBD", 4, "aux:pass"),
            ("killed", "kill", "VERB", "VBN", 0, "root"),
            ("when", "when", "ADV", "WRB", 7, "advmod"),
            ("troops", "troop", "NOUN", "NNS", 7, "nsubj"),
            ("opened", "open", "VERB", "VBD", 8, "amod"),
            ("fire", "fire", "NOUN", "NN", 4, "conj"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.event_type, Some(PloverType::Assault));
        assert_eq!(e.actor[0].sector.as_deref(), Some("MIL"));
        // Without the firing clause the killing stays agentless.
        let bare = parsed_doc(&[
            ("Two", "two", "NUM", "CD", 2, "nummod"),
            ("villagers", "villager", "NOUN", "NNS", 4, "nsubj:pass"),
            ("were", "be", "AUX", "VBD", 4, "aux:pass"),
            ("killed", "kill", "VERB", "VBN", 0, "root"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        assert!(run(&bare)[0].actor.is_empty());
    }
    #[test]
    fn a_compound_modifier_of_the_object_names_it() {
        // "Officials eased curfew hours ."
        let doc = parsed_doc(&[
            ("Officials", "official", "NOUN", "NNS", 2, "nsubj"),
            ("eased", "ease", "VERB", "VBD", 0, "root"),
            ("curfew", "curfew", "NOUN", "NN", 4, "compound"),
            ("hours", "hour", "NOUN", "NNS", 2, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events[0].cameo.as_deref(), Some("0813"));
        // … and of a prepositional phrase: "Troops were deployed as peacekeeping forces ."
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 3, "nsubj:pass"),
            ("were", "be", "AUX", "VBD", 3, "aux:pass"),
            ("deployed", "deploy", "VERB", "VBN", 0, "root"),
            ("as", "as", "ADP", "IN", 6, "case"),
            ("peacekeeping", "peacekeep", "VERB", "VBG", 6, "amod"),
            ("forces", "force", "NOUN", "NNS", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        assert_eq!(run(&doc)[0].cameo.as_deref(), Some("074"));
    }
    #[test]
    fn objects_are_looked_through_groups_parts_and_stray_conjuncts() {
        // "Syria sent a team of doctors , medicine and tents to the villagers ." with the later
        // conjuncts hung on the verb.
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("sent", "send", "VERB", "VBD", 0, "root"),
            ("a", "a", "DET", "DT", 4, "det"),
            ("team", "team", "NOUN", "NN", 2, "obj"),
            ("of", "of", "ADP", "IN", 6, "case"),
            ("doctors", "doctor", "NOUN", "NNS", 4, "nmod"),
            (",", ",", "PUNCT", ",", 8, "punct"),
            ("medicine", "medicine", "NOUN", "NN", 2, "conj"),
            ("and", "and", "CCONJ", "CC", 10, "cc"),
            ("tents", "tent", "NOUN", "NNS", 2, "conj"),
            ("to", "to", "ADP", "IN", 13, "case"),
            ("the", "the", "DET", "DT", 13, "det"),
            ("villagers", "villager", "NOUN", "NNS", 2, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.cameo.as_deref(), Some("073"));
        assert_eq!(e.recipient[0].sector.as_deref(), Some("CVL"));
        // "Russia supplied 90 % of the equipment ."
        let doc = parsed_doc(&[
            ("Russia", "Russia", "PROPN", "NNP", 2, "nsubj"),
            ("supplied", "supply", "VERB", "VBD", 0, "root"),
            ("90", "90", "NUM", "CD", 4, "nummod"),
            ("%", "%", "SYM", "NN", 2, "obj"),
            ("of", "of", "ADP", "IN", 7, "case"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("equipment", "equipment", "NOUN", "NN", 4, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert_eq!(run(&doc)[0].cameo.as_deref(), Some("072"));
        // Not through a noun that is no part or measure: "Russia supplied the owner of the
        // equipment ."
        let doc = parsed_doc(&[
            ("Russia", "Russia", "PROPN", "NNP", 2, "nsubj"),
            ("supplied", "supply", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("owner", "owner", "NOUN", "NN", 2, "obj"),
            ("of", "of", "ADP", "IN", 7, "case"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("equipment", "equipment", "NOUN", "NN", 4, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert!(run(&doc).is_empty());
    }
    #[test]
    fn a_counted_object_after_an_adjunct_meets_an_object_condition() {
        // "Troops returned to Syria last week 21 statues ." with "statues" an unmarked `obl`.
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("returned", "return", "VERB", "VBD", 0, "root"),
            ("to", "to", "ADP", "IN", 4, "case"),
            ("Syria", "Syria", "PROPN", "NNP", 2, "obl"),
            ("last", "last", "ADJ", "JJ", 6, "amod"),
            ("week", "week", "NOUN", "NN", 2, "obl:unmarked"),
            ("21", "21", "NUM", "CD", 8, "nummod"),
            ("statues", "statue", "NOUN", "NNS", 2, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.cameo.as_deref(), Some("0842"));
        assert_eq!(e.recipient[0].country.as_deref(), Some("SYR"));
    }
    #[test]
    fn a_particle_the_parser_hung_elsewhere_still_counts() {
        // "Syrian troops handed over medicine to the villagers ." with "over" an adverb of
        // "medicine".
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("handed", "hand", "VERB", "VBD", 0, "root"),
            ("over", "over", "ADV", "RB", 5, "advmod"),
            ("medicine", "medicine", "NOUN", "NN", 3, "obj"),
            ("to", "to", "ADP", "IN", 8, "case"),
            ("the", "the", "DET", "DT", 8, "det"),
            ("villagers", "villager", "NOUN", "NNS", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.event_type, Some(PloverType::Aid));
        assert_eq!(e.recipient[0].sector.as_deref(), Some("CVL"));
    }
    #[test]
    fn an_actor_word_tagged_as_a_verb_is_still_the_nearest_actor() {
        // "Troops on Monday attacked the villagers ." with "Troops" tagged a verb and the
        // event verb hung below it.
        let doc = parsed_doc(&[
            ("Troops", "troop", "VERB", "VBZ", 0, "root"),
            ("on", "on", "ADP", "IN", 3, "case"),
            ("Monday", "Monday", "PROPN", "NNP", 1, "obl"),
            ("attacked", "attack", "VERB", "VBD", 1, "acl"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("villagers", "villager", "NOUN", "NNS", 4, "obj"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.actor[0].sector.as_deref(), Some("MIL"));
    }
    #[test]
    fn a_group_based_in_a_place_is_of_its_country() {
        // "Soldiers based in Syria attacked the villagers ." with Syria a resolved place.
        let doc = parsed_doc(&[
            ("Soldiers", "soldier", "NOUN", "NNS", 5, "nsubj"),
            ("based", "base", "VERB", "VBN", 1, "acl"),
            ("in", "in", "ADP", "IN", 4, "case"),
            ("Syria", "Syria", "PROPN", "NNP", 2, "obl"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("villagers", "villager", "NOUN", "NNS", 5, "obj"),
            (".", ".", "PUNCT", ".", 5, "punct"),
        ]);
        let (actors, events) = lexicons();
        let mentions = Mentions::find(&doc);
        let gazetteer = annals_geo::Gazetteer::load().expect("the embedded gazetteer");
        let toponyms = annals_geo::geoparse(&doc, &gazetteer);
        let records = code(
            &doc,
            &CoderInput {
                actors: &actors,
                events: &events,
                mentions: &mentions,
                toponyms: &toponyms,
                options: &PipelineOptions::default(),
            },
        );
        assert_eq!(records[0].actor[0].country.as_deref(), Some("SYR"));
        assert_eq!(records[0].actor[0].sector.as_deref(), Some("MIL"));
    }
    #[test]
    fn an_event_without_a_recipient_is_done_to_its_place() {
        // "Russian troops attacked in Homs ." (no object): the place is the recipient.
        let doc = parsed_doc(&[
            ("Russian", "Russian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("in", "in", "ADP", "IN", 5, "case"),
            ("Homs", "Homs", "PROPN", "NNP", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let homs = city(&doc, 4, "SYR");
        let e = &run_with_places(&doc, std::slice::from_ref(&homs))[0];
        assert_eq!(e.recipient.len(), 1);
        assert_eq!(e.recipient[0].text, "Homs");
        assert_eq!(e.recipient[0].country.as_deref(), Some("SYR"));
        // An attack at home is done to the place too ...
        let home = city(&doc, 4, "RUS");
        assert_eq!(
            run_with_places(&doc, &[home])[0].recipient[0]
                .country
                .as_deref(),
            Some("RUS")
        );
        // ... but talks at home are not held with one's own country.
        let talks = parsed_doc(&[
            ("Russian", "Russian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("held", "hold", "VERB", "VBD", 0, "root"),
            ("talks", "talks", "NOUN", "NNS", 3, "obj"),
            ("in", "in", "ADP", "IN", 6, "case"),
            ("Homs", "Homs", "PROPN", "NNP", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let home = city(&talks, 5, "RUS");
        let e = &run_with_places(&talks, &[home])[0];
        assert_eq!(e.event_type, Some(PloverType::Consult));
        assert!(e.recipient.is_empty(), "{e:?}");
        // The actor's own name is not the place it acts on.
        let alone = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let syria = city(&alone, 0, "SYR");
        let e = &run_with_places(&alone, &[syria])[0];
        assert!(e.recipient.is_empty(), "{e:?}");
        // Not when the text names one.
        let named = parsed_doc(&[
            ("Russian", "Russian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("villagers", "villager", "NOUN", "NNS", 3, "obj"),
            ("in", "in", "ADP", "IN", 6, "case"),
            ("Homs", "Homs", "PROPN", "NNP", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let homs = city(&named, 5, "SYR");
        let e = &run_with_places(&named, &[homs])[0];
        assert_eq!(e.recipient[0].text, "villagers");
    }
    #[test]
    fn countries_coordinated_with_a_place_recipient_are_recipients_too() {
        // "Russian troops attacked in Iraq and Iran ." (no object): both countries.
        let doc = parsed_doc(&[
            ("Russian", "Russian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("in", "in", "ADP", "IN", 5, "case"),
            ("Iraq", "Iraq", "PROPN", "NNP", 3, "obl"),
            ("and", "and", "CCONJ", "CC", 7, "cc"),
            ("Iran", "Iran", "PROPN", "NNP", 5, "conj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let country = |t: usize, code: &str| {
            let mut top = city(&doc, t, code);
            if let Some(r) = top.resolution.as_mut() {
                r.precision = annals_record::GeoPrecision::Country;
            }
            top
        };
        let e = &run_with_places(&doc, &[country(4, "IRQ"), country(6, "IRN")])[0];
        let got: Vec<(&str, Option<&str>)> = e
            .recipient
            .iter()
            .map(|r| (r.text.as_str(), r.country.as_deref()))
            .collect();
        assert_eq!(got, vec![("Iraq", Some("IRQ")), ("Iran", Some("IRN"))]);
    }
    #[test]
    fn a_persons_apposition_is_part_of_the_mention() {
        // "Syrian troops attacked Rudskoy , the general , on Monday ."
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("Rudskoy", "Rudskoy", "PROPN", "NNP", 3, "obj"),
            (",", ",", "PUNCT", ",", 7, "punct"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("general", "general", "NOUN", "NN", 4, "appos"),
            (",", ",", "PUNCT", ",", 7, "punct"),
            ("on", "on", "ADP", "IN", 10, "case"),
            ("Monday", "Monday", "PROPN", "NNP", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.recipient[0].text, "Rudskoy , the general");
        // Nor the apposition of an unnamed group: "attacked villagers , the farmers".
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("villagers", "villager", "NOUN", "NNS", 3, "obj"),
            (",", ",", "PUNCT", ",", 7, "punct"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("farmers", "farmer", "NOUN", "NNS", 4, "appos"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        assert_eq!(run(&doc)[0].recipient[0].text, "villagers");
    }
    #[test]
    fn a_place_recipient_takes_its_noun_phrase() {
        // "Russian troops attacked in the enclave of Homs ."
        let doc = parsed_doc(&[
            ("Russian", "Russian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("in", "in", "ADP", "IN", 6, "case"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("enclave", "enclave", "NOUN", "NN", 3, "obl"),
            ("of", "of", "ADP", "IN", 8, "case"),
            ("Homs", "Homs", "PROPN", "NNP", 6, "nmod"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let homs = city(&doc, 7, "SYR");
        let e = &run_with_places(&doc, &[homs])[0];
        assert_eq!(e.recipient[0].text, "the enclave of Homs");
        assert_eq!(e.recipient[0].country.as_deref(), Some("SYR"));
    }
    #[test]
    fn the_author_of_an_act_answered_is_named_with_the_act() {
        // "Syria rejected the call of the Russian general ."
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("rejected", "reject", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("call", "call", "NOUN", "NN", 2, "obj"),
            ("of", "of", "ADP", "IN", 8, "case"),
            ("the", "the", "DET", "DT", 8, "det"),
            ("Russian", "Russian", "ADJ", "JJ", 8, "amod"),
            ("general", "general", "NOUN", "NN", 4, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.event_type, Some(PloverType::Reject));
        assert_eq!(e.recipient[0].text, "the call of the Russian general");
        assert_eq!(e.recipient[0].country.as_deref(), Some("RUS"));
    }
    #[test]
    fn a_thing_received_gives_way_to_the_actor_it_is_for() {
        // "Syria blocked supplies to Russian troops ."
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("blocked", "block", "VERB", "VBD", 0, "root"),
            ("supplies", "supply", "NOUN", "NNS", 2, "obj"),
            ("to", "to", "ADP", "IN", 6, "case"),
            ("Russian", "Russian", "ADJ", "JJ", 6, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.recipient[0].text, "Russian troops");
        // An actor keeps its complements: "attacked troops from Syria".
        let doc = parsed_doc(&[
            ("Russians", "Russian", "PROPN", "NNPS", 2, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("troops", "troop", "NOUN", "NNS", 2, "obj"),
            ("from", "from", "ADP", "IN", 5, "case"),
            ("Syria", "Syria", "PROPN", "NNP", 3, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert_eq!(run(&doc)[0].recipient[0].text, "troops from Syria");
    }
    #[test]
    fn a_verb_asking_for_an_act_takes_the_acts_recipient() {
        // "Syria called for talks with Russian troops ."
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("called", "call", "VERB", "VBD", 0, "root"),
            ("for", "for", "ADP", "IN", 4, "case"),
            ("talks", "talks", "NOUN", "NNS", 2, "obl"),
            ("with", "with", "ADP", "IN", 7, "case"),
            ("Russian", "Russian", "ADJ", "JJ", 7, "amod"),
            ("troops", "troop", "NOUN", "NNS", 4, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        let call = events
            .iter()
            .find(|e| e.event_type == Some(PloverType::Request))
            .expect("the verb's event");
        assert_eq!(call.recipient[0].text, "Russian troops");
    }
    #[test]
    fn a_participle_on_the_object_can_carry_the_recipient() {
        // "Syria lifted the ban imposed on Russian troops ."
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("lifted", "lift", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("ban", "ban", "NOUN", "NN", 2, "obj"),
            ("imposed", "impose", "VERB", "VBN", 4, "acl"),
            ("on", "on", "ADP", "IN", 8, "case"),
            ("Russian", "Russian", "ADJ", "JJ", 8, "amod"),
            ("troops", "troop", "NOUN", "NNS", 5, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.event_type, Some(PloverType::Concede));
        assert_eq!(e.recipient[0].text, "Russian troops");
    }
    #[test]
    fn a_promise_is_made_to_the_recipient_of_the_act_promised() {
        // "Syria agreed to lift the ban on Russian troops ."
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("agreed", "agree", "VERB", "VBD", 0, "root"),
            ("to", "to", "PART", "TO", 4, "mark"),
            ("lift", "lift", "VERB", "VB", 2, "xcomp"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("ban", "ban", "NOUN", "NN", 4, "obj"),
            ("on", "on", "ADP", "IN", 9, "case"),
            ("Russian", "Russian", "ADJ", "JJ", 9, "amod"),
            ("troops", "troop", "NOUN", "NNS", 4, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        assert!(!events.is_empty());
        for e in &events {
            assert_eq!(e.recipient[0].text, "Russian troops", "{e:?}");
        }
    }
    #[test]
    fn a_demand_is_made_to_the_subject_of_the_clause_demanded() {
        // "Syria demanded that Russian troops stay ."
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("demanded", "demand", "VERB", "VBD", 0, "root"),
            ("that", "that", "SCONJ", "IN", 6, "mark"),
            ("Russian", "Russian", "ADJ", "JJ", 5, "amod"),
            ("troops", "troop", "NOUN", "NNS", 6, "nsubj"),
            ("stay", "stay", "VERB", "VB", 2, "ccomp"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.event_type, Some(PloverType::Request));
        assert_eq!(e.recipient[0].text, "Russian troops");
    }
    #[test]
    fn a_hyphenated_participle_is_an_adjective_whatever_the_parse() {
        // "Syria mounted its long-threatened attack ." (parsed as a clause "long threatened
        // attack")
        let mut doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("mounted", "mount", "VERB", "VBD", 0, "root"),
            ("its", "its", "PRON", "PRP$", 8, "nmod:poss"),
            ("long", "long", "ADJ", "JJ", 6, "nsubj"),
            ("-", "-", "PUNCT", "HYPH", 4, "punct"),
            ("threatened", "threaten", "VERB", "VBN", 2, "conj"),
            ("attack", "attack", "NOUN", "NN", 6, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        doc.tokens[3].space_after = false;
        doc.tokens[4].space_after = false;
        let events = run(&doc);
        assert!(
            events
                .iter()
                .all(|e| e.event_type != Some(PloverType::Threaten)),
            "{events:?}"
        );
        // The noun stands where the participle does: the object of "mounted", Syria's.
        let attack = events
            .iter()
            .find(|e| e.event_type == Some(PloverType::Assault))
            .expect("the attack");
        assert_eq!(
            attack.actor[0].country.as_deref(),
            Some("SYR"),
            "{attack:?}"
        );
    }

    #[test]
    fn a_bomb_no_one_is_named_for_is_unidentified_armed_forces_of_its_place() {
        // "A car bomb in Aleppo killed three villagers ."
        let doc = parsed_doc(&[
            ("A", "a", "DET", "DT", 3, "det"),
            ("car", "car", "NOUN", "NN", 3, "compound"),
            ("bomb", "bomb", "NOUN", "NN", 6, "nsubj"),
            ("in", "in", "ADP", "IN", 5, "case"),
            ("Aleppo", "Aleppo", "PROPN", "NNP", 3, "nmod"),
            ("killed", "kill", "VERB", "VBD", 0, "root"),
            ("three", "three", "NUM", "CD", 8, "nummod"),
            ("villagers", "villager", "NOUN", "NNS", 6, "obj"),
            (".", ".", "PUNCT", ".", 6, "punct"),
        ]);
        let aleppo = city(&doc, 4, "SYR");
        let events = run_with_places(&doc, &[aleppo]);
        assert_eq!(events.len(), 1, "{events:?}");
        let actor = &events[0].actor[0];
        assert_eq!(actor.text, "A car bomb");
        assert_eq!(actor.country.as_deref(), Some("SYR"));
        assert_eq!(actor.sector.as_deref(), Some("UAF"));
        // A bomb someone is named for is theirs: "A Russian bomb killed three villagers ."
        let doc = parsed_doc(&[
            ("A", "a", "DET", "DT", 3, "det"),
            ("Russian", "Russian", "ADJ", "JJ", 3, "amod"),
            ("bomb", "bomb", "NOUN", "NN", 4, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 0, "root"),
            ("three", "three", "NUM", "CD", 6, "nummod"),
            ("villagers", "villager", "NOUN", "NNS", 4, "obj"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events[0].actor.len(), 1, "{events:?}");
        assert_eq!(events[0].actor[0].country.as_deref(), Some("RUS"));
        assert_eq!(events[0].actor[0].sector, None);
        // Without a place, no country to give: no actor.
        let doc = parsed_doc(&[
            ("A", "a", "DET", "DT", 2, "det"),
            ("bomb", "bomb", "NOUN", "NN", 3, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 0, "root"),
            ("villagers", "villager", "NOUN", "NNS", 3, "obj"),
        ]);
        assert!(run(&doc)[0].actor.is_empty());
        // Without a place but in a story that names one country, that country's:
        // "A bomb killed Syrian villagers ."
        let doc = parsed_doc(&[
            ("A", "a", "DET", "DT", 2, "det"),
            ("bomb", "bomb", "NOUN", "NN", 3, "nsubj"),
            ("killed", "kill", "VERB", "VBD", 0, "root"),
            ("Syrian", "Syrian", "ADJ", "JJ", 5, "amod"),
            ("villagers", "villager", "NOUN", "NNS", 3, "obj"),
        ]);
        let events = run(&doc);
        assert_eq!(events[0].actor.len(), 1, "{events:?}");
        assert_eq!(events[0].actor[0].code.as_deref(), Some("SYRUAF"));
    }

    #[test]
    fn a_protest_made_by_an_act_is_its_actors() {
        // "Syrian troops marched in protest ."
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("marched", "march", "VERB", "VBD", 0, "root"),
            ("in", "in", "ADP", "IN", 5, "case"),
            ("protest", "protest", "NOUN", "NN", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let events = run(&doc);
        let protest = events
            .iter()
            .find(|e| e.event_type == Some(PloverType::Protest))
            .unwrap_or_else(|| panic!("{events:?}"));
        assert_eq!(protest.actor[0].country.as_deref(), Some("SYR"));
        // Not a protest someone else held: "Syrian troops marched in the protest ."
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("marched", "march", "VERB", "VBD", 0, "root"),
            ("in", "in", "ADP", "IN", 6, "case"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("protest", "protest", "NOUN", "NN", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        assert!(
            run(&doc)
                .iter()
                .filter(|e| e.event_type == Some(PloverType::Protest))
                .all(|e| e.actor.is_empty())
        );
    }

    #[test]
    fn a_noun_marked_by_an_infinitive_to_is_a_verb() {
        // "Syria is ready to host talks ." with "host" tagged a noun.
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 3, "nsubj"),
            ("is", "be", "AUX", "VBZ", 3, "cop"),
            ("ready", "ready", "ADJ", "JJ", 0, "root"),
            ("to", "to", "ADP", "IN", 5, "mark"),
            ("host", "host", "NOUN", "NN", 3, "xcomp"),
            ("talks", "talks", "NOUN", "NNS", 5, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let events = run(&doc);
        let host = events
            .iter()
            .find(|e| e.evidence.text.starts_with("host"))
            .unwrap_or_else(|| panic!("{events:?}"));
        // Ready to host: a promise to meet.
        assert_eq!(host.event_type, Some(PloverType::Agree));
        assert_eq!(host.actor[0].country.as_deref(), Some("SYR"));
        // With a determiner it stays a noun: "ready for the host" codes nothing.
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 3, "nsubj"),
            ("is", "be", "AUX", "VBZ", 3, "cop"),
            ("ready", "ready", "ADJ", "JJ", 0, "root"),
            ("to", "to", "ADP", "IN", 5, "case"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("host", "host", "NOUN", "NN", 3, "obl"),
        ]);
        assert!(run(&doc).is_empty());
    }

    #[test]
    fn an_event_noun_of_purpose_is_the_travellers_or_the_hosts() {
        // "Rudskoy arrived in Aleppo on a surprise visit ." with "visit" tagged a verb and
        // made a clause marked "on".
        let doc = parsed_doc(&[
            ("Rudskoy", "Rudskoy", "PROPN", "NNP", 2, "nsubj"),
            ("arrived", "arrive", "VERB", "VBD", 0, "root"),
            ("in", "in", "ADP", "IN", 4, "case"),
            ("Aleppo", "Aleppo", "PROPN", "NNP", 2, "obl"),
            ("on", "on", "ADP", "IN", 8, "mark"),
            ("a", "a", "DET", "DT", 8, "det"),
            ("surprise", "surprise", "NOUN", "NN", 8, "compound"),
            ("visit", "visit", "VERB", "VB", 2, "ccomp"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].event_type, Some(PloverType::Consult));
        assert_eq!(events[0].actor[0].country.as_deref(), Some("RUS"));
        // "Rudskoy on Friday hosted the general for talks ." with "Friday" taken for the
        // subject of "hosted": the host, the nearest actor before it.
        let doc = parsed_doc(&[
            ("Rudskoy", "Rudskoy", "PROPN", "NNP", 0, "root"),
            ("on", "on", "ADP", "IN", 4, "mark"),
            ("Friday", "Friday", "PROPN", "NNP", 4, "nsubj"),
            ("hosted", "host", "VERB", "VBD", 1, "advcl"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("general", "general", "NOUN", "NN", 4, "obj"),
            ("for", "for", "ADP", "IN", 8, "case"),
            ("talks", "talks", "NOUN", "NNS", 4, "obl"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].actor[0].country.as_deref(), Some("RUS"));
        // Not any verb's: "Syria blamed the villagers for talks ." names no one's talks.
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("blamed", "blame", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("villagers", "villager", "NOUN", "NNS", 2, "obj"),
            ("for", "for", "ADP", "IN", 6, "case"),
            ("talks", "talks", "NOUN", "NNS", 2, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert!(run(&doc).iter().all(|e| e.actor.is_empty()));
    }
    #[test]
    fn a_protest_against_something_is_what_a_hunger_strike_is_about() {
        // "Syrians began a hunger strike to protest against Russian troops ."
        let doc = parsed_doc(&[
            ("Syrians", "Syrian", "PROPN", "NNPS", 2, "nsubj"),
            ("began", "begin", "VERB", "VBD", 0, "root"),
            ("a", "a", "DET", "DT", 5, "det"),
            ("hunger", "hunger", "NOUN", "NN", 5, "compound"),
            ("strike", "strike", "NOUN", "NN", 2, "obj"),
            ("to", "to", "PART", "TO", 7, "mark"),
            ("protest", "protest", "VERB", "VB", 2, "advcl"),
            ("against", "against", "ADP", "IN", 10, "case"),
            ("Russian", "Russian", "ADJ", "JJ", 10, "amod"),
            ("troops", "troop", "NOUN", "NNS", 7, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].event_type, Some(PloverType::Protest));
        assert_eq!(events[0].recipient[0].text, "Russian troops");
    }
    #[test]
    fn a_phrase_takes_whole_hyphenated_words_and_a_bracketed_acronym() {
        // "Russian troops attacked pro-Syrian villagers (PSV) .", with "pro", "-", "(" and
        // "PSV" hung on the verb by the parser.
        let mut doc = parsed_doc(&[
            ("Russian", "Russian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("pro", "pro", "ADJ", "JJ", 3, "dep"),
            ("-", "-", "PUNCT", "HYPH", 3, "punct"),
            ("Syrian", "Syrian", "ADJ", "JJ", 7, "amod"),
            ("villagers", "villager", "NOUN", "NNS", 3, "obj"),
            ("(", "(", "PUNCT", "-LRB-", 9, "punct"),
            ("PSV", "PSV", "PROPN", "NNP", 3, "dep"),
            (")", ")", "PUNCT", "-RRB-", 9, "punct"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        doc.tokens[3].space_after = false;
        doc.tokens[4].space_after = false;
        let e = &run(&doc)[0];
        assert_eq!(e.recipient[0].text, "pro - Syrian villagers ( PSV )");
    }

    #[test]
    fn a_title_takes_the_name_that_follows_it_between_commas() {
        // "Syrian troops attacked the general , Ali Hassan , on Monday .", with the name hung
        // on the verb by the parser.
        let mut doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("general", "general", "NOUN", "NN", 3, "obj"),
            (",", ",", "PUNCT", ",", 7, "punct"),
            ("Ali", "Ali", "PROPN", "NNP", 3, "nsubj"),
            ("Hassan", "Hassan", "PROPN", "NNP", 7, "flat"),
            (",", ",", "PUNCT", ",", 7, "punct"),
            ("on", "on", "ADP", "IN", 11, "case"),
            ("Monday", "Monday", "PROPN", "NNP", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let span = doc.tokens_span(6..8);
        doc.entities.push(annals_document::Entity {
            tokens: 6..8,
            label: "person",
            span,
        });
        let e = &run(&doc)[0];
        assert_eq!(e.recipient[0].text, "the general , Ali Hassan");
    }

    #[test]
    fn a_main_clause_hung_on_the_root_noun_as_an_adverbial_clause_has_it_as_subject() {
        // "Syrian troops today said that they attacked the villagers .", parsed with "troops"
        // as the root and "said" as its `advcl:relcl`: "they" are the troops.
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 0, "root"),
            ("today", "today", "NOUN", "NN", 4, "obl:unmarked"),
            ("said", "say", "VERB", "VBD", 2, "advcl:relcl"),
            ("that", "that", "SCONJ", "IN", 7, "mark"),
            ("they", "they", "PRON", "PRP", 7, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 4, "ccomp"),
            ("the", "the", "DET", "DT", 9, "det"),
            ("villagers", "villager", "NOUN", "NNS", 7, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.actor[0].text, "Syrian troops");
        assert_eq!(e.actor[0].sector.as_deref(), Some("MIL"));
    }

    #[test]
    fn a_sentence_final_reporter_is_the_person_named_with_an_apposition_hung_apart() {
        // "The villagers were attacked by Syrian troops , Ali Hassan , the head of the Russian
        // General Staff , said .", with the name and its apposition both hung on "attacked",
        // and the recognizer calling "Russian General Staff" a person too.
        let mut doc = parsed_doc(&[
            ("The", "the", "DET", "DT", 2, "det"),
            ("villagers", "villager", "NOUN", "NNS", 4, "nsubj:pass"),
            ("were", "be", "AUX", "VBD", 4, "aux:pass"),
            ("attacked", "attack", "VERB", "VBN", 0, "root"),
            ("by", "by", "ADP", "IN", 7, "case"),
            ("Syrian", "Syrian", "ADJ", "JJ", 7, "amod"),
            ("troops", "troop", "NOUN", "NNS", 4, "obl:agent"),
            (",", ",", "PUNCT", ",", 9, "punct"),
            ("Ali", "Ali", "PROPN", "NNP", 4, "obl"),
            ("Hassan", "Hassan", "PROPN", "NNP", 9, "flat"),
            (",", ",", "PUNCT", ",", 13, "punct"),
            ("the", "the", "DET", "DT", 13, "det"),
            ("head", "head", "NOUN", "NN", 4, "obl"),
            ("of", "of", "ADP", "IN", 18, "case"),
            ("the", "the", "DET", "DT", 18, "det"),
            ("Russian", "Russian", "ADJ", "JJ", 18, "amod"),
            ("General", "General", "PROPN", "NNP", 18, "compound"),
            ("Staff", "Staff", "PROPN", "NNP", 13, "nmod"),
            (",", ",", "PUNCT", ",", 20, "punct"),
            ("said", "say", "VERB", "VBD", 4, "conj"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        for tokens in [8..10, 15..18] {
            let span = doc.tokens_span(tokens.clone());
            doc.entities.push(annals_document::Entity {
                tokens: tokens.start as u32..tokens.end as u32,
                label: "person",
                span,
            });
        }
        let e = &run(&doc)[0];
        let source = e.attribution.source.as_ref().expect("a source");
        assert_eq!(source.text, "Ali Hassan");
        assert_eq!(
            (source.country.as_deref(), source.sector.as_deref()),
            (Some("RUS"), Some("MIL"))
        );
    }

    #[test]
    fn an_actor_pronoun_is_reported_by_its_antecedent_in_the_sentence() {
        // "Syrian troops said they attacked the villagers ."
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("said", "say", "VERB", "VBD", 0, "root"),
            ("they", "they", "PRON", "PRP", 5, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 3, "ccomp"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("villagers", "villager", "NOUN", "NNS", 5, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let events = run(&doc);
        let e = events
            .iter()
            .find(|e| e.event_type == Some(PloverType::Assault))
            .expect("attack");
        assert_eq!(e.actor[0].text, "Syrian troops");
        assert_eq!(e.actor[0].resolved_from.as_deref(), Some("Syrian troops"));
    }

    #[test]
    fn a_place_recipient_is_named_with_the_place_noun_it_locates() {
        // "Syrian troops attacked the city near Aleppo ."
        let doc = parsed_doc(&[
            ("Syrian", "Syrian", "ADJ", "JJ", 2, "amod"),
            ("troops", "troop", "NOUN", "NNS", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("city", "city", "NOUN", "NN", 3, "obj"),
            ("near", "near", "ADP", "IN", 7, "case"),
            ("Aleppo", "Aleppo", "PROPN", "NNP", 5, "nmod"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let aleppo = city(&doc, 6, "SYR");
        let events = run_with_places(&doc, &[aleppo]);
        let e = &events[0];
        assert_eq!(e.recipient.len(), 1, "{:?}", e.recipient);
        assert_eq!(e.recipient[0].text, "the city near Aleppo");
        assert_eq!(e.recipient[0].country.as_deref(), Some("SYR"));
    }

    #[test]
    fn the_us_is_a_country_not_the_pronoun() {
        // "Syria attacked the US ."
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("US", "US", "PROPN", "NNP", 2, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.recipient[0].country.as_deref(), Some("USA"));
    }
    #[test]
    fn an_office_holder_without_a_country_holds_office_where_the_story_is() {
        // "General Smith attacked the villagers in Syria ."
        let rows = [
            ("General", "General", "PROPN", "NNP", 2, "compound"),
            ("Smith", "Smith", "PROPN", "NNP", 3, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("villagers", "villager", "NOUN", "NNS", 3, "obj"),
            ("in", "in", "ADP", "IN", 7, "case"),
            ("Syria", "Syria", "PROPN", "NNP", 3, "obl"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ];
        let mut doc = parsed_doc(&rows);
        let span = doc.tokens_span(0..2);
        doc.entities.push(annals_document::Entity {
            tokens: 0..2,
            label: "person",
            span,
        });
        let (actors, events) = lexicons();
        let mentions = Mentions::find(&doc);
        let gazetteer = annals_geo::Gazetteer::load().expect("the embedded gazetteer");
        let code_with = |toponyms: &[Toponym]| {
            code(
                &doc,
                &CoderInput {
                    actors: &actors,
                    events: &events,
                    mentions: &mentions,
                    toponyms,
                    options: &PipelineOptions::default(),
                },
            )
        };
        let toponyms = annals_geo::geoparse(&doc, &gazetteer);
        let e = &code_with(&toponyms)[0];
        assert_eq!(e.actor[0].sector.as_deref(), Some("MIL"));
        assert_eq!(e.actor[0].country.as_deref(), Some("SYR"));
        // A group named by its kind is of the story's country too.
        assert_eq!(e.recipient[0].country.as_deref(), Some("SYR"));
        // No place in the story: no country is guessed.
        let e = &code_with(&[])[0];
        assert_eq!(e.actor[0].country, None);
        assert_eq!(e.recipient[0].country, None);
    }
    #[test]
    fn a_pronoun_takes_the_story_country_through_its_antecedent() {
        // "Troops said they attacked the villagers in Syria ."
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("said", "say", "VERB", "VBD", 0, "root"),
            ("they", "they", "PRON", "PRP", 4, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 2, "ccomp"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("villagers", "villager", "NOUN", "NNS", 4, "obj"),
            ("in", "in", "ADP", "IN", 8, "case"),
            ("Syria", "Syria", "PROPN", "NNP", 4, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let gazetteer = annals_geo::Gazetteer::load().expect("the embedded gazetteer");
        let toponyms = annals_geo::geoparse(&doc, &gazetteer);
        let events = run_with_places(&doc, &toponyms);
        let attack = events
            .iter()
            .find(|e| e.event_type == Some(PloverType::Assault))
            .expect("the attack");
        assert_eq!(attack.actor[0].resolved_from.as_deref(), Some("Troops"));
        assert_eq!(attack.actor[0].country.as_deref(), Some("SYR"));
    }

    #[test]
    fn he_can_be_an_office_named_by_its_title() {
        // "The Syrian official said he attacked the villagers ."
        let rows = |pronoun: &'static str| {
            parsed_doc(&[
                ("The", "the", "DET", "DT", 3, "det"),
                ("Syrian", "Syrian", "ADJ", "JJ", 3, "amod"),
                ("official", "official", "NOUN", "NN", 4, "nsubj"),
                ("said", "say", "VERB", "VBD", 0, "root"),
                (pronoun, pronoun, "PRON", "PRP", 6, "nsubj"),
                ("attacked", "attack", "VERB", "VBD", 4, "ccomp"),
                ("the", "the", "DET", "DT", 8, "det"),
                ("villagers", "villager", "NOUN", "NNS", 6, "obj"),
                (".", ".", "PUNCT", ".", 4, "punct"),
            ])
        };
        let attack = |doc: &Doc| {
            run(doc)
                .into_iter()
                .find(|e| e.event_type == Some(PloverType::Assault))
                .expect("the attack")
        };
        let he = attack(&rows("he"));
        assert_eq!(he.actor[0].code.as_deref(), Some("SYRGOV"), "{he:?}");
        assert_eq!(
            he.actor[0].resolved_from.as_deref(),
            Some("The Syrian official")
        );
        // "it" is not a person's office.
        let it = attack(&rows("it"));
        assert_ne!(
            it.actor[0].resolved_from.as_deref(),
            Some("The Syrian official")
        );
    }

    #[test]
    fn he_prefers_the_subject_of_the_sentence_it_looks_back_to() {
        // "The Syrian minister seized the Russian president and he attacked the villagers ."
        let doc = parsed_doc(&[
            ("The", "the", "DET", "DT", 3, "det"),
            ("Syrian", "Syrian", "ADJ", "JJ", 3, "amod"),
            ("minister", "minister", "NOUN", "NN", 4, "nsubj"),
            ("seized", "seize", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("Russian", "Russian", "ADJ", "JJ", 7, "amod"),
            ("president", "president", "NOUN", "NN", 4, "obj"),
            ("and", "and", "CCONJ", "CC", 10, "cc"),
            ("he", "he", "PRON", "PRP", 10, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 4, "conj"),
            ("the", "the", "DET", "DT", 12, "det"),
            ("villagers", "villager", "NOUN", "NNS", 10, "obj"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let attack = run(&doc)
            .into_iter()
            .find(|e| e.evidence.text == "attacked")
            .expect("the attack");
        assert_eq!(
            attack.actor[0].resolved_from.as_deref(),
            Some("The Syrian minister"),
            "{attack:?}"
        );
        assert_eq!(attack.actor[0].country.as_deref(), Some("SYR"));
    }

    #[test]
    fn she_is_not_a_man() {
        // "Mr Rudskoy seized the Syrian minister and she attacked the villagers ."
        let doc = parsed_doc(&[
            ("Mr", "Mr", "PROPN", "NNP", 2, "compound"),
            ("Rudskoy", "Rudskoy", "PROPN", "NNP", 3, "nsubj"),
            ("seized", "seize", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("Syrian", "Syrian", "ADJ", "JJ", 6, "amod"),
            ("minister", "minister", "NOUN", "NN", 3, "obj"),
            ("and", "and", "CCONJ", "CC", 9, "cc"),
            ("she", "she", "PRON", "PRP", 9, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 3, "conj"),
            ("the", "the", "DET", "DT", 11, "det"),
            ("villagers", "villager", "NOUN", "NNS", 9, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let attack = run(&doc)
            .into_iter()
            .find(|e| e.evidence.text == "attacked")
            .expect("the attack");
        assert_eq!(
            attack.actor[0].resolved_from.as_deref(),
            Some("the Syrian minister"),
            "{attack:?}"
        );
    }

    #[test]
    fn a_name_after_a_title_is_a_person() {
        // "King Hassan said he attacked the villagers ." with no entity recognizer label.
        let doc = parsed_doc(&[
            ("King", "King", "PROPN", "NNP", 2, "compound"),
            ("Hassan", "Hassan", "PROPN", "NNP", 3, "nsubj"),
            ("said", "say", "VERB", "VBD", 0, "root"),
            ("he", "he", "PRON", "PRP", 5, "nsubj"),
            ("attacked", "attack", "VERB", "VBD", 3, "ccomp"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("villagers", "villager", "NOUN", "NNS", 5, "obj"),
            (".", ".", "PUNCT", ".", 3, "punct"),
        ]);
        let attack = run(&doc)
            .into_iter()
            .find(|e| e.event_type == Some(PloverType::Assault))
            .expect("the attack");
        assert_eq!(
            attack.actor[0].resolved_from.as_deref(),
            Some("King Hassan")
        );
    }

    #[test]
    fn a_possessive_pronoun_is_its_clause_subject() {
        // "Villagers continued their attack on the troops ." with the noun event "attack".
        let doc = parsed_doc(&[
            ("Villagers", "villager", "NOUN", "NNS", 2, "nsubj"),
            ("continued", "continue", "VERB", "VBD", 0, "root"),
            ("their", "their", "PRON", "PRP$", 4, "nmod:poss"),
            ("attack", "attack", "NOUN", "NN", 2, "obj"),
            ("on", "on", "ADP", "IN", 7, "case"),
            ("the", "the", "DET", "DT", 7, "det"),
            ("troops", "troop", "NOUN", "NNS", 4, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        let attack = events
            .iter()
            .find(|e| e.evidence.text == "attack")
            .unwrap_or_else(|| panic!("no attack in {events:?}"));
        assert_eq!(attack.actor[0].text, "Villagers");
        assert_eq!(attack.actor[0].sector.as_deref(), Some("CVL"));
    }

    #[test]
    fn leaders_of_a_body_are_of_its_sector() {
        // "Villager officials attacked the troops ." (the body's word before the role word)
        let rows = |first: &'static str, lemma: &'static str, xpos: &'static str| {
            [
                (first, lemma, "NOUN", xpos, 2, "compound"),
                ("officials", "official", "NOUN", "NNS", 3, "nsubj"),
                ("attacked", "attack", "VERB", "VBD", 0, "root"),
                ("the", "the", "DET", "DT", 5, "det"),
                ("troops", "troop", "NOUN", "NNS", 3, "obj"),
                (".", ".", "PUNCT", ".", 3, "punct"),
            ]
        };
        let sector = |doc: &Doc| run(doc)[0].actor[0].sector.clone();
        assert_eq!(
            sector(&parsed_doc(&rows("Villager", "villager", "NN"))).as_deref(),
            Some("CVL")
        );
        // A country word is no body: "Syrian officials" keep the role's own sector.
        assert_eq!(
            sector(&parsed_doc(&rows("Syrian", "Syrian", "JJ"))).as_deref(),
            Some("GOV")
        );
    }

    #[test]
    fn a_bare_noun_taken_for_a_complement_is_no_request() {
        // "Rebels withdrew , commanders told AFP by phone ." with "AFP" an `xcomp`.
        let doc = parsed_doc(&[
            ("Rebels", "rebel", "NOUN", "NNS", 2, "nsubj"),
            ("withdrew", "withdraw", "VERB", "VBD", 0, "root"),
            (",", ",", "PUNCT", ",", 5, "punct"),
            ("commanders", "commander", "NOUN", "NNS", 5, "nsubj"),
            ("told", "tell", "VERB", "VBD", 2, "conj"),
            ("AFP", "AFP", "PROPN", "NNP", 5, "xcomp"),
            ("by", "by", "ADP", "IN", 8, "case"),
            ("phone", "phone", "NOUN", "NN", 5, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let types: Vec<_> = run(&doc).iter().map(|e| e.event_type).collect();
        assert_eq!(types, vec![Some(PloverType::Retreat)]);
        // "told them to withdraw" is a demand.
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("told", "tell", "VERB", "VBD", 0, "root"),
            ("rebels", "rebel", "NOUN", "NNS", 2, "obj"),
            ("to", "to", "PART", "TO", 5, "mark"),
            ("withdraw", "withdraw", "VERB", "VB", 2, "xcomp"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert_eq!(run(&doc)[0].event_type, Some(PloverType::Request));
    }

    #[test]
    fn an_infinitive_hung_on_the_object_completes_the_verb() {
        // "Syria ordered the rebels to withdraw ." with "withdraw" an `acl` of "rebels".
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("ordered", "order", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 4, "det"),
            ("rebels", "rebel", "NOUN", "NNS", 2, "obj"),
            ("to", "to", "PART", "TO", 6, "mark"),
            ("withdraw", "withdraw", "VERB", "VB", 4, "acl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let events = run(&doc);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0].event_type, Some(PloverType::Request));
        assert_eq!(events[0].actor[0].text, "Syria");
    }

    #[test]
    fn up_to_a_count_is_the_object() {
        // "Syria contributed up to 400 troops to the force ." with "up" a particle and "to 400
        // troops" a prepositional phrase.
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("contributed", "contribute", "VERB", "VBD", 0, "root"),
            ("up", "up", "ADP", "RP", 2, "compound:prt"),
            ("to", "to", "ADP", "IN", 6, "case"),
            ("400", "400", "NUM", "CD", 6, "nummod"),
            ("troops", "troop", "NOUN", "NNS", 2, "obl"),
            ("to", "to", "ADP", "IN", 9, "case"),
            ("the", "the", "DET", "DT", 9, "det"),
            ("force", "force", "NOUN", "NN", 2, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert_eq!(run(&doc)[0].event_type, Some(PloverType::Aid));
        // Not any "to" phrase with a number: "contributed to 400 projects".
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("contributed", "contribute", "VERB", "VBD", 0, "root"),
            ("to", "to", "ADP", "IN", 5, "case"),
            ("400", "400", "NUM", "CD", 5, "nummod"),
            ("troops", "troop", "NOUN", "NNS", 2, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        assert!(run(&doc).is_empty());
    }

    #[test]
    fn a_counted_second_object_is_the_thing_given() {
        // "Russia gave Syria 5 million dollars ." with "Syria" the `obj` and "dollars" an
        // unmarked `obl`: the dollars are given, Syria receives them.
        let doc = parsed_doc(&[
            ("Russia", "Russia", "PROPN", "NNP", 2, "nsubj"),
            ("gave", "give", "VERB", "VBD", 0, "root"),
            ("Syria", "Syria", "PROPN", "NNP", 2, "obj"),
            ("5", "5", "NUM", "CD", 5, "compound"),
            ("million", "million", "NUM", "CD", 6, "nummod"),
            ("dollars", "dollar", "NOUN", "NNS", 2, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let e = &run(&doc)[0];
        assert_eq!(e.event_type, Some(PloverType::Aid));
        assert_eq!(e.recipient[0].text, "Syria");
    }
    #[test]
    fn what_one_had_to_do_was_done() {
        // "Troops had to attack ." and "Troops have to attack ."
        let rows = |aux: &'static str, lemma: &'static str| {
            parsed_doc(&[
                ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
                (aux, lemma, "VERB", "VBD", 0, "root"),
                ("to", "to", "PART", "TO", 4, "mark"),
                ("attack", "attack", "VERB", "VB", 2, "xcomp"),
                (".", ".", "PUNCT", ".", 2, "punct"),
            ])
        };
        assert_eq!(run(&rows("had", "have"))[0].modality, Modality::Asserted);
        assert_eq!(
            run(&rows("have", "have"))[0].modality,
            Modality::Hypothetical
        );
    }
}
