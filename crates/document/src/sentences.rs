//! Sentence splitting over tokens.
//!
//! A sentence ends at a paragraph break, after the headline, or after a terminal mark (`.`, `!`,
//! `?`, `...`) — together with any closing quotes and brackets — when the next token can start a
//! sentence (a capital, a digit, an opening quote or bracket). Titles and other abbreviations
//! keep their period inside the token (see [`crate::tokenize`]) and so do not end a sentence,
//! except a few (`U.S.`, `Inc.`) before a word that typically starts one. In a text written
//! in lower case (fewer than one letter in a hundred a capital, as in some scraped or
//! normalised archives), a terminal mark before a lower-case word ends a sentence too.

use crate::tokenize::is_abbreviation;
use crate::{Sentence, SentenceKind, Span, Token};

/// Sentences longer than this many tokens are cut at the next comma or semicolon, and hard at
/// twice the length, so that one runaway line cannot stall later stages.
pub const SOFT_MAX_TOKENS: usize = 150;

/// Abbreviations that are never the last word of a sentence (titles, "No.").
const NEVER_FINAL: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "cmdr", "cdr", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "brig", "lieut",
    "supt", "insp", "det", "fr", "st", "mt", "ft", "no", "nos", "messrs", "mme", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "art", "gens",
    "cols",
];

/// Words that often start a sentence; after an ambiguous abbreviation ("U.S.") they mark a new
/// sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "in",
    "on",
    "at",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "its",
    "their",
    "our",
    "after",
    "as",
    "when",
    "while",
    "however",
    "meanwhile",
    "earlier",
    "later",
    "according",
    "officials",
    "some",
    "many",
    "most",
    "if",
    "since",
    "during",
    "for",
    "with",
    "yet",
    "still",
    "also",
    "last",
    "on",
    "one",
    "two",
    "three",
    "both",
    "what",
    "why",
    "how",
    "who",
];

/// Split `tokens` of `text` into sentences. Tokens inside `headline` form their own sentence.
pub fn split(text: &str, tokens: &[Token], headline: Option<Span>) -> Vec<Sentence> {
    let lower_case_text = is_lower_case_text(text);
    let mut sentences = Vec::new();
    let mut start = 0usize;
    for i in 0..tokens.len() {
        let end_here = i + 1 == tokens.len()
            || boundary_after(text, tokens, i, headline)
            || lower_case_text && lower_case_boundary_after(text, tokens, i);
        let long = i + 1 - start >= SOFT_MAX_TOKENS
            && (matches!(tokens[i].norm.as_str(), "," | ";" | ":")
                || i + 1 - start >= 2 * SOFT_MAX_TOKENS);
        if end_here || long {
            let kind = match headline {
                Some(h) if h.contains(tokens[start].span) => SentenceKind::Headline,
                _ => SentenceKind::Body,
            };
            sentences.push(Sentence {
                span: Span {
                    start: tokens[start].span.start,
                    end: tokens[i].span.end,
                },
                tokens: start as u32..(i + 1) as u32,
                kind,
            });
            start = i + 1;
        }
    }
    sentences
}

/// Whether a text is written in lower case: it has letters, and fewer than one in a hundred
/// is a capital (edited English prose has three or four in a hundred).
fn is_lower_case_text(text: &str) -> bool {
    let (mut letters, mut capitals) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        capitals += usize::from(c.is_uppercase());
    }
    letters >= 40 && capitals * 100 < letters
}

/// In a lower-case text: a terminal mark (`.`, `!`, `?`, not an abbreviation's period) followed
/// by a space and a lower-case word ends a sentence.
fn lower_case_boundary_after(text: &str, tokens: &[Token], i: usize) -> bool {
    let (this, next) = (&tokens[i], &tokens[i + 1]);
    let gap = &text[this.span.end as usize..next.span.start as usize];
    is_terminal(&this.norm)
        && !gap.is_empty()
        && next.norm.chars().next().is_some_and(char::is_lowercase)
}

fn is_terminal(norm: &str) -> bool {
    matches!(norm, "." | "!" | "?" | "..." | "?!" | "!?") || norm.chars().all(|c| c == '.')
}

/// Whether token `i` closes a quotation or bracket. Straight quotes count as closing unless
/// they are spaced before and attached to what follows.
fn is_closing_at(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    match &text[t.span.range()] {
        "\u{201d}" | "\u{2019}" | "\u{00bb}" | "\u{203a}" | "''" | ")" | "]" | "}" => true,
        "\"" | "'" => {
            let space_before = i == 0 || tokens[i - 1].space_after;
            !space_before || t.space_after
        }
        _ => false,
    }
}

fn can_start_sentence(token: &Token) -> bool {
    let first = token.norm.chars().next().unwrap_or(' ');
    first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '"' | '\'' | '(' | '[' | '-' | '*')
        || !first.is_alphabetic() && !first.is_ascii_punctuation()
}

fn boundary_after(text: &str, tokens: &[Token], i: usize, headline: Option<Span>) -> bool {
    let this = &tokens[i];
    let next = &tokens[i + 1];
    let gap = &text[this.span.end as usize..next.span.start as usize];
    // Paragraph breaks and skipped furniture always end a sentence.
    if gap.matches('\n').count() >= 2 || !gap.trim().is_empty() && gap.contains('\n') {
        return true;
    }
    if let Some(h) = headline
        && h.contains(this.span)
        && !h.contains(next.span)
    {
        return true;
    }
    if gap.contains('\n') && line_break_ends_sentence(text, tokens, i) {
        return true;
    }
    let norm = this.norm.as_str();
    let next_closes = is_closing_at(text, tokens, i + 1);
    if is_closing_at(text, tokens, i) {
        // A closing quote or bracket ends the sentence if a terminal mark precedes it.
        let mut j = i;
        while j > 0 && is_closing_at(text, tokens, j) {
            j -= 1;
        }
        if j < i && is_terminal(&tokens[j].norm) {
            return can_start_sentence(next) && !next_closes;
        }
        return false;
    }
    if is_terminal(norm) {
        if next_closes {
            return false; // the closing mark takes the boundary
        }
        return can_start_sentence(next);
    }
    if let Some(word) = norm.strip_suffix('.') {
        if word.is_empty() || !can_start_sentence(next) {
            return false;
        }
        let lower = word.to_ascii_lowercase();
        if NEVER_FINAL.contains(&lower.as_str()) {
            return false;
        }
        // Single initials ("J.") are names, not sentence ends.
        if word.chars().count() == 1 {
            return false;
        }
        let next_lower = next.norm.to_ascii_lowercase();
        let dotted = word.contains('.');
        if dotted || is_abbreviation(word) {
            return SENTENCE_STARTERS.contains(&next_lower.as_str());
        }
    }
    false
}

/// A single line break ends a sentence after a short line without final punctuation that is
/// followed by a capitalised line (a title, a list item), not inside wrapped paragraphs.
fn line_break_ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let this = &tokens[i];
    let line_start = text[..this.span.end as usize]
        .rfind('\n')
        .map_or(0, |p| p + 1);
    let line_len = this.span.end as usize - line_start;
    let ends_clause = this
        .norm
        .ends_with(|c: char| c.is_alphanumeric() || c == '"' || c == ')');
    line_len < 60 && ends_clause && can_start_sentence(&tokens[i + 1])
}

#[cfg(test)]
mod tests {
    use crate::{Article, Doc};

    fn sents(text: &str) -> Vec<String> {
        let d = Doc::from_article(&Article::new("t", text));
        d.sentences
            .iter()
            .map(|s| d.sentence_text(s).to_string())
            .collect()
    }

    #[test]
    fn lower_case_text_splits_before_lower_case_words() {
        let text = "delhi: police arrested two men on sunday. the arrests followed a raid on \
                    a house in the old city. a third man was held in connection with the theft \
                    of st. mary's school funds.";
        assert_eq!(
            sents(text),
            vec![
                "delhi: police arrested two men on sunday.",
                "the arrests followed a raid on a house in the old city.",
                "a third man was held in connection with the theft of st. mary's school funds."
            ]
        );
        // In ordinary text a lower-case word after a period does not start a sentence.
        assert_eq!(
            sents("Police arrested two men in the city. the arrests followed a raid."),
            vec!["Police arrested two men in the city. the arrests followed a raid."]
        );
    }

    #[test]
    fn titles_and_abbreviations() {
        assert_eq!(
            sents("Col. Gen. Sergey Rudskoy spoke. He met U.S. officials on Jan. 5. No. 10 fell."),
            vec![
                "Col. Gen. Sergey Rudskoy spoke.",
                "He met U.S. officials on Jan. 5.",
                "No. 10 fell."
            ]
        );
        assert_eq!(
            sents("Troops left the U.S. The base closed."),
            vec!["Troops left the U.S.", "The base closed."]
        );
    }

    #[test]
    fn quotes_and_brackets() {
        assert_eq!(
            sents("“It was unique,” he said. “Stay.” Then they left (as planned.) Done."),
            vec![
                "“It was unique,” he said.",
                "“Stay.”",
                "Then they left (as planned.)",
                "Done."
            ]
        );
        assert_eq!(
            sents("Is it over? he asked. Yes!"),
            vec!["Is it over? he asked.", "Yes!"]
        );
    }

    #[test]
    fn decimals_and_paragraphs() {
        assert_eq!(
            sents("Prices rose 3.5 percent\n\nNew paragraph here"),
            vec!["Prices rose 3.5 percent", "New paragraph here"]
        );
    }

    #[test]
    fn wrapped_lines_are_not_split() {
        let text = "THE ARCE BATTALION COMMAND HAS REPORTED THAT ABOUT 50 PEASANTS OF VARIOUS\nAGES HAVE BEEN KIDNAPPED BY TERRORISTS.";
        assert_eq!(sents(text).len(), 1);
    }

    #[test]
    fn runaway_lines_are_cut() {
        let text = "word, ".repeat(1000);
        let d = Doc::from_article(&Article::new("t", text));
        assert!(d.sentences.len() > 5);
        assert!(
            d.sentences
                .iter()
                .all(|s| s.tokens.len() <= 2 * super::SOFT_MAX_TOKENS)
        );
    }

    #[test]
    fn ten_megabyte_single_line() {
        let text =
            "Militants attacked a checkpoint near the town on Monday and fled ".repeat(160_000);
        assert!(text.len() > 10_000_000);
        let d = Doc::from_article(&Article::new("big", text));
        assert!(d.tokens.len() > 1_000_000);
        assert!(d.sentences.len() > 1000);
    }
}
