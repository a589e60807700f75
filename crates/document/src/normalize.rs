//! Unicode clean-up of token text. The original text is never changed: each token keeps its
//! offsets and gets a normalised form for matching and models.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Map one character to its plain form, or `None` to keep it.
fn plain(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{02bc}'
        | '\u{02b9}' | '\u{0060}' | '\u{00b4}' | '\u{ff07}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{00ab}'
        | '\u{00bb}' | '\u{ff02}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' | '\u{fe63}' | '\u{ff0d}' => "-",
        '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2e3a}' | '\u{2e3b}' => "--",
        '\u{2026}' => "...",
        '\u{00a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' | '\u{200a}' | '\u{2002}'
        | '\u{2003}' => " ",
        '\u{00ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => "",
        _ => return None,
    })
}

/// Whether a character is whitespace for tokenization (includes no-break and narrow spaces).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{2060}')
}

/// Whether a character is invisible formatting that should be dropped from token text.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// Normalise a token: typewriter double quotes (two backticks, two apostrophes) to `"`;
/// typographic quotes, apostrophes, dashes and spaces to ASCII; ellipsis to `...`; soft
/// hyphens and zero-width characters removed; then NFKC (so `ﬁ` becomes `fi`). Plain ASCII is
/// returned borrowed.
pub fn normalize(text: &str) -> Cow<'_, str> {
    if text == "``" || text == "''" {
        return Cow::Borrowed("\"");
    }
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match plain(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    if out.is_ascii() {
        return Cow::Owned(out);
    }
    let composed: String = out.nfkc().collect();
    // NFKC can produce characters that have a plain form (U+0374, the Greek numeral sign,
    // becomes U+02B9, a prime): map them too, so that normalising twice changes nothing.
    if !composed.chars().any(|c| plain(c).is_some()) {
        return Cow::Owned(composed);
    }
    let mut again = String::with_capacity(composed.len());
    for c in composed.chars() {
        match plain(c) {
            Some(s) => again.push_str(s),
            None => again.push(c),
        }
    }
    Cow::Owned(again)
}

/// Normalise and lower-case: the key used by dictionaries.
pub fn fold(text: &str) -> String {
    normalize(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_forms() {
        assert_eq!(normalize("Russia\u{2019}s"), "Russia's");
        assert_eq!(normalize("\u{201c}unique\u{201d}"), "\"unique\"");
        assert_eq!(normalize("\u{2014}"), "--");
        assert_eq!(normalize("\u{2026}"), "...");
        assert_eq!(normalize("\u{fb01}rst"), "first");
        assert_eq!(normalize("co\u{00ad}operate"), "cooperate");
        assert_eq!(normalize("Zürich"), "Zürich");
        let once = normalize("\u{374}").into_owned();
        assert_eq!(normalize(&once), once);
    }

    #[test]
    fn ascii_is_borrowed() {
        assert!(matches!(normalize("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn fold_lowercases() {
        assert_eq!(fold("Syria\u{2019}S"), "syria's");
    }
}
