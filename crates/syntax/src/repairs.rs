//! Repairs of the greedy parser's trees, run at analysis time after parsing (and, for names,
//! after the recognizer): each fixes one kind of error the event coder cannot work around.

use annals_document::Upos;

use crate::parser;

/// The indices of relation labels in `deprels`, or `None` if one of them is missing.
fn label_indices<const N: usize>(deprels: &[&str], names: [&str; N]) -> Option<[u16; N]> {
    let mut out = [0u16; N];
    for (slot, name) in out.iter_mut().zip(names) {
        *slot = deprels.iter().position(|l| *l == name)? as u16;
    }
    Some(out)
}

/// Repairs of three subject errors of the greedy parser, run on every parse after parsing. The
/// relation labels they read and write are looked up once, when the model is put together; a
/// repair whose labels the model lacks does nothing.
#[derive(Debug, Clone)]
pub struct SubjectRepairs {
    /// Per label: whether it is a nominal subject (`nsubj`, `nsubj:pass`, …).
    subject: Vec<bool>,
    /// `amod`, `nmod:poss`, `det`, `compound`.
    modifiers: Option<[u16; 4]>,
    /// `nsubj:pass`, `csubj:pass`, `nsubj`, `csubj`, `aux:pass`.
    passive: Option<[u16; 5]>,
    /// `root`, `parataxis`, `appos`.
    heading: Option<[u16; 3]>,
}

impl SubjectRepairs {
    /// The repairs for a parser whose labels are `deprels`.
    pub fn new(deprels: &[&str]) -> SubjectRepairs {
        SubjectRepairs {
            subject: deprels.iter().map(|l| l.starts_with("nsubj")).collect(),
            modifiers: label_indices(deprels, ["amod", "nmod:poss", "det", "compound"]),
            passive: label_indices(
                deprels,
                ["nsubj:pass", "csubj:pass", "nsubj", "csubj", "aux:pass"],
            ),
            heading: label_indices(deprels, ["root", "parataxis", "appos"]),
        }
    }

    /// All three repairs, given each word's UPOS and Penn tag.
    pub fn repair(&self, upos: &[Upos], xpos: &[&str], parse: &mut parser::Parse) {
        self.heading_subjects(xpos, parse);
        self.double_subjects(upos, xpos, parse);
        self.active_passive_subjects(xpos, parse);
    }

    /// A verb with two subjects side by side ("Egyptian President Hosni Mubarak said" parsed
    /// with both "Egyptian" and "Hosni" as subjects of "said"; "Taiwan 's Vice Foreign Minister
    /// visited"): the first, whose words end right where the second's begin, modifies the
    /// second — as `nmod:poss` (when its words hold a possessive `'s`, tagged `POS`), `amod`
    /// (an adjective), `det` or `compound`. The greedy parser makes this error several times
    /// more often than the treebanks have two subjects, and a verb's subject is the event
    /// coder's actor.
    pub fn double_subjects(&self, upos: &[Upos], xpos: &[&str], parse: &mut parser::Parse) {
        let Some([amod, poss, det, compound]) = self.modifiers else {
            return;
        };
        let n = parse.heads.len();
        let is_subject = |labels: &[u16], w: usize| self.subject[labels[w] as usize];
        let (first, last) = subtree_spans(parse);
        for a in 0..n {
            let Some(head) = parse.heads[a] else {
                continue;
            };
            if !is_subject(&parse.labels, a) || a as u32 >= head {
                continue;
            }
            let Some(b) = (a + 1..head as usize).find(|&b| {
                parse.heads[b] == Some(head)
                    && is_subject(&parse.labels, b)
                    && first[b] == last[a] + 1
            }) else {
                continue;
            };
            let relation = if xpos[first[a]..=last[a]].contains(&"POS") {
                poss
            } else {
                match upos[a] {
                    Upos::Adj => amod,
                    Upos::Det => det,
                    Upos::Noun | Upos::Propn => compound,
                    _ => continue,
                }
            };
            parse.heads[a] = Some(b as u32);
            parse.labels[a] = relation;
        }
    }

    /// A heading before a colon parsed as a second subject of the root verb after it: in a
    /// dateline ("dharwad: police arrested …") or a label ("Update: the team has …"), the
    /// word before the colon is a subject of the verb and so is the clause's own subject.
    /// The treebanks make the heading the root and the clause its `parataxis`; so does this
    /// repair, when the verb is the root, its first subject comes before a colon (a word
    /// tagged `:` by the Penn tags: colon, dash or semicolon) and another subject after it.
    /// When the clause's subject after the colon was hung on the heading as its `appos`
    /// instead ("allahabad: three persons … were arrested"), it becomes the verb's subject.
    /// The event coder takes a verb's first subject as its actor.
    pub fn heading_subjects(&self, xpos: &[&str], parse: &mut parser::Parse) {
        let Some([root, parataxis, appos]) = self.heading else {
            return;
        };
        let Some(verb) = parse.heads.iter().position(Option::is_none) else {
            return;
        };
        let is_subject_of_verb = |w: usize| {
            parse.heads[w] == Some(verb as u32) && self.subject[parse.labels[w] as usize]
        };
        let Some(heading) = (0..verb).find(|&a| is_subject_of_verb(a)) else {
            return;
        };
        let Some(colon) = (heading + 1..verb).find(|&c| xpos[c] == ":") else {
            return;
        };
        if !(colon + 1..verb).any(is_subject_of_verb) {
            // No subject after the colon: the heading's apposition there takes its place.
            let Some(b) = (colon + 1..verb)
                .find(|&b| parse.heads[b] == Some(heading as u32) && parse.labels[b] == appos)
            else {
                return;
            };
            parse.heads[b] = Some(verb as u32);
            parse.labels[b] = parse.labels[heading];
        }
        parse.heads[heading] = None;
        parse.labels[heading] = root;
        parse.heads[verb] = Some(heading as u32);
        parse.labels[verb] = parataxis;
    }

    /// A passive subject (`nsubj:pass`, `csubj:pass`) of a verb in an active form — past
    /// tense, present or base form, with no passive auxiliary ("Thousands of Kurds
    /// demonstrated" with "Thousands" labelled `nsubj:pass`) — is the verb's active subject.
    /// The labeller sometimes picks the passive label for a plain subject; the event coder
    /// reads a passive subject as the one the act is done to.
    pub fn active_passive_subjects(&self, xpos: &[&str], parse: &mut parser::Parse) {
        let Some([nsubj_pass, csubj_pass, nsubj, csubj, aux_pass]) = self.passive else {
            return;
        };
        for w in 0..parse.heads.len() {
            let active = match parse.labels[w] {
                l if l == nsubj_pass => nsubj,
                l if l == csubj_pass => csubj,
                _ => continue,
            };
            let Some(head) = parse.heads[w] else {
                continue;
            };
            let passive_aux = (0..parse.heads.len())
                .any(|c| parse.heads[c] == Some(head) && parse.labels[c] == aux_pass);
            if matches!(xpos[head as usize], "VBD" | "VBZ" | "VBP" | "VB") && !passive_aux {
                parse.labels[w] = active;
            }
        }
    }
}

/// The first and last word of each word's subtree.
fn subtree_spans(parse: &parser::Parse) -> (Vec<usize>, Vec<usize>) {
    let n = parse.heads.len();
    let mut first: Vec<usize> = (0..n).collect();
    let mut last: Vec<usize> = (0..n).collect();
    for w in 0..n {
        let mut h = parse.heads[w];
        for _ in 0..n {
            let Some(x) = h.map(|x| x as usize) else {
                break;
            };
            first[x] = first[x].min(w);
            last[x] = last[x].max(w);
            h = parse.heads[x];
        }
    }
    (first, last)
}

/// Relations that join a word to the rest of a name ("Colonel" to "Rudskoy", "al-" to
/// "Assad"); any other relation from a name's word to a word outside it is the name's own link
/// to the sentence.
const NAME_INTERNAL: [&str; 11] = [
    "compound",
    "flat",
    "nmod:desc",
    "amod",
    "det",
    "nummod",
    "punct",
    "case",
    "nmod:poss",
    "goeswith",
    "fixed",
];

/// Repair of a name split across subtrees: after the recognizer has found a name of several
/// words, those words should form one subtree, linked to the rest of the sentence by one word.
/// The greedy parser sometimes hangs the words of a long name on different heads ("Colonel"
/// a compound of one noun and "Sergey Rudskoy" the subject of it), and the event coder then
/// reads only part of the name as the actor or source.
#[derive(Debug, Clone)]
pub struct NameRepairs {
    /// Per label: whether it joins a word to the rest of a name ([`NAME_INTERNAL`]).
    internal: Vec<bool>,
    /// `compound`, `flat`.
    joins: Option<[u16; 2]>,
}

impl NameRepairs {
    /// The repair for a parser whose labels are `deprels`.
    pub fn new(deprels: &[&str]) -> NameRepairs {
        NameRepairs {
            internal: deprels.iter().map(|l| NAME_INTERNAL.contains(l)).collect(),
            joins: label_indices(deprels, ["compound", "flat"]),
        }
    }

    /// Make the words of each name in `names` (word ranges) one subtree. Of the name's words
    /// linked to words outside it, one keeps its link: the sentence's root if it is one of
    /// them, else the one whose relation is not a name-internal one (the leftmost if there are
    /// several; the last word if all are name-internal, as the head of an English compound
    /// comes last). The others become its dependents: `compound` before it, `flat` after it,
    /// or their own relation when it is a name-internal one and they come before it. A word
    /// whose subtree holds the kept word is left alone, so no cycle is made. Then a word of
    /// the name whose head is in the name but whose relation is not a name-internal one
    /// (`conj`, `appos`, `nsubj`, …) gets `compound` (before its head) or `flat` (after it).
    pub fn repair<I>(&self, names: I, parse: &mut parser::Parse)
    where
        I: IntoIterator<Item = std::ops::Range<usize>>,
    {
        let Some([compound, flat]) = self.joins else {
            return;
        };
        for name in names {
            if name.len() < 2 || name.end > parse.heads.len() {
                continue;
            }
            let linked = linked_words(parse, &name);
            if linked.len() >= 2 {
                self.join(&linked, [compound, flat], parse);
            }
            // Within the name, words relate as parts of a name: a `conj` or `appos` between
            // two of its words ("German Foreign Minister Oskar Fischer" with "Oskar" a
            // conjunct of "German") would split it in two for the event coder.
            for w in name.clone() {
                let Some(h) = parse.heads[w].map(|h| h as usize) else {
                    continue;
                };
                if name.contains(&h) && !self.internal[parse.labels[w] as usize] {
                    parse.labels[w] = if w < h { compound } else { flat };
                }
            }
        }
    }

    /// Hang the `linked` words of a name (those linked to words outside it) on one of them.
    fn join(&self, linked: &[usize], [compound, flat]: [u16; 2], parse: &mut parser::Parse) {
        let keep = linked
            .iter()
            .copied()
            .find(|&w| parse.heads[w].is_none())
            .or_else(|| {
                linked
                    .iter()
                    .copied()
                    .find(|&w| !self.internal[parse.labels[w] as usize])
            })
            .unwrap_or(linked[linked.len() - 1]);
        for &w in linked {
            if w == keep || dominates(parse, w, keep) {
                continue;
            }
            // Each linked word's label is read before it is changed.
            let internal = self.internal[parse.labels[w] as usize];
            let label = if w < keep && internal {
                parse.labels[w]
            } else if w < keep {
                compound
            } else {
                flat
            };
            parse.heads[w] = Some(keep as u32);
            parse.labels[w] = label;
        }
    }
}

/// The words of `name` that hang on a word outside it (or are the root).
fn linked_words(parse: &parser::Parse, name: &std::ops::Range<usize>) -> Vec<usize> {
    crate::ner::words_linked_outside(&parse.heads, name).collect()
}

/// Whether `ancestor` is `word` or one of its heads, up the tree.
fn dominates(parse: &parser::Parse, ancestor: usize, word: usize) -> bool {
    let mut w = word;
    for _ in 0..=parse.heads.len() {
        if w == ancestor {
            return true;
        }
        match parse.heads[w] {
            Some(h) => w = h as usize,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passive_subject_of_an_active_verb_is_its_subject() {
        let deprels = [
            "root",
            "nsubj",
            "nsubj:pass",
            "csubj",
            "csubj:pass",
            "aux:pass",
        ];
        // "Kurds demonstrated" with Kurds labelled nsubj:pass.
        let mut parse = parser::Parse {
            heads: vec![Some(1), None],
            labels: vec![2, 0],
        };
        let repairs = SubjectRepairs::new(&deprels);
        repairs.active_passive_subjects(&["NNPS", "VBD"], &mut parse);
        assert_eq!(deprels[parse.labels[0] as usize], "nsubj");
        // "Kurds were attacked" (tagged as a past tense) and "Kurds attacked" as a participle
        // keep theirs.
        let mut parse = parser::Parse {
            heads: vec![Some(2), Some(2), None],
            labels: vec![2, 5, 0],
        };
        repairs.active_passive_subjects(&["NNPS", "VBD", "VBD"], &mut parse);
        assert_eq!(deprels[parse.labels[0] as usize], "nsubj:pass");
        let mut parse = parser::Parse {
            heads: vec![Some(1), None],
            labels: vec![2, 0],
        };
        repairs.active_passive_subjects(&["NNPS", "VBN"], &mut parse);
        assert_eq!(deprels[parse.labels[0] as usize], "nsubj:pass");
    }

    #[test]
    fn a_subject_right_before_another_modifies_it() {
        let deprels = [
            "root",
            "nsubj",
            "amod",
            "nmod:poss",
            "det",
            "compound",
            "case",
            "flat",
        ];
        // "Egyptian President Mubarak said": Egyptian(0) and President(1) both subjects of said(3).
        let mut parse = parser::Parse {
            heads: vec![Some(3), Some(3), Some(1), None],
            labels: vec![1, 1, 7, 0],
        };
        let upos = [Upos::Adj, Upos::Propn, Upos::Propn, Upos::Verb];
        let repairs = SubjectRepairs::new(&deprels);
        repairs.double_subjects(&upos, &["JJ", "NNP", "NNP", "VBD"], &mut parse);
        assert_eq!(parse.heads, vec![Some(1), Some(3), Some(1), None]);
        assert_eq!(deprels[parse.labels[0] as usize], "amod");
        // "Taiwan 's Minister visited": Taiwan(0) with its 's(1) → nmod:poss of Minister(2).
        let mut parse = parser::Parse {
            heads: vec![Some(3), Some(0), Some(3), None],
            labels: vec![1, 6, 1, 0],
        };
        let upos = [Upos::Propn, Upos::Part, Upos::Propn, Upos::Verb];
        repairs.double_subjects(&upos, &["NNP", "POS", "NNP", "VBD"], &mut parse);
        assert_eq!(parse.heads[0], Some(2));
        assert_eq!(deprels[parse.labels[0] as usize], "nmod:poss");
        // Two subjects with a word between them ("X , Y said") are left alone.
        let mut parse = parser::Parse {
            heads: vec![Some(3), Some(3), Some(3), None],
            labels: vec![1, 6, 1, 0],
        };
        let before = parse.clone();
        repairs.double_subjects(&upos, &["NNP", "NN", "NNP", "VBD"], &mut parse);
        assert_eq!(parse, before);
    }

    #[test]
    fn a_heading_before_a_colon_becomes_the_root() {
        let deprels = ["root", "nsubj", "parataxis", "punct", "obj", "appos"];
        let repairs = SubjectRepairs::new(&deprels);
        // "kolkata : police arrested him": kolkata(0) and police(2) both subjects of arrested(3).
        let mut parse = parser::Parse {
            heads: vec![Some(3), Some(3), Some(3), None, Some(3)],
            labels: vec![1, 3, 1, 0, 4],
        };
        let xpos = ["NN", ":", "NN", "VBD", "PRP"];
        repairs.heading_subjects(&xpos, &mut parse);
        assert_eq!(parse.heads, vec![None, Some(3), Some(3), Some(0), Some(3)]);
        assert_eq!(deprels[parse.labels[0] as usize], "root");
        assert_eq!(deprels[parse.labels[3] as usize], "parataxis");
        // "kolkata : police arrested him" with police(2) hung on kolkata as its appos: police
        // becomes the subject.
        let mut parse = parser::Parse {
            heads: vec![Some(3), Some(2), Some(0), None, Some(3)],
            labels: vec![1, 3, 5, 0, 4],
        };
        repairs.heading_subjects(&xpos, &mut parse);
        assert_eq!(parse.heads, vec![None, Some(2), Some(3), Some(0), Some(3)]);
        assert_eq!(deprels[parse.labels[2] as usize], "nsubj");
        // Without the colon, or with one subject only, nothing changes.
        let before = parser::Parse {
            heads: vec![Some(3), Some(3), Some(3), None, Some(3)],
            labels: vec![1, 3, 1, 0, 4],
        };
        let mut parse = before.clone();
        repairs.heading_subjects(&["NN", ",", "NN", "VBD", "PRP"], &mut parse);
        assert_eq!(parse, before);
        let one_subject = parser::Parse {
            heads: vec![Some(3), Some(3), Some(3), None, Some(3)],
            labels: vec![1, 3, 4, 0, 4],
        };
        let mut parse = one_subject.clone();
        repairs.heading_subjects(&xpos, &mut parse);
        assert_eq!(parse, one_subject);
    }

    /// The relation labels of the name repair's tests.
    const NAME_TEST_LABELS: [&str; 8] = [
        "root",
        "nsubj",
        "compound",
        "flat",
        "obl",
        "nmod:desc",
        "det",
        "conj",
    ];

    #[test]
    fn a_name_split_across_heads_becomes_one_subtree() {
        let deprels = NAME_TEST_LABELS;
        let repairs = NameRepairs::new(&deprels);
        // "Colonel General Sergey Rudskoy the head": Colonel(0) compound of head(5),
        // General(1) nmod:desc of Sergey(2), Sergey nsubj of head, Rudskoy(3) flat of Sergey,
        // the(4) det of head.
        let mut parse = parser::Parse {
            heads: vec![Some(5), Some(2), Some(5), Some(2), Some(5), None],
            labels: vec![2, 5, 1, 3, 6, 0],
        };
        repairs.repair(std::iter::once(0..4), &mut parse);
        assert_eq!(
            parse.heads,
            vec![Some(2), Some(2), Some(5), Some(2), Some(5), None]
        );
        assert_eq!(deprels[parse.labels[0] as usize], "compound");
        assert_eq!(deprels[parse.labels[2] as usize], "nsubj");
        // A name that is already one subtree, and a one-word name, are left alone.
        let before = parse.clone();
        repairs.repair([0..4, 5..6], &mut parse);
        assert_eq!(parse, before);
    }

    #[test]
    fn words_of_one_name_are_not_conjuncts() {
        let repairs = NameRepairs::new(&NAME_TEST_LABELS);
        // "German Minister Oskar Fischer will visit": German(0) nsubj of visit(5), Minister(1)
        // nmod:desc of Oskar(2), Oskar conj of German, Fischer(3) flat of Oskar, will(4).
        let mut parse = parser::Parse {
            heads: vec![Some(5), Some(2), Some(0), Some(2), Some(5), None],
            labels: vec![1, 5, 7, 3, 1, 0],
        };
        repairs.repair(std::iter::once(0..4), &mut parse);
        assert_eq!(
            parse.heads,
            vec![Some(5), Some(2), Some(0), Some(2), Some(5), None]
        );
        assert_eq!(NAME_TEST_LABELS[parse.labels[2] as usize], "flat");
        assert_eq!(NAME_TEST_LABELS[parse.labels[1] as usize], "nmod:desc");
        assert_eq!(NAME_TEST_LABELS[parse.labels[0] as usize], "nsubj");
    }

    #[test]
    fn the_root_keeps_its_place_and_no_cycle_is_made() {
        let deprels = NAME_TEST_LABELS;
        let repairs = NameRepairs::new(&deprels);
        // "New York Times": New(0) root, Times(2) obl of said(3), said conj of New, York(1)
        // flat of New. Times's head chain leads back to New: Times joins New.
        let mut parse = parser::Parse {
            heads: vec![None, Some(0), Some(3), Some(0)],
            labels: vec![0, 3, 4, 7],
        };
        repairs.repair(std::iter::once(0..3), &mut parse);
        assert_eq!(parse.heads, vec![None, Some(0), Some(0), Some(0)]);
        assert_eq!(deprels[parse.labels[2] as usize], "flat");
        // Two links outside where the second word is the ancestor of the first's head:
        // "A B": A(0) nsubj of x(2), B(1) root, x obl of B. B is the root and is kept;
        // A joins it as a compound.
        let mut parse = parser::Parse {
            heads: vec![Some(2), None, Some(1)],
            labels: vec![1, 0, 4],
        };
        repairs.repair(std::iter::once(0..2), &mut parse);
        assert_eq!(parse.heads, vec![Some(1), None, Some(1)]);
        assert_eq!(deprels[parse.labels[0] as usize], "compound");
        // When the kept word lies under another linked word, that word is left alone.
        // "A B c": A(0) obl of c(2), B(1) nsubj of c... kept is A (first non-internal);
        // B's subtree does not hold A, so B joins A as flat.
        let mut parse = parser::Parse {
            heads: vec![Some(2), Some(2), None],
            labels: vec![4, 1, 0],
        };
        repairs.repair(std::iter::once(0..2), &mut parse);
        assert_eq!(parse.heads, vec![Some(2), Some(0), None]);
        assert_eq!(deprels[parse.labels[1] as usize], "flat");
    }

    /// A random tree over `n` words: the words are placed in a random order, the first is the
    /// root and each later one takes a head among those already placed.
    fn random_tree(
        n: usize,
        order_keys: &[u32],
        head_picks: &[u32],
        labels: &[u16],
    ) -> parser::Parse {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&w| (order_keys[w], w));
        let mut heads = vec![None; n];
        for (i, &w) in order.iter().enumerate().skip(1) {
            heads[w] = Some(order[head_picks[w] as usize % i] as u32);
        }
        parser::Parse {
            heads,
            labels: labels[..n].to_vec(),
        }
    }

    proptest::proptest! {
        #[test]
        fn subject_repairs_keep_a_tree(
            n in 1usize..14,
            order_keys in proptest::collection::vec(0u32..1000, 14),
            head_picks in proptest::collection::vec(0u32..1000, 14),
            labels in proptest::collection::vec(0u16..10, 14),
            tags in proptest::collection::vec(0usize..6, 14),
        ) {
            let deprels = [
                "root", "nsubj", "nsubj:pass", "appos", "parataxis", "punct", "compound", "amod",
                "aux:pass", "obj",
            ];
            let tag_pairs = [
                (Upos::Noun, "NN"),
                (Upos::Propn, "NNP"),
                (Upos::Punct, ":"),
                (Upos::Verb, "VBD"),
                (Upos::Adj, "JJ"),
                (Upos::Part, "POS"),
            ];
            let upos: Vec<Upos> = tags[..n].iter().map(|&t| tag_pairs[t].0).collect();
            let xpos: Vec<&str> = tags[..n].iter().map(|&t| tag_pairs[t].1).collect();
            let mut parse = random_tree(n, &order_keys, &head_picks, &labels);
            SubjectRepairs::new(&deprels).repair(&upos, &xpos, &mut parse);
            let roots: Vec<usize> = (0..n).filter(|&w| parse.heads[w].is_none()).collect();
            proptest::prop_assert_eq!(roots.len(), 1);
            for w in 0..n {
                proptest::prop_assert!(dominates(&parse, roots[0], w));
            }
        }

        #[test]
        fn name_repairs_keep_a_tree_and_touch_only_names(
            n in 1usize..14,
            order_keys in proptest::collection::vec(0u32..1000, 14),
            head_picks in proptest::collection::vec(0u32..1000, 14),
            labels in proptest::collection::vec(0u16..8, 14),
            spans in proptest::collection::vec((0usize..14, 0usize..5), 0..4),
        ) {
            let repairs = NameRepairs::new(&NAME_TEST_LABELS);
            let before = random_tree(n, &order_keys, &head_picks, &labels);
            let names: Vec<std::ops::Range<usize>> = spans
                .iter()
                .map(|&(start, len)| start.min(n)..(start + len).min(n))
                .collect();
            let mut after = before.clone();
            repairs.repair(names.clone(), &mut after);
            // Still a tree with the same root: every word reaches it without a cycle.
            let root = before.heads.iter().position(Option::is_none);
            proptest::prop_assert_eq!(after.heads.iter().position(Option::is_none), root);
            proptest::prop_assert_eq!(after.heads.iter().filter(|h| h.is_none()).count(), 1);
            for w in 0..n {
                proptest::prop_assert!(dominates(&after, root.unwrap(), w));
            }
            // Words outside every name keep their heads and relations.
            for w in (0..n).filter(|w| !names.iter().any(|r| r.contains(w))) {
                proptest::prop_assert_eq!(after.heads[w], before.heads[w]);
                proptest::prop_assert_eq!(after.labels[w], before.labels[w]);
            }
            // One name alone: never more words hung outside than before, and one when none of
            // those words dominated another.
            if let Some(name) = names.first() {
                let mut alone = before.clone();
                repairs.repair(std::iter::once(name.clone()), &mut alone);
                let hung_before = linked_words(&before, name);
                let hung_after = linked_words(&alone, name);
                proptest::prop_assert!(hung_after.len() <= hung_before.len().max(1));
                let nested = hung_before
                    .iter()
                    .any(|&a| hung_before.iter().any(|&b| a != b && dominates(&before, a, b)));
                if name.len() >= 2 && !nested {
                    proptest::prop_assert_eq!(hung_after.len(), 1);
                }
            }
        }
    }
}
