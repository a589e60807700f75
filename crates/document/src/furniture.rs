//! Site furniture and datelines: the parts of a scraped page that are not the article.
//!
//! The scan is line based: a line (or the tail of a dateline) is furniture when it matches one of
//! the patterns below *as a whole*, so article sentences that merely mention "photo" or "share"
//! are kept. Nothing is deleted from the text; the spans are recorded and later stages skip them.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::Span;

/// What kind of furniture a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    /// "READ MORE: <headline>", "Related: …", "Also read …" cross-links.
    CrossLink,
    /// "If you like this story, share it with a friend!", "Follow us on …", "Subscribe …".
    SharePrompt,
    /// "Photo: Reuters", "© AFP", "Image caption …".
    PhotoCredit,
    /// "Updated 6 years ago", "Last updated …".
    UpdateStamp,
    /// "Advertisement", "Skip to content" and similar page chrome.
    PageChrome,
}

/// A span of site furniture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Furniture {
    /// Bytes of the text.
    pub span: Span,
    /// Kind of furniture.
    pub kind: FurnitureKind,
}

/// A dateline: the line (or leading phrase) that gives when the article was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dateline {
    /// Bytes of the text.
    pub span: Span,
    /// The date read from it, if it could be read.
    pub date: Option<NaiveDate>,
}

/// Result of scanning a text for furniture.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Furniture spans in text order.
    pub furniture: Vec<Furniture>,
    /// The dateline, if any.
    pub dateline: Option<Dateline>,
    /// The headline: the first line, when it is short, unpunctuated and followed by a break.
    pub headline: Option<Span>,
}

const MONTHS: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const WEEKDAYS: &str =
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?";

fn dateline_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let time = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*(?:gmt|utc|bst|cet|est|edt|pst|msk|ist)(?:\s*[+-]\s*\d{1,2})?)?)?";
        let pattern = format!(
            r"(?ix)^(?:this\s+story\s+is\s+from\s+|published:?\s+|posted:?\s+|date:?\s+)?
            (?:{WEEKDAYS}\.?,?\s+)?
            (?:
              (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTHS})\.?,?\s+(?P<y1>\d{{4}})
            | (?P<m2>{MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})
            | (?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})
            )
            {time}"
        );
        Regex::new(&pattern).expect("dateline pattern")
    })
}

fn tail_update_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^\s*[/|•·,-]?\s*(?:last\s+)?(?:updated|modified|edited)\b.*$")
            .expect("update pattern")
    })
}

fn furniture_patterns() -> &'static [(FurnitureKind, Regex)] {
    static RES: OnceLock<Vec<(FurnitureKind, Regex)>> = OnceLock::new();
    RES.get_or_init(|| {
        let p = |kind, re: &str| (kind, Regex::new(re).expect("furniture pattern"));
        vec![
            p(
                FurnitureKind::CrossLink,
                r"(?i)^(?:read\s+more|also\s+read|read\s+also|related(?:\s+(?:stories|articles|news|content))?|see\s+also|more\s+on\s+this(?:\s+story)?|recommended|watch|listen|most\s+read|trending)\s*(?::|\||»|>|-|–|—)",
            ),
            p(
                FurnitureKind::CrossLink,
                r"(?i)^(?:read\s+more|related\s+stories|most\s+read|trending\s+now)\s*$",
            ),
            p(
                FurnitureKind::SharePrompt,
                r"(?i)^(?:if\s+you\s+(?:like|liked|enjoyed|love)\s+this\s+(?:story|article|post)|share\s+(?:this|it)\b|follow\s+(?:us|[a-z ]{1,40})\s+on\s+(?:twitter|facebook|telegram|instagram|x)\b|like\s+us\s+on\s+facebook|subscribe\s+(?:to|for|now)\b|sign\s+up\s+(?:for|to)\b|click\s+here\b|download\s+(?:our|the)\s+app\b|join\s+(?:us|our)\s+on\b|comments?\s*\(\d+\)|share\s+on\s+(?:facebook|twitter)|email\s+this\s+(?:story|article)|get\s+(?:our|the)\s+(?:daily|free)?\s*newsletter)",
            ),
            p(
                FurnitureKind::PhotoCredit,
                r"(?i)^(?:(?:file\s+)?photo(?:graph)?s?(?:\s+credit)?|image(?:\s+(?:copyright|caption|source|credit))?|picture|credit|pictured|caption|video)\s*(?::|\||-|–|—|/|\bby\b)\s*.{0,160}$",
            ),
            p(
                FurnitureKind::PhotoCredit,
                r"(?i)^(?:©|\(c\)|copyright\b).{0,160}$",
            ),
            p(
                FurnitureKind::PhotoCredit,
                r"^.{0,200}\b(?:REUTERS|Reuters|AFP|AP|EPA|Getty Images|AP Photo|AFP Photo|Anadolu Agency|SANA|Sputnik|TASS|Xinhua)\s*/\s*[\w .'-]{0,40}\)?\s*$",
            ),
            p(
                FurnitureKind::UpdateStamp,
                r"(?i)^(?:last\s+)?(?:updated|modified|published|posted)\s*:?\s*(?:\d+\s+\w+\s+ago|on\b.{0,60}|\d.{0,60}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s.{0,60})$",
            ),
            p(
                FurnitureKind::PageChrome,
                r"(?i)^(?:advertisement|skip\s+to\s+(?:content|main\s+content)|close|menu|home|print|email|share|tweet|whatsapp|back\s+to\s+top|story\s+continues\s+below(?:\s+advertisement)?)\s*$",
            ),
        ]
    })
}

/// Lines no longer than this can be furniture (long lines are article paragraphs).
const MAX_FURNITURE_LINE: usize = 240;

/// Scan a text for furniture, a dateline and a headline.
pub fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    let mut content_lines = 0usize;
    for (start, line) in lines_with_offsets(text) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let t_start = start + lead;
        let t_end = t_start + trimmed.len();
        content_lines += 1;

        // Datelines are looked for near the top of the article only.
        if out.dateline.is_none()
            && content_lines <= 4
            && let Some(found) = read_dateline(trimmed)
        {
            let date_end = t_start + found.len;
            let rest = &text[date_end..t_end];
            let rest_trimmed = rest.trim();
            let whole_line = rest_trimmed.is_empty()
                || tail_update_regex().is_match(rest)
                || rest_trimmed.len() < 3;
            let starts_text = content_lines <= 2;
            if whole_line || starts_text {
                out.dateline = Some(Dateline {
                    span: Span::new(t_start, date_end),
                    date: found.date,
                });
                if !rest_trimmed.is_empty() && tail_update_regex().is_match(rest) {
                    let r_start = date_end + (rest.len() - rest.trim_start().len());
                    out.furniture.push(Furniture {
                        span: Span::new(r_start, t_end),
                        kind: FurnitureKind::UpdateStamp,
                    });
                }
                continue;
            }
        }

        if trimmed.len() <= MAX_FURNITURE_LINE
            && let Some(kind) = classify_line(trimmed)
        {
            out.furniture.push(Furniture {
                span: Span::new(t_start, t_end),
                kind,
            });
            continue;
        }

        if content_lines == 1 && out.headline.is_none() && looks_like_headline(text, t_end, trimmed)
        {
            out.headline = Some(Span::new(t_start, t_end));
        }
    }
    out
}

/// Which furniture a whole line is, if any.
pub fn classify_line(line: &str) -> Option<FurnitureKind> {
    furniture_patterns()
        .iter()
        .find(|(_, re)| re.is_match(line))
        .map(|(kind, _)| *kind)
}

fn looks_like_headline(text: &str, line_end: usize, line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends_sentence = line.ends_with(['.', '?', '!', ':', ';', ',']);
    let after = text[line_end..].trim_start_matches([' ', '\t', '\r']);
    let blank_line_after = after.starts_with('\n')
        && after[1..]
            .trim_start_matches([' ', '\t', '\r'])
            .starts_with('\n');
    let followed_by_break = blank_line_after || after.starts_with('\n') && line.len() < 60;
    let followed_by_more = !text[line_end..].trim().is_empty();
    followed_by_break && followed_by_more && (2..=30).contains(&words) && !ends_sentence
}

struct FoundDate {
    len: usize,
    date: Option<NaiveDate>,
}

fn read_dateline(line: &str) -> Option<FoundDate> {
    let caps = dateline_regex().captures(line)?;
    let whole = caps.get(0)?;
    let month = |m: &str| -> Option<u32> {
        let m = m.to_ascii_lowercase();
        let idx = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ]
        .iter()
        .position(|p| m.starts_with(p))?;
        Some(idx as u32 + 1)
    };
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = if let (Some(d), Some(m), Some(y)) = (num("d1"), caps.name("m1"), num("y1")) {
        NaiveDate::from_ymd_opt(y as i32, month(m.as_str())?, d)
    } else if let (Some(m), Some(d), Some(y)) = (caps.name("m2"), num("d2"), num("y2")) {
        NaiveDate::from_ymd_opt(y as i32, month(m.as_str())?, d)
    } else if let (Some(y), Some(m), Some(d)) = (num("y3"), num("m3"), num("d3")) {
        NaiveDate::from_ymd_opt(y as i32, m, d)
    } else {
        None
    };
    Some(FoundDate {
        len: whole.end(),
        date,
    })
}

/// Lines of a text with their byte offsets (line terminators excluded).
pub fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        (start, line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, FurnitureKind)> {
        scan(text)
            .furniture
            .iter()
            .map(|f| (text[f.span.range()].to_string(), f.kind))
            .collect()
    }

    #[test]
    fn cross_links_and_share_prompts() {
        let text = "Body sentence one.\n\nREAD MORE: Some other headline - Agency\n\nMore body.\n\nIf you like this story, share it with a friend!";
        let found = kinds(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].1, FurnitureKind::CrossLink);
        assert!(found[0].0.starts_with("READ MORE"));
        assert_eq!(found[1].1, FurnitureKind::SharePrompt);
    }

    #[test]
    fn photo_credits_and_stamps() {
        let text = "Photo: Reuters/Omar Sanadiki\n\nSoldiers stand guard. © AFP 2018\n\nUpdated 3 hours ago\n\nA protester holds a sign. REUTERS/Jane Doe";
        let found = kinds(text);
        let ks: Vec<FurnitureKind> = found.iter().map(|f| f.1).collect();
        assert_eq!(
            ks,
            vec![
                FurnitureKind::PhotoCredit,
                FurnitureKind::UpdateStamp,
                FurnitureKind::PhotoCredit
            ],
            "{found:?}"
        );
    }

    #[test]
    fn article_sentences_mentioning_photos_are_kept() {
        let text = "The photographer said the photo was taken in Aleppo on Monday, when shelling resumed.\n\nShe will share the prize with a colleague.";
        assert!(kinds(text).is_empty());
    }

    #[test]
    fn dateline_with_update_stamp() {
        let text = "A headline – Moscow\n\n2 Aug, 2018 14:54 / Updated 6 years ago\n\nBody.";
        let s = scan(text);
        let d = s.dateline.unwrap();
        assert_eq!(&text[d.span.range()], "2 Aug, 2018 14:54");
        assert_eq!(d.date, NaiveDate::from_ymd_opt(2018, 8, 2));
        assert_eq!(s.furniture.len(), 1);
        assert_eq!(&text[s.furniture[0].span.range()], "/ Updated 6 years ago");
        assert_eq!(&text[s.headline.unwrap().range()], "A headline – Moscow");
    }

    #[test]
    fn dateline_forms() {
        for (line, want) in [
            ("Wed 05 Apr 2017 Syria attack symptoms", (2017, 4, 5)),
            ("This story is from March 10, 2002", (2002, 3, 10)),
            ("Thursday, August 2, 2018", (2018, 8, 2)),
            ("2018-08-02 10:00 GMT", (2018, 8, 2)),
        ] {
            let s = scan(line);
            let d = s
                .dateline
                .unwrap_or_else(|| panic!("no dateline in {line}"));
            assert_eq!(
                d.date,
                NaiveDate::from_ymd_opt(want.0, want.1, want.2),
                "{line}"
            );
        }
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        let s = scan("31 Feb, 2018\n\nText.");
        assert_eq!(s.dateline.unwrap().date, None);
    }

    #[test]
    fn dates_deep_in_the_article_are_not_datelines() {
        let text = "One.\n\nTwo.\n\nThree.\n\nFour.\n\n2 Aug 2018\n\nFive.";
        assert!(scan(text).dateline.is_none());
    }
}
