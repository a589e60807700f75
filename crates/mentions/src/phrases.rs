//! A dictionary of multi-word phrases matched over tokens, for large lexicons.
//!
//! Phrases are sequences of folded (normalised, lower-cased) tokens. Matching runs one
//! Aho-Corasick automaton (leftmost-longest) over the document rendered as
//! `\x01tok\x02\x01tok\x02…`, so every match starts and ends on token boundaries and never crosses
//! a sentence (sentences are separated by `\x03`). Phrases written in capitals (`IS`, `US`, `HTS`)
//! can be marked case-sensitive: they then match only tokens written exactly so.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use annals_document::Doc;

const TOKEN_START: char = '\u{1}';
const TOKEN_END: char = '\u{2}';
const SENTENCE_BREAK: char = '\u{3}';

/// A phrase to add to a [`PhraseDict`].
#[derive(Debug, Clone)]
pub struct Phrase<V> {
    /// The phrase's tokens as written (used for case-sensitive matching).
    pub tokens: Vec<String>,
    /// Match only tokens written exactly like `tokens`.
    pub case_sensitive: bool,
    /// Value returned with each match.
    pub value: V,
}

/// A match of a phrase in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch<'a, V> {
    /// Doc-level token indices.
    pub tokens: Range<usize>,
    /// The phrase's value.
    pub value: &'a V,
}

/// A compiled dictionary of phrases.
#[derive(Debug, Clone)]
pub struct PhraseDict<V> {
    automaton: AhoCorasick,
    phrases: Vec<Phrase<V>>,
}

/// Fold a token for matching: normalised and lower-cased.
pub fn fold_token(norm: &str) -> String {
    norm.to_lowercase()
}

fn render(tokens: &[String]) -> String {
    let mut s = String::with_capacity(tokens.iter().map(|t| t.len() + 2).sum());
    for t in tokens {
        s.push(TOKEN_START);
        s.push_str(&fold_token(t));
        s.push(TOKEN_END);
    }
    s
}

impl<V> PhraseDict<V> {
    /// Compile a dictionary. Phrases with no tokens are ignored.
    pub fn build(phrases: Vec<Phrase<V>>) -> PhraseDict<V> {
        let phrases: Vec<Phrase<V>> = phrases
            .into_iter()
            .filter(|p| !p.tokens.is_empty())
            .collect();
        let patterns: Vec<String> = phrases.iter().map(|p| render(&p.tokens)).collect();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("phrase patterns compile");
        PhraseDict { automaton, phrases }
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// Whether the dictionary is empty.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// All non-overlapping leftmost-longest matches in a document, in text order.
    pub fn find_in_doc<'a>(&'a self, doc: &Doc) -> Vec<PhraseMatch<'a, V>> {
        let mut hay = String::with_capacity(doc.text.len() + doc.tokens.len() * 3);
        let mut starts: Vec<(usize, usize)> = Vec::with_capacity(doc.tokens.len());
        for sentence in &doc.sentences {
            for i in sentence.token_range() {
                starts.push((hay.len(), i));
                hay.push(TOKEN_START);
                hay.push_str(&fold_token(&doc.tokens[i].norm));
                hay.push(TOKEN_END);
            }
            hay.push(SENTENCE_BREAK);
        }
        self.matches(&hay, &starts, |i| doc.tokens[i].norm.as_str())
    }

    /// Matches over a plain list of token forms (one sentence).
    pub fn find_in_tokens<'a>(&'a self, tokens: &[&str]) -> Vec<PhraseMatch<'a, V>> {
        let mut hay = String::new();
        let mut starts = Vec::with_capacity(tokens.len());
        for (i, t) in tokens.iter().enumerate() {
            starts.push((hay.len(), i));
            hay.push(TOKEN_START);
            hay.push_str(&fold_token(t));
            hay.push(TOKEN_END);
        }
        self.matches(&hay, &starts, |i| tokens[i])
    }

    fn matches<'a, 'f>(
        &'a self,
        hay: &str,
        starts: &[(usize, usize)],
        form: impl Fn(usize) -> &'f str,
    ) -> Vec<PhraseMatch<'a, V>> {
        let mut out = Vec::new();
        for m in self.automaton.find_iter(hay) {
            let phrase = &self.phrases[m.pattern().as_usize()];
            let Ok(first) = starts.binary_search_by_key(&m.start(), |&(offset, _)| offset) else {
                continue;
            };
            let first_token = starts[first].1;
            let n = phrase.tokens.len();
            if phrase.case_sensitive {
                let exact = (0..n).all(|k| {
                    starts
                        .get(first + k)
                        .is_some_and(|&(_, tok)| form(tok) == phrase.tokens[k])
                });
                if !exact {
                    continue;
                }
            }
            out.push(PhraseMatch {
                tokens: first_token..first_token + n,
                value: &phrase.value,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_document::Article;

    fn dict() -> PhraseDict<&'static str> {
        let p = |words: &str, cs: bool, v| Phrase {
            tokens: words.split(' ').map(str::to_string).collect(),
            case_sensitive: cs,
            value: v,
        };
        PhraseDict::build(vec![
            p("Islamic State", false, "IS-long"),
            p("IS", true, "IS"),
            p("state", false, "state"),
            p("military police", false, "COP"),
            p("military", false, "MIL"),
        ])
    }

    #[test]
    fn longest_match_on_token_boundaries() {
        let doc = Doc::from_article(&Article::new(
            "t",
            "Islamic State fighters met Russian military police. This is a state.",
        ));
        let found: Vec<&str> = dict().find_in_doc(&doc).iter().map(|m| *m.value).collect();
        assert_eq!(found, vec!["IS-long", "COP", "state"]);
    }

    #[test]
    fn case_sensitive_phrases() {
        let d = dict();
        let hits = d.find_in_tokens(&["IS", "is", "here"]);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].tokens, 0..1);
    }

    #[test]
    fn matches_do_not_cross_sentences() {
        let doc = Doc::from_article(&Article::new("t", "He was Islamic. State media said so."));
        let found: Vec<&str> = dict().find_in_doc(&doc).iter().map(|m| *m.value).collect();
        assert_eq!(found, vec!["state"]);
    }
}
