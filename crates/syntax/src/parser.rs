//! Labelled dependency parser: greedy arc-eager transitions (root at the front, one root child)
//! scored by an averaged perceptron with the rich feature set of Zhang & Nivre (2011) —
//! distance, valency, second- and third-order children, label sets — trained with the dynamic
//! oracle of Goldberg & Nivre (2012) so it learns to recover from its own mistakes. Each arc is
//! labelled as it is made by a second perceptron (full UD relations with subtypes), and the
//! labels feed later decisions.

use std::collections::HashMap;

use crate::Rng;
use crate::binio::{BinReader, BinWriter, FormatError};
use crate::perceptron::{
    HashKeyed, SparseModel, Trainer, ValueCounts, argmax_allowed, feature, feature2, feature3,
    learn_shuffles, mix,
};
use crate::words::{PAD, WordInfo};

const NONE: u32 = u32::MAX;
const SHIFT: usize = 0;
const REDUCE: usize = 1;
const LEFT: usize = 2;
const RIGHT: usize = 3;
const ACTIONS: usize = 4;

const ROOT_WORD: u64 = 0x524f_4f54_5f57;
const NO_TAG: u64 = 0x004e_4f54_4147;
const NO_LABEL: u64 = 0x004e_4f4c_4142;

/// A parsed sentence: per word, the head (0-based word index, `None` = root) and the label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parse {
    /// Head of each word; `None` for the root word.
    pub heads: Vec<Option<u32>>,
    /// Relation of each word to its head (index into [`Parser::labels`]).
    pub labels: Vec<u16>,
}

/// Parser state. Words are numbered 1..=n; 0 is the artificial root.
#[derive(Clone)]
struct State<'a> {
    words: &'a [WordInfo],
    tags: &'a [u16],
    stack: Vec<u32>,
    next: u32,
    n: u32,
    heads: Vec<u32>,
    labels: Vec<u16>,
    left1: Vec<u32>,
    left2: Vec<u32>,
    right1: Vec<u32>,
    right2: Vec<u32>,
    left_count: Vec<u16>,
    right_count: Vec<u16>,
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
    /// No arc leaves the artificial root while parsing: the words left without a head at the
    /// end decide the root (`ParserConfig::late_root`).
    late_root: bool,
}

impl<'a> State<'a> {
    fn new(words: &'a [WordInfo], tags: &'a [u16], late_root: bool) -> State<'a> {
        let n = words.len() as u32;
        let size = words.len() + 1;
        State {
            words,
            tags,
            stack: vec![0],
            next: 1,
            n,
            heads: vec![NONE; size],
            labels: vec![0; size],
            left1: vec![NONE; size],
            left2: vec![NONE; size],
            right1: vec![NONE; size],
            right2: vec![NONE; size],
            left_count: vec![0; size],
            right_count: vec![0; size],
            left_labels: vec![0; size],
            right_labels: vec![0; size],
            late_root,
        }
    }

    fn done(&self) -> bool {
        self.next > self.n
    }

    /// Become a copy of `other`, reusing this state's buffers.
    fn copy_from(&mut self, other: &State<'a>) {
        self.words = other.words;
        self.tags = other.tags;
        self.stack.clone_from(&other.stack);
        self.next = other.next;
        self.n = other.n;
        self.heads.clone_from(&other.heads);
        self.labels.clone_from(&other.labels);
        self.left1.clone_from(&other.left1);
        self.left2.clone_from(&other.left2);
        self.right1.clone_from(&other.right1);
        self.right2.clone_from(&other.right2);
        self.left_count.clone_from(&other.left_count);
        self.right_count.clone_from(&other.right_count);
        self.left_labels.clone_from(&other.left_labels);
        self.right_labels.clone_from(&other.right_labels);
        self.late_root = other.late_root;
    }

    fn s0(&self) -> u32 {
        *self.stack.last().unwrap_or(&NONE)
    }

    fn legal(&self, action: usize) -> bool {
        let s0 = self.s0();
        let buffer = !self.done();
        match action {
            SHIFT => buffer,
            REDUCE => s0 != NONE && s0 != 0 && self.heads[s0 as usize] != NONE,
            LEFT => buffer && s0 != NONE && s0 != 0 && self.heads[s0 as usize] == NONE,
            RIGHT => {
                buffer && s0 != NONE && (s0 != 0 || (!self.late_root && self.right1[0] == NONE))
            }
            _ => false,
        }
    }

    fn add_arc(&mut self, head: u32, dep: u32, label: u16) {
        let (h, d) = (head as usize, dep as usize);
        self.heads[d] = head;
        self.labels[d] = label;
        let bit = 1u64 << (label % 64);
        if dep < head {
            if self.left1[h] == NONE || dep < self.left1[h] {
                self.left2[h] = self.left1[h];
                self.left1[h] = dep;
            } else if self.left2[h] == NONE || dep < self.left2[h] {
                self.left2[h] = dep;
            }
            self.left_count[h] += 1;
            self.left_labels[h] |= bit;
        } else {
            if self.right1[h] == NONE || dep > self.right1[h] {
                self.right2[h] = self.right1[h];
                self.right1[h] = dep;
            } else if self.right2[h] == NONE || dep > self.right2[h] {
                self.right2[h] = dep;
            }
            self.right_count[h] += 1;
            self.right_labels[h] |= bit;
        }
    }

    /// The arc an action would add, as (head, dependent).
    fn arc_of(&self, action: usize) -> Option<(u32, u32)> {
        match action {
            LEFT => Some((self.next, self.s0())),
            RIGHT => Some((self.s0(), self.next)),
            _ => None,
        }
    }

    fn apply(&mut self, action: usize, label: u16) {
        match action {
            SHIFT => {
                self.stack.push(self.next);
                self.next += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            LEFT => {
                let s0 = self.stack.pop().unwrap_or(NONE);
                self.add_arc(self.next, s0, label);
            }
            _ => {
                let s0 = self.s0();
                self.add_arc(s0, self.next, label);
                self.stack.push(self.next);
                self.next += 1;
            }
        }
    }

    // --- attribute lookups (NONE-safe) ---
    fn word(&self, p: u32) -> u64 {
        match p {
            NONE => PAD,
            0 => ROOT_WORD,
            p => self.words[p as usize - 1].lower,
        }
    }
    fn info(&self, p: u32) -> Option<&WordInfo> {
        if p == NONE || p == 0 || p > self.n {
            None
        } else {
            Some(&self.words[p as usize - 1])
        }
    }
    fn tag(&self, p: u32) -> u64 {
        match p {
            NONE => NO_TAG,
            0 => ROOT_WORD,
            p if p > self.n => NO_TAG,
            p => u64::from(self.tags[p as usize - 1]),
        }
    }
    fn label(&self, p: u32) -> u64 {
        if p == NONE || self.heads[p as usize] == NONE {
            NO_LABEL
        } else {
            u64::from(self.labels[p as usize])
        }
    }
    fn get(&self, v: &[u32], p: u32) -> u32 {
        if p == NONE { NONE } else { v[p as usize] }
    }
    fn head(&self, p: u32) -> u32 {
        self.get(&self.heads, p)
    }
    fn n_at(&self, k: u32) -> u32 {
        let p = self.next + k;
        if p <= self.n { p } else { NONE }
    }

    fn features(&self, clusters: bool, out: &mut Vec<u64>) {
        out.clear();
        let s0 = self.s0();
        let s1 = if self.stack.len() >= 2 {
            self.stack[self.stack.len() - 2]
        } else {
            NONE
        };
        let n0 = self.n_at(0);
        let n1 = self.n_at(1);
        let n2 = self.n_at(2);
        let (s0w, s0t) = (self.word(s0), self.tag(s0));
        let (n0w, n0t) = (self.word(n0), self.tag(n0));
        let (n1w, n1t) = (self.word(n1), self.tag(n1));
        let (n2w, n2t) = (self.word(n2), self.tag(n2));
        let s0h = self.head(s0);
        let s0h2 = self.head(s0h);
        let s0l = self.get(&self.left1, s0);
        let s0r = self.get(&self.right1, s0);
        let s0l2 = self.get(&self.left2, s0);
        let s0r2 = self.get(&self.right2, s0);
        let n0l = self.get(&self.left1, n0);
        let n0l2 = self.get(&self.left2, n0);
        let dist = if s0 == NONE || n0 == NONE {
            0
        } else {
            u64::from(match n0 - s0 {
                d @ 0..=4 => d,
                5..=6 => 5,
                7..=9 => 6,
                10..=14 => 7,
                _ => 8,
            })
        };
        let count = |v: &[u16], p: u32| {
            if p == NONE {
                99
            } else {
                u64::from(v[p as usize])
            }
        };
        let set = |v: &[u64], p: u32| if p == NONE { 1 } else { v[p as usize] };
        let s0vl = count(&self.left_count, s0);
        let s0vr = count(&self.right_count, s0);
        let n0vl = count(&self.left_count, n0);
        let s0sl = set(&self.left_labels, s0);
        let s0sr = set(&self.right_labels, s0);
        let n0sl = set(&self.left_labels, n0);
        let s0wt = feature2(900, s0w, s0t);
        let n0wt = feature2(901, n0w, n0t);

        out.push(feature(0, 0));
        // single words
        out.push(feature(1, s0w));
        out.push(feature(2, s0t));
        out.push(feature(3, s0wt));
        out.push(feature(4, n0w));
        out.push(feature(5, n0t));
        out.push(feature(6, n0wt));
        out.push(feature(7, n1w));
        out.push(feature(8, n1t));
        out.push(feature2(9, n1w, n1t));
        out.push(feature(10, n2w));
        out.push(feature(11, n2t));
        out.push(feature2(12, n2w, n2t));
        // pairs
        out.push(feature2(13, s0wt, n0wt));
        out.push(feature2(14, s0wt, n0w));
        out.push(feature2(15, s0w, n0wt));
        out.push(feature2(16, s0wt, n0t));
        out.push(feature2(17, s0t, n0wt));
        out.push(feature2(18, s0w, n0w));
        out.push(feature2(19, s0t, n0t));
        out.push(feature2(20, n0t, n1t));
        // triples of tags
        out.push(feature3(21, n0t, n1t, n2t));
        out.push(feature3(22, s0t, n0t, n1t));
        out.push(feature3(23, self.tag(s0h), s0t, n0t));
        out.push(feature3(24, s0t, self.tag(s0l), n0t));
        out.push(feature3(25, s0t, self.tag(s0r), n0t));
        out.push(feature3(26, s0t, n0t, self.tag(n0l)));
        // distance
        out.push(feature2(27, s0w, dist));
        out.push(feature2(28, s0t, dist));
        out.push(feature2(29, n0w, dist));
        out.push(feature2(30, n0t, dist));
        out.push(feature3(31, s0w, n0w, dist));
        out.push(feature3(32, s0t, n0t, dist));
        // valency
        out.push(feature2(33, s0w, s0vr));
        out.push(feature2(34, s0t, s0vr));
        out.push(feature2(35, s0w, s0vl));
        out.push(feature2(36, s0t, s0vl));
        out.push(feature2(37, n0w, n0vl));
        out.push(feature2(38, n0t, n0vl));
        // second order
        out.push(feature(39, self.word(s0h)));
        out.push(feature(40, self.tag(s0h)));
        out.push(feature(41, self.label(s0)));
        out.push(feature(42, self.word(s0l)));
        out.push(feature(43, self.tag(s0l)));
        out.push(feature(44, self.label(s0l)));
        out.push(feature(45, self.word(s0r)));
        out.push(feature(46, self.tag(s0r)));
        out.push(feature(47, self.label(s0r)));
        out.push(feature(48, self.word(n0l)));
        out.push(feature(49, self.tag(n0l)));
        out.push(feature(50, self.label(n0l)));
        // third order
        out.push(feature(51, self.word(s0h2)));
        out.push(feature(52, self.tag(s0h2)));
        out.push(feature(53, self.label(s0h)));
        out.push(feature(54, self.word(s0l2)));
        out.push(feature(55, self.tag(s0l2)));
        out.push(feature(56, self.label(s0l2)));
        out.push(feature(57, self.word(s0r2)));
        out.push(feature(58, self.tag(s0r2)));
        out.push(feature(59, self.label(s0r2)));
        out.push(feature(60, self.word(n0l2)));
        out.push(feature(61, self.tag(n0l2)));
        out.push(feature(62, self.label(n0l2)));
        out.push(feature3(63, s0t, self.tag(s0l), self.tag(s0l2)));
        out.push(feature3(64, s0t, self.tag(s0r), self.tag(s0r2)));
        out.push(feature3(65, s0t, self.tag(s0h), self.tag(s0h2)));
        out.push(feature3(66, n0t, self.tag(n0l), self.tag(n0l2)));
        // label sets
        out.push(feature2(67, s0w, s0sr));
        out.push(feature2(68, s0t, s0sr));
        out.push(feature2(69, s0w, s0sl));
        out.push(feature2(70, s0t, s0sl));
        out.push(feature2(71, n0w, n0sl));
        out.push(feature2(72, n0t, n0sl));
        // second stack word, and the words around the gap between s0 and n0
        let s1t = self.tag(s1);
        out.push(feature(73, self.word(s1)));
        out.push(feature(74, s1t));
        out.push(feature3(75, s1t, s0t, n0t));
        out.push(feature3(76, s1t, s0t, self.label(s1)));
        let after_s0 = if s0 == NONE { NONE } else { s0 + 1 };
        let before_n0 = if n0 == NONE { NONE } else { n0 - 1 };
        out.push(feature3(77, s0t, self.tag(after_s0), n0t));
        out.push(feature3(78, s0t, self.tag(before_n0), n0t));
        out.push(feature3(79, s0t, n0t, self.label(s0l)));
        // unknown-word help: suffixes and shape
        let s0i = self.info(s0);
        let n0i = self.info(n0);
        out.push(feature2(80, s0i.map_or(PAD, |w| w.suffix[2]), n0t));
        out.push(feature2(81, n0i.map_or(PAD, |w| w.suffix[2]), s0t));
        out.push(feature2(82, n0i.map_or(PAD, |w| w.shape), s0t));
        out.push(feature3(
            83,
            s0t,
            n0t,
            u64::from(self.stack.len().min(4) as u8),
        ));
        if clusters {
            // Brown clusters of the words in focus, alone and with the other's tag (Koo,
            // Carreras and Collins 2008): the word classes the treebank's words stand for.
            let c = |p: u32, k: usize| self.info(p).map_or(PAD, |w| w.cluster[k]);
            out.push(feature(84, c(s0, 3)));
            out.push(feature(85, c(n0, 3)));
            out.push(feature(86, c(n1, 3)));
            out.push(feature2(87, c(s0, 1), n0t));
            out.push(feature2(88, s0t, c(n0, 1)));
            out.push(feature2(89, c(s0, 3), n0t));
            out.push(feature2(90, s0t, c(n0, 3)));
            out.push(feature2(91, c(s0, 1), c(n0, 1)));
            out.push(feature3(92, s0t, n0t, c(n1, 1)));
            out.push(feature2(93, c(s0h, 1), s0t));
        }
    }

    /// Features for labelling the arc `head → dep`.
    fn label_features(&self, clusters: bool, head: u32, dep: u32, out: &mut Vec<u64>) {
        out.clear();
        let dir = u64::from(dep < head);
        let hw = self.word(head);
        let ht = self.tag(head);
        let dw = self.word(dep);
        let dt = self.tag(dep);
        let dist = u64::from(head.abs_diff(dep).min(8));
        let dl = self.get(&self.left1, dep);
        let dr = self.get(&self.right1, dep);
        let hl = self.get(&self.left1, head);
        let hh = self.head(head);
        let set = |v: &[u64], p: u32| v[p as usize];
        let di = self.info(dep);
        out.push(feature(0, dir));
        out.push(feature2(1, dw, dir));
        out.push(feature2(2, dt, dir));
        out.push(feature2(3, hw, dir));
        out.push(feature2(4, ht, dir));
        out.push(feature3(5, dt, ht, dir));
        out.push(feature3(6, dw, ht, dir));
        out.push(feature3(7, dt, hw, dir));
        out.push(feature3(8, dw, hw, dir));
        out.push(feature3(9, dt, ht, dist));
        out.push(feature3(10, dt, self.word(dl), dir));
        out.push(feature3(11, ht, self.word(dl), dt));
        out.push(feature3(12, dt, self.tag(dl), self.label(dl)));
        out.push(feature3(13, dt, set(&self.left_labels, dep), dir));
        out.push(feature3(14, dt, set(&self.right_labels, dep), dir));
        out.push(feature3(15, ht, set(&self.left_labels, head), dir));
        out.push(feature3(16, ht, set(&self.right_labels, head), dir));
        out.push(feature3(17, dt, self.tag(dep + 1), ht));
        out.push(feature3(18, dt, self.tag(dep.wrapping_sub(1)), ht));
        out.push(feature3(19, ht, self.tag(hh), self.label(head)));
        out.push(feature3(20, dt, ht, self.label(head)));
        out.push(feature2(21, di.map_or(PAD, |w| w.suffix[2]), ht));
        out.push(feature2(22, di.map_or(PAD, |w| w.shape), dt));
        out.push(feature3(23, dt, self.tag(dr), self.label(dr)));
        out.push(feature3(24, ht, self.tag(hl), self.label(hl)));
        out.push(feature3(25, dw, self.word(dl), ht));
        out.push(feature3(26, hw, dt, self.word(dl)));
        out.push(feature3(27, dt, ht, self.tag(head + 1)));
        out.push(feature3(28, dt, ht, u64::from(head == 0)));
        if clusters {
            let c = |p: u32, k: usize| self.info(p).map_or(PAD, |w| w.cluster[k]);
            out.push(feature3(29, c(dep, 3), ht, dir));
            out.push(feature3(30, dt, c(head, 3), dir));
            out.push(feature3(31, c(dep, 1), c(head, 1), dir));
        }
    }
}

/// The trained parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Parser {
    actions: SparseModel,
    labeller: SparseModel,
    labels: Vec<String>,
    root_label: u16,
    beam: usize,
    /// Whether the features read the words' Brown clusters.
    clusters: bool,
    /// Whether the root is chosen at the end of the sentence (`ParserConfig::late_root`).
    late_root: bool,
    /// [`label_key`] of a dependent's and its head's tags and their order → the label, for
    /// the tag pairs whose arcs nearly always had one label in training (`sure_labels`):
    /// such an arc is labelled without scoring.
    sure_labels: HashKeyed<u16>,
}

/// The key of [`Parser`]'s sure labels: the dependent's tag, the head's tag (tag values as
/// the features read them) and whether the dependent comes first.
fn label_key(dep_tag: u64, head_tag: u64, dep_first: bool) -> u64 {
    mix(mix(dep_tag, head_tag), u64::from(dep_first))
}

/// The tag pairs ([`label_key`]) of at least `min_count` gold arcs in `data` with one label at
/// least `min_share` of the time, and that label: mostly punctuation, then prepositions and
/// determiners before nouns, infinitival `to` and the like.
fn sure_labels(data: &[ParserExample], min_count: u32, min_share: f32) -> HashKeyed<u16> {
    let mut counts = ValueCounts::default();
    for e in data {
        for (d, (&h, &label)) in e.heads.iter().zip(&e.labels).enumerate() {
            let Some(head_tag) = (h as usize).checked_sub(1).and_then(|h| e.tags.get(h)) else {
                continue;
            };
            let key = label_key(
                u64::from(e.tags[d]),
                u64::from(*head_tag),
                d + 1 < h as usize,
            );
            counts.add(key, label);
        }
    }
    counts.dominant(min_count, min_share)
}

impl Parser {
    /// The relation labels.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// `(present buckets, stored weights)` of the transition and label tables.
    pub fn counts(&self) -> [(usize, usize); 2] {
        [self.actions.counts(), self.labeller.counts()]
    }

    /// Size of the weights in bytes.
    pub fn byte_size(&self) -> usize {
        self.actions.byte_size() + self.labeller.byte_size()
    }

    fn choose_label(
        &self,
        state: &State,
        head: u32,
        dep: u32,
        feats: &mut Vec<u64>,
        scores: &mut [f32],
    ) -> u16 {
        if head == 0 {
            return self.root_label;
        }
        if let Some(&label) =
            self.sure_labels
                .get(&label_key(state.tag(dep), state.tag(head), dep < head))
        {
            return label;
        }
        state.label_features(self.clusters, head, dep, feats);
        scores.iter_mut().for_each(|s| *s = 0.0);
        score_labels(&self.labeller, feats, scores);
        let root = self.root_label as usize;
        argmax_allowed(scores, |i| i != root).unwrap_or(0) as u16
    }

    /// Beam width used when parsing (1 = greedy).
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// Parse with another beam width (1 = greedy); the weights stay the same. For experiments
    /// only: a model decodes well only with the width it was trained with (a beam-trained model
    /// parsed greedily, or a greedy one with a beam, loses 2–5 points of LAS).
    pub fn set_beam(&mut self, width: usize) {
        self.beam = width.max(1);
    }

    /// Parse a tagged sentence (`tags` are tagger class indices).
    pub fn parse(&self, words: &[WordInfo], tags: &[u16]) -> Parse {
        if self.beam > 1 {
            return self.parse_beam(words, tags);
        }
        let mut state = State::new(words, tags, self.late_root);
        let mut feats = Vec::with_capacity(96);
        let mut label_feats = Vec::with_capacity(32);
        let mut label_scores = vec![0.0f32; self.labels.len()];
        while !state.done() {
            // A state that allows one action only (a shift onto a stack holding just the
            // root, say) takes it without scoring: the argmax below could choose no other.
            let mut allowed = (0..ACTIONS).filter(|&a| state.legal(a));
            let action = match (allowed.next(), allowed.next()) {
                (Some(only), None) => only,
                _ => {
                    state.features(self.clusters, &mut feats);
                    let mut scores = [0.0f32; ACTIONS];
                    score_actions(&self.actions, &feats, &mut scores);
                    argmax_allowed(&scores, |a| state.legal(a)).unwrap_or(SHIFT)
                }
            };
            let label = match state.arc_of(action) {
                Some((h, d)) => {
                    self.choose_label(&state, h, d, &mut label_feats, &mut label_scores)
                }
                None => 0,
            };
            state.apply(action, label);
        }
        self.finish(&mut state, &mut label_feats, &mut label_scores)
    }

    /// Beam search over transition sequences; hypotheses whose buffer is empty are carried
    /// over unchanged until every hypothesis is done.
    fn parse_beam(&self, words: &[WordInfo], tags: &[u16]) -> Parse {
        let width = self.beam;
        let mut beam: Vec<(State, f32)> = vec![(State::new(words, tags, self.late_root), 0.0)];
        let mut spare: Vec<(State, f32)> = Vec::with_capacity(width);
        let mut feats = Vec::with_capacity(96);
        let mut label_feats = Vec::with_capacity(32);
        let mut label_scores = vec![0.0f32; self.labels.len()];
        let mut candidates: Vec<(f32, usize, usize)> = Vec::with_capacity(width * ACTIONS);
        // Hypotheses often share their local configuration: scores and labels are cached by
        // the hash of their feature vector.
        let mut action_cache: HashKeyed<[f32; ACTIONS]> = HashKeyed::default();
        let mut label_cache: HashKeyed<u16> = HashKeyed::default();
        while !beam.iter().all(|(s, _)| s.done()) {
            candidates.clear();
            for (k, (state, score)) in beam.iter().enumerate() {
                if state.done() {
                    candidates.push((*score, k, ACTIONS));
                    continue;
                }
                state.features(self.clusters, &mut feats);
                let scores = *action_cache.entry(fold(&feats)).or_insert_with(|| {
                    let mut scores = [0.0f32; ACTIONS];
                    score_actions(&self.actions, &feats, &mut scores);
                    scores
                });
                for (a, &s) in scores.iter().enumerate() {
                    if state.legal(a) {
                        candidates.push((score + s, k, a));
                    }
                }
            }
            top(&mut candidates, width);
            for (i, &(score, k, a)) in candidates.iter().enumerate() {
                if i < spare.len() {
                    spare[i].0.copy_from(&beam[k].0);
                    spare[i].1 = score;
                } else {
                    spare.push((beam[k].0.clone(), score));
                }
                let state = &mut spare[i].0;
                if a < ACTIONS {
                    let label = match state.arc_of(a) {
                        Some((0, _)) => self.root_label,
                        Some((h, d)) => {
                            state.label_features(self.clusters, h, d, &mut label_feats);
                            *label_cache.entry(fold(&label_feats)).or_insert_with(|| {
                                label_scores.iter_mut().for_each(|s| *s = 0.0);
                                score_labels(&self.labeller, &label_feats, &mut label_scores);
                                let root = self.root_label as usize;
                                argmax_allowed(&label_scores, |i| i != root).unwrap_or(0) as u16
                            })
                        }
                        None => 0,
                    };
                    state.apply(a, label);
                }
            }
            spare.truncate(candidates.len());
            std::mem::swap(&mut beam, &mut spare);
        }
        let best = (0..beam.len())
            .max_by(|&a, &b| beam[a].1.total_cmp(&beam[b].1))
            .unwrap_or(0);
        let mut state = beam.swap_remove(best).0;
        self.finish(&mut state, &mut label_feats, &mut label_scores)
    }

    /// Attach words left without a head, and read off the tree.
    fn finish(&self, state: &mut State, feats: &mut Vec<u64>, scores: &mut [f32]) -> Parse {
        for d in 1..=state.n {
            if state.heads[d as usize] == NONE {
                let head = if state.right1[0] == NONE {
                    0
                } else {
                    state.right1[0]
                };
                let label = self.choose_label(state, head, d, feats, scores);
                state.add_arc(head, d, label);
            }
        }
        let heads = (1..=state.n as usize)
            .map(|d| match state.heads[d] {
                0 => None,
                h => Some(h - 1),
            })
            .collect();
        let labels = state.labels[1..].to_vec();
        Parse { heads, labels }
    }

    pub(crate) fn write(&self, w: &mut BinWriter) {
        w.strs(&self.labels);
        w.u32(u32::from(self.root_label));
        w.u32(self.beam as u32);
        w.u32(u32::from(self.clusters));
        w.u32(u32::from(self.late_root));
        w.keyed(&self.sure_labels);
        self.actions.write(w);
        self.labeller.write(w);
    }

    pub(crate) fn read(r: &mut BinReader) -> Result<Parser, FormatError> {
        let labels = r.strs()?;
        let root_label = r.u32()?;
        let beam = r.u32()?.clamp(1, 64) as usize;
        let clusters = r.u32()? != 0;
        let late_root = r.u32()? != 0;
        let sure_labels: HashKeyed<u16> = r.keyed("sure-label table lengths differ")?;
        let actions = SparseModel::read(r)?;
        let labeller = SparseModel::read(r)?;
        if actions.classes() != ACTIONS
            || labeller.classes() != labels.len()
            || root_label as usize >= labels.len()
            || sure_labels
                .values()
                .any(|&l| usize::from(l) >= labels.len())
        {
            return Err(r.error("parser tables do not match its label list"));
        }
        Ok(Parser {
            actions,
            labeller,
            labels,
            root_label: root_label as u16,
            beam,
            clusters,
            late_root,
            sure_labels,
        })
    }
}

/// One hash of a feature vector (the features are hashes already).
fn fold(features: &[u64]) -> u64 {
    features.iter().fold(0x243F_6A88_85A3_08D3u64, |h, &f| {
        (h ^ f).rotate_left(23).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    })
}

/// Keep the `width` best candidates (highest score first; ties keep the earlier).
fn top(candidates: &mut Vec<(f32, usize, usize)>, width: usize) {
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0));
    candidates.truncate(width);
}

#[inline(never)]
fn score_actions(model: &SparseModel, feats: &[u64], scores: &mut [f32]) {
    model.score(feats, scores);
}

#[inline(never)]
fn score_labels(model: &SparseModel, feats: &[u64], scores: &mut [f32]) {
    model.score(feats, scores);
}

/// A training sentence for the parser.
pub struct ParserExample {
    /// Word attributes.
    pub words: Vec<WordInfo>,
    /// Tagger classes (predicted, for realistic training).
    pub tags: Vec<u16>,
    /// Gold heads, 1-based with 0 = root (as in CoNLL-U).
    pub heads: Vec<u32>,
    /// Gold label indices.
    pub labels: Vec<u16>,
}

/// Settings for training the parser.
#[derive(Debug, Clone, Copy)]
pub struct ParserConfig {
    /// Passes over the data.
    pub epochs: usize,
    /// Epochs trained on the oracle's path before following the model's own predictions.
    pub static_epochs: usize,
    /// Chance of following the model's (possibly wrong) prediction afterwards.
    pub explore: f64,
    /// log2 buckets of the transition model.
    pub action_bits: u32,
    /// log2 buckets of the labeller.
    pub label_bits: u32,
    /// Averaged weights below this magnitude are dropped.
    pub prune: f32,
    /// At most this many transition weights are kept (the largest).
    pub max_weights: usize,
    /// At most this many labeller weights are kept (the largest).
    pub max_label_weights: usize,
    /// Shuffling seed.
    pub seed: u64,
    /// Greedy parsers trained on different shuffles (seeds `seed`, `seed + 1`, …) whose
    /// averaged weights are mixed into one (see `Trainer::mix`); 1 trains one. The default,
    /// four, gave +0.2 to +0.6 LAS on the EWT dev halves (`docs/syntax.md`).
    pub shuffles: usize,
    /// Beam width (1 = greedy with the dynamic oracle; more = beam search trained as a
    /// global perceptron with max-violation updates).
    pub beam: usize,
    /// Read the words' Brown clusters (when the training has a cluster table).
    pub clusters: bool,
    /// Make no arc from the artificial root while parsing: the root is the first word left
    /// without a head when the buffer is empty, and the others hang on it. With the root
    /// at the front and arcs from it allowed, the greedy parser must decide whether a word
    /// is the sentence's root when it first reaches the word ("Laura" in "Laura and I
    /// are …"); here the decision waits for the end (the "none" root placement of
    /// Ballesteros and Nivre 2013).
    pub late_root: bool,
    /// Arcs between a pair of tags seen at least this many times in training …
    pub sure_label_min_count: u32,
    /// … with one label at least this share of the time get that label without scoring
    /// (`sure_labels`). A share above 1 turns the shortcut off.
    pub sure_label_min_share: f32,
}

impl Default for ParserConfig {
    fn default() -> Self {
        ParserConfig {
            beam: 1,
            epochs: 15,
            static_epochs: 1,
            explore: 0.9,
            action_bits: 22,
            label_bits: 20,
            prune: 0.05,
            // The mix of four holds more distinct weights than one parser; these caps keep
            // the model under 30 MB at the same accuracy.
            max_weights: 2_600_000,
            max_label_weights: 750_000,
            seed: 11,
            shuffles: 4,
            clusters: true,
            late_root: true,
            sure_label_min_count: 50,
            sure_label_min_share: 0.995,
        }
    }
}

/// Make a tree projective by lifting the shortest non-projective arc to the grandparent until
/// none is left. `heads` are 1-based with 0 = root.
pub fn projectivize(heads: &mut [u32]) {
    let n = heads.len();
    let dominates = |heads: &[u32], h: u32, mut k: u32| {
        let mut steps = 0;
        while k != 0 && steps <= n {
            if k == h {
                return true;
            }
            k = heads[k as usize - 1];
            steps += 1;
        }
        h == 0
    };
    loop {
        let mut worst: Option<(u32, usize)> = None;
        for d in 1..=n {
            let h = heads[d - 1];
            let (lo, hi) = if (h as usize) < d {
                (h as usize, d)
            } else {
                (d, h as usize)
            };
            let crossing = (lo + 1..hi).any(|k| !dominates(heads, h, k as u32));
            if crossing {
                let len = (hi - lo) as u32;
                if worst.is_none_or(|(l, _)| len < l) {
                    worst = Some((len, d));
                }
            }
        }
        match worst {
            Some((_, d)) => {
                let h = heads[d - 1];
                if h == 0 {
                    return;
                }
                heads[d - 1] = heads[h as usize - 1];
            }
            None => return,
        }
    }
}

struct Oracle<'a> {
    gold: &'a [u32],
}

impl Oracle<'_> {
    fn gold_head(&self, d: u32) -> u32 {
        self.gold[d as usize - 1]
    }

    /// Gold dependents of `h` still in the buffer.
    fn buffer_deps(&self, state: &State, h: u32) -> u32 {
        (state.next..=state.n)
            .filter(|&k| self.gold_head(k) == h)
            .count() as u32
    }

    /// Words on the stack without a head whose gold head is `b`.
    fn stack_deps(&self, state: &State, b: u32) -> u32 {
        state
            .stack
            .iter()
            .filter(|&&k| k != 0 && state.heads[k as usize] == NONE && self.gold_head(k) == b)
            .count() as u32
    }

    /// Number of gold arcs the action makes unreachable (Goldberg & Nivre 2012, arc-eager).
    /// With a late root, the gold root's arc stays reachable while the word has no head.
    fn cost(&self, state: &State, action: usize) -> u32 {
        let s0 = state.s0();
        let b = state.next;
        let on_stack = |k: u32| state.stack.contains(&k);
        match action {
            SHIFT => {
                let g = self.gold_head(b);
                u32::from(on_stack(g) && !(state.late_root && g == 0)) + self.stack_deps(state, b)
            }
            RIGHT => {
                // The artificial root is on the stack, so a late root's arc counts as lost.
                let g = self.gold_head(b);
                u32::from(g != s0 && (g > b || on_stack(g))) + self.stack_deps(state, b)
            }
            LEFT => {
                let g = self.gold_head(s0);
                u32::from(g > b || (state.late_root && g == 0)) + self.buffer_deps(state, s0)
            }
            _ => self.buffer_deps(state, s0),
        }
    }
}

/// Train a parser.
pub fn train(data: &[ParserExample], labels: Vec<String>, config: ParserConfig) -> Parser {
    let root_label = labels.iter().position(|l| l == "root").unwrap_or(0) as u16;
    let sure_labels = sure_labels(
        data,
        config.sure_label_min_count,
        config.sure_label_min_share,
    );
    let projective: Vec<Vec<u32>> = data
        .iter()
        .map(|e| {
            let mut h = e.heads.clone();
            projectivize(&mut h);
            h
        })
        .collect();
    // One greedy or beam training with the shuffling seed `seed`.
    let learn = |seed: u64| {
        let mut actions = Trainer::new(ACTIONS, config.action_bits);
        let mut labeller = Trainer::new(labels.len(), config.label_bits);
        let config = ParserConfig { seed, ..config };
        if config.beam > 1 {
            train_beam(
                data,
                &projective,
                root_label,
                &mut actions,
                &mut labeller,
                config,
            );
        } else {
            learn_greedy(
                data,
                &projective,
                root_label,
                config,
                &mut actions,
                &mut labeller,
            );
        }
        [actions, labeller]
    };
    // Beam training is not mixed.
    let shuffles = if config.beam > 1 { 1 } else { config.shuffles };
    let [actions, labeller] = learn_shuffles(shuffles, config.seed, learn);
    Parser {
        actions: actions.finish(config.prune, config.max_weights),
        labeller: labeller.finish(config.prune, config.max_label_weights),
        labels,
        root_label,
        beam: config.beam,
        clusters: config.clusters,
        late_root: config.late_root,
        sure_labels,
    }
}

/// Greedy training with the dynamic oracle, shuffled with `config.seed`.
fn learn_greedy(
    data: &[ParserExample],
    projective: &[Vec<u32>],
    root_label: u16,
    config: ParserConfig,
    actions: &mut Trainer,
    labeller: &mut Trainer,
) {
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(config.seed);
    let mut feats = Vec::with_capacity(96);
    let mut label_feats = Vec::with_capacity(32);
    let mut label_scores = vec![0.0f32; labeller.classes()];
    for epoch in 0..config.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let example = &data[i];
            let oracle = Oracle {
                gold: &projective[i],
            };
            let mut state = State::new(&example.words, &example.tags, config.late_root);
            while !state.done() {
                state.features(config.clusters, &mut feats);
                let mut scores = [0.0f32; ACTIONS];
                actions.score(&feats, &mut scores);
                let legal: Vec<usize> = (0..ACTIONS).filter(|&a| state.legal(a)).collect();
                let costs: Vec<u32> = legal.iter().map(|&a| oracle.cost(&state, a)).collect();
                let min_cost = costs.iter().copied().min().unwrap_or(0);
                let best_of = |pred: &dyn Fn(usize) -> bool| {
                    legal
                        .iter()
                        .zip(&costs)
                        .filter(|(a, _)| pred(**a))
                        .max_by(|x, y| scores[*x.0].total_cmp(&scores[*y.0]))
                        .map(|(a, c)| (*a, *c))
                };
                let Some((guess, guess_cost)) = best_of(&|_| true) else {
                    break;
                };
                let zero: Vec<usize> = legal
                    .iter()
                    .zip(&costs)
                    .filter(|(_, c)| **c == min_cost)
                    .map(|(a, _)| *a)
                    .collect();
                let (best_gold, _) = best_of(&|a| zero.contains(&a)).unwrap_or((guess, 0));
                if guess_cost > min_cost {
                    actions.learn(&feats, best_gold, guess);
                }
                actions.tick();
                let follow = if guess_cost == min_cost
                    || (epoch >= config.static_epochs && rng.next_f64() < config.explore)
                {
                    guess
                } else {
                    best_gold
                };
                let label = match state.arc_of(follow) {
                    Some((0, _)) => root_label,
                    Some((h, d)) => {
                        state.label_features(config.clusters, h, d, &mut label_feats);
                        label_scores.iter_mut().for_each(|s| *s = 0.0);
                        labeller.score(&label_feats, &mut label_scores);
                        let root = root_label as usize;
                        let predicted = argmax_allowed(&label_scores, |l| l != root).unwrap_or(0);
                        if oracle.gold_head(d) == h {
                            let gold = example.labels[d as usize - 1] as usize;
                            labeller.learn(&label_feats, gold, predicted);
                            labeller.tick();
                            gold as u16
                        } else {
                            predicted as u16
                        }
                    }
                    None => 0,
                };
                state.apply(follow, label);
            }
        }
    }
}

/// The static oracle's transition sequence for a (projective) gold tree: at each step the
/// zero-cost action, preferring left-arc, right-arc, reduce, shift; arcs carry gold labels.
fn gold_sequence(
    example: &ParserExample,
    gold: &[u32],
    root_label: u16,
    late_root: bool,
) -> Vec<(usize, u16)> {
    let oracle = Oracle { gold };
    let mut state = State::new(&example.words, &example.tags, late_root);
    let mut out = Vec::with_capacity(2 * example.words.len());
    while !state.done() {
        let best = [LEFT, RIGHT, REDUCE, SHIFT]
            .into_iter()
            .filter(|&a| state.legal(a))
            .min_by_key(|&a| oracle.cost(&state, a));
        let Some(action) = best else { break };
        let label = match state.arc_of(action) {
            Some((0, _)) => root_label,
            Some((_, d)) => example.labels[d as usize - 1],
            None => 0,
        };
        out.push((action, label));
        state.apply(action, label);
    }
    out
}

/// Global training for beam search: the beam is scored with the current weights, the gold
/// sequence alongside; at the end the prefix pair with the largest violation (best
/// hypothesis scoring above the gold prefix of the same length) is updated, gold up and
/// hypothesis down. The labeller learns greedily on the gold path.
fn train_beam(
    data: &[ParserExample],
    projective: &[Vec<u32>],
    root_label: u16,
    actions: &mut Trainer,
    labeller: &mut Trainer,
    config: ParserConfig,
) {
    let width = config.beam;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(config.seed);
    let mut feats = Vec::with_capacity(96);
    let mut label_feats = Vec::with_capacity(32);
    let mut label_scores = vec![0.0f32; labeller.classes()];
    let root = root_label as usize;
    // History arena: (parent node, action, label); u32::MAX = start.
    let mut arena: Vec<(u32, u8, u16)> = Vec::new();
    let mut candidates: Vec<(f32, usize, usize)> = Vec::with_capacity(width * ACTIONS);
    for _epoch in 0..config.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let example = &data[i];
            let gold = gold_sequence(example, &projective[i], root_label, config.late_root);
            arena.clear();
            // (state, score, node, on the gold path)
            let mut beam: Vec<(State, f32, u32, bool)> = vec![(
                State::new(&example.words, &example.tags, config.late_root),
                0.0,
                u32::MAX,
                true,
            )];
            let mut gold_state = State::new(&example.words, &example.tags, config.late_root);
            let mut gold_score = 0.0f32;
            let mut gold_steps = 0usize;
            let mut worst: Option<(f32, u32, usize)> = None;
            let mut step = 0usize;
            while !(beam.iter().all(|b| b.0.done()) && gold_steps >= gold.len()) {
                // Advance the gold path (and train the labeller on it).
                if gold_steps < gold.len() {
                    let (a, l) = gold[gold_steps];
                    gold_state.features(config.clusters, &mut feats);
                    let mut scores = [0.0f32; ACTIONS];
                    actions.score(&feats, &mut scores);
                    gold_score += scores[a];
                    if let Some((h, d)) = gold_state.arc_of(a)
                        && h != 0
                    {
                        gold_state.label_features(config.clusters, h, d, &mut label_feats);
                        label_scores.iter_mut().for_each(|s| *s = 0.0);
                        labeller.score(&label_feats, &mut label_scores);
                        let predicted = argmax_allowed(&label_scores, |c| c != root).unwrap_or(0);
                        labeller.learn(&label_feats, l as usize, predicted);
                        labeller.tick();
                    }
                    gold_state.apply(a, l);
                    gold_steps += 1;
                }
                // Expand the beam.
                candidates.clear();
                for (k, (state, score, _, _)) in beam.iter().enumerate() {
                    if state.done() {
                        candidates.push((*score, k, ACTIONS));
                        continue;
                    }
                    state.features(config.clusters, &mut feats);
                    let mut scores = [0.0f32; ACTIONS];
                    actions.score(&feats, &mut scores);
                    for (a, &s) in scores.iter().enumerate() {
                        if state.legal(a) {
                            candidates.push((score + s, k, a));
                        }
                    }
                }
                top(&mut candidates, width);
                let mut next: Vec<(State, f32, u32, bool)> = Vec::with_capacity(width);
                for &(score, k, a) in &candidates {
                    let (ref parent, _, node, on_gold) = beam[k];
                    let mut state = parent.clone();
                    if a == ACTIONS {
                        next.push((state, score, node, on_gold && step >= gold.len()));
                        continue;
                    }
                    let on_gold = on_gold && gold.get(step).is_some_and(|g| g.0 == a);
                    let label = match state.arc_of(a) {
                        Some((0, _)) => root_label,
                        Some(_) if on_gold => gold[step].1,
                        Some((h, d)) => {
                            state.label_features(config.clusters, h, d, &mut label_feats);
                            label_scores.iter_mut().for_each(|s| *s = 0.0);
                            labeller.score(&label_feats, &mut label_scores);
                            argmax_allowed(&label_scores, |c| c != root).unwrap_or(0) as u16
                        }
                        None => 0,
                    };
                    state.apply(a, label);
                    arena.push((node, a as u8, label));
                    next.push((state, score, (arena.len() - 1) as u32, on_gold));
                }
                beam = next;
                step += 1;
                let (_, best_score, best_node, best_gold) = &beam[0];
                let violation = best_score - gold_score;
                if !best_gold && violation >= worst.map_or(0.0, |w| w.0) {
                    worst = Some((violation, *best_node, gold_steps));
                }
            }
            if let Some((_, node, gold_len)) = worst {
                // The hypothesis' history, oldest first.
                let mut history = Vec::new();
                let mut at = node;
                while at != u32::MAX {
                    let (parent, a, l) = arena[at as usize];
                    history.push((usize::from(a), l));
                    at = parent;
                }
                history.reverse();
                for (sequence, delta) in [(&gold[..gold_len], 1.0f32), (&history[..], -1.0)] {
                    let mut state = State::new(&example.words, &example.tags, config.late_root);
                    for &(a, l) in sequence {
                        state.features(config.clusters, &mut feats);
                        actions.update(&feats, a, delta);
                        state.apply(a, l);
                    }
                }
            }
            for _ in 0..gold.len() {
                actions.tick();
            }
        }
    }
}

/// Count label frequencies (helper for choosing the label list).
pub fn label_list<'a>(labels: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in labels {
        *counts.entry(l).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut out: Vec<String> = v.into_iter().map(|(l, _)| l.to_string()).collect();
    if !out.iter().any(|l| l == "root") {
        out.push("root".to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projectivize_lifts_crossing_arcs() {
        // Word 1 is the root; 1 -> 3 spans word 2, which 1 dominates through 4; but
        // 4 -> 2 spans word 3, which 4 does not dominate: word 2 is lifted to 4's head, 1.
        let mut heads = vec![0, 4, 1, 1];
        projectivize(&mut heads);
        assert_eq!(heads, vec![0, 1, 1, 1]);
        let mut proj = vec![2, 0, 2];
        projectivize(&mut proj);
        assert_eq!(proj, vec![2, 0, 2]);
    }

    #[test]
    fn static_oracle_rebuilds_the_gold_tree() {
        // "the cat sat on the mat ." : heads 2 3 0 6 6 3 3
        let forms = ["the", "cat", "sat", "on", "the", "mat", "."];
        let example = ParserExample {
            words: crate::words::infos(&forms),
            tags: vec![0; 7],
            heads: vec![2, 3, 0, 6, 6, 3, 3],
            labels: vec![1, 2, 0, 3, 1, 4, 5],
        };
        let sequence = gold_sequence(&example, &example.heads, 0, false);
        let mut state = State::new(&example.words, &example.tags, false);
        for &(a, l) in &sequence {
            assert!(state.legal(a));
            state.apply(a, l);
        }
        assert!(state.done());
        let heads: Vec<u32> = (1..=7).map(|d| state.heads[d]).collect();
        assert_eq!(heads, example.heads);
        let labels: Vec<u16> = (1..=7).map(|d| state.labels[d]).collect();
        assert_eq!(labels, example.labels);
    }

    #[test]
    fn late_root_leaves_only_the_gold_root_without_a_head() {
        // "then the cat sat ." : heads 4 3 4 0 4. The artificial root takes no arc while
        // parsing: "sat" is shifted and stays on the stack without a head.
        let forms = ["then", "the", "cat", "sat", "."];
        let example = ParserExample {
            words: crate::words::infos(&forms),
            tags: vec![0; 5],
            heads: vec![4, 3, 4, 0, 4],
            labels: vec![1, 2, 3, 0, 4],
        };
        let sequence = gold_sequence(&example, &example.heads, 0, true);
        let mut state = State::new(&example.words, &example.tags, true);
        for &(a, l) in &sequence {
            assert!(state.legal(a));
            assert_ne!(
                state.arc_of(a).map(|(h, _)| h),
                Some(0),
                "no arc from the root"
            );
            state.apply(a, l);
        }
        assert!(state.done());
        let heads: Vec<u32> = (1..=5).map(|d| state.heads[d]).collect();
        assert_eq!(heads, vec![4, 3, 4, NONE, 4]);
        // With the root word at the front of the buffer and only the artificial root on the
        // stack, the arc from the root is not legal, and shifting the gold root costs nothing.
        let oracle = Oracle {
            gold: &example.heads,
        };
        let mut state = State::new(&example.words, &example.tags, true);
        for action in [SHIFT, SHIFT, LEFT, SHIFT, LEFT, LEFT] {
            state.apply(action, 0);
        }
        assert_eq!((state.s0(), state.next), (0, 4));
        assert!(!state.legal(RIGHT));
        assert_eq!(oracle.cost(&state, SHIFT), 0);
        state.apply(SHIFT, 0);
        // Hanging the gold root on the full stop loses its own arc and the full stop's.
        assert_eq!(oracle.cost(&state, LEFT), 2);
        assert_eq!(oracle.cost(&state, RIGHT), 0);
        // Parsed with the root at the front and arcs from it, shifting the gold root loses it.
        let mut early = State::new(&example.words, &example.tags, false);
        for action in [SHIFT, SHIFT, LEFT, SHIFT, LEFT, LEFT] {
            early.apply(action, 0);
        }
        assert!(early.legal(RIGHT));
        assert_eq!(oracle.cost(&early, SHIFT), 1);
        assert_eq!(oracle.cost(&early, RIGHT), 0);
    }

    #[test]
    fn sure_labels_are_tag_pairs_with_one_label() {
        // Tags: 0 DT, 1 NN, 2 VB, 3 punctuation. Labels: 0 root, 1 det, 2 nsubj, 3 obj, 4 punct.
        // "the dog barks ." sixty times: det, nsubj and punct always the same.
        // "dog barks dog" (NN → VB before and after) gives nsubj and obj on either side.
        let sentence = |tags: Vec<u16>, heads: Vec<u32>, labels: Vec<u16>| ParserExample {
            words: crate::words::infos(&vec!["x"; tags.len()]),
            tags,
            heads,
            labels,
        };
        let mut data: Vec<ParserExample> = (0..60)
            .map(|_| sentence(vec![0, 1, 2, 3], vec![2, 3, 0, 3], vec![1, 2, 0, 4]))
            .collect();
        // Once, a noun before a verb is its object: NN → VB (dependent first) is not sure.
        data.push(sentence(vec![1, 2], vec![2, 0], vec![3, 0]));
        let sure = sure_labels(&data, 50, 0.995);
        let get =
            |dep: u64, head: u64, first: bool| sure.get(&label_key(dep, head, first)).copied();
        assert_eq!(get(0, 1, true), Some(1), "determiner before its noun");
        assert_eq!(get(3, 2, false), Some(4), "punctuation after its verb");
        assert_eq!(get(1, 2, true), None, "nsubj 60 times, obj once");
        assert_eq!(get(0, 1, false), None, "never seen");
        assert!(sure_labels(&data, 50, 1.5).is_empty());
        assert_eq!(sure_labels(&data, 100, 0.5).len(), 0, "too rare");
    }
}
