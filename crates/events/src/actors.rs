//! Actor phrases: from an argument's head token to a coded participant, with appositions and
//! within-document references ("he", "the general", "the militants") resolved to actors met
//! earlier.

use annals_document::{Doc, Span, Upos};
use annals_geo::Toponym;
use annals_mentions::{ActorCode, ActorHit, ActorLexicon, EntryKind, SPEAKS_FOR};
use annals_record::Participant;
use chrono::NaiveDate;

use crate::tree::{GROUP_PRONOUNS, PERSONAL_PRONOUNS, RELATIVE_PRONOUNS, Sent, pronoun_form};

/// A coded actor mention.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Head token (doc-level).
    pub head: usize,
    /// Bytes of the phrase.
    pub span: Span,
    /// The code.
    pub code: ActorCode,
    /// Text of the earlier mention it was resolved to, if any.
    pub resolved_from: Option<String>,
    /// Whether it names a person.
    pub person: bool,
    /// The document-level entity it belongs to (see [`Memory::code_of`]).
    pub referent: Option<usize>,
    /// For a pronoun, the bytes of its antecedent when that is named earlier in the same
    /// sentence ("Netanyahu says *he* will seek support").
    pub antecedent: Option<Span>,
}

impl Actor {
    /// The record's participant.
    pub fn participant(&self, doc: &Doc) -> Participant {
        Participant {
            text: doc.slice(self.span).to_string(),
            start: self.span.start,
            end: self.span.end,
            country: self.code.country.clone(),
            sector: self.code.sector.clone(),
            code: self.code.cameo(),
            name: self.code.name.clone(),
            resolved_from: self.resolved_from.clone(),
        }
    }
}

/// Something mentioned earlier in the document that later words can refer to.
#[derive(Debug, Clone)]
pub struct Referent {
    /// Stable id within the document.
    id: usize,
    text: String,
    code: ActorCode,
    person: bool,
    /// A singular office or role ("the foreign minister"): not a named person, but "he" or
    /// "she" may refer to it.
    individual: bool,
    plural: bool,
    /// Title and agent words of the phrase ("general", "ministry", "militants").
    titles: Vec<String>,
    /// Last word of a person's name.
    surname: Option<String>,
    /// Sentence and bytes of the mention.
    mention: (usize, Span),
    /// Sentence of the latest mention, and whether it was a subject there: "he" prefers the
    /// subject of the sentence it looks back to ("The Egyptian president met the Israeli prime
    /// minister. He promised …" is the president).
    latest: (usize, bool),
    /// `Some(true)` for a woman, `Some(false)` for a man, when the phrase says so ("Mrs",
    /// "spokeswoman"; "Mr", "King"): "she" does not refer to a spokesman.
    female: Option<bool>,
}

/// Document-level memory of actors, for resolving references.
#[derive(Debug, Default)]
pub struct Memory {
    referents: Vec<Referent>,
    next_id: usize,
}

impl Memory {
    /// What the document says, by its end, about entity `id`.
    pub fn code_of(&self, id: usize) -> Option<&ActorCode> {
        self.referents.iter().find(|r| r.id == id).map(|r| &r.code)
    }

    /// Fill what a participant's own mention left open from what the document says about its
    /// entity by its end ("Rudskoy" named first, "the Russian general" later).
    pub fn complete(&self, actor: &mut Actor) {
        let Some(code) = actor.referent.and_then(|id| self.code_of(id)) else {
            return;
        };
        if actor.code.country.is_none() {
            actor.code.country.clone_from(&code.country);
        }
        if actor.code.sector.is_none() {
            actor.code.sector.clone_from(&code.sector);
        }
        if actor.code.name.is_none() {
            actor.code.name.clone_from(&code.name);
        }
    }
}

/// Words that head a time expression ("on Tuesday", "today", "last week").
const TIME_WORDS: &[&str] = &[
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
    "week",
    "weekend",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "overnight",
    "earlier",
    "later",
];

/// Participles that locate a group: "a newspaper based in Beirut", "rebels operating in
/// the north", "a firm headquartered in Lagos".
const LOCATING_VERBS: &[&str] = &[
    "base",
    "operate",
    "headquarter",
    "locate",
    "station",
    "live",
    "active",
];

/// Weapons and means of attack: a `with` phrase they head is the instrument of an act, not
/// part of its target's noun phrase ("pounded the hideouts with heavy artillery").
const INSTRUMENT_NOUNS: &[&str] = &[
    "artillery",
    "missile",
    "rocket",
    "drone",
    "bomb",
    "mortar",
    "gun",
    "rifle",
    "airstrike",
    "grenade",
    "shell",
    "weapon",
    "tank",
    "explosive",
    "bullet",
    "baton",
    "gas",
    "cannon",
    "predator",
    "reaper",
];

/// Whether token `t` is a word that heads a time expression ("today", "Saturday"): never an
/// actor, even when the parser makes it a subject ("Yeltsin on Saturday hosted …").
pub(crate) fn is_time_word(s: &Sent, t: usize) -> bool {
    TIME_WORDS.contains(&s.lower(t).as_str())
}

/// Relations whose subtrees are not part of a noun phrase's own words.
fn outside_phrase(rel: &str) -> bool {
    let base = rel.split(':').next().unwrap_or(rel);
    matches!(
        base,
        "acl"
            | "appos"
            | "conj"
            | "cc"
            | "punct"
            | "parataxis"
            | "dep"
            | "advcl"
            | "ccomp"
            | "csubj"
            | "discourse"
            | "vocative"
            | "reparandum"
            | "list"
    ) || rel == "nmod:relcl"
}

/// Whether token `t` is written as an acronym: up to eight characters, every letter a capital
/// ("CAR", "PML-Q").
fn is_acronym(s: &Sent, t: usize) -> bool {
    let w = s.doc.slice(s.token(t).span);
    w.len() <= 8
        && w.chars().any(char::is_alphabetic)
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// Whether `c` heads a time adjunct (`nmod`/`obl`): a time word ("on Monday", "last week") or a
/// year ("in 2008").
fn is_time_adjunct(s: &Sent, c: usize) -> bool {
    if !matches!(s.base_rel(c), "nmod" | "obl") {
        return false;
    }
    is_time_word(s, c)
        || (s.upos(c) == Upos::Num && {
            let lower = s.lower(c);
            lower.len() == 4
                && lower
                    .parse::<u32>()
                    .is_ok_and(|y| (1900..2100).contains(&y))
        })
}

/// Whether `c` heads an adjunct of time or circumstance that never belongs to a participant's
/// noun phrase ("after the ousting", "despite warnings", "without anything in return").
fn is_circumstance(s: &Sent, c: usize) -> bool {
    matches!(s.base_rel(c), "nmod" | "obl")
        && matches!(
            s.case_of(c),
            Some(
                "after"
                    | "before"
                    | "during"
                    | "since"
                    | "until"
                    | "amid"
                    | "despite"
                    | "without"
                    | "regarding"
                    | "following"
                    | "throughout"
            )
        )
        // The cause of an act, hung on its recipient: "expelled the diplomat over the refusal".
        || (matches!(s.base_rel(c), "nmod" | "obl") && s.case_of(c) == Some("over"))
}

/// Whether `c` heads a `with` phrase naming a weapon: the instrument of an act ("with heavy
/// artillery", "with a ballistic missile").
fn is_instrument(s: &Sent, c: usize) -> bool {
    matches!(s.base_rel(c), "nmod" | "obl")
        && s.case_of(c) == Some("with")
        && INSTRUMENT_NOUNS.contains(&s.lemma(c))
}

/// The tokens of the noun phrase headed by `head`, without clauses, appositions, conjuncts and
/// the preposition that introduces it.
pub fn phrase_tokens(s: &Sent, head: usize) -> Vec<usize> {
    let mut tokens = s.subtree_without(head, outside_phrase);
    let introducers: Vec<usize> = s
        .children(head)
        .iter()
        .copied()
        .filter(|&c| matches!(s.base_rel(c), "case" | "mark") && c < head)
        .flat_map(|c| s.subtree(c))
        .collect();
    tokens.retain(|t| !introducers.contains(t));
    // A time the parser hung on the name is not part of it: "the United Nations on Tuesday",
    // "the Security Council today".
    // Nor is a time or a circumstance hung on a word inside the phrase: "the Iraqi embassy in
    // Kabul on Monday", "the government websites of Georgia in 2008", "the rebel groups after
    // the ousting of Gaddafi".
    let times: Vec<usize> = tokens
        .iter()
        .copied()
        .filter(|&c| {
            c > head
                && ((s.head(c) == Some(head) && is_time_word(s, c))
                    || is_time_adjunct(s, c)
                    || is_circumstance(s, c)
                    || is_instrument(s, c))
        })
        .flat_map(|c| s.subtree(c))
        .collect();
    tokens.retain(|t| !times.contains(t));
    // A hyphen or slash inside a word of the phrase belongs to it ("hostage - takers",
    // "SPLM / A"), though the parser hangs it as punctuation.
    let joiners: Vec<usize> = tokens
        .windows(2)
        .filter(|w| w[1] == w[0] + 2 && matches!(s.lower(w[0] + 1).as_str(), "-" | "/"))
        .map(|w| w[0] + 1)
        .collect();
    if !joiners.is_empty() {
        tokens.extend(joiners);
        tokens.sort_unstable();
    }
    // Drop leading case words and trailing punctuation that slipped in.
    while tokens.len() > 1
        && matches!(s.upos(tokens[0]), Upos::Adp | Upos::Punct | Upos::Cconj)
        && !(s.lower(tokens[0]) == "at" && matches!(s.lower(tokens[1]).as_str(), "least" | "most"))
    {
        tokens.remove(0);
    }
    while tokens.len() > 1 && s.upos(*tokens.last().expect("non-empty")) == Upos::Punct {
        tokens.pop();
    }
    tokens
}

/// Lexicon hits inside a set of tokens.
pub fn hits_within<'h>(hits: &'h [ActorHit], tokens: &[usize]) -> Vec<&'h ActorHit> {
    let (Some(&first), Some(&last)) = (tokens.first(), tokens.last()) else {
        return Vec::new();
    };
    let start = hits.partition_point(|h| h.tokens.end <= first);
    hits[start..]
        .iter()
        .take_while(|h| h.tokens.start <= last)
        .filter(|h| h.tokens.clone().all(|t| tokens.binary_search(&t).is_ok()))
        .collect()
}

/// Everything needed to code actor phrases.
pub struct ActorCoder<'a> {
    /// The lexicon.
    pub lexicon: &'a ActorLexicon,
    /// Lexicon hits in the document, in text order.
    pub hits: &'a [ActorHit],
    /// Article date (office holders change).
    pub date: Option<NaiveDate>,
    /// Resolved toponyms of the document: "rebels in the Ivory Coast", "targets in Jericho"
    /// are of the place's country when nothing else in the phrase gives one.
    pub toponyms: &'a [Toponym],
    /// Country of the document's main place: an office holder whose country no word gives
    /// ("President Omar al-Bashir", "the interior minister") is taken to hold office there.
    pub focus_country: Option<String>,
}

impl ActorCoder<'_> {
    fn entity_label(&self, s: &Sent, head: usize) -> Option<&'static str> {
        s.doc
            .entities
            .iter()
            .find(|e| e.tokens.contains(&(head as u32)))
            .map(|e| e.label)
    }

    /// The words of the phrase headed by `head` and the code its lexicon hits give, before
    /// any of [`actor`](Self::actor)'s rules: for a phrase that only lends its code (the group
    /// a spokesman speaks for, a title, an apposition).
    fn phrase_code(&self, s: &Sent, head: usize) -> (Vec<usize>, ActorCode) {
        let tokens = phrase_tokens(s, head);
        let hits = hits_within(self.hits, &tokens);
        let code = self.lexicon.code_phrase(&hits, Some(head), self.date);
        (tokens, code)
    }

    /// Whether every entry of a lexicon hit is a demonym ("Syrian", "Serbs").
    fn demonyms_only(&self, hit: &ActorHit) -> bool {
        hit.entries
            .iter()
            .all(|&i| self.lexicon.entries()[i as usize].kind == EntryKind::Demonym)
    }

    /// Whether token `g` is a lone demonym with no noun of its own ("Hungarian" in "Hungarian
    /// and Romanian officials"): a lexicon hit of demonyms only, covering just `g`, and no
    /// dependents but adjectives, conjunctions and punctuation.
    fn is_bare_demonym(&self, s: &Sent, g: usize) -> bool {
        let hits = hits_within(self.hits, &[g]);
        !hits.is_empty()
            && hits
                .iter()
                .all(|h| h.tokens.len() == 1 && self.demonyms_only(h))
            && matches!(s.token(g).xpos, "JJ" | "NN" | "NNP")
            && s.children(g)
                .iter()
                .all(|&c| matches!(s.base_rel(c), "amod" | "cc" | "punct" | "conj" | "advmod"))
    }

    /// The title noun that ends a noun phrase of its own right before token `first` (the
    /// start of the phrase headed by `head`, a name): "minister" in "Nigerian junior foreign
    /// minister Dubem Oniya" when the parser hung title and name apart, as two dependents of
    /// one word. The title must be an agent word with no preposition and no words of its own
    /// after it.
    fn title_before(&self, s: &Sent, head: usize, first: usize) -> Option<usize> {
        let title = first.checked_sub(1).filter(|&t| s.range.contains(&t))?;
        if s.upos(title) != Upos::Noun
            || s.case_of(title).is_some()
            || !s.token(title).space_after
            || s.head(title).is_none()
            || s.head(title) != s.head(head)
        {
            return None;
        }
        // The agent word may take in words before the title ("foreign minister").
        let agent = self.hits.iter().any(|h| {
            h.tokens.end == title + 1
                && h.entries
                    .iter()
                    .any(|&i| self.lexicon.entries()[i as usize].kind == EntryKind::Agent)
        });
        let t_tokens = phrase_tokens(s, title);
        (agent && t_tokens.last() == Some(&title) && !s.token(title).xpos.ends_with('S'))
            .then_some(title)
    }

    /// A role word for people who act for a body ([`ROLE_HEADS`]: leaders, officials,
    /// members) takes the sector of the body a modifier names: "union leaders" are LAB,
    /// "student leaders" EDU, "opposition officials" OPP. The modifier must hang on the head
    /// (compound or adjective) and be an agent word of another sector; a country word or a
    /// government word leaves the role's own sector ("government officials" GOV).
    fn body_sector(&self, s: &Sent, head: usize, hits: &[&ActorHit], code: &mut ActorCode) {
        if !ROLE_HEADS.contains(&s.lemma(head)) {
            return;
        }
        let body = s
            .children(head)
            .iter()
            .rev()
            .copied()
            .filter(|&m| m < head && matches!(s.base_rel(m), "compound" | "amod"))
            .find_map(|m| {
                hits.iter()
                    .filter(|h| h.tokens.contains(&m) && !h.tokens.contains(&head))
                    .flat_map(|h| h.entries.iter())
                    .map(|&i| &self.lexicon.entries()[i as usize])
                    .find(|e| e.kind == EntryKind::Agent && e.applies(self.date))
                    .and_then(|e| e.sector.clone())
            });
        if let Some(sector) = body
            && code.sector.as_deref() != Some(sector.as_str())
        {
            code.sector = Some(sector);
        }
    }

    /// An office holder of the state whose country no word of the document gives ("President
    /// Omar al-Bashir", "the interior minister"): the country the document is about. Call it
    /// last, after [`Memory::complete`], so the guess never feeds later references.
    pub fn office_holder_country(&self, doc: &Doc, actor: &mut Actor) {
        let pronoun = doc
            .tokens
            .get(actor.head)
            .is_some_and(|t| is_actor_pronoun(&t.norm));
        let office = actor
            .code
            .sector
            .as_deref()
            .is_some_and(|x| matches!(x, "GOV" | "MIL" | "COP" | "JUD" | "LEG" | "ELI"));
        // A group named by its kind only ("the rebels", "police", "a newspaper") is of the
        // country the document is about too; unidentified kinds (observers, sources) are not.
        let local_group = !actor.person
            && actor
                .code
                .sector
                .as_deref()
                .is_some_and(|x| !matches!(x, "UNK"));
        // A pronoun is guessed for only through its antecedent ("militants … said they").
        let unresolved_pronoun = pronoun && actor.resolved_from.is_none();
        if actor.code.country.is_none()
            && !unresolved_pronoun
            && ((actor.person && office) || local_group)
        {
            actor.code.country.clone_from(&self.focus_country);
        }
    }

    /// Code the phrase headed by `head` as [`actor`](Self::actor) does, plus one actor per
    /// country of coordinated modifiers: "French and Egyptian warships" are two actors.
    pub fn actors(&self, s: &Sent, head: usize, memory: &mut Memory) -> Vec<Actor> {
        let first = self.actor(s, head, memory);
        let mut out = Vec::new();
        // "Hungarian and Romanian officials" with the head hung as a conjunct of the first
        // demonym: that demonym is a coordinated modifier too.
        let leading = s.head(head).filter(|&g| {
            g < head
                && s.base_rel(head) == "conj"
                && s.children_rel(head, "cc").any(|c| c > g)
                && self.is_bare_demonym(s, g)
        });
        let coordinated: Vec<usize> = s
            .children(head)
            .iter()
            .copied()
            .filter(|&m| m < head && matches!(s.base_rel(m), "amod" | "compound" | "nmod"))
            .flat_map(|m| s.children_rel(m, "conj").filter(|&c| c < head))
            .chain(leading)
            .collect();
        for c in coordinated {
            let c_hits = hits_within(self.hits, &[c]);
            let c_code = self.lexicon.code_phrase(&c_hits, Some(c), self.date);
            let Some(country) = c_code.country else {
                continue;
            };
            if Some(&country) == first.code.country.as_ref()
                || out
                    .iter()
                    .any(|a: &Actor| a.code.country.as_ref() == Some(&country))
            {
                continue;
            }
            let mut other = first.clone();
            other.code.country = Some(country);
            other.code.name = None;
            other.span = s.doc.tokens_span(c..head + 1);
            other.resolved_from = None;
            other.referent = None;
            out.push(other);
        }
        out.insert(0, first);
        out
    }

    /// Code the phrase headed by `head`, with its apposition, resolving references through
    /// `memory`, and remember it for later references.
    pub fn actor(&self, s: &Sent, head: usize, memory: &mut Memory) -> Actor {
        if let Some(subject) = bound_possessor(s, head) {
            return self.actor(s, subject, memory);
        }
        let tokens = phrase_tokens(s, head);
        let mut span = s.doc.tokens_span(tokens[0]..tokens[tokens.len() - 1] + 1);
        let hits = hits_within(self.hits, &tokens);
        let mut code = self.lexicon.code_phrase(&hits, Some(head), self.date);
        // "NATO-member Norway", "US-backed Syrian rebels": a name inside a hyphenated modifier
        // gives way to a country the rest of the phrase names.
        let (modifier, own_head) = hyphenated_modifiers(s, head, &tokens);
        if !modifier.is_empty() {
            let own: Vec<&ActorHit> = hits
                .iter()
                .copied()
                .filter(|h| {
                    h.tokens.end <= own_head + 1 && h.tokens.clone().all(|t| !modifier.contains(&t))
                })
                .collect();
            let own_code = self.lexicon.code_phrase(&own, Some(own_head), self.date);
            if own_code.country.is_some() {
                code = own_code;
            }
        }
        let lemma = s.lemma(head).to_string();
        // "a spokesman for the armed group", "members of the militia": the group's code.
        if SPEAKS_FOR.contains(&lemma.as_str())
            && let Some(group) = s.children(head).iter().copied().find(|&c| {
                s.base_rel(c) == "nmod" && matches!(s.case_of(c), Some("for" | "of" | "from"))
            })
        {
            let (_, g_code) = self.phrase_code(s, group);
            if !g_code.is_empty() {
                code = ActorCode {
                    name: None,
                    ..g_code
                };
            }
        }
        // "supporters of former President X", "activists from the Fatah party", "militants
        // loyal to X": the group or person followed gives the country, and its kind the sector.
        if FOLLOWER_WORDS.contains(&lemma.as_str())
            && let Some(group) = followed(s, head)
        {
            let (g_tokens, mut g_code) = self.phrase_code(s, group);
            modifier_sector(s, group, &g_tokens, &mut g_code);
            if code.country.is_none() {
                code.country = g_code.country;
            }
            // Also when nothing says the group's country ("supporters of former President
            // Ahmed Ben Bella").
            match g_code.sector.as_deref() {
                // The followers of a former leader oppose those now in office.
                Some("ELI") => code.sector = Some("OPP".to_string()),
                Some(x @ ("OPP" | "PTY" | "REB" | "PRM")) => code.sector = Some(x.to_string()),
                _ => {}
            }
        }
        let label = self.entity_label(s, head);
        let named_person = hits.iter().any(|h| {
            h.tokens.contains(&head)
                && h.entries
                    .iter()
                    .any(|&i| self.lexicon.entries()[i as usize].kind == EntryKind::Person)
        });
        // A place or a named body that the tagger took for a person's name is none ("Uganda
        // said it …"): a country, capital or organisation hit that covers the phrase's names,
        // or an agent phrase of several words ("the Russian General Staff", "High Command").
        let place_name = hits.iter().any(|h| {
            h.tokens.contains(&head)
                && tokens
                    .iter()
                    .all(|&t| s.upos(t) != Upos::Propn || h.tokens.contains(&t))
                && h.entries
                    .iter()
                    .all(|&i| match self.lexicon.entries()[i as usize].kind {
                        EntryKind::Country | EntryKind::Capital | EntryKind::Organization => true,
                        EntryKind::Agent => h.tokens.len() >= 2,
                        _ => false,
                    })
        });
        let mut person = named_person
            || (!place_name && (label == Some("person") || titled_name(s, head, &tokens, label)));
        // A person's apposition belongs to the mention ("Aya Hijazi, an American aid worker",
        // "the Palestinian president, Mahmoud Abbas"), as does an acronym in brackets ("the
        // Central African Republic (CAR)"); a place's does not ("Haifa, Israel's third
        // largest city").
        for a in s.children_rel(head, "appos").filter(|&a| a > head) {
            let a_tokens = phrase_tokens(s, a);
            let mut end = *a_tokens.last().expect("phrase has its head");
            let acronym = a > s.range.start && s.lower(a - 1) == "(" && is_acronym(s, a);
            let a_person = s.upos(a) == Upos::Propn && self.entity_label(s, a) == Some("person");
            if !(person || a_person || acronym) {
                continue;
            }
            if acronym && end + 1 < s.range.end && s.lower(end + 1) == ")" {
                end += 1;
            }
            span = s.doc.tokens_span(tokens[0]..end + 1);
        }
        // A title's holder named after it, an acronym in brackets and the rest of a hyphenated
        // word belong to the phrase even where the parser hung them elsewhere.
        if s.upos(head) == Upos::Noun {
            span = named_after_comma(self, s, span);
        }
        span = bracketed_acronym(s, span);
        span = whole_words(s, span);
        // Appositions tell who an unknown person is.
        for a in appositions(s, head, person) {
            let (_, a_code) = self.phrase_code(s, a);
            // An apposition of another kind (a parse error, or a list) says nothing about it.
            let compatible = code.sector.is_none()
                || a_code.sector.is_none()
                || code.sector == a_code.sector
                || person;
            if !compatible {
                continue;
            }
            if code.country.is_none() {
                code.country = a_code.country;
            }
            if code.sector.is_none() {
                code.sector = a_code.sector;
            }
        }
        // "Nigerian junior foreign minister Dubem Oniya" with the title hung apart from the
        // name: the title right before the name says who they are.
        if s.upos(head) == Upos::Propn
            && (code.country.is_none() || code.sector.is_none())
            && let Some(title) = self.title_before(s, head, tokens[0])
        {
            let (t_tokens, t_code) = self.phrase_code(s, title);
            if code.country.is_none() {
                code.country = t_code.country;
            }
            if code.sector.is_none() {
                code.sector = t_code.sector;
            }
            span.start = s.token(t_tokens[0]).span.start;
            person = true;
        }
        // "ethnic Albanians in southern Serbia": an ethnic group is of the country it lives
        // in, which the demonym does not say.
        let ethnic = tokens
            .iter()
            .any(|&t| t < head && matches!(s.lower(t).as_str(), "ethnic" | "ethnically"));
        if ethnic
            && hits
                .iter()
                .all(|h| !h.tokens.contains(&head) || h.tokens.len() == 1)
        {
            code.country = None;
        }
        // "the Albanians of southern Serbia", "Turks living in Germany": a people named by its
        // demonym is of the country it is placed in.
        let demonym_at = |t: usize| {
            hits.iter()
                .any(|h| h.tokens.contains(&t) && self.demonyms_only(h))
        };
        if demonym_at(head)
            && matches!(s.token(head).xpos, "NNS" | "NNPS")
            && let Some(country) = self.placing_country(s, head)
        {
            code.country = Some(country);
        }
        if code.country.is_none()
            && !person
            && let Some(country) = self.place_country(s, head)
        {
            code.country = Some(country);
        }
        // Else the country of the first place the sentence names ("ethnic Albanians
        // demonstrated in Serbia").
        if ethnic && code.country.is_none() {
            code.country = s.range.clone().find_map(|t| self.country_of_place(s, t));
        }
        // A kind of non-state body that nothing places ("a human rights group") is of its
        // non-state code (NGO).
        if code.country.is_none() {
            code.country = self.lexicon.agent_code(&hits, Some(head), self.date);
        }
        // "Algerians", "Iraqi Kurds", "ethnic Turks": a people, without an agent word, is its
        // civilians. The people word may be the last of a name the parser made flat ("Bosnian
        // Serbs" headed by "Bosnian").
        let people_word = tokens
            .last()
            .copied()
            .filter(|&l| l != head && s.rel(l) == "flat" && s.head(l) == Some(head))
            .unwrap_or(head);
        let token = s.token(people_word);
        // A plural, or a demonym in -s the tagger took for a singular name ("Serbs" NNP).
        let plural = matches!(token.xpos, "NNS" | "NNPS")
            || (token.xpos == "NNP"
                && s.lower(people_word).ends_with('s')
                && demonym_at(people_word));
        if code.sector.is_none()
            && !named_person
            && plural
            && s.doc
                .slice(token.span)
                .starts_with(|c: char| c.is_uppercase())
            && (code.country.is_some() || ethnic)
            && hits.iter().all(|h| {
                h.entries.iter().all(|&i| {
                    let kind = self.lexicon.entries()[i as usize].kind;
                    // Places that locate the people do not make it something else ("Albanians
                    // in southern Serbia").
                    kind == EntryKind::Demonym
                        || (!h.tokens.contains(&head)
                            && matches!(kind, EntryKind::Country | EntryKind::Capital))
                })
            })
        {
            code.sector = Some("CVL".to_string());
        }
        if person && code.name.is_none() && s.upos(head) == Upos::Propn {
            code.name = Some(name_of(s, &tokens));
        }
        let mut resolved_from = None;
        let mut antecedent = None;
        let resolved = self.resolve(s, head, &tokens, &hits, &code, memory);
        if let Some(index) = resolved {
            // What this mention adds (a country) is learnt for later references, and the
            // referent becomes the most recent one.
            let mut r = memory.referents.remove(index);
            if r.code.country.is_none() && code.country.is_some() {
                r.code.country.clone_from(&code.country);
            }
            r.latest = (s.index, is_subject(s, head));
            memory.referents.push(r);
            let r = memory.referents.last().expect("just pushed");
            resolved_from = Some(r.text.clone());
            let phrase_country = code.country.clone();
            code = ActorCode {
                country: r.code.country.clone().or(phrase_country),
                sector: r.code.sector.clone().or(code.sector),
                name: r.code.name.clone(),
            };
            person = person || r.person;
            let pronoun = is_actor_pronoun(&s.token(head).norm);
            if pronoun && r.mention.0 == s.index && r.mention.1.end <= span.start {
                antecedent = Some(r.mention.1);
            }
        }
        modifier_sector(s, head, &tokens, &mut code);
        self.body_sector(s, head, &hits, &mut code);
        // "US Predator attacks", "Israeli tank fire": a country that modifies an act beside
        // the weapon it is done with is that country's military.
        if code.sector.is_none()
            && code.country.is_some()
            && !person
            && matches!(s.base_rel(head), "compound" | "amod")
            && let Some(weapon) = s.head(head).and_then(|g| {
                s.children(g).iter().copied().find(|&c| {
                    c > head
                        && c < g
                        && s.base_rel(c) == "compound"
                        && INSTRUMENT_NOUNS.contains(&s.lemma(c).to_lowercase().as_str())
                })
            })
        {
            code.sector = Some("MIL".to_string());
            span.end = span.end.max(s.token(weapon).span.end);
        }
        let mut actor = Actor {
            head,
            span,
            code,
            resolved_from,
            person,
            referent: resolved.map(|_| memory.referents.last().expect("resolved").id),
            antecedent,
        };
        if resolved.is_none() {
            actor.referent = self.remember(s, &actor, &tokens, &hits, &lemma, memory);
        }
        actor
    }

    /// The country of a literal place that a people is placed in by a modifier of its head:
    /// "the Albanians of southern Serbia", "Kurds in Iraq", "Turks living in Germany".
    fn placing_country(&self, s: &Sent, head: usize) -> Option<String> {
        s.children(head)
            .iter()
            .copied()
            .find_map(|c| match s.base_rel(c) {
                "nmod" if matches!(s.case_of(c), Some("in" | "of" | "inside")) => {
                    self.country_of_place(s, c)
                }
                "acl" if LOCATING_VERBS.contains(&s.lemma(c)) => {
                    s.children(c).iter().copied().find_map(|o| {
                        (s.base_rel(o) == "obl" && matches!(s.case_of(o), Some("in" | "at")))
                            .then(|| self.country_of_place(s, o))
                            .flatten()
                    })
                }
                _ => None,
            })
    }

    /// The country of the literal place token `t` is part of, if it was resolved.
    fn country_of_place(&self, s: &Sent, t: usize) -> Option<String> {
        crate::coder::place_toponym(s, t, self.toponyms)
            .and_then(|p| p.resolution.as_ref())
            .and_then(|r| r.country.clone())
    }

    /// The country of a literal place that the phrase headed by `head` is or is located by:
    /// the head itself ("Amman"), or a place in a locative or compound modifier of the head
    /// ("rebels in the Ivory Coast", "Jericho targets", "villages near the border with
    /// Macedonia" is not: one step only).
    fn place_country(&self, s: &Sent, head: usize) -> Option<String> {
        let country_of = |t: usize| self.country_of_place(s, t);
        if s.upos(head) == Upos::Propn
            && let Some(c) = country_of(head)
        {
            return Some(c);
        }
        s.children(head).iter().copied().find_map(|c| {
            let locative = match s.base_rel(c) {
                "nmod" => matches!(
                    s.case_of(c),
                    Some("in" | "of" | "near" | "from" | "at" | "inside" | "across")
                ),
                "compound" => true,
                // "a newspaper based in Beirut", "guerrillas operating in Macedonia".
                "acl" if LOCATING_VERBS.contains(&s.lemma(c)) => {
                    return s.children(c).iter().copied().find_map(|o| {
                        (s.base_rel(o) == "obl" && matches!(s.case_of(o), Some("in" | "at")))
                            .then(|| country_of(o))
                            .flatten()
                    });
                }
                _ => false,
            };
            if locative { country_of(c) } else { None }
        })
    }

    fn resolve(
        &self,
        s: &Sent,
        head: usize,
        tokens: &[usize],
        hits: &[&ActorHit],
        code: &ActorCode,
        memory: &Memory,
    ) -> Option<usize> {
        let lemma = s.lemma(head);
        let lower = s.lower(head);
        let pronoun = pronoun_form(&s.token(head).norm);
        if PERSONAL_PRONOUNS.contains(&pronoun.as_str()) {
            // "she", "her", "hers" are a woman's; "he", "him", "his" a man's.
            let female = matches!(pronoun.as_str(), "she" | "her" | "hers");
            let candidate =
                |r: &Referent| (r.person || r.individual) && r.female.is_none_or(|f| f == female);
            let last = memory.referents.iter().rposition(candidate)?;
            // Among the people of the sentence looked back to, its subject.
            let sentence = memory.referents[last].latest.0;
            let subject = memory
                .referents
                .iter()
                .rposition(|r| candidate(r) && r.latest == (sentence, true));
            return Some(subject.unwrap_or(last));
        }
        if GROUP_PRONOUNS.contains(&pronoun.as_str()) {
            let plural = matches!(pronoun.as_str(), "they" | "them" | "their");
            let n = memory.referents.len();
            return memory
                .referents
                .iter()
                .enumerate()
                .rev()
                .take(6)
                .find(|(_, r)| {
                    !r.person
                        && !r.individual
                        && !r.code.is_empty()
                        && (r.plural == plural || !plural)
                })
                .map(|(i, _)| i)
                .filter(|&i| i < n);
        }
        if RELATIVE_PRONOUNS.contains(&lower.as_str()) {
            return None;
        }
        let named = hits.iter().any(|h| {
            h.entries.iter().any(|&i| {
                matches!(
                    self.lexicon.entries()[i as usize].kind,
                    EntryKind::Person | EntryKind::Organization
                )
            })
        });
        if named {
            return None;
        }
        // A bare surname: "Rudskoy" after "Sergey Rudskoy".
        if s.upos(head) == Upos::Propn
            && tokens.len() <= 2
            && let Some(i) = memory
                .referents
                .iter()
                .rposition(|r| r.surname.as_deref() == Some(lower.as_str()))
        {
            return Some(i);
        }
        // A definite description: "the general", "the Russian general", "the group".
        let determiner = |t: usize| {
            matches!(
                s.lower(t).as_str(),
                "the" | "this" | "that" | "these" | "those"
            )
        };
        // The determiner may have been attached elsewhere by the parser: look just before too.
        let definite = tokens
            .iter()
            .any(|&t| s.base_rel(t) == "det" && determiner(t))
            || tokens
                .first()
                .and_then(|&f| f.checked_sub(1))
                .is_some_and(|p| s.range.contains(&p) && determiner(p));
        // Taggers sometimes call a lone title an adjective ("the general").
        if definite && matches!(s.upos(head), Upos::Noun | Upos::Adj) {
            let n = memory.referents.len();
            return memory
                .referents
                .iter()
                .enumerate()
                .skip(n.saturating_sub(40))
                .rev()
                .find(|(_, r)| {
                    r.titles.iter().any(|t| t == lemma)
                        && (code.country.is_none()
                            || r.code.country.is_none()
                            || r.code.country == code.country)
                        && (r.code.name.is_some() || r.person || r.code.country.is_some())
                })
                .map(|(i, _)| i);
        }
        None
    }

    fn remember(
        &self,
        s: &Sent,
        actor: &Actor,
        tokens: &[usize],
        hits: &[&ActorHit],
        lemma: &str,
        memory: &mut Memory,
    ) -> Option<usize> {
        if actor.code.is_empty() && !actor.person {
            return None;
        }
        let lower = pronoun_form(&s.token(actor.head).norm);
        if PERSONAL_PRONOUNS.contains(&lower.as_str()) || GROUP_PRONOUNS.contains(&lower.as_str()) {
            return None;
        }
        let mut titles: Vec<String> = hits
            .iter()
            .filter(|h| {
                h.entries
                    .iter()
                    .any(|&i| self.lexicon.entries()[i as usize].kind == EntryKind::Agent)
            })
            .flat_map(|h| h.tokens.clone().map(|t| s.lemma(t).to_string()))
            .collect();
        titles.push(lemma.to_string());
        // A person's apposition names their office too ("Rudskoy, the head of operations").
        if actor.person {
            for a in appositions(s, actor.head, true) {
                titles.push(s.lemma(a).to_string());
            }
        }
        let surname = if actor.person {
            tokens
                .iter()
                .rev()
                .find(|&&t| s.upos(t) == Upos::Propn)
                .map(|&t| s.lower(t))
        } else {
            None
        };
        let plural = s.token(actor.head).xpos.ends_with('S') || lemma != lower;
        let id = memory.next_id;
        memory.next_id += 1;
        memory.referents.push(Referent {
            id,
            text: s.doc.slice(actor.span).to_string(),
            code: actor.code.clone(),
            person: actor.person,
            individual: is_individual_role(s, actor.head),
            plural,
            titles,
            surname,
            mention: (s.index, actor.span),
            latest: (s.index, is_subject(s, actor.head)),
            female: phrase_gender(s, tokens),
        });
        Some(id)
    }
}

/// Whether `head` is the subject of its clause.
fn is_subject(s: &Sent, head: usize) -> bool {
    s.base_rel(head) == "nsubj"
}

/// Words that make a person phrase a man's.
const MALE_WORDS: &[&str] = &[
    "mr",
    "sir",
    "lord",
    "king",
    "prince",
    "emir",
    "sheikh",
    "duke",
    "pope",
    "spokesman",
    "chairman",
    "congressman",
    "businessman",
    "man",
    "father",
    "son",
    "brother",
    "husband",
];

/// Words that make a person phrase a woman's.
const FEMALE_WORDS: &[&str] = &[
    "mrs",
    "ms",
    "miss",
    "madam",
    "dame",
    "lady",
    "queen",
    "princess",
    "duchess",
    "spokeswoman",
    "chairwoman",
    "congresswoman",
    "businesswoman",
    "woman",
    "mother",
    "daughter",
    "sister",
    "wife",
];

/// Whether a phrase names a woman (`Some(true)`) or a man (`Some(false)`) by its title or
/// role word, if it says.
fn phrase_gender(s: &Sent, tokens: &[usize]) -> Option<bool> {
    tokens.iter().find_map(|&t| {
        let w = s.lower(t);
        let w = w.trim_end_matches('.');
        if FEMALE_WORDS.contains(&w) {
            Some(true)
        } else if MALE_WORDS.contains(&w) {
            Some(false)
        } else {
            None
        }
    })
}

/// A title followed by the name of its holder between commas ("the Palestinian president,
/// Mahmoud Abbas, ..."): the name belongs to the phrase even when the parser hung it elsewhere.
fn named_after_comma(coder: &ActorCoder, s: &Sent, span: Span) -> Span {
    let Some(last) = s.range.clone().rfind(|&t| s.token(t).span.end == span.end) else {
        return span;
    };
    if last + 2 >= s.range.end || s.lower(last + 1) != "," {
        return span;
    }
    let mut end = last + 1;
    while end + 1 < s.range.end
        && s.upos(end + 1) == Upos::Propn
        && coder.entity_label(s, end + 1) == Some("person")
    {
        end += 1;
    }
    let closed = end + 1 >= s.range.end || matches!(s.lower(end + 1).as_str(), "," | ".");
    if end > last + 1 && closed {
        return Span {
            start: span.start,
            end: s.token(end).span.end,
        };
    }
    span
}

/// The appositions of the phrase headed by `head`: its `appos` children, and for a person
/// with none, a noun phrase with an article set off by commas right after the name that the
/// parser hung elsewhere ("Colonel General Sergey Rudskoy, the head of operations of the
/// General Staff, reported", with "head" made an oblique of an earlier verb).
fn appositions(s: &Sent, head: usize, person: bool) -> Vec<usize> {
    let parsed: Vec<usize> = s.children_rel(head, "appos").collect();
    if !person || !parsed.is_empty() {
        return parsed;
    }
    let Some(&last) = phrase_tokens(s, head).last() else {
        return parsed;
    };
    let start = last + 2;
    if start >= s.range.end
        || s.lower(last + 1) != ","
        || !matches!(s.lower(start).as_str(), "the" | "a" | "an")
    {
        return parsed;
    }
    let Some(end) = (start..s.range.end).find(|&t| matches!(s.lower(t).as_str(), "," | "." | ";"))
    else {
        return parsed;
    };
    let inside = |t: usize| (start..end).contains(&t);
    let mut roots = (start..end).filter(|&t| !s.head(t).is_some_and(inside));
    match (roots.next(), roots.next()) {
        (Some(root), None) if s.upos(root) == Upos::Noun && s.head(root) != Some(head) => {
            vec![root]
        }
        _ => parsed,
    }
}

/// A phrase's span followed by an acronym in brackets ("the Students Islamic Movement of India
/// (SIMI)") takes the brackets in.
fn bracketed_acronym(s: &Sent, span: Span) -> Span {
    let Some(last) = s.range.clone().rfind(|&t| s.token(t).span.end == span.end) else {
        return span;
    };
    let (open, word, close) = (last + 1, last + 2, last + 3);
    if close < s.range.end && s.lower(open) == "(" && is_acronym(s, word) && s.lower(close) == ")" {
        return Span {
            start: span.start,
            end: s.token(close).span.end,
        };
    }
    span
}

/// A phrase's span grown to whole hyphenated words: a phrase never ends or starts inside
/// "Jamiat-i-Islami" or "US-backed".
fn whole_words(s: &Sent, span: Span) -> Span {
    let (Some(mut first), Some(mut last)) = (
        s.range
            .clone()
            .find(|&t| s.token(t).span.start == span.start),
        s.range.clone().rfind(|&t| s.token(t).span.end == span.end),
    ) else {
        return span;
    };
    let word = |t: usize| {
        s.doc
            .slice(s.token(t).span)
            .starts_with(|c: char| c.is_alphanumeric())
    };
    while last + 2 < s.range.end
        && !s.token(last).space_after
        && s.lower(last + 1) == "-"
        && !s.token(last + 1).space_after
        && word(last + 2)
    {
        last += 2;
    }
    while first >= s.range.start + 2
        && s.lower(first - 1) == "-"
        && !s.token(first - 1).space_after
        && !s.token(first - 2).space_after
        && word(first - 2)
    {
        first -= 2;
    }
    Span {
        start: s.token(first).span.start,
        end: s.token(last).span.end,
    }
}

/// Coordinated actors of one kind share the first one's country when they name none
/// ("Israeli helicopters and tanks", "Syrian soldiers and policemen" with the same sector);
/// conjuncts of another kind do not ("Syrian troops and rebels").
pub fn share_country(actors: &mut [Actor]) {
    let Some((first, rest)) = actors.split_first_mut() else {
        return;
    };
    if first.code.country.is_none() || first.code.sector.is_none() || first.person {
        return;
    }
    for a in rest {
        if a.code.country.is_none()
            && !a.person
            && a.resolved_from.is_none()
            && a.code.sector == first.code.sector
        {
            a.code.country.clone_from(&first.code.country);
        }
    }
}

/// Words for people who follow a group or a person without speaking for it: "supporters of
/// former President X", "activists from the Fatah party", "militants loyal to X".
/// Whether a word is a personal or group pronoun ("he", "they", "its"), which names an actor
/// only through what it refers to.
fn is_actor_pronoun(norm: &str) -> bool {
    let form = pronoun_form(norm);
    PERSONAL_PRONOUNS.contains(&form.as_str()) || GROUP_PRONOUNS.contains(&form.as_str())
}

/// The subject a possessive pronoun refers to in its own clause: "Islamic groups continued
/// *their* hunger strike", "the committee completed *its* inquiry" — `its` (a singular
/// subject that is not a person), `their` (a plural one) or `his`/`her` (a person's name)
/// on a noun that is the object or an adjunct of a verb whose subject, a noun phrase before
/// the pronoun, is not a pronoun itself.
fn bound_possessor(s: &Sent, pronoun: usize) -> Option<usize> {
    let form = s.lower(pronoun);
    if s.rel(pronoun) != "nmod:poss" || !matches!(form.as_str(), "its" | "their" | "his" | "her") {
        return None;
    }
    let noun = s.head(pronoun)?;
    if !matches!(s.base_rel(noun), "obj" | "obl") {
        return None;
    }
    let verb = s.head(noun)?;
    if s.upos(verb) != Upos::Verb {
        return None;
    }
    let subject = crate::args::subject(s, verb)?;
    // The pronoun agrees with the subject in number: "Blair will meet MPs at *their*
    // meeting" is the MPs', "the task forces report to the council at *its* meeting" the
    // council's.
    let xpos = s.token(subject).xpos;
    let person = s
        .doc
        .entities
        .iter()
        .any(|e| e.label == "person" && e.tokens.contains(&(subject as u32)));
    let fits = match form.as_str() {
        "their" => matches!(xpos, "NNS" | "NNPS"),
        "its" => matches!(xpos, "NN" | "NNP") && !person,
        _ => xpos == "NNP" && person,
    };
    (fits && subject < pronoun && s.range.contains(&subject)).then_some(subject)
}

/// Words for people who act or speak for a body: with a word for the body before them
/// ("union leaders", "student leaders", "hospital officials") they are of the body's sector.
const ROLE_HEADS: &[&str] = &[
    "leader",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "representative",
    "delegate",
    "member",
    "chief",
    "head",
];

/// Offices and roles held by one person: in the singular ("the foreign minister", "the army
/// chief") they can be referred to as "he" or "she" ("The Syrian foreign minister said he
/// would visit Moscow").
const INDIVIDUAL_ROLES: &[&str] = &[
    "minister",
    "president",
    "premier",
    "chancellor",
    "king",
    "queen",
    "monarch",
    "emir",
    "sultan",
    "prince",
    "ruler",
    "leader",
    "governor",
    "mayor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "diplomat",
    "negotiator",
    "mediator",
    "secretary",
    "adviser",
    "advisor",
    "aide",
    "official",
    "general",
    "commander",
    "colonel",
    "captain",
    "lieutenant",
    "officer",
    "chief",
    "head",
    "judge",
    "prosecutor",
    "senator",
    "lawmaker",
    "legislator",
    "candidate",
    "chairman",
    "chairwoman",
    "director",
    "coordinator",
    "representative",
    "delegate",
    "commissioner",
];

/// Whether a proper name is a person's by the title right before it: "King Hassan",
/// "President Omar Hassan al-Bashir", "Foreign Minister Lavrov" (an [`INDIVIDUAL_ROLES`] word,
/// then proper nouns up to the head), unless the recognizer called it an organisation ("King
/// Fahd University").
fn titled_name(s: &Sent, head: usize, tokens: &[usize], label: Option<&str>) -> bool {
    let role = |t: usize| INDIVIDUAL_ROLES.contains(&s.lower(t).as_str());
    if s.upos(head) != Upos::Propn || label == Some("organization") || role(head) {
        return false;
    }
    // Back from the head over the name's words to the title.
    let mut t = head;
    while t > s.range.start && tokens.contains(&(t - 1)) {
        t -= 1;
        if role(t) {
            return true;
        }
        if s.upos(t) != Upos::Propn {
            return false;
        }
    }
    false
}

/// Whether token `head` names one holder of an office or role ([`INDIVIDUAL_ROLES`], singular
/// common noun).
fn is_individual_role(s: &Sent, head: usize) -> bool {
    s.upos(head) == Upos::Noun
        && s.token(head).xpos == "NN"
        && INDIVIDUAL_ROLES.contains(&s.lemma(head).to_lowercase().as_str())
}

const FOLLOWER_WORDS: &[&str] = &[
    "supporter",
    "loyalist",
    "follower",
    "activist",
    "partisan",
    "sympathizer",
    "sympathiser",
    "militant",
    "fighter",
    "gunman",
];

/// What the followers headed by `head` follow: an `of`/`from` phrase ("supporters of X",
/// "activists from the party"), or the `to` phrase of "loyal"/"allied" ("militants loyal to
/// X").
fn followed(s: &Sent, head: usize) -> Option<usize> {
    s.children(head)
        .iter()
        .copied()
        .find_map(|c| match s.base_rel(c) {
            "nmod" if matches!(s.case_of(c), Some("of" | "from")) => Some(c),
            "amod" | "acl" if matches!(s.lemma(c), "loyal" | "allied" | "affiliated") => {
                s.children(c).iter().copied().find(|&o| {
                    matches!(s.base_rel(o), "obl" | "nmod") && s.case_of(o) == Some("to")
                })
            }
            _ => None,
        })
}

/// Hyphenated modifiers inside a phrase that goes on past them ("NATO-member Norway",
/// "US-backed Syrian rebels"): their tokens, and the phrase's head without them (the parser
/// may have made the modifier's last word the head: then the last noun after it).
fn hyphenated_modifiers(s: &Sent, head: usize, tokens: &[usize]) -> (Vec<usize>, usize) {
    let mut modifier = Vec::new();
    for &w in tokens {
        let hyphenated = w >= s.range.start + 2
            && s.lower(w - 1) == "-"
            && !s.token(w - 2).space_after
            && !s.token(w - 1).space_after
            && tokens.contains(&(w - 2));
        let goes_on = tokens
            .iter()
            .any(|&t| t > w && matches!(s.upos(t), Upos::Noun | Upos::Propn));
        if hyphenated && goes_on {
            modifier.extend([w - 2, w - 1, w]);
        }
    }
    let own_head = if modifier.contains(&head) {
        tokens
            .iter()
            .copied()
            .rfind(|&t| t > head && matches!(s.upos(t), Upos::Noun | Upos::Propn))
            .unwrap_or(head)
    } else {
        head
    };
    (modifier, own_head)
}

/// Words that make an office holder a former one: "ousted President X", "the former
/// defence minister", "a retired general".
const FORMER_WORDS: &[&str] = &[
    "former",
    "ex",
    "ousted",
    "deposed",
    "toppled",
    "overthrown",
    "exiled",
    "retired",
    "onetime",
    "one-time",
    "erstwhile",
];

/// Sectors of office holders of the state, which a former one leaves for `ELI`.
const OFFICE_SECTORS: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG", "SPY"];

/// What a modifier of the head says about the sector, over the agent word: a former office
/// holder is an elite (`ELI`: "ousted President X", "a retired general"), and "opposition"
/// makes candidates, lawmakers, supporters and unnamed members of it the opposition (`OPP`:
/// "opposition candidates", "opposition lawmakers"); armed opposition stays `REB`.
fn modifier_sector(s: &Sent, head: usize, tokens: &[usize], code: &mut ActorCode) {
    // Modifiers of the head, or of a title compounded with it ("Ousted President X"), not
    // of a possessor or other noun inside the phrase ("the former president's son").
    let modifies_head = move |t: usize| {
        let mut at = t;
        for _ in 0..8 {
            match s.head(at) {
                Some(h) if h == head => return true,
                // A title is fine ("Ousted President X": nmod:desc), a possessor is not.
                Some(h)
                    if h < head
                        && (s.rel(h) == "nmod:desc"
                            || !matches!(s.base_rel(h), "nmod" | "obl")) =>
                {
                    at = h
                }
                _ => return false,
            }
        }
        false
    };
    let modifiers = || {
        tokens
            .iter()
            .copied()
            .filter(move |&t| t < head && modifies_head(t))
    };
    // The parser may hang a participle just before the phrase elsewhere ("Ousted President
    // X agreed" with "Ousted" as a clause): a former-word right before the phrase counts.
    let before = tokens
        .first()
        .and_then(|&f| f.checked_sub(1))
        .filter(|&b| s.range.contains(&b) && !tokens.contains(&b));
    // Or the parser made the former-word the phrase's head ("Ousted" over "President X").
    let own = (!matches!(s.upos(head), Upos::Noun | Upos::Propn)).then_some(head);
    let former = modifiers()
        .chain(before)
        .chain(own)
        .any(|t| FORMER_WORDS.contains(&s.lower(t).as_str()));
    if former
        && code
            .sector
            .as_deref()
            .is_some_and(|x| OFFICE_SECTORS.contains(&x))
    {
        code.sector = Some("ELI".to_string());
        return;
    }
    let opposition = modifiers().any(|t| s.lower(t) == "opposition");
    if opposition
        && code
            .sector
            .as_deref()
            .is_none_or(|x| matches!(x, "PTY" | "CVL" | "LEG"))
    {
        code.sector = Some("OPP".to_string());
    }
}

/// The name words of a person phrase: its proper nouns, without titles.
fn name_of(s: &Sent, tokens: &[usize]) -> String {
    let names: Vec<&str> = tokens
        .iter()
        .filter(|&&t| s.upos(t) == Upos::Propn)
        .map(|&t| s.doc.slice(s.token(t).span))
        .collect();
    names.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::tests::parsed_doc;

    fn actor(country: Option<&str>, sector: &str) -> Actor {
        Actor {
            head: 0,
            span: Span { start: 0, end: 1 },
            code: ActorCode {
                country: country.map(str::to_string),
                sector: Some(sector.to_string()),
                name: None,
            },
            resolved_from: None,
            person: false,
            referent: None,
            antecedent: None,
        }
    }

    /// A small lexicon: demonyms, a country, an alliance, agents.
    fn lexicon() -> ActorLexicon {
        let (parsed, errors) = annals_mentions::actors::parse_lexicon(
            "[actors]\nDanish = DNK\nSwedish = SWE\nChilean = CHL\nPeruvian = PER\n\
             Denmark = DNK\nNATO = IGO MIL\n\
             [agents]\nofficial = GOV\nminister = GOV\npresident = GOV\nsupporter = CVL\n\
             militant = REB\nrights group = NGO SOC\nmilitia | militias = PRM\n",
            "test",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let parsed = parsed
            .into_iter()
            .map(|(names, mut e)| {
                e.kind = match names[0].as_str() {
                    "Danish" | "Swedish" | "Chilean" | "Peruvian" => EntryKind::Demonym,
                    "Denmark" => EntryKind::Country,
                    _ => e.kind,
                };
                (names, e)
            })
            .collect();
        ActorLexicon::from_parsed(parsed)
    }

    /// The actors coded for the phrase headed by token `head` of a parsed one-sentence doc.
    fn coded(doc: &Doc, head: usize) -> Vec<Actor> {
        let lexicon = lexicon();
        let hits = lexicon.find(doc);
        let coder = ActorCoder {
            lexicon: &lexicon,
            hits: &hits,
            date: None,
            toponyms: &[],
            focus_country: None,
        };
        let s = Sent::new(doc, 0);
        coder.actors(&s, head, &mut Memory::default())
    }

    fn codes(actors: &[Actor]) -> Vec<(Option<&str>, Option<&str>)> {
        actors
            .iter()
            .map(|a| (a.code.country.as_deref(), a.code.sector.as_deref()))
            .collect()
    }

    #[test]
    fn a_demonym_the_head_is_hung_on_as_a_conjunct_is_a_coordinated_modifier() {
        // "Senior Danish and Swedish officials met", with "officials" a conjunct of "Danish".
        let doc = parsed_doc(&[
            ("Senior", "senior", "ADJ", "JJ", 2, "amod"),
            ("Danish", "danish", "NOUN", "NN", 6, "compound"),
            ("and", "and", "CCONJ", "CC", 5, "cc"),
            ("Swedish", "Swedish", "ADJ", "JJ", 5, "amod"),
            ("officials", "official", "NOUN", "NNS", 2, "conj"),
            ("met", "meet", "VERB", "VBD", 0, "root"),
        ]);
        let actors = coded(&doc, 4);
        assert_eq!(
            codes(&actors),
            vec![(Some("SWE"), Some("GOV")), (Some("DNK"), Some("GOV"))]
        );
    }

    #[test]
    fn a_name_inside_a_hyphenated_modifier_gives_way_to_the_head() {
        // "NATO-member Denmark sent ships", with "member" as the head and "Denmark" flat.
        let mut doc = parsed_doc(&[
            ("NATO", "NATO", "PROPN", "NNP", 3, "compound"),
            ("-", "-", "PUNCT", "HYPH", 1, "punct"),
            ("member", "member", "NOUN", "NN", 5, "nsubj"),
            ("Denmark", "Denmark", "PROPN", "NNP", 3, "flat"),
            ("sent", "send", "VERB", "VBD", 0, "root"),
            ("ships", "ship", "NOUN", "NNS", 5, "obj"),
        ]);
        doc.tokens[0].space_after = false;
        doc.tokens[1].space_after = false;
        assert_eq!(codes(&coded(&doc, 2)), vec![(Some("DNK"), None)]);
        // "NATO-backed militias": nothing else gives a country, so the modifier still does.
        let mut doc = parsed_doc(&[
            ("NATO", "NATO", "PROPN", "NNP", 3, "compound"),
            ("-", "-", "PUNCT", "HYPH", 1, "punct"),
            ("backed", "back", "VERB", "VBN", 4, "amod"),
            ("militias", "militia", "NOUN", "NNS", 0, "root"),
        ]);
        doc.tokens[0].space_after = false;
        doc.tokens[1].space_after = false;
        assert_eq!(codes(&coded(&doc, 3)), vec![(Some("IGO"), Some("PRM"))]);
    }

    #[test]
    fn a_former_word_made_the_head_still_makes_an_elite() {
        // "Deposed President Juan Perez agreed", with "Deposed" as the phrase's head.
        let doc = parsed_doc(&[
            ("Deposed", "depose", "VERB", "VBN", 6, "nsubj"),
            ("Peruvian", "Peruvian", "ADJ", "JJ", 3, "amod"),
            ("President", "President", "PROPN", "NNP", 5, "nmod:desc"),
            ("Juan", "Juan", "PROPN", "NNP", 5, "compound"),
            ("Perez", "Perez", "PROPN", "NNP", 1, "xcomp"),
            ("agreed", "agree", "VERB", "VBD", 0, "root"),
        ]);
        assert_eq!(codes(&coded(&doc, 0)), vec![(Some("PER"), Some("ELI"))]);
    }

    #[test]
    fn a_title_hung_apart_from_the_name_after_it_codes_the_name() {
        // "Chilean deputy trade minister Ana Soto summoned the envoy", with title and name
        // both dependents of the verb.
        let doc = parsed_doc(&[
            ("Chilean", "Chilean", "ADJ", "JJ", 4, "amod"),
            ("deputy", "deputy", "ADJ", "JJ", 4, "amod"),
            ("trade", "trade", "NOUN", "NN", 4, "compound"),
            ("minister", "minister", "NOUN", "NN", 7, "obl"),
            ("Ana", "Ana", "PROPN", "NNP", 7, "nsubj"),
            ("Soto", "Soto", "PROPN", "NNP", 5, "flat"),
            ("summoned", "summon", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 9, "det"),
            ("envoy", "envoy", "NOUN", "NN", 7, "obj"),
        ]);
        let actors = coded(&doc, 4);
        assert_eq!(codes(&actors), vec![(Some("CHL"), Some("GOV"))]);
        assert_eq!(
            doc.slice(actors[0].span),
            "Chilean deputy trade minister Ana Soto"
        );
        // A title heading the name's clause is another phrase ("the minister Ana Soto
        // attacked": "minister" governs the clause): the name stays alone.
        let doc = parsed_doc(&[
            ("minister", "minister", "NOUN", "NN", 0, "root"),
            ("Ana", "Ana", "PROPN", "NNP", 4, "nsubj"),
            ("Soto", "Soto", "PROPN", "NNP", 2, "flat"),
            ("spoke", "speak", "VERB", "VBD", 1, "acl:relcl"),
        ]);
        assert_eq!(codes(&coded(&doc, 1)), vec![(None, None)]);
    }

    #[test]
    fn followers_take_the_country_of_whom_they_follow() {
        // "Supporters of the exiled Peruvian president blocked roads": a former leader's
        // followers are the opposition.
        let doc = parsed_doc(&[
            ("Supporters", "supporter", "NOUN", "NNS", 7, "nsubj"),
            ("of", "of", "ADP", "IN", 6, "case"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("exiled", "exile", "VERB", "VBN", 6, "amod"),
            ("Peruvian", "Peruvian", "ADJ", "JJ", 6, "amod"),
            ("president", "president", "NOUN", "NN", 1, "nmod"),
            ("blocked", "block", "VERB", "VBD", 0, "root"),
            ("roads", "road", "NOUN", "NNS", 7, "obj"),
        ]);
        assert_eq!(codes(&coded(&doc, 0)), vec![(Some("PER"), Some("OPP"))]);
        // "Supporters of the exiled president blocked roads": no country, still the opposition.
        let doc = parsed_doc(&[
            ("Supporters", "supporter", "NOUN", "NNS", 6, "nsubj"),
            ("of", "of", "ADP", "IN", 5, "case"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("exiled", "exile", "VERB", "VBN", 5, "amod"),
            ("president", "president", "NOUN", "NN", 1, "nmod"),
            ("blocked", "block", "VERB", "VBD", 0, "root"),
            ("roads", "road", "NOUN", "NNS", 6, "obj"),
        ]);
        assert_eq!(codes(&coded(&doc, 0)), vec![(None, Some("OPP"))]);
        // "Militants loyal to the Chilean minister": the country, their own sector.
        let doc = parsed_doc(&[
            ("Militants", "militant", "NOUN", "NNS", 0, "root"),
            ("loyal", "loyal", "ADJ", "JJ", 1, "amod"),
            ("to", "to", "ADP", "IN", 6, "case"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("Chilean", "Chilean", "ADJ", "JJ", 6, "amod"),
            ("minister", "minister", "NOUN", "NN", 2, "obl"),
        ]);
        assert_eq!(codes(&coded(&doc, 0)), vec![(Some("CHL"), Some("REB"))]);
    }

    #[test]
    fn a_country_the_tagger_took_for_a_person_is_none() {
        // "Denmark said it would help", with "Denmark" tagged as a person's name: the
        // country, so that "it" can refer to it.
        let mut doc = parsed_doc(&[
            ("Denmark", "Denmark", "PROPN", "NNP", 2, "nsubj"),
            ("said", "say", "VERB", "VBD", 0, "root"),
            ("it", "it", "PRON", "PRP", 5, "nsubj"),
            ("would", "would", "AUX", "MD", 5, "aux"),
            ("help", "help", "VERB", "VB", 2, "ccomp"),
        ]);
        let span = doc.tokens[0].span;
        doc.entities.push(annals_document::Entity {
            tokens: 0..1,
            label: "person",
            span,
        });
        let lexicon = lexicon();
        let hits = lexicon.find(&doc);
        let coder = ActorCoder {
            lexicon: &lexicon,
            hits: &hits,
            date: None,
            toponyms: &[],
            focus_country: None,
        };
        let s = Sent::new(&doc, 0);
        let mut memory = Memory::default();
        let denmark = coder.actor(&s, 0, &mut memory);
        assert!(!denmark.person);
        let it = coder.actor(&s, 2, &mut memory);
        assert_eq!(it.code.country.as_deref(), Some("DNK"));
    }

    #[test]
    fn a_country_beside_a_weapon_is_its_military() {
        // "Danish drone strikes hit the camp": "Danish" as the strikes' actor.
        let doc = parsed_doc(&[
            ("Danish", "Danish", "ADJ", "JJ", 3, "amod"),
            ("drone", "drone", "NOUN", "NN", 3, "compound"),
            ("strikes", "strike", "NOUN", "NNS", 4, "nsubj"),
            ("hit", "hit", "VERB", "VBD", 0, "root"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("camp", "camp", "NOUN", "NN", 4, "obj"),
        ]);
        let actors = coded(&doc, 0);
        assert_eq!(codes(&actors), vec![(Some("DNK"), Some("MIL"))]);
        assert_eq!(doc.slice(actors[0].span), "Danish drone");
    }

    #[test]
    fn a_rights_group_nothing_places_is_an_ngo() {
        // "A rights group protested" vs "A Danish rights group protested".
        let doc = parsed_doc(&[
            ("A", "a", "DET", "DT", 3, "det"),
            ("rights", "right", "NOUN", "NNS", 3, "compound"),
            ("group", "group", "NOUN", "NN", 4, "nsubj"),
            ("protested", "protest", "VERB", "VBD", 0, "root"),
        ]);
        assert_eq!(codes(&coded(&doc, 2)), vec![(Some("NGO"), Some("SOC"))]);
        let doc = parsed_doc(&[
            ("A", "a", "DET", "DT", 4, "det"),
            ("Danish", "Danish", "ADJ", "JJ", 4, "amod"),
            ("rights", "right", "NOUN", "NNS", 4, "compound"),
            ("group", "group", "NOUN", "NN", 5, "nsubj"),
            ("protested", "protest", "VERB", "VBD", 0, "root"),
        ]);
        assert_eq!(codes(&coded(&doc, 3)), vec![(Some("DNK"), Some("SOC"))]);
    }

    #[test]
    fn conjuncts_of_one_kind_share_the_first_ones_country() {
        // "Israeli helicopters and tanks", "Syrian troops and rebels".
        let mut actors = vec![actor(Some("ISR"), "MIL"), actor(None, "MIL")];
        share_country(&mut actors);
        assert_eq!(actors[1].code.country.as_deref(), Some("ISR"));
        let mut actors = vec![actor(Some("SYR"), "MIL"), actor(None, "REB")];
        share_country(&mut actors);
        assert_eq!(actors[1].code.country, None);
    }

    #[test]
    fn times_and_circumstances_are_not_part_of_a_phrase() {
        // "the embassy in Kabul on Monday after the raid", all hung on the noun phrase.
        let doc = parsed_doc(&[
            ("the", "the", "DET", "DT", 2, "det"),
            ("embassy", "embassy", "NOUN", "NN", 0, "root"),
            ("in", "in", "ADP", "IN", 4, "case"),
            ("Kabul", "Kabul", "PROPN", "NNP", 2, "nmod"),
            ("on", "on", "ADP", "IN", 6, "case"),
            ("Monday", "Monday", "PROPN", "NNP", 4, "nmod"),
            ("after", "after", "ADP", "IN", 9, "case"),
            ("the", "the", "DET", "DT", 9, "det"),
            ("raid", "raid", "NOUN", "NN", 2, "nmod"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(phrase_tokens(&s, 1), vec![0, 1, 2, 3]);
        // "websites of Georgia in 2008": a year too.
        let doc = parsed_doc(&[
            ("websites", "website", "NOUN", "NNS", 0, "root"),
            ("of", "of", "ADP", "IN", 3, "case"),
            ("Georgia", "Georgia", "PROPN", "NNP", 1, "nmod"),
            ("in", "in", "ADP", "IN", 5, "case"),
            ("2008", "2008", "NUM", "CD", 3, "nmod"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(phrase_tokens(&s, 0), vec![0, 1, 2]);
    }

    #[test]
    fn instruments_and_causes_are_not_part_of_a_phrase() {
        // "the hideouts with heavy artillery over the refusal", both hung on the noun.
        let doc = parsed_doc(&[
            ("the", "the", "DET", "DT", 2, "det"),
            ("hideouts", "hideout", "NOUN", "NNS", 0, "root"),
            ("with", "with", "ADP", "IN", 5, "case"),
            ("heavy", "heavy", "ADJ", "JJ", 5, "amod"),
            ("artillery", "artillery", "NOUN", "NN", 2, "nmod"),
            ("over", "over", "ADP", "IN", 8, "case"),
            ("the", "the", "DET", "DT", 8, "det"),
            ("refusal", "refusal", "NOUN", "NN", 2, "nmod"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(phrase_tokens(&s, 1), vec![0, 1]);
        // "the villagers with children": not a weapon, part of the phrase.
        let doc = parsed_doc(&[
            ("the", "the", "DET", "DT", 2, "det"),
            ("villagers", "villager", "NOUN", "NNS", 0, "root"),
            ("with", "with", "ADP", "IN", 4, "case"),
            ("children", "child", "NOUN", "NNS", 2, "nmod"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(phrase_tokens(&s, 1), vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_hyphen_inside_the_phrase_belongs_to_it() {
        // "the hostage - takers", the hyphen hung on "hostage" as punctuation.
        let doc = parsed_doc(&[
            ("the", "the", "DET", "DT", 4, "det"),
            ("hostage", "hostage", "NOUN", "NN", 4, "compound"),
            ("-", "-", "PUNCT", "HYPH", 2, "punct"),
            ("takers", "taker", "NOUN", "NNS", 0, "root"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(phrase_tokens(&s, 3), vec![0, 1, 2, 3]);
    }
}
