//! The place index: the [`PlaceIndex`] trait (the pluggable backend, like ripgrep's
//! `Matcher`) and its flat binary implementation [`FlatIndex`], which reads the gazetteer
//! artifact either from memory or memory-mapped from disk.
//!
//! # Artifact format (version 1, little-endian)
//!
//! ```text
//! magic "ANNALSGZ"  u32 version  u32 section count
//! section table: count × { [u8; 8] name, u64 offset, u64 length }
//! sections:
//!   places    n × 48-byte records (see `Place`)
//!   strings   UTF-8 pool: names and external ids
//!   names     fst map: name key → (postings offset << 20 | count)
//!   postings  u32 entries: place index << 4 | NameKind
//!   skel      fst map: skeleton key → (offset << 20 | count)
//!   skelpost  u32 entries, as postings
//!   meta      JSON: sources, counts
//! ```
//!
//! The embedded gazetteer (`data/gazetteer/annals-gazetteer.bin`, built by
//! [`crate::build::build`]) and a full GeoNames import ([`crate::build::import`]) share this
//! format; the first is small enough to read into memory, the second is memory-mapped.

use std::fmt;
use std::fs::File;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use annals_record::GeoPrecision;
use fst::{IntoStreamer, Streamer};
use memmap2::Mmap;
use serde::{Deserialize, Serialize};

/// First bytes of every artifact.
pub const MAGIC: &[u8; 8] = b"ANNALSGZ";
/// Format version written by this crate.
pub const VERSION: u32 = 1;
/// Size of one place record.
pub const RECORD_SIZE: usize = 48;
/// "No place" in admin links.
pub const NONE: u32 = u32::MAX;

/// How a name belongs to a place; lower is stronger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// The place's own name.
    Primary = 0,
    /// Its ASCII spelling.
    Ascii = 1,
    /// A curated alias (short or official form, common English name).
    Alias = 2,
    /// A GeoNames alternate name.
    Alternate = 3,
    /// A demonym or adjective ("Syrian").
    Demonym = 4,
    /// A name without its leading article (`Tanf` for `al-Tanf`).
    Stripped = 5,
    /// A consonant-skeleton match (transliteration variant).
    Skeleton = 6,
}

impl NameKind {
    fn from_bits(b: u32) -> NameKind {
        match b {
            0 => NameKind::Primary,
            1 => NameKind::Ascii,
            2 => NameKind::Alias,
            3 => NameKind::Alternate,
            4 => NameKind::Demonym,
            5 => NameKind::Stripped,
            _ => NameKind::Skeleton,
        }
    }
}

/// One name match: which place, and how the name belongs to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    /// Place index.
    pub place: u32,
    /// How the name belongs to it.
    pub kind: NameKind,
}

/// A place record. Cheap to copy; names and ids are read from the index on demand.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    /// Index in its [`PlaceIndex`].
    pub index: u32,
    /// GeoNames id, 0 when the place is not from GeoNames.
    pub geonames_id: u32,
    /// Latitude, WGS84.
    pub lat: f32,
    /// Longitude, WGS84.
    pub lon: f32,
    /// Population (0 when unknown).
    pub population: u32,
    /// GeoNames feature class (`P`, `A`, `L`, `H`, `T`, `S`…).
    pub feature_class: u8,
    /// GeoNames feature code (`PPLA`, `ADM1`, `PCLI`…), NUL-padded.
    pub feature_code: [u8; 6],
    /// ISO 3166-1 alpha-2 country code, zeros when none.
    pub country: [u8; 2],
    /// Index of the first-order division holding it (itself for an ADM1), or [`NONE`].
    pub admin1: u32,
    /// Index of the second-order division holding it, or [`NONE`].
    pub admin2: u32,
    /// What the coordinates stand for.
    pub precision: GeoPrecision,
    /// Bit flags: [`Place::CURATED`], [`Place::CAPITAL`].
    pub flags: u8,
}

impl Place {
    /// Flag: from the curated `data/places` files.
    pub const CURATED: u8 = 1;
    /// Flag: a national capital (`PPLC`).
    pub const CAPITAL: u8 = 2;

    /// The feature code as text.
    pub fn feature_code(&self) -> &str {
        let n = self.feature_code.iter().position(|&b| b == 0).unwrap_or(6);
        std::str::from_utf8(&self.feature_code[..n]).unwrap_or("")
    }

    /// The ISO 3166-1 alpha-2 country code.
    pub fn country_code(&self) -> Option<&str> {
        if self.country == [0, 0] {
            None
        } else {
            std::str::from_utf8(&self.country).ok()
        }
    }

    /// Whether this is a country (GeoNames `PCL*` or precision country).
    pub fn is_country(&self) -> bool {
        self.precision == GeoPrecision::Country
    }

    /// Whether this is a national capital.
    pub fn is_capital(&self) -> bool {
        self.flags & Place::CAPITAL != 0
    }

    /// Whether this comes from the curated files.
    pub fn is_curated(&self) -> bool {
        self.flags & Place::CURATED != 0
    }

    fn encode(&self, name: (u32, u16), ext: (u32, u16), out: &mut Vec<u8>) {
        out.extend_from_slice(&self.geonames_id.to_le_bytes());
        out.extend_from_slice(&self.lat.to_le_bytes());
        out.extend_from_slice(&self.lon.to_le_bytes());
        out.extend_from_slice(&self.population.to_le_bytes());
        out.extend_from_slice(&name.0.to_le_bytes());
        out.extend_from_slice(&name.1.to_le_bytes());
        out.extend_from_slice(&ext.1.to_le_bytes());
        out.extend_from_slice(&ext.0.to_le_bytes());
        out.extend_from_slice(&self.admin1.to_le_bytes());
        out.extend_from_slice(&self.admin2.to_le_bytes());
        out.extend_from_slice(&self.country);
        out.push(self.feature_class);
        out.push(precision_to_u8(self.precision));
        out.extend_from_slice(&self.feature_code);
        out.push(self.flags);
        out.push(0);
    }
}

/// Precision as stored.
pub fn precision_to_u8(p: GeoPrecision) -> u8 {
    match p {
        GeoPrecision::Point => 0,
        GeoPrecision::City => 1,
        GeoPrecision::Admin2 => 2,
        GeoPrecision::Admin1 => 3,
        GeoPrecision::Region => 4,
        GeoPrecision::Country => 5,
    }
}

fn precision_from_u8(b: u8) -> GeoPrecision {
    match b {
        0 => GeoPrecision::Point,
        1 => GeoPrecision::City,
        2 => GeoPrecision::Admin2,
        3 => GeoPrecision::Admin1,
        4 => GeoPrecision::Region,
        _ => GeoPrecision::Country,
    }
}

/// A source of places and their names: the pluggable gazetteer backend.
pub trait PlaceIndex: Send + Sync {
    /// Number of places.
    fn len(&self) -> usize;
    /// Whether the index holds no place.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The place at `index`.
    fn place(&self, index: u32) -> Option<Place>;
    /// The place's name.
    fn name(&self, index: u32) -> &str;
    /// The place's external id when it has no GeoNames id (curated slug), or its admin code.
    fn ext_id(&self, index: u32) -> &str;
    /// Places whose name folds to `key` (see [`crate::key::name_key`]); appended to `out`.
    fn candidates(&self, key: &str, out: &mut Vec<NameHit>);
    /// Places whose name skeleton is `skeleton` (see [`crate::key::skeleton`]).
    fn skeleton_candidates(&self, skeleton: &str, out: &mut Vec<NameHit>);
    /// Whether some name key starts with `prefix` followed by a space (a longer name may
    /// follow).
    fn has_longer(&self, prefix: &str) -> bool;
}

/// What an artifact says about itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Sources the artifact was built from (name and version or checksum).
    pub sources: Vec<String>,
    /// Number of places.
    pub places: u64,
    /// Number of distinct name keys.
    pub names: u64,
}

/// An artifact that could not be read.
#[derive(Debug)]
pub enum IndexError {
    /// The file could not be opened or read.
    Io(std::path::PathBuf, std::io::Error),
    /// The bytes are not a valid artifact.
    Format(String),
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::Io(p, e) => write!(f, "cannot read gazetteer {}: {e}", p.display()),
            IndexError::Format(m) => write!(f, "invalid gazetteer artifact: {m}"),
        }
    }
}

impl std::error::Error for IndexError {}

enum Backing {
    Owned(Vec<u8>),
    Mapped(Mmap),
}

impl AsRef<[u8]> for Backing {
    fn as_ref(&self) -> &[u8] {
        match self {
            Backing::Owned(v) => v,
            Backing::Mapped(m) => m,
        }
    }
}

/// A byte range of a shared backing, for `fst`.
#[derive(Clone)]
struct Slice {
    buf: Arc<Backing>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Slice {
    fn as_ref(&self) -> &[u8] {
        &self.buf.as_ref().as_ref()[self.range.clone()]
    }
}

/// The flat binary place index: an artifact read into memory or memory-mapped.
pub struct FlatIndex {
    buf: Arc<Backing>,
    places: Range<usize>,
    strings: Range<usize>,
    postings: Range<usize>,
    skel_postings: Range<usize>,
    names: fst::Map<Slice>,
    skel: fst::Map<Slice>,
    meta: Meta,
    count: usize,
}

impl fmt::Debug for FlatIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FlatIndex")
            .field("places", &self.count)
            .field("names", &self.names.len())
            .finish()
    }
}

fn read_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

fn read_u64(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

impl FlatIndex {
    /// An index over artifact bytes held in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<FlatIndex, IndexError> {
        FlatIndex::new(Backing::Owned(bytes))
    }

    /// Read an artifact file into memory.
    pub fn read(path: &Path) -> Result<FlatIndex, IndexError> {
        let bytes = std::fs::read(path).map_err(|e| IndexError::Io(path.to_path_buf(), e))?;
        FlatIndex::from_bytes(bytes)
    }

    /// Memory-map an artifact file (for full-size imports).
    pub fn open_mmap(path: &Path) -> Result<FlatIndex, IndexError> {
        let file = File::open(path).map_err(|e| IndexError::Io(path.to_path_buf(), e))?;
        // SAFETY: the file is opened read-only and the map is never written; like every
        // memory-mapped reader, we rely on nobody truncating the artifact while it is open.
        let map = unsafe { Mmap::map(&file) }.map_err(|e| IndexError::Io(path.to_path_buf(), e))?;
        FlatIndex::new(Backing::Mapped(map))
    }

    fn new(backing: Backing) -> Result<FlatIndex, IndexError> {
        let buf = Arc::new(backing);
        let b: &[u8] = buf.as_ref().as_ref();
        let bad = |m: &str| IndexError::Format(m.to_string());
        if b.len() < 16 || &b[..8] != MAGIC {
            return Err(bad("not an annals gazetteer (bad magic)"));
        }
        let version = read_u32(b, 8);
        if version != VERSION {
            return Err(IndexError::Format(format!(
                "format version {version}, this build reads {VERSION}: rebuild the gazetteer"
            )));
        }
        let n = read_u32(b, 12) as usize;
        if n > 64 || b.len() < 16 + n * 24 {
            return Err(bad("truncated section table"));
        }
        let mut sections: Vec<([u8; 8], Range<usize>)> = Vec::with_capacity(n);
        for i in 0..n {
            let at = 16 + i * 24;
            let mut name = [0u8; 8];
            name.copy_from_slice(&b[at..at + 8]);
            let off = read_u64(b, at + 8) as usize;
            let len = read_u64(b, at + 16) as usize;
            if off.checked_add(len).is_none_or(|end| end > b.len()) {
                return Err(bad("section out of bounds"));
            }
            sections.push((name, off..off + len));
        }
        let find = |name: &str| -> Result<Range<usize>, IndexError> {
            let mut key = [0u8; 8];
            key[..name.len()].copy_from_slice(name.as_bytes());
            sections
                .iter()
                .find(|(n, _)| *n == key)
                .map(|(_, r)| r.clone())
                .ok_or_else(|| IndexError::Format(format!("missing section {name}")))
        };
        let places = find("places")?;
        if places.len() % RECORD_SIZE != 0 {
            return Err(bad("places section is not a whole number of records"));
        }
        let strings = find("strings")?;
        let postings = find("postings")?;
        let skel_postings = find("skelpost")?;
        let meta_range = find("meta")?;
        let meta: Meta = serde_json::from_slice(&b[meta_range])
            .map_err(|e| IndexError::Format(format!("meta: {e}")))?;
        let fst_map = |range: Range<usize>| -> Result<fst::Map<Slice>, IndexError> {
            fst::Map::new(Slice {
                buf: buf.clone(),
                range,
            })
            .map_err(|e| IndexError::Format(format!("name index: {e}")))
        };
        let names = fst_map(find("names")?)?;
        let skel = fst_map(find("skel")?)?;
        let count = places.len() / RECORD_SIZE;
        Ok(FlatIndex {
            buf: buf.clone(),
            places,
            strings,
            postings,
            skel_postings,
            names,
            skel,
            meta,
            count,
        })
    }

    /// What the artifact says about itself.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Number of distinct name keys.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    fn bytes(&self) -> &[u8] {
        self.buf.as_ref().as_ref()
    }

    fn record(&self, index: u32) -> Option<&[u8]> {
        let i = index as usize;
        if i >= self.count {
            return None;
        }
        let at = self.places.start + i * RECORD_SIZE;
        Some(&self.bytes()[at..at + RECORD_SIZE])
    }

    fn string(&self, off: u32, len: u16) -> &str {
        let s = self.strings.start + off as usize;
        let e = s + len as usize;
        if e > self.strings.end {
            return "";
        }
        std::str::from_utf8(&self.bytes()[s..e]).unwrap_or("")
    }

    fn postings_into(&self, range: &Range<usize>, value: u64, out: &mut Vec<NameHit>) {
        let off = (value >> 20) as usize;
        let count = (value & 0xF_FFFF) as usize;
        let start = range.start + off * 4;
        let end = start + count * 4;
        if end > range.end {
            return;
        }
        let b = self.bytes();
        for at in (start..end).step_by(4) {
            let v = read_u32(b, at);
            let place = v >> 4;
            if (place as usize) < self.count {
                out.push(NameHit {
                    place,
                    kind: NameKind::from_bits(v & 0xF),
                });
            }
        }
    }
}

impl PlaceIndex for FlatIndex {
    fn len(&self) -> usize {
        self.count
    }

    fn place(&self, index: u32) -> Option<Place> {
        let r = self.record(index)?;
        let f32_at = |at: usize| f32::from_le_bytes([r[at], r[at + 1], r[at + 2], r[at + 3]]);
        let mut feature_code = [0u8; 6];
        feature_code.copy_from_slice(&r[40..46]);
        Some(Place {
            index,
            geonames_id: read_u32(r, 0),
            lat: f32_at(4),
            lon: f32_at(8),
            population: read_u32(r, 12),
            admin1: read_u32(r, 28),
            admin2: read_u32(r, 32),
            country: [r[36], r[37]],
            feature_class: r[38],
            precision: precision_from_u8(r[39]),
            feature_code,
            flags: r[46],
        })
    }

    fn name(&self, index: u32) -> &str {
        match self.record(index) {
            Some(r) => self.string(read_u32(r, 16), u16::from_le_bytes([r[20], r[21]])),
            None => "",
        }
    }

    fn ext_id(&self, index: u32) -> &str {
        match self.record(index) {
            Some(r) => self.string(read_u32(r, 24), u16::from_le_bytes([r[22], r[23]])),
            None => "",
        }
    }

    fn candidates(&self, key: &str, out: &mut Vec<NameHit>) {
        if let Some(v) = self.names.get(key) {
            self.postings_into(&self.postings, v, out);
        }
    }

    fn skeleton_candidates(&self, skeleton: &str, out: &mut Vec<NameHit>) {
        if skeleton.is_empty() {
            return;
        }
        if let Some(v) = self.skel.get(skeleton) {
            self.postings_into(&self.skel_postings, v, out);
        }
    }

    fn has_longer(&self, prefix: &str) -> bool {
        let mut lo = String::with_capacity(prefix.len() + 1);
        lo.push_str(prefix);
        lo.push(' ');
        let mut hi = String::with_capacity(prefix.len() + 1);
        hi.push_str(prefix);
        hi.push('!'); // the byte after ' '
        let mut stream = self.names.range().ge(&lo).lt(&hi).into_stream();
        stream.next().is_some()
    }
}

/// A place ready to be written, with all its names.
#[derive(Debug, Clone)]
pub struct PlaceDraft {
    /// The record (its `index` is ignored; position decides).
    pub place: Place,
    /// Preferred name.
    pub name: String,
    /// External id (curated slug) or admin code; may be empty.
    pub ext_id: String,
    /// All names under which the place is found, with how they belong to it.
    pub names: Vec<(String, NameKind)>,
    /// Whether transliteration skeletons of its names are indexed.
    pub skeletons: bool,
}

/// Serialise places into artifact bytes. Deterministic: the same drafts give the same bytes.
pub fn write_artifact(drafts: &[PlaceDraft], sources: Vec<String>) -> Vec<u8> {
    use crate::key::{name_key, skeleton, strip_article};
    use std::collections::HashMap;

    let mut strings: Vec<u8> = Vec::new();
    let mut string_at: HashMap<String, (u32, u16)> = HashMap::new();
    let mut intern = |s: &str, strings: &mut Vec<u8>| -> (u32, u16) {
        let s = truncate_utf8(s, u16::MAX as usize);
        if s.is_empty() {
            return (0, 0);
        }
        if let Some(&v) = string_at.get(s) {
            return v;
        }
        let v = (strings.len() as u32, s.len() as u16);
        strings.extend_from_slice(s.as_bytes());
        string_at.insert(s.to_string(), v);
        v
    };

    let mut places = Vec::with_capacity(drafts.len() * RECORD_SIZE);
    // (key id, place index, kind) for names and skeletons.
    let mut keys: HashMap<String, u32> = HashMap::new();
    let mut key_list: Vec<String> = Vec::new();
    let mut entries: Vec<(u32, u32, u8)> = Vec::new();
    let mut skel_keys: HashMap<String, u32> = HashMap::new();
    let mut skel_list: Vec<String> = Vec::new();
    let mut skel_entries: Vec<(u32, u32, u8)> = Vec::new();
    let add = |map: &mut HashMap<String, u32>,
               list: &mut Vec<String>,
               out: &mut Vec<(u32, u32, u8)>,
               key: &str,
               place: u32,
               kind: NameKind| {
        if key.is_empty() || key.len() > 200 {
            return;
        }
        let id = match map.get(key) {
            Some(&id) => id,
            None => {
                let id = list.len() as u32;
                list.push(key.to_string());
                map.insert(key.to_string(), id);
                id
            }
        };
        out.push((id, place, kind as u8));
    };
    for (i, d) in drafts.iter().enumerate() {
        let i = i as u32;
        let name = intern(&d.name, &mut strings);
        let ext = intern(&d.ext_id, &mut strings);
        d.place.encode(name, ext, &mut places);
        for (n, kind) in &d.names {
            let k = name_key(n);
            add(&mut keys, &mut key_list, &mut entries, &k, i, *kind);
            if let Some(s) = strip_article(&k) {
                let kind = (*kind).max(NameKind::Stripped);
                add(&mut keys, &mut key_list, &mut entries, s, i, kind);
            }
            if d.skeletons && *kind != NameKind::Demonym {
                let sk = skeleton(&k);
                if sk.len() >= 2 {
                    add(
                        &mut skel_keys,
                        &mut skel_list,
                        &mut skel_entries,
                        &sk,
                        i,
                        NameKind::Skeleton,
                    );
                }
            }
        }
    }
    let (names_fst, postings) = build_fst(&key_list, entries);
    let (skel_fst, skel_postings) = build_fst(&skel_list, skel_entries);
    let meta = Meta {
        sources,
        places: drafts.len() as u64,
        names: key_list.len() as u64,
    };
    let meta = serde_json::to_vec(&meta).expect("meta serialises");
    let sections: Vec<(&str, Vec<u8>)> = vec![
        ("places", places),
        ("strings", strings),
        ("names", names_fst),
        ("postings", postings),
        ("skel", skel_fst),
        ("skelpost", skel_postings),
        ("meta", meta),
    ];
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    let mut offset = 16 + sections.len() * 24;
    for (name, data) in &sections {
        let mut n = [0u8; 8];
        n[..name.len()].copy_from_slice(name.as_bytes());
        out.extend_from_slice(&n);
        out.extend_from_slice(&(offset as u64).to_le_bytes());
        out.extend_from_slice(&(data.len() as u64).to_le_bytes());
        offset += data.len();
    }
    for (_, data) in sections {
        out.extend_from_slice(&data);
    }
    out
}

fn truncate_utf8(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Sort entries by key, keep the strongest kind per (key, place), and build the fst and
/// its postings.
fn build_fst(keys: &[String], mut entries: Vec<(u32, u32, u8)>) -> (Vec<u8>, Vec<u8>) {
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
    let mut rank = vec![0u32; keys.len()];
    for (r, &k) in order.iter().enumerate() {
        rank[k as usize] = r as u32;
    }
    entries.sort_unstable_by_key(|&(k, p, kind)| (rank[k as usize], p, kind));
    entries.dedup_by_key(|e| (e.0, e.1));
    let mut builder = fst::MapBuilder::memory();
    let mut postings: Vec<u8> = Vec::with_capacity(entries.len() * 4);
    let mut i = 0;
    while i < entries.len() {
        let k = entries[i].0;
        let start = postings.len() / 4;
        let mut j = i;
        while j < entries.len() && entries[j].0 == k && j - i < 0xF_FFFF {
            postings.extend_from_slice(&((entries[j].1 << 4) | entries[j].2 as u32).to_le_bytes());
            j += 1;
        }
        let value = ((start as u64) << 20) | (j - i) as u64;
        builder
            .insert(&keys[k as usize], value)
            .expect("keys are inserted in order");
        while j < entries.len() && entries[j].0 == k {
            j += 1; // more than 2^20 places under one key: the rest are dropped
        }
        i = j;
    }
    (builder.into_inner().expect("in-memory fst"), postings)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn draft(name: &str, country: &str, lat: f32, lon: f32, pop: u32) -> PlaceDraft {
        let c = country.as_bytes();
        PlaceDraft {
            place: Place {
                index: 0,
                geonames_id: 1,
                lat,
                lon,
                population: pop,
                feature_class: b'P',
                feature_code: *b"PPL\0\0\0",
                country: [c[0], c[1]],
                admin1: NONE,
                admin2: NONE,
                precision: GeoPrecision::City,
                flags: 0,
            },
            name: name.to_string(),
            ext_id: String::new(),
            names: vec![(name.to_string(), NameKind::Primary)],
            skeletons: true,
        }
    }

    #[test]
    fn round_trip() {
        let mut a = draft("Daraa", "SY", 32.6, 36.1, 100_000);
        a.names.push(("Dar'a".into(), NameKind::Alternate));
        a.names.push(("Daraa".into(), NameKind::Ascii));
        let b = draft("al-Tanf", "SY", 33.5, 38.6, 0);
        let c = draft("Paris", "FR", 48.85, 2.35, 2_000_000);
        let bytes = write_artifact(&[a, b, c], vec!["test".into()]);
        let idx = FlatIndex::from_bytes(bytes.clone()).unwrap();
        assert_eq!(idx.len(), 3);
        assert_eq!(idx.meta().sources, vec!["test".to_string()]);
        let mut out = Vec::new();
        idx.candidates("dara", &mut out);
        assert_eq!(
            out,
            vec![NameHit {
                place: 0,
                kind: NameKind::Alternate
            }]
        );
        out.clear();
        idx.candidates("daraa", &mut out);
        assert_eq!(out[0].kind, NameKind::Primary, "strongest kind kept");
        out.clear();
        idx.candidates("tanf", &mut out);
        assert_eq!(
            out,
            vec![NameHit {
                place: 1,
                kind: NameKind::Stripped
            }]
        );
        out.clear();
        idx.skeleton_candidates(&crate::key::skeleton("deraa"), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(idx.name(2), "Paris");
        let p = idx.place(2).unwrap();
        assert_eq!(p.country_code(), Some("FR"));
        assert_eq!(p.feature_code(), "PPL");
        assert!(idx.place(3).is_none());
        assert!(idx.has_longer("al"));
        assert!(!idx.has_longer("paris"));
        // Same input, same bytes.
        let again = write_artifact(
            &[
                {
                    let mut a = draft("Daraa", "SY", 32.6, 36.1, 100_000);
                    a.names.push(("Dar'a".into(), NameKind::Alternate));
                    a.names.push(("Daraa".into(), NameKind::Ascii));
                    a
                },
                draft("al-Tanf", "SY", 33.5, 38.6, 0),
                draft("Paris", "FR", 48.85, 2.35, 2_000_000),
            ],
            vec!["test".into()],
        );
        assert_eq!(bytes, again);
    }

    #[test]
    fn corrupt_artifacts_are_errors_not_panics() {
        let bytes = write_artifact(&[draft("Paris", "FR", 48.8, 2.3, 1)], vec![]);
        assert!(FlatIndex::from_bytes(b"nope".to_vec()).is_err());
        for cut in [8, 16, 40, bytes.len() / 2, bytes.len() - 1] {
            let r = FlatIndex::from_bytes(bytes[..cut].to_vec());
            if let Ok(idx) = r {
                // A cut that happens to leave a valid prefix must still answer safely.
                let mut out = Vec::new();
                idx.candidates("paris", &mut out);
                let _ = idx.place(0);
            }
        }
        let mut bad = bytes.clone();
        bad[8] = 9;
        assert!(matches!(
            FlatIndex::from_bytes(bad),
            Err(IndexError::Format(_))
        ));
    }
}
