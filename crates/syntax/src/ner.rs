//! Named-entity recognizer: greedy BIO tagging with an averaged perceptron over word, shape,
//! affix, POS, dependency and previous-label features. Trained on GUM's entity mentions whose
//! syntactic head is a proper noun (the outermost such mention where they nest), with GUM's
//! types (person, organization, place, time, event, object, abstract, …).

use std::collections::HashMap;
use std::ops::Range;

use crate::Rng;
use crate::binio::{BinReader, BinWriter, FormatError};
use crate::perceptron::{
    HashKeyed, SparseModel, Trainer, argmax_allowed, feature, feature2, feature3, mix,
};
use crate::words::{PAD, WordInfo};

const OUTSIDE: usize = 0;
const START_LABEL: u64 = 0x0053_5441_5254;

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

/// What a parser label means for names: 1 = inside a name (`flat`, `compound`, `fixed`),
/// 2 = case marker, 0 = other.
pub fn label_kinds(labels: &[String]) -> Vec<u8> {
    labels
        .iter()
        .map(|l| match l.split(':').next().unwrap_or("") {
            "flat" | "compound" | "fixed" => 1,
            "case" => 2,
            _ => 0,
        })
        .collect()
}

/// Names seen in training (case-sensitive token sequences) with their most frequent type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gazetteer {
    names: HashKeyed<u16>,
}

/// Longest name the gazetteer matches, in words.
const MAX_NAME: usize = 6;

fn name_hash(words: &[WordInfo]) -> u64 {
    words.iter().fold(0x6e61_6d65u64, |h, w| mix(h, w.form))
}

impl Gazetteer {
    /// Per-word gazetteer value: position in the longest match (B/I/L/U) and its type, or
    /// `PAD`. `lookup` gives the type of a name hash.
    fn values(words: &[WordInfo], lookup: impl Fn(u64) -> Option<u16>) -> Vec<u64> {
        let n = words.len();
        let mut best: Vec<(usize, u64)> = vec![(0, PAD); n];
        for start in 0..n {
            for len in 1..=MAX_NAME.min(n - start) {
                let Some(kind) = lookup(name_hash(&words[start..start + len])) else {
                    continue;
                };
                for (k, slot) in best[start..start + len].iter_mut().enumerate() {
                    if len > slot.0 {
                        let code = if len == 1 {
                            0
                        } else if k == 0 {
                            1
                        } else if k + 1 == len {
                            3
                        } else {
                            2
                        };
                        *slot = (len, mix(code, u64::from(kind)));
                    }
                }
            }
        }
        best.into_iter().map(|(_, v)| v).collect()
    }
}

/// Per-word values computed once per sentence: gazetteer match, the case marker and relation
/// of the word's name phrase, and the phrase's governor.
struct WordContext {
    gazetteer: u64,
    case: u64,
    phrase_rel: u64,
    governor: u64,
    is_phrase_head: u64,
    phrase_head: u64,
}

fn contexts(input: &NerInput, kinds: &[u8], gazetteer: &[u64]) -> Vec<WordContext> {
    let n = input.words.len();
    let kind = |i: usize| kinds.get(input.labels[i] as usize).copied().unwrap_or(0);
    let mut case_of = vec![PAD; n];
    for i in 0..n {
        if kind(i) == 2
            && let Some(h) = input.heads[i]
            && case_of[h as usize] == PAD
        {
            case_of[h as usize] = input.words[i].lower;
        }
    }
    (0..n)
        .map(|i| {
            let mut ph = i;
            for _ in 0..4 {
                match input.heads[ph] {
                    Some(h) if kind(ph) == 1 => ph = h as usize,
                    _ => break,
                }
            }
            WordContext {
                gazetteer: gazetteer[i],
                case: case_of[ph],
                phrase_rel: u64::from(input.labels[ph]),
                governor: input.heads[ph].map_or(PAD, |g| input.words[g as usize].lower),
                is_phrase_head: u64::from(ph == i),
                phrase_head: input.words[ph].form,
            }
        })
        .collect()
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

    fn features(&self, i: usize, ctx: &WordContext, prev: u64, prev2: u64, out: &mut Vec<u64>) {
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
        out.push(feature2(
            30,
            self.word(i + 1).map_or(PAD, |w| w.shape),
            w.shape,
        ));
        out.push(feature2(
            31,
            self.word(i - 1).map_or(PAD, |w| w.shape),
            w.shape,
        ));
        out.push(feature2(
            32,
            prev,
            self.word(i + 1).map_or(PAD, |w| w.shape),
        ));
        out.push(feature(33, ctx.gazetteer));
        out.push(feature2(34, ctx.gazetteer, prev));
        out.push(feature(35, ctx.case));
        out.push(feature2(36, ctx.phrase_rel, ctx.governor));
        out.push(feature3(37, ctx.phrase_rel, ctx.case, ctx.is_phrase_head));
        out.push(feature2(38, ctx.case, w.shape));
        out.push(feature2(39, ctx.governor, w.lower));
        out.push(feature(40, ctx.phrase_head));
        out.push(feature2(41, ctx.phrase_head, ctx.case));
        out.push(feature2(42, ctx.phrase_head, prev));
    }
}

/// The trained recognizer.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognizer {
    model: SparseModel,
    types: Vec<String>,
    gazetteer: Gazetteer,
    label_kinds: Vec<u8>,
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
    prev != OUTSIDE && prev.div_ceil(2) == c / 2
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

    /// `(present buckets, stored weights)` of the weight table.
    pub fn counts(&self) -> (usize, usize) {
        self.model.counts()
    }

    /// Size of the weights in bytes.
    pub fn byte_size(&self) -> usize {
        self.model.byte_size() + self.gazetteer.names.len() * 12
    }

    /// Find the entities of a tagged and parsed sentence.
    pub fn recognize(&self, input: &NerInput) -> Vec<EntitySpan> {
        let classes = 1 + 2 * self.types.len();
        let mut scores = vec![0.0f32; classes];
        let mut feats = Vec::with_capacity(40);
        let mut out: Vec<usize> = Vec::with_capacity(input.words.len());
        let gazetteer = Gazetteer::values(input.words, |h| self.gazetteer.names.get(&h).copied());
        let ctx = contexts(input, &self.label_kinds, &gazetteer);
        #[allow(clippy::needless_range_loop)]
        for i in 0..input.words.len() {
            let prev = i.checked_sub(1).map(|j| out[j]);
            let prev2 = i.checked_sub(2).map(|j| out[j]);
            input.features(
                i,
                &ctx[i],
                label_value(prev),
                label_value(prev2),
                &mut feats,
            );
            scores.iter_mut().for_each(|s| *s = 0.0);
            self.model.score(&feats, &mut scores);
            let p = prev.unwrap_or(OUTSIDE);
            out.push(argmax_allowed(&scores, |c| allowed(p, c)).unwrap_or(OUTSIDE));
        }
        spans(&out)
    }

    pub(crate) fn write(&self, w: &mut BinWriter) {
        w.strs(&self.types);
        let mut names: Vec<(u64, u16)> =
            self.gazetteer.names.iter().map(|(k, v)| (*k, *v)).collect();
        names.sort_unstable();
        w.u64s(&names.iter().map(|n| n.0).collect::<Vec<_>>());
        w.u32s(&names.iter().map(|n| u32::from(n.1)).collect::<Vec<_>>());
        w.u32s(
            &self
                .label_kinds
                .iter()
                .map(|&k| u32::from(k))
                .collect::<Vec<_>>(),
        );
        self.model.write(w);
    }

    pub(crate) fn read(r: &mut BinReader) -> Result<Recognizer, FormatError> {
        let types = r.strs()?;
        let keys = r.u64s()?;
        let values = r.u32s()?;
        if keys.len() != values.len() || values.iter().any(|&v| v as usize >= types.len()) {
            return Err(r.error("bad gazetteer"));
        }
        let names = keys
            .into_iter()
            .zip(values.into_iter().map(|v| v as u16))
            .collect();
        let label_kinds = r.u32s()?.into_iter().map(|k| k.min(2) as u8).collect();
        let model = SparseModel::read(r)?;
        if model.classes() != 1 + 2 * types.len() {
            return Err(r.error("recognizer classes do not match its types"));
        }
        Ok(Recognizer {
            model,
            types,
            gazetteer: Gazetteer { names },
            label_kinds,
        })
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
    /// Document number (names from the same document are not used as gazetteer features).
    pub doc: usize,
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
    /// At most this many weights are kept (the largest), per weight table.
    pub max_weights: usize,
    /// Shuffling seed.
    pub seed: u64,
}

impl Default for NerConfig {
    fn default() -> Self {
        NerConfig {
            epochs: 12,
            bits: 20,
            prune: 0.05,
            max_weights: 4_000_000,
            seed: 13,
        }
    }
}

/// Name counts per type, over all documents and per document.
struct NameCounts {
    total: HashMap<u64, Vec<u32>>,
    per_doc: HashMap<(usize, u64), Vec<u32>>,
}

impl NameCounts {
    fn new(data: &[NerExample], types: usize) -> NameCounts {
        let mut total: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut per_doc: HashMap<(usize, u64), Vec<u32>> = HashMap::new();
        for e in data {
            for span in &e.entities {
                if span.words.len() > MAX_NAME {
                    continue;
                }
                let h = name_hash(&e.words[span.words.clone()]);
                total.entry(h).or_insert_with(|| vec![0; types])[span.kind as usize] += 1;
                per_doc.entry((e.doc, h)).or_insert_with(|| vec![0; types])[span.kind as usize] +=
                    1;
            }
        }
        NameCounts { total, per_doc }
    }

    /// Most frequent type of a name, leaving out document `doc`'s own mentions.
    fn best(&self, h: u64, doc: Option<usize>) -> Option<u16> {
        let total = self.total.get(&h)?;
        let own = doc.and_then(|d| self.per_doc.get(&(d, h)));
        let counts: Vec<u32> = total
            .iter()
            .enumerate()
            .map(|(k, &c)| c - own.map_or(0, |o| o[k]))
            .collect();
        let (kind, &count) = counts
            .iter()
            .enumerate()
            .max_by_key(|(k, c)| (**c, usize::MAX - k))?;
        (count > 0).then_some(kind as u16)
    }
}

/// Train a recognizer. `labels` are the parser's relation labels (for the label indices of
/// the examples).
pub fn train(
    data: &[NerExample],
    types: Vec<String>,
    labels: &[String],
    config: NerConfig,
) -> Recognizer {
    let classes = 1 + 2 * types.len();
    let counts = NameCounts::new(data, types.len());
    let label_kinds = label_kinds(labels);
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
            let gazetteer = Gazetteer::values(&e.words, |h| counts.best(h, Some(e.doc)));
            let ctx = contexts(&input, &label_kinds, &gazetteer);
            for i in 0..e.words.len() {
                let prev = i.checked_sub(1).map(|j| out[j]);
                let prev2 = i.checked_sub(2).map(|j| out[j]);
                input.features(
                    i,
                    &ctx[i],
                    label_value(prev),
                    label_value(prev2),
                    &mut feats,
                );
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
    let names = counts
        .total
        .keys()
        .filter_map(|&h| Some((h, counts.best(h, None)?)))
        .collect();
    Recognizer {
        model: trainer.finish(config.prune, config.max_weights),
        types,
        gazetteer: Gazetteer { names },
        label_kinds,
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
                EntitySpan {
                    words: 1..3,
                    kind: 0
                },
                EntitySpan {
                    words: 3..4,
                    kind: 1
                },
                EntitySpan {
                    words: 5..6,
                    kind: 1
                },
            ]
        );
        assert!(allowed(1, 2));
        assert!(!allowed(0, 2));
        assert!(!allowed(3, 2));
        assert!(allowed(2, 2));
    }
}
