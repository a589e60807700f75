//! # annals-read
//!
//! The first stage of the annals pipeline: turn sources (files, directories, globs, standard
//! input) into [`Article`]s — a text plus what is known about it (id, title, publication date,
//! URL, publisher). Nothing here knows about sentences or events.
//!
//! Formats ([`Format`]): plain text, JSONL, HTML pages (main text by readability, metadata from
//! meta tags and JSON-LD), WARC (Common Crawl News: `response` records with HTML), RSS/Atom
//! feeds. Any of them may be gzip-compressed (detected by its magic bytes). Text encodings come
//! from HTTP headers, byte-order marks and `<meta charset>`, with a guess as the fallback.
//!
//! Bad input never stops a run: each malformed record becomes a [`ReadIssue`] that names the
//! file and line (or record, or feed entry), and reading goes on with the next record.

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub mod encoding;
mod feed;
mod html;
mod inputs;
mod jsonl;
mod plain;
mod warc;

pub use feed::read_feed;
pub use html::{HtmlPage, extract_html, host_of, html_fragment_text, parse_any_date, read_html};
pub use inputs::{expand_inputs, is_glob};
pub use jsonl::{JsonlReader, parse_jsonl_record};
pub use plain::read_plain_text;
pub use warc::WarcReader;

/// One news article (or any document) as it enters the pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Identifier, unique within a run: the record's `id`, or derived from the file name.
    pub id: String,
    /// Headline, when the source gives one separately from the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The article text, exactly as read (after decoding to UTF-8).
    pub text: String,
    /// Publication date, when known (the text layer may find one in a dateline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Where the article was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Who published it (outlet name), used for attribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Where in the input this article came from.
    #[serde(skip)]
    pub origin: Origin,
}

impl Article {
    /// An article with only an id and a text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Article {
            id: id.into(),
            title: None,
            text: text.into(),
            date: None,
            url: None,
            publisher: None,
            origin: Origin::default(),
        }
    }
}

/// The place in the input an article was read from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// File name, or `-` for standard input.
    pub source: String,
    /// 1-based line number for line-oriented formats.
    pub line: Option<u64>,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.source, line),
            None => write!(f, "{}", self.source),
        }
    }
}

/// A record that could not be read; the run goes on without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadIssue {
    /// Where the bad record is.
    pub origin: Origin,
    /// What is wrong with it, in words a user can act on.
    pub message: String,
}

impl fmt::Display for ReadIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

impl std::error::Error for ReadIssue {}

/// Metadata given on the command line for plain-text input (and as defaults for records that
/// lack them).
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    /// Publication date to assume.
    pub date: Option<NaiveDate>,
    /// Publisher to assume.
    pub publisher: Option<String>,
    /// URL to assume (plain text only: a URL names one article).
    pub url: Option<String>,
}

impl Defaults {
    /// Fill the fields an article lacks.
    pub fn apply(&self, article: &mut Article) {
        if article.date.is_none() {
            article.date = self.date;
        }
        if article.publisher.is_none() {
            article.publisher.clone_from(&self.publisher);
        }
    }
}

/// The input formats annals can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// One article per file.
    Text,
    /// One JSON object per line: `{id, text, title?, date?, url?, publisher?}`.
    Jsonl,
    /// One HTML page per file: main text and metadata are extracted.
    Html,
    /// WARC archive (WARC/1.0, WARC/1.1): `response` and `resource` records with HTML.
    Warc,
    /// RSS 2.0, RSS 1.0 or Atom feed: one article per entry.
    #[serde(alias = "rss", alias = "atom")]
    Feed,
}

impl Format {
    /// Guess a format from a file name and the first bytes of its content (after gzip
    /// decompression; a `.gz` suffix on the name is ignored).
    pub fn detect(path: &Path, head: &[u8]) -> Format {
        let name = path.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(head.len());
        let head = &head[start..];
        if head.starts_with(b"WARC/") || name.ends_with(".warc") {
            return Format::Warc;
        }
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            return Format::Jsonl;
        }
        if name.ends_with(".rss") || name.ends_with(".atom") {
            return Format::Feed;
        }
        if [".html", ".htm", ".xhtml", ".shtml"]
            .iter()
            .any(|ext| name.ends_with(ext))
        {
            return Format::Html;
        }
        if head.first() == Some(&b'<') {
            let lower: Vec<u8> = head[..head.len().min(2048)]
                .iter()
                .map(u8::to_ascii_lowercase)
                .collect();
            let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
            if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
                return Format::Feed;
            }
            if has(b"<!doctype html") || has(b"<html") || has(b"<head") || has(b"<body") {
                return Format::Html;
            }
            if lower.starts_with(b"<p")
                || lower.starts_with(b"<div")
                || lower.starts_with(b"<article")
            {
                return Format::Html;
            }
        }
        if head.first() == Some(&b'{') {
            // A JSONL file whose first line is a whole object.
            let line_end = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
            if serde_json::from_slice::<serde_json::Value>(&head[..line_end]).is_ok() {
                return Format::Jsonl;
            }
        }
        Format::Text
    }
}

/// Anything that yields articles or issues, one at a time.
pub type ArticleStream<'a> = Box<dyn Iterator<Item = Result<Article, ReadIssue>> + Send + 'a>;

/// Open one input (`-` is standard input, a directory is read recursively, a pattern such as
/// `news/*.warc.gz` is expanded) and stream its articles.
///
/// `format` forces a format; otherwise it is detected from the name and first bytes.
pub fn open(path: &Path, format: Option<Format>, defaults: &Defaults) -> ArticleStream<'static> {
    let source = path.to_string_lossy().into_owned();
    if source != "-" && (path.is_dir() || (!path.exists() && is_glob(&source))) {
        let (files, issues) = expand_inputs(&[path.to_path_buf()]);
        let defaults = defaults.clone();
        return Box::new(
            issues.into_iter().map(Err).chain(
                files
                    .into_iter()
                    .flat_map(move |p| open(&p, format, &defaults)),
            ),
        );
    }
    let reader: Box<dyn Read + Send> = if source == "-" {
        Box::new(std::io::stdin())
    } else {
        match std::fs::File::open(path) {
            Ok(file) => Box::new(file),
            Err(err) => {
                let issue = ReadIssue {
                    origin: Origin { source, line: None },
                    message: format!("cannot open: {err}"),
                };
                return Box::new(std::iter::once(Err(issue)));
            }
        }
    };
    from_reader(reader, &source, format, defaults)
}

/// Stream articles from any reader; `source` names it in messages and ids. Gzip input is
/// decompressed (concatenated members too, as in WARC.gz).
pub fn from_reader(
    reader: Box<dyn Read + Send>,
    source: &str,
    format: Option<Format>,
    defaults: &Defaults,
) -> ArticleStream<'static> {
    let mut buffered = BufReader::with_capacity(1 << 16, reader);
    let head = buffered.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
    if head.starts_with(&[0x1f, 0x8b]) {
        let decoder = flate2::bufread::MultiGzDecoder::new(buffered);
        return from_buffered(
            BufReader::with_capacity(1 << 16, Box::new(decoder) as Box<dyn Read + Send>),
            source,
            format,
            defaults,
        );
    }
    from_buffered(buffered, source, format, defaults)
}

fn from_buffered(
    mut buffered: BufReader<Box<dyn Read + Send>>,
    source: &str,
    format: Option<Format>,
    defaults: &Defaults,
) -> ArticleStream<'static> {
    let format = match format {
        Some(f) => f,
        None => {
            let head = buffered.fill_buf().map(|b| b.to_vec()).unwrap_or_default();
            Format::detect(Path::new(source), &head)
        }
    };
    match format {
        Format::Jsonl => Box::new(JsonlReader::new(buffered, source, defaults.clone())),
        Format::Warc => Box::new(WarcReader::new(buffered, source, defaults.clone())),
        Format::Text => {
            let result = read_plain_text(buffered, source, defaults);
            Box::new(std::iter::once(result))
        }
        Format::Html => {
            let result = read_html(buffered, source, defaults, None, None);
            Box::new(std::iter::once(result))
        }
        Format::Feed => Box::new(read_feed(buffered, source, defaults).into_iter()),
    }
}

/// Stream the articles of many inputs in order.
pub fn open_all(
    paths: &[PathBuf],
    format: Option<Format>,
    defaults: &Defaults,
) -> ArticleStream<'static> {
    let defaults = defaults.clone();
    let paths = paths.to_vec();
    Box::new(
        paths
            .into_iter()
            .flat_map(move |p| open(&p, format, &defaults)),
    )
}

/// An article id made from a file name: its stem, or `stdin`.
pub fn id_from_source(source: &str) -> String {
    if source == "-" {
        return "stdin".to_string();
    }
    Path::new(source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| source.to_string())
}

/// Parse a date as given in metadata: `YYYY-MM-DD`, `YYYYMMDD`, or an ISO timestamp.
pub fn parse_metadata_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    if let Some(day) = v.get(..10)
        && let Ok(d) = NaiveDate::parse_from_str(day, "%Y-%m-%d")
    {
        return Some(d);
    }
    if v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(v, "%Y%m%d").ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_jsonl_by_name_and_content() {
        assert_eq!(Format::detect(Path::new("a.jsonl"), b""), Format::Jsonl);
        assert_eq!(
            Format::detect(Path::new("a.txt"), b"{\"id\":\"x\",\"text\":\"y\"}\n"),
            Format::Jsonl
        );
        assert_eq!(
            Format::detect(Path::new("a.txt"), b"{not json at all"),
            Format::Text
        );
        assert_eq!(
            Format::detect(Path::new("a.txt"), b"Plain words."),
            Format::Text
        );
    }

    #[test]
    fn metadata_dates() {
        let d = NaiveDate::from_ymd_opt(2018, 8, 2);
        assert_eq!(parse_metadata_date("2018-08-02"), d);
        assert_eq!(parse_metadata_date("20180802"), d);
        assert_eq!(parse_metadata_date("2018-08-02T14:54:00Z"), d);
        assert_eq!(parse_metadata_date("yesterday"), None);
        assert_eq!(parse_metadata_date("2018-13-45"), None);
        // A multi-byte character across byte 10 is not a date (and no panic).
        assert_eq!(parse_metadata_date("2024-05-0é10:00"), None);
    }

    #[test]
    fn missing_file_is_an_issue_not_a_panic() {
        let mut stream = open(
            Path::new("/nonexistent/annals.txt"),
            None,
            &Defaults::default(),
        );
        let first = stream.next().unwrap();
        assert!(first.unwrap_err().message.contains("cannot open"));
        assert!(stream.next().is_none());
    }

    #[test]
    fn detects_html_warc_and_feeds() {
        assert_eq!(
            Format::detect(Path::new("x"), b"WARC/1.0\r\n"),
            Format::Warc
        );
        assert_eq!(Format::detect(Path::new("a.warc.gz"), b""), Format::Warc);
        assert_eq!(
            Format::detect(Path::new("page"), b"\n<!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(
            Format::detect(Path::new("a.htm"), b"whatever"),
            Format::Html
        );
        assert_eq!(
            Format::detect(
                Path::new("f.xml"),
                b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"
            ),
            Format::Feed
        );
        assert_eq!(
            Format::detect(
                Path::new("f"),
                b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"
            ),
            Format::Feed
        );
        assert_eq!(
            Format::detect(Path::new("n.txt"), b"<3 plain"),
            Format::Text
        );
    }

    #[test]
    fn gzip_input_is_decompressed_and_detected_by_its_inner_name() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n")
            .unwrap();
        let bytes = gz.finish().unwrap();
        let items: Vec<_> = from_reader(
            Box::new(std::io::Cursor::new(bytes)),
            "news.jsonl.gz",
            None,
            &Defaults::default(),
        )
        .collect();
        assert_eq!(items.len(), 2);
        assert_eq!(items[1].as_ref().unwrap().text, "Two.");
    }

    #[test]
    fn directories_are_read_recursively() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("a.txt"), "Story one.").unwrap();
        std::fs::write(
            dir.path().join("sub/b.html"),
            "<html><body><p>Story two.</p></body></html>",
        )
        .unwrap();
        let texts: Vec<String> = open(dir.path(), None, &Defaults::default())
            .map(|r| r.unwrap().text)
            .collect();
        assert_eq!(texts, ["Story one.", "Story two."]);
    }

    #[test]
    fn ids_from_sources() {
        assert_eq!(id_from_source("-"), "stdin");
        assert_eq!(id_from_source("dir/story.txt"), "story");
    }
}
