//! RSS and Atom feeds (`feed-rs`): one article per entry, its text from the entry's content or
//! summary (HTML reduced to text), its date from `published` (or `updated`), its URL from the
//! first link and its publisher from the feed's title.

use std::io::Read;

use crate::html::html_fragment_text;
use crate::{Article, Defaults, Origin, ReadIssue};

/// Largest feed file read whole.
pub const MAX_FEED_BYTES: usize = 64 << 20;

/// Read a whole feed; each entry becomes an article or an issue (entries without text).
pub fn read_feed(
    mut reader: impl Read,
    source: &str,
    defaults: &Defaults,
) -> Vec<Result<Article, ReadIssue>> {
    let origin = |entry: Option<usize>| Origin {
        source: match entry {
            Some(n) => format!("{source} (entry {n})"),
            None => source.to_string(),
        },
        line: None,
    };
    let mut bytes = Vec::new();
    if let Err(err) = reader
        .by_ref()
        .take(MAX_FEED_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        return vec![Err(ReadIssue {
            origin: origin(None),
            message: format!("cannot read: {err}"),
        })];
    }
    if bytes.len() > MAX_FEED_BYTES {
        return vec![Err(ReadIssue {
            origin: origin(None),
            message: format!("too large: feed over {} MiB", MAX_FEED_BYTES >> 20),
        })];
    }
    let feed = match feed_rs::parser::parse(&bytes[..]) {
        Ok(feed) => feed,
        Err(err) => {
            return vec![Err(ReadIssue {
                origin: origin(None),
                message: format!("invalid feed: {err}"),
            })];
        }
    };
    let publisher = feed
        .title
        .as_ref()
        .map(|t| html_fragment_text(&t.content))
        .filter(|t| !t.is_empty());
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let body = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .filter(|b| !b.trim().is_empty())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            let text = html_fragment_text(&body);
            if text.is_empty() {
                return Err(ReadIssue {
                    origin: origin(Some(i + 1)),
                    message: "no text: feed entry without content or summary".to_string(),
                });
            }
            let url = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| entry.links.first())
                .map(|l| l.href.trim().to_string())
                .filter(|h| !h.is_empty());
            let id = if entry.id.trim().is_empty() {
                url.clone()
                    .unwrap_or_else(|| format!("{}:{}", crate::id_from_source(source), i + 1))
            } else {
                entry.id.trim().to_string()
            };
            let mut article = Article::new(id, text);
            article.title = entry
                .title
                .as_ref()
                .map(|t| html_fragment_text(&t.content))
                .filter(|t| !t.is_empty());
            article.date = entry.published.or(entry.updated).map(|d| d.date_naive());
            article.url = url;
            article.publisher.clone_from(&publisher);
            article.origin = origin(Some(i + 1));
            defaults.apply(&mut article);
            Ok(article)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Ferry strike ends</title><link>https://gazette.example/ferry</link>
<guid>gazette-1</guid><pubDate>Tue, 07 Nov 2023 08:00:00 +0000</pubDate>
<description>&lt;p&gt;Ferry workers ended their strike on Monday.&lt;/p&gt;&lt;p&gt;Services resume today.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://gazette.example/empty</link></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Mountain Post</title><id>urn:mp</id><updated>2023-11-08T00:00:00Z</updated>
<entry><title>Landslide blocks road</title><id>urn:mp:1</id><link href="https://post.example/landslide"/>
<published>2023-11-08T01:30:00+03:00</published><updated>2023-11-08T02:00:00Z</updated>
<content type="html">&lt;p&gt;A landslide blocked the main road north of the capital.&lt;/p&gt;</content></entry></feed>"#;

    #[test]
    fn rss_entries_become_articles() {
        let items = read_feed(RSS.as_bytes(), "g.rss", &Defaults::default());
        assert_eq!(items.len(), 2);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.id, "gazette-1");
        assert_eq!(a.title.as_deref(), Some("Ferry strike ends"));
        assert_eq!(
            a.text,
            "Ferry workers ended their strike on Monday.\n\nServices resume today."
        );
        assert_eq!(a.publisher.as_deref(), Some("Harbour Gazette"));
        assert_eq!(a.url.as_deref(), Some("https://gazette.example/ferry"));
        assert_eq!(a.date, chrono::NaiveDate::from_ymd_opt(2023, 11, 7));
        let issue = items[1].as_ref().unwrap_err();
        assert!(issue.message.contains("no text"));
        assert!(issue.origin.source.contains("entry 2"));
    }

    #[test]
    fn atom_dates_are_normalised_to_utc() {
        let items = read_feed(ATOM.as_bytes(), "m.atom", &Defaults::default());
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.date, chrono::NaiveDate::from_ymd_opt(2023, 11, 7));
        assert_eq!(a.publisher.as_deref(), Some("Mountain Post"));
        assert_eq!(a.url.as_deref(), Some("https://post.example/landslide"));
    }

    #[test]
    fn broken_feed_is_one_clear_issue() {
        let items = read_feed(&b"<rss><channel><item>"[..], "b.rss", &Defaults::default());
        assert_eq!(items.len(), 1);
        assert!(
            items[0]
                .as_ref()
                .unwrap_err()
                .message
                .contains("invalid feed")
        );
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = read_feed(&bytes[..], "p.xml", &Defaults::default());
        }

        #[test]
        fn never_panics_on_damaged_feeds(cut in 0usize..600) {
            let text = &RSS.as_bytes()[..RSS.len() - cut.min(RSS.len())];
            let _ = read_feed(text, "p.rss", &Defaults::default());
        }
    }
}
