//! Decoding bytes to text: the declared encoding (HTTP header, byte-order mark, `<meta charset>`)
//! when there is one, UTF-8 when the bytes are valid UTF-8, and otherwise a guess from the bytes
//! (`chardetng`). Decoding never fails: undecodable bytes become U+FFFD.

use encoding_rs::Encoding;

/// How many bytes of an HTML document are scanned for a `<meta charset>` declaration.
const META_PRESCAN_BYTES: usize = 4096;

/// The result of decoding: the text and the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, in UTF-8.
    pub text: String,
    /// Name of the encoding used (`UTF-8`, `windows-1252`, …).
    pub encoding: &'static str,
    /// Where the encoding came from: `bom`, `header`, `meta`, `utf-8` (the bytes were valid
    /// UTF-8) or `guess`.
    pub basis: &'static str,
    /// True when some bytes could not be decoded and were replaced with U+FFFD.
    pub had_errors: bool,
}

/// The charset parameter of a `Content-Type` value (`text/html; charset=ISO-8859-1`).
pub fn charset_from_content_type(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\''))
            .filter(|v| !v.is_empty())
    })
}

/// Decode `bytes`. `declared` is a charset label from outside the bytes (an HTTP header);
/// `html` enables the `<meta charset>` prescan.
pub fn decode(bytes: &[u8], declared: Option<&str>, html: bool) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(&bytes[bom_len..], encoding, "bom");
    }
    if let Some(encoding) = declared.and_then(|label| Encoding::for_label(label.as_bytes())) {
        return finish(bytes, ascii_compatible(encoding), "header");
    }
    if html && let Some(encoding) = meta_charset(&bytes[..bytes.len().min(META_PRESCAN_BYTES)]) {
        return finish(bytes, ascii_compatible(encoding), "meta");
    }
    if std::str::from_utf8(bytes).is_ok() {
        return finish(bytes, encoding_rs::UTF_8, "utf-8");
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    finish(bytes, detector.guess(None, true), "guess")
}

/// A declaration of UTF-16 inside an ASCII-compatible document is a mistake (the HTML spec says
/// to use UTF-8 then).
fn ascii_compatible(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        encoding_rs::UTF_8
    } else {
        encoding
    }
}

fn finish(bytes: &[u8], encoding: &'static Encoding, basis: &'static str) -> Decoded {
    let (text, used, had_errors) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: used.name(),
        basis,
        had_errors,
    }
}

/// Find `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…; charset=…">` in
/// the first bytes of a document (a simplified form of the HTML prescan).
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let rest = &tag[cs + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label_end = rest
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(encoding) = Encoding::for_label(&rest[..label_end]) {
                    return Some(encoding);
                }
            }
        }
        from = end.max(start + 5);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn header_charset_wins_over_guessing() {
        let d = decode(b"Caf\xe9", Some("iso-8859-1"), false);
        assert_eq!(d.text, "Café");
        assert_eq!(d.basis, "header");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn meta_charset_is_found() {
        let html = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body>";
        let d = decode(html, None, true);
        assert_eq!(d.basis, "meta");
        assert!(d.text.contains("Привет"));
        let old_style =
            b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>Caf\xe9";
        assert!(decode(old_style, None, true).text.ends_with("Café"));
    }

    #[test]
    fn valid_utf8_stays_utf8_and_invalid_is_guessed() {
        assert_eq!(decode("Zürich".as_bytes(), None, true).basis, "utf-8");
        let latin = b"Les soldats fran\xe7ais sont arriv\xe9s \xe0 Gao mercredi, a d\xe9clar\xe9 l'arm\xe9e.";
        let d = decode(latin, None, false);
        assert_eq!(d.basis, "guess");
        assert!(d.text.contains("français"), "{}", d.text);
    }

    #[test]
    fn bom_is_honoured() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Hi".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let d = decode(&bytes, Some("iso-8859-1"), true);
        assert_eq!(d.text, "Hi");
        assert_eq!(d.basis, "bom");
    }

    #[test]
    fn content_type_charset() {
        assert_eq!(
            charset_from_content_type("text/html; charset=\"UTF-8\""),
            Some("UTF-8")
        );
        assert_eq!(charset_from_content_type("text/html"), None);
    }

    proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let d = decode(&bytes, None, true);
            prop_assert!(d.text.len() <= bytes.len() * 3 + 3);
        }
    }
}
