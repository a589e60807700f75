//! Date expressions, resolved against the publication date.
//!
//! News writes dates relative to the day of publication: "on Wednesday" in a story published on
//! Thursday 2 August 2018 is 1 August 2018; "last month" is July 2018. Each [`DateMention`]
//! keeps its words, the resolved value, the precision (day, week, month, year) and how it was
//! resolved. Weekdays and bare month names look back in time (news reports what happened)
//! unless the words before them speak of the future ("will", "next", "due to").

use std::ops::Range;

use annals_document::{Doc, Span};
use annals_record::DatePrecision;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

/// How a date was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The text gives the full date (with year).
    Explicit,
    /// Resolved relative to the publication date.
    Relative,
    /// The text gives no year; the year was taken from the publication date.
    YearFromPublication,
}

impl DateBasis {
    /// The basis as written in records.
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Explicit => "explicit",
            DateBasis::Relative => "relative",
            DateBasis::YearFromPublication => "year_from_publication",
        }
    }
}

/// A date expression found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateMention {
    /// Bytes of the text.
    pub span: Span,
    /// Token indices into `Doc::tokens`.
    pub tokens: Range<u32>,
    /// The words, as written.
    pub text: String,
    /// The first day the expression covers (for a week, its Monday; for a month, the 1st).
    /// `None` when the expression needs a publication date and the article has none.
    pub value: Option<NaiveDate>,
    /// How precise the expression is.
    pub precision: DatePrecision,
    /// How it was resolved.
    pub basis: DateBasis,
    /// A short explanation ("weekday on or before publication").
    pub how: &'static str,
}

impl DateMention {
    /// The value as a record string: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn value_string(&self) -> Option<String> {
        let v = self.value?;
        Some(match self.precision {
            DatePrecision::Day | DatePrecision::Week => v.format("%Y-%m-%d").to_string(),
            DatePrecision::Month => v.format("%Y-%m").to_string(),
            DatePrecision::Year => v.format("%Y").to_string(),
        })
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month number (1-12) of a month name or abbreviation (`aug`, `aug.`, `sept`).
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)))
        .map(|i| i as u32 + 1)
}

/// Whether a word names a day of the week ("Monday", "Thu.").
pub fn is_weekday(word: &str) -> bool {
    weekday(word).is_some()
}

fn weekday(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    Some(match w.as_str() {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn day_number(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let digits = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .unwrap_or(&w);
    let n: u32 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

fn year_number(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = word.parse().ok()?;
    (1800..=2100).contains(&y).then_some(y)
}

fn count_word(word: &str) -> Option<i64> {
    if let Ok(n) = word.parse::<i64>() {
        return Some(n);
    }
    Some(match word {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        _ => return None,
    })
}

/// Words before a weekday or month that point to the future.
const FUTURE_CUES: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "next",
    "upcoming",
    "due",
    "scheduled",
    "planned",
    "plans",
    "expected",
    "until",
    "till",
    "tomorrow",
    "coming",
];

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(d.weekday().num_days_from_monday() as i64)
}

fn first_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)
}

fn add_months(d: NaiveDate, months: i32) -> Option<NaiveDate> {
    let total = d.year() * 12 + d.month0() as i32 + months;
    first_of_month(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

struct Found {
    len: usize,
    value: Option<NaiveDate>,
    precision: DatePrecision,
    basis: DateBasis,
    how: &'static str,
}

/// Find and resolve the date expressions of a document against `doc.date`.
pub fn find_dates(doc: &Doc) -> Vec<DateMention> {
    let mut out = Vec::new();
    let words: Vec<String> = doc.tokens.iter().map(|t| t.norm.to_lowercase()).collect();
    for sentence in &doc.sentences {
        let range = sentence.token_range();
        let mut i = range.start;
        while i < range.end {
            let future = future_context(&words[range.start..i]);
            match match_at(&words[i..range.end], doc.date, future) {
                Some(found) => {
                    // Keep "on"/"in" outside the mention but inside nothing else.
                    let span = doc.tokens_span(i..i + found.len);
                    out.push(DateMention {
                        span,
                        tokens: i as u32..(i + found.len) as u32,
                        text: doc.slice(span).to_string(),
                        value: found.value,
                        precision: found.precision,
                        basis: found.basis,
                        how: found.how,
                    });
                    i += found.len;
                }
                None => i += 1,
            }
        }
    }
    out
}

fn future_context(before: &[String]) -> bool {
    before
        .iter()
        .rev()
        .take(6)
        .any(|w| FUTURE_CUES.contains(&w.as_str()))
}

/// Try all patterns at the start of `w` (lower-cased normalised tokens).
fn match_at(w: &[String], pub_date: Option<NaiveDate>, future: bool) -> Option<Found> {
    let get = |k: usize| w.get(k).map(String::as_str).unwrap_or("");
    let first = get(0);
    let day = |n: i64, how| Found {
        len: 0,
        value: pub_date.map(|p| p + Duration::days(n)),
        precision: DatePrecision::Day,
        basis: DateBasis::Relative,
        how,
    };
    let with_len = |mut f: Found, len: usize| {
        f.len = len;
        Some(f)
    };

    // ISO date in one token.
    if first.len() == 10
        && first.as_bytes()[4] == b'-'
        && let Ok(d) = NaiveDate::parse_from_str(first, "%Y-%m-%d")
    {
        return with_len(explicit(d, DatePrecision::Day, "ISO date"), 1);
    }
    // Numeric d/m/yyyy or m/d/yyyy (day first unless impossible).
    if first.matches('/').count() == 2 {
        let parts: Vec<&str> = first.split('/').collect();
        if let (Ok(a), Ok(b), Some(y)) = (
            parts[0].parse::<u32>(),
            parts[1].parse::<u32>(),
            year_number(parts[2]),
        ) {
            let d = NaiveDate::from_ymd_opt(y, b, a).or_else(|| NaiveDate::from_ymd_opt(y, a, b));
            if let Some(d) = d {
                return with_len(explicit(d, DatePrecision::Day, "numeric date"), 1);
            }
        }
    }

    match first {
        "today" | "tonight" => return with_len(day(0, "publication day"), 1),
        "yesterday" => return with_len(day(-1, "day before publication"), 1),
        "tomorrow" => return with_len(day(1, "day after publication"), 1),
        "overnight" => return with_len(day(-1, "night before publication"), 1),
        _ => {}
    }
    if first == "the" && get(1) == "day" && get(2) == "before" && get(3) == "yesterday" {
        return with_len(day(-2, "two days before publication"), 4);
    }
    if matches!(first, "this" | "last")
        && matches!(get(1), "morning" | "afternoon" | "evening" | "night")
    {
        let offset = if first == "last" && get(1) == "night" {
            -1
        } else {
            0
        };
        return with_len(day(offset, "part of the publication day"), 2);
    }

    // "N days/weeks/months/years ago"
    if let Some(n) = count_word(first)
        && get(2) == "ago"
    {
        let unit = get(1).trim_end_matches('s');
        let p = pub_date;
        let (value, precision) = match unit {
            "day" => (p.map(|p| p - Duration::days(n)), DatePrecision::Day),
            "week" => (
                p.map(|p| monday_of(p - Duration::days(7 * n))),
                DatePrecision::Week,
            ),
            "month" => (
                p.and_then(|p| add_months(p, -(n as i32))),
                DatePrecision::Month,
            ),
            "year" => (
                p.and_then(|p| NaiveDate::from_ymd_opt(p.year() - n as i32, 1, 1)),
                DatePrecision::Year,
            ),
            _ => (None, DatePrecision::Day),
        };
        if matches!(unit, "day" | "week" | "month" | "year") {
            return Some(Found {
                len: 3,
                value,
                precision,
                basis: DateBasis::Relative,
                how: "counted back from publication",
            });
        }
    }

    // last/this/next/past week/month/year; earlier this month; the past month
    let (skip, rel) = match (first, get(1)) {
        ("the", "past" | "last" | "previous") => (1, "last"),
        ("earlier" | "later", "this") => (1, "this"),
        ("in", "the") if matches!(get(2), "past" | "last") => (2, "last"),
        ("last" | "past" | "previous", _) => (0, "last"),
        ("this" | "current", _) => (0, "this"),
        ("next" | "coming", _) => (0, "next"),
        _ => (usize::MAX, ""),
    };
    if skip != usize::MAX {
        let unit = get(skip + 1);
        let step = match rel {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        if let Some(p) = pub_date {
            let found = match unit {
                "week" => Some((monday_of(p + Duration::days(7 * step)), DatePrecision::Week)),
                "weekend" => Some((
                    monday_of(p + Duration::days(7 * step)) + Duration::days(5),
                    DatePrecision::Week,
                )),
                "month" => add_months(p, step as i32).map(|d| (d, DatePrecision::Month)),
                "year" => NaiveDate::from_ymd_opt(p.year() + step as i32, 1, 1)
                    .map(|d| (d, DatePrecision::Year)),
                _ => None,
            };
            if let Some((value, precision)) = found {
                return Some(Found {
                    len: skip + 2,
                    value: Some(value),
                    precision,
                    basis: DateBasis::Relative,
                    how: "relative to publication",
                });
            }
        } else if matches!(unit, "week" | "weekend" | "month" | "year") {
            let precision = match unit {
                "month" => DatePrecision::Month,
                "year" => DatePrecision::Year,
                _ => DatePrecision::Week,
            };
            return Some(Found {
                len: skip + 2,
                value: None,
                precision,
                basis: DateBasis::Relative,
                how: "relative, but the publication date is unknown",
            });
        }
        // last/this/next <weekday>
        if skip == 0
            && let Some(wd) = weekday(unit)
        {
            let value = pub_date.map(|p| resolve_weekday(p, wd, rel == "next"));
            let value = match (rel, value) {
                ("last", Some(v)) if Some(v) == pub_date => Some(v - Duration::days(7)),
                (_, v) => v,
            };
            return Some(Found {
                len: 2,
                value,
                precision: DatePrecision::Day,
                basis: DateBasis::Relative,
                how: "weekday relative to publication",
            });
        }
    }

    // Weekday, optionally followed by a month-day ("Wednesday, August 1").
    if let Some(wd) = weekday(first) {
        // Short forms like "sat" and "sun" only count when capitalised in context, which the
        // lower-cased view cannot see: require the full name or a following date.
        let full = first.len() > 4 || first == "wed.";
        let comma = usize::from(get(1) == ",");
        if let Some(f) = month_day_year(&w[1 + comma..], pub_date, future)
            && f.precision == DatePrecision::Day
        {
            let len = f.len + 1 + comma;
            return with_len(f, len);
        }
        if full {
            let value = pub_date.map(|p| resolve_weekday(p, wd, future));
            let extra = usize::from(matches!(
                get(1),
                "morning" | "afternoon" | "evening" | "night"
            ));
            return Some(Found {
                len: 1 + extra,
                value,
                precision: DatePrecision::Day,
                basis: DateBasis::Relative,
                how: if future {
                    "weekday after publication (future context)"
                } else {
                    "weekday on or before publication"
                },
            });
        }
    }

    // Month-day(-year), day-month(-year), month-year, month alone.
    if let Some(f) = month_day_year(w, pub_date, future) {
        return Some(f);
    }

    // Early/mid/late <month>
    if matches!(first, "early" | "mid" | "late" | "mid-")
        && let Some(f) = month_day_year(&w[1..], pub_date, future)
        && f.precision == DatePrecision::Month
    {
        let len = f.len + 1;
        return with_len(f, len);
    }

    // Year: a four-digit year after a preposition or "year".
    None
}

/// Years are only dates in context: "in 2012", "since 2011", "the year 2010", "2012's".
pub fn find_years(doc: &Doc, taken: &[DateMention]) -> Vec<DateMention> {
    let mut out = Vec::new();
    let is_taken = |i: usize| taken.iter().any(|d| d.tokens.contains(&(i as u32)));
    for sentence in &doc.sentences {
        let range = sentence.token_range();
        for i in range.clone() {
            let t = &doc.tokens[i];
            let Some(y) = year_number(&t.norm) else {
                continue;
            };
            if is_taken(i) {
                continue;
            }
            let prev = (i > range.start).then(|| doc.tokens[i - 1].norm.to_lowercase());
            let next = doc
                .tokens
                .get(i + 1)
                .filter(|_| i + 1 < range.end)
                .map(|t| t.norm.to_lowercase());
            let prep_before = prev.as_deref().is_some_and(|p| {
                matches!(
                    p,
                    "in" | "since"
                        | "by"
                        | "from"
                        | "until"
                        | "till"
                        | "during"
                        | "of"
                        | "year"
                        | "before"
                        | "after"
                        | "early"
                        | "late"
                        | "mid"
                        | "throughout"
                        | "between"
                        | "and"
                        | "to"
                )
            });
            // "2012 people" is a count, not a year.
            let noun_after = next.as_deref().is_some_and(|n| {
                n.chars().all(char::is_alphabetic)
                    && !matches!(
                        n,
                        "and"
                            | "to"
                            | "when"
                            | "after"
                            | "before"
                            | "as"
                            | "that"
                            | "which"
                            | "with"
                            | "in"
                            | "on"
                            | "at"
                            | "but"
                            | "elections"
                            | "election"
                            | "war"
                            | "attack"
                            | "attacks"
                            | "uprising"
                            | "revolution"
                            | "coup"
                            | "agreement"
                            | "deal"
                            | "ceasefire"
                            | "budget"
                            | "census"
                            | "law"
                            | "season"
                            | "summit"
                            | "olympics"
                            | "cup"
                    )
            });
            if prep_before && !noun_after || prev.as_deref() == Some("in") {
                let span = t.span;
                out.push(DateMention {
                    span,
                    tokens: i as u32..i as u32 + 1,
                    text: doc.slice(span).to_string(),
                    value: NaiveDate::from_ymd_opt(y, 1, 1),
                    precision: DatePrecision::Year,
                    basis: DateBasis::Explicit,
                    how: "year",
                });
            }
        }
    }
    out
}

fn explicit(d: NaiveDate, precision: DatePrecision, how: &'static str) -> Found {
    Found {
        len: 0,
        value: Some(d),
        precision,
        basis: DateBasis::Explicit,
        how,
    }
}

/// Resolve a weekday: the last such day on or before publication, or the next one after it
/// when the context is future.
pub fn resolve_weekday(pub_date: NaiveDate, wd: Weekday, future: bool) -> NaiveDate {
    let p = pub_date.weekday().num_days_from_monday() as i64;
    let w = wd.num_days_from_monday() as i64;
    if future {
        let ahead = (w - p).rem_euclid(7);
        pub_date + Duration::days(if ahead == 0 { 7 } else { ahead })
    } else {
        pub_date - Duration::days((p - w).rem_euclid(7))
    }
}

/// Choose the year of a month-day given without one: the publication year, unless that puts
/// the date more than a month after publication (then the year before), or the context is
/// future and the date has passed (then the year after).
fn year_for(pub_date: Option<NaiveDate>, month: u32, day: u32, future: bool) -> Option<i32> {
    let p = pub_date?;
    let this_year = NaiveDate::from_ymd_opt(p.year(), month, day.clamp(1, 28))?;
    if future && this_year < p - Duration::days(7) {
        Some(p.year() + 1)
    } else if !future && this_year > p + Duration::days(31) {
        Some(p.year() - 1)
    } else {
        Some(p.year())
    }
}

/// "August 2, 2018", "2 August 2018", "Aug. 2", "2nd of August", "August 2018", "August".
fn month_day_year(w: &[String], pub_date: Option<NaiveDate>, future: bool) -> Option<Found> {
    let get = |k: usize| w.get(k).map(String::as_str).unwrap_or("");
    let build = |len: usize, y: Option<i32>, m: u32, d: Option<u32>, had_year: bool| -> Found {
        let (value, precision) = match d {
            Some(d) => (
                y.and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
                DatePrecision::Day,
            ),
            None => (y.and_then(|y| first_of_month(y, m)), DatePrecision::Month),
        };
        Found {
            len,
            value,
            precision,
            basis: if had_year {
                DateBasis::Explicit
            } else {
                DateBasis::YearFromPublication
            },
            how: if had_year {
                "calendar date"
            } else {
                "month (and day) with the year of publication"
            },
        }
    };
    // Month first.
    if let Some(m) = month_number(get(0)) {
        // "may" and "march" are also ordinary words: require a day/year after them, or a
        // capital letter (checked by the caller through the original form is not available
        // here, so require a following number).
        let ambiguous = matches!(get(0), "may" | "march" | "mar" | "jan" | "sun");
        if let Some(d) = day_number(get(1)) {
            let mut len = 2;
            if get(len) == "," {
                len += 1;
            }
            if let Some(y) = year_number(get(len)) {
                return Some(build(len + 1, Some(y), m, Some(d), true));
            }
            return Some(build(
                2,
                year_for(pub_date, m, d, future),
                m,
                Some(d),
                false,
            ));
        }
        if let Some(y) = year_number(get(1)) {
            return Some(build(2, Some(y), m, None, true));
        }
        if get(1) == ","
            && let Some(y) = year_number(get(2))
        {
            return Some(build(3, Some(y), m, None, true));
        }
        if !ambiguous && get(0).len() >= 3 && !get(0).ends_with('.') {
            return Some(build(1, year_for(pub_date, m, 15, future), m, None, false));
        }
        return None;
    }
    // Day first: "2 August 2018", "2nd of August".
    if let Some(d) = day_number(get(0)) {
        let of = usize::from(get(1) == "of");
        if let Some(m) = month_number(get(1 + of)) {
            let mut len = 2 + of;
            if get(len) == "," {
                len += 1;
            }
            if let Some(y) = year_number(get(len)) {
                return Some(build(len + 1, Some(y), m, Some(d), true));
            }
            return Some(build(
                2 + of,
                year_for(pub_date, m, d, future),
                m,
                Some(d),
                false,
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_document::Article;

    fn dates(
        text: &str,
        pub_date: Option<(i32, u32, u32)>,
    ) -> Vec<(String, Option<String>, DatePrecision)> {
        let mut a = Article::new("t", text);
        a.date = pub_date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        let doc = Doc::from_article(&a);
        let mut found = find_dates(&doc);
        let years = find_years(&doc, &found);
        found.extend(years);
        found.sort_by_key(|d| d.span.start);
        found
            .into_iter()
            .map(|d| (d.text.clone(), d.value_string(), d.precision))
            .collect()
    }

    const THU: Option<(i32, u32, u32)> = Some((2018, 8, 2));

    fn one(text: &str) -> (String, Option<String>, DatePrecision) {
        let mut all = dates(text, THU);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.remove(0)
    }

    #[test]
    fn weekdays_look_back_unless_future() {
        assert_eq!(
            one("It was overrun on Wednesday.").1.as_deref(),
            Some("2018-08-01")
        );
        assert_eq!(
            one("He reported on Thursday.").1.as_deref(),
            Some("2018-08-02")
        );
        assert_eq!(one("They met on Friday.").1.as_deref(), Some("2018-07-27"));
        assert_eq!(
            one("They will meet on Friday.").1.as_deref(),
            Some("2018-08-03")
        );
        assert_eq!(
            one("They met last Thursday.").1.as_deref(),
            Some("2018-07-26")
        );
        assert_eq!(
            one("Talks resume next Monday.").1.as_deref(),
            Some("2018-08-06")
        );
    }

    #[test]
    fn relative_days_weeks_months_years() {
        assert_eq!(
            one("Shelling resumed yesterday.").1.as_deref(),
            Some("2018-08-01")
        );
        assert_eq!(
            one("Clashes erupted last night.").1.as_deref(),
            Some("2018-08-01")
        );
        assert_eq!(
            one("It started three days ago.").1.as_deref(),
            Some("2018-07-30")
        );
        let w = one("It happened last week.");
        assert_eq!(
            (w.1.as_deref(), w.2),
            (Some("2018-07-23"), DatePrecision::Week)
        );
        let m = one("The operation went on for the past month.");
        assert_eq!(
            (m.1.as_deref(), m.2),
            (Some("2018-07"), DatePrecision::Month)
        );
        assert_eq!(m.0, "the past month");
        assert_eq!(one("It ended last month.").1.as_deref(), Some("2018-07"));
        assert_eq!(
            one("Elections are due next year.").1.as_deref(),
            Some("2019")
        );
        assert_eq!(
            one("Earlier this month, rebels left.").1.as_deref(),
            Some("2018-08")
        );
    }

    #[test]
    fn calendar_dates() {
        assert_eq!(
            one("On August 1, 2018, troops entered.").1.as_deref(),
            Some("2018-08-01")
        );
        assert_eq!(
            one("On 1 August 2018 troops entered.").1.as_deref(),
            Some("2018-08-01")
        );
        assert_eq!(
            one("By Aug. 5 they had left.").1.as_deref(),
            Some("2018-08-05")
        );
        assert_eq!(
            one("In December, they had left.").1.as_deref(),
            Some("2017-12")
        );
        assert_eq!(
            one("The deal was signed in July 2015.").1.as_deref(),
            Some("2015-07")
        );
        assert_eq!(
            one("The report dated 2018-07-30 was leaked.").1.as_deref(),
            Some("2018-07-30")
        );
        assert_eq!(
            one("Recorded on 30/07/2018 in Daraa.").1.as_deref(),
            Some("2018-07-30")
        );
        assert_eq!(
            one("On Wednesday, August 1, 2018 they met.").1.as_deref(),
            Some("2018-08-01")
        );
    }

    #[test]
    fn years_need_context() {
        let y = one("Observers, who withdrew in 2012, returned.");
        assert_eq!((y.1.as_deref(), y.2), (Some("2012"), DatePrecision::Year));
        assert!(dates("Some 2012 people fled.", THU).is_empty());
    }

    #[test]
    fn ordinary_words_are_not_dates() {
        assert!(dates("They may march on the capital.", THU).is_empty());
        assert!(dates("A sun-lit square.", THU).is_empty());
    }

    #[test]
    fn unknown_publication_date_keeps_the_mention() {
        let d = dates("It was overrun on Wednesday.", None);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].1, None);
    }
}
