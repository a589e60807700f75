//! Named-entity recognizer: greedy BIO tagging with an averaged perceptron over word, shape,
//! affix, POS, dependency and previous-label features. Trained on GUM's entity mentions whose
//! syntactic head is a proper noun (the outermost such mention where they nest), with GUM's
//! types (person, organization, place, time, event, object, abstract, …).

use std::ops::Range;

use crate::binio::{BinReader, BinWriter, FormatError};
use crate::perceptron::{SparseModel, Trainer, argmax_allowed, feature, feature2, feature3};
use crate::words::{PAD, WordInfo};
use crate::Rng;

const OUTSIDE: usize = 0;
const START_LABEL: u64 = 0x5354_4152_54;

/// A recognised entity over the words of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitySpan {
    /// Word indices (end exclusive).
    pub words: Range<usize>,
    /// Index into [`Recognizer::types`].
    pub kind: u16,
}

/// What the recognizer sees of a sentence.
pub struct NerInput<'a> {
    /// Word attributes.
    pub words: &'a [WordInfo],
    /// Tagger classes.
    pub tags: &'a [u16],
    /// Heads (0-based, `None` for the root).
    pub heads: &'a [Option<u32>],
    /// Parser label indices.
    pub labels: &'a [u16],
}

impl NerInput<'_> {
    fn lower(&self, i: isize) -> u64 {
        self.word(i).map_or(PAD, |w| w.lower)
    }
    fn form(&self, i: isize) -> u64 {
        self.word(i).map_or(PAD, |w| w.form)
    }
    fn word(&self, i: isize) -> Option<&WordInfo> {
        usize::try_from(i).ok().and_then(|i| self.words.get(i))
    }
    fn tag(&self, i: isize) -> u64 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.tags.get(i))
            .map_or(PAD, |&t| u64::from(t))
    }

    fn features(&self, i: usize, prev: u64, prev2: u64, out: &mut Vec<u64>) {
        out.clear();
        let w = &self.words[i];
        let head = self.heads[i];
        let head_word = head.map_or(PAD, |h| self.words[h as usize].lower);
        let head_tag = head.map_or(PAD, |h| u64::from(self.tags[h as usize]));
        let rel = u64::from(self.labels[i]);
        let i = i as isize;
        let t0 = self.tag(i);
        out.push(feature(0, 0));
        out.push(feature(1, w.lower));
        out.push(feature(2, w.form));
        out.push(feature(3, w.shape));
        out.push(feature(4, w.flags));
        for (k, s) in w.suffix[..3].iter().enumerate() {
            out.push(feature(5 + k as u64, *s));
        }
        for (k, p) in w.prefix.iter().enumerate() {
            out.push(feature(8 + k as u64, *p));
        }
        out.push(feature(11, t0));
        out.push(feature2(12, t0, self.tag(i - 1)));
        out.push(feature2(13, t0, self.tag(i + 1)));
        out.push(feature(14, self.lower(i - 1)));
        out.push(feature(15, self.lower(i + 1)));
        out.push(feature(16, self.lower(i - 2)));
        out.push(feature(17, self.lower(i + 2)));
        out.push(feature(18, self.form(i - 1)));
        out.push(feature(19, self.form(i + 1)));
        out.push(feature(20, prev));
        out.push(feature2(21, prev, t0));
        out.push(feature2(22, prev, w.shape));
        out.push(feature2(23, prev, prev2));
        out.push(feature2(24, prev, w.lower));
        out.push(feature(25, rel));
        out.push(feature2(26, rel, head_word));
        out.push(feature3(27, rel, head_tag, t0));
        out.push(feature2(28, w.lower, self.lower(i + 1)));
        out.push(feature2(29, self.lower(i - 1), w.lower));
        out.push(feature2(30, self.word(i + 1).map_or(PAD, |w| w.shape), w.shape));
        out.push(feature2(31, self.word(i - 1).map_or(PAD, |w| w.shape), w.shape));
        out.push(feature2(32, prev, self.word(i + 1).map_or(PAD, |w| w.shape)));
    }
}

/// The trained recognizer.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognizer {
    model: SparseModel,
    types: Vec<String>,
}

/// BIO class of `B-type` / `I-type`.
fn begin(kind: usize) -> usize {
    1 + 2 * kind
}
fn inside(kind: usize) -> usize {
    2 + 2 * kind
}

/// Whether class `c` may follow class `prev` (`I-x` only after `B-x` or `I-x`).
fn allowed(prev: usize, c: usize) -> bool {
    if c == OUTSIDE || c % 2 == 1 {
        return true;
    }
    prev != OUTSIDE && (prev + 1) / 2 == c / 2
}

fn label_value(c: Option<usize>) -> u64 {
    c.map_or(START_LABEL, |c| c as u64)
}

/// BIO classes → spans.
fn spans(classes: &[usize]) -> Vec<EntitySpan> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < classes.len() {
        let c = classes[i];
        if c == OUTSIDE {
            i += 1;
            continue;
        }
        let kind = (c - 1) / 2;
        let start = i;
        i += 1;
        while i < classes.len() && classes[i] == inside(kind) {
            i += 1;
        }
        out.push(EntitySpan {
            words: start..i,
            kind: kind as u16,
        });
    }
    out
}

impl Recognizer {
    /// The entity types.
    pub fn types(&self) -> &[String] {
        &self.types
    }

    /// Size of the weights in bytes.
    pub fn byte_size(&self) -> usize {
        self.model.byte_size()
    }

    /// Find the entities of a tagged and parsed sentence.
    pub fn recognize(&self, input: &NerInput) -> Vec<EntitySpan> {
        let classes = 1 + 2 * self.types.len();
        let mut scores = vec![0.0f32; classes];
        let mut feats = Vec::with_capacity(40);
        let mut out: Vec<usize> = Vec::with_capacity(input.words.len());
        for i in 0..input.words.len() {
            let prev = i.checked_sub(1).map(|j| out[j]);
            let prev2 = i.checked_sub(2).map(|j| out[j]);
            input.features(i, label_value(prev), label_value(prev2), &mut feats);
            scores.iter_mut().for_each(|s| *s = 0.0);
            self.model.score(&feats, &mut scores);
            let p = prev.unwrap_or(OUTSIDE);
            out.push(argmax_allowed(&scores, |c| allowed(p, c)).unwrap_or(OUTSIDE));
        }
        spans(&out)
    }

    pub(crate) fn write(&self, w: &mut BinWriter) {
        w.strs(&self.types);
        self.model.write(w);
    }

    pub(crate) fn read(r: &mut BinReader) -> Result<Recognizer, FormatError> {
        let types = r.strs()?;
        let model = SparseModel::read(r)?;
        if model.classes() != 1 + 2 * types.len() {
            return Err(r.error("recognizer classes do not match its types"));
        }
        Ok(Recognizer { model, types })
    }
}

/// A training sentence for the recognizer.
pub struct NerExample {
    /// Word attributes.
    pub words: Vec<WordInfo>,
    /// Tagger classes (predicted).
    pub tags: Vec<u16>,
    /// Heads (predicted or gold), 0-based.
    pub heads: Vec<Option<u32>>,
    /// Parser labels.
    pub labels: Vec<u16>,
    /// Gold entities.
    pub entities: Vec<EntitySpan>,
}

/// Settings for training the recognizer.
#[derive(Debug, Clone, Copy)]
pub struct NerConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// log2 of the number of hash buckets.
    pub bits: u32,
    /// Averaged weights below this magnitude are dropped.
    pub prune: f32,
    /// Shuffling seed.
    pub seed: u64,
}

impl Default for NerConfig {
    fn default() -> Self {
        NerConfig {
            epochs: 12,
            bits: 20,
            prune: 0.05,
            seed: 13,
        }
    }
}

/// Train a recognizer.
pub fn train(data: &[NerExample], types: Vec<String>, config: NerConfig) -> Recognizer {
    let classes = 1 + 2 * types.len();
    let mut trainer = Trainer::new(classes, config.bits);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(config.seed);
    let mut feats = Vec::with_capacity(40);
    let mut scores = vec![0.0f32; classes];
    for _ in 0..config.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let e = &data[s];
            let mut gold = vec![OUTSIDE; e.words.len()];
            for span in &e.entities {
                for (k, i) in span.words.clone().enumerate() {
                    gold[i] = if k == 0 {
                        begin(span.kind as usize)
                    } else {
                        inside(span.kind as usize)
                    };
                }
            }
            let input = NerInput {
                words: &e.words,
                tags: &e.tags,
                heads: &e.heads,
                labels: &e.labels,
            };
            let mut out: Vec<usize> = Vec::with_capacity(e.words.len());
            for i in 0..e.words.len() {
                let prev = i.checked_sub(1).map(|j| out[j]);
                let prev2 = i.checked_sub(2).map(|j| out[j]);
                input.features(i, label_value(prev), label_value(prev2), &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                trainer.score(&feats, &mut scores);
                let p = prev.unwrap_or(OUTSIDE);
                let guess = argmax_allowed(&scores, |c| allowed(p, c)).unwrap_or(OUTSIDE);
                trainer.learn(&feats, gold[i], guess);
                trainer.tick();
                out.push(guess);
            }
        }
    }
    Recognizer {
        model: trainer.finish(config.prune),
        types,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bio_to_spans() {
        // O B-0 I-0 B-1 O I-1 (the stray I is dropped by decoding, not by `spans`)
        let s = spans(&[0, 1, 2, 3, 0, 3]);
        assert_eq!(
            s,
            vec![
                EntitySpan { words: 1..3, kind: 0 },
                EntitySpan { words: 3..4, kind: 1 },
                EntitySpan { words: 5..6, kind: 1 },
            ]
        );
        assert!(allowed(1, 2));
        assert!(!allowed(0, 2));
        assert!(!allowed(3, 2));
        assert!(allowed(2, 2));
    }
}
