//! Arguments of a predicate read off the dependency tree: subject (with control, conjunction and
//! relative-clause inheritance), patient, indirect object, prepositional arguments, and the
//! expansion of coordinated arguments ("As-Suwayda, Daraa, and Quneitra").

use annals_document::Upos;

use crate::tree::{RELATIVE_PRONOUNS, Sent};

/// Verbs whose object is the subject of their infinitive ("persuade X to", "urge X to").
const OBJECT_CONTROL: &[&str] = &[
    "persuade",
    "force",
    "urge",
    "ask",
    "order",
    "tell",
    "allow",
    "call",
    "convince",
    "compel",
    "encourage",
    "invite",
    "pressure",
    "press",
    "help",
    "enable",
    "oblige",
    "request",
    "warn",
    "offer",
];

fn antecedent(s: &Sent, t: usize) -> usize {
    // A relative pronoun stands for the noun its clause modifies.
    if RELATIVE_PRONOUNS.contains(&s.lower(t).as_str()) {
        let mut clause = s.head(t);
        while let Some(c) = clause {
            if s.rel(c).starts_with("acl")
                && let Some(noun) = s.head(c)
            {
                return noun;
            }
            if s.base_rel(c) == "conj" {
                clause = s.head(c);
                continue;
            }
            break;
        }
    }
    t
}

/// The subject (agent) of predicate `t`: its `nsubj` (active) or passive `by`-agent, else the
/// subject it shares with the verb it is coordinated with or controlled by, or the noun a
/// participle or relative clause modifies. Empty when the text leaves it implicit.
pub fn subject(s: &Sent, t: usize) -> Option<usize> {
    subject_depth(s, t, 0)
}

fn subject_depth(s: &Sent, t: usize, depth: usize) -> Option<usize> {
    if depth > 8 {
        return None;
    }
    let passive = s.is_passive(t);
    if passive {
        if let Some(a) = s.child_rel(t, "obl:agent") {
            return Some(a);
        }
        if let Some(a) = s
            .children_rel(t, "obl")
            .find(|&c| s.case_of(c) == Some("by"))
        {
            return Some(a);
        }
        if s.child_rel(t, "nsubj:pass").is_some() {
            return None;
        }
    } else if let Some(n) = s.child_rel(t, "nsubj") {
        return Some(antecedent(s, n));
    }
    if passive {
        // A passive conjunct shares the first conjunct's agent only.
        return match s.base_rel(t) {
            "conj" => s.head(t).and_then(|h| {
                s.is_passive(h)
                    .then(|| subject_depth(s, h, depth + 1))
                    .flatten()
            }),
            _ => None,
        };
    }
    let head = s.head(t)?;
    match s.rel(t) {
        "xcomp" => {
            if OBJECT_CONTROL.contains(&s.lemma(head))
                && let Some(o) = s
                    .child_rel(head, "obj")
                    .or_else(|| s.child_rel(head, "iobj"))
            {
                return Some(o);
            }
            controller(s, head, depth)
        }
        "conj" => {
            // An active conjunct shares the subject of an active first conjunct only: "seized by
            // troops, X reported" does not make the troops the reporters.
            if matches!(s.upos(head), Upos::Verb | Upos::Aux | Upos::Adj) && !s.is_passive(head) {
                subject_depth(s, head, depth + 1)
            } else {
                None
            }
        }
        "advcl" | "advcl:relcl" => {
            // A main clause the parser hung on the root noun ("Nigeria today announced …" as
            // a clause of "Nigeria"): that noun.
            if let Some(r) = s.verbless_root_subject(t) {
                return Some(r);
            }
            // Participial and infinitival adjuncts share the main subject ("…, saying that").
            let finite = s
                .children(t)
                .iter()
                .any(|&c| matches!(s.base_rel(c), "nsubj" | "expl"));
            if finite {
                None
            } else {
                controller(s, head, depth)
            }
        }
        // A participle or relative clause modifying a noun: the noun; a main clause the parser
        // hung on the root noun: that noun ([`Sent::verbless_root_subject`]).
        "acl" | "acl:relcl" => {
            if let Some(r) = s.verbless_root_subject(t) {
                return Some(r);
            }
            matches!(s.upos(head), Upos::Noun | Upos::Propn | Upos::Pron).then_some(head)
        }
        "parataxis" => s.verbless_root_subject(t),
        _ => None,
    }
}

/// Who performs an infinitive or participle governed by `head`: the subject of an active
/// `head`, the passive subject of a passive one ("troops are involved in assisting").
fn controller(s: &Sent, head: usize, depth: usize) -> Option<usize> {
    if s.is_passive(head)
        && let Some(n) = s
            .child_rel(head, "nsubj:pass")
            .map(|n| antecedent(s, n))
            .or_else(|| s.verbless_root_passive_subject(head))
    {
        return Some(n);
    }
    subject_depth(s, head, depth + 1)
}

/// The patient of predicate `t`: the object of an active verb (or an unmarked counted `obl`
/// standing for it), the subject of a passive one, or the noun a passive participle modifies.
pub fn patient(s: &Sent, t: usize) -> Option<usize> {
    if s.is_passive(t) {
        if let Some(n) = s.child_rel(t, "nsubj:pass") {
            return Some(antecedent(s, n));
        }
        if s.rel(t) == "acl" {
            return s.head(t);
        }
        if let Some(r) = s.verbless_root_passive_subject(t) {
            return Some(r);
        }
        if s.base_rel(t) == "conj" {
            return s
                .head(t)
                .filter(|&h| s.is_passive(h))
                .and_then(|h| patient(s, h));
        }
        // "X was taken captive" with the subject not marked as passive.
        return s.child_rel(t, "nsubj").map(|n| antecedent(s, n));
    }
    s.child_rel(t, "obj")
        .map(|o| antecedent(s, o))
        .or_else(|| counted_adjunct(s, t))
        .or_else(|| participle_subject(s, t))
}

/// The object of active verb `t` that the parser made the subject of a participle after it:
/// "shortened by one hour the nightly curfew imposed in the capital", read as a clause "the
/// curfew imposed …" — a past participle (`advcl`, no auxiliary or marker; a regular "-ed"
/// form tagged as a past tense is one too) whose subject follows the verb with no
/// punctuation between ("troops withdrew, rebels advanced" is two clauses). A participle
/// has no subject of its own: the noun is what it describes, and the verb's object.
fn participle_subject(s: &Sent, t: usize) -> Option<usize> {
    s.children_rel(t, "advcl").find_map(|c| {
        let participle =
            s.token(c).xpos == "VBN" || (s.token(c).xpos == "VBD" && s.lower(c).ends_with("ed"));
        let bare = participle
            && c > t
            && !(t + 1..c).any(|x| s.upos(x) == Upos::Punct)
            && !s
                .children(c)
                .iter()
                .any(|&x| matches!(s.base_rel(x), "aux" | "mark" | "case"));
        s.child_rel(c, "nsubj")
            .filter(|&n| bare && n > t && matches!(s.upos(n), Upos::Noun | Upos::Propn))
    })
}

/// A counted object the parser took for an adjunct of verb `t`: "released at least 19
/// Christians", "deported more than 16,000 Syrians" (an unmarked `obl` with a number), and "up
/// to 4,000 troops" (with "up" made a particle and "to" a preposition).
fn counted_adjunct(s: &Sent, t: usize) -> Option<usize> {
    s.children(t).iter().copied().find(|&c| {
        c > t
            && s.rel(c) == "obl"
            && matches!(s.upos(c), Upos::Noun | Upos::Propn)
            && s.children(c).iter().any(|&n| s.base_rel(n) == "nummod")
            && match s.case_of(c) {
                None => true,
                Some("to") => up_to(s, c),
                Some(_) => false,
            }
    })
}

/// Whether the `to` of noun `c` is the "up to" of a count: "up to 4,000 troops".
fn up_to(s: &Sent, c: usize) -> bool {
    s.children(c)
        .iter()
        .copied()
        .find(|&x| s.base_rel(x) == "case")
        .is_some_and(|to| to > s.range.start && s.lower(to - 1) == "up")
}

/// The second object of a double-object verb the parser split into an object and an adjunct:
/// "gave the Ivory Coast 5.1 million dollars" (the country the object, the dollars an
/// unmarked `obl`). The object is then the indirect object ([`indirect_object`]).
pub fn second_object(s: &Sent, t: usize) -> Option<usize> {
    if s.is_passive(t) || s.child_rel(t, "iobj").is_some() {
        return None;
    }
    let o = s.child_rel(t, "obj")?;
    counted_adjunct(s, t).filter(|&c| c > o && s.case_of(c).is_none())
}

/// The direct object, whatever the voice.
pub fn object(s: &Sent, t: usize) -> Option<usize> {
    s.child_rel(t, "obj")
}

/// The indirect object.
pub fn indirect_object(s: &Sent, t: usize) -> Option<usize> {
    s.child_rel(t, "iobj")
        .or_else(|| second_object(s, t).and_then(|_| s.child_rel(t, "obj")))
}

/// A dependent of `t` introduced by preposition `prep` (also a particle `prep`: "call on X"
/// where the parser attached "on" to the verb takes X as the object). A relative pronoun is
/// passed over: in "the incident in which he was killed in police firing" the `in` phrase of
/// "killed" is "police firing", not "which".
///
/// A direct dependent in `excluded` gives way to a later one with the same preposition: with
/// dates excluded, the actor phrase of "in 1990, two brothers were killed in police firing" is
/// the second `in` phrase. When every such dependent is excluded, the first is returned.
pub fn prepositional(s: &Sent, t: usize, prep: &str, excluded: &[usize]) -> Option<usize> {
    let direct = |skip: &[usize]| {
        s.children(t).iter().copied().find(|&c| {
            matches!(s.base_rel(c), "obl" | "nmod" | "advcl" | "advmod")
                && s.case_of(c) == Some(prep)
                && !matches!(s.lower(c).as_str(), "which" | "whom")
                && !skip.contains(&c)
        })
    };
    let direct = direct(excluded).or_else(|| direct(&[]));
    if direct.is_some() {
        return direct;
    }
    if let Some(c) = misattached_to(s, t, prep) {
        return Some(c);
    }
    if let Some(c) = on_time_adjunct(s, t).find(|&c| s.case_of(c) == Some(prep)) {
        return Some(c);
    }
    let particle = s
        .children(t)
        .iter()
        .any(|&c| s.rel(c) == "compound:prt" && s.lemma(c) == prep);
    if particle { object(s, t) } else { None }
}

/// The `to` phrase of a verb that the parser hung on the verb's object: "returned two paintings
/// to the government" with "to the government" a modifier of "paintings". Only `to`, and only
/// on the direct object of an active verb: the receiver of a transfer.
pub fn misattached_to(s: &Sent, t: usize, prep: &str) -> Option<usize> {
    if prep != "to" || s.upos(t) != Upos::Verb || s.is_passive(t) {
        return None;
    }
    let o = object(s, t)?;
    s.children(o)
        .iter()
        .copied()
        .find(|&c| s.base_rel(c) == "nmod" && s.case_of(c) == Some("to"))
}

/// Prepositional phrases of a verb that the parser hung on the verb's time adjunct: "defended
/// Iraq on Friday *against criticism*", with "against criticism" a modifier of "Friday". A day,
/// month or "today" modifies nothing, so its phrases are the verb's.
pub fn on_time_adjunct<'a>(s: &'a Sent, t: usize) -> impl Iterator<Item = usize> + 'a {
    s.children(t)
        .iter()
        .copied()
        .filter(move |&a| {
            s.base_rel(a) == "obl" && crate::actors::is_time_word(s, a) && s.upos(t) == Upos::Verb
        })
        .flat_map(move |a| s.children(a).iter().copied())
        .filter(move |&c| s.base_rel(c) == "nmod" && s.case_of(c).is_some())
}

/// An argument and its coordinated conjuncts ("A, B and C"), in text order.
pub fn with_conjuncts(s: &Sent, head: usize) -> Vec<usize> {
    let mut out = vec![head];
    let mut stack = vec![head];
    while let Some(x) = stack.pop() {
        for c in s.children_rel(x, "conj") {
            if matches!(s.upos(c), Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num) {
                out.push(c);
                stack.push(c);
            }
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::tests::parsed_doc;

    #[test]
    fn passive_agent_and_patient() {
        // "The towns were seized by troops ."
        let doc = parsed_doc(&[
            ("The", "the", "DET", "DT", 2, "det"),
            ("towns", "town", "NOUN", "NNS", 4, "nsubj:pass"),
            ("were", "be", "AUX", "VBD", 4, "aux:pass"),
            ("seized", "seize", "VERB", "VBN", 0, "root"),
            ("by", "by", "ADP", "IN", 6, "case"),
            ("troops", "troop", "NOUN", "NNS", 4, "obl:agent"),
            (".", ".", "PUNCT", ".", 4, "punct"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(subject(&s, 3), Some(5));
        assert_eq!(patient(&s, 3), Some(1));
    }

    #[test]
    fn a_counted_object_misparsed_as_an_adjunct_is_the_patient() {
        // "Rebels released at least 19 hostages" with "hostages" as an unmarked `obl`.
        let doc = parsed_doc(&[
            ("Rebels", "rebel", "NOUN", "NNS", 2, "nsubj"),
            ("released", "release", "VERB", "VBD", 0, "root"),
            ("at", "at", "ADP", "IN", 4, "case"),
            ("least", "least", "ADJ", "JJS", 5, "nmod"),
            ("19", "19", "NUM", "CD", 6, "nummod"),
            ("hostages", "hostage", "NOUN", "NNS", 2, "obl"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(patient(&s, 1), Some(5));
        // Not a marked adjunct: "fought in 19 towns".
        let doc = parsed_doc(&[
            ("Rebels", "rebel", "NOUN", "NNS", 2, "nsubj"),
            ("fought", "fight", "VERB", "VBD", 0, "root"),
            ("in", "in", "ADP", "IN", 5, "case"),
            ("19", "19", "NUM", "CD", 5, "nummod"),
            ("towns", "town", "NOUN", "NNS", 2, "obl"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(patient(&s, 1), None);
    }

    #[test]
    fn a_relative_pronoun_is_not_a_prepositional_phrase() {
        // "the raid in which a man was wounded in army shelling"
        let doc = parsed_doc(&[
            ("the", "the", "DET", "DT", 2, "det"),
            ("raid", "raid", "NOUN", "NN", 0, "root"),
            ("in", "in", "ADP", "IN", 4, "case"),
            ("which", "which", "PRON", "WDT", 8, "obl"),
            ("a", "a", "DET", "DT", 6, "det"),
            ("man", "man", "NOUN", "NN", 8, "nsubj:pass"),
            ("was", "be", "AUX", "VBD", 8, "aux:pass"),
            ("wounded", "wound", "VERB", "VBN", 2, "acl:relcl"),
            ("in", "in", "ADP", "IN", 11, "case"),
            ("army", "army", "NOUN", "NN", 11, "compound"),
            ("shelling", "shelling", "NOUN", "NN", 8, "obl"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(prepositional(&s, 7, "in", &[]), Some(10));
    }

    #[test]
    fn a_to_phrase_hung_on_the_object_is_the_verbs() {
        // "Troops returned statues to the museum ." with "to the museum" under "statues".
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("returned", "return", "VERB", "VBD", 0, "root"),
            ("statues", "statue", "NOUN", "NNS", 2, "obj"),
            ("to", "to", "ADP", "IN", 6, "case"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("museum", "museum", "NOUN", "NN", 3, "nmod"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(prepositional(&s, 1, "to", &[]), Some(5));
        assert_eq!(prepositional(&s, 1, "with", &[]), None);
    }

    #[test]
    fn a_phrase_hung_on_a_day_is_the_verbs() {
        // "Syria defended Iraq on Friday against criticism ." with "against criticism" under
        // "Friday".
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("defended", "defend", "VERB", "VBD", 0, "root"),
            ("Iraq", "Iraq", "PROPN", "NNP", 2, "obj"),
            ("on", "on", "ADP", "IN", 5, "case"),
            ("Friday", "Friday", "PROPN", "NNP", 2, "obl"),
            ("against", "against", "ADP", "IN", 7, "case"),
            ("criticism", "criticism", "NOUN", "NN", 5, "nmod"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(prepositional(&s, 1, "against", &[]), Some(6));
        // Not under any noun: "defended the city of Aleppo against attacks" keeps its own.
        let doc = parsed_doc(&[
            ("Syria", "Syria", "PROPN", "NNP", 2, "nsubj"),
            ("defended", "defend", "VERB", "VBD", 0, "root"),
            ("Aleppo", "Aleppo", "PROPN", "NNP", 2, "obj"),
            ("against", "against", "ADP", "IN", 5, "case"),
            ("rebels", "rebel", "NOUN", "NNS", 3, "nmod"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(prepositional(&s, 1, "against", &[]), None);
    }

    #[test]
    fn control_and_coordination() {
        // "Groups chose to stop fighting Damascus and side with troops"
        let doc = parsed_doc(&[
            ("Groups", "group", "NOUN", "NNS", 2, "nsubj"),
            ("chose", "choose", "VERB", "VBD", 0, "root"),
            ("to", "to", "PART", "TO", 4, "mark"),
            ("stop", "stop", "VERB", "VB", 2, "xcomp"),
            ("fighting", "fight", "VERB", "VBG", 4, "xcomp"),
            ("Damascus", "Damascus", "PROPN", "NNP", 5, "obj"),
            ("and", "and", "CCONJ", "CC", 8, "cc"),
            ("side", "side", "VERB", "VB", 4, "conj"),
            ("with", "with", "ADP", "IN", 10, "case"),
            ("troops", "troop", "NOUN", "NNS", 8, "obl"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(subject(&s, 4), Some(0));
        assert_eq!(subject(&s, 7), Some(0));
        assert_eq!(patient(&s, 4), Some(5));
        assert_eq!(prepositional(&s, 7, "with", &[]), Some(9));
    }

    #[test]
    fn a_main_clause_hung_on_the_root_noun_has_that_noun_for_subject() {
        // "Four unions in the port have called a strike ." parsed with "unions" the root and
        // "called" a subjectless relative clause of it.
        let doc = parsed_doc(&[
            ("Four", "four", "NUM", "CD", 2, "nummod"),
            ("unions", "union", "NOUN", "NNS", 0, "root"),
            ("in", "in", "ADP", "IN", 5, "case"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("port", "port", "NOUN", "NN", 2, "nmod"),
            ("have", "have", "AUX", "VBP", 7, "aux"),
            ("called", "call", "VERB", "VBN", 2, "acl:relcl"),
            ("a", "a", "DET", "DT", 9, "det"),
            ("strike", "strike", "NOUN", "NN", 7, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let s = Sent::new(&doc, 0);
        assert!(!s.is_passive(6));
        assert_eq!(subject(&s, 6), Some(1));
        assert_eq!(patient(&s, 6), Some(8));
        // "Nurses from three clinics collected and sent blankets ." with "collected" a
        // participle of "clinics" (tagged VBN) and a tensed conjunct: the root noun acts.
        let doc = parsed_doc(&[
            ("Nurses", "nurse", "NOUN", "NNS", 0, "root"),
            ("from", "from", "ADP", "IN", 4, "case"),
            ("three", "three", "NUM", "CD", 4, "nummod"),
            ("clinics", "clinic", "NOUN", "NNS", 1, "nmod"),
            ("collected", "collect", "VERB", "VBN", 4, "acl"),
            ("and", "and", "CCONJ", "CC", 7, "cc"),
            ("sent", "send", "VERB", "VBD", 5, "conj"),
            ("blankets", "blanket", "NOUN", "NNS", 7, "obj"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(subject(&s, 4), Some(0));
        assert_eq!(subject(&s, 6), Some(0));
        // A participle that is only a participle keeps its passive reading: "Villagers
        // wounded in the fighting ." (a headline without a verb).
        let doc = parsed_doc(&[
            ("Villagers", "villager", "NOUN", "NNS", 0, "root"),
            ("wounded", "wound", "VERB", "VBN", 1, "acl"),
            ("in", "in", "ADP", "IN", 5, "case"),
            ("the", "the", "DET", "DT", 5, "det"),
            ("fighting", "fighting", "NOUN", "NN", 2, "obl"),
            (".", ".", "PUNCT", ".", 1, "punct"),
        ]);
        let s = Sent::new(&doc, 0);
        assert!(s.is_passive(1));
        assert_eq!(subject(&s, 1), None);
        assert_eq!(patient(&s, 1), Some(0));
        // Nor a clause with a verb above it: "Police arrested men who fled ." keeps its
        // relative pronoun's antecedent.
        let doc = parsed_doc(&[
            ("Police", "police", "NOUN", "NNS", 2, "nsubj"),
            ("arrested", "arrest", "VERB", "VBD", 0, "root"),
            ("men", "man", "NOUN", "NNS", 2, "obj"),
            ("who", "who", "PRON", "WP", 5, "nsubj"),
            ("fled", "flee", "VERB", "VBD", 3, "acl:relcl"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(s.verbless_root_subject(4), None);
        assert_eq!(subject(&s, 4), Some(2));
        // Nor a clause far from the root noun, past another verb: "fear that they stay ,
        // lobbed shells" (an unsplit run of sentences).
        let doc = parsed_doc(&[
            ("fear", "fear", "NOUN", "NN", 0, "root"),
            ("that", "that", "SCONJ", "IN", 4, "mark"),
            ("they", "they", "PRON", "PRP", 4, "nsubj"),
            ("stay", "stay", "VERB", "VBP", 1, "acl"),
            (",", ",", "PUNCT", ",", 6, "punct"),
            ("lobbed", "lob", "VERB", "VBD", 1, "acl"),
            ("shells", "shell", "NOUN", "NNS", 6, "obj"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(s.verbless_root_subject(5), None);
    }

    #[test]
    fn a_passive_main_clause_hung_on_the_root_noun_as_parataxis() {
        // "King Hassan of Morocco was quoted as saying he would host talks ." parsed with the
        // name the root and "was quoted" a `parataxis` of it.
        let doc = parsed_doc(&[
            ("King", "King", "PROPN", "NNP", 2, "compound"),
            ("Hassan", "Hassan", "PROPN", "NNP", 0, "root"),
            ("of", "of", "ADP", "IN", 4, "case"),
            ("Morocco", "Morocco", "PROPN", "NNP", 2, "nmod"),
            ("was", "be", "AUX", "VBD", 6, "aux:pass"),
            ("quoted", "quote", "VERB", "VBN", 2, "parataxis"),
            ("as", "as", "SCONJ", "IN", 8, "mark"),
            ("saying", "say", "VERB", "VBG", 6, "advcl"),
            ("he", "he", "PRON", "PRP", 11, "nsubj"),
            ("would", "would", "AUX", "MD", 11, "aux"),
            ("host", "host", "VERB", "VB", 8, "ccomp"),
            ("talks", "talk", "NOUN", "NNS", 11, "obj"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(s.verbless_root_passive_subject(5), Some(1));
        assert_eq!(s.verbless_root_subject(5), None);
        assert_eq!(patient(&s, 5), Some(1));
        // The one quoted is the one saying.
        assert_eq!(subject(&s, 7), Some(1));
        // A paratactic clause after punctuation is not the noun's: "Hassan : praised reporters"
        // (a caption).
        let doc = parsed_doc(&[
            ("Hassan", "Hassan", "PROPN", "NNP", 0, "root"),
            (":", ":", "PUNCT", ":", 3, "punct"),
            ("praised", "praise", "VERB", "VBD", 1, "parataxis"),
            ("reporters", "reporter", "NOUN", "NNS", 3, "obj"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(s.verbless_root_subject(2), None);
        // Without it, it is: "Hassan praised reporters" parsed the same way.
        let doc = parsed_doc(&[
            ("Hassan", "Hassan", "PROPN", "NNP", 0, "root"),
            ("praised", "praise", "VERB", "VBD", 1, "parataxis"),
            ("reporters", "reporter", "NOUN", "NNS", 2, "obj"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(s.verbless_root_subject(1), Some(0));
    }

    #[test]
    fn a_measure_taken_for_an_agent_and_an_object_taken_for_a_subject() {
        // "Rebels cut by half the ration handed out in camps ." parsed with "by half" an
        // agent and "the ration" the subject of "handed".
        let doc = parsed_doc(&[
            ("Rebels", "rebel", "NOUN", "NNS", 2, "nsubj"),
            ("cut", "cut", "VERB", "VBD", 0, "root"),
            ("by", "by", "ADP", "IN", 4, "case"),
            ("half", "half", "NOUN", "NN", 2, "obl:agent"),
            ("the", "the", "DET", "DT", 6, "det"),
            ("ration", "ration", "NOUN", "NN", 7, "nsubj"),
            ("handed", "hand", "VERB", "VBD", 2, "advcl"),
            ("out", "out", "ADP", "RP", 7, "compound:prt"),
            ("in", "in", "ADP", "IN", 10, "case"),
            ("camps", "camp", "NOUN", "NNS", 7, "obl"),
            (".", ".", "PUNCT", ".", 2, "punct"),
        ]);
        let s = Sent::new(&doc, 0);
        assert!(!s.is_passive(1));
        assert_eq!(subject(&s, 1), Some(0));
        assert_eq!(patient(&s, 1), Some(5));
        // Two clauses are not one: "Troops withdrew , rebels advanced ." and "Troops withdrew
        // when rebels advanced ." leave "withdrew" without an object.
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("withdrew", "withdraw", "VERB", "VBD", 0, "root"),
            (",", ",", "PUNCT", ",", 5, "punct"),
            ("rebels", "rebel", "NOUN", "NNS", 5, "nsubj"),
            ("advanced", "advance", "VERB", "VBD", 2, "advcl"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(patient(&s, 1), None);
        let doc = parsed_doc(&[
            ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"),
            ("withdrew", "withdraw", "VERB", "VBD", 0, "root"),
            ("when", "when", "SCONJ", "WRB", 5, "mark"),
            ("rebels", "rebel", "NOUN", "NNS", 5, "nsubj"),
            ("advanced", "advance", "VERB", "VBD", 2, "advcl"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(patient(&s, 1), None);
        // A real passive keeps its agent: "The town was seized by troops" (see above), and so
        // does one without an auxiliary: "towns seized by troops".
        let doc = parsed_doc(&[
            ("towns", "town", "NOUN", "NNS", 0, "root"),
            ("seized", "seize", "VERB", "VBN", 1, "acl"),
            ("by", "by", "ADP", "IN", 4, "case"),
            ("troops", "troop", "NOUN", "NNS", 2, "obl:agent"),
        ]);
        let s = Sent::new(&doc, 0);
        assert!(s.is_passive(1));
        assert_eq!(subject(&s, 1), Some(3));
    }

    #[test]
    fn relative_pronouns_and_conjuncts() {
        // "observers , who withdrew , and monitors"
        let doc = parsed_doc(&[
            ("observers", "observer", "NOUN", "NNS", 0, "root"),
            (",", ",", "PUNCT", ",", 4, "punct"),
            ("who", "who", "PRON", "WP", 4, "nsubj"),
            ("withdrew", "withdraw", "VERB", "VBD", 1, "acl:relcl"),
            (",", ",", "PUNCT", ",", 7, "punct"),
            ("and", "and", "CCONJ", "CC", 7, "cc"),
            ("monitors", "monitor", "NOUN", "NNS", 1, "conj"),
        ]);
        let s = Sent::new(&doc, 0);
        assert_eq!(subject(&s, 3), Some(0));
        assert_eq!(with_conjuncts(&s, 0), vec![0, 6]);
    }
}
