//! The country table (`data/places/countries.tsv`): ISO codes, GeoNames ids, names, aliases,
//! demonyms, capitals and a representative point for every country. Compiled into the crate,
//! so it is there even without the gazetteer artifact; later stages (the actor coder) use it
//! to turn "Syrian", "U.S." or "Britain" into ISO codes.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::key::name_key;

/// The country table as shipped.
pub const COUNTRIES_TSV: &str = include_str!("../../../data/places/countries.tsv");

/// One country.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code.
    pub iso3: String,
    /// ISO 3166-1 alpha-2 code.
    pub iso2: String,
    /// GeoNames id of the country feature.
    pub geonames_id: u32,
    /// English short name.
    pub name: String,
    /// Other names: short and official forms, abbreviations.
    pub aliases: Vec<String>,
    /// Demonyms and adjectives.
    pub demonyms: Vec<String>,
    /// Capital city name (empty when none).
    pub capital: String,
    /// Continent code (`AF`, `AS`, `EU`, `NA`, `OC`, `SA`, `AN`).
    pub continent: String,
    /// Representative point, when the table gives one.
    pub point: Option<(f64, f64)>,
}

/// A malformed line of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

/// Parse a country table. Comment lines (`#`) and the header are skipped; malformed lines
/// are returned as errors and left out.
pub fn parse_countries(text: &str) -> (Vec<Country>, Vec<LineError>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() || line.starts_with("iso3\t") {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let err = |m: String| LineError {
            line: i + 1,
            message: m,
        };
        if f.len() != 10 {
            errors.push(err(format!("expected 10 columns, found {}", f.len())));
            continue;
        }
        if f[0].len() != 3 || f[1].len() != 2 {
            errors.push(err(format!("bad ISO codes {:?} {:?}", f[0], f[1])));
            continue;
        }
        let geonames_id = match f[2].parse::<u32>() {
            Ok(v) => v,
            Err(_) => {
                errors.push(err(format!("bad geonames id {:?}", f[2])));
                continue;
            }
        };
        let point = match (f[8].trim(), f[9].trim()) {
            ("", "") => None,
            (a, b) => match (a.parse::<f64>(), b.parse::<f64>()) {
                (Ok(lat), Ok(lon)) if lat.abs() <= 90.0 && lon.abs() <= 180.0 => Some((lat, lon)),
                _ => {
                    errors.push(err(format!("bad coordinates {a:?} {b:?}")));
                    continue;
                }
            },
        };
        out.push(Country {
            iso3: f[0].to_string(),
            iso2: f[1].to_string(),
            geonames_id,
            name: f[3].to_string(),
            aliases: split_list(f[4]),
            demonyms: split_list(f[5]),
            capital: f[6].to_string(),
            continent: f[7].to_string(),
            point,
        });
    }
    (out, errors)
}

/// Countries with lookups by code, name and demonym.
#[derive(Debug)]
pub struct CountryTable {
    countries: Vec<Country>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
    by_demonym: HashMap<String, usize>,
}

impl CountryTable {
    /// A table from parsed countries. Earlier rows win when names or demonyms collide.
    pub fn new(countries: Vec<Country>) -> CountryTable {
        let mut by_code = HashMap::new();
        let mut by_name = HashMap::new();
        let mut by_demonym = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            by_code.insert(c.iso2.clone(), i);
            by_code.insert(c.iso3.clone(), i);
            for n in std::iter::once(&c.name).chain(&c.aliases) {
                let k = name_key(n);
                let k = k.strip_prefix("the ").map(str::to_string).unwrap_or(k);
                by_name.entry(k).or_insert(i);
            }
            for d in &c.demonyms {
                by_demonym.entry(name_key(d)).or_insert(i);
            }
        }
        // Names beat demonyms of other countries; a name also answers as a demonym only
        // when no demonym claims it (the table lists demonyms explicitly).
        CountryTable {
            countries,
            by_code,
            by_name,
            by_demonym,
        }
    }

    /// The table compiled into the crate.
    pub fn shipped() -> &'static CountryTable {
        static TABLE: OnceLock<CountryTable> = OnceLock::new();
        TABLE.get_or_init(|| CountryTable::new(parse_countries(COUNTRIES_TSV).0))
    }

    /// All countries, in table order.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// A country by ISO alpha-2 or alpha-3 code (upper case).
    pub fn by_code(&self, code: &str) -> Option<&Country> {
        self.by_code.get(code).map(|&i| &self.countries[i])
    }

    /// A country by name or alias, in any case, with or without a leading "the"
    /// ("Syria", "the United States", "U.S.", "Britain").
    pub fn country_by_name(&self, name: &str) -> Option<&Country> {
        let k = name_key(name);
        let k = k.strip_prefix("the ").unwrap_or(&k);
        self.by_name.get(k).map(|&i| &self.countries[i])
    }

    /// A country by demonym or adjective ("Syrian", "Americans", "Dutch").
    pub fn country_by_demonym(&self, word: &str) -> Option<&Country> {
        self.by_demonym
            .get(&name_key(word))
            .map(|&i| &self.countries[i])
    }

    /// The capital of a country given by ISO code.
    pub fn capital_of(&self, code: &str) -> Option<&str> {
        self.by_code(code)
            .map(|c| c.capital.as_str())
            .filter(|c| !c.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_parses_cleanly() {
        let (countries, errors) = parse_countries(COUNTRIES_TSV);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(countries.len() >= 240, "{}", countries.len());
        let missing_demonym: Vec<&str> = countries
            .iter()
            .filter(|c| c.demonyms.is_empty() && c.point.is_none())
            .map(|c| c.iso2.as_str())
            .collect();
        assert!(missing_demonym.is_empty(), "{missing_demonym:?}");
    }

    #[test]
    fn lookups() {
        let t = CountryTable::shipped();
        assert_eq!(t.country_by_name("U.S.").unwrap().iso3, "USA");
        assert_eq!(t.country_by_name("the United States").unwrap().iso3, "USA");
        assert_eq!(t.country_by_name("Britain").unwrap().iso3, "GBR");
        assert_eq!(t.country_by_name("syria").unwrap().iso2, "SY");
        assert_eq!(t.country_by_demonym("Syrian").unwrap().iso3, "SYR");
        assert_eq!(t.country_by_demonym("Americans").unwrap().iso3, "USA");
        assert_eq!(t.country_by_demonym("Dutch").unwrap().iso3, "NLD");
        assert_eq!(t.capital_of("SYR"), Some("Damascus"));
        assert_eq!(t.capital_of("SY"), Some("Damascus"));
        assert!(t.country_by_name("Atlantis").is_none());
    }

    #[test]
    fn malformed_lines_are_reported_with_numbers() {
        let text = "iso3\tiso2\n# c\nSYR\tSY\tx\tSyria\t\t\t\t\t\t\nSY\n";
        let (ok, errors) = parse_countries(text);
        assert!(ok.is_empty());
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].line, 3);
        assert_eq!(errors[1].line, 4);
    }
}
