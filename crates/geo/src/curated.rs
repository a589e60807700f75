//! Curated places (`data/places/*.tsv` other than `countries.tsv`): regions, seas, rivers,
//! camps, bases and border crossings that news names and GeoNames extracts lack.

use annals_record::GeoPrecision;

use crate::countries::LineError;

/// One curated place.
#[derive(Debug, Clone, PartialEq)]
pub struct CuratedPlace {
    /// Stable slug; the gazetteer id is `annals:<id>`.
    pub id: String,
    /// Preferred name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Demonyms and adjectives.
    pub demonyms: Vec<String>,
    /// GeoNames-style feature code.
    pub feature: String,
    /// What the point stands for.
    pub precision: GeoPrecision,
    /// ISO alpha-2 country, when inside one country.
    pub country: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// Parse a precision name as written in the curated files and the record schema.
pub fn parse_precision(s: &str) -> Option<GeoPrecision> {
    Some(match s {
        "point" => GeoPrecision::Point,
        "city" => GeoPrecision::City,
        "admin2" => GeoPrecision::Admin2,
        "admin1" => GeoPrecision::Admin1,
        "region" => GeoPrecision::Region,
        "country" => GeoPrecision::Country,
        _ => return None,
    })
}

fn list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

/// Parse a curated places file. Malformed lines are reported with their numbers and skipped.
pub fn parse_curated(text: &str) -> (Vec<CuratedPlace>, Vec<LineError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("id\t") {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let mut err = |m: String| {
            errors.push(LineError {
                line: i + 1,
                message: m,
            })
        };
        if f.len() != 9 {
            err(format!("expected 9 columns, found {}", f.len()));
            continue;
        }
        let Some(precision) = parse_precision(f[5]) else {
            err(format!("unknown precision {:?}", f[5]));
            continue;
        };
        let (Ok(lat), Ok(lon)) = (f[7].parse::<f64>(), f[8].parse::<f64>()) else {
            err(format!("bad coordinates {:?} {:?}", f[7], f[8]));
            continue;
        };
        if lat.abs() > 90.0 || lon.abs() > 180.0 || f[0].is_empty() || f[1].is_empty() {
            err("coordinates out of range or empty id/name".into());
            continue;
        }
        out.push(CuratedPlace {
            id: f[0].to_string(),
            name: f[1].to_string(),
            aliases: list(f[2]),
            demonyms: list(f[3]),
            feature: f[4].to_string(),
            precision,
            country: (!f[6].is_empty()).then(|| f[6].to_string()),
            lat,
            lon,
        });
    }
    (out, errors)
}

/// Extra names for a GeoNames division (`data/places/admin-aliases.tsv`).
#[derive(Debug, Clone, PartialEq)]
pub struct AdminAlias {
    /// GeoNames admin code (`US.CA`).
    pub target: String,
    /// Abbreviations and short names.
    pub aliases: Vec<String>,
    /// Demonyms.
    pub demonyms: Vec<String>,
}

/// Parse an admin-aliases file: `target`, `aliases`, `demonyms`.
pub fn parse_admin_aliases(text: &str) -> (Vec<AdminAlias>, Vec<LineError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("target\t") {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 3 || !f[0].contains('.') {
            errors.push(LineError {
                line: i + 1,
                message: format!("expected 3 columns with an admin code first, found {:?}", f),
            });
            continue;
        }
        out.push(AdminAlias {
            target: f[0].to_string(),
            aliases: list(f[1]),
            demonyms: list(f[2]),
        });
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_regions_parse_cleanly() {
        let text = include_str!("../../../data/places/regions.tsv");
        let (places, errors) = parse_curated(text);
        assert!(errors.is_empty(), "{errors:?}");
        let mut ids: Vec<&str> = places.iter().map(|p| p.id.as_str()).collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "ids are unique");
        let tanf = places.iter().find(|p| p.id == "al-tanf").unwrap();
        assert_eq!(tanf.precision, GeoPrecision::Point);
        assert_eq!(tanf.country.as_deref(), Some("SY"));
    }

    #[test]
    fn shipped_admin_aliases_parse_cleanly() {
        let text = include_str!("../../../data/places/admin-aliases.tsv");
        let (rows, errors) = parse_admin_aliases(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(
            rows.iter()
                .any(|r| r.target == "CA.02" && r.aliases.contains(&"B.C.".to_string()))
        );
        let (_, errors) = parse_admin_aliases("US.CA\tCalif.\nbad\n");
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[1].line, 2);
    }

    #[test]
    fn malformed_lines() {
        let text = "id\tname\n\
                    a\tA\t\t\tRGN\tregion\t\t1\t2\n\
                    b\tB\t\t\tRGN\tsomewhere\t\t1\t2\n\
                    c\tC\t\t\tRGN\tregion\t\t91\t2\n\
                    d\tD\n";
        let (ok, errors) = parse_curated(text);
        assert_eq!(ok.len(), 1);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5]);
    }
}
