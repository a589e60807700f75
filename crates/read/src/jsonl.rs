//! JSONL input: one JSON object per line, `{id, text, title?, date?, url?, publisher?}`.
//! Extra fields (gold labels of eval sets, for instance) are ignored.

use std::io::{BufRead, Read};

use serde_json::Value;

use crate::{Article, Defaults, Origin, ReadIssue, parse_metadata_date};

/// Longest JSONL line accepted; longer lines are reported and skipped.
pub const MAX_LINE_BYTES: usize = 64 << 20;

/// Iterator over the records of a JSONL stream.
pub struct JsonlReader<R> {
    reader: R,
    source: String,
    defaults: Defaults,
    line_number: u64,
    buffer: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// Read JSONL from `reader`; `source` names it in messages.
    pub fn new(reader: R, source: &str, defaults: Defaults) -> Self {
        JsonlReader {
            reader,
            source: source.to_string(),
            defaults,
            line_number: 0,
            buffer: Vec::new(),
            done: false,
        }
    }

    fn origin(&self) -> Origin {
        Origin {
            source: self.source.clone(),
            line: Some(self.line_number),
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article, ReadIssue>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            self.buffer.clear();
            let read = self
                .reader
                .by_ref()
                .take(MAX_LINE_BYTES as u64 + 1)
                .read_until(b'\n', &mut self.buffer);
            self.line_number += 1;
            match read {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(err) => {
                    self.done = true;
                    return Some(Err(ReadIssue {
                        origin: self.origin(),
                        message: format!("cannot read: {err}"),
                    }));
                }
            }
            if self.buffer.len() > MAX_LINE_BYTES && !self.buffer.ends_with(b"\n") {
                // Skip the rest of the over-long line.
                let mut sink = Vec::new();
                while let Ok(n) = self
                    .reader
                    .by_ref()
                    .take(1 << 20)
                    .read_until(b'\n', &mut sink)
                {
                    if n == 0 || sink.ends_with(b"\n") {
                        break;
                    }
                    sink.clear();
                }
                return Some(Err(ReadIssue {
                    origin: self.origin(),
                    message: format!("line longer than {} MiB, skipped", MAX_LINE_BYTES >> 20),
                }));
            }
            let line = trim_ascii(&self.buffer);
            if line.is_empty() {
                continue;
            }
            let origin = self.origin();
            let parsed = parse_jsonl_record(line, &self.source, self.line_number);
            return Some(match parsed {
                Ok(mut article) => {
                    self.defaults.apply(&mut article);
                    article.origin = origin;
                    Ok(article)
                }
                Err(message) => Err(ReadIssue { origin, message }),
            });
        }
    }
}

fn trim_ascii(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &bytes[start..end]
}

/// Parse one JSONL record into an article. Errors are messages for the user.
///
/// `id` may be a string or a number; when missing, `<source>:<line>` is used. `text` is required.
pub fn parse_jsonl_record(line: &[u8], source: &str, line_number: u64) -> Result<Article, String> {
    let line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
    let value: Value = serde_json::from_slice(line).map_err(|err| {
        if std::str::from_utf8(line).is_err() {
            "not valid UTF-8".to_string()
        } else {
            format!("invalid JSON: {err}")
        }
    })?;
    let Value::Object(map) = value else {
        return Err("expected a JSON object with `id` and `text`".to_string());
    };
    let text = match map.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => return Err("missing `text`".to_string()),
        Some(_) => return Err("`text` must be a string".to_string()),
    };
    let id = match map.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("{}:{}", crate::id_from_source(source), line_number),
    };
    let string_field = |name: &str| match map.get(name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    };
    let date = match string_field("date") {
        Some(d) => Some(
            parse_metadata_date(&d)
                .ok_or_else(|| format!("`date` {d:?} is not YYYY-MM-DD or YYYYMMDD"))?,
        ),
        None => None,
    };
    Ok(Article {
        id,
        title: string_field("title"),
        text,
        date,
        url: string_field("url"),
        publisher: string_field("publisher"),
        origin: Origin::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read_all(input: &str) -> Vec<Result<Article, ReadIssue>> {
        JsonlReader::new(input.as_bytes(), "t.jsonl", Defaults::default()).collect()
    }

    #[test]
    fn reads_records_and_reports_bad_lines_with_numbers() {
        let input = "{\"id\":\"a\",\"text\":\"One.\",\"date\":\"2018-08-02\",\"gold\":{\"x\":1}}\n\
                     {broken\n\
                     \n\
                     {\"id\":2,\"text\":\"Two.\"}\n\
                     [1,2]\n\
                     {\"id\":\"c\"}\n";
        let items = read_all(input);
        assert_eq!(items.len(), 5);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.id, "a");
        assert_eq!(a.date, chrono::NaiveDate::from_ymd_opt(2018, 8, 2));
        assert_eq!(a.origin.line, Some(1));
        let bad = items[1].as_ref().unwrap_err();
        assert_eq!(bad.origin.line, Some(2));
        assert!(bad.message.contains("invalid JSON"));
        assert_eq!(items[2].as_ref().unwrap().id, "2");
        assert_eq!(items[2].as_ref().unwrap().origin.line, Some(4));
        assert!(items[3].as_ref().unwrap_err().message.contains("object"));
        assert!(items[4].as_ref().unwrap_err().message.contains("text"));
    }

    #[test]
    fn bad_date_is_reported() {
        let items = read_all("{\"id\":\"a\",\"text\":\"x\",\"date\":\"soon\"}");
        assert!(items[0].as_ref().unwrap_err().message.contains("date"));
    }

    #[test]
    fn missing_id_gets_source_and_line() {
        let items = read_all("{\"text\":\"x\"}\n{\"text\":\"y\"}");
        assert_eq!(items[1].as_ref().unwrap().id, "t:2");
    }

    #[test]
    fn invalid_utf8_line_is_reported() {
        let input: &[u8] =
            b"{\"id\":\"a\",\"text\":\"\xff\xfe\"}\n{\"id\":\"b\",\"text\":\"ok\"}\n";
        let items: Vec<_> = JsonlReader::new(input, "u.jsonl", Defaults::default()).collect();
        assert!(items[0].as_ref().unwrap_err().message.contains("UTF-8"));
        assert_eq!(items[1].as_ref().unwrap().id, "b");
    }

    #[test]
    fn ten_megabyte_line_is_read() {
        let text = "word ".repeat(2_000_000);
        let input = format!("{{\"id\":\"big\",\"text\":\"{text}\"}}\n");
        let items = read_all(&input);
        assert_eq!(items[0].as_ref().unwrap().text.len(), text.len());
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let items: Vec<_> = JsonlReader::new(&bytes[..], "p.jsonl", Defaults::default()).collect();
            let lines = bytes.split(|&b| b == b'\n').count();
            prop_assert!(items.len() <= lines);
        }

        #[test]
        fn every_valid_record_round_trips(id in "[a-z0-9]{1,8}", text in "\\PC{0,64}") {
            let line = serde_json::json!({"id": id, "text": text}).to_string();
            let items = read_all(&line);
            let article = items[0].as_ref().unwrap();
            prop_assert_eq!(&article.id, &id);
            prop_assert_eq!(&article.text, &text);
        }
    }
}
