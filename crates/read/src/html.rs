//! HTML pages: main text (readability, via `dom_smoothie`), title, publication date, publisher
//! and canonical URL from meta tags and JSON-LD. Navigation, headers, footers, sidebars and
//! scripts are left out.

use std::io::Read;

use chrono::NaiveDate;
use dom_query::Document;

use crate::encoding::{self, charset_from_content_type};
use crate::{Article, Defaults, Origin, ReadIssue, id_from_source, parse_metadata_date};

/// Largest HTML page read (bigger pages are refused, not truncated).
pub const MAX_HTML_BYTES: usize = 32 << 20;

/// What was extracted from one HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlPage {
    /// Headline.
    pub title: Option<String>,
    /// Main text, paragraphs separated by blank lines.
    pub text: String,
    /// Publication date from metadata.
    pub date: Option<NaiveDate>,
    /// Outlet name from metadata (`og:site_name`, JSON-LD `publisher`).
    pub publisher: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, `og:url`), when absolute.
    pub canonical_url: Option<String>,
    /// Document language (`<html lang>`).
    pub lang: Option<String>,
}

/// Extract the article of an HTML page. `url` is where the page was fetched from (used to
/// resolve relative links and as a last resort for the publisher).
///
/// Errors are messages for the user: the page has no text.
pub fn extract_html(html: &str, url: Option<&str>) -> Result<HtmlPage, String> {
    let doc = Document::from(html);
    let meta = |selectors: &[&str]| -> Option<String> {
        selectors.iter().find_map(|sel| {
            let found = doc.select_single(sel);
            let value = found.attr("content").or_else(|| found.attr("datetime"))?;
            let value = value.trim();
            (!value.is_empty()).then(|| value.to_string())
        })
    };
    let meta_date = meta(&[
        "meta[property='article:published_time']",
        "meta[name='article:published_time']",
        "meta[itemprop='datePublished']",
        "meta[name='pubdate']",
        "meta[name='publishdate']",
        "meta[name='publish-date']",
        "meta[name='date']",
        "meta[name='dc.date']",
        "meta[name='DC.date.issued']",
        "meta[name='dcterms.created']",
        "meta[name='sailthru.date']",
        "meta[name='parsely-pub-date']",
        "meta[property='og:published_time']",
        "time[itemprop='datePublished']",
        "time[pubdate]",
    ]);
    let meta_publisher = meta(&[
        "meta[property='og:site_name']",
        "meta[name='og:site_name']",
        "meta[name='publisher']",
        "meta[name='application-name']",
    ]);
    let canonical = doc
        .select_single("link[rel='canonical']")
        .attr("href")
        .map(|h| h.trim().to_string())
        .or_else(|| meta(&["meta[property='og:url']"]))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let lang = doc
        .select_single("html")
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    let (json_ld_date, json_ld_publisher) = json_ld_metadata(&doc);

    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    let base = url.filter(|u| u.contains("://") && !u.contains(char::is_whitespace));
    // Readability changes the document it works on; keep the original for the fallback.
    let readable = dom_smoothie::Readability::with_document(doc.clone(), base, Some(cfg.clone()))
        .or_else(|_| dom_smoothie::Readability::with_document(doc.clone(), None, Some(cfg)))
        .ok()
        .and_then(|mut r| r.parse().ok());

    let (title, mut text, rd_date, rd_site) = match readable {
        Some(article) => (
            Some(article.title.to_string()),
            tidy_text(&article.text_content),
            article.published_time,
            article.site_name,
        ),
        None => (None, String::new(), None, None),
    };
    if text.is_empty() {
        // Readability found no article: take the page's text without its furniture.
        text = fallback_text(&doc);
    }
    if text.is_empty() {
        return Err("no text found in the HTML page".to_string());
    }
    let title = title
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .or_else(|| {
            let t = doc.select_single("title").text();
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_string())
        });
    let date = [meta_date, json_ld_date, rd_date]
        .iter()
        .flatten()
        .find_map(|d| parse_any_date(d));
    let publisher = meta_publisher.or(json_ld_publisher).or(rd_site
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty()));
    Ok(HtmlPage {
        title,
        text,
        date,
        publisher,
        canonical_url: canonical,
        lang,
    })
}

/// What JSON-LD says about the page: `(datePublished, publisher name)`, searching nested objects
/// and `@graph` arrays.
fn json_ld_metadata(doc: &Document) -> (Option<String>, Option<String>) {
    use serde_json::Value;
    fn non_empty(s: &str) -> Option<String> {
        let s = s.trim();
        (!s.is_empty()).then(|| s.to_string())
    }
    fn find(
        value: &Value,
        depth: usize,
        date: &mut Option<String>,
        publisher: &mut Option<String>,
    ) {
        if depth > 8 || (date.is_some() && publisher.is_some()) {
            return;
        }
        match value {
            Value::Object(map) => {
                if date.is_none() {
                    *date = map
                        .get("datePublished")
                        .and_then(Value::as_str)
                        .and_then(non_empty);
                }
                if publisher.is_none() {
                    let name =
                        |v: &Value| v.get("name").and_then(Value::as_str).and_then(non_empty);
                    *publisher = match map.get("publisher") {
                        Some(Value::String(s)) => non_empty(s),
                        Some(Value::Array(items)) => items.iter().find_map(name),
                        Some(p @ Value::Object(_)) => name(p),
                        _ => None,
                    };
                }
                for v in map.values() {
                    find(v, depth + 1, date, publisher);
                }
            }
            Value::Array(items) => {
                for v in items {
                    find(v, depth + 1, date, publisher);
                }
            }
            _ => {}
        }
    }
    let (mut date, mut publisher) = (None, None);
    for script in doc.select("script[type='application/ld+json']").iter() {
        if let Ok(value) = serde_json::from_str::<Value>(script.text().trim()) {
            find(&value, 0, &mut date, &mut publisher);
        }
    }
    (date, publisher)
}

/// Text of a page when readability finds no article: the body without scripts, navigation,
/// headers, footers, sidebars and forms.
fn fallback_text(doc: &Document) -> String {
    let doc = doc.clone();
    doc.select(
        "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, \
         [role='navigation'], [role='banner'], [role='contentinfo'], [aria-hidden='true']",
    )
    .remove();
    let body = doc.select_single("body");
    let text = if body.exists() {
        body.formatted_text()
    } else {
        doc.formatted_text()
    };
    tidy_text(&text)
}

/// Collapse runs of spaces inside lines and of blank lines between paragraphs; trim.
pub(crate) fn tidy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(&words.join(" "));
    }
    out
}

/// Text of an HTML fragment (feed entry content): tags removed, paragraphs kept.
pub fn html_fragment_text(fragment: &str) -> String {
    let doc = Document::fragment(fragment);
    doc.select("script, style, noscript, template").remove();
    tidy_text(&doc.formatted_text())
}

/// A date as found in page metadata: ISO 8601 (with or without time), RFC 2822/1123
/// (`Tue, 05 Mar 2019 10:00:00 GMT`), `YYYY/MM/DD`, `YYYYMMDD`.
pub fn parse_any_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    if let Some(d) = parse_metadata_date(v) {
        return Some(d);
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(v) {
        return Some(dt.date_naive());
    }
    if let Some(day) = v.get(..10)
        && let Ok(d) = NaiveDate::parse_from_str(day, "%Y/%m/%d")
    {
        return Some(d);
    }
    // `Mon, 06 Mar 2017 04:02:06 GMT` with a zone name chrono does not know.
    let without_zone = v.rsplit_once(' ').map_or(v, |(head, _)| head);
    chrono::NaiveDateTime::parse_from_str(without_zone, "%a, %d %b %Y %H:%M:%S")
        .ok()
        .map(|dt| dt.date())
}

/// Read one HTML page from `reader` into an article. `content_type` (an HTTP header) may name
/// the charset; `url` is where the page came from.
pub fn read_html(
    mut reader: impl Read,
    source: &str,
    defaults: &Defaults,
    url: Option<&str>,
    content_type: Option<&str>,
) -> Result<Article, ReadIssue> {
    let origin = Origin {
        source: source.to_string(),
        line: None,
    };
    let mut bytes = Vec::new();
    if let Err(err) = reader
        .by_ref()
        .take(MAX_HTML_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        return Err(ReadIssue {
            origin,
            message: format!("cannot read: {err}"),
        });
    }
    if bytes.len() > MAX_HTML_BYTES {
        return Err(ReadIssue {
            origin,
            message: format!("too large: HTML page over {} MiB", MAX_HTML_BYTES >> 20),
        });
    }
    let url = url.or(defaults.url.as_deref());
    html_bytes_to_article(
        &bytes,
        id_from_source(source),
        url,
        content_type,
        None,
        defaults,
    )
    .map(|mut a| {
        a.origin = origin.clone();
        a
    })
    .map_err(|message| ReadIssue { origin, message })
}

/// Decode and extract an HTML page held in memory into an article with id `id`.
/// `fallback_date` (a capture date) is used when the page names no publication date, before the
/// defaults.
pub(crate) fn html_bytes_to_article(
    bytes: &[u8],
    id: String,
    url: Option<&str>,
    content_type: Option<&str>,
    fallback_date: Option<NaiveDate>,
    defaults: &Defaults,
) -> Result<Article, String> {
    let declared = content_type.and_then(charset_from_content_type);
    let decoded = encoding::decode(bytes, declared, true);
    let page = extract_html(&decoded.text, url)?;
    let url = url
        .map(str::to_string)
        .or(page.canonical_url)
        .filter(|u| !u.is_empty());
    let publisher = page
        .publisher
        .or_else(|| defaults.publisher.clone())
        .or_else(|| url.as_deref().and_then(host_of));
    let mut article = Article::new(id, page.text);
    article.title = page.title;
    article.date = page.date.or(fallback_date);
    article.url = url;
    article.publisher = publisher;
    defaults.apply(&mut article);
    Ok(article)
}

/// The host of a URL without `www.`, as a stand-in publisher name.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host
        .strip_prefix("www.")
        .unwrap_or(host)
        .to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Gunmen kill five in market attack - Daily Courier</title>
<meta property="og:site_name" content="Daily Courier">
<meta property="article:published_time" content="2024-05-02T09:15:00+03:00">
<link rel="canonical" href="https://courier.example/world/market-attack">
<script>var tracking = "do not read me";</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Celebrity news item</a></li></ul></aside>
<main><article>
<h1>Gunmen kill five in market attack</h1>
<p>Gunmen opened fire on a crowded market in the northern town of Kerak on Wednesday, killing five people and wounding twelve, police said.</p>
<p>The attackers fled on motorcycles before security forces arrived, according to a police spokesman who asked not to be named because he was not authorised to speak to the press.</p>
<p>No group has claimed responsibility for the attack, the third in the region this month. Residents said the market had reopened only last week after repairs.</p>
</article></main>
<footer><p>Copyright 2024 Daily Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"#;

    #[test]
    fn extracts_main_text_and_metadata() {
        let page = extract_html(PAGE, Some("https://courier.example/a?utm=1")).unwrap();
        assert!(page.text.contains("Gunmen opened fire on a crowded market"));
        assert!(page.text.contains("Residents said the market had reopened"));
        assert!(!page.text.contains("Celebrity news item"), "{}", page.text);
        assert!(!page.text.contains("All rights reserved"), "{}", page.text);
        assert!(!page.text.contains("do not read me"));
        assert!(page.text.contains("\n\n"), "paragraphs kept: {}", page.text);
        assert_eq!(page.date, NaiveDate::from_ymd_opt(2024, 5, 2));
        assert_eq!(page.publisher.as_deref(), Some("Daily Courier"));
        assert_eq!(
            page.canonical_url.as_deref(),
            Some("https://courier.example/world/market-attack")
        );
        assert!(page.title.unwrap().contains("Gunmen kill five"));
    }

    #[test]
    fn json_ld_gives_date_and_publisher() {
        let html = r#"<html><head><title>T</title><script type="application/ld+json">
{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Floods hit the capital",
"datePublished":"2023-11-07T06:00:00Z","publisher":{"@type":"Organization","name":"Wire Service"}}]}
</script></head><body><p>Floods hit the capital on Tuesday after two days of rain.</p></body></html>"#;
        let page = extract_html(html, None).unwrap();
        assert_eq!(page.publisher.as_deref(), Some("Wire Service"));
        assert_eq!(page.date, NaiveDate::from_ymd_opt(2023, 11, 7));
        assert!(page.text.contains("Floods hit the capital"));
    }

    #[test]
    fn short_pages_still_give_their_text() {
        let page = extract_html("<p>One line of news.</p>", None).unwrap();
        assert_eq!(page.text, "One line of news.");
        assert!(extract_html("<html><body><script>x()</script></body></html>", None).is_err());
    }

    #[test]
    fn declared_charset_decodes_the_page() {
        let bytes = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>L'arm\xe9e fran\xe7aise est arriv\xe9e.</p></body></html>";
        let a = read_html(
            &bytes[..],
            "pages/story.html",
            &Defaults::default(),
            Some("https://www.lemonde.example/x"),
            None,
        )
        .unwrap();
        assert!(a.text.contains("L'armée française"), "{}", a.text);
        assert_eq!(a.id, "story");
        assert_eq!(a.publisher.as_deref(), Some("lemonde.example"));
    }

    #[test]
    fn dates_in_many_forms() {
        let d = NaiveDate::from_ymd_opt(2017, 3, 6);
        assert_eq!(parse_any_date("Mon, 06 Mar 2017 04:02:06 GMT"), d);
        assert_eq!(parse_any_date("Mon, 06 Mar 2017 04:02:06 +0000"), d);
        assert_eq!(parse_any_date("2017/03/06"), d);
        assert_eq!(parse_any_date("2017-03-06T04:02:06Z"), d);
        assert_eq!(parse_any_date("last week"), None);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://www.BBC.co.uk/news/1"),
            Some("bbc.co.uk".into())
        );
        assert_eq!(
            host_of("http://user@host.example:8080/x"),
            Some("host.example".into())
        );
        assert_eq!(host_of("not a url"), None);
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_html(&bytes[..], "p.html", &Defaults::default(), None, None);
        }

        #[test]
        fn never_panics_on_tag_soup(parts in proptest::collection::vec(
            prop_oneof![
                Just("<p>".to_string()), Just("</p>".to_string()), Just("<div>".to_string()),
                Just("<script>".to_string()), Just("<meta charset=".to_string()),
                Just("<article>".to_string()), Just("<!--".to_string()), "[a-z ]{0,12}".prop_map(|s| s),
            ], 0..40)) {
            let html = parts.concat();
            let _ = extract_html(&html, Some("http://x.example/"));
        }
    }
}
