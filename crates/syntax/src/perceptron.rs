//! Multiclass averaged perceptron with hashed features.
//!
//! Features are `u64` hashes built with [`feature`] from a template number and values that
//! are themselves hashes (of words, tags, …), so no strings are allocated per feature.
//! Training uses a dense table of `2^bits` buckets × classes; [`Trainer::finish`] averages the
//! weights, drops the near-zero ones and packs the rest into a [`SparseModel`]: an
//! open-addressing index from bucket to a short list of `(class, weight)` pairs, which is what
//! ships and what runs.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::binio::{BinReader, BinWriter, FormatError};

/// Hasher for keys that are already well-mixed 64-bit hashes: passes them through.
#[derive(Debug, Default, Clone, Copy)]
pub struct PassThroughHasher(u64);

impl Hasher for PassThroughHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// A map keyed by 64-bit hashes.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<PassThroughHasher>>;

/// How often each value (a tag, a label) went with each hashed key (a word, a tag pair) in
/// training, to find the keys that nearly always had one value: the run-time shortcuts of the
/// tagger, the labeller and the recognizer.
#[derive(Debug, Default)]
pub struct ValueCounts {
    seen: HashMap<u64, HashMap<u16, u32>>,
}

impl ValueCounts {
    /// Count `value` once for `key`.
    pub fn add(&mut self, key: u64, value: u16) {
        *self.seen.entry(key).or_default().entry(value).or_default() += 1;
    }

    /// The keys counted at least `min_count` times whose most frequent value (the lowest, on
    /// a tie) had at least `min_share` of their count, with that value. A share above 1 gives
    /// none.
    pub fn dominant(self, min_count: u32, min_share: f32) -> HashKeyed<u16> {
        self.seen
            .into_iter()
            .filter_map(|(key, values)| {
                let total: u32 = values.values().sum();
                let (&value, &count) = values
                    .iter()
                    .max_by_key(|&(&v, &c)| (c, std::cmp::Reverse(v)))?;
                (total >= min_count && count as f32 >= min_share * total as f32)
                    .then_some((key, value))
            })
            .collect()
    }
}

/// Mix two 64-bit values into one well-spread hash.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut x = a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^= x >> 32;
    x = x.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    x ^= x >> 32;
    x = x.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    x ^ (x >> 32)
}

/// Hash a string (FNV-1a, then mixed).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h, s.len() as u64)
}

/// A feature from a template number and one value.
#[inline]
pub fn feature(template: u64, value: u64) -> u64 {
    mix(template.wrapping_add(0x5bd1_e995), value)
}

/// A feature from a template number and two values.
#[inline]
pub fn feature2(template: u64, a: u64, b: u64) -> u64 {
    mix(feature(template, a), b)
}

/// A feature from a template number and three values.
#[inline]
pub fn feature3(template: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(feature2(template, a, b), c)
}

#[inline]
fn bucket(hash: u64, bits: u32) -> u32 {
    (hash >> (64 - bits)) as u32
}

/// Dense averaged-perceptron weights used while training.
pub struct Trainer {
    classes: usize,
    bits: u32,
    weights: Vec<f32>,
    /// Sum over updates of `time * delta` (the averaging trick of Daumé III).
    timed: Vec<f64>,
    /// Number of instances seen so far (the averaging clock).
    time: u32,
}

impl Trainer {
    /// A trainer with `2^bits` buckets for `classes` classes.
    pub fn new(classes: usize, bits: u32) -> Trainer {
        let cells = (1usize << bits) * classes;
        Trainer {
            classes,
            bits,
            weights: vec![0.0; cells],
            timed: vec![0.0; cells],
            time: 1,
        }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Add the current (not averaged) scores of `features` to `scores`.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        let c = self.classes;
        for &f in features {
            let row = bucket(f, self.bits) as usize * c;
            for (s, w) in scores.iter_mut().zip(&self.weights[row..row + c]) {
                *s += w;
            }
        }
    }

    /// Count one training instance (advance the averaging clock).
    pub fn tick(&mut self) {
        self.time += 1;
    }

    /// Add `delta` to the weight of every feature for `class`.
    pub fn update(&mut self, features: &[u64], class: usize, delta: f32) {
        let t = f64::from(self.time);
        for &f in features {
            let cell = bucket(f, self.bits) as usize * self.classes + class;
            self.weights[cell] += delta;
            self.timed[cell] += t * f64::from(delta);
        }
    }

    /// The usual perceptron step: reward `gold`, penalise `guess` (if different).
    pub fn learn(&mut self, features: &[u64], gold: usize, guess: usize) {
        if gold != guess {
            self.update(features, gold, 1.0);
            self.update(features, guess, -1.0);
        }
    }

    /// One trainer whose weights are the mean of the `trainers`' averaged weights (parameter
    /// mixing: perceptrons trained on different shuffles of the same data disagree where the
    /// data is thin, and their mean depends less on the order). All must have the same shape;
    /// `None` when there is none or the shapes differ.
    pub fn mix(trainers: Vec<Trainer>) -> Option<Trainer> {
        let first = trainers.first()?;
        let (classes, bits, cells) = (first.classes, first.bits, first.weights.len());
        if trainers
            .iter()
            .any(|t| t.classes != classes || t.bits != bits)
        {
            return None;
        }
        let share = 1.0 / trainers.len() as f64;
        let mut weights = vec![0.0f32; cells];
        for t in &trainers {
            let time = f64::from(t.time);
            for (cell, w) in weights.iter_mut().enumerate() {
                let avg = f64::from(t.weights[cell]) - t.timed[cell] / time;
                *w += (avg * share) as f32;
            }
        }
        Some(Trainer {
            classes,
            bits,
            weights,
            // With nothing timed, the averaged weights are the weights themselves.
            timed: vec![0.0; cells],
            time: 1,
        })
    }

    /// Average the weights, drop those with magnitude below `threshold` (and, when more than
    /// `max_weights` remain, the smallest of them) and pack the rest.
    pub fn finish(self, threshold: f32, max_weights: usize) -> SparseModel {
        let t = f64::from(self.time);
        let c = self.classes;
        let buckets = 1usize << self.bits;
        let mut magnitudes: Vec<f32> = (0..buckets * c)
            .map(|cell| (f64::from(self.weights[cell]) - self.timed[cell] / t).abs() as f32)
            .filter(|&m| m > threshold)
            .collect();
        let threshold = if magnitudes.len() > max_weights && max_weights > 0 {
            let cut = magnitudes.len() - max_weights;
            let (_, nth, _) = magnitudes.select_nth_unstable_by(cut, f32::total_cmp);
            nth.max(threshold)
        } else {
            threshold
        };
        drop(magnitudes);
        let mut present: Vec<(u32, Vec<(u16, f32)>)> = Vec::new();
        let mut max_abs = 0.0f32;
        for b in 0..buckets {
            let mut row = Vec::new();
            for class in 0..c {
                let cell = b * c + class;
                let avg = (f64::from(self.weights[cell]) - self.timed[cell] / t) as f32;
                if avg.abs() > threshold {
                    row.push((class as u16, avg));
                    max_abs = max_abs.max(avg.abs());
                }
            }
            if !row.is_empty() {
                present.push((b as u32, row));
            }
        }
        SparseModel::build(self.classes, self.bits, present, max_abs)
    }
}

/// Train with `shuffles` shuffling seeds (`seed`, `seed + 1`, …) in parallel, and mix each of
/// the `N` trainers that `learn` returns for a seed across the seeds ([`Trainer::mix`]). With
/// one shuffle (or none) it is `learn(seed)` itself.
pub fn learn_shuffles<const N: usize>(
    shuffles: usize,
    seed: u64,
    learn: impl Fn(u64) -> [Trainer; N] + Sync,
) -> [Trainer; N] {
    use rayon::prelude::*;
    if shuffles <= 1 {
        return learn(seed);
    }
    let runs: Vec<[Trainer; N]> = (0..shuffles)
        .into_par_iter()
        .map(|k| learn(seed.wrapping_add(k as u64)))
        .collect();
    let mut by_model: [Vec<Trainer>; N] = std::array::from_fn(|_| Vec::with_capacity(shuffles));
    for run in runs {
        for (trainers, trainer) in by_model.iter_mut().zip(run) {
            trainers.push(trainer);
        }
    }
    by_model.map(|trainers| Trainer::mix(trainers).expect("trainers of one shape"))
}

const EMPTY: u32 = u32::MAX;

/// Features looked up together (their cache misses overlap).
const CHUNK: usize = 64;

/// One slot of the open-addressing table of a many-class model: the bucket (`EMPTY` when
/// free) and up to three entries inline (`class << 16 | weight as u16`, `NO_ENTRY` when
/// unused), so most lookups touch one cache line. A row with more entries stores
/// `LONG_ROW | start` and the end of its run in [`SparseModel::entries`] instead.
#[derive(Debug, Clone, Copy, PartialEq)]
#[repr(C, align(16))]
struct Row([u32; 4]);

/// An unused inline entry (no class has bit 31 set).
const NO_ENTRY: u32 = u32::MAX;
/// Marks a row whose entries live in [`SparseModel::entries`].
const LONG_ROW: u32 = 1 << 31;
/// Entries stored in the slot itself.
const INLINE_ENTRIES: usize = 3;

/// Averaged weights in compact form: bucket → `(class, weight)` list.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseModel {
    classes: usize,
    bits: u32,
    /// Open-addressing slots (load ≤ 2/3) for models of more than four classes.
    rows: Vec<Row>,
    /// Entries of the rows too long to sit in their slot, packed as
    /// `class << 16 | weight as u16`.
    entries: Vec<u32>,
    /// Number of stored weights (inline and in `entries`).
    weights: usize,
    /// For models of at most four classes: the same table with the weights inline,
    /// `[bucket, w0 | w1 << 16, w2 | w3 << 16, 0]` (16 bytes, aligned), so a lookup touches
    /// one cache line.
    inline: Vec<Row>,
    /// Weight = stored `i16` × `scale`.
    scale: f32,
}

impl SparseModel {
    fn build(
        classes: usize,
        bits: u32,
        present: Vec<(u32, Vec<(u16, f32)>)>,
        max_abs: f32,
    ) -> Self {
        let scale = if max_abs > 0.0 {
            max_abs / 32767.0
        } else {
            1.0
        };
        let mut keys = Vec::with_capacity(present.len());
        let mut lens = Vec::with_capacity(present.len());
        let mut entry_class = Vec::new();
        let mut entry_weight = Vec::new();
        for (b, row) in &present {
            let before = entry_class.len();
            for &(class, w) in row {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    entry_class.push(class as u8);
                    entry_weight.push(q);
                }
            }
            if entry_class.len() > before {
                keys.push(*b);
                lens.push((entry_class.len() - before) as u8);
            }
        }
        SparseModel::from_rows(
            classes,
            bits,
            scale,
            &keys,
            &lens,
            &entry_class,
            &entry_weight,
        )
        .unwrap_or_else(|| unreachable!("buckets of a dense table are distinct"))
    }

    /// Build the lookup table from rows given in any order: row `i` is bucket `keys[i]` with
    /// `lens[i]` consecutive entries of `entry_class`/`entry_weight`. `None` if a bucket
    /// repeats.
    fn from_rows(
        classes: usize,
        bits: u32,
        scale: f32,
        keys: &[u32],
        lens: &[u8],
        entry_class: &[u8],
        entry_weight: &[i16],
    ) -> Option<SparseModel> {
        let slots = table_size(keys.len());
        let mask = slots - 1;
        let mut table = vec![EMPTY; slots];
        let mut row_at: Vec<u32> = vec![u32::MAX; slots];
        for (i, &b) in keys.iter().enumerate() {
            let mut slot = slot_of(b) & mask;
            while table[slot] != EMPTY {
                if table[slot] == b {
                    return None;
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = b;
            row_at[slot] = i as u32;
        }
        let mut offsets = Vec::with_capacity(keys.len() + 1);
        let mut total = 0usize;
        for &l in lens {
            offsets.push(total);
            total += usize::from(l);
        }
        offsets.push(total);
        let packed =
            |e: usize| (u32::from(entry_class[e]) << 16) | u32::from(entry_weight[e] as u16);
        if classes <= 4 {
            let inline = table
                .iter()
                .zip(&row_at)
                .map(|(&k, &row)| {
                    let mut w = [0u16; 4];
                    if row != u32::MAX {
                        for e in offsets[row as usize]..offsets[row as usize + 1] {
                            w[usize::from(entry_class[e])] = entry_weight[e] as u16;
                        }
                    }
                    Row([
                        k,
                        u32::from(w[0]) | (u32::from(w[1]) << 16),
                        u32::from(w[2]) | (u32::from(w[3]) << 16),
                        0,
                    ])
                })
                .collect();
            return Some(SparseModel {
                classes,
                bits,
                rows: Vec::new(),
                entries: Vec::new(),
                weights: total,
                inline,
                scale,
            });
        }
        let mut entries = Vec::new();
        let rows = table
            .iter()
            .zip(&row_at)
            .map(|(&k, &row)| {
                let mut r = [k, NO_ENTRY, NO_ENTRY, NO_ENTRY];
                if row != u32::MAX {
                    let range = offsets[row as usize]..offsets[row as usize + 1];
                    if range.len() <= INLINE_ENTRIES {
                        for (slot, e) in r[1..].iter_mut().zip(range) {
                            *slot = packed(e);
                        }
                    } else {
                        r[1] = LONG_ROW | entries.len() as u32;
                        entries.extend(range.map(packed));
                        r[2] = entries.len() as u32;
                    }
                }
                Row(r)
            })
            .collect();
        Some(SparseModel {
            classes,
            bits,
            rows,
            entries,
            weights: total,
            inline: Vec::new(),
            scale,
        })
    }

    /// The `(bucket, packed entries)` of every present row, in slot order; entries keep
    /// the order they were built in (by class).
    fn present_rows(&self) -> Vec<(u32, Vec<u32>)> {
        if !self.rows.is_empty() || self.inline.is_empty() {
            return self
                .rows
                .iter()
                .filter(|r| r.0[0] != EMPTY)
                .map(|&Row([k, a, b, c])| {
                    let e = if a != NO_ENTRY && a & LONG_ROW != 0 {
                        self.entries[(a & !LONG_ROW) as usize..b as usize].to_vec()
                    } else {
                        [a, b, c].into_iter().filter(|&e| e != NO_ENTRY).collect()
                    };
                    (k, e)
                })
                .collect();
        }
        self.inline
            .iter()
            .filter(|r| r.0[0] != EMPTY)
            .map(|&Row([k, w01, w23, _])| {
                let w = [
                    w01 as u16,
                    (w01 >> 16) as u16,
                    w23 as u16,
                    (w23 >> 16) as u16,
                ];
                let e = (0..self.classes.min(4))
                    .filter(|&c| w[c] != 0)
                    .map(|c| ((c as u32) << 16) | u32::from(w[c]))
                    .collect();
                (k, e)
            })
            .collect()
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Number of stored weights.
    pub fn len(&self) -> usize {
        self.weights
    }

    /// Whether no weight is stored.
    pub fn is_empty(&self) -> bool {
        self.weights == 0
    }

    /// Add the scores of `features` to `scores` (length = number of classes).
    ///
    /// The lookups run in phases over up to 64 features at a time — first every feature's
    /// home slot is read, then its entries — so that the cache misses of different features
    /// overlap instead of queueing behind each other.
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        if !self.inline.is_empty() {
            return self.score_inline(features, scores);
        }
        match self.classes {
            0..=32 => self.score_sparse::<32>(features, scores),
            33..=64 => self.score_sparse::<64>(features, scores),
            65..=128 => self.score_sparse::<128>(features, scores),
            _ => self.score_sparse::<256>(features, scores),
        }
    }

    /// [`SparseModel::score`] with an accumulator of `N ≥ classes` entries.
    fn score_sparse<const N: usize>(&self, features: &[u64], scores: &mut [f32]) {
        let mut acc = [0i32; N];
        // Unused inline entries have class 0xFFFF, past the end of `acc`: skipped.
        let mut add = |e: u32| {
            if let Some(a) = acc.get_mut((e >> 16) as usize) {
                *a += i32::from(e as u16 as i16);
            }
        };
        let mask = self.rows.len() - 1;
        for chunk in features.chunks(CHUNK) {
            for &f in chunk {
                prefetch(&self.rows[slot_of(bucket(f, self.bits)) & mask]);
            }
            let mut long = [(0u32, 0u32); CHUNK];
            let mut longs = 0;
            for &f in chunk {
                let b = bucket(f, self.bits);
                let mut slot = slot_of(b) & mask;
                loop {
                    let row = self.rows[slot].0;
                    if row[0] == b {
                        if row[1] != NO_ENTRY && row[1] & LONG_ROW != 0 {
                            let start = row[1] & !LONG_ROW;
                            prefetch(&self.entries[start as usize]);
                            long[longs] = (start, row[2]);
                            longs += 1;
                        } else {
                            add(row[1]);
                            add(row[2]);
                            add(row[3]);
                        }
                        break;
                    }
                    if row[0] == EMPTY {
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
            for &(start, end) in &long[..longs] {
                for &e in &self.entries[start as usize..end as usize] {
                    add(e);
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc.iter()) {
            *s += *a as f32 * self.scale;
        }
    }

    fn score_inline(&self, features: &[u64], scores: &mut [f32]) {
        let mask = self.inline.len() - 1;
        let mut acc = [0i32; 4];
        for chunk in features.chunks(CHUNK) {
            for &f in chunk {
                prefetch(&self.inline[slot_of(bucket(f, self.bits)) & mask]);
            }
            for &f in chunk {
                let b = bucket(f, self.bits);
                let mut slot = slot_of(b) & mask;
                loop {
                    let Row([key, w01, w23, _]) = self.inline[slot];
                    if key == b {
                        acc[0] += i32::from(w01 as u16 as i16);
                        acc[1] += i32::from((w01 >> 16) as u16 as i16);
                        acc[2] += i32::from(w23 as u16 as i16);
                        acc[3] += i32::from((w23 >> 16) as u16 as i16);
                        break;
                    }
                    if key == EMPTY {
                        break;
                    }
                    slot = (slot + 1) & mask;
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc) {
            *s += a as f32 * self.scale;
        }
    }

    /// `(present buckets, stored weights)`.
    pub fn counts(&self) -> (usize, usize) {
        let present = if self.inline.is_empty() {
            self.rows.iter().filter(|r| r.0[0] != EMPTY).count()
        } else {
            self.inline.iter().filter(|r| r.0[0] != EMPTY).count()
        };
        (present, self.weights)
    }

    /// Size of the packed model in bytes.
    pub fn byte_size(&self) -> usize {
        if self.inline.is_empty() {
            self.rows.len() * 16 + self.entries.len() * 4
        } else {
            self.inline.len() * 16
        }
    }

    pub(crate) fn write(&self, w: &mut BinWriter) {
        let mut keys = Vec::new();
        let mut lens = Vec::new();
        let mut classes = Vec::with_capacity(self.weights);
        let mut weights = Vec::with_capacity(self.weights);
        // Rows in the order of their home slot in the table the reader builds (then by
        // bucket), so loading fills the table front to back and the bytes do not depend on
        // this table's layout.
        let mut rows = self.present_rows();
        let mask = table_size(rows.len()) - 1;
        rows.sort_unstable_by_key(|(key, _)| (slot_of(*key) & mask, *key));
        for (key, entries) in rows {
            keys.push(key);
            lens.push(entries.len() as u8);
            for e in entries {
                classes.push((e >> 16) as u8);
                weights.push(e as u16 as i16);
            }
        }
        w.u32(self.classes as u32);
        w.u32(self.bits);
        w.f32(self.scale);
        w.u32s(&keys);
        w.u8s(&lens);
        w.u8s(&classes);
        w.i16s(&weights);
    }

    pub(crate) fn read(r: &mut BinReader) -> Result<SparseModel, FormatError> {
        let classes = r.u32()? as usize;
        let bits = r.u32()?;
        let scale = r.f32()?;
        let keys = r.u32s()?;
        let lens = r.u8s()?;
        let entry_class = r.u8s()?;
        let entry_weight = r.i16s()?;
        let total: usize = lens.iter().map(|&l| usize::from(l)).sum();
        let valid = (1..=32).contains(&bits)
            && (1..=255).contains(&classes)
            && keys.len() == lens.len()
            && total == entry_class.len()
            && entry_class.len() == entry_weight.len()
            && entry_class.iter().all(|&c| (c as usize) < classes)
            && keys
                .iter()
                .all(|&k| k != EMPTY && (bits == 32 || k < (1 << bits)))
            && scale.is_finite();
        if !valid {
            return Err(r.error("inconsistent weight table"));
        }
        SparseModel::from_rows(
            classes,
            bits,
            scale,
            &keys,
            &lens,
            &entry_class,
            &entry_weight,
        )
        .ok_or_else(|| r.error("a bucket repeats in the weight table"))
    }
}

/// Ask the CPU to start loading the cache line of `value` (a hint; no effect elsewhere).
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is only a hint and never faults; the pointer comes from a reference.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (value as *const T).cast::<i8>(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Number of slots of the open-addressing table for `rows` rows (load ≤ 2/3).
fn table_size(rows: usize) -> usize {
    (rows * 3 / 2 + 1).next_power_of_two().max(2)
}

#[inline]
fn slot_of(bucket: u32) -> usize {
    (u64::from(bucket).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20) as usize
}

/// Index of the highest score among the allowed classes (`allowed[i]` true), if any.
pub fn argmax_allowed(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

/// Index of the highest score.
pub fn argmax(scores: &[f32]) -> usize {
    argmax_allowed(scores, |_| true).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixing_averages_the_averaged_weights() {
        let f = [feature(1, 7)];
        // One trainer learns class 0 for the feature over two instances, the other class 1.
        let mut a = Trainer::new(2, 8);
        a.learn(&f, 0, 1);
        a.tick();
        a.tick();
        let mut b = Trainer::new(2, 8);
        b.learn(&f, 1, 0);
        b.learn(&f, 1, 0);
        b.tick();
        b.tick();
        let averaged = |t: &Trainer| {
            let mut s = [0.0f32; 2];
            let model = Trainer::mix(vec![Trainer {
                classes: t.classes,
                bits: t.bits,
                weights: t.weights.clone(),
                timed: t.timed.clone(),
                time: t.time,
            }])
            .unwrap();
            model.score(&f, &mut s);
            s
        };
        let (sa, sb) = (averaged(&a), averaged(&b));
        assert!(sa[0] > 0.0 && sa[1] < 0.0 && sb[1] > sa[0], "{sa:?} {sb:?}");
        let mixed = Trainer::mix(vec![a, b]).unwrap();
        let mut s = [0.0f32; 2];
        mixed.score(&f, &mut s);
        for class in 0..2 {
            assert!(
                (s[class] - (sa[class] + sb[class]) / 2.0).abs() < 1e-6,
                "{s:?}"
            );
        }
        // Class 1 wins the mix: its trainer was surer.
        assert!(s[1] > s[0]);
        // The mix's averaged weights are its weights: finishing keeps them.
        let packed = mixed.finish(0.0, 0);
        let mut p = [0.0f32; 2];
        packed.score(&f, &mut p);
        assert!((p[1] - s[1]).abs() < 0.05 * s[1].abs(), "{p:?} {s:?}");
        assert!(Trainer::mix(Vec::new()).is_none());
        assert!(Trainer::mix(vec![Trainer::new(2, 8), Trainer::new(3, 8)]).is_none());
    }

    #[test]
    fn learns_a_separable_problem_and_packs_it() {
        // Class = parity of the value; one feature per instance plus a bias.
        let mut trainer = Trainer::new(2, 12);
        let data: Vec<(u64, usize)> = (0..50u64).map(|v| (v, (v % 2) as usize)).collect();
        for _ in 0..5 {
            for &(v, gold) in &data {
                let feats = [feature(1, v), feature(0, 0)];
                let mut scores = [0.0; 2];
                trainer.score(&feats, &mut scores);
                let guess = argmax(&scores);
                trainer.learn(&feats, gold, guess);
                trainer.tick();
            }
        }
        let model = trainer.finish(0.0, usize::MAX);
        assert!(!model.is_empty());
        for &(v, gold) in &data {
            let mut scores = [0.0; 2];
            model.score(&[feature(1, v), feature(0, 0)], &mut scores);
            assert_eq!(argmax(&scores), gold, "value {v}");
        }
        let mut w = BinWriter::default();
        model.write(&mut w);
        let bytes = w.into_bytes();
        let mut r = BinReader::new(&bytes);
        let loaded = SparseModel::read(&mut r).unwrap();
        assert_eq!(loaded.counts(), model.counts());
        let mut again = BinWriter::default();
        loaded.write(&mut again);
        assert_eq!(
            again.into_bytes(),
            bytes,
            "the bytes do not depend on the table layout"
        );
        for &(v, _) in &data {
            let feats = [feature(1, v), feature(0, 0)];
            let (mut a, mut b) = ([0.0; 2], [0.0; 2]);
            model.score(&feats, &mut a);
            loaded.score(&feats, &mut b);
            assert_eq!(a, b);
        }
    }

    #[test]
    fn many_classes_and_many_features() {
        // More than 64 features (several lookup chunks) and a sparse multi-class table.
        let mut trainer = Trainer::new(7, 10);
        let feats: Vec<u64> = (0..300u64).map(|i| feature(i, i * 31)).collect();
        for step in 0..20 {
            let gold = step % 7;
            let mut scores = [0.0; 7];
            trainer.score(&feats[..(step * 15).max(1)], &mut scores);
            trainer.learn(&feats[..(step * 15).max(1)], gold, argmax(&scores));
            trainer.tick();
        }
        let dense_scores = {
            let mut s = [0.0f32; 7];
            // The averaged weights are what the packed model holds: compare through a
            // threshold-free pack and a second pack of the loaded bytes.
            let model = trainer.finish(0.0, usize::MAX);
            model.score(&feats, &mut s);
            let mut w = BinWriter::default();
            model.write(&mut w);
            let bytes = w.into_bytes();
            let loaded = SparseModel::read(&mut BinReader::new(&bytes)).unwrap();
            let mut t = [0.0f32; 7];
            loaded.score(&feats, &mut t);
            assert_eq!(s, t);
            s
        };
        assert!(dense_scores.iter().any(|&x| x != 0.0));
    }

    #[test]
    fn corrupt_tables_are_errors() {
        let mut w = BinWriter::default();
        w.u32(3); // classes
        w.u32(8); // bits
        w.f32(1.0);
        w.u32s(&[5, 5]); // a repeated bucket
        w.u8s(&[1, 1]);
        w.u8s(&[0, 1]);
        w.i16s(&[3, 4]);
        let bytes = w.into_bytes();
        assert!(SparseModel::read(&mut BinReader::new(&bytes)).is_err());
        let mut w = BinWriter::default();
        w.u32(3);
        w.u32(8);
        w.f32(1.0);
        w.u32s(&[5]);
        w.u8s(&[1]);
        w.u8s(&[9]); // class out of range
        w.i16s(&[3]);
        let bytes = w.into_bytes();
        assert!(SparseModel::read(&mut BinReader::new(&bytes)).is_err());
    }

    #[test]
    fn dominant_values_need_count_and_share() {
        let mut counts = ValueCounts::default();
        for k in 0..100u16 {
            counts.add(1, 7); // key 1: always 7
            counts.add(2, u16::from(k == 0)); // key 2: 0 99 times, 1 once
            counts.add(3, k % 2); // key 3: a tie
        }
        counts.add(4, 5); // key 4: too rare
        let sure = counts.dominant(20, 0.99);
        assert_eq!(sure.get(&1), Some(&7));
        assert_eq!(sure.get(&2), Some(&0));
        assert_eq!(sure.get(&3), None);
        assert_eq!(sure.get(&4), None);
        let mut tie = ValueCounts::default();
        for v in [3, 2, 3, 2] {
            tie.add(9, v);
        }
        assert_eq!(
            tie.dominant(1, 0.5).get(&9),
            Some(&2),
            "the lowest value wins a tie"
        );
    }

    #[test]
    fn unknown_features_score_zero() {
        let model = Trainer::new(3, 8).finish(0.0, 0);
        let mut scores = [0.0; 3];
        model.score(&[feature(9, 9)], &mut scores);
        assert_eq!(scores, [0.0; 3]);
    }
}
