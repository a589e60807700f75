//! Part-of-speech tagger: a greedy left-to-right averaged perceptron over joint `UPOS|XPOS`
//! classes, with word, affix, shape, context-word, previous-tag and tag-dictionary
//! ("ambiguity class") features, and a feature for the nouns of the project's agent list
//! (`data/actors/agents.txt`: "rebels", "militants", "troops"), which news uses far more than
//! the treebanks do. Closed-class tags (determiner, pronoun, adposition, auxiliary,
//! conjunctions, particle) are given at run time only to words that had them in training: a
//! word never seen as an auxiliary is not tagged one.
//!
//! A left-to-right tagger knows the words ahead but not their tags. A second pass, the
//! *revision*, re-tags the words the first pass was unsure of (a small margin between its best
//! and second-best tag) with features that also read the first pass's tags of the next two
//! words ([`Tagger::with_revision`]).

use std::collections::HashMap;

use annals_document::Upos;

use crate::Rng;
use crate::binio::{BinReader, BinWriter, FormatError};
use crate::perceptron::{
    HashKeyed, SparseModel, Trainer, ValueCounts, argmax, feature, feature2, feature3, mix,
};
use crate::words::{PAD, WordInfo};

/// One tag class: a UPOS and XPOS pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagPair {
    /// Universal tag.
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: String,
}

/// The trained tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagger {
    model: SparseModel,
    tags: Vec<TagPair>,
    /// Lower-cased word hash → hash of the set of tags it had in training (frequent words).
    ambiguity: HashKeyed<u64>,
    /// Lower-cased word hash → the closed classes ([`closed_bit`]) it had in training, for
    /// every word that had one; a word not listed may take no closed class.
    closed: HashKeyed<u8>,
    /// Lower-cased word hashes of the agent list's nouns, singular and plural (see
    /// [`agent_nouns`]).
    nouns: HashKeyed<u8>,
    /// Word hash (case kept) → tag, for frequent words that nearly always had that one tag in
    /// training (`sure_tags`): [`Tagger::tag`] gives them the tag without scoring.
    sure: HashKeyed<u16>,
    /// Whether the features read the words' Brown clusters ([`WordInfo::cluster`]).
    clusters: bool,
    /// Whether the features read the words' WordNet classes ([`WordInfo::word_class`]).
    word_classes: bool,
    /// The second pass, if trained.
    revision: Option<Revision>,
}

/// The tagger's second pass: a perceptron whose features are the first pass's plus the first
/// pass's tags of the next two words, applied to the words whose first-pass margin (best score
/// less second best) is below `below`. It shares the first pass's dictionaries.
#[derive(Debug, Clone, PartialEq)]
struct Revision {
    model: SparseModel,
    below: f32,
}

/// One word's tag from a pass, and how sure the pass was.
#[derive(Debug, Clone, Copy)]
struct Choice {
    tag: u16,
    /// Best score less the second best; infinite for a sure tag ([`Tagger::sure`]).
    margin: f32,
}

/// The nouns of agent phrases ("rebel", "security force", "policeman"): the last word of
/// each, in the singular and the plural, as lower-cased word hashes.
pub fn agent_nouns<'a>(phrases: impl IntoIterator<Item = &'a str>) -> HashKeyed<u8> {
    let mut out = HashKeyed::default();
    for phrase in phrases {
        let Some(last) = phrase.split_whitespace().last() else {
            continue;
        };
        let last = last.to_lowercase();
        out.insert(WordInfo::new(&last).lower, 1);
        for plural in annals_document::inflect::plurals(&last) {
            out.insert(WordInfo::new(&plural).lower, 1);
        }
    }
    out
}

/// The agent phrases of `actors/agents.txt` under a data directory (the aliases of its
/// `ALIAS | ALIAS = SECTOR` lines), and the file, if it was read.
pub fn read_agent_phrases(data: &std::path::Path) -> (Vec<String>, Option<std::path::PathBuf>) {
    let path = data.join("actors").join("agents.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return (Vec::new(), None);
    };
    let phrases = crate::ner::lexicon_aliases(&text)
        .map(str::to_string)
        .collect();
    (phrases, Some(path))
}

/// The bit of a closed word class in [`Tagger`]'s closed-class dictionary, or 0 for an open
/// class (which any word may take).
pub fn closed_bit(upos: Upos) -> u8 {
    match upos {
        Upos::Adp => 1,
        Upos::Aux => 2,
        Upos::Cconj => 4,
        Upos::Det => 8,
        Upos::Part => 16,
        Upos::Pron => 32,
        Upos::Sconj => 64,
        _ => 0,
    }
}

/// Previous-tag value before the sentence start.
const START: u64 = 0x0053_5441_5254;

fn tag_value(t: Option<u16>) -> u64 {
    t.map_or(START, |t| u64::from(t) + 1)
}

struct Context<'a> {
    words: &'a [WordInfo],
    ambiguity: &'a HashKeyed<u64>,
    nouns: &'a HashKeyed<u8>,
    clusters: bool,
    word_classes: bool,
    /// The first pass's tags of the sentence, when revising ([`Revision`]).
    first_pass: Option<&'a [u16]>,
}

impl Context<'_> {
    fn lower(&self, i: isize) -> u64 {
        usize::try_from(i)
            .ok()
            .and_then(|i| self.words.get(i))
            .map_or(PAD, |w| w.lower)
    }
    fn word(&self, i: isize) -> Option<&WordInfo> {
        usize::try_from(i).ok().and_then(|i| self.words.get(i))
    }
    fn is_agent_noun(&self, i: isize) -> bool {
        self.word(i)
            .is_some_and(|w| self.nouns.contains_key(&w.lower))
    }
    /// The word's cluster prefix `k` ([`crate::words::CLUSTER_PREFIXES`]); padding outside.
    fn cluster(&self, i: isize, k: usize) -> u64 {
        self.word(i).map_or(PAD, |w| w.cluster[k])
    }
    fn ambiguity(&self, i: isize) -> u64 {
        self.word(i)
            .map_or(PAD, |w| self.ambiguity.get(&w.lower).copied().unwrap_or(1))
    }

    fn features(&self, i: usize, prev: Option<u16>, prev2: Option<u16>, out: &mut Vec<u64>) {
        out.clear();
        let w = &self.words[i];
        let i = i as isize;
        let t1 = tag_value(prev);
        let t2 = tag_value(prev2);
        out.push(feature(0, 0));
        out.push(feature(1, w.lower));
        out.push(feature(2, w.form));
        for (k, s) in w.suffix.iter().enumerate() {
            out.push(feature(3 + k as u64, *s));
        }
        for (k, p) in w.prefix.iter().enumerate() {
            out.push(feature(7 + k as u64, *p));
        }
        out.push(feature(10, w.shape));
        // The six original flag bits only (bits 6–7, initial lower/upper case, are for the
        // recognizer): the tagger's features are unchanged by them.
        out.push(feature2(11, w.flags & 63, u64::from(i == 0)));
        out.push(feature(12, self.lower(i - 1)));
        out.push(feature(13, self.lower(i - 2)));
        out.push(feature(14, self.lower(i + 1)));
        out.push(feature(15, self.lower(i + 2)));
        out.push(feature(16, self.word(i - 1).map_or(PAD, |w| w.suffix[2])));
        out.push(feature(17, self.word(i + 1).map_or(PAD, |w| w.suffix[2])));
        out.push(feature(18, self.word(i + 1).map_or(PAD, |w| w.shape)));
        out.push(feature(19, t1));
        out.push(feature2(20, t1, t2));
        out.push(feature2(21, t1, w.lower));
        out.push(feature2(22, t1, w.suffix[2]));
        out.push(feature2(23, self.lower(i - 1), w.lower));
        out.push(feature2(24, w.lower, self.lower(i + 1)));
        out.push(feature(25, self.ambiguity(i)));
        out.push(feature(26, self.ambiguity(i + 1)));
        out.push(feature(27, self.ambiguity(i + 2)));
        out.push(feature2(28, t1, self.ambiguity(i)));
        out.push(feature3(29, t1, self.ambiguity(i), self.ambiguity(i + 1)));
        out.push(feature2(
            30,
            w.shape,
            self.word(i - 1).map_or(PAD, |w| w.shape),
        ));
        out.push(feature2(31, w.suffix[1], self.lower(i + 1)));
        out.push(feature(32, self.ambiguity(i - 1)));
        if self.is_agent_noun(i) {
            out.push(feature(33, 1));
        }
        if self.is_agent_noun(i + 1) {
            out.push(feature(34, 1));
        }
        if self.clusters {
            for (k, c) in w.cluster.iter().enumerate() {
                out.push(feature(35 + k as u64, *c));
            }
            out.push(feature(39, self.cluster(i - 1, 3)));
            out.push(feature(40, self.cluster(i + 1, 3)));
            out.push(feature(41, self.cluster(i + 1, 1)));
            out.push(feature(42, self.cluster(i - 1, 1)));
            out.push(feature2(43, t1, w.cluster[1]));
        }
        if self.word_classes {
            let class = |i: isize| self.word(i).map_or(PAD, |w| w.word_class);
            out.push(feature(44, w.word_class));
            out.push(feature2(45, w.word_class, w.flags & 3));
            out.push(feature2(46, t1, w.word_class));
            out.push(feature2(47, w.word_class, class(i + 1)));
            out.push(feature(48, class(i - 1)));
            out.push(feature(49, class(i + 1)));
        }
        if let Some(first) = self.first_pass {
            let ahead = |k: isize| {
                usize::try_from(i + k)
                    .ok()
                    .and_then(|j| first.get(j))
                    .map_or(PAD, |&t| u64::from(t) + 1)
            };
            out.push(feature(50, ahead(1)));
            out.push(feature2(51, ahead(1), ahead(2)));
            out.push(feature2(52, t1, ahead(1)));
            out.push(feature2(53, w.lower, ahead(1)));
            // (54 and 55 were the first pass's own tag, alone and with the next one: tried,
            // and dropped: the second pass then leaned on the first pass's guess.)
            out.push(feature2(56, self.ambiguity(i), ahead(1)));
        }
    }
}

impl Tagger {
    /// The tag classes.
    pub fn tags(&self) -> &[TagPair] {
        &self.tags
    }

    /// Tag a sentence; returns one class index (into [`Tagger::tags`]) per word. A closed
    /// class goes only to a word that had it in training.
    pub fn tag(&self, words: &[WordInfo]) -> Vec<u16> {
        let first = self.pass(&self.model, words, true, None);
        self.revise(words, first)
    }

    /// [`Tagger::tag`] many sentences: the first pass over all of them, then the second over
    /// all of them, so each pass's weights stay in the cache while it runs.
    pub fn tag_all(&self, sentences: &[Vec<WordInfo>]) -> Vec<Vec<u16>> {
        let first: Vec<Vec<Choice>> = sentences
            .iter()
            .map(|words| self.pass(&self.model, words, true, None))
            .collect();
        sentences
            .iter()
            .zip(first)
            .map(|(words, first)| self.revise(words, first))
            .collect()
    }

    /// Tag a sentence without the closed-class dictionary or the second pass: the first
    /// pass's choice alone. (Training tags the held-out folds this way, so the parser's
    /// training data does not depend on the dictionary.)
    pub fn tag_unconstrained(&self, words: &[WordInfo]) -> Vec<u16> {
        let first = self.pass(&self.model, words, false, None);
        first.into_iter().map(|c| c.tag).collect()
    }

    /// The tags after the second pass over the words the first pass (`first`) was unsure
    /// of; the first pass's tags when there is no second pass or no unsure word.
    fn revise(&self, words: &[WordInfo], first: Vec<Choice>) -> Vec<u16> {
        let tags: Vec<u16> = first.iter().map(|c| c.tag).collect();
        match &self.revision {
            Some(revision) if first.iter().any(|c| c.margin < revision.below) => self
                .pass(
                    &revision.model,
                    words,
                    true,
                    Some((&tags, &first, revision.below)),
                )
                .into_iter()
                .map(|c| c.tag)
                .collect(),
            _ => tags,
        }
    }

    /// One greedy left-to-right pass of `model` over the sentence. When revising
    /// (`revising` = the first pass's tags and choices, and the margin below which a word
    /// is re-tagged), a word the first pass was sure enough of keeps its tag unscored.
    fn pass(
        &self,
        model: &SparseModel,
        words: &[WordInfo],
        constrained: bool,
        revising: Option<(&[u16], &[Choice], f32)>,
    ) -> Vec<Choice> {
        let class_bits: Vec<u8> = self.tags.iter().map(|t| closed_bit(t.upos)).collect();
        let ctx = Context {
            words,
            ambiguity: &self.ambiguity,
            nouns: &self.nouns,
            clusters: self.clusters,
            word_classes: self.word_classes,
            first_pass: revising.map(|(tags, _, _)| tags),
        };
        let mut out: Vec<Choice> = Vec::with_capacity(words.len());
        let mut feats = Vec::with_capacity(48);
        let mut scores = vec![0.0f32; self.tags.len()];
        for (i, word) in words.iter().enumerate() {
            if let Some((_, first, below)) = revising
                && first[i].margin >= below
            {
                out.push(first[i]);
                continue;
            }
            if constrained && let Some(&tag) = self.sure.get(&word.form) {
                out.push(Choice {
                    tag,
                    margin: f32::INFINITY,
                });
                continue;
            }
            let prev = i.checked_sub(1).map(|j| out[j].tag);
            let prev2 = i.checked_sub(2).map(|j| out[j].tag);
            ctx.features(i, prev, prev2, &mut feats);
            scores.iter_mut().for_each(|s| *s = 0.0);
            model.score(&feats, &mut scores);
            let mut best = argmax(&scores);
            // The dictionary is looked up only when a closed class wins.
            if constrained && class_bits[best] != 0 {
                let allowed = self.closed.get(&word.lower).copied().unwrap_or(0);
                if allowed & class_bits[best] == 0 {
                    for (score, &bit) in scores.iter_mut().zip(&class_bits) {
                        if bit != 0 && allowed & bit == 0 {
                            *score = f32::NEG_INFINITY;
                        }
                    }
                    best = argmax(&scores);
                }
            }
            out.push(Choice {
                tag: best as u16,
                margin: margin(&scores, best),
            });
        }
        out
    }

    /// Add a second pass (`Revision`) trained on `data` with `first_pass`, a first pass's
    /// tags of every training sentence — jack-knifed, so that they have the errors a first
    /// pass makes on unseen text. At run time it re-tags the words whose first-pass margin is
    /// below `config.revise_below`; `revise_below <= 0` leaves the tagger as it is.
    pub fn with_revision(
        mut self,
        data: &[(Vec<WordInfo>, Vec<u16>)],
        first_pass: &[Vec<u16>],
        config: TaggerConfig,
    ) -> Tagger {
        if config.revise_below > 0.0 {
            let config = TaggerConfig {
                clusters: self.clusters,
                word_classes: self.word_classes,
                ..config
            };
            let model = learn(
                &self.ambiguity,
                &self.nouns,
                self.tags.len(),
                data,
                Some(first_pass),
                config,
            );
            self.revision = Some(Revision {
                model,
                below: config.revise_below,
            });
        }
        self
    }

    /// Whether the tagger has a second pass ([`Tagger::with_revision`]).
    pub fn revises(&self) -> bool {
        self.revision.is_some()
    }

    /// Change the margin below which the second pass re-tags a word (0 turns it off; no
    /// effect on a tagger without one).
    pub fn set_revise_below(&mut self, below: f32) {
        if let Some(revision) = &mut self.revision {
            revision.below = below;
        }
    }

    /// `(present buckets, stored weights)` of the weight table.
    pub fn counts(&self) -> (usize, usize) {
        self.model.counts()
    }

    /// Size of the weights in bytes.
    pub fn byte_size(&self) -> usize {
        self.model.byte_size()
            + self.revision.as_ref().map_or(0, |r| r.model.byte_size())
            + self.ambiguity.len() * 16
            + self.closed.len() * 9
            + self.nouns.len() * 9
            + self.sure.len() * 10
    }

    pub(crate) fn write(&self, w: &mut BinWriter) {
        w.u32(self.tags.len() as u32);
        for t in &self.tags {
            w.str(t.upos.as_str());
            w.str(&t.xpos);
        }
        w.u32(
            u32::from(self.clusters)
                | (u32::from(self.word_classes) << 1)
                | (u32::from(self.revision.is_some()) << 2),
        );
        w.keyed(&self.ambiguity);
        w.keyed(&self.closed);
        w.keyed(&self.sure);
        let mut nouns: Vec<u64> = self.nouns.keys().copied().collect();
        nouns.sort_unstable();
        w.u64s(&nouns);
        self.model.write(w);
        if let Some(revision) = &self.revision {
            w.f32(revision.below);
            revision.model.write(w);
        }
    }

    pub(crate) fn read(r: &mut BinReader) -> Result<Tagger, FormatError> {
        let n = r.u32()? as usize;
        let mut tags = Vec::with_capacity(n.min(1024));
        for _ in 0..n {
            let upos = r.str()?;
            let upos = Upos::parse(&upos).ok_or_else(|| r.error("unknown UPOS"))?;
            let xpos = r.str()?;
            tags.push(TagPair { upos, xpos });
        }
        let flags = r.u32()?;
        let (clusters, word_classes, revises) = (flags & 1 != 0, flags & 2 != 0, flags & 4 != 0);
        let ambiguity = r.keyed("tag dictionary lengths differ")?;
        let closed = r.keyed("closed-class dictionary lengths differ")?;
        let sure = r.keyed("sure-tag dictionary lengths differ")?;
        let nouns = r.u64s()?.into_iter().map(|k| (k, 1)).collect();
        let model = SparseModel::read(r)?;
        if model.classes() != tags.len() {
            return Err(r.error("tagger classes differ from its tag list"));
        }
        let revision = if revises {
            let below = r.f32()?;
            let model = SparseModel::read(r)?;
            if model.classes() != tags.len() {
                return Err(r.error("revision classes differ from the tag list"));
            }
            Some(Revision { model, below })
        } else {
            None
        };
        if sure.values().any(|&t| usize::from(t) >= tags.len()) {
            return Err(r.error("sure-tag dictionary names a tag the tagger lacks"));
        }
        Ok(Tagger {
            model,
            tags,
            ambiguity,
            closed,
            nouns,
            sure,
            clusters,
            word_classes,
            revision,
        })
    }
}

/// The best score less the second best.
fn margin(scores: &[f32], best: usize) -> f32 {
    let second = scores
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != best)
        .fold(f32::NEG_INFINITY, |m, (_, &v)| m.max(v));
    scores[best] - second
}

/// Settings for training the tagger.
#[derive(Debug, Clone, Copy)]
pub struct TaggerConfig {
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
    /// Read the words' Brown clusters (when the training has a cluster table).
    pub clusters: bool,
    /// Read the words' WordNet classes (when the training's cluster table has them).
    pub word_classes: bool,
    /// A word form seen at least this many times in training …
    pub sure_min_count: u32,
    /// … with one tag at least this share of the time is given that tag without scoring
    /// (`sure_tags`). A share above 1 turns the shortcut off.
    pub sure_min_share: f32,
    /// The second pass ([`Tagger::with_revision`]) re-tags the words whose first-pass margin
    /// is below this (in score units); 0 trains no second pass.
    pub revise_below: f32,
}

impl Default for TaggerConfig {
    fn default() -> Self {
        TaggerConfig {
            epochs: 10,
            bits: 20,
            prune: 0.05,
            max_weights: 4_000_000,
            seed: 7,
            clusters: true,
            word_classes: true,
            sure_min_count: 20,
            sure_min_share: 0.99,
            revise_below: 20.0,
        }
    }
}

/// The tag classes for a training set: every `UPOS|XPOS` pair seen at least twice, and the
/// most frequent pair of each rarer XPOS, ordered by frequency.
pub fn tag_classes(pairs: impl Iterator<Item = (Upos, String)>) -> Vec<TagPair> {
    let mut counts: HashMap<(Upos, String), usize> = HashMap::new();
    for p in pairs {
        *counts.entry(p).or_default() += 1;
    }
    let mut v: Vec<((Upos, String), usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.1.cmp(&b.0.1))
            .then_with(|| a.0.0.as_str().cmp(b.0.0.as_str()))
    });
    // Pairs seen at least twice, plus the most frequent pair of every XPOS not yet covered
    // (so each XPOS can be predicted).
    let mut chosen: Vec<&((Upos, String), usize)> = v.iter().filter(|(_, c)| *c >= 2).collect();
    for pair in &v {
        if !chosen.iter().any(|c| c.0.1 == pair.0.1) {
            chosen.push(pair);
        }
    }
    chosen
        .into_iter()
        .map(|((upos, xpos), _)| TagPair {
            upos: *upos,
            xpos: xpos.clone(),
        })
        .collect()
}

/// The class of a gold pair: exact match, else the most frequent class with the same XPOS,
/// else with the same UPOS, else class 0.
pub fn class_of(tags: &[TagPair], upos: Upos, xpos: &str) -> u16 {
    tags.iter()
        .position(|t| t.upos == upos && t.xpos == xpos)
        .or_else(|| tags.iter().position(|t| t.xpos == xpos))
        .or_else(|| tags.iter().position(|t| t.upos == upos))
        .unwrap_or(0) as u16
}

/// Train a tagger on sentences given as word attributes and gold class indices, with the
/// agent list's nouns ([`agent_nouns`]; empty for none).
pub fn train(
    data: &[(Vec<WordInfo>, Vec<u16>)],
    tags: Vec<TagPair>,
    nouns: HashKeyed<u8>,
    config: TaggerConfig,
) -> Tagger {
    let ambiguity = ambiguity_classes(data);
    let model = learn(&ambiguity, &nouns, tags.len(), data, None, config);
    Tagger {
        model,
        ambiguity,
        closed: closed_classes(data, &tags),
        nouns,
        sure: sure_tags(data, config.sure_min_count, config.sure_min_share),
        tags,
        clusters: config.clusters,
        word_classes: config.word_classes,
        revision: None,
    }
}

/// Train a pass's weights over the tagger's dictionaries: the first pass's (`first_pass`
/// none) or the revision's.
fn learn(
    ambiguity: &HashKeyed<u64>,
    nouns: &HashKeyed<u8>,
    classes: usize,
    data: &[(Vec<WordInfo>, Vec<u16>)],
    first_pass: Option<&[Vec<u16>]>,
    config: TaggerConfig,
) -> SparseModel {
    let mut trainer = Trainer::new(classes, config.bits);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(config.seed);
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0.0f32; classes];
    for _epoch in 0..config.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (words, gold) = &data[s];
            let ctx = Context {
                words,
                ambiguity,
                nouns,
                clusters: config.clusters,
                word_classes: config.word_classes,
                first_pass: first_pass.map(|f| f[s].as_slice()),
            };
            let mut predicted: Vec<u16> = Vec::with_capacity(words.len());
            #[allow(clippy::needless_range_loop)]
            for i in 0..words.len() {
                let prev = i.checked_sub(1).map(|j| predicted[j]);
                let prev2 = i.checked_sub(2).map(|j| predicted[j]);
                ctx.features(i, prev, prev2, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                trainer.score(&feats, &mut scores);
                let guess = argmax(&scores);
                trainer.learn(&feats, gold[i] as usize, guess);
                trainer.tick();
                predicted.push(guess as u16);
            }
        }
    }
    trainer.finish(config.prune, config.max_weights)
}

/// The closed classes each word had in training (words with none are left out).
fn closed_classes(data: &[(Vec<WordInfo>, Vec<u16>)], tags: &[TagPair]) -> HashKeyed<u8> {
    let mut out = HashKeyed::default();
    for (words, gold) in data {
        for (w, &t) in words.iter().zip(gold) {
            let bit = tags.get(usize::from(t)).map_or(0, |t| closed_bit(t.upos));
            if bit != 0 {
                *out.entry(w.lower).or_insert(0) |= bit;
            }
        }
    }
    out
}

/// The words (case kept) seen at least `min_count` times in `data` with one tag at least
/// `min_share` of the time, and that tag. Tagging them without the perceptron saves its work
/// on the most frequent words ("the", "of", "said") and changes almost no tag.
fn sure_tags(data: &[(Vec<WordInfo>, Vec<u16>)], min_count: u32, min_share: f32) -> HashKeyed<u16> {
    let mut counts = ValueCounts::default();
    for (words, gold) in data {
        for (w, &t) in words.iter().zip(gold) {
            counts.add(w.form, t);
        }
    }
    counts.dominant(min_count, min_share)
}

/// Tag sets of words seen at least 3 times, hashed.
fn ambiguity_classes(data: &[(Vec<WordInfo>, Vec<u16>)]) -> HashKeyed<u64> {
    let mut seen: HashMap<u64, (u32, Vec<u16>)> = HashMap::new();
    for (words, gold) in data {
        for (w, &t) in words.iter().zip(gold) {
            let e = seen.entry(w.lower).or_default();
            e.0 += 1;
            if !e.1.contains(&t) {
                e.1.push(t);
            }
        }
    }
    seen.into_iter()
        .filter(|(_, (n, _))| *n >= 3)
        .map(|(k, (_, mut tags))| {
            tags.sort_unstable();
            let h = tags.iter().fold(0xA3B1u64, |h, &t| mix(h, u64::from(t)));
            (k, h)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::infos;

    fn pair(upos: Upos, xpos: &str) -> TagPair {
        TagPair {
            upos,
            xpos: xpos.to_string(),
        }
    }

    /// Training sentences: word attributes and gold classes.
    type Sentences = Vec<(Vec<WordInfo>, Vec<u16>)>;

    /// Training data where nearly every word is a determiner, so the perceptron's bias says
    /// "determiner" for any unknown word.
    fn determiner_heavy() -> (Sentences, Vec<TagPair>) {
        let tags = vec![pair(Upos::Det, "DT"), pair(Upos::Noun, "NN")];
        let mut data = Vec::new();
        for _ in 0..20 {
            data.push((infos(&["the", "a", "this", "that"]), vec![0, 0, 0, 0]));
        }
        data.push((infos(&["the", "dog"]), vec![0, 1]));
        (data, tags)
    }

    #[test]
    fn the_second_pass_reads_the_first_pass_tags_ahead() {
        // "mark" is a noun when "fil" is an adjective and a verb when "fil" is an adverb;
        // "fil"'s tag depends on the last word, which a left-to-right pass at "mark" does
        // not see (it reads two words ahead), but the pass at "fil" does.
        let tags = vec![
            pair(Upos::Noun, "NN"),
            pair(Upos::Verb, "VB"),
            pair(Upos::Adj, "JJ"),
            pair(Upos::Adv, "RB"),
            pair(Upos::X, "FW"),
        ];
        let noun_case = (infos(&["mark", "fil", "ro", "zed"]), vec![0, 2, 4, 4]);
        let verb_case = (infos(&["mark", "fil", "ro", "yel"]), vec![1, 3, 4, 4]);
        let data: Sentences = (0..40)
            .map(|i| {
                if i % 2 == 0 {
                    noun_case.clone()
                } else {
                    verb_case.clone()
                }
            })
            .collect();
        let gold_first_pass: Vec<Vec<u16>> = data.iter().map(|(_, g)| g.clone()).collect();
        let config = TaggerConfig {
            revise_below: 1e9,
            ..TaggerConfig::default()
        };
        let first_only = train(&data, tags.clone(), HashKeyed::default(), config);
        assert!(!first_only.revises());
        let mut tagger = first_only
            .clone()
            .with_revision(&data, &gold_first_pass, config);
        assert!(tagger.revises());
        let marks = |t: &Tagger| [t.tag(&noun_case.0)[0], t.tag(&verb_case.0)[0]];
        // One pass cannot tell the two "mark"s apart …
        let [a, b] = marks(&first_only);
        assert_eq!(a, b);
        // … the second pass can, and it runs as one call over many sentences too.
        assert_eq!(marks(&tagger), [0, 1]);
        let both = [noun_case.0.clone(), verb_case.0.clone()];
        assert_eq!(
            tagger.tag_all(&both),
            vec![noun_case.1.clone(), verb_case.1.clone()]
        );
        // It survives writing, and a threshold of 0 turns it off.
        let mut w = BinWriter::default();
        tagger.write(&mut w);
        let bytes = w.into_bytes();
        let read = Tagger::read(&mut BinReader::new(&bytes)).expect("reads back");
        assert!(read.revises());
        assert_eq!(marks(&read), [0, 1]);
        tagger.set_revise_below(0.0);
        assert_eq!(marks(&tagger), marks(&first_only));
    }

    #[test]
    fn closed_classes_go_only_to_words_seen_with_them() {
        let (data, tags) = determiner_heavy();
        let tagger = train(&data, tags, HashKeyed::default(), TaggerConfig::default());
        let words = infos(&["zorble", "the", "quix"]);
        let free = tagger.tag_unconstrained(&words);
        let tagged = tagger.tag(&words);
        let upos = |t: &[u16]| {
            t.iter()
                .map(|&c| tagger.tags()[usize::from(c)].upos)
                .collect::<Vec<_>>()
        };
        // Left to itself the perceptron calls the unknown words determiners …
        assert_eq!(upos(&free)[0], Upos::Det);
        // … the dictionary gives them the open class, and keeps "the" a determiner.
        assert_eq!(upos(&tagged), vec![Upos::Noun, Upos::Det, Upos::Noun]);
    }

    #[test]
    fn agent_nouns_are_singular_and_plural_last_words() {
        let nouns = agent_nouns(["rebel", "security force", "policeman", "Militia"]);
        for w in ["rebel", "rebels", "force", "forces", "policemen", "militia"] {
            assert!(nouns.contains_key(&WordInfo::new(w).lower), "{w}");
        }
        assert!(!nouns.contains_key(&WordInfo::new("security").lower));
    }

    #[test]
    fn a_listed_noun_leans_to_noun_where_the_context_says_verb() {
        // After "they", words ending in -s are verbs, except the listed nouns, each seen
        // once (so their own word features cannot carry them).
        let tags = vec![
            pair(Upos::Pron, "PRP"),
            pair(Upos::Verb, "VBZ"),
            pair(Upos::Noun, "NNS"),
        ];
        let mut data = Vec::new();
        let verbs = [
            "runs", "walks", "talks", "sings", "jumps", "swims", "reads", "writes", "cooks",
            "drives", "paints", "plays", "sleeps", "works", "laughs", "cries",
        ];
        for verb in verbs {
            for _ in 0..2 {
                data.push((infos(&["they", verb]), vec![0, 1]));
            }
        }
        let listed = [
            "troop",
            "soldier",
            "militant",
            "fighter",
            "guerrilla",
            "insurgent",
            "protester",
            "villager",
            "official",
            "diplomat",
            "gunman",
            "jihadist",
            "refugee",
            "resident",
            "activist",
            "minister",
            "policeman",
            "lawmaker",
            "judge",
            "monitor",
        ];
        for noun in listed {
            data.push((infos(&["they", &format!("{noun}s")]), vec![0, 2]));
        }
        let nouns = agent_nouns(listed.iter().copied().chain(["rebel"]));
        let with_list = train(&data, tags.clone(), nouns, TaggerConfig::default());
        let without = train(&data, tags, HashKeyed::default(), TaggerConfig::default());
        let words = infos(&["they", "rebels"]);
        // How much more the tagger says NOUN than VERB for "rebels" after "they".
        let noun_margin = |tagger: &Tagger| {
            let ctx = Context {
                words: &words,
                ambiguity: &tagger.ambiguity,
                nouns: &tagger.nouns,
                clusters: tagger.clusters,
                word_classes: tagger.word_classes,
                first_pass: None,
            };
            let mut feats = Vec::new();
            ctx.features(1, Some(0), None, &mut feats);
            let mut scores = vec![0.0f32; 3];
            tagger.model.score(&feats, &mut scores);
            scores[2] - scores[1]
        };
        assert!(
            noun_margin(&with_list) > noun_margin(&without) + 1.0,
            "{} vs {}",
            noun_margin(&with_list),
            noun_margin(&without)
        );
        // The list is kept in the model file.
        let mut w = BinWriter::default();
        with_list.write(&mut w);
        let bytes = w.into_bytes();
        let back = Tagger::read(&mut BinReader::new(&bytes)).unwrap();
        assert_eq!(back.nouns, with_list.nouns);
        assert_eq!(back.tag(&words), with_list.tag(&words));
    }

    #[test]
    fn closed_class_dictionary_survives_writing() {
        let (data, tags) = determiner_heavy();
        let tagger = train(&data, tags, HashKeyed::default(), TaggerConfig::default());
        let mut w = BinWriter::default();
        tagger.write(&mut w);
        let bytes = w.into_bytes();
        let back = Tagger::read(&mut BinReader::new(&bytes)).unwrap();
        assert_eq!(back.closed, tagger.closed);
        assert_eq!(
            back.closed.get(&WordInfo::new("that").lower),
            Some(&closed_bit(Upos::Det))
        );
        assert_eq!(back.closed.get(&WordInfo::new("dog").lower), None);
    }

    #[test]
    fn sure_tags_are_frequent_words_with_one_tag() {
        let tags = vec![
            pair(Upos::Det, "DT"),
            pair(Upos::Noun, "NN"),
            pair(Upos::Verb, "VB"),
        ];
        let mut data = Vec::new();
        // "the" 30 times a determiner; "run" 15 times a noun and 15 times a verb; "cat" 5
        // times a noun.
        for k in 0..30 {
            let run = if k % 2 == 0 { 1 } else { 2 };
            data.push((infos(&["the", "run"]), vec![0, run]));
        }
        for _ in 0..5 {
            data.push((infos(&["cat"]), vec![1]));
        }
        let sure = sure_tags(&data, 20, 0.99);
        assert_eq!(sure.get(&WordInfo::new("the").form), Some(&0));
        assert_eq!(sure.get(&WordInfo::new("run").form), None, "two tags");
        assert_eq!(sure.get(&WordInfo::new("cat").form), None, "too rare");
        // The shortcut keys on the form as written: "The" was never seen.
        assert_eq!(sure.get(&WordInfo::new("The").form), None);
        assert!(
            sure_tags(&data, 20, 1.5).is_empty(),
            "a share above 1 turns it off"
        );
        // A trained tagger keeps the table through writing and reading, and uses it.
        let tagger = train(&data, tags, HashKeyed::default(), TaggerConfig::default());
        let mut w = BinWriter::default();
        tagger.write(&mut w);
        let bytes = w.into_bytes();
        let back = Tagger::read(&mut BinReader::new(&bytes)).expect("reads");
        assert_eq!(back.sure, tagger.sure);
        assert_eq!(back.tag(&infos(&["the"])), vec![0]);
    }
}
