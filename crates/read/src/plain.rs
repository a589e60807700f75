//! Plain-text input: one file is one article.

use std::io::Read;

use crate::{Article, Defaults, Origin, ReadIssue, id_from_source};

/// Largest plain-text article read whole (bigger files are refused, not truncated).
pub const MAX_TEXT_BYTES: usize = 64 << 20;

/// Read a whole plain-text article. Invalid UTF-8 is replaced (with U+FFFD) and reported only
/// when the file looks binary.
pub fn read_plain_text(
    mut reader: impl Read,
    source: &str,
    defaults: &Defaults,
) -> Result<Article, ReadIssue> {
    let origin = Origin {
        source: source.to_string(),
        line: None,
    };
    let mut bytes = Vec::new();
    let limit = (MAX_TEXT_BYTES + 1) as u64;
    if let Err(err) = reader.by_ref().take(limit).read_to_end(&mut bytes) {
        return Err(ReadIssue {
            origin,
            message: format!("cannot read: {err}"),
        });
    }
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(ReadIssue {
            origin,
            message: format!(
                "larger than {} MiB: split it or give it as JSONL",
                MAX_TEXT_BYTES >> 20
            ),
        });
    }
    if looks_binary(&bytes) {
        return Err(ReadIssue {
            origin,
            message: "looks like binary data, not text (NUL bytes or mostly control characters)"
                .to_string(),
        });
    }
    let text = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let mut article = Article::new(id_from_source(source), text);
    article.url.clone_from(&defaults.url);
    article.origin = origin;
    defaults.apply(&mut article);
    Ok(article)
}

/// True when a buffer is not plausibly text: it has NUL bytes, or more than 10% of its first
/// 4 KiB are control characters other than whitespace.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    !head.is_empty() && control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_with_defaults() {
        let defaults = Defaults {
            date: chrono::NaiveDate::from_ymd_opt(2020, 1, 2),
            publisher: Some("Wire".into()),
            url: Some("http://x".into()),
        };
        let a = read_plain_text("Hello.".as_bytes(), "news/a.txt", &defaults).unwrap();
        assert_eq!(a.id, "a");
        assert_eq!(a.text, "Hello.");
        assert_eq!(a.publisher.as_deref(), Some("Wire"));
        assert_eq!(a.url.as_deref(), Some("http://x"));
        assert_eq!(a.date, defaults.date);
    }

    #[test]
    fn empty_file_is_an_empty_article() {
        let a = read_plain_text("".as_bytes(), "e.txt", &Defaults::default()).unwrap();
        assert_eq!(a.text, "");
    }

    #[test]
    fn invalid_utf8_is_replaced_not_fatal() {
        let bytes = b"Caf\xe9 bombing in Kabul.";
        let a = read_plain_text(&bytes[..], "x.txt", &Defaults::default()).unwrap();
        assert!(a.text.contains('\u{fffd}'));
        assert!(a.text.ends_with("Kabul."));
    }

    #[test]
    fn binary_junk_is_refused_clearly() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 256) as u8).collect();
        let err = read_plain_text(&bytes[..], "junk.bin", &Defaults::default()).unwrap_err();
        assert!(err.message.contains("binary"));
        assert_eq!(err.origin.source, "junk.bin");
    }

    #[test]
    fn bom_is_dropped() {
        let a = read_plain_text("\u{feff}Text".as_bytes(), "b.txt", &Defaults::default()).unwrap();
        assert_eq!(a.text, "Text");
    }
}
