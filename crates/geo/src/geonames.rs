//! Readers for GeoNames dump files: the `geoname` table (`allCountries.txt`, `cities500.txt`),
//! `alternateNamesV2.txt`, `admin1CodesASCII.txt` and `admin2Codes.txt`.
//!
//! Every reader streams line by line. A malformed line is reported as a [`LineError`] with
//! its line number and skipped; nothing here panics on bad input.

use std::io::BufRead;

pub use crate::countries::LineError;

/// One row of the GeoNames `geoname` table.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoName {
    /// GeoNames id.
    pub id: u32,
    /// Name (UTF-8).
    pub name: String,
    /// ASCII name.
    pub ascii: String,
    /// Alternate names (the comma-separated column).
    pub alternates: Vec<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Feature class (`P`, `A`, …; `?` when empty).
    pub feature_class: u8,
    /// Feature code.
    pub feature_code: String,
    /// ISO alpha-2 country code (may be empty).
    pub country: String,
    /// Admin1 code.
    pub admin1: String,
    /// Admin2 code.
    pub admin2: String,
    /// Population.
    pub population: u64,
}

/// Parse one line of the `geoname` table.
pub fn parse_geoname(line: &str) -> Result<GeoName, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 15 {
        return Err(format!(
            "expected 19 tab-separated columns, found {}",
            f.len()
        ));
    }
    let id = f[0]
        .parse::<u32>()
        .map_err(|_| format!("bad geonameid {:?}", f[0]))?;
    let lat = f[4]
        .parse::<f64>()
        .ok()
        .filter(|v| v.abs() <= 90.0)
        .ok_or_else(|| format!("bad latitude {:?}", f[4]))?;
    let lon = f[5]
        .parse::<f64>()
        .ok()
        .filter(|v| v.abs() <= 180.0)
        .ok_or_else(|| format!("bad longitude {:?}", f[5]))?;
    if f[1].is_empty() {
        return Err("empty name".into());
    }
    let population = if f[14].is_empty() {
        0
    } else {
        f[14]
            .parse::<u64>()
            .map_err(|_| format!("bad population {:?}", f[14]))?
    };
    Ok(GeoName {
        id,
        name: f[1].to_string(),
        ascii: f[2].to_string(),
        alternates: f[3]
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        lat,
        lon,
        feature_class: f[6].bytes().next().unwrap_or(b'?'),
        feature_code: f[7].to_string(),
        country: f[8].to_string(),
        admin1: f[10].to_string(),
        admin2: f[11].to_string(),
        population,
    })
}

/// One row of `alternateNamesV2.txt` (or the older `alternateNames.txt`).
#[derive(Debug, Clone, PartialEq)]
pub struct AlternateName {
    /// GeoNames id of the place.
    pub geoname_id: u32,
    /// ISO 639 language code, or a pseudo code (`link`, `iata`, `post`, `abbr`…).
    pub language: String,
    /// The name.
    pub name: String,
    /// Preferred name in its language.
    pub preferred: bool,
    /// Short name ("Syria" for "Syrian Arab Republic").
    pub short: bool,
    /// Historic name.
    pub historic: bool,
}

/// Parse one line of `alternateNamesV2.txt`.
pub fn parse_alternate(line: &str) -> Result<AlternateName, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 4 {
        return Err(format!("expected at least 4 columns, found {}", f.len()));
    }
    let geoname_id = f[1]
        .parse::<u32>()
        .map_err(|_| format!("bad geonameid {:?}", f[1]))?;
    let flag = |i: usize| f.get(i).is_some_and(|v| *v == "1");
    Ok(AlternateName {
        geoname_id,
        language: f[2].to_string(),
        name: f[3].to_string(),
        preferred: flag(4),
        short: flag(5),
        historic: flag(7),
    })
}

/// One row of `admin1CodesASCII.txt` / `admin2Codes.txt`: `CC.A1[.A2]`, name, ASCII name, id.
#[derive(Debug, Clone, PartialEq)]
pub struct AdminCode {
    /// The dotted code (`SY.13`, `US.CA.059`).
    pub code: String,
    /// Name.
    pub name: String,
    /// ASCII name.
    pub ascii: String,
    /// GeoNames id.
    pub geoname_id: u32,
}

/// Parse one line of an admin codes file.
pub fn parse_admin_code(line: &str) -> Result<AdminCode, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 4 {
        return Err(format!("expected 4 columns, found {}", f.len()));
    }
    if !f[0].contains('.') {
        return Err(format!("bad admin code {:?}", f[0]));
    }
    let geoname_id = f[3]
        .trim()
        .parse::<u32>()
        .map_err(|_| format!("bad geonameid {:?}", f[3]))?;
    Ok(AdminCode {
        code: f[0].to_string(),
        name: f[1].to_string(),
        ascii: f[2].to_string(),
        geoname_id,
    })
}

/// Read a tab-separated file line by line, calling `row` for every non-empty, non-comment
/// line and collecting errors (with 1-based line numbers) for lines `parse` rejects or that
/// are not UTF-8. Stops only on an I/O error.
pub fn read_lines<R: BufRead, T>(
    mut reader: R,
    parse: impl Fn(&str) -> Result<T, String>,
    mut row: impl FnMut(T),
    errors: &mut Vec<LineError>,
) -> std::io::Result<usize> {
    let mut buf = Vec::new();
    let mut n = 0usize;
    let mut rows = 0usize;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        n += 1;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        if buf.is_empty() || buf[0] == b'#' {
            continue;
        }
        match std::str::from_utf8(&buf) {
            Ok(line) => match parse(line) {
                Ok(v) => {
                    rows += 1;
                    row(v)
                }
                Err(message) => errors.push(LineError { line: n, message }),
            },
            Err(_) => errors.push(LineError {
                line: n,
                message: "not UTF-8".into(),
            }),
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DARAA: &str = "170903\tDaraa\tDaraa\tDar'a,Deraa,درعا\t32.61889\t36.10213\tP\tPPLA\tSY\t\t08\t\t\t\t97969\t\t435\tAsia/Damascus\t2019-01-01";

    #[test]
    fn parses_a_geoname_row() {
        let g = parse_geoname(DARAA).unwrap();
        assert_eq!(g.id, 170903);
        assert_eq!(g.alternates, vec!["Dar'a", "Deraa", "درعا"]);
        assert_eq!(g.feature_class, b'P');
        assert_eq!(g.feature_code, "PPLA");
        assert_eq!(g.admin1, "08");
        assert_eq!(g.population, 97969);
    }

    #[test]
    fn reports_bad_lines_with_numbers() {
        let text = format!(
            "{DARAA}\n\nx\tonly\n{}\n\u{0}\t\n# comment\n",
            DARAA.replace("32.61889", "132")
        );
        let mut errors = Vec::new();
        let mut rows = Vec::new();
        let n = read_lines(
            text.as_bytes(),
            parse_geoname,
            |g| rows.push(g),
            &mut errors,
        )
        .unwrap();
        assert_eq!(n, 1);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![3, 4, 5]);
        assert!(errors[1].message.contains("latitude"), "{errors:?}");
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        let bytes: &[u8] = b"1\t\xff\xfe\n";
        let mut errors = Vec::new();
        read_lines(bytes, parse_geoname, |_| {}, &mut errors).unwrap();
        assert_eq!(errors[0].line, 1);
    }

    #[test]
    fn alternates_and_admin_codes() {
        let a = parse_alternate("1\t170903\ten\tDeraa\t1\t\t\t\t\t").unwrap();
        assert_eq!(a.geoname_id, 170903);
        assert!(a.preferred && !a.short);
        assert!(parse_alternate("1\tx\ten\tDeraa").is_err());
        let c = parse_admin_code("SY.08\tDaraa\tDaraa\t170904").unwrap();
        assert_eq!(c.code, "SY.08");
        assert!(parse_admin_code("SY08\tDaraa\tDaraa\t170904").is_err());
    }

    proptest! {
        #[test]
        fn readers_never_panic(text in "[\\PC\t\n]{0,300}") {
            let mut errors = Vec::new();
            read_lines(text.as_bytes(), parse_geoname, |_| {}, &mut errors).unwrap();
            read_lines(text.as_bytes(), parse_alternate, |_| {}, &mut errors).unwrap();
            read_lines(text.as_bytes(), parse_admin_code, |_| {}, &mut errors).unwrap();
            for e in &errors {
                prop_assert!(e.line >= 1);
            }
        }

        #[test]
        fn field_soup_never_panics(fields in proptest::collection::vec("[0-9a-zA-Z.,\\-]{0,8}", 0..22)) {
            let line = fields.join("\t");
            let _ = parse_geoname(&line);
            let _ = parse_alternate(&line);
            let _ = parse_admin_code(&line);
        }
    }
}
