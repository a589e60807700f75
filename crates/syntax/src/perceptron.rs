//! Multiclass averaged perceptron with hashed features.
//!
//! Features are `u64` hashes built with [`feature`] from a template number and values that
//! are themselves hashes (of words, tags, …), so no strings are allocated per feature.
//! Training uses a dense table of `2^bits` buckets × classes; [`Trainer::finish`] averages the
//! weights, drops the near-zero ones and packs the rest into a [`SparseModel`]: an
//! open-addressing index from bucket to a short list of `(class, weight)` pairs, which is what
//! ships and what runs.

use crate::binio::{BinReader, BinWriter, FormatError};

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

    /// Average the weights, drop those with magnitude below `threshold` and pack the rest.
    pub fn finish(self, threshold: f32) -> SparseModel {
        let t = f64::from(self.time);
        let c = self.classes;
        let buckets = 1usize << self.bits;
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

const EMPTY: u32 = u32::MAX;

/// Averaged weights in compact form: bucket → `(class, weight)` list.
#[derive(Debug, Clone, PartialEq)]
pub struct SparseModel {
    classes: usize,
    bits: u32,
    /// Open-addressing slots holding bucket numbers (`EMPTY` when free).
    keys: Vec<u32>,
    /// `starts[slot]..starts[slot + 1]` are the slot's entries.
    starts: Vec<u32>,
    entry_class: Vec<u16>,
    entry_weight: Vec<i16>,
    /// Weight = `entry_weight * scale`.
    scale: f32,
}

impl SparseModel {
    fn build(classes: usize, bits: u32, present: Vec<(u32, Vec<(u16, f32)>)>, max_abs: f32) -> Self {
        let slots = (present.len() * 3 / 2 + 1).next_power_of_two().max(2);
        let mask = slots - 1;
        let mut keys = vec![EMPTY; slots];
        let mut rows: Vec<Option<usize>> = vec![None; slots];
        for (i, (b, _)) in present.iter().enumerate() {
            let mut slot = slot_of(*b) & mask;
            while keys[slot] != EMPTY {
                slot = (slot + 1) & mask;
            }
            keys[slot] = *b;
            rows[slot] = Some(i);
        }
        let scale = if max_abs > 0.0 { max_abs / 32767.0 } else { 1.0 };
        let mut starts = Vec::with_capacity(slots + 1);
        let mut entry_class = Vec::new();
        let mut entry_weight = Vec::new();
        for row in &rows {
            starts.push(entry_class.len() as u32);
            if let Some(i) = row {
                for &(class, w) in &present[*i].1 {
                    let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                    if q != 0 {
                        entry_class.push(class);
                        entry_weight.push(q);
                    }
                }
            }
        }
        starts.push(entry_class.len() as u32);
        SparseModel {
            classes,
            bits,
            keys,
            starts,
            entry_class,
            entry_weight,
            scale,
        }
    }

    /// Number of classes.
    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Number of stored weights.
    pub fn len(&self) -> usize {
        self.entry_class.len()
    }

    /// Whether no weight is stored.
    pub fn is_empty(&self) -> bool {
        self.entry_class.is_empty()
    }

    #[inline]
    fn entries(&self, feature: u64) -> std::ops::Range<usize> {
        let b = bucket(feature, self.bits);
        let mask = self.keys.len() - 1;
        let mut slot = slot_of(b) & mask;
        loop {
            let k = self.keys[slot];
            if k == b {
                return self.starts[slot] as usize..self.starts[slot + 1] as usize;
            }
            if k == EMPTY {
                return 0..0;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Add the scores of `features` to `scores` (length = number of classes).
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        for &f in features {
            for e in self.entries(f) {
                scores[self.entry_class[e] as usize] += f32::from(self.entry_weight[e]) * self.scale;
            }
        }
    }

    /// Size of the packed model in bytes.
    pub fn byte_size(&self) -> usize {
        self.keys.len() * 8 + self.entry_class.len() * 4
    }

    pub(crate) fn write(&self, w: &mut BinWriter) {
        w.u32(self.classes as u32);
        w.u32(self.bits);
        w.f32(self.scale);
        w.u32s(&self.keys);
        w.u32s(&self.starts);
        w.u16s(&self.entry_class);
        w.i16s(&self.entry_weight);
    }

    pub(crate) fn read(r: &mut BinReader) -> Result<SparseModel, FormatError> {
        let classes = r.u32()? as usize;
        let bits = r.u32()?;
        let scale = r.f32()?;
        let keys = r.u32s()?;
        let starts = r.u32s()?;
        let entry_class = r.u16s()?;
        let entry_weight = r.i16s()?;
        let valid = (1..=32).contains(&bits)
            && keys.len().is_power_of_two()
            && starts.len() == keys.len() + 1
            && entry_class.len() == entry_weight.len()
            && starts.windows(2).all(|p| p[0] <= p[1])
            && starts.last().is_some_and(|&s| s as usize == entry_class.len())
            && entry_class.iter().all(|&c| (c as usize) < classes);
        if !valid {
            return Err(r.error("inconsistent weight table"));
        }
        Ok(SparseModel {
            classes,
            bits,
            keys,
            starts,
            entry_class,
            entry_weight,
            scale,
        })
    }
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
        let model = trainer.finish(0.0);
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
        assert_eq!(SparseModel::read(&mut r).unwrap(), model);
    }

    #[test]
    fn unknown_features_score_zero() {
        let model = Trainer::new(3, 8).finish(0.0);
        let mut scores = [0.0; 3];
        model.score(&[feature(9, 9)], &mut scores);
        assert_eq!(scores, [0.0; 3]);
    }
}
