//! Small helpers: content hashes, URL normalisation, date intervals, median.

use chrono::{Datelike, Days, NaiveDate};
use sha2::{Digest, Sha256};

/// The content hash of an article text: sha256 (hex) of its words joined by single spaces, so
/// that re-wrapped or re-indented copies of a text are the same article.
pub fn content_hash(text: &str) -> String {
    let mut hasher = Sha256::new();
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    hex(&hasher.finalize())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The form of a URL used to recognise an article already stored: scheme and host lower-cased,
/// `#fragment` and `utm_*` tracking parameters dropped, a trailing `/` dropped from a non-root
/// path. Not a URL: returned trimmed.
pub fn normalize_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (host, path_query) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (path, query) = match path_query.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path_query, None),
    };
    let path = if path.len() > 1 {
        path.trim_end_matches('/')
    } else {
        path
    };
    let query: Vec<&str> = query
        .map(|q| {
            q.split('&')
                .filter(|kv| !kv.is_empty() && !kv.to_ascii_lowercase().starts_with("utm_"))
                .collect()
        })
        .unwrap_or_default();
    let mut out = format!(
        "{}://{}{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase(),
        path
    );
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query.join("&"));
    }
    out
}

/// The interval of days a coded date stands for: a day, a week (from its Monday), a month
/// (`YYYY-MM`) or a year (`YYYY`).
pub(crate) fn date_interval(value: &str, precision: &str) -> Option<(NaiveDate, NaiveDate)> {
    let v = value.trim();
    match precision {
        "day" => {
            let d = NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()?;
            Some((d, d))
        }
        "week" => {
            let d = NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok()?;
            Some((d, d.checked_add_days(Days::new(6))?))
        }
        "month" => {
            let first =
                NaiveDate::parse_from_str(&format!("{}-01", v.get(..7)?), "%Y-%m-%d").ok()?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        "year" => {
            let y: i32 = v.get(..4)?.parse().ok()?;
            Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            ))
        }
        _ => None,
    }
}

/// Median of a non-empty list (mean of the two middle values for an even count).
pub(crate) fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// Great-circle distance in kilometres.
pub(crate) fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_ignore_layout_not_words() {
        assert_eq!(content_hash("a  b\n\nc "), content_hash("a b c"));
        assert_ne!(content_hash("a b c"), content_hash("a b d"));
        assert_eq!(content_hash("x").len(), 64);
    }

    #[test]
    fn urls_are_normalised() {
        assert_eq!(
            normalize_url(" HTTPS://WWW.Example.COM/News/Story/?utm_source=x&id=3#top "),
            "https://www.example.com/News/Story?id=3"
        );
        assert_eq!(normalize_url("http://a.example"), "http://a.example");
        assert_eq!(normalize_url("http://a.example/"), "http://a.example/");
        assert_eq!(normalize_url("urn:uuid:1"), "urn:uuid:1");
    }

    #[test]
    fn intervals() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            date_interval("2024-02", "month"),
            Some((d("2024-02-01"), d("2024-02-29")))
        );
        assert_eq!(
            date_interval("2024-12", "month"),
            Some((d("2024-12-01"), d("2024-12-31")))
        );
        assert_eq!(
            date_interval("2024-05-06", "week"),
            Some((d("2024-05-06"), d("2024-05-12")))
        );
        assert_eq!(date_interval("2024", "year").unwrap().1, d("2024-12-31"));
        assert_eq!(date_interval("soon", "day"), None);
    }

    #[test]
    fn medians_and_distances() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
        let km = haversine_km(34.5553, 69.2075, 31.6289, 65.7372); // Kabul - Kandahar
        assert!((km - 460.0).abs() < 20.0, "{km}");
    }
}
