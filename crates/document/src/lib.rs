//! # annals-document
//!
//! The second stage of the pipeline: an [`Article`] becomes a [`Doc`] — the one object that all
//! later stages add token-aligned layers to (as in spaCy). This crate builds the text layer:
//!
//! * **furniture**: lines that are not the article (share prompts, "READ MORE:" cross-links,
//!   photo credits, "Updated N years ago") are found and left out of sentences;
//! * **dateline**: a date line such as "2 Aug, 2018 14:54" becomes the publication date when
//!   the article came without one;
//! * **tokens**: UD-style tokens (punctuation split, clitics `'s` `n't` split, numbers such as
//!   `10,000` kept whole) with byte offsets into the *original* text and a normalised form
//!   (curly quotes, dashes and other typographic variants mapped to ASCII);
//! * **sentences** that survive titles and abbreviations (Col. Gen. U.S. No. Jan.), decimals,
//!   quotes and brackets.
//!
//! Offsets are always byte offsets into [`Doc::text`], which is the article text unchanged.

use std::ops::Range;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use annals_read::Article;

pub mod furniture;
pub mod inflect;
pub mod normalize;
pub mod sentences;
pub mod tokenize;

pub use furniture::{Dateline, Furniture, FurnitureKind};

/// A byte range of [`Doc::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The span as a `usize` range, to slice the text with.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether `other` lies inside this span.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Universal part-of-speech tags (UD v2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Upos {
    /// Not tagged yet.
    #[default]
    #[serde(rename = "_")]
    Unknown,
    /// Adjective.
    Adj,
    /// Adposition.
    Adp,
    /// Adverb.
    Adv,
    /// Auxiliary.
    Aux,
    /// Coordinating conjunction.
    Cconj,
    /// Determiner.
    Det,
    /// Interjection.
    Intj,
    /// Noun.
    Noun,
    /// Numeral.
    Num,
    /// Particle.
    Part,
    /// Pronoun.
    Pron,
    /// Proper noun.
    Propn,
    /// Punctuation.
    Punct,
    /// Subordinating conjunction.
    Sconj,
    /// Symbol.
    Sym,
    /// Verb.
    Verb,
    /// Other.
    X,
}

impl Upos {
    /// All tags, in a fixed order (index = tag id for models).
    pub const ALL: [Upos; 18] = [
        Upos::Unknown,
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    /// The tag as written in CoNLL-U.
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Unknown => "_",
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    /// Parse a CoNLL-U tag; unknown strings give `None`.
    pub fn parse(tag: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.as_str() == tag)
    }
}

/// Where a token's sentence stands in the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// The headline (first short line of a plain-text article, or the record's title).
    Headline,
    /// Article body.
    Body,
}

/// One token: a word or punctuation mark.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Token {
    /// Where the token is in the original text.
    pub span: Span,
    /// Normalised form: typographic quotes, dashes and spaces mapped to ASCII, NFKC applied.
    pub norm: String,
    /// Whether whitespace follows the token in the text.
    pub space_after: bool,
    /// Universal POS tag (syntax stage).
    pub upos: Upos,
    /// Language-specific tag, Penn Treebank style (syntax stage); empty when not tagged.
    pub xpos: &'static str,
    /// Lemma (syntax stage); empty when not lemmatised.
    pub lemma: String,
    /// Index (in [`Doc::tokens`]) of the syntactic head; `None` for the root or when not parsed.
    pub head: Option<u32>,
    /// Dependency relation to the head, UD v2 with subtypes (`nsubj:pass`); empty if not parsed.
    pub deprel: &'static str,
}

impl Token {
    /// A token with no syntax yet.
    pub fn new(span: Span, norm: String, space_after: bool) -> Token {
        Token {
            span,
            norm,
            space_after,
            upos: Upos::Unknown,
            xpos: "",
            lemma: String::new(),
            head: None,
            deprel: "",
        }
    }

    /// The lemma if the syntax stage set one, else the lower-cased normalised form.
    pub fn lemma_or_lower(&self) -> String {
        if self.lemma.is_empty() {
            self.norm.to_lowercase()
        } else {
            self.lemma.clone()
        }
    }
}

/// One sentence: a run of tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// Bytes covered, from the first token's start to the last token's end.
    pub span: Span,
    /// Indices into [`Doc::tokens`].
    pub tokens: Range<u32>,
    /// Headline or body.
    pub kind: SentenceKind,
}

impl Sentence {
    /// Token indices as `usize`.
    pub fn token_range(&self) -> Range<usize> {
        self.tokens.start as usize..self.tokens.end as usize
    }
}

/// A named entity (syntax stage), over tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// Token indices into [`Doc::tokens`].
    pub tokens: Range<u32>,
    /// Entity type (`person`, `organization`, `place`, … as in GUM).
    pub label: &'static str,
    /// Bytes covered.
    pub span: Span,
}

/// How the publication date was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicationDateSource {
    /// Given with the article (metadata or command line).
    Given,
    /// Read from a dateline in the text.
    Dateline,
    /// Unknown.
    Unknown,
}

/// An article with its layers. Stages add to it; offsets refer to [`Doc::text`].
#[derive(Debug, Clone, Serialize)]
pub struct Doc {
    /// Article id.
    pub id: String,
    /// The article text, unchanged.
    pub text: String,
    /// Headline given separately from the text (not part of [`Doc::text`]).
    pub title: Option<String>,
    /// Publication date (given, or from a dateline).
    pub date: Option<NaiveDate>,
    /// How [`Doc::date`] was obtained.
    pub date_source: PublicationDateSource,
    /// URL of the article.
    pub url: Option<String>,
    /// Publisher of the article.
    pub publisher: Option<String>,
    /// Spans of the text that are site furniture, not article.
    pub furniture: Vec<Furniture>,
    /// The dateline, when the text has one.
    pub dateline: Option<Dateline>,
    /// All tokens of all sentences, in text order.
    pub tokens: Vec<Token>,
    /// Sentences, in text order.
    pub sentences: Vec<Sentence>,
    /// Named entities (syntax stage), in text order.
    pub entities: Vec<Entity>,
}

impl Doc {
    /// Build the text layer of an article: furniture, dateline, tokens and sentences.
    pub fn from_article(article: &Article) -> Doc {
        let text = article.text.clone();
        let scan = furniture::scan(&text);
        let (date, date_source) = match (article.date, &scan.dateline) {
            (Some(d), _) => (Some(d), PublicationDateSource::Given),
            (None, Some(line)) if line.date.is_some() => {
                (line.date, PublicationDateSource::Dateline)
            }
            _ => (None, PublicationDateSource::Unknown),
        };
        let mut excluded: Vec<Span> = scan.furniture.iter().map(|f| f.span).collect();
        if let Some(line) = &scan.dateline {
            excluded.push(line.span);
        }
        excluded.sort();
        let tokens = tokenize::tokenize_excluding(&text, &excluded);
        let sentences = sentences::split(&text, &tokens, scan.headline);
        Doc {
            id: article.id.clone(),
            text,
            title: article.title.clone(),
            date,
            date_source,
            url: article.url.clone(),
            publisher: article.publisher.clone(),
            furniture: scan.furniture,
            dateline: scan.dateline,
            tokens,
            sentences,
            entities: Vec::new(),
        }
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.token_range()]
    }

    /// The original text of a sentence.
    pub fn sentence_text(&self, sentence: &Sentence) -> &str {
        self.slice(sentence.span)
    }

    /// Index of the sentence holding token `token`.
    pub fn sentence_of_token(&self, token: usize) -> Option<usize> {
        let t = token as u32;
        let i = self.sentences.partition_point(|s| s.tokens.end <= t);
        (i < self.sentences.len() && self.sentences[i].tokens.contains(&t)).then_some(i)
    }

    /// The span covering tokens `range` (doc-level indices).
    pub fn tokens_span(&self, range: Range<usize>) -> Span {
        if range.is_empty() {
            let at = self.tokens.get(range.start).map_or(0, |t| t.span.start);
            return Span { start: at, end: at };
        }
        Span {
            start: self.tokens[range.start].span.start,
            end: self.tokens[range.end - 1].span.end,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc {
        Doc::from_article(&Article::new("t", text))
    }

    #[test]
    fn offsets_point_into_original_text() {
        let d = doc("“Unique” op — done.\u{a0}Russia’s troops didn’t stop.");
        for t in &d.tokens {
            let original = d.slice(t.span);
            assert!(!original.is_empty());
            assert!(!original.contains(' '));
        }
        let norms: Vec<&str> = d.tokens.iter().map(|t| t.norm.as_str()).collect();
        assert!(norms.contains(&"\""), "{norms:?}");
        assert!(norms.contains(&"'s"), "{norms:?}");
        assert!(norms.contains(&"n't"), "{norms:?}");
        assert!(norms.contains(&"--"), "{norms:?}");
        assert_eq!(d.sentences.len(), 2);
    }

    #[test]
    fn empty_and_whitespace_documents() {
        assert!(doc("").tokens.is_empty());
        assert!(doc(" \n\t \n").sentences.is_empty());
    }

    #[test]
    fn sentence_of_token_lookup() {
        let d = doc("One two. Three four.");
        assert_eq!(d.sentences.len(), 2);
        assert_eq!(d.sentence_of_token(0), Some(0));
        assert_eq!(d.sentence_of_token(3), Some(1));
        assert_eq!(d.sentence_of_token(99), None);
    }

    #[test]
    fn dateline_gives_publication_date() {
        let d = doc("Headline here\n\n2 Aug, 2018 14:54 / Updated 6 years ago\n\nTroops advanced.");
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2018, 8, 2));
        assert_eq!(d.date_source, PublicationDateSource::Dateline);
        let texts: Vec<&str> = d.sentences.iter().map(|s| d.sentence_text(s)).collect();
        assert_eq!(texts, vec!["Headline here", "Troops advanced."]);
        assert_eq!(d.sentences[0].kind, SentenceKind::Headline);
    }

    #[test]
    fn given_date_wins_over_dateline() {
        let mut a = Article::new("t", "2 Aug, 2018 14:54\n\nText.");
        a.date = NaiveDate::from_ymd_opt(2020, 1, 1);
        let d = Doc::from_article(&a);
        assert_eq!(d.date, a.date);
        assert_eq!(d.date_source, PublicationDateSource::Given);
    }

    #[test]
    fn mixed_scripts_and_invalid_replacements_do_not_panic() {
        let d = doc("Дамаск (دمشق) 東京 \u{fffd}\u{fffd} said: 😀 ok.  Zürich.");
        for t in &d.tokens {
            assert!(d.text.is_char_boundary(t.span.start as usize));
            assert!(d.text.is_char_boundary(t.span.end as usize));
        }
        assert!(!d.tokens.is_empty());
    }
}
