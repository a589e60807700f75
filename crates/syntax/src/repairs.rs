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

/// Repairs of two subject errors of the greedy parser, run on every parse after parsing. The
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
        }
    }

    /// Both repairs, given each word's UPOS and Penn tag.
    pub fn repair(&self, upos: &[Upos], xpos: &[&str], parse: &mut parser::Parse) {
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
        // The first and last word of each word's subtree.
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
}
