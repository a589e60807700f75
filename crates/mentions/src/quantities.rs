//! Counts: "More than 160 Islamist fighters", "almost 10,000 people", "dozens of vehicles",
//! "10 to 15 soldiers", "three", "a dozen".
//!
//! Each [`QuantityMention`] has a best value, the bounds the words allow, a [`Qualifier`] and
//! the head noun of what is counted, for the event stage to link to its event.

use std::ops::Range;

use annals_document::{Doc, Span, Upos};
use annals_record::Qualifier;
use serde::Serialize;

/// A count found in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantityMention {
    /// Bytes of the text (qualifier and number, not the counted noun).
    pub span: Span,
    /// Token indices into `Doc::tokens`.
    pub tokens: Range<u32>,
    /// The words, as written.
    pub text: String,
    /// Best single value.
    pub value: f64,
    /// Lowest value the words allow.
    pub low: Option<f64>,
    /// Highest value the words allow.
    pub high: Option<f64>,
    /// Qualifier.
    pub qualifier: Option<Qualifier>,
    /// Token index of the counted noun, when found.
    pub head: Option<u32>,
    /// The counted noun, lower-cased ("fighters"); for "pieces of hardware", "hardware".
    pub unit: Option<String>,
}

fn small_number(word: &str) -> Option<f64> {
    Some(match word {
        "zero" | "no" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

fn multiplier(word: &str) -> Option<f64> {
    Some(match word {
        "hundred" => 100.0,
        "thousand" => 1_000.0,
        "million" | "mln" | "m" => 1_000_000.0,
        "billion" | "bln" | "bn" => 1_000_000_000.0,
        _ => return None,
    })
}

/// Parse a numeral written with digits: `160`, `10,000`, `3.5`, `1.2m`.
fn digits(word: &str) -> Option<f64> {
    let w = word.trim_start_matches('+');
    if w.is_empty() || !w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // Group separators: 10,000 or 10 000 (single token only has commas).
    let groups_ok = !w.contains(',')
        || w.split(',')
            .skip(1)
            .all(|g| g.len() == 3 || (g.len() > 3 && g.as_bytes()[3] == b'.'));
    if !groups_ok {
        return None;
    }
    let clean: String = w.chars().filter(|&c| c != ',').collect();
    if clean.bytes().all(|b| b.is_ascii_digit() || b == b'.') && clean.matches('.').count() <= 1 {
        return clean.parse().ok();
    }
    None
}

/// A parsed number: its value, bounds and how many tokens it took.
struct Number {
    len: usize,
    value: f64,
    low: Option<f64>,
    high: Option<f64>,
    vague: bool,
}

/// Read a number at the start of `w` (lower-cased tokens).
fn number_at(w: &[String]) -> Option<Number> {
    let get = |k: usize| w.get(k).map(String::as_str).unwrap_or("");
    let exact = |len, value| {
        Some(Number {
            len,
            value,
            low: None,
            high: None,
            vague: false,
        })
    };
    let vague = |len, low: f64, high: f64| {
        Some(Number {
            len,
            value: low,
            low: Some(low),
            high: Some(high),
            vague: true,
        })
    };
    let first = get(0);
    // Vague orders of magnitude.
    match first {
        "dozens" => return vague(1 + usize::from(get(1) == "of"), 24.0, 99.0),
        "scores" => return vague(1 + usize::from(get(1) == "of"), 40.0, 99.0),
        "hundreds" if get(1) == "of" && get(2) == "thousands" => {
            return vague(3 + usize::from(get(3) == "of"), 200_000.0, 999_999.0);
        }
        "hundreds" => return vague(1 + usize::from(get(1) == "of"), 200.0, 999.0),
        "thousands" => return vague(1 + usize::from(get(1) == "of"), 2_000.0, 9_999.0),
        "tens" if get(1) == "of" && get(2) == "thousands" => {
            return vague(3 + usize::from(get(3) == "of"), 20_000.0, 99_999.0);
        }
        "millions" => return vague(1 + usize::from(get(1) == "of"), 2e6, 9.99e6),
        "a" | "one" if get(1) == "dozen" => return exact(2, 12.0),
        "dozen" => return exact(1, 12.0),
        _ => {}
    }
    // "a quarter of a million", "half a million", "three quarters of a million".
    let fraction = match (first, get(1)) {
        ("a" | "one", "quarter") => Some((2, 0.25)),
        ("a", "half") => Some((2, 0.5)),
        ("half", _) => Some((1, 0.5)),
        ("three", "quarters") => Some((2, 0.75)),
        _ => None,
    };
    if let Some((len, part)) = fraction {
        let of_a = match (get(len), get(len + 1)) {
            ("of", "a") => 2,
            ("a", _) => 1,
            _ => 0,
        };
        if of_a > 0
            && let Some(m) = multiplier(get(len + of_a)).filter(|m| *m >= 1_000.0)
        {
            return exact(len + of_a + 1, part * m);
        }
    }
    // "a hundred", "a thousand"
    if first == "a" {
        if let Some(m) = multiplier(get(1))
            && m >= 100.0
        {
            return exact(2, m);
        }
        return None;
    }
    let mut len;
    let mut value;
    if let Some(v) = digits(first) {
        value = v;
        len = 1;
    } else if let Some(v) = small_number(first) {
        if first == "no" {
            return None;
        }
        value = v;
        len = 1;
        // twenty-five / twenty five
        let (hy, next) = if get(1) == "-" {
            (2, get(2))
        } else {
            (1, get(1))
        };
        if v >= 20.0
            && v % 10.0 == 0.0
            && let Some(u) = small_number(next).filter(|u| *u < 10.0 && *u > 0.0)
        {
            value += u;
            len += hy;
        }
    } else {
        return None;
    }
    // Multipliers: "two hundred", "1.5 million", "3 thousand", "hundred and fifty"
    while let Some(m) = multiplier(get(len)) {
        if get(len) == "m" && len > 0 {
            break; // "5 m" is more likely metres
        }
        value *= m;
        len += 1;
        if get(len) == "and"
            && let Some(rest) = number_at(&w[len + 1..]).filter(|r| r.value < m && !r.vague)
        {
            value += rest.value;
            len += 1 + rest.len;
        }
    }
    exact(len, value)
}

/// Qualifier words before a number, longest first: (words, qualifier).
const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["more", "than"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["at", "least"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["almost"], Qualifier::Almost),
    (&["nearly"], Qualifier::Almost),
    (&["close", "to"], Qualifier::Almost),
    (&["just", "under"], Qualifier::Almost),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["approx."], Qualifier::About),
    (&["an", "estimated"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["up", "to"], Qualifier::UpTo),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
];

/// Verbs whose particle "over" is not "more than": "handed over 500 rifles", "took over
/// two towns".
const OVER_VERBS: &[&str] = &[
    "hand", "hands", "handed", "handing", "take", "takes", "took", "taken", "taking", "turn",
    "turns", "turned", "turning", "give", "gives", "gave", "given", "giving", "pass", "passes",
    "passed", "passing", "sign", "signs", "signed", "signing", "win", "wins", "won", "winning",
];

/// Whether word `i` is "over" as the particle of the verb before it.
fn particle_over(words: &[String], i: usize, start: usize) -> bool {
    words[i] == "over" && i > start && OVER_VERBS.contains(&words[i - 1].as_str())
}

fn qualifier_at(w: &[String]) -> Option<(usize, Qualifier)> {
    QUALIFIERS.iter().find_map(|(words, q)| {
        (w.len() > words.len() && words.iter().zip(w).all(|(a, b)| *a == b.as_str()))
            .then_some((words.len(), *q))
    })
}

/// Nouns whose plural does not end in "s" (or that count people collectively).
const IRREGULAR_PLURALS: &[&str] = &[
    "people",
    "police",
    "personnel",
    "children",
    "women",
    "men",
    "staff",
    "militia",
    "cattle",
    "youth",
    "livestock",
    "troops",
    "infantry",
    "artillery",
    "ammunition",
    "hardware",
    "aircraft",
    "equipment",
    "weaponry",
    "crew",
    "kg",
    "km",
    "tonnes",
    "tons",
];

/// Words between a number and its noun that do not end the search (adjectives and the like
/// are accepted by shape; these are the function words allowed).
const NOUN_SKIP: &[&str] = &[
    "-",
    "other",
    "more",
    "additional",
    "further",
    "of",
    "suspected",
    "alleged",
];

/// Words that are not the counted thing even though they look like plural nouns.
/// Units of time: a number right before one is a duration or an age ("in four years",
/// "over the past 24 hours", "a five-year war"), not a count.
const DURATION_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "night",
    "nights",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
];

const NOT_UNITS: &[&str] = &[
    "years", "days", "weeks", "months", "hours", "minutes", "times", "percent", "per", "cent", "%",
    "was", "has", "is", "as", "its", "this", "his",
];

/// Find the counts of a document. Tokens covered by `exclude` (dates) are skipped.
pub fn find_quantities(doc: &Doc, exclude: &[Range<u32>]) -> Vec<QuantityMention> {
    let mut out = Vec::new();
    let words: Vec<String> = doc.tokens.iter().map(|t| t.norm.to_lowercase()).collect();
    let excluded = |i: usize| exclude.iter().any(|r| r.contains(&(i as u32)));
    for sentence in &doc.sentences {
        let range = sentence.token_range();
        let mut i = range.start;
        while i < range.end {
            if excluded(i) {
                i += 1;
                continue;
            }
            let (qlen, qualifier) = if particle_over(&words, i, range.start) {
                (0, Qualifier::About)
            } else {
                qualifier_at(&words[i..range.end]).unwrap_or((0, Qualifier::About))
            };
            let has_qualifier = qlen > 0;
            let Some(number) = number_at(&words[i + qlen..range.end]) else {
                i += 1;
                continue;
            };
            let num_start = i + qlen;
            let mut end = num_start + number.len;
            if (num_start..end).any(excluded) || is_time_or_code(&words, num_start, range.start) {
                i = end;
                continue;
            }
            // "one" as a pronoun ("one of the", "the one") is not a count.
            if words[num_start] == "one" && number.len == 1 && !has_qualifier {
                let next = words.get(end).map(String::as_str).unwrap_or("");
                let prev = (num_start > range.start).then(|| words[num_start - 1].as_str());
                if next == "of"
                    || matches!(
                        prev,
                        Some("the" | "this" | "that" | "no" | "every" | "each" | "any")
                    )
                    || next == "another"
                {
                    i = end;
                    continue;
                }
            }
            let mut low = number.low;
            let mut high = number.high;
            let mut value = number.value;
            // Ranges: "10 to 15", "10-15", "between 10 and 15", "10 or 15"
            let between = num_start > range.start && words[num_start - 1] == "between";
            let joiner = words.get(end).map(String::as_str).unwrap_or("");
            if matches!(joiner, "to" | "-" | "--" | "and" | "or")
                && (joiner != "and" || between)
                && let Some(upper) = number_at(&words[end + 1..range.end]).filter(|u| !u.vague)
                && upper.value > value
            {
                low = Some(value);
                high = Some(upper.value);
                end += 1 + upper.len;
                value = (value + upper.value) / 2.0;
                value = value.round();
            }
            let start = if between { num_start - 1 } else { i };
            let qualifier = if has_qualifier {
                Some(qualifier)
            } else if number.vague {
                Some(Qualifier::Vague)
            } else {
                None
            };
            match qualifier {
                Some(Qualifier::MoreThan) => low = low.or(Some(value + 1.0)),
                Some(Qualifier::AtLeast) => low = low.or(Some(value)),
                Some(Qualifier::Almost) => high = high.or(Some(value)),
                Some(Qualifier::UpTo) => high = high.or(Some(value)),
                Some(Qualifier::LessThan) => high = high.or(Some(value - 1.0)),
                _ => {}
            }
            // "four years", "the past 24 hours", "a 10-day truce": a duration, not a count.
            if words
                .get(end)
                .is_some_and(|w| DURATION_UNITS.contains(&w.as_str()))
                || (words.get(end).map(String::as_str) == Some("-")
                    && words
                        .get(end + 1)
                        .is_some_and(|w| DURATION_UNITS.contains(&w.as_str())))
            {
                i = end;
                continue;
            }
            let (head, unit) = counted_noun(doc, &words, end, range.end, num_start);
            let span = doc.tokens_span(start..end);
            out.push(QuantityMention {
                span,
                tokens: start as u32..end as u32,
                text: doc.slice(span).to_string(),
                value,
                low,
                high,
                qualifier,
                head: head.map(|h| h as u32),
                unit,
            });
            i = end;
        }
    }
    out
}

/// Numbers that are clock times, ordinals in names, or codes ("F-16", "No. 5", "14:54").
fn is_time_or_code(words: &[String], i: usize, sentence_start: usize) -> bool {
    let w = &words[i];
    if w.contains(':') || w.contains('/') {
        return true;
    }
    // Written with a leading zero ("0041", "092017"): a code, a time or a date, not a count.
    if w.len() > 1 && w.starts_with('0') && w.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let prev = (i > sentence_start).then(|| words[i - 1].as_str());
    matches!(
        prev,
        Some(
            "no."
                | "number"
                | "#"
                | "resolution"
                | "article"
                | "route"
                | "highway"
                | "flight"
                | "$"
                | "£"
                | "€"
                | "page"
                | "room"
                | "-"
        )
    )
}

/// The noun a number counts: from the parse when present (the number is `nummod` of it),
/// otherwise the first noun-like word within five tokens.
fn counted_noun(
    doc: &Doc,
    words: &[String],
    from: usize,
    sentence_end: usize,
    number_token: usize,
) -> (Option<usize>, Option<String>) {
    let parsed = doc.tokens[number_token].deprel;
    let head = if parsed == "nummod" {
        doc.tokens[number_token].head.map(|h| h as usize)
    } else {
        let mut found = None;
        for (k, w) in words
            .iter()
            .enumerate()
            .take(sentence_end.min(from + 6))
            .skip(from)
        {
            let tagged_noun = matches!(doc.tokens[k].upos, Upos::Noun | Upos::Propn);
            let looks_plural = w.len() > 2
                && w.ends_with('s')
                && w.chars().all(|c| c.is_alphabetic())
                && !w.ends_with("ss");
            // A verb ends the search: "more than 20 wounded on Thursday" counts people, not
            // Thursday. So does a weekday or a month.
            if NOT_UNITS.contains(&w.as_str())
                || matches!(doc.tokens[k].upos, Upos::Verb | Upos::Aux)
                || crate::dates::month_number(w).is_some()
                || crate::dates::is_weekday(w)
            {
                break;
            }
            if tagged_noun || looks_plural || IRREGULAR_PLURALS.contains(&w.as_str()) {
                found = Some(k);
                // Compound: "anti-aircraft cannons", "multiple-rocket launchers": keep going
                // while the next word continues the noun phrase.
                let next = words.get(k + 1).map(String::as_str).unwrap_or("");
                if next == "-" {
                    continue;
                }
                break;
            }
            let is_word = w.chars().all(|c| c.is_alphabetic() || c == '-');
            if !is_word && !NOUN_SKIP.contains(&w.as_str()) {
                break;
            }
        }
        found
    };
    let Some(mut h) = head.filter(|&h| h < words.len()) else {
        return (None, None);
    };
    // A number the parser hung on the first noun of a compound counts the compound's head:
    // "35 anti-aircraft cannons" → cannons, "12 police officers" → officers.
    for _ in 0..4 {
        match doc.tokens[h].head.map(|x| x as usize) {
            Some(x) if doc.tokens[h].deprel == "compound" && x > h && x < sentence_end => h = x,
            _ => break,
        }
    }
    // "pieces of military hardware" → hardware
    if matches!(
        words[h].as_str(),
        "pieces" | "units" | "items" | "rounds" | "tonnes" | "tons" | "batches" | "kinds" | "types"
    ) && words.get(h + 1).map(String::as_str) == Some("of")
        && let Some(k) = (h + 2..sentence_end.min(h + 6)).find(|&k| {
            let w = &words[k];
            IRREGULAR_PLURALS.contains(&w.as_str())
                || matches!(doc.tokens[k].upos, Upos::Noun)
                || (w.ends_with('s') && w.len() > 3)
                || words
                    .get(k + 1)
                    .is_none_or(|n| !n.chars().all(char::is_alphabetic))
        })
    {
        h = k;
    }
    (Some(h), Some(words[h].clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_document::Article;

    fn q(text: &str) -> Vec<QuantityMention> {
        let doc = Doc::from_article(&Article::new("t", text));
        find_quantities(&doc, &[])
    }

    fn one(text: &str) -> QuantityMention {
        let mut all = q(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.remove(0)
    }

    #[test]
    fn over_after_a_phrasal_verb_is_not_more_than() {
        let m = one("The rebels handed over 300 rifles to the army.");
        assert_eq!((m.value, m.qualifier), (300.0, None));
        assert_eq!(m.text, "300");
        let m = one("Police arrested over 300 protesters.");
        assert_eq!((m.value, m.qualifier), (300.0, Some(Qualifier::MoreThan)));
    }

    #[test]
    fn qualifiers_and_bounds() {
        let m = one("More than 160 Islamist fighters were taken captive.");
        assert_eq!(
            (m.value, m.low, m.qualifier),
            (160.0, Some(161.0), Some(Qualifier::MoreThan))
        );
        assert_eq!(m.unit.as_deref(), Some("fighters"));
        assert_eq!(m.text, "More than 160");
        let m = one("almost 10,000 people were given passage");
        assert_eq!(
            (m.value, m.high, m.qualifier),
            (10_000.0, Some(10_000.0), Some(Qualifier::Almost))
        );
        assert_eq!(m.unit.as_deref(), Some("people"));
        let m = one("at least 70 died");
        assert_eq!((m.low, m.qualifier), (Some(70.0), Some(Qualifier::AtLeast)));
        let m = one("up to 50 protesters");
        assert_eq!((m.high, m.qualifier), (Some(50.0), Some(Qualifier::UpTo)));
        assert_eq!(
            one("over 650 pieces of military hardware").unit.as_deref(),
            Some("hardware")
        );
    }

    #[test]
    fn a_number_hung_on_a_compound_counts_its_head() {
        // "35 anti-aircraft cannons arrived" parsed with 35 as nummod of "anti-aircraft".
        let mut doc = Doc::from_article(&Article::new("t", "35 anti-aircraft cannons arrived."));
        let rels: [(u32, &'static str); 5] = [
            (1, "nummod"),
            (2, "compound"),
            (3, "nsubj"),
            (u32::MAX, "root"),
            (3, "punct"),
        ];
        assert_eq!(doc.tokens.len(), rels.len());
        for (t, (h, rel)) in doc.tokens.iter_mut().zip(rels) {
            t.head = (h != u32::MAX).then_some(h);
            t.deprel = rel;
        }
        let found = find_quantities(&doc, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].unit.as_deref(), Some("cannons"));
    }

    #[test]
    fn lists_with_compound_nouns() {
        let found = q(
            "including 39 tanks, 29 armored vehicles, 35 anti-aircraft cannons, 17 multiple-rocket launchers, and dozens of other vehicles.",
        );
        let got: Vec<(f64, Option<&str>)> =
            found.iter().map(|m| (m.value, m.unit.as_deref())).collect();
        assert_eq!(
            got,
            vec![
                (39.0, Some("tanks")),
                (29.0, Some("vehicles")),
                (35.0, Some("cannons")),
                (17.0, Some("launchers")),
                (24.0, Some("vehicles")),
            ]
        );
        assert_eq!(found[4].qualifier, Some(Qualifier::Vague));
    }

    #[test]
    fn number_words_and_ranges() {
        assert_eq!(one("three soldiers were hurt").value, 3.0);
        assert_eq!(one("a dozen rockets").value, 12.0);
        assert_eq!(one("twenty-five villagers").value, 25.0);
        assert_eq!(one("two hundred and fifty families").value, 250.0);
        assert_eq!(one("1.5 million refugees").value, 1_500_000.0);
        let r = one("10 to 15 soldiers");
        assert_eq!((r.low, r.high, r.value), (Some(10.0), Some(15.0), 13.0));
        let r = one("between 20 and 30 bodies");
        assert_eq!((r.low, r.high), (Some(20.0), Some(30.0)));
        assert_eq!(r.text, "between 20 and 30");
        let h = one("hundreds of people");
        assert_eq!((h.low, h.high), (Some(200.0), Some(999.0)));
        let h = one("hundreds of thousands of people");
        assert_eq!((h.value, h.high), (200_000.0, Some(999_999.0)));
        assert_eq!(h.qualifier, Some(Qualifier::Vague));
        assert_eq!(one("a quarter of a million people").value, 250_000.0);
        assert_eq!(one("half a million refugees").value, 500_000.0);
        let m = one("more than three quarters of a million people");
        assert_eq!(
            (m.value, m.qualifier),
            (750_000.0, Some(Qualifier::MoreThan))
        );
    }

    #[test]
    fn durations_and_ages_are_not_counts() {
        assert!(q("The war went on for four years.").is_empty());
        assert!(q("Strikes hit the town over the past 24 hours.").is_empty());
        assert!(q("A 10-day truce began after a five-year war.").is_empty());
        let m = one("The war has killed 200 people in two months.");
        assert_eq!((m.value, m.unit.as_deref()), (200.0, Some("people")));
    }

    #[test]
    fn the_counted_noun_is_not_found_past_a_verb_or_a_weekday() {
        let mut doc = Doc::from_article(&Article::new("t", "more than 20 wounded on Thursday"));
        doc.tokens[3].upos = Upos::Verb;
        doc.tokens[5].upos = Upos::Propn;
        let found = find_quantities(&doc, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].value, found[0].unit.as_deref()), (20.0, None));
        let mut doc = Doc::from_article(&Article::new("t", "20 on Thursday"));
        doc.tokens[2].upos = Upos::Propn;
        assert_eq!(find_quantities(&doc, &[])[0].unit, None);
    }

    #[test]
    fn not_counts() {
        assert!(q("at 14:54 on flight 17").is_empty());
        assert!(q("one of the commanders").is_empty());
        assert!(q("Resolution 2254 was adopted").is_empty());
        assert!(q("updated at 0041 on the page 092017").is_empty());
    }
}
