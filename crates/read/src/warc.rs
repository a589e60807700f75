//! WARC (and, through the gzip layer, WARC.gz as written by Common Crawl: one gzip member per
//! record). `response` records that carry an HTML page (and `resource` records of HTML or plain
//! text) become articles; `warcinfo`, `request`, `metadata`, `revisit`, `conversion` and
//! `continuation` records carry no article and are passed over. A record that cannot be used
//! (truncated, a broken HTTP message, an error status, a body that is not text) becomes a
//! [`ReadIssue`] that names the file, the record number and its byte offset, and reading goes
//! on with the next record.

use std::io::{BufRead, Read};

use crate::encoding::{self, charset_from_content_type};
use crate::html::{html_bytes_to_article, parse_any_date};
use crate::{Article, Defaults, Origin, ReadIssue};

/// Largest record body read; bigger records are skipped and reported.
pub const MAX_RECORD_BYTES: u64 = 64 << 20;
/// Longest header line accepted.
const MAX_HEADER_LINE: usize = 64 << 10;
/// Most header lines in one record (WARC or HTTP).
const MAX_HEADER_LINES: usize = 512;

/// One WARC record's header fields, in order, names as written.
#[derive(Debug, Clone, Default)]
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A record read whole: its start offset, header fields and content block.
type RawRecord = (u64, Headers, Vec<u8>);

/// Iterator over the articles of a WARC stream (already decompressed).
pub struct WarcReader<R> {
    reader: R,
    source: String,
    defaults: Defaults,
    record: u64,
    offset: u64,
    done: bool,
    resyncing: bool,
    /// True right after a record's content was read: junk found now belongs to that record.
    after_record: bool,
}

impl<R: BufRead> WarcReader<R> {
    /// Read WARC records from `reader`; `source` names it in messages.
    pub fn new(reader: R, source: &str, defaults: Defaults) -> Self {
        WarcReader {
            reader,
            source: source.to_string(),
            defaults,
            record: 0,
            offset: 0,
            done: false,
            resyncing: false,
            after_record: false,
        }
    }

    fn origin(&self, start: u64) -> Origin {
        Origin {
            source: format!("{} (record {} at byte {})", self.source, self.record, start),
            line: None,
        }
    }

    /// Read one line (up to `\n`), counting bytes. `None` at end of input.
    fn line(&mut self, buf: &mut Vec<u8>) -> Result<Option<()>, String> {
        buf.clear();
        let n = self
            .reader
            .by_ref()
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', buf)
            .map_err(|e| format!("cannot read: {e}"))?;
        self.offset += n as u64;
        if n == 0 {
            return Ok(None);
        }
        if !buf.ends_with(b"\n") && n >= MAX_HEADER_LINE {
            return Err(format!(
                "malformed: header line longer than {} KiB",
                MAX_HEADER_LINE >> 10
            ));
        }
        Ok(Some(()))
    }

    /// Parse `Name: value` lines up to a blank line.
    fn headers(&mut self, buf: &mut Vec<u8>) -> Result<Headers, String> {
        let mut headers = Headers::default();
        loop {
            if self.line(buf)?.is_none() {
                return Err("truncated: the file ends inside the record header".to_string());
            }
            let line = String::from_utf8_lossy(buf);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                return Ok(headers);
            }
            if headers.0.len() >= MAX_HEADER_LINES {
                return Err(format!(
                    "malformed: more than {MAX_HEADER_LINES} header lines"
                ));
            }
            if line.starts_with([' ', '\t']) {
                if let Some(last) = headers.0.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
                continue;
            }
            match line.split_once(':') {
                Some((name, value)) => headers
                    .0
                    .push((name.trim().to_string(), value.trim().to_string())),
                None => {
                    return Err(format!(
                        "malformed: header line without a colon: {line:.80}"
                    ));
                }
            }
        }
    }

    /// Skip to the next line that starts a WARC record; returns false at end of input.
    fn resync(&mut self, buf: &mut Vec<u8>) -> bool {
        loop {
            match self.line(buf) {
                Ok(Some(())) if buf.starts_with(b"WARC/") => return true,
                Ok(Some(())) => {}
                Err(message) if message.starts_with("malformed") => {}
                _ => return false,
            }
        }
    }

    /// Read the next record: its start offset, headers and body; or an issue.
    fn next_record(&mut self) -> Option<Result<RawRecord, ReadIssue>> {
        let mut buf = Vec::new();
        // The version line, after any blank lines between records.
        let start;
        loop {
            let before = self.offset;
            if self.resyncing {
                self.resyncing = false;
                if !self.resync(&mut buf) {
                    self.done = true;
                    return None;
                }
            } else {
                match self.line(&mut buf) {
                    Ok(Some(())) => {}
                    Ok(None) => {
                        self.done = true;
                        return None;
                    }
                    Err(message) => {
                        self.record += 1;
                        self.resyncing = true;
                        return Some(Err(ReadIssue {
                            origin: self.origin(before),
                            message,
                        }));
                    }
                }
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            start = self.offset - buf.len() as u64;
            let after_record = std::mem::take(&mut self.after_record);
            if !buf.starts_with(b"WARC/") {
                let shown = String::from_utf8_lossy(&buf[..buf.len().min(40)]).into_owned();
                let shown = shown.trim_end();
                self.resyncing = true;
                let message = if after_record && self.record > 0 {
                    format!(
                        "malformed: unexpected bytes {shown:?} after the end of the record \
                         (its Content-Length may be too small); skipping to the next record"
                    )
                } else {
                    self.record += 1;
                    format!(
                        "malformed: expected a `WARC/1.x` version line, found {shown:?}; \
                         skipping to the next record"
                    )
                };
                return Some(Err(ReadIssue {
                    origin: self.origin(start),
                    message,
                }));
            }
            self.record += 1;
            break;
        }
        let headers = match self.headers(&mut buf) {
            Ok(h) => h,
            Err(message) => {
                if message.starts_with("truncated") {
                    self.done = true;
                } else {
                    self.resyncing = true;
                }
                return Some(Err(ReadIssue {
                    origin: self.origin(start),
                    message,
                }));
            }
        };
        let Some(length) = headers
            .get("Content-Length")
            .and_then(|v| v.trim().parse::<u64>().ok())
        else {
            self.resyncing = true;
            return Some(Err(ReadIssue {
                origin: self.origin(start),
                message:
                    "malformed: missing or invalid Content-Length; skipping to the next record"
                        .to_string(),
            }));
        };
        if length > MAX_RECORD_BYTES {
            let skipped =
                std::io::copy(&mut self.reader.by_ref().take(length), &mut std::io::sink());
            self.offset += skipped.as_ref().copied().unwrap_or(0);
            if skipped.map_or(true, |n| n < length) {
                self.done = true;
            }
            return Some(Err(ReadIssue {
                origin: self.origin(start),
                message: format!(
                    "too large: record of {length} bytes (limit {} MiB)",
                    MAX_RECORD_BYTES >> 20
                ),
            }));
        }
        let mut body = Vec::with_capacity(length as usize);
        let read = self.reader.by_ref().take(length).read_to_end(&mut body);
        self.offset += body.len() as u64;
        match read {
            Err(err) => {
                self.done = true;
                return Some(Err(ReadIssue {
                    origin: self.origin(start),
                    message: format!("cannot read: {err}"),
                }));
            }
            Ok(n) if (n as u64) < length => {
                self.done = true;
                return Some(Err(ReadIssue {
                    origin: self.origin(start),
                    message: format!(
                        "truncated: Content-Length is {length} bytes but the file ends after {n}"
                    ),
                }));
            }
            Ok(_) => {}
        }
        self.after_record = true;
        Some(Ok((start, headers, body)))
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Article, ReadIssue>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            let (start, headers, body) = match self.next_record()? {
                Ok(record) => record,
                Err(issue) => return Some(Err(issue)),
            };
            let kind = headers.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
            if kind != "response" && kind != "resource" {
                continue;
            }
            let origin = self.origin(start);
            let result = record_to_article(&kind, &headers, &body, &self.defaults, self.record)
                .map(|mut article| {
                    article.origin = origin.clone();
                    article
                })
                .map_err(|message| ReadIssue { origin, message });
            return Some(result);
        }
    }
}

/// Turn a `response` or `resource` record into an article.
fn record_to_article(
    kind: &str,
    headers: &Headers,
    body: &[u8],
    defaults: &Defaults,
    record: u64,
) -> Result<Article, String> {
    if let Some(reason) = headers.get("WARC-Truncated") {
        return Err(format!(
            "truncated: the crawler cut the record short (WARC-Truncated: {reason})"
        ));
    }
    let url = headers
        .get("WARC-Target-URI")
        .map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string())
        .filter(|u| !u.is_empty());
    let (content_type, payload) = if kind == "response" {
        let record_type = headers.get("Content-Type").unwrap_or("application/http");
        if !record_type
            .to_ascii_lowercase()
            .starts_with("application/http")
        {
            return Err(format!(
                "not an article: response record of type {record_type}"
            ));
        }
        let http = parse_http_response(body)?;
        if !(200..300).contains(&http.status) {
            return Err(format!("not an article: HTTP status {}", http.status));
        }
        (http.content_type, http.body)
    } else {
        (
            headers.get("Content-Type").map(str::to_string),
            body.to_vec(),
        )
    };
    let mime = content_type
        .as_deref()
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let id = headers
        .get("WARC-Record-ID")
        .map(|v| v.trim_start_matches('<').trim_end_matches('>').to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| format!("warc-record-{record}"));
    let capture_date = headers.get("WARC-Date").and_then(parse_any_date);
    let is_html = matches!(mime.as_str(), "text/html" | "application/xhtml+xml")
        || (mime.is_empty() && looks_like_html(&payload));
    let article = if is_html {
        html_bytes_to_article(
            &payload,
            id,
            url.as_deref(),
            content_type.as_deref(),
            capture_date,
            defaults,
        )?
    } else if mime == "text/plain" {
        let declared = content_type.as_deref().and_then(charset_from_content_type);
        let text = crate::html::tidy_text(&encoding::decode(&payload, declared, false).text);
        if text.is_empty() {
            return Err("no text: empty text/plain body".to_string());
        }
        let mut a = Article::new(id, text);
        a.publisher = url.as_deref().and_then(crate::html::host_of);
        a.url = url;
        a.date = capture_date;
        defaults.apply(&mut a);
        a
    } else if mime.is_empty() {
        return Err("not an article: body without a content type is not HTML".to_string());
    } else {
        return Err(format!("not an article: content type {mime}"));
    };
    Ok(article)
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes[..bytes.len().min(1024)]
        .iter()
        .map(u8::to_ascii_lowercase)
        .collect();
    head.windows(5)
        .any(|w| w == b"<html" || w == b"<!doc" || w == b"<body" || w == b"<head")
}

/// An HTTP response: status, content type and the body after transfer and content decoding.
struct HttpResponse {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// Parse the HTTP response held in a `response` record.
fn parse_http_response(block: &[u8]) -> Result<HttpResponse, String> {
    let header_end = find(block, b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| find(block, b"\n\n").map(|p| (p, p + 2)));
    let Some((head_len, body_start)) = header_end else {
        return Err(
            "malformed: HTTP response without the blank line that ends its headers".to_string(),
        );
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(format!("malformed: HTTP status line {status_line:.60?}"));
    }
    let status = parts
        .next()
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("malformed: HTTP status line {status_line:.60?}"))?;
    let mut content_type = None;
    let mut chunked = false;
    let mut encoding = None;
    let mut declared_length = None;
    for line in lines.take(MAX_HEADER_LINES) {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_string()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = Some(value.to_ascii_lowercase()),
            "content-length" => declared_length = value.parse::<usize>().ok(),
            _ => {}
        }
    }
    let raw = &block[body_start..];
    // A body shorter than its Content-Length is accepted only if it ends like a whole page
    // (servers often send a slightly wrong length); otherwise it was cut short.
    let short = (!chunked)
        .then_some(declared_length)
        .flatten()
        .filter(|&expected| raw.len() < expected);
    let mut body = if chunked {
        // Like warcio: if the chunk framing is broken, keep the body as it is.
        dechunk(raw).unwrap_or_else(|| raw.to_vec())
    } else {
        raw.to_vec()
    };
    match encoding.as_deref() {
        None | Some("identity") | Some("") => {}
        Some("gzip") | Some("x-gzip") => {
            body = decompress(flate2::read::MultiGzDecoder::new(&body[..]), "gzip")?;
        }
        Some("deflate") => {
            body = decompress(flate2::read::ZlibDecoder::new(&body[..]), "deflate")
                .or_else(|_| decompress(flate2::read::DeflateDecoder::new(&body[..]), "deflate"))?;
        }
        Some(other) => {
            return Err(format!("unsupported: HTTP Content-Encoding {other}"));
        }
    }
    if let Some(expected) = short {
        let tail = &body[body.len().saturating_sub(512)..];
        let tail = tail.to_ascii_lowercase();
        if find(&tail, b"</html").is_none() && find(&tail, b"</body").is_none() {
            return Err(format!(
                "truncated: HTTP Content-Length is {expected} bytes but the record holds {}",
                raw.len()
            ));
        }
    }
    Ok(HttpResponse {
        status,
        content_type,
        body,
    })
}

fn decompress(reader: impl Read, name: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .take(MAX_RECORD_BYTES * 4)
        .read_to_end(&mut out)
        .map_err(|e| {
            format!("truncated or corrupt: HTTP body with Content-Encoding {name}: {e}")
        })?;
    Ok(out)
}

/// Undo `Transfer-Encoding: chunked`; `None` when the framing is broken.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(raw.len());
    loop {
        let line_end = find(raw, b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        if raw.len() < size {
            return None;
        }
        out.extend_from_slice(&raw[..size]);
        raw = raw[size..].strip_prefix(b"\r\n").unwrap_or(&raw[size..]);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn record(kind: &str, extra: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-1>\r\n\
             WARC-Date: 2024-05-03T10:00:00Z\r\n{extra}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    fn read(bytes: &[u8]) -> Vec<Result<Article, ReadIssue>> {
        WarcReader::new(bytes, "t.warc", Defaults::default()).collect()
    }

    const HTML: &[u8] = b"<html><head><title>Blast</title></head><body><p>A blast hit the port city of Aden on Friday.</p></body></html>";

    #[test]
    fn response_with_html_becomes_an_article() {
        let mut input = record("warcinfo", "", b"software: test\r\n");
        input.extend(record(
            "response",
            "WARC-Target-URI: https://news.example/aden\r\n",
            &http("Content-Type: text/html; charset=utf-8\r\n", HTML),
        ));
        input.extend(record("request", "", b"GET / HTTP/1.1\r\n\r\n"));
        let items = read(&input);
        assert_eq!(items.len(), 1);
        let a = items[0].as_ref().unwrap();
        assert!(a.text.contains("blast hit the port city"));
        assert_eq!(a.url.as_deref(), Some("https://news.example/aden"));
        assert_eq!(a.id, "urn:uuid:response-1");
        assert_eq!(a.publisher.as_deref(), Some("news.example"));
        assert_eq!(
            a.date,
            chrono::NaiveDate::from_ymd_opt(2024, 5, 3),
            "capture date as fallback"
        );
        assert!(a.origin.source.contains("record 2"));
    }

    #[test]
    fn chunked_and_gzipped_bodies_are_decoded() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(HTML).unwrap();
        let zipped = gz.finish().unwrap();
        let mut chunked = Vec::new();
        for piece in zipped.chunks(50) {
            chunked.extend(format!("{:x}\r\n", piece.len()).into_bytes());
            chunked.extend_from_slice(piece);
            chunked.extend_from_slice(b"\r\n");
        }
        chunked.extend_from_slice(b"0\r\n\r\n");
        let block = http(
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked,
        );
        let items = read(&record("response", "", &block));
        assert!(items[0].as_ref().unwrap().text.contains("Aden"));
    }

    #[test]
    fn bad_records_are_reported_and_reading_goes_on() {
        let mut input = record(
            "response",
            "",
            &http("Content-Type: image/png\r\n", b"\x89PNG...."),
        );
        input.extend(b"garbage line\r\nmore garbage\r\n");
        input.extend(record(
            "response",
            "",
            &http("Content-Type: text/html\r\n", HTML),
        ));
        let mut truncated = record("response", "", &http("Content-Type: text/html\r\n", HTML));
        truncated.truncate(truncated.len() - 40);
        input.extend(truncated);
        let items = read(&input);
        let messages: Vec<String> = items
            .iter()
            .map(|r| match r {
                Ok(a) => format!("ok {}", a.text.len()),
                Err(e) => e.to_string(),
            })
            .collect();
        assert_eq!(items.len(), 4, "{messages:#?}");
        assert!(messages[0].contains("not an article: content type image/png"));
        assert!(
            messages[1].contains("unexpected bytes \"garbage line\" after the end of the record")
        );
        assert!(messages[2].starts_with("ok"));
        assert!(messages[3].contains("truncated"), "{}", messages[3]);
        assert!(messages[3].contains("record 3"), "{}", messages[3]);
    }

    #[test]
    fn error_status_and_short_http_body_are_reported() {
        let not_found = http("Content-Type: text/html\r\n", HTML).replace_status(404);
        let items = read(&record("response", "", &not_found));
        assert!(
            items[0]
                .as_ref()
                .unwrap_err()
                .message
                .contains("HTTP status 404")
        );
        let cut = http(
            "Content-Type: text/html\r\nContent-Length: 5000\r\n",
            &HTML[..60],
        );
        let items = read(&record("response", "", &cut));
        assert!(items[0].as_ref().unwrap_err().message.contains("truncated"));
        // A whole page with a slightly wrong length is kept.
        let whole = http("Content-Type: text/html\r\nContent-Length: 5000\r\n", HTML);
        let items = read(&record("response", "", &whole));
        assert!(items[0].is_ok());
    }

    trait ReplaceStatus {
        fn replace_status(self, status: u16) -> Vec<u8>;
    }
    impl ReplaceStatus for Vec<u8> {
        fn replace_status(self, status: u16) -> Vec<u8> {
            let text = String::from_utf8(self).unwrap();
            text.replacen("200 OK", &format!("{status} Not Found"), 1)
                .into_bytes()
        }
    }

    #[test]
    fn dechunking() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"zz\r\nabc").is_none());
        assert!(dechunk(b"10\r\nabc").is_none());
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..800)) {
            let _ = read(&bytes);
        }

        #[test]
        fn never_panics_on_damaged_records(cut in 0usize..400, flip in 0usize..400, byte in any::<u8>()) {
            let mut input = record("response", "WARC-Target-URI: http://a.example/\r\n",
                &http("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", b"5\r\nhello\r\n0\r\n\r\n"));
            input.extend(record("resource", "Content-Type: text/plain\r\n", b"Plain words."));
            let len = input.len();
            input[flip % len] = byte;
            input.truncate(len - cut.min(len));
            let items = read(&input);
            prop_assert!(items.len() <= 4);
        }
    }
}
