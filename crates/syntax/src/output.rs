//! CoNLL-U output of analyses and annotated documents (`annals annotate --format conllu`).
//! Entities are written to MISC as GUM-style brackets (`Entity=(1-person` … `1)`), so the
//! output reads back with [`crate::conllu::parse`].

use annals_document::Doc;

use crate::Analysis;
use crate::conllu::{Sentence, Word};

/// Entity bracket strings per word for entities over `n` words.
fn entity_brackets(
    n: usize,
    entities: impl Iterator<Item = (std::ops::Range<usize>, &'static str)>,
) -> Vec<String> {
    let mut out = vec![String::new(); n];
    for (k, (range, label)) in entities.enumerate() {
        if range.is_empty() || range.end > n {
            continue;
        }
        let id = k + 1;
        if range.len() == 1 {
            out[range.start].push_str(&format!("({id}-{label})"));
        } else {
            out[range.start].push_str(&format!("({id}-{label}"));
            out[range.end - 1].push_str(&format!("{id})"));
        }
    }
    out
}

fn misc(entity: &str, space_after: bool) -> String {
    let mut parts = Vec::new();
    if !entity.is_empty() {
        parts.push(format!("Entity={entity}"));
    }
    if !space_after {
        parts.push("SpaceAfter=No".to_string());
    }
    if parts.is_empty() {
        "_".to_string()
    } else {
        parts.join("|")
    }
}

/// A CoNLL-U sentence from word forms and their analysis.
pub fn analysis_sentence(forms: &[&str], space_after: &[bool], analysis: &Analysis) -> Sentence {
    let brackets = entity_brackets(
        forms.len(),
        analysis.entities.iter().map(|e| (e.words.clone(), e.label)),
    );
    let words = forms
        .iter()
        .enumerate()
        .map(|(i, form)| {
            let a = analysis.words.get(i);
            Word {
                form: (*form).to_string(),
                lemma: a.map_or_else(|| "_".into(), |a| a.lemma.clone()),
                upos: a.map_or("_", |a| a.upos.as_str()).to_string(),
                xpos: a.map_or("_", |a| a.xpos).to_string(),
                feats: a.map_or("_", |a| a.feats).to_string(),
                head: a.map(|a| a.head.map_or(0, |h| h + 1)),
                deprel: a.map_or("_", |a| a.deprel).to_string(),
                misc: misc(&brackets[i], space_after.get(i).copied().unwrap_or(true)),
            }
        })
        .collect();
    Sentence {
        words,
        ..Sentence::default()
    }
}

/// An annotated document as CoNLL-U: `# newdoc id`, then per sentence `# sent_id` and
/// `# text`, and one line per token with the syntax layers and entities.
pub fn doc_to_conllu(doc: &Doc) -> String {
    let mut out = String::new();
    for (k, sentence) in doc.sentences.iter().enumerate() {
        let range = sentence.token_range();
        let tokens = &doc.tokens[range.clone()];
        let start = range.start as u32;
        let entities = doc
            .entities
            .iter()
            .filter(|e| e.tokens.start >= start && e.tokens.end <= range.end as u32)
            .map(|e| {
                (
                    (e.tokens.start - start) as usize..(e.tokens.end - start) as usize,
                    e.label,
                )
            });
        let brackets = entity_brackets(tokens.len(), entities);
        let mut comments = Vec::new();
        if k == 0 {
            comments.push(format!("newdoc id = {}", doc.id));
        }
        comments.push(format!("sent_id = {}-{}", doc.id, k + 1));
        comments.push(format!(
            "text = {}",
            doc.sentence_text(sentence).replace('\n', " ")
        ));
        let words = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| Word {
                form: t.norm.clone(),
                lemma: t.lemma.clone(),
                upos: t.upos.as_str().to_string(),
                xpos: t.xpos.to_string(),
                feats: "_".to_string(),
                head: if t.deprel.is_empty() {
                    None
                } else {
                    Some(
                        t.head
                            .map_or(0, |h| h.checked_sub(start).map_or(0, |x| x + 1)),
                    )
                },
                deprel: t.deprel.to_string(),
                misc: misc(&brackets[i], t.space_after),
            })
            .collect();
        crate::conllu::write_sentence(
            &Sentence {
                comments,
                words,
                ..Sentence::default()
            },
            &mut out,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_round_trip_through_the_reader() {
        let b = entity_brackets(4, [(0..1, "person"), (2..4, "place")].into_iter());
        assert_eq!(b, vec!["(1-person)", "", "(2-place", "2)"]);
        let text: String = b
            .iter()
            .enumerate()
            .map(|(i, e)| {
                format!(
                    "{}\tw\tw\tX\tX\t_\t{}\tdep\t_\t{}\n",
                    i + 1,
                    if i == 0 { 0 } else { 1 },
                    misc(e, true)
                )
            })
            .collect();
        let s = crate::conllu::parse(&text).unwrap();
        assert_eq!(s[0].mentions.len(), 2);
        assert_eq!(s[0].mentions[1].words, 2..4);
    }
}
