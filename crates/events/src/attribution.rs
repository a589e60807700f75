//! Who says so: reported speech ("X said that …", "…, the Russian military says"), "according
//! to X", quotations that run over several sentences, and the source of earlier sentences
//! carried forward (news keeps reporting one source until it names another).

use annals_document::Doc;

use crate::actors::{Actor, ActorCoder, Memory};
use crate::lexicon::{EventLexicon, Frame, TriggerPos};
use crate::tree::Sent;

/// The source of a claim and the words that attribute it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The speaker.
    pub speaker: Actor,
    /// The attributing words ("said", "according to").
    pub cue: String,
    /// Whether it was carried over from an earlier sentence or quote.
    pub inherited: bool,
}

/// The attribution of one region of a sentence.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// Tokens whose events the source claims (doc-level, sorted).
    pub tokens: Vec<usize>,
    /// The source.
    pub source: Source,
    /// The reporting verb or cue token (not itself an event).
    pub cue_token: usize,
}

/// Quotations in a document: token ranges between opening and closing quote marks.
pub fn quotations(doc: &Doc) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, t) in doc.tokens.iter().enumerate() {
        let raw = doc.slice(t.span);
        let opening = matches!(raw, "\u{201c}" | "\u{00ab}" | "\u{201e}")
            || (raw == "\"" && (i == 0 || doc.tokens[i - 1].space_after) && !t.space_after);
        let closing = matches!(raw, "\u{201d}" | "\u{00bb}") || (raw == "\"" && !opening);
        if opening && open.is_none() {
            open = Some(i);
        } else if closing && let Some(start) = open.take() {
            out.push(start + 1..i);
        }
    }
    out
}

/// Find the attributions of one sentence: reporting verbs with their content, and
/// "according to".
pub fn sentence_attributions(
    s: &Sent,
    events: &EventLexicon,
    coder: &ActorCoder,
    memory: &mut Memory,
    previous: Option<&Source>,
) -> Vec<Attribution> {
    let mut out = Vec::new();
    for v in s.tokens() {
        // "according to X"
        if s.lower(v) == "according" {
            // "according to X": "according" is X's case marker, or a verb with X as its object.
            let x = s
                .head(v)
                .filter(|_| matches!(s.base_rel(v), "case" | "mark"))
                .or_else(|| {
                    s.children(v).iter().copied().find(|&c| {
                        matches!(s.base_rel(c), "obl" | "nmod" | "obj")
                            && s.case_of(c) == Some("to")
                    })
                });
            if let Some(x) = x {
                let speaker = coder.actor(s, x, memory);
                let excluded = s.subtree(x);
                let tokens: Vec<usize> = s.tokens().filter(|t| !excluded.contains(t)).collect();
                out.push(Attribution {
                    tokens,
                    source: Source {
                        speaker,
                        cue: "according to".to_string(),
                        inherited: false,
                    },
                    cue_token: v,
                });
            }
            continue;
        }
        if s.upos(v) != annals_document::Upos::Verb {
            continue;
        }
        // Reporting verbs, and denials and allegations: "X denied that Y" is X's claim.
        let is_report = events
            .patterns(TriggerPos::Verb, s.lemma(v))
            .iter()
            .any(|p| matches!(p.frame, Some(Frame::Report | Frame::Deny | Frame::Allege)));
        if !is_report {
            continue;
        }
        let content: Vec<usize> = {
            let complements: Vec<usize> = s
                .children(v)
                .iter()
                .copied()
                .filter(|&c| matches!(s.base_rel(c), "ccomp" | "parataxis"))
                .flat_map(|c| s.subtree(c))
                .collect();
            if !complements.is_empty() {
                let mut c = complements;
                c.sort_unstable();
                c
            } else if s.head(v).is_some() || v >= s.range.start + s.range.len() / 2 {
                // "…, the Russian military says" (a parenthetical or sentence-final reporting
                // verb): the claim is the rest of the sentence.
                let own = s.subtree(v);
                s.tokens().filter(|t| !own.contains(t)).collect()
            } else {
                Vec::new()
            }
        };
        if content.is_empty() {
            continue;
        }
        let Some(speaker) = pick_speaker(s, v, &content, coder, memory, previous) else {
            continue;
        };
        // The speaker's own words are not part of what they claim.
        let speaker_tokens = s.subtree(speaker.head);
        let content: Vec<usize> = content
            .into_iter()
            .filter(|t| !speaker_tokens.contains(t))
            .collect();
        out.push(Attribution {
            tokens: content,
            source: Source {
                speaker,
                cue: s.doc.slice(s.token(v).span).to_string(),
                inherited: false,
            },
            cue_token: v,
        });
    }
    out
}

/// Whether a phrase can be a source: a coded actor, a person, or a resolved reference.
fn plausible(actor: &Actor) -> bool {
    !actor.code.is_empty() || actor.person || actor.resolved_from.is_some()
}

/// The speaker of reporting verb `v`: its subject; failing that (a parse that attached the
/// subject elsewhere), the nearest person named shortly before the verb, the noun right before
/// it ("…, the Russian general said"), then the subject of the sentence's root.
fn pick_speaker(
    s: &Sent,
    v: usize,
    content: &[usize],
    coder: &ActorCoder,
    memory: &mut Memory,
    previous: Option<&Source>,
) -> Option<Actor> {
    let subject = crate::args::subject(s, v);
    let mut candidates: Vec<usize> = subject.into_iter().collect();
    let persons: Vec<usize> = s
        .doc
        .entities
        .iter()
        .filter(|e| e.label == "person" && (e.tokens.end as usize) <= v)
        .filter(|e| s.range.contains(&(e.tokens.start as usize)))
        .map(|e| {
            // The entity's head: the token whose own head lies outside the entity.
            e.tokens
                .clone()
                .map(|t| t as usize)
                .find(|&t| s.head(t).is_none_or(|h| !e.tokens.contains(&(h as u32))))
                .unwrap_or(e.tokens.end as usize - 1)
        })
        .collect();
    let persons: Vec<usize> = persons.into_iter().rev().filter(|&p| v - p <= 20).collect();
    candidates.extend(persons.iter().copied());
    // "…, the Russian general said.": the noun right before the verb, when the parse attached
    // it elsewhere.
    if let Some(before) = (s.range.start..v)
        .rev()
        .find(|&t| s.upos(t) != annals_document::Upos::Punct)
        .filter(|&t| {
            matches!(
                s.upos(t),
                annals_document::Upos::Noun
                    | annals_document::Upos::Propn
                    | annals_document::Upos::Pron
                    | annals_document::Upos::Adj
            ) && v - t <= 2
        })
    {
        // A noun inside a prepositional phrase ("the ministry in Bamako said") stands for the
        // phrase's head.
        let mut x = before;
        while matches!(s.base_rel(x), "nmod" | "compound" | "flat" | "amod")
            && s.head(x).is_some_and(|h| h < v && h + 6 >= x)
        {
            x = s.head(x).expect("checked");
        }
        candidates.push(x);
    }

    if let Some(root) = s
        .tokens()
        .find(|&t| s.head(t).is_none() && !s.rel(t).is_empty())
        && root != v
        && !content.contains(&root)
    {
        candidates.extend(crate::args::subject(s, root));
    }
    for c in candidates {
        if crate::tree::RELATIVE_PRONOUNS.contains(&s.lower(c).as_str()) {
            continue;
        }
        if !matches!(
            s.upos(c),
            annals_document::Upos::Noun
                | annals_document::Upos::Propn
                | annals_document::Upos::Pron
                | annals_document::Upos::Adj
        ) {
            continue;
        }
        // "it added", "he said": the source just quoted, when it is of the right kind.
        let pronoun = s.lower(c);
        if let Some(prev) = previous {
            let fits = match pronoun.as_str() {
                "he" | "she" => prev.speaker.person,
                "it" | "they" => !prev.speaker.person,
                _ => false,
            };
            if fits {
                let mut actor = prev.speaker.clone();
                actor.head = c;
                actor.span = s.token(c).span;
                actor.resolved_from = Some(s.doc.slice(prev.speaker.span).to_string());
                return Some(actor);
            }
        }
        let actor = coder.actor(s, c, memory);
        // A name the recognizer called a person but the actor coder does not ("the Russian
        // General Staff") is no person speaker.
        if persons.contains(&c) && !actor.person && Some(c) != subject {
            continue;
        }
        if plausible(&actor) {
            return Some(actor);
        }
    }
    None
}
