//! # annals-geo
//!
//! The geo stage of annals: an embedded GeoNames-derived gazetteer, toponym recognition and
//! toponym resolution, without Elasticsearch, spaCy or PyTorch.
//!
//! * [`Gazetteer`]: the places (a [`PlaceIndex`] backend: the compact artifact shipped in
//!   `data/gazetteer/`, or a memory-mapped full GeoNames import) plus the country table.
//! * [`recognize`]: finds toponyms in a [`Doc`]: `place` entities when the syntax stage ran,
//!   gazetteer matches of capitalised spans, demonyms ("Syrian"), "X governorate",
//!   transliteration variants, and metonymic uses (capitals standing for governments).
//! * [`resolve`]: ranks each toponym's candidates by name match, feature type and population,
//!   the document's other places (country and admin1 coherence), containment ("Syria's
//!   al-Tanf", "Daraa, Syria"), cue words ("Quneitra governorate") and, weakly, the
//!   publisher's country. Each result keeps its precision (point, city, admin2, admin1,
//!   region, country).
//! * [`geoparse`] does both; [`Toponym::to_location`] gives the event record's
//!   [`annals_record::Location`].
//! * [`build::build`] and [`build::import`] make artifacts; [`eval`] scores GeoWebNews.

use std::path::{Path, PathBuf};

use annals_document::{Doc, Span};
use annals_record::{GeoPrecision, Location};
use serde::Serialize;

pub mod bench;
pub mod build;
pub mod cli;
pub mod countries;
pub mod curated;
pub mod eval;
pub mod geonames;
pub mod index;
pub mod key;
mod recognize;
mod resolve;

pub use countries::{Country, CountryTable};
pub use index::{FlatIndex, NameHit, NameKind, Place, PlaceIndex};
pub use recognize::{Cue, Mention, MentionKind, recognize};
pub use resolve::{resolve, resolve_in_context, resolve_spans};

/// Environment variable naming the data directory (overrides the compile-time default).
pub const DATA_ENV: &str = "ANNALS_DATA";

/// The data directory: `$ANNALS_DATA` if set, else the workspace's `data/`.
pub fn data_dir() -> PathBuf {
    match std::env::var_os(DATA_ENV) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data")),
    }
}

/// Path of the shipped gazetteer artifact under a data directory.
pub fn artifact_path(data: &Path) -> PathBuf {
    data.join("gazetteer").join(build::ARTIFACT_NAME)
}

/// Errors of this crate's entry points.
#[derive(Debug)]
pub enum GeoError {
    /// The gazetteer artifact is missing.
    MissingArtifact(PathBuf),
    /// The artifact is unreadable.
    Index(index::IndexError),
    /// Building or importing failed.
    Build(build::BuildError),
    /// Other I/O or input problem.
    Other(String),
}

impl std::fmt::Display for GeoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GeoError::MissingArtifact(p) => write!(
                f,
                "gazetteer artifact not found at {} (set {DATA_ENV} to the data directory, or \
                 build it with scripts/gazetteer/build.sh)",
                p.display()
            ),
            GeoError::Index(e) => write!(f, "{e}"),
            GeoError::Build(e) => write!(f, "{e}"),
            GeoError::Other(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for GeoError {}

impl From<index::IndexError> for GeoError {
    fn from(e: index::IndexError) -> Self {
        GeoError::Index(e)
    }
}

impl From<build::BuildError> for GeoError {
    fn from(e: build::BuildError) -> Self {
        GeoError::Build(e)
    }
}

/// The gazetteer: a place index and the country table.
pub struct Gazetteer {
    index: Box<dyn PlaceIndex>,
    countries: &'static CountryTable,
    /// Place index of each country, by ISO alpha-2 (position in [`CountryTable::countries`]).
    country_places: Vec<Option<u32>>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("places", &self.index.len())
            .finish()
    }
}

impl Gazetteer {
    /// Load the shipped gazetteer from [`data_dir`].
    pub fn load() -> Result<Gazetteer, GeoError> {
        Gazetteer::load_file(&artifact_path(&data_dir()))
    }

    /// Read an artifact file into memory.
    pub fn load_file(path: &Path) -> Result<Gazetteer, GeoError> {
        if !path.exists() {
            return Err(GeoError::MissingArtifact(path.to_path_buf()));
        }
        Ok(Gazetteer::from_index(Box::new(FlatIndex::read(path)?)))
    }

    /// Memory-map an artifact file (for full-size imports).
    pub fn open_mmap(path: &Path) -> Result<Gazetteer, GeoError> {
        if !path.exists() {
            return Err(GeoError::MissingArtifact(path.to_path_buf()));
        }
        Ok(Gazetteer::from_index(Box::new(FlatIndex::open_mmap(path)?)))
    }

    /// A gazetteer over any place index.
    pub fn from_index(index: Box<dyn PlaceIndex>) -> Gazetteer {
        let countries = CountryTable::shipped();
        let mut hits = Vec::new();
        let country_places = countries
            .countries()
            .iter()
            .map(|c| {
                hits.clear();
                index.candidates(&key::name_key(&c.name), &mut hits);
                hits.iter().map(|h| h.place).find(|&p| {
                    index
                        .place(p)
                        .is_some_and(|p| p.is_country() && p.country_code() == Some(&c.iso2))
                })
            })
            .collect();
        Gazetteer {
            index,
            countries,
            country_places,
        }
    }

    /// The place index.
    pub fn index(&self) -> &dyn PlaceIndex {
        self.index.as_ref()
    }

    /// All countries.
    pub fn countries(&self) -> &[Country] {
        self.countries.countries()
    }

    /// The country table.
    pub fn country_table(&self) -> &CountryTable {
        self.countries
    }

    /// A country by name or alias ("Syria", "U.S.", "Britain").
    pub fn country_by_name(&self, name: &str) -> Option<&Country> {
        self.countries.country_by_name(name)
    }

    /// A country by demonym ("Syrian", "Americans").
    pub fn country_by_demonym(&self, word: &str) -> Option<&Country> {
        self.countries.country_by_demonym(word)
    }

    /// The capital of a country (ISO alpha-2 or alpha-3).
    pub fn capital_of(&self, code: &str) -> Option<&str> {
        self.countries.capital_of(code)
    }

    /// The place of a country (ISO alpha-2 or alpha-3).
    pub fn country_place(&self, code: &str) -> Option<Place> {
        let c = self.countries.by_code(code)?;
        let i = self
            .countries
            .countries()
            .iter()
            .position(|x| x.iso2 == c.iso2)?;
        self.index.place(self.country_places[i]?)
    }

    /// ISO alpha-3 of an alpha-2 code.
    pub fn iso3(&self, iso2: &str) -> Option<&str> {
        self.countries.by_code(iso2).map(|c| c.iso3.as_str())
    }

    /// Places named `name` (any spelling the index knows), strongest name match first.
    pub fn lookup(&self, name: &str) -> Vec<(Place, NameKind)> {
        let mut hits = Vec::new();
        let k = key::name_key(name);
        self.index.candidates(&k, &mut hits);
        hits.sort_by_key(|h| h.kind);
        hits.iter()
            .filter_map(|h| self.index.place(h.place).map(|p| (p, h.kind)))
            .collect()
    }

    /// The resolved form of a place.
    pub fn resolved(&self, place: &Place, score: f32) -> Resolved {
        let idx = self.index();
        let gazetteer_id = if place.geonames_id != 0 {
            format!("geonames:{}", place.geonames_id)
        } else {
            format!("annals:{}", idx.ext_id(place.index))
        };
        let admin1 = (place.admin1 != index::NONE && place.admin1 != place.index)
            .then(|| idx.name(place.admin1).to_string())
            .filter(|s| !s.is_empty());
        let seat_of = match place.feature_code() {
            "PPLC" => place
                .country_code()
                .and_then(|c| self.countries.by_code(c))
                .map(|c| c.name.clone()),
            "PPLA" => admin1.clone(),
            _ => None,
        };
        Resolved {
            name: idx.name(place.index).to_string(),
            gazetteer_id,
            country: place
                .country_code()
                .and_then(|c| self.iso3(c))
                .map(String::from),
            admin1,
            lat: place.lat as f64,
            lon: place.lon as f64,
            feature: place.feature_code().to_string(),
            precision: place.precision,
            population: place.population,
            seat_of,
            score,
            basis: Basis::Name,
            index: place.index,
        }
    }
}

/// A place chosen for a toponym.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolved {
    /// Gazetteer name.
    pub name: String,
    /// `geonames:<id>` or `annals:<slug>`.
    pub gazetteer_id: String,
    /// ISO alpha-3 country.
    pub country: Option<String>,
    /// First-order division (name), when the place lies in one.
    pub admin1: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames-style feature code.
    pub feature: String,
    /// What the coordinates stand for.
    pub precision: GeoPrecision,
    /// Population, 0 when unknown.
    pub population: u32,
    /// For a capital: the unit it is the seat of (country for `PPLC`, admin1 for `PPLA`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seat_of: Option<String>,
    /// Ranking score (higher is better; comparable within one toponym).
    pub score: f32,
    /// How the place was found: by its name, through a place named inside the toponym,
    /// or from the document's context (an unknown name).
    pub basis: Basis,
    /// Index in the gazetteer.
    #[serde(skip)]
    pub index: u32,
}

/// How a resolution was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The toponym's own name.
    Name,
    /// A place named inside it ("Colorado" in "Colorado State University").
    Embedded,
    /// Unknown name: the document's main place stands in (precision is that place's).
    Context,
}

/// How a toponym is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A place, literally ("fighting in Daraa").
    Place,
    /// A modifier or demonym ("Syrian troops", "the Russian general").
    Modifier,
    /// A place name standing for its government or people ("stop fighting Damascus",
    /// "Moscow said"): an actor, not an event location.
    Actor,
}

/// A recognised (or given) toponym with its resolution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Toponym {
    /// Byte offset in the document text.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The words as written.
    pub text: String,
    /// Name or demonym.
    pub kind: MentionKind,
    /// Literal place, modifier, or metonymic actor.
    pub role: Role,
    /// Cue word that came with it ("governorate", "camp"), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<Cue>,
    /// The chosen place.
    pub resolution: Option<Resolved>,
    /// Other candidates, best first (at most 4).
    pub alternatives: Vec<Resolved>,
}

impl Toponym {
    /// The span in the document.
    pub fn span(&self) -> Span {
        Span {
            start: self.start,
            end: self.end,
        }
    }

    /// The event record's location for this toponym; `None` when unresolved or when the
    /// name stands for an actor (metonymy).
    pub fn to_location(&self, basis: Option<&str>) -> Option<Location> {
        if self.role == Role::Actor {
            return None;
        }
        let r = self.resolution.as_ref()?;
        Some(Location {
            text: self.text.clone(),
            start: Some(self.start),
            end: Some(self.end),
            name: r.name.clone(),
            gazetteer_id: Some(r.gazetteer_id.clone()),
            country: r.country.clone(),
            admin1: r.admin1.clone(),
            lat: Some(r.lat),
            lon: Some(r.lon),
            precision: r.precision,
            basis: match r.basis {
                Basis::Context => Some("document".to_string()),
                _ => basis.map(String::from),
            },
        })
    }
}

/// Recognise and resolve the toponyms of a document.
pub fn geoparse(doc: &Doc, gazetteer: &Gazetteer) -> Vec<Toponym> {
    let mentions = recognize(doc, gazetteer);
    resolve(doc, gazetteer, &mentions)
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert!(distance_km(0.0, 0.0, 0.0, 0.0) < 1e-9);
        let d = distance_km(33.51, 36.29, 32.62, 36.10); // Damascus–Daraa
        assert!((90.0..110.0).contains(&d), "{d}");
    }

    #[test]
    fn missing_artifact_is_an_error() {
        let e = Gazetteer::load_file(Path::new("/nonexistent/annals.bin")).unwrap_err();
        assert!(matches!(e, GeoError::MissingArtifact(_)));
        assert!(e.to_string().contains(DATA_ENV));
    }
}
