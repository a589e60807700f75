//! Per-word hashed attributes shared by all models: normalised and lower-cased form, affixes,
//! shape and a few flags. Computed once per token so feature extraction only mixes numbers.

use annals_document::normalize::normalize;

use crate::perceptron::{hash_str, mix};

/// Hashed attributes of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordInfo {
    /// Normalised form, case kept.
    pub form: u64,
    /// Lower-cased normalised form.
    pub lower: u64,
    /// Suffixes of the lower-cased form of length 1..=4 (shorter words repeat the whole word).
    pub suffix: [u64; 4],
    /// Prefixes of length 1..=3.
    pub prefix: [u64; 3],
    /// Compressed shape: `Xx`, `d,d`, `X.X.`, …
    pub shape: u64,
    /// Flags: bit 0 title case, 1 all caps, 2 has digit, 3 has hyphen, 4 has letter, 5 length > 6,
    /// 6 starts with a lower-case letter, 7 starts with an upper-case letter.
    pub flags: u64,
}

/// Hash of the empty/padding word (outside the sentence).
pub const PAD: u64 = 0x7061_645f_7061_645f;

impl WordInfo {
    /// Attributes of a word form.
    pub fn new(raw: &str) -> WordInfo {
        let norm = normalize(raw);
        let form: &str = &norm;
        let lower = form.to_lowercase();
        // Byte offsets of the character boundaries of `lower`, to slice affixes without
        // allocating.
        let bounds: Vec<usize> = lower
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(lower.len()))
            .collect();
        let n = bounds.len() - 1;
        let mut suffix = [0u64; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            let len = (k + 1).min(n);
            *s = mix(hash_str(&lower[bounds[n - len]..]), 100 + k as u64);
        }
        let mut prefix = [0u64; 3];
        for (k, p) in prefix.iter_mut().enumerate() {
            let len = (k + 1).min(n);
            *p = mix(hash_str(&lower[..bounds[len]]), 200 + k as u64);
        }
        WordInfo {
            form: hash_str(form),
            lower: hash_str(&lower),
            suffix,
            prefix,
            shape: hash_str(&shape(form)),
            flags: flags(form),
        }
    }
}

/// Word shape with runs of the same character class collapsed: `Obama` → `Xx`,
/// `10,000` → `d,d`, `U.S.` → `X.X.`, `e-mail` → `x-x`.
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in form.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if class != last || !matches!(class, 'X' | 'x' | 'd' | 'a') {
            out.push(class);
        }
        last = class;
    }
    out
}

fn flags(form: &str) -> u64 {
    let mut chars = form.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    let uppers = form.chars().filter(|c| c.is_uppercase()).count();
    let mut f = 0u64;
    if first_upper && uppers == 1 {
        f |= 1;
    }
    if letters > 1 && uppers == letters {
        f |= 2;
    }
    if form.chars().any(|c| c.is_ascii_digit()) {
        f |= 4;
    }
    if form.contains('-') {
        f |= 8;
    }
    if letters > 0 {
        f |= 16;
    }
    if form.chars().count() > 6 {
        f |= 32;
    }
    if form.chars().next().is_some_and(char::is_lowercase) {
        f |= 64;
    }
    if first_upper {
        f |= 128;
    }
    f
}

/// Attributes of every word of a sentence.
pub fn infos<S: AsRef<str>>(forms: &[S]) -> Vec<WordInfo> {
    forms.iter().map(|f| WordInfo::new(f.as_ref())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Obama"), "Xx");
        assert_eq!(shape("10,000"), "d,d");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("e-mail"), "x-x");
    }

    #[test]
    fn typographic_variants_share_attributes() {
        assert_eq!(WordInfo::new("don\u{2019}t"), WordInfo::new("don't"));
        assert_eq!(WordInfo::new("The").lower, WordInfo::new("the").lower);
        assert_ne!(WordInfo::new("The").form, WordInfo::new("the").form);
    }

    #[test]
    fn empty_word_does_not_panic() {
        let _ = WordInfo::new("");
    }
}
