//! UD-style tokenization with byte offsets into the original text.
//!
//! The text is cut at whitespace into chunks; each chunk is then split the way Universal
//! Dependencies English treebanks are: punctuation apart, clitics (`'s`, `n't`, `'re`, `'ll` …)
//! apart, hyphenated words apart unless the first part is a prefix (`anti-aircraft`) or the word
//! is a name (`As-Suwayda`, `al-Tanf`), while numbers (`10,000`, `3.5`, `14:54`), abbreviations
//! (`U.S.`, `Col.`), URLs and e-mail addresses stay whole.

use crate::normalize::{is_invisible, is_space, normalize};
use crate::{Span, Token};

/// Abbreviations that keep their final period (compared case-sensitively without the period,
/// then lower-cased).
const ABBREVIATIONS: &[&str] = &[
    // titles and ranks
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "capt", "cpt", "sgt", "cpl", "pvt",
    "adm", "cmdr", "cdr", "gov", "sen", "rep", "rev", "hon", "pres", "amb", "brig", "lieut",
    "supt", "insp", "det", "fr", "sr", "jr", "st", "mt", "ft", "messrs", "mme", "mlle", "sec",
    "atty", "supt", "cmdt", "gens", "cols", "sgts", "lts", // months
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    // organisations and places
    "inc", "ltd", "co", "corp", "bros", "dept", "univ", "assn", "ave", "blvd", "rd", "govt", "intl",
    "natl", "mil", // misc
    "vs", "etc", "approx", "est", "fig", "figs", "vol", "vols", "pp", "ed", "eds", "al", "ca",
    "cf", "ibid", "op", "viz", "nos",
];

/// Abbreviations that are real only before a number ("No. 5", "Art. 3").
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "art", "p", "ch", "sec", "para", "tel", "ext"];

/// Prefixes that stay joined to the rest of a hyphenated word, as in UD English.
const HYPHEN_PREFIXES: &[&str] = &[
    "non", "e", "re", "co", "anti", "cross", "pro", "pre", "mid", "counter", "post", "pan", "semi",
    "mini", "inter", "sub", "ex", "self", "multi", "neo", "quasi", "ultra", "vice", "x", "u", "t",
];

/// Arabic (and similar) articles that join a name with a hyphen: `al-Tanf`, `as-Suwayda`.
const NAME_ARTICLES: &[&str] = &[
    "al", "el", "as", "ad", "an", "ar", "at", "az", "ash", "adh", "ath", "ibn", "bin", "abu",
    "abd", "bint", "ul", "ud", "ur", "ben", "de", "da", "di", "du", "le", "la",
];

/// Whether a word (without its final period) is a known abbreviation.
pub fn is_abbreviation(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Whether `word.` is an abbreviation given the chunk that follows (`No. 5`).
fn is_period_abbreviation(word: &str, next_chunk: Option<&str>) -> bool {
    if word.is_empty() || !word.chars().any(char::is_alphabetic) {
        return false;
    }
    // Initials and dotted acronyms: J. / U.S / e.g / a.m
    let dotted = word.split('.').all(|part| {
        let mut chars = part.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
    });
    if dotted && (word.contains('.') || word.chars().all(char::is_uppercase)) {
        return true;
    }
    if is_abbreviation(word) {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    NUMBER_ABBREVIATIONS.contains(&lower.as_str())
        && next_chunk.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\''
            | '\u{201c}'
            | '\u{2018}'
            | '\u{201e}'
            | '\u{00ab}'
            | '\u{2039}'
            | '`'
            | '\u{201a}'
    )
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\''
            | '\u{201d}'
            | '\u{2019}'
            | '\u{00bb}'
            | '\u{203a}'
            | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\u{2026}'
            | '%'
            | '*'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

/// Tokenize a whole text.
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_excluding(text, &[])
}

/// Tokenize a text, leaving out the sorted, non-overlapping `excluded` spans.
pub fn tokenize_excluding(text: &str, excluded: &[Span]) -> Vec<Token> {
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(text.len() / 5);
    let mut cursor = 0usize;
    for span in excluded
        .iter()
        .copied()
        .chain(std::iter::once(Span::new(text.len(), text.len())))
    {
        let (s, e) = (span.start as usize, span.end as usize);
        if s > cursor {
            tokenize_region(text, cursor, s, &mut spans);
        }
        cursor = cursor.max(e);
    }
    spans
        .into_iter()
        .filter_map(|(s, e)| {
            let raw = &text[s..e];
            let norm = normalize(raw);
            if norm.trim().is_empty() {
                return None;
            }
            let space_after = text[e..].chars().next().is_none_or(is_space);
            Some(Token::new(Span::new(s, e), norm.into_owned(), space_after))
        })
        .collect()
}

fn tokenize_region(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let region = &text[start..end];
    let mut chunks: Vec<(usize, usize)> = Vec::new();
    let mut chunk_start: Option<usize> = None;
    for (i, c) in region.char_indices() {
        if is_space(c) || is_invisible(c) && chunk_start.is_none() {
            if let Some(s) = chunk_start.take() {
                chunks.push((s, i));
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        chunks.push((s, region.len()));
    }
    for (k, &(s, e)) in chunks.iter().enumerate() {
        let next = chunks.get(k + 1).map(|&(ns, ne)| &region[ns..ne]);
        split_chunk(region, s, e, next, start, out);
    }
}

fn is_url_or_email(chunk: &str) -> bool {
    let lower = chunk.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || (chunk.contains('@')
            && chunk
                .split('@')
                .nth(1)
                .is_some_and(|d| d.contains('.') && d.len() > 3)
            && !chunk.starts_with('@'))
}

/// Split one whitespace-free chunk `region[s..e]`; offsets are shifted by `base`.
fn split_chunk(
    region: &str,
    mut s: usize,
    mut e: usize,
    next_chunk: Option<&str>,
    base: usize,
    out: &mut Vec<(usize, usize)>,
) {
    // Leading punctuation.
    while s < e {
        let c = region[s..e].chars().next().expect("non-empty");
        let rest = &region[s..e];
        if rest.starts_with("...") {
            out.push((base + s, base + s + 3));
            s += 3;
        } else if rest.starts_with("``") || rest.starts_with("''") {
            // A typewriter double quote (Penn Treebank style, common in wire text).
            out.push((base + s, base + s + 2));
            s += 2;
        } else if rest.starts_with("--") {
            let n = rest.chars().take_while(|&c| c == '-').count();
            out.push((base + s, base + s + n));
            s += n;
        } else if is_opening(c)
            || is_dash(c)
            || matches!(
                c,
                '$' | '\u{00a3}' | '\u{20ac}' | '\u{00a5}' | '<' | '>' | '*' | '~'
            )
            || (matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '/' | '|' | '\u{2026}' | '-'
            ) && !rest[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit()))
        {
            // An apostrophe that starts a clitic-like year ('90s) stays with it.
            if c == '\'' && rest[1..].starts_with(|d: char| d.is_ascii_digit()) {
                break;
            }
            out.push((base + s, base + s + c.len_utf8()));
            s += c.len_utf8();
        } else {
            break;
        }
    }
    if s >= e {
        return;
    }
    if is_url_or_email(&region[s..e]) {
        let core_end = region[s..e]
            .trim_end_matches(['.', ',', ';', ':', ')', '"', '\'', '!', '?', ']'])
            .len();
        out.push((base + s, base + s + core_end));
        push_trailing(region, s + core_end, e, base, out);
        return;
    }
    // Trailing punctuation, collected from the end.
    let mut trailing: Vec<(usize, usize)> = Vec::new();
    while s < e {
        let rest = &region[s..e];
        let c = rest.chars().next_back().expect("non-empty");
        let clen = c.len_utf8();
        if rest.ends_with("...") && rest.len() > 3 {
            trailing.push((e - 3, e));
            e -= 3;
            continue;
        }
        // A closing typewriter quote; after a plural "s" only when a "``" opened before it
        // ("three months'' term" is a doubled possessive apostrophe).
        if rest.ends_with("''")
            && rest.len() > 2
            && (!rest[..rest.len() - 2].ends_with(['s', 'S']) || region[..e].contains("``"))
        {
            trailing.push((e - 2, e));
            e -= 2;
            continue;
        }
        if c == '.' {
            let word = &rest[..rest.len() - 1];
            let followed_by_more = !trailing.is_empty();
            let lookahead = if followed_by_more { None } else { next_chunk };
            if is_period_abbreviation(word, lookahead) {
                break;
            }
            trailing.push((e - 1, e));
            e -= 1;
            continue;
        }
        if is_apostrophe(c) && rest.len() > clen {
            // Possessive plural: "soldiers'" -> "soldiers" "'"
            let before = rest[..rest.len() - clen].chars().next_back();
            if before.is_some_and(|b| b == 's' || b == 'S') {
                trailing.push((e - clen, e));
                e -= clen;
                continue;
            }
        }
        if is_closing(c) || is_dash(c) || (c == '-' && rest.len() > 1) {
            trailing.push((e - clen, e));
            e -= clen;
            continue;
        }
        break;
    }
    split_core(region, s, e, base, out);
    trailing.reverse();
    out.extend(trailing.into_iter().map(|(a, b)| (base + a, base + b)));
}

fn push_trailing(region: &str, s: usize, e: usize, base: usize, out: &mut Vec<(usize, usize)>) {
    for (i, c) in region[s..e].char_indices() {
        out.push((base + s + i, base + s + i + c.len_utf8()));
    }
}

/// Split the core of a chunk at internal separators, then split clitics off each part.
fn split_core(region: &str, s: usize, e: usize, base: usize, out: &mut Vec<(usize, usize)>) {
    if s >= e {
        return;
    }
    let core = &region[s..e];
    if is_iso_date(core) {
        out.push((base + s, base + e));
        return;
    }
    let chars: Vec<(usize, char)> = core.char_indices().collect();
    let mut part_start = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let (off, c) = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|x| x.1);
        let sep_len = if core[off..].starts_with("...") || core[off..].starts_with("--") {
            let n = if core[off..].starts_with("...") {
                3
            } else {
                core[off..].chars().take_while(|&c| c == '-').count()
            };
            Some(n)
        } else if is_dash(c)
            || matches!(
                c,
                '(' | ')'
                    | '['
                    | ']'
                    | '"'
                    | '\u{201c}'
                    | '\u{201d}'
                    | ';'
                    | '!'
                    | '?'
                    | '\u{2026}'
            )
        {
            Some(c.len_utf8())
        } else if c == '.' && i + 1 == chars.len() {
            // A final period left in the core belongs to an abbreviation (see the trailing loop).
            None
        } else if matches!(c, ',' | ':' | '.') {
            // Kept inside numbers (10,000  3.5  14:54) and dotted abbreviations (U.S).
            let digits_around = prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            let letters_around = c == '.'
                && prev.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic);
            if digits_around || letters_around {
                None
            } else {
                Some(1)
            }
        } else if c == '/' {
            let digits_around = prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            // An acronym with a one-letter variant is one name: "SPLM/A" (the movement and
            // its army). "US/UK" stays two.
            let left = &core[part_start..off];
            let after = chars.get(i + 2).map(|(_, ch)| *ch);
            let acronym_variant = left.chars().count() >= 2
                && left.chars().all(|ch| ch.is_ascii_uppercase())
                && next.is_some_and(|n| n.is_ascii_uppercase())
                && !after.is_some_and(char::is_alphanumeric);
            (!digits_around && !acronym_variant).then_some(1)
        } else if is_hyphen(c) {
            let left = &core[part_start..off];
            let right_end = chars[i + 1..]
                .iter()
                .find(|(_, ch)| is_hyphen(*ch) || !ch.is_alphanumeric())
                .map_or(core.len(), |(o, _)| *o);
            let right = &core[off + c.len_utf8()..right_end];
            if keep_hyphenated(left, right) {
                None
            } else {
                Some(c.len_utf8())
            }
        } else {
            None
        };
        if let Some(len) = sep_len {
            if off > part_start {
                split_clitics(region, s + part_start, s + off, base, out);
            }
            out.push((base + s + off, base + s + off + len));
            part_start = off + len;
            while i < chars.len() && chars[i].0 < part_start {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    if part_start < core.len() {
        split_clitics(region, s + part_start, e, base, out);
    }
}

/// `2018-08-02`: an ISO date stays one token.
fn is_iso_date(core: &str) -> bool {
    let b = core.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Whether `left-right` stays one token.
fn keep_hyphenated(left: &str, right: &str) -> bool {
    if left.is_empty() || right.is_empty() {
        return true;
    }
    let lower = left.to_ascii_lowercase();
    let last_part = lower
        .rsplit(['-', '\u{2010}', '\u{2011}'])
        .next()
        .unwrap_or("");
    if HYPHEN_PREFIXES.contains(&last_part) && right.starts_with(char::is_alphabetic) {
        return true;
    }
    // Names: As-Suwayda, al-Tanf, Jean-Pierre, Al-Qaeda.
    let right_upper = right.starts_with(char::is_uppercase);
    let left_upper = left.starts_with(char::is_uppercase);
    if right_upper && (left_upper || NAME_ARTICLES.contains(&last_part)) {
        return !left.chars().all(|c| c.is_ascii_digit());
    }
    // Alphanumeric codes: F-16, MH-17, COVID-19, 9-11 stays split.
    let left_alpha_upper = left.chars().all(|c| c.is_ascii_uppercase());
    let right_digits = right.chars().all(|c| c.is_ascii_digit());
    left_alpha_upper && right_digits
}

/// Split English clitics off the end of a word: `'s 're 've 'll 'd 'm n't`.
fn split_clitics(region: &str, s: usize, e: usize, base: usize, out: &mut Vec<(usize, usize)>) {
    let word = &region[s..e];
    // Find the last apostrophe.
    if let Some((pos, apo)) = word.char_indices().rev().find(|&(_, c)| is_apostrophe(c)) {
        let after = &word[pos + apo.len_utf8()..];
        let lower_after = after.to_ascii_lowercase();
        let before = &word[..pos];
        if !before.is_empty() {
            if lower_after == "t" && before.to_ascii_lowercase().ends_with('n') && before.len() > 1
            {
                // n't: "didn't" -> "did" "n't"; "can't" -> "ca" "n't"
                let split = pos - 1;
                out.push((base + s, base + s + split));
                out.push((base + s + split, base + e));
                return;
            }
            if matches!(lower_after.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m") {
                out.push((base + s, base + s + pos));
                out.push((base + s + pos, base + e));
                return;
            }
        }
    }
    let lower = word.to_ascii_lowercase();
    // Contractions without the apostrophe-split above: "cannot" -> "can" "not", "gonna".
    if lower == "cannot" {
        out.push((base + s, base + s + 3));
        out.push((base + s + 3, base + e));
        return;
    }
    out.push((base + s, base + e));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn toks(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| text[t.span.range()].to_string())
            .collect()
    }

    #[test]
    fn punctuation_and_clitics() {
        assert_eq!(
            toks("Russia’s troops didn't stop, “ever.”"),
            vec![
                "Russia", "’s", "troops", "did", "n't", "stop", ",", "“", "ever", ".", "”"
            ]
        );
        assert_eq!(toks("can't won't"), vec!["ca", "n't", "wo", "n't"]);
        assert_eq!(toks("soldiers' homes"), vec!["soldiers", "'", "homes"]);
    }

    #[test]
    fn an_acronym_with_a_one_letter_variant_is_one_token() {
        assert_eq!(
            toks("the SPLM/A and US/UK forces, and/or A/B."),
            vec![
                "the", "SPLM/A", "and", "US", "/", "UK", "forces", ",", "and", "/", "or", "A", "/",
                "B", "."
            ]
        );
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            toks("almost 10,000 people, 3.5% at 14:54 on 9/11."),
            vec![
                "almost", "10,000", "people", ",", "3.5", "%", "at", "14:54", "on", "9/11", "."
            ]
        );
        assert_eq!(
            toks("on 2018-08-02, 10-15"),
            vec!["on", "2018-08-02", ",", "10", "-", "15"]
        );
        assert_eq!(toks("$50"), vec!["$", "50"]);
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            toks("Col. Gen. Rudskoy of the U.S. Army, No. 5."),
            vec![
                "Col.", "Gen.", "Rudskoy", "of", "the", "U.S.", "Army", ",", "No.", "5", "."
            ]
        );
        assert_eq!(toks("He said no."), vec!["He", "said", "no", "."]);
        assert_eq!(toks("J. Smith"), vec!["J.", "Smith"]);
    }

    #[test]
    fn hyphens_follow_ud() {
        assert_eq!(
            toks("anti-aircraft multiple-rocket As-Suwayda al-Tanf Israeli-occupied F-16"),
            vec![
                "anti-aircraft",
                "multiple",
                "-",
                "rocket",
                "As-Suwayda",
                "al-Tanf",
                "Israeli",
                "-",
                "occupied",
                "F-16"
            ]
        );
    }

    #[test]
    fn dashes_brackets_and_quotes() {
        assert_eq!(
            toks("completed – Moscow (IS, formerly ISIS) said:“Go”"),
            vec![
                "completed",
                "–",
                "Moscow",
                "(",
                "IS",
                ",",
                "formerly",
                "ISIS",
                ")",
                "said",
                ":",
                "“",
                "Go",
                "”"
            ]
        );
        assert_eq!(toks("word--word"), vec!["word", "--", "word"]);
        assert_eq!(toks("wait..."), vec!["wait", "..."]);
    }

    #[test]
    fn typewriter_double_quotes_are_one_token() {
        assert_eq!(
            toks("three months'' term"),
            vec!["three", "months", "'", "'", "term"]
        );
        let text = "called for ``free access.'' Then ``done'' ''";
        assert_eq!(
            toks(text),
            vec![
                "called", "for", "``", "free", "access", ".", "''", "Then", "``", "done", "''",
                "''"
            ]
        );
        let quotes: Vec<String> = tokenize(text)
            .into_iter()
            .filter(|t| t.span.range().len() == 2)
            .map(|t| t.norm.clone())
            .collect();
        assert_eq!(quotes, vec!["\"", "\"", "\"", "\"", "\""]);
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            toks("See https://example.org/a-b. Mail a.b@example.com."),
            vec![
                "See",
                "https://example.org/a-b",
                ".",
                "Mail",
                "a.b@example.com",
                "."
            ]
        );
    }

    #[test]
    fn exclusions_are_skipped() {
        let text = "Keep this. DROP THIS. Keep that.";
        let start = text.find("DROP").unwrap();
        let end = start + "DROP THIS.".len();
        let t = tokenize_excluding(text, &[Span::new(start, end)]);
        let words: Vec<&str> = t.iter().map(|t| &text[t.span.range()]).collect();
        assert_eq!(words, vec!["Keep", "this", ".", "Keep", "that", "."]);
    }

    proptest! {
        #[test]
        fn tokens_are_ordered_nonoverlapping_and_on_char_boundaries(text in "\\PC{0,80}") {
            let tokens = tokenize(&text);
            let mut last = 0usize;
            for t in &tokens {
                let (s, e) = (t.span.start as usize, t.span.end as usize);
                prop_assert!(s >= last && s < e && e <= text.len());
                prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
                last = e;
            }
        }

        #[test]
        fn no_non_space_text_is_lost(text in "[a-zA-Z0-9.,'’\\-–()\" ]{0,60}") {
            let tokens = tokenize(&text);
            let covered: usize = tokens.iter().map(|t| t.span.end as usize - t.span.start as usize).sum();
            let visible = text.chars().filter(|c| !c.is_whitespace()).map(char::len_utf8).sum::<usize>();
            prop_assert_eq!(covered, visible);
        }
    }
}
