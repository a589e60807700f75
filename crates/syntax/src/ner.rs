//! Named-entity recognizer: BIO tagging with a structured (first-order, Viterbi-decoded)
//! averaged perceptron over word, shape, affix, POS, dependency, name-list and previous-label
//! features. Trained on GUM's entity mentions whose
//! syntactic head is a proper noun (the outermost such mention where they nest), with GUM's
//! types (person, organization, place, time, event, object, abstract, …).

use std::collections::HashMap;
use std::ops::Range;

use crate::Rng;
use crate::binio::{BinReader, BinWriter, FormatError};
use crate::perceptron::{
    HashKeyed, SparseModel, Trainer, ValueCounts, argmax, feature, feature2, feature3,
    learn_shuffles, mix,
};
use crate::words::{NO_VECTOR_CLASS, PAD, WordInfo};

const OUTSIDE: usize = 0;

/// log2 of the span typer's hash buckets while training.
const TYPER_BITS: u32 = 18;

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
    /// Words of names → their most frequent type.
    words: HashKeyed<u16>,
}

/// Longest name the gazetteer matches, in words.
const MAX_NAME: usize = 6;

/// Hash of a name's words before any word is mixed in.
const NAME_SEED: u64 = 0x6e61_6d65;

fn name_hash(words: &[WordInfo]) -> u64 {
    words.iter().fold(NAME_SEED, |h, w| mix(h, w.form))
}

/// For each of `K` name lists, per word: the position in the longest name covering it
/// (B/I/L/U) mixed with that name's value, or `PAD`. `lookup` gives, for a name hash, the
/// value in each list (`None` where the name is not in that list), or `None` for no list.
/// Every candidate name is hashed once (word by word) and looked up once for all lists.
fn longest_matches<const K: usize>(
    words: &[WordInfo],
    lookup: impl Fn(u64) -> Option<[Option<u16>; K]>,
) -> [Vec<u64>; K] {
    let n = words.len();
    let mut best: [Vec<(usize, u64)>; K] = std::array::from_fn(|_| vec![(0, PAD); n]);
    for start in 0..n {
        // Names start with a capital letter, a digit or a symbol: skip lower-case words.
        if words[start].flags & 64 != 0 {
            continue;
        }
        let mut hash = NAME_SEED;
        for len in 1..=MAX_NAME.min(n - start) {
            hash = mix(hash, words[start + len - 1].form);
            let Some(values) = lookup(hash) else {
                continue;
            };
            for (list, value) in best.iter_mut().zip(values) {
                let Some(value) = value else {
                    continue;
                };
                for (k, slot) in list[start..start + len].iter_mut().enumerate() {
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
                        *slot = (len, mix(code, u64::from(value)));
                    }
                }
            }
        }
    }
    best.map(|list| list.into_iter().map(|(_, v)| v).collect())
}

impl Gazetteer {
    /// Per-word gazetteer value: position in the longest match (B/I/L/U) and its type, or
    /// `PAD`. `lookup` gives the type of a name hash.
    fn values(words: &[WordInfo], lookup: impl Fn(u64) -> Option<u16>) -> Vec<u64> {
        let [values] = longest_matches(words, |h| lookup(h).map(|kind| [Some(kind)]));
        values
    }
}

/// Names from the project's own lists (`data/places/*.tsv`, `data/actors/*.txt`) and from
/// outside name lists (towns, given names, surnames; see [`Lexicon::read_outside_lists`]),
/// read at training time and stored in the model: case-sensitive token sequences with a bit
/// set of the lists they come from (see [`LEXICON_KINDS`]). The two groups give separate
/// features, so the big outside lists do not blur the project's curated ones.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lexicon {
    names: HashKeyed<u16>,
    /// Words of the names → bit set: kind × (first word, last word, other).
    words: HashKeyed<u16>,
}

/// The aliases of an actor lexicon file's entry lines (`ALIAS | ALIAS … = CODE …`; comments
/// and `[section]` headers skipped), in file order.
pub(crate) fn lexicon_aliases(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.starts_with('['))
        .filter_map(|l| l.split_once('=').map(|(aliases, _)| aliases))
        .flat_map(|aliases| aliases.split('|').map(str::trim))
        .filter(|a| !a.is_empty())
}

/// The lists a [`Lexicon`] name can come from, as bit numbers. The project's own lists:
/// countries, regions and capitals (`place`), office holders (`person`), international
/// organisations and armed groups (`organization`), places that stand for institutions
/// (`metonym`), demonyms (`demonym`). From [`OUTSIDE_KINDS_FROM`] on, the outside lists:
/// towns and cities (`town`), given names (`given`), surnames (`surname`).
pub const LEXICON_KINDS: [&str; 8] = [
    "place",
    "person",
    "organization",
    "metonym",
    "demonym",
    "town",
    "given",
    "surname",
];

/// The first bit of [`LEXICON_KINDS`] that names an outside list.
pub const OUTSIDE_KINDS_FROM: usize = 5;

/// Bits of the project's own lists in a lexicon value.
const OWN_KINDS_MASK: u16 = (1 << OUTSIDE_KINDS_FROM) - 1;

impl Lexicon {
    /// A lexicon from `(name, kind)` pairs (`kind` indexes [`LEXICON_KINDS`]). Names are split
    /// on white space; a leading "the" is dropped (names are cut without their determiner).
    pub fn new<'a>(entries: impl IntoIterator<Item = (&'a str, usize)>) -> Lexicon {
        let mut names: HashKeyed<u16> = HashKeyed::default();
        let mut word_bits: HashKeyed<u16> = HashKeyed::default();
        for (name, kind) in entries {
            let mut words: Vec<&str> = name.split_whitespace().collect();
            if words.len() > 1 && matches!(words[0], "the" | "The") {
                words.remove(0);
            }
            if words.is_empty() || words.len() > MAX_NAME || kind >= 16 {
                continue;
            }
            let infos = crate::words::infos(&words);
            *names.entry(name_hash(&infos)).or_default() |= 1 << kind;
            if kind < OUTSIDE_KINDS_FROM {
                for (k, w) in infos.iter().enumerate() {
                    let position = if k == 0 {
                        0
                    } else if k + 1 == infos.len() {
                        1
                    } else {
                        2
                    };
                    *word_bits.entry(w.form).or_default() |= 1 << (3 * kind + position);
                }
            }
        }
        Lexicon {
            names,
            words: word_bits,
        }
    }

    /// Read the name lists under a data directory (`places/countries.tsv`,
    /// `places/regions.tsv`, `actors/{people,igos,armed-groups,metonyms}.txt`); missing files
    /// are skipped. Returns the entries and the files read.
    pub fn read_lists(data: &std::path::Path) -> (Vec<(String, usize)>, Vec<std::path::PathBuf>) {
        let mut entries = Vec::new();
        let mut files = Vec::new();
        let place = 0;
        let demonym = 4;
        for (file, name_col, alias_col, demonym_col, capital_col) in [
            ("places/countries.tsv", 3, 4, 5, Some(6)),
            ("places/regions.tsv", 1, 2, 3, None),
        ] {
            let path = data.join(file);
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            files.push(path);
            for line in text.lines().skip_while(|l| l.starts_with('#')).skip(1) {
                let cols: Vec<&str> = line.split('\t').collect();
                let col = |k: usize| cols.get(k).copied().unwrap_or("");
                let mut add = |field: &str, kind: usize| {
                    for name in field.split('|').map(str::trim).filter(|n| !n.is_empty()) {
                        entries.push((name.to_string(), kind));
                    }
                };
                add(col(name_col), place);
                add(col(alias_col), place);
                add(col(demonym_col), demonym);
                if let Some(c) = capital_col {
                    add(col(c), place);
                }
            }
        }
        for (file, kind) in [
            ("actors/people.txt", 1),
            ("actors/igos.txt", 2),
            ("actors/armed-groups.txt", 2),
            ("actors/metonyms.txt", 3),
        ] {
            let path = data.join(file);
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            files.push(path);
            entries.extend(lexicon_aliases(&text).map(|name| (name.to_string(), kind)));
        }
        (entries, files)
    }

    /// Read an outside name list file: `name<TAB>list` lines, `list` one of the outside
    /// kinds of [`LEXICON_KINDS`] (`town`, `given`, `surname`); `#` starts a comment line.
    /// `scripts/clusters/fetch.sh` writes such a file from GeoNames and the US census.
    pub fn read_outside_lists(text: &str) -> Result<Vec<(String, usize)>, String> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let kind = line
                .split_once('\t')
                .and_then(|(name, list)| {
                    let kind = LEXICON_KINDS.iter().position(|k| *k == list)?;
                    (kind >= OUTSIDE_KINDS_FROM && !name.trim().is_empty())
                        .then(|| (name.trim().to_string(), kind))
                })
                .ok_or_else(|| {
                    format!(
                        "line {}: expected `name<TAB>list` with list one of {}",
                        n + 1,
                        LEXICON_KINDS[OUTSIDE_KINDS_FROM..].join(", ")
                    )
                })?;
            entries.push(kind);
        }
        Ok(entries)
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Per-word values computed once per sentence: gazetteer and lexicon matches, the case marker
/// and relation of the word's name phrase, the phrase's governor, and the run of capitalised
/// words the word is in.
struct WordContext {
    gazetteer: u64,
    lexicon: u64,
    outside_lists: u64,
    case: u64,
    phrase_rel: u64,
    governor: u64,
    is_phrase_head: u64,
    phrase_head: u64,
    run_pos: u64,
    run_last: u64,
    word_value: u64,
    prev_word_value: u64,
    next_word_value: u64,
}

fn contexts(
    input: &NerInput,
    kinds: &[u8],
    gazetteer: &[u64],
    lexicon: &LexiconValues,
    word_values: &[u64],
) -> Vec<WordContext> {
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
    // Runs of capitalised words (title case or all caps).
    let capital = |i: usize| input.words[i].flags & 128 != 0;
    let mut run_pos = vec![0u64; n];
    let mut run_last = vec![PAD; n];
    let mut i = 0;
    while i < n {
        if !capital(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && capital(i) {
            i += 1;
        }
        for k in start..i {
            run_pos[k] = if i - start == 1 {
                1
            } else if k == start {
                2
            } else if k + 1 == i {
                4
            } else {
                3
            };
            run_last[k] = input.words[i - 1].lower;
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
                lexicon: lexicon.own[i],
                outside_lists: lexicon.outside[i],
                case: case_of[ph],
                phrase_rel: u64::from(input.labels[ph]),
                governor: input.heads[ph].map_or(PAD, |g| input.words[g as usize].lower),
                is_phrase_head: u64::from(ph == i),
                phrase_head: input.words[ph].form,
                run_pos: run_pos[i],
                run_last: run_last[i],
                word_value: word_values[i],
                prev_word_value: i.checked_sub(1).map_or(PAD, |j| word_values[j]),
                next_word_value: word_values.get(i + 1).copied().unwrap_or(PAD),
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
    fn shape(&self, i: isize) -> u64 {
        self.word(i).map_or(PAD, |w| w.shape)
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

    /// Features of word `i` that do not depend on the previous label.
    fn emission(&self, i: usize, ctx: &WordContext, clusters: bool, out: &mut Vec<u64>) {
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
        for (k, s) in w.suffix.iter().enumerate() {
            out.push(feature(5 + k as u64, *s));
        }
        for (k, p) in w.prefix.iter().enumerate() {
            out.push(feature(9 + k as u64, *p));
        }
        out.push(feature(12, t0));
        out.push(feature2(13, t0, self.tag(i - 1)));
        out.push(feature2(14, t0, self.tag(i + 1)));
        out.push(feature(15, self.lower(i - 1)));
        out.push(feature(16, self.lower(i + 1)));
        out.push(feature(17, self.lower(i - 2)));
        out.push(feature(18, self.lower(i + 2)));
        out.push(feature(19, self.form(i - 1)));
        out.push(feature(20, self.form(i + 1)));
        out.push(feature(21, rel));
        out.push(feature2(22, rel, head_word));
        out.push(feature3(23, rel, head_tag, t0));
        out.push(feature2(24, w.lower, self.lower(i + 1)));
        out.push(feature2(25, self.lower(i - 1), w.lower));
        out.push(feature2(26, self.shape(i + 1), w.shape));
        out.push(feature2(27, self.shape(i - 1), w.shape));
        out.push(feature(28, ctx.gazetteer));
        out.push(feature(29, ctx.case));
        out.push(feature2(30, ctx.phrase_rel, ctx.governor));
        out.push(feature3(31, ctx.phrase_rel, ctx.case, ctx.is_phrase_head));
        out.push(feature2(32, ctx.case, w.shape));
        out.push(feature2(33, ctx.governor, w.lower));
        out.push(feature(34, ctx.phrase_head));
        out.push(feature2(35, ctx.phrase_head, ctx.case));
        out.push(feature(36, ctx.lexicon));
        out.push(feature2(37, ctx.lexicon, ctx.gazetteer));
        out.push(feature2(38, ctx.run_last, ctx.run_pos));
        out.push(feature2(39, ctx.lexicon, w.shape));
        out.push(feature2(40, self.lower(i - 1), w.shape));
        out.push(feature2(41, self.lower(i + 1), w.shape));
        out.push(feature3(42, self.lower(i - 2), self.lower(i - 1), w.shape));
        out.push(feature2(43, ctx.run_last, ctx.case));
        out.push(feature(44, ctx.word_value));
        out.push(feature2(45, ctx.word_value, ctx.prev_word_value));
        out.push(feature2(46, ctx.word_value, ctx.next_word_value));
        out.push(feature2(47, ctx.word_value, w.shape));
        out.push(feature(48, ctx.outside_lists));
        out.push(feature2(49, ctx.outside_lists, w.shape));
        if clusters {
            for (k, c) in w.cluster.iter().enumerate() {
                out.push(feature(61 + k as u64, *c));
            }
            let c = |i: isize, k: usize| self.word(i).map_or(PAD, |w| w.cluster[k]);
            out.push(feature(65, c(i - 1, 3)));
            out.push(feature(66, c(i + 1, 3)));
            out.push(feature2(67, w.cluster[2], w.shape));
            out.push(feature2(68, w.cluster[3], ctx.case));
        }
        // Vector classes (format 14), only for words that have one, so that a model without
        // them scores as before.
        if w.vector_class[0] != NO_VECTOR_CLASS {
            out.push(feature(70, w.vector_class[0]));
            out.push(feature(71, w.vector_class[1]));
            out.push(feature2(72, w.vector_class[0], w.shape));
            out.push(feature2(75, w.vector_class[1], ctx.case));
        }
        for (template, j) in [(73, i - 1), (74, i + 1)] {
            if let Some(class) = self.vector_class(j, 1) {
                out.push(feature(template, class));
            }
        }
    }

    /// Features of a whole name for the span typer: its words and their usual types in
    /// training, its first and last words, the whole name, its length, the last word's
    /// suffix, the shapes of its ends, the words around it, the case marker, relation and
    /// governor of its head word (its first word whose head lies outside it), name-list
    /// matches, the clusters of its last word and of its governor, and the vector classes of
    /// its words, its last word, its head word and the head's governor.
    fn span_features(
        &self,
        ctx: &[WordContext],
        span: Range<usize>,
        clusters: bool,
        out: &mut Vec<u64>,
    ) {
        out.clear();
        let (first, last) = (span.start, span.end - 1);
        let head = name_head(self.heads, &span);
        let words = &self.words[span.clone()];
        let c = &ctx[head];
        let (before, after) = (first as isize - 1, span.end as isize);
        out.push(feature(0, 0));
        for (w, x) in words.iter().zip(&ctx[span.clone()]) {
            out.push(feature(1, w.lower));
            out.push(feature(2, x.word_value));
        }
        out.push(feature(3, words[words.len() - 1].form));
        out.push(feature(4, words[0].form));
        out.push(feature(5, name_hash(words)));
        out.push(feature(6, words.len().min(4) as u64));
        out.push(feature(7, self.words[last].suffix[2]));
        out.push(feature2(8, self.words[first].shape, self.words[last].shape));
        out.push(feature(9, self.lower(before)));
        out.push(feature2(10, self.lower(before - 1), self.lower(before)));
        out.push(feature(11, self.lower(after)));
        out.push(feature2(12, self.lower(after), self.lower(after + 1)));
        out.push(feature(13, c.case));
        out.push(feature2(14, c.phrase_rel, c.governor));
        out.push(feature(15, c.phrase_rel));
        out.push(feature2(16, c.case, c.governor));
        out.push(feature(17, ctx[first].gazetteer));
        out.push(feature(18, ctx[first].lexicon));
        out.push(feature(19, ctx[last].lexicon));
        out.push(feature(20, ctx[first].outside_lists));
        out.push(feature2(
            21,
            self.tag(head as isize),
            u64::from(self.labels[head]),
        ));
        out.push(feature2(22, self.words[head].lower, c.phrase_rel));
        if clusters {
            for (k, &cluster) in self.words[last].cluster.iter().enumerate() {
                out.push(feature(23 + k as u64, cluster));
            }
            let governor = self.heads[head].map_or(PAD, |g| self.words[g as usize].cluster[2]);
            out.push(feature2(27, governor, c.phrase_rel));
        }
        for class in words
            .iter()
            .filter_map(|w| known_vector_class(w.vector_class[1]))
        {
            out.push(feature(30, class));
        }
        if let Some(class) = self.vector_class(last as isize, 0) {
            out.push(feature(31, class));
        }
        if let Some(class) = self.vector_class(head as isize, 0) {
            out.push(feature2(32, class, c.phrase_rel));
        }
        let governor = self.heads[head].and_then(|g| self.vector_class(g as isize, 0));
        if let Some(class) = governor {
            out.push(feature2(33, class, c.phrase_rel));
        }
    }

    /// The fine (`level` 0) or coarse (1) vector class of word `i`, if it is in the sentence
    /// and has one.
    fn vector_class(&self, i: isize, level: usize) -> Option<u64> {
        self.word(i)
            .and_then(|w| known_vector_class(w.vector_class[level]))
    }

    /// Features of word `i` with the BIO part of the previous label (`prev`: 0 start, 1 O,
    /// 2 B, 3 I).
    fn pairwise(&self, i: usize, ctx: &WordContext, prev: u64, out: &mut Vec<u64>) {
        out.clear();
        let w = &self.words[i];
        let i = i as isize;
        out.push(feature(50, prev));
        out.push(feature2(51, prev, self.tag(i)));
        out.push(feature2(52, prev, w.shape));
        out.push(feature2(53, prev, w.lower));
        out.push(feature2(54, prev, ctx.gazetteer));
        out.push(feature2(55, prev, ctx.phrase_head));
        out.push(feature2(56, prev, self.shape(i + 1)));
        out.push(feature2(57, prev, ctx.lexicon));
        out.push(feature2(60, prev, ctx.outside_lists));
        out.push(feature2(58, prev, ctx.run_pos));
        out.push(feature3(59, prev, self.lower(i - 1), w.shape));
    }
}

/// `class` unless it is [`NO_VECTOR_CLASS`].
fn known_vector_class(class: u64) -> Option<u64> {
    (class != NO_VECTOR_CLASS).then_some(class)
}

/// Feature of the transition from the previous class (`classes` = sentence start).
fn transition_feature(prev: usize) -> u64 {
    feature(60, prev as u64)
}

/// The BIO part of a previous class for [`NerInput::pairwise`]: 0 start, 1 O, 2 B, 3 I.
fn coarse(prev: Option<usize>) -> usize {
    match prev {
        None => 0,
        Some(OUTSIDE) => 1,
        Some(c) if c % 2 == 1 => 2,
        Some(_) => 3,
    }
}

/// Scores of one sentence: per word and class, the emission score; per word, coarse previous
/// label and class, the pairwise score; and the transition table.
struct Lattice {
    classes: usize,
    emit: Vec<f32>,
    pair: Vec<f32>,
}

impl Lattice {
    /// Score every word of a sentence. A word whose `outside` flag is set gets no emission
    /// scores: it can only be outside (its other classes score minus infinity). Its pairwise
    /// scores are kept (they weigh how the name before it ends), and the word after it scores
    /// only the pairwise features for an outside predecessor.
    fn build(
        input: &NerInput,
        ctx: &[WordContext],
        classes: usize,
        clusters: bool,
        outside: &[bool],
        score: &dyn Fn(&[u64], &mut [f32]),
    ) -> Lattice {
        let n = input.words.len();
        let mut emit = vec![0.0f32; n * classes];
        let mut pair = vec![0.0f32; n * 4 * classes];
        let mut feats = Vec::with_capacity(48);
        for i in 0..n {
            if outside.get(i).copied().unwrap_or(false) {
                emit[i * classes + 1..(i + 1) * classes].fill(f32::NEG_INFINITY);
            } else {
                input.emission(i, &ctx[i], clusters, &mut feats);
                score(&feats, &mut emit[i * classes..(i + 1) * classes]);
            }
            let prevs: &[usize] = if i == 0 {
                &[0]
            } else if outside.get(i - 1).copied().unwrap_or(false) {
                &[1]
            } else {
                &[1, 2, 3]
            };
            for &p in prevs {
                input.pairwise(i, &ctx[i], p as u64, &mut feats);
                let at = (i * 4 + p) * classes;
                score(&feats, &mut pair[at..at + classes]);
            }
        }
        Lattice {
            classes,
            emit,
            pair,
        }
    }

    /// The emission scores of a name of type `kind` over `words`: `B-kind` at the first
    /// word, `I-kind` at the others.
    fn span_score(&self, words: Range<usize>, kind: usize) -> f32 {
        let c = self.classes;
        let mut score = self.emit[words.start * c + begin(kind)];
        for i in words.start + 1..words.end {
            score += self.emit[i * c + inside(kind)];
        }
        score
    }

    /// Best class sequence (Viterbi; `I-x` only after `B-x`/`I-x`). `trans` has
    /// `(classes + 1) × classes` entries, the last row for the sentence start.
    fn decode(&self, trans: &[f32]) -> Vec<usize> {
        let c = self.classes;
        let n = self.emit.len() / c;
        if n == 0 {
            return Vec::new();
        }
        let mut delta = vec![f32::NEG_INFINITY; n * c];
        let mut back = vec![0u8; n * c];
        for k in 0..c {
            if allowed(OUTSIDE, k) {
                delta[k] = self.emit[k] + self.pair[k] + trans[c * c + k];
            }
        }
        let coarse_of: Vec<usize> = (0..c).map(|p| coarse(Some(p))).collect();
        for i in 1..n {
            let (done, rest) = delta.split_at_mut(i * c);
            let prev_row = &done[(i - 1) * c..];
            let row = &mut rest[..c];
            let pair = &self.pair[i * 4 * c..(i + 1) * 4 * c];
            for k in 0..c {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0usize;
                // `I-x` may only follow `B-x` or `I-x`; anything else may follow anything.
                let prevs = if k != OUTSIDE && k % 2 == 0 {
                    k - 1..k + 1
                } else {
                    0..c
                };
                for p in prevs {
                    let s = prev_row[p] + trans[p * c + k] + pair[coarse_of[p] * c + k];
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
                row[k] = best + self.emit[i * c + k];
                back[i * c + k] = arg as u8;
            }
        }
        let mut out = vec![OUTSIDE; n];
        let last = &delta[(n - 1) * c..];
        let mut k = (0..c)
            .max_by(|&a, &b| last[a].total_cmp(&last[b]))
            .unwrap_or(OUTSIDE);
        for i in (0..n).rev() {
            out[i] = k;
            k = usize::from(back[i * c + k]);
        }
        out
    }
}

/// The transition table of a model: `(classes + 1) × classes`, last row for the start.
fn transitions(classes: usize, score: &dyn Fn(&[u64], &mut [f32])) -> Vec<f32> {
    let mut t = vec![0.0f32; (classes + 1) * classes];
    for p in 0..=classes {
        score(
            &[transition_feature(p)],
            &mut t[p * classes..(p + 1) * classes],
        );
    }
    t
}

/// The trained recognizer.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognizer {
    model: SparseModel,
    types: Vec<String>,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    label_kinds: Vec<u8>,
    transitions: Vec<f32>,
    /// Whether the features read the words' Brown clusters.
    clusters: bool,
    /// Hashes of word forms (case kept) that were frequent in training and nearly never part
    /// of a name (`outside_words`): they are outside every entity, and the recognizer
    /// computes no emission scores for them (see [`Lattice::build`]).
    outside: HashKeyed<u8>,
    /// Chooses the type of each name found from features of the whole name together with
    /// the sequence model's scores (see [`SpanTyper`]); `None` in a model trained without.
    typer: Option<SpanTyper>,
    /// The parser's label index of `conj` when names joined by coordination settle their
    /// types ([`settle_coordinated_types`]); set by [`Recognizer::set_coordination_label`], not
    /// stored in the file.
    coordination: Option<u16>,
}

/// The span typer: a multi-class perceptron over features of a whole name (its words, the
/// whole name, the words around it, its head's case marker, relation and governor, name-list
/// matches, clusters). The sequence model finds the names; each name's type is then the one
/// with the highest sum of the sequence model's emission scores of `B-type`/`I-type` over the
/// name's words and `weight` times the typer's score. The sequence model sees one word at a
/// time, and about half of its errors are names found with the right words and the wrong
/// type.
#[derive(Debug, Clone, PartialEq)]
struct SpanTyper {
    model: SparseModel,
    weight: f32,
}

impl SpanTyper {
    /// Give each span of `found` its type; returns each span's combined score per type
    /// (`sequence + weight × typer`).
    fn retype(
        &self,
        input: &NerInput,
        ctx: &[WordContext],
        lattice: &Lattice,
        clusters: bool,
        found: &mut [EntitySpan],
    ) -> Vec<Vec<f32>> {
        let types = (lattice.classes - 1) / 2;
        let mut feats = Vec::with_capacity(48);
        let mut typer = vec![0.0f32; types];
        let mut sequence = vec![0.0f32; types];
        let mut combined = Vec::with_capacity(found.len());
        for span in found {
            input.span_features(ctx, span.words.clone(), clusters, &mut feats);
            typer.fill(0.0);
            self.model.score(&feats, &mut typer);
            for (kind, score) in sequence.iter_mut().enumerate() {
                *score = lattice.span_score(span.words.clone(), kind);
            }
            let scores = combined_scores(&sequence, &typer, self.weight);
            span.kind = best_kind(&scores);
            combined.push(scores);
        }
        combined
    }
}

/// A name the recognizer found in a document, for [`settle_document_types`].
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentName {
    /// Each word's form hash (case kept): mentions with the same forms are written alike, and
    /// a name whose forms begin or end a longer name's is a shortened mention of it.
    pub forms: Vec<u64>,
    /// The recognizer's score for each type ([`Recognizer::recognize_scored`]).
    pub scores: Vec<f32>,
    /// The type chosen.
    pub kind: u16,
}

/// The words of `name` that are the root or hang on a word outside it, in order.
pub(crate) fn words_linked_outside<'a>(
    heads: &'a [Option<u32>],
    name: &'a Range<usize>,
) -> impl Iterator<Item = usize> + 'a {
    name.clone()
        .filter(|&i| heads[i].is_none_or(|h| !name.contains(&(h as usize))))
}

/// The first word of a name that is the root or whose head lies outside the name; the last
/// word if there is none (no tree of the parser's has such a name).
fn name_head(heads: &[Option<u32>], name: &Range<usize>) -> usize {
    words_linked_outside(heads, name)
        .next()
        .unwrap_or(name.end - 1)
}

/// How much a name reads the scores of the names coordinated with it
/// ([`settle_coordinated_types`]): chosen by cross-validation on the training documents,
/// where 0.5 gained 0.3–0.4 points of F1 (all types) with each of three shuffling seeds,
/// 0.25 and 1 less.
pub const COORDINATION_WEIGHT: f32 = 0.5;

/// Names joined by coordination are usually of one type ("Lyon, Nantes and Lille", "Smith
/// and Jones"), but the recognizer types each from its own words. Two
/// names are coordinated when the head word of one is a `conj` (the parser's label index
/// `conj`) of a word of the other. Each such name adds [`COORDINATION_WEIGHT`] × the other's
/// own scores to its own (`scores`, per name and type, as
/// [`Recognizer::recognize_scored`] gives them) and takes the type with the highest sum. The
/// words of the names do not change.
pub fn settle_coordinated_types(
    input: &NerInput,
    conj: u16,
    found: &mut [EntitySpan],
    scores: &mut [Vec<f32>],
) {
    let heads: Vec<usize> = found
        .iter()
        .map(|name| name_head(input.heads, &name.words))
        .collect();
    // Pairs (conjunct, the name holding its head).
    let pairs: Vec<(usize, usize)> = heads
        .iter()
        .enumerate()
        .filter(|&(_, &h)| input.labels[h] == conj)
        .filter_map(|(b, &h)| {
            let governor = input.heads[h]? as usize;
            let a = found
                .iter()
                .position(|name| name.words.contains(&governor))?;
            (a != b).then_some((b, a))
        })
        .collect();
    if pairs.is_empty() {
        return;
    }
    let own = scores.to_vec();
    for (b, a) in pairs {
        for (x, y) in [(a, b), (b, a)] {
            scores[x]
                .iter_mut()
                .zip(&own[y])
                .for_each(|(s, v)| *s += COORDINATION_WEIGHT * v);
        }
    }
    for (name, scores) in found.iter_mut().zip(scores.iter()) {
        name.kind = best_kind(scores);
    }
}

/// How much a name reads the mean score of the longer names it begins or ends
/// ([`settle_document_types`]): chosen by cross-validation on the training documents, where
/// 0.1 to 0.5 scored alike and 1 or more lower.
pub const PART_WEIGHT: f32 = 0.25;

/// Names written alike in one document usually name one thing, but the recognizer types each
/// mention from its own sentence: a town is a place after "population of" and a person as the
/// subject of "was registered". Every name written alike in two or more mentions takes the
/// type with the highest sum of its own scores and the mean of the other mentions' scores.
/// A shortened mention ("Smith" after "John Smith", "Coron" after "Coron Island") also reads
/// [`PART_WEIGHT`] × the mean scores of the longer mentions whose first or last words it is.
/// A name with neither keeps its type.
pub fn settle_document_types(names: &mut [DocumentName]) {
    let mut sums: HashMap<&[u64], (Vec<f32>, usize)> = HashMap::new();
    // Names by their first and by their last word, to find the longer names a name begins
    // or ends without comparing every pair.
    let mut by_end: HashMap<(bool, u64), Vec<usize>> = HashMap::new();
    for (index, name) in names.iter().enumerate() {
        let (sum, count) = sums
            .entry(&name.forms)
            .or_insert_with(|| (vec![0.0; name.scores.len()], 0));
        if sum.len() == name.scores.len() {
            add_scores(sum, &name.scores);
            *count += 1;
        }
        if name.forms.len() >= 2 {
            by_end.entry((true, name.forms[0])).or_default().push(index);
            by_end
                .entry((false, name.forms[name.forms.len() - 1]))
                .or_default()
                .push(index);
        }
    }
    let settled_kinds: Vec<Option<u16>> = names
        .iter()
        .map(|name| {
            let longer = longer_names_mean(name, names, &by_end);
            let (sum, count) = &sums[name.forms.as_slice()];
            if (*count < 2 && longer.is_none()) || sum.len() != name.scores.len() {
                return None;
            }
            // With one mention, `all - own` is zero.
            let others = count.saturating_sub(1).max(1) as f32;
            let longer = longer.unwrap_or_else(|| vec![0.0; sum.len()]);
            let settled = name
                .scores
                .iter()
                .zip(sum)
                .zip(&longer)
                .map(|((own, all), longer)| own + (all - own) / others + PART_WEIGHT * longer);
            first_argmax(settled).map(|kind| kind as u16)
        })
        .collect();
    for (name, kind) in names.iter_mut().zip(settled_kinds) {
        if let Some(kind) = kind {
            name.kind = kind;
        }
    }
}

/// Add `scores` to `sum`, type by type.
fn add_scores(sum: &mut [f32], scores: &[f32]) {
    sum.iter_mut().zip(scores).for_each(|(s, v)| *s += v);
}

/// The mean scores of the mentions in `names` longer than `name` that begin or end with its
/// words (`by_end`: names of two or more words by first word, `true`, and by last word);
/// `None` when there is none.
fn longer_names_mean(
    name: &DocumentName,
    names: &[DocumentName],
    by_end: &HashMap<(bool, u64), Vec<usize>>,
) -> Option<Vec<f32>> {
    let (first, last) = (name.forms.first()?, name.forms.last()?);
    let begins = by_end.get(&(true, *first)).into_iter().flatten();
    let ends = by_end.get(&(false, *last)).into_iter().flatten();
    let mut longer: Vec<usize> = begins
        .filter(|&&i| names[i].forms.starts_with(&name.forms))
        .chain(ends.filter(|&&i| names[i].forms.ends_with(&name.forms)))
        .copied()
        .filter(|&i| {
            names[i].forms.len() > name.forms.len() && names[i].scores.len() == name.scores.len()
        })
        .collect();
    // A longer name that both begins and ends with these words counts once.
    longer.sort_unstable();
    longer.dedup();
    if longer.is_empty() {
        return None;
    }
    let mut mean = vec![0.0; name.scores.len()];
    for &i in &longer {
        add_scores(&mut mean, &names[i].scores);
    }
    mean.iter_mut().for_each(|m| *m /= longer.len() as f32);
    Some(mean)
}

/// The names found in the sentences of one document (`entities`, with their `scores` from
/// [`Recognizer::recognize_scored`]; `words`, the sentences' words): settle the types of
/// those written alike and of the shortened mentions ([`settle_document_types`]).
pub fn settle_sentence_types(
    words: &[&[WordInfo]],
    entities: &mut [Vec<EntitySpan>],
    scores: Vec<Vec<Vec<f32>>>,
) {
    let mut names = Vec::new();
    for ((words, found), scores) in words.iter().zip(entities.iter()).zip(scores) {
        for (entity, scores) in found.iter().zip(scores) {
            names.push(DocumentName {
                forms: words[entity.words.clone()].iter().map(|w| w.form).collect(),
                scores,
                kind: entity.kind,
            });
        }
    }
    if names.len() < 2 {
        return;
    }
    settle_document_types(&mut names);
    for (entity, name) in entities.iter_mut().flatten().zip(names) {
        entity.kind = name.kind;
    }
}

/// The index of the highest value (the first on a tie); `None` when there is none.
fn first_argmax(values: impl IntoIterator<Item = f32>) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (k, v) in values.into_iter().enumerate() {
        if best.is_none_or(|(_, b)| v > b) {
            best = Some((k, v));
        }
    }
    best.map(|(k, _)| k)
}

/// Each type's `sequence + weight × typer` score.
fn combined_scores(sequence: &[f32], typer: &[f32], weight: f32) -> Vec<f32> {
    sequence
        .iter()
        .zip(typer)
        .map(|(s, t)| s + weight * t)
        .collect()
}

/// The type with the highest score (the first on a tie).
fn best_kind(scores: &[f32]) -> u16 {
    first_argmax(scores.iter().copied()).unwrap_or(0) as u16
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

/// A word's value for the features: the type its form most often had in training names
/// (`name_type`), mixed with the name lists whose names it is part of.
fn word_value(name_type: Option<u16>, lexicon: &Lexicon, form: u64) -> u64 {
    mix(
        name_type.map_or(PAD, u64::from),
        lexicon.words.get(&form).copied().map_or(PAD, u64::from),
    )
}

/// Per-word lexicon values of a sentence: the longest match in the project's lists and,
/// apart, in the outside lists.
struct LexiconValues {
    own: Vec<u64>,
    outside: Vec<u64>,
}

fn lexicon_values(words: &[WordInfo], lexicon: &Lexicon) -> LexiconValues {
    if lexicon.is_empty() {
        return LexiconValues {
            own: vec![PAD; words.len()],
            outside: vec![PAD; words.len()],
        };
    }
    let nonzero = |b: u16| (b != 0).then_some(b);
    let [own, outside] = longest_matches(words, |h| {
        lexicon.names.get(&h).map(|&b| {
            [
                nonzero(b & OWN_KINDS_MASK),
                nonzero(b >> OUTSIDE_KINDS_FROM),
            ]
        })
    });
    LexiconValues { own, outside }
}

impl Recognizer {
    /// The entity types.
    pub fn types(&self) -> &[String] {
        &self.types
    }

    /// Which parser label joins coordinated words (`conj`), so that names joined by
    /// coordination settle their types ([`settle_coordinated_types`]); `None` turns that off
    /// (the default of a recognizer trained or read alone; [`crate::SyntaxModel`] sets it from
    /// its parser's labels).
    pub fn set_coordination_label(&mut self, conj: Option<u16>) {
        self.coordination = conj;
    }

    /// `(present buckets, stored weights)` of the weight table.
    pub fn counts(&self) -> (usize, usize) {
        self.model.counts()
    }

    /// Size of the weights in bytes.
    pub fn byte_size(&self) -> usize {
        let names = self.gazetteer.names.len()
            + self.gazetteer.words.len()
            + self.lexicon.names.len()
            + self.lexicon.words.len();
        self.model.byte_size() + names * 12
    }

    /// Find the entities of a tagged and parsed sentence.
    pub fn recognize(&self, input: &NerInput) -> Vec<EntitySpan> {
        self.recognize_scored(input).0
    }

    /// [`Recognizer::recognize`], with each entity's score per type: the sequence model's
    /// emission scores over its words, plus the span typer's weighted scores when the model
    /// has a typer, plus the shares of the names coordinated with it when the coordination
    /// label is set ([`settle_coordinated_types`]).
    pub fn recognize_scored(&self, input: &NerInput) -> (Vec<EntitySpan>, Vec<Vec<f32>>) {
        if input.words.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let classes = 1 + 2 * self.types.len();
        let gazetteer = Gazetteer::values(input.words, |h| self.gazetteer.names.get(&h).copied());
        let lexicon = lexicon_values(input.words, &self.lexicon);
        let word_values: Vec<u64> = input
            .words
            .iter()
            .map(|w| {
                word_value(
                    self.gazetteer.words.get(&w.form).copied(),
                    &self.lexicon,
                    w.form,
                )
            })
            .collect();
        let ctx = contexts(input, &self.label_kinds, &gazetteer, &lexicon, &word_values);
        let outside: Vec<bool> = input
            .words
            .iter()
            .map(|w| self.outside.contains_key(&w.form))
            .collect();
        let lattice = Lattice::build(input, &ctx, classes, self.clusters, &outside, &|f, s| {
            self.model.score(f, s)
        });
        let mut found = spans(&lattice.decode(&self.transitions));
        let mut scores = match &self.typer {
            Some(typer) => typer.retype(input, &ctx, &lattice, self.clusters, &mut found),
            None => found
                .iter()
                .map(|span| {
                    (0..self.types.len())
                        .map(|kind| lattice.span_score(span.words.clone(), kind))
                        .collect()
                })
                .collect(),
        };
        if let Some(conj) = self.coordination {
            settle_coordinated_types(input, conj, &mut found, &mut scores);
        }
        (found, scores)
    }

    pub(crate) fn write(&self, w: &mut BinWriter) {
        w.strs(&self.types);
        for table in [
            &self.gazetteer.names,
            &self.gazetteer.words,
            &self.lexicon.names,
            &self.lexicon.words,
        ] {
            let mut names: Vec<(u64, u16)> = table.iter().map(|(k, v)| (*k, *v)).collect();
            names.sort_unstable();
            w.u64s(&names.iter().map(|n| n.0).collect::<Vec<_>>());
            w.u32s(&names.iter().map(|n| u32::from(n.1)).collect::<Vec<_>>());
        }
        w.u32s(
            &self
                .label_kinds
                .iter()
                .map(|&k| u32::from(k))
                .collect::<Vec<_>>(),
        );
        w.u32(u32::from(self.clusters));
        w.keyed(&self.outside);
        self.model.write(w);
        match &self.typer {
            Some(typer) => {
                w.u32(1);
                w.f32(typer.weight);
                typer.model.write(w);
            }
            None => w.u32(0),
        }
    }

    pub(crate) fn read(r: &mut BinReader) -> Result<Recognizer, FormatError> {
        let types = r.strs()?;
        let mut tables = Vec::new();
        for limit in [types.len(), types.len(), 1 << 16, 1 << 16] {
            let keys = r.u64s()?;
            let values = r.u32s()?;
            if keys.len() != values.len() || values.iter().any(|&v| v as usize >= limit) {
                return Err(r.error("bad gazetteer"));
            }
            let names: HashKeyed<u16> = keys
                .into_iter()
                .zip(values.into_iter().map(|v| v as u16))
                .collect();
            tables.push(names);
        }
        let lexicon_words = tables.pop().unwrap_or_default();
        let lexicon = Lexicon {
            names: tables.pop().unwrap_or_default(),
            words: lexicon_words,
        };
        let gazetteer_words = tables.pop().unwrap_or_default();
        let gazetteer = Gazetteer {
            names: tables.pop().unwrap_or_default(),
            words: gazetteer_words,
        };
        let label_kinds = r.u32s()?.into_iter().map(|k| k.min(2) as u8).collect();
        let clusters = r.u32()? != 0;
        let outside = r.keyed("outside-word table lengths differ")?;
        let model = SparseModel::read(r)?;
        let classes = 1 + 2 * types.len();
        if model.classes() != classes || classes > 255 {
            return Err(r.error("recognizer classes do not match its types"));
        }
        let typer = match r.u32()? {
            0 => None,
            1 => {
                let weight = r.f32()?;
                let model = SparseModel::read(r)?;
                if !weight.is_finite() || model.classes() != types.len() {
                    return Err(r.error("span typer does not match the recognizer's types"));
                }
                Some(SpanTyper { model, weight })
            }
            _ => return Err(r.error("bad span typer flag")),
        };
        let transitions = transitions(classes, &|f, s| model.score(f, s));
        Ok(Recognizer {
            model,
            types,
            gazetteer,
            lexicon,
            label_kinds,
            transitions,
            clusters,
            outside,
            typer,
            coordination: None,
        })
    }
}

/// A training sentence for the recognizer.
#[derive(Debug, Clone)]
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

impl NerExample {
    /// The sentence as the recognizer sees it, with its own (gold) tree.
    pub fn input(&self) -> NerInput<'_> {
        NerInput {
            words: &self.words,
            tags: &self.tags,
            heads: &self.heads,
            labels: &self.labels,
        }
    }
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
    /// Perceptrons trained on different shuffles (seeds `seed`, `seed + 1`, …) whose
    /// averaged weights are mixed into one model (see `Trainer::mix`); 1 trains one.
    pub shuffles: usize,
    /// Read the words' Brown clusters (when the training has a cluster table).
    pub clusters: bool,
    /// A word form seen at least this many times in annotated training sentences …
    pub outside_min_count: u32,
    /// … and outside every name at least this share of the time is not scored at run time
    /// (`outside_words`). A share above 1 turns the shortcut off.
    pub outside_min_share: f32,
    /// Passes of the span typer (the `SpanTyper`) over the gold names; 0 trains none.
    pub typer_epochs: usize,
    /// At most this many span typer weights are kept.
    pub typer_max_weights: usize,
    /// Weight of the span typer's scores against the sequence model's.
    pub typer_weight: f32,
}

impl Default for NerConfig {
    fn default() -> Self {
        NerConfig {
            epochs: 12,
            bits: 20,
            prune: 0.05,
            max_weights: 410_000,
            seed: 13,
            shuffles: 4,
            clusters: true,
            outside_min_count: 20,
            outside_min_share: 0.999,
            typer_epochs: 10,
            typer_max_weights: 40_000,
            typer_weight: 3.0,
        }
    }
}

/// The word forms (case kept) seen at least `min_count` times in `data` and outside every
/// gold name at least `min_share` of the time: punctuation and most function words, whose
/// scoring the recognizer skips.
fn outside_words(data: &[NerExample], min_count: u32, min_share: f32) -> HashKeyed<u8> {
    const OUT: u16 = 0;
    const IN: u16 = 1;
    let mut counts = ValueCounts::default();
    for e in data {
        let mut inside = vec![false; e.words.len()];
        for span in &e.entities {
            for i in span.words.clone() {
                if let Some(flag) = inside.get_mut(i) {
                    *flag = true;
                }
            }
        }
        for (w, &is_inside) in e.words.iter().zip(&inside) {
            counts.add(w.form, if is_inside { IN } else { OUT });
        }
    }
    counts
        .dominant(min_count, min_share)
        .into_iter()
        .filter(|&(_, value)| value == OUT)
        .map(|(form, _)| (form, 1))
        .collect()
}

/// Name counts per type, over all documents and per document.
struct NameCounts {
    total: HashMap<u64, Vec<u32>>,
    per_doc: HashMap<(usize, u64), Vec<u32>>,
}

impl NameCounts {
    /// Counts of `(document, key, type)` triples.
    fn new(items: impl Iterator<Item = (usize, u64, usize)>, types: usize) -> NameCounts {
        let mut total: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut per_doc: HashMap<(usize, u64), Vec<u32>> = HashMap::new();
        for (doc, h, kind) in items {
            total.entry(h).or_insert_with(|| vec![0; types])[kind] += 1;
            per_doc.entry((doc, h)).or_insert_with(|| vec![0; types])[kind] += 1;
        }
        NameCounts { total, per_doc }
    }

    /// Counts of whole names (up to [`MAX_NAME`] words) and of the words in names.
    fn of(data: &[NerExample], types: usize) -> (NameCounts, NameCounts) {
        let spans = || {
            data.iter().flat_map(|e| {
                e.entities
                    .iter()
                    .map(move |span| (e, span.words.clone(), span.kind as usize))
            })
        };
        let names = NameCounts::new(
            spans()
                .filter(|(_, r, _)| r.len() <= MAX_NAME)
                .map(|(e, r, k)| (e.doc, name_hash(&e.words[r]), k)),
            types,
        );
        let words = NameCounts::new(
            spans().flat_map(|(e, r, k)| e.words[r].iter().map(move |w| (e.doc, w.form, k))),
            types,
        );
        (names, words)
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

/// Train a recognizer: a structured (first-order, Viterbi-decoded) averaged perceptron over
/// BIO classes. `labels` are the parser's relation labels (for the label indices of the
/// examples); `lexicon` holds names from the project's lists.
pub fn train(
    data: &[NerExample],
    types: Vec<String>,
    labels: &[String],
    lexicon: Lexicon,
    config: NerConfig,
) -> Recognizer {
    let classes = 1 + 2 * types.len();
    let (counts, word_counts) = NameCounts::of(data, types.len());
    let label_kinds = label_kinds(labels);
    let tables = TrainingTables {
        counts: &counts,
        word_counts: &word_counts,
        label_kinds: &label_kinds,
        lexicon: &lexicon,
    };
    // The word contexts do not change between epochs: computed once for every shuffle of
    // both perceptrons.
    let contexts: Vec<Vec<WordContext>> = data.iter().map(|e| tables.contexts(e)).collect();
    let [trainer] = learn_shuffles(config.shuffles, config.seed, |seed| {
        [learn(data, &contexts, classes, config, seed)]
    });
    let typer = (config.typer_epochs > 0).then(|| {
        let [typer] = learn_shuffles(config.shuffles, config.seed, |seed| {
            [learn_typer(data, &contexts, types.len(), config, seed)]
        });
        SpanTyper {
            model: typer.finish(config.prune, config.typer_max_weights),
            weight: config.typer_weight,
        }
    });
    let names = counts
        .total
        .keys()
        .filter_map(|&h| Some((h, counts.best(h, None)?)))
        .collect();
    let words = word_counts
        .total
        .keys()
        .filter_map(|&h| Some((h, word_counts.best(h, None)?)))
        .collect();
    let model = trainer.finish(config.prune, config.max_weights);
    let transitions = transitions(classes, &|f, s| model.score(f, s));
    Recognizer {
        model,
        types,
        gazetteer: Gazetteer { names, words },
        lexicon,
        label_kinds,
        transitions,
        clusters: config.clusters,
        outside: outside_words(data, config.outside_min_count, config.outside_min_share),
        typer,
        coordination: None,
    }
}

/// What every shuffle of a recognizer's training reads besides the examples.
struct TrainingTables<'a> {
    counts: &'a NameCounts,
    word_counts: &'a NameCounts,
    label_kinds: &'a [u8],
    lexicon: &'a Lexicon,
}

impl TrainingTables<'_> {
    /// The word contexts of a training sentence, its own document's names left out of the
    /// gazetteer values.
    fn contexts(&self, e: &NerExample) -> Vec<WordContext> {
        let gazetteer = Gazetteer::values(&e.words, |h| self.counts.best(h, Some(e.doc)));
        let lex = lexicon_values(&e.words, self.lexicon);
        let word_values: Vec<u64> = e
            .words
            .iter()
            .map(|w| {
                word_value(
                    self.word_counts.best(w.form, Some(e.doc)),
                    self.lexicon,
                    w.form,
                )
            })
            .collect();
        contexts(&e.input(), self.label_kinds, &gazetteer, &lex, &word_values)
    }
}

/// The span typer's perceptron over the gold names of `data`, shuffled with `seed`.
fn learn_typer(
    data: &[NerExample],
    contexts: &[Vec<WordContext>],
    types: usize,
    config: NerConfig,
    seed: u64,
) -> Trainer {
    let mut trainer = Trainer::new(types, TYPER_BITS);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0.0f32; types];
    for _ in 0..config.typer_epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let e = &data[s];
            if e.entities.is_empty() {
                continue;
            }
            let input = e.input();
            for span in &e.entities {
                input.span_features(
                    &contexts[s],
                    span.words.clone(),
                    config.clusters,
                    &mut feats,
                );
                scores.fill(0.0);
                trainer.score(&feats, &mut scores);
                trainer.learn(&feats, span.kind as usize, argmax(&scores));
                trainer.tick();
            }
        }
    }
    trainer
}

/// One structured perceptron over `data` (with their word `contexts`), shuffled with `seed`.
fn learn(
    data: &[NerExample],
    contexts: &[Vec<WordContext>],
    classes: usize,
    config: NerConfig,
    seed: u64,
) -> Trainer {
    let mut trainer = Trainer::new(classes, config.bits);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut feats = Vec::with_capacity(48);
    for _ in 0..config.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let e = &data[s];
            if e.words.is_empty() {
                continue;
            }
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
            let input = e.input();
            let ctx = &contexts[s];
            let score = |f: &[u64], s: &mut [f32]| trainer.score(f, s);
            let trans = transitions(classes, &score);
            let lattice = Lattice::build(&input, ctx, classes, config.clusters, &[], &score);
            let guess = lattice.decode(&trans);
            if guess != gold {
                for i in 0..gold.len() {
                    let (g, y) = (gold[i], guess[i]);
                    let gp = i.checked_sub(1).map(|j| gold[j]);
                    let yp = i.checked_sub(1).map(|j| guess[j]);
                    if g != y {
                        input.emission(i, &ctx[i], config.clusters, &mut feats);
                        trainer.update(&feats, g, 1.0);
                        trainer.update(&feats, y, -1.0);
                    }
                    if (coarse(gp), g) != (coarse(yp), y) {
                        input.pairwise(i, &ctx[i], coarse(gp) as u64, &mut feats);
                        trainer.update(&feats, g, 1.0);
                        input.pairwise(i, &ctx[i], coarse(yp) as u64, &mut feats);
                        trainer.update(&feats, y, -1.0);
                    }
                    if (gp, g) != (yp, y) {
                        trainer.update(&[transition_feature(gp.unwrap_or(classes))], g, 1.0);
                        trainer.update(&[transition_feature(yp.unwrap_or(classes))], y, -1.0);
                    }
                }
            }
            for _ in 0..gold.len() {
                trainer.tick();
            }
        }
    }
    trainer
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

    #[test]
    fn coordinated_names_settle_on_the_type_they_support_together() {
        // "Smith(0) visited(1) Lyon(2) ,(3) Port(4) Saint(5) Louis(6) and(7) Nantes(8)": Lyon
        // is the object of "visited", "Port Saint Louis" (head "Port") and "Nantes" are its
        // conjuncts. Labels: 0 other, 1 obj, 2 nsubj, 3 conj, 4 flat.
        let (conj, obj, nsubj, flat, other) = (3u16, 1u16, 2u16, 4u16, 0u16);
        let heads = [
            Some(1),
            None,
            Some(1),
            Some(4),
            Some(2),
            Some(4),
            Some(4),
            Some(8),
            Some(2),
        ];
        let labels = [nsubj, other, obj, other, conj, flat, flat, other, conj];
        let input = NerInput {
            words: &[],
            tags: &[],
            heads: &heads,
            labels: &labels,
        };
        let name = |words: Range<usize>, scores: &[f32]| {
            (
                EntitySpan {
                    words,
                    kind: best_kind(scores),
                },
                scores.to_vec(),
            )
        };
        // Types: person, organization, place. Smith is a weak person beside the places and
        // is not coordinated with them; Port Saint Louis is a weak person coordinated with a
        // clear place.
        let (mut found, mut scores): (Vec<_>, Vec<_>) = [
            name(0..1, &[2.0, 0.0, 1.9]),
            name(2..3, &[0.0, 0.0, 9.0]),
            name(4..7, &[3.0, 0.0, 2.0]),
            name(8..9, &[0.0, 1.0, 1.5]),
        ]
        .into_iter()
        .unzip();
        let before = found.clone();
        let kinds = |found: &[EntitySpan]| found.iter().map(|n| n.kind).collect::<Vec<_>>();
        assert_eq!(kinds(&found), [0, 2, 0, 2]);
        settle_coordinated_types(&input, conj, &mut found, &mut scores);
        assert_eq!(kinds(&found), [0, 2, 2, 2]);
        // Each conjunct read half of Lyon's scores, and Lyon half of each conjunct's.
        assert_eq!(scores[2], [3.0, 0.0, 6.5]);
        assert_eq!(scores[1], [1.5, 0.5, 9.0 + 1.0 + 0.75]);
        assert_eq!(scores[0], [2.0, 0.0, 1.9]);
        // The words never change; with another label as `conj`, nothing changes at all.
        assert!(found.iter().zip(&before).all(|(a, b)| a.words == b.words));
        let (mut found, mut scores): (Vec<_>, Vec<_>) =
            [name(2..3, &[0.0, 0.0, 9.0]), name(4..7, &[3.0, 0.0, 2.0])]
                .into_iter()
                .unzip();
        settle_coordinated_types(&input, flat + 10, &mut found, &mut scores);
        assert_eq!(kinds(&found), [2, 0]);
    }

    #[test]
    fn names_written_alike_settle_on_the_type_their_mentions_support() {
        let name = |key, scores: [f32; 3]| DocumentName {
            forms: vec![key],
            kind: best_kind(&scores),
            scores: scores.to_vec(),
        };
        // Key 1 ("Coron"): a weak person in one sentence, a clear place in two others; key 2
        // is mentioned once and keeps its type; key 3's two mentions agree.
        let mut names = vec![
            name(1, [3.0, 0.0, 2.0]),
            name(2, [4.0, 0.0, 1.0]),
            name(1, [0.0, 0.0, 9.0]),
            name(1, [1.0, 0.0, 8.0]),
            name(3, [0.0, 5.0, 0.0]),
            name(3, [0.0, 6.0, 1.0]),
        ];
        assert_eq!(names[0].kind, 0);
        settle_document_types(&mut names);
        let kinds: Vec<u16> = names.iter().map(|n| n.kind).collect();
        assert_eq!(kinds, [2, 0, 2, 2, 1, 1]);
        // With two mentions each reads the sum of both: the clearer one wins for both.
        let mut names = vec![name(1, [20.0, 0.0, 0.0]), name(1, [0.0, 0.0, 9.0])];
        settle_document_types(&mut names);
        assert_eq!(names[0].kind, 0);
        assert_eq!(names[1].kind, 0);
        let mut names = vec![name(1, [12.0, 0.0, 0.0]), name(1, [0.0, 0.0, 15.0])];
        settle_document_types(&mut names);
        assert_eq!((names[0].kind, names[1].kind), (2, 2));
        settle_document_types(&mut []);
    }

    #[test]
    fn a_shortened_name_leans_towards_the_longer_names_it_begins_or_ends() {
        let name = |forms: &[u64], scores: [f32; 3]| DocumentName {
            forms: forms.to_vec(),
            kind: best_kind(&scores),
            scores: scores.to_vec(),
        };
        // "John Smith" (forms 7 8) is a clear person; "Smith" alone is a close place, and
        // follows it. "Coron Island" (4 5) is a clear place; "Coron" leans person by little and
        // follows it. "Island" (5) ends "Coron Island" too but its own evidence is clear.
        // "Smithson" (9) is not part of any longer name and keeps its type.
        let mut names = vec![
            name(&[7, 8], [30.0, 0.0, 0.0]),
            name(&[8], [1.0, 0.0, 2.0]),
            name(&[4, 5], [0.0, 0.0, 40.0]),
            name(&[4], [3.0, 0.0, 1.0]),
            name(&[5], [0.0, 20.0, 0.0]),
            name(&[9], [1.0, 0.0, 2.0]),
        ];
        settle_document_types(&mut names);
        let kinds: Vec<u16> = names.iter().map(|n| n.kind).collect();
        assert_eq!(kinds, [0, 0, 2, 2, 1, 2]);
        // The longer names do not read the shorter ones.
        let mut names = vec![name(&[7, 8], [1.0, 0.0, 2.0]), name(&[8], [90.0, 0.0, 0.0])];
        settle_document_types(&mut names);
        assert_eq!(names[0].kind, 2);
    }

    #[test]
    fn the_span_typer_outvotes_a_close_sequence_score_but_not_a_clear_one() {
        // Sequence scores for person, organization, place; the typer prefers place.
        let typer = [0.0, 0.0, 2.0];
        let kind =
            |sequence: [f32; 3], weight| best_kind(&combined_scores(&sequence, &typer, weight));
        assert_eq!(kind([5.0, 0.0, 0.0], 3.0), 2);
        assert_eq!(kind([7.0, 0.0, 0.0], 3.0), 0);
        assert_eq!(kind([5.0, 0.0, 0.0], 0.0), 0);
    }

    #[test]
    fn viterbi_keeps_bio_well_formed() {
        // Two types (5 classes); the emission scores alone would say I-0 I-1 at the start.
        let classes = 5;
        let mut emit = vec![0.0f32; 2 * classes];
        emit[2] = 5.0; // word 0: I-0
        emit[1] = 1.0; // word 0: B-0
        emit[classes + 4] = 5.0; // word 1: I-1
        emit[classes + 2] = 1.0; // word 1: I-0
        let lattice = Lattice {
            classes,
            emit,
            pair: vec![0.0; 2 * 4 * classes],
        };
        let trans = vec![0.0f32; (classes + 1) * classes];
        let best = lattice.decode(&trans);
        // I-0 may not start the sentence and I-1 may not follow B-0: B-1 I-1 (5) beats
        // B-0 I-0 (2) and B-0 O (1).
        assert_eq!(best, vec![3, 4]);
        assert!(best.windows(2).all(|w| allowed(w[0], w[1])) && allowed(OUTSIDE, best[0]));
    }

    #[test]
    fn lexicon_reads_the_name_lists() {
        let dir = std::env::temp_dir().join(format!("annals-ner-lexicon-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("places")).unwrap();
        std::fs::create_dir_all(dir.join("actors")).unwrap();
        std::fs::write(
            dir.join("places").join("countries.tsv"),
            "# comment\niso3\tiso2\tid\tname\taliases\tdemonyms\tcapital\nNLD\tNL\t1\tNetherlands\tthe Netherlands|Holland\tDutch\tAmsterdam\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("actors").join("igos.txt"),
            "# comment\n[actors]\nUnited Nations | the UN = UNO GOV\n",
        )
        .unwrap();
        let (entries, files) = Lexicon::read_lists(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(files.len(), 2);
        let lexicon = Lexicon::new(entries.iter().map(|(n, k)| (n.as_str(), *k)));
        let words = crate::words::infos(&[
            "the",
            "Netherlands",
            "and",
            "the",
            "UN",
            "met",
            "in",
            "Amsterdam",
        ]);
        let values = lexicon_values(&words, &lexicon).own;
        assert_eq!(values[0], PAD);
        assert_ne!(
            values[1], PAD,
            "'the Netherlands' is stored as 'Netherlands'"
        );
        assert_ne!(values[4], PAD);
        assert_eq!(values[5], PAD);
        assert_ne!(values[7], PAD, "capitals are places");
        assert_ne!(values[1], values[4], "place and organisation differ");
    }

    proptest::proptest! {
        #[test]
        fn outside_lists_read_back_what_was_written(
            names in proptest::collection::vec(("[A-Z][a-z]{0,8}( [A-Z][a-z]{0,8}){0,2}", 0usize..3), 0..20)
        ) {
            let text: String = names
                .iter()
                .map(|(name, k)| format!("{name}\t{}\n", LEXICON_KINDS[OUTSIDE_KINDS_FROM + k]))
                .collect();
            let read = Lexicon::read_outside_lists(&format!("# header\n{text}")).unwrap();
            let expected: Vec<(String, usize)> = names
                .iter()
                .map(|(name, k)| (name.clone(), OUTSIDE_KINDS_FROM + k))
                .collect();
            proptest::prop_assert_eq!(read, expected);
        }

        #[test]
        fn outside_lists_never_panic(text in "[ -~\t\n]{0,200}") {
            if let Err(message) = Lexicon::read_outside_lists(&text) {
                proptest::prop_assert!(message.starts_with("line "));
            }
        }
    }

    #[test]
    fn outside_lists_give_their_own_values() {
        let text = "# towns, given names, surnames\nSpringfield\ttown\nAmsterdam\ttown\nAda\tgiven\nLovelace\tsurname\n";
        let mut entries = Lexicon::read_outside_lists(text).unwrap();
        assert_eq!(entries.len(), 4);
        assert_eq!(LEXICON_KINDS[entries[0].1], "town");
        assert_eq!(
            Lexicon::read_outside_lists("Ada\tgiven\nLovelace\n").unwrap_err(),
            "line 2: expected `name<TAB>list` with list one of town, given, surname"
        );
        assert!(
            Lexicon::read_outside_lists("Paris\tplace\n").is_err(),
            "a project list's kind is not an outside list"
        );
        entries.push(("Amsterdam".to_string(), 0));
        let lexicon = Lexicon::new(entries.iter().map(|(n, k)| (n.as_str(), *k)));
        let words =
            crate::words::infos(&["Ada", "Lovelace", "left", "Springfield", "for", "Amsterdam"]);
        let values = lexicon_values(&words, &lexicon);
        // Outside names do not show in the project lists' values, and the reverse.
        assert_eq!(values.own[..5], [PAD; 5]);
        assert_ne!(values.own[5], PAD);
        assert_eq!(values.outside[2], PAD);
        assert_ne!(values.outside[0], PAD);
        assert_ne!(
            values.outside[0], values.outside[3],
            "given name and town differ"
        );
        assert_ne!(
            values.outside[0], values.outside[1],
            "given name and surname differ"
        );
        assert_eq!(
            values.outside[3], values.outside[5],
            "a town in both groups has the outside value of a town"
        );
        // The project lists' value of a name is the same with or without the outside lists.
        let own_only = Lexicon::new([("Amsterdam", 0)]);
        assert_eq!(lexicon_values(&words, &own_only).own, values.own);
    }

    #[test]
    fn outside_words_are_frequent_words_never_in_a_name() {
        let example = |forms: &[&str], entities: Vec<EntitySpan>| NerExample {
            words: crate::words::infos(forms),
            tags: vec![0; forms.len()],
            heads: vec![None; forms.len()],
            labels: vec![0; forms.len()],
            entities,
            doc: 0,
        };
        let mut data: Vec<NerExample> = (0..30)
            .map(|_| example(&["Bank", "said", "."], vec![]))
            .collect();
        // Once, "Bank" is a name.
        data.push(example(
            &["Bank", "said", "."],
            vec![EntitySpan {
                words: 0..1,
                kind: 0,
            }],
        ));
        data.push(example(&["rarely"], vec![]));
        let outside = outside_words(&data, 20, 0.999);
        let has = |w: &str| outside.contains_key(&WordInfo::new(w).form);
        assert!(has("said") && has("."));
        assert!(!has("Bank"), "once in a name");
        assert!(!has("rarely"), "too rare");
        assert!(outside_words(&data, 20, 1.5).is_empty());
    }

    #[test]
    fn an_outside_word_is_outside_whatever_the_weights_say() {
        let words = crate::words::infos(&["Amid", "Kabul"]);
        let input = NerInput {
            words: &words,
            tags: &[0, 0],
            heads: &[None, Some(0)],
            labels: &[0, 0],
        };
        let gazetteer = Gazetteer::values(&words, |_| None);
        let lexicon = lexicon_values(&words, &Lexicon::default());
        let word_values = vec![PAD; words.len()];
        let ctx = contexts(&input, &[0], &gazetteer, &lexicon, &word_values);
        let classes = 3;
        // Weights that favour B-0 for every word.
        let score = |_: &[u64], s: &mut [f32]| s[1] += 1.0;
        let trans = vec![0.0f32; (classes + 1) * classes];
        let free = Lattice::build(&input, &ctx, classes, false, &[], &score).decode(&trans);
        assert_eq!(free, vec![1, 1]);
        let marked = Lattice::build(&input, &ctx, classes, false, &[true, false], &score);
        assert_eq!(marked.decode(&trans), vec![OUTSIDE, 1]);
    }
}
