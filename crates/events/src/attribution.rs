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
        } else if closing {
            if let Some(start) = open.take() {
                out.push(start + 1..i);
            }
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
) -> Vec<Attribution> {
    let mut out = Vec::new();
    for v in s.tokens() {
        // "according to X"
        if s.lemma(v) == "according" {
            if let Some(x) = s.head(v).filter(|_| matches!(s.base_rel(v), "case" | "mark")) {
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
        let is_report = events
            .patterns(TriggerPos::Verb, s.lemma(v))
            .iter()
            .any(|p| p.frame == Some(Frame::Report));
        if !is_report {
            continue;
        }
        let Some(subject) = crate::args::subject(s, v) else {
            continue;
        };
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
            } else if matches!(s.base_rel(v), "parataxis" | "ccomp" | "advcl") || s.head(v).is_some() {
                // "…, the Russian military says": the rest of the sentence.
                let own = s.subtree(v);
                s.tokens().filter(|t| !own.contains(t)).collect()
            } else {
                Vec::new()
            }
        };
        if content.is_empty() {
            continue;
        }
        let speaker = coder.actor(s, subject, memory);
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
