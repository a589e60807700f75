//! Scoring on gold tokenization: UPOS, XPOS, lemma, features, UAS, LAS (universal relation,
//! before the colon, as the CoNLL 2018 scorer does) and full-label LAS; entity precision,
//! recall and F1 per type (exact span and type) on entity-annotated documents.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::conllu::{Sentence, Word};
use crate::ner::EntitySpan;
use crate::train::{
    ENTITY_TYPES, entity_annotated_docs, gold_named_entities, has_entity_annotation,
};
use crate::{Analysis, SyntaxModel};

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted and gold.
    pub tp: usize,
    /// Predicted, not gold.
    pub fp: usize,
    /// Gold, not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        pct(self.tp, self.tp + self.fp)
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.tp, self.tp + self.fn_)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// Scores of a model on gold-tokenized sentences.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvalReport {
    /// Sentences scored.
    pub sentences: usize,
    /// Words scored.
    pub words: usize,
    /// Correct UPOS.
    pub upos: usize,
    /// Correct XPOS.
    pub xpos: usize,
    /// Correct lemmas.
    pub lemma: usize,
    /// Correct features (whole string).
    pub feats: usize,
    /// Correct heads.
    pub uas: usize,
    /// Correct head and universal relation.
    pub las: usize,
    /// Correct head and full relation (with subtype).
    pub las_full: usize,
    /// Sentences with entity annotation.
    pub entity_sentences: usize,
    /// Entity counts per type.
    pub entities: BTreeMap<String, Counts>,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

impl EvalReport {
    fn merge(mut self, o: EvalReport) -> EvalReport {
        self.sentences += o.sentences;
        self.words += o.words;
        self.upos += o.upos;
        self.xpos += o.xpos;
        self.lemma += o.lemma;
        self.feats += o.feats;
        self.uas += o.uas;
        self.las += o.las;
        self.las_full += o.las_full;
        self.entity_sentences += o.entity_sentences;
        for (k, v) in o.entities {
            self.entities.entry(k).or_default().add(&v);
        }
        self
    }

    /// Percentages: (UPOS, XPOS, lemma, feats, UAS, LAS, full LAS).
    pub fn percentages(&self) -> [f64; 7] {
        let n = self.words;
        [
            pct(self.upos, n),
            pct(self.xpos, n),
            pct(self.lemma, n),
            pct(self.feats, n),
            pct(self.uas, n),
            pct(self.las, n),
            pct(self.las_full, n),
        ]
    }

    /// All entity types together.
    pub fn entities_total(&self) -> Counts {
        let mut c = Counts::default();
        for v in self.entities.values() {
            c.add(v);
        }
        c
    }

    /// A plain-text table.
    pub fn summary(&self) -> String {
        use std::fmt::Write as _;
        let [upos, xpos, lemma, feats, uas, las, full] = self.percentages();
        let mut s = String::new();
        let _ = writeln!(s, "sentences {}  words {}", self.sentences, self.words);
        let _ = writeln!(s, "UPOS   {upos:6.2}");
        let _ = writeln!(s, "XPOS   {xpos:6.2}");
        let _ = writeln!(s, "Lemma  {lemma:6.2}");
        let _ = writeln!(s, "Feats  {feats:6.2}");
        let _ = writeln!(s, "UAS    {uas:6.2}");
        let _ = writeln!(s, "LAS    {las:6.2}   (universal relation)");
        let _ = writeln!(s, "LAS+   {full:6.2}   (full relation with subtype)");
        if self.entity_sentences > 0 {
            let _ = writeln!(
                s,
                "entities ({} annotated sentences)      P      R     F1   gold",
                self.entity_sentences
            );
            let mut rows: Vec<(&String, &Counts)> = self.entities.iter().collect();
            rows.sort_by_key(|(k, _)| ENTITY_TYPES.iter().position(|t| t == k).unwrap_or(99));
            let total = self.entities_total();
            let all = "all".to_string();
            for (k, c) in rows.into_iter().chain([(&all, &total)]) {
                let _ = writeln!(
                    s,
                    "  {:<36} {:6.2} {:6.2} {:6.2} {:6}",
                    k,
                    c.precision(),
                    c.recall(),
                    c.f1(),
                    c.tp + c.fn_
                );
            }
        }
        s
    }

    /// The report as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        let [upos, xpos, lemma, feats, uas, las, full] = self.percentages();
        let entities: serde_json::Map<String, serde_json::Value> = self
            .entities
            .iter()
            .map(|(k, c)| {
                (
                    k.clone(),
                    serde_json::json!({"p": c.precision(), "r": c.recall(), "f1": c.f1(), "gold": c.tp + c.fn_}),
                )
            })
            .collect();
        serde_json::json!({
            "sentences": self.sentences, "words": self.words,
            "upos": upos, "xpos": xpos, "lemma": lemma, "feats": feats,
            "uas": uas, "las": las, "las_full": full,
            "entities": entities,
        })
    }
}

/// Score one sentence's analysis against gold.
pub fn score_sentence(gold: &Sentence, analysis: &Analysis, with_entities: bool) -> EvalReport {
    let mut r = EvalReport {
        sentences: 1,
        words: gold.words.len(),
        ..EvalReport::default()
    };
    for (g, p) in gold.words.iter().zip(&analysis.words) {
        r.upos += usize::from(g.upos == p.upos.as_str());
        r.xpos += usize::from(g.xpos == p.xpos);
        r.lemma += usize::from(g.lemma == p.lemma);
        r.feats += usize::from(g.feats == p.feats);
        let gold_head = g.head.unwrap_or(0);
        let pred_head = p.head.map_or(0, |h| h + 1);
        if gold_head == pred_head {
            r.uas += 1;
            r.las += usize::from(universal(&g.deprel) == universal(p.deprel));
            r.las_full += usize::from(g.deprel == p.deprel);
        }
    }
    if with_entities {
        r.entity_sentences = 1;
        let gold_entities = gold_named_entities(gold);
        let key = |words: &std::ops::Range<usize>, label: &str| {
            (words.start, words.end, label.to_string())
        };
        let gold_set: Vec<(usize, usize, String)> = gold_entities
            .iter()
            .map(|e: &EntitySpan| key(&e.words, ENTITY_TYPES[e.kind as usize]))
            .collect();
        let pred_set: Vec<(usize, usize, String)> = analysis
            .entities
            .iter()
            .map(|e| key(&e.words, e.label))
            .collect();
        for p in &pred_set {
            let c = r.entities.entry(p.2.clone()).or_default();
            if gold_set.contains(p) {
                c.tp += 1;
            } else {
                c.fp += 1;
            }
        }
        for g in &gold_set {
            if !pred_set.contains(g) {
                r.entities.entry(g.2.clone()).or_default().fn_ += 1;
            }
        }
    }
    r
}

/// Analyse every sentence (gold tokens) and score it; consecutive sentences of the same
/// document (`# newdoc id`) are analysed as one ([`SyntaxModel::analyze_document`]), a
/// sentence without a document id alone. Also returns the predicted sentences (same words,
/// predicted columns; entities as GUM-style brackets in MISC).
pub fn evaluate(model: &SyntaxModel, gold: &[Sentence]) -> (EvalReport, Vec<Sentence>) {
    let annotated = entity_annotated_docs(gold);
    let documents: Vec<&[Sentence]> = gold
        .chunk_by(|a, b| a.doc_id.is_some() && a.doc_id == b.doc_id)
        .collect();
    let results: Vec<(EvalReport, Sentence)> = documents
        .par_iter()
        .flat_map_iter(|document| {
            let forms: Vec<Vec<&str>> = document.iter().map(Sentence::forms).collect();
            let sentences: Vec<&[&str]> = forms.iter().map(Vec::as_slice).collect();
            let analyses = model.analyze_document(&sentences);
            document
                .iter()
                .zip(analyses)
                .map(|(s, analysis)| {
                    let report = score_sentence(s, &analysis, has_entity_annotation(s, &annotated));
                    (report, predicted_sentence(s, &analysis))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut report = EvalReport::default();
    let mut predictions = Vec::with_capacity(results.len());
    for (r, p) in results {
        report = report.merge(r);
        predictions.push(p);
    }
    (report, predictions)
}

/// The gold sentence's words with predicted columns.
pub fn predicted_sentence(gold: &Sentence, analysis: &Analysis) -> Sentence {
    let forms: Vec<&str> = gold.forms();
    let space_after: Vec<bool> = gold.words.iter().map(|w| !w.no_space_after()).collect();
    let mut s = crate::output::analysis_sentence(&forms, &space_after, analysis);
    s.comments = gold
        .comments
        .iter()
        .filter(|c| c.starts_with("sent_id") || c.starts_with("text") || c.starts_with("newdoc"))
        .cloned()
        .collect();
    s.doc_id.clone_from(&gold.doc_id);
    s
}

/// Keep only what a scorer needs from gold words (used by tests).
pub fn strip_gold(words: &[Word]) -> Vec<Word> {
    words
        .iter()
        .map(|w| Word {
            form: w.form.clone(),
            misc: if w.no_space_after() {
                "SpaceAfter=No".into()
            } else {
                "_".into()
            },
            ..Word::default()
        })
        .collect()
}
