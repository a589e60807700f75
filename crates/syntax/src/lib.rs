//! # annals-syntax
//!
//! The syntax stage of annals: part-of-speech tags (UPOS + Penn XPOS), lemmas and features,
//! labelled dependency trees (UD v2 relations with subtypes such as `nsubj:pass` and
//! `obl:agent`) and named entities (GUM types), from models trained in Rust on the UD English
//! treebanks (GUM without its non-commercial genres, plus EWT dev).
//!
//! * [`SyntaxModel::load_default`] loads `data/models/syntax/model.bin` (or `$ANNALS_DATA/…`);
//!   a missing model is an error ([`ModelError::NotFound`]), never a panic.
//! * [`SyntaxModel::annotate`] fills the token layers of an [`annals_document::Doc`];
//!   [`SyntaxModel::analyze`] works on a slice of word forms (gold tokens).
//! * [`train::train_from_treebanks`], [`eval::evaluate`] and [`bench::run`] back the
//!   `annals train syntax`, `annals eval syntax` and benchmark commands.
//!
//! * [`repairs`] mends a few parser errors the event coder cannot work around: subjects,
//!   after parsing, and names split across subtrees, after the recognizer.
//!
//! All four models are averaged perceptrons over hashed features (the tagger and parser
//! greedy, the recognizer decoded with Viterbi; the parser and recognizer each a mix of four
//! trained on different shuffles); see `docs/syntax.md`.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use annals_document::{Doc, Entity, Upos};

pub mod bench;
pub mod binio;
pub mod conllu;
pub mod eval;
pub mod lemma;
pub mod ner;
pub mod output;
pub mod parser;
pub mod perceptron;
pub mod repairs;
pub mod tagger;
pub mod train;
pub mod vectors;
pub mod words;

use binio::{BinReader, BinWriter, FormatError};
pub use repairs::{NameRepairs, SubjectRepairs};

/// Version of the model file format (bumped when the layout or the features change).
pub const FORMAT_VERSION: u32 = 14;
const MAGIC: &[u8; 8] = b"ANNSYNTX";
/// File name of the model inside its directory.
pub const MODEL_FILE: &str = "model.bin";
/// File name of the manifest (version, training data hash, licence) inside the model directory.
pub const MANIFEST_FILE: &str = "manifest.json";

/// A model that cannot be loaded.
#[derive(Debug)]
pub enum ModelError {
    /// No model file at this path (train one with `annals train syntax`).
    NotFound(PathBuf),
    /// The file exists but cannot be read.
    Io(PathBuf, std::io::Error),
    /// The file is not a model of this version.
    Format(PathBuf, FormatError),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotFound(p) => write!(
                f,
                "no syntax model at {} (train one with `annals train syntax --treebanks DIR --out DIR`, or set ANNALS_DATA)",
                p.display()
            ),
            ModelError::Io(p, e) => write!(f, "cannot read syntax model {}: {e}", p.display()),
            ModelError::Format(p, e) => write!(f, "bad syntax model {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for ModelError {}

/// A tiny deterministic random generator (xorshift64*), for shuffling and exploration.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Intern a label so it can live in `&'static str` fields of [`Doc`] tokens. Each distinct
/// string is leaked once per process.
pub fn intern(s: &str) -> &'static str {
    static TABLE: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut guard = TABLE.lock().unwrap_or_else(|e| e.into_inner());
    let table = guard.get_or_insert_with(HashSet::new);
    if let Some(&existing) = table.get(s) {
        return existing;
    }
    let leaked: &'static str = Box::leak(s.to_string().into_boxed_str());
    table.insert(leaked);
    leaked
}

/// One analysed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyzedWord {
    /// Universal POS tag.
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: &'static str,
    /// Lemma.
    pub lemma: String,
    /// Morphological features (`_` when none).
    pub feats: &'static str,
    /// Head as a 0-based word index in the sentence; `None` for the root.
    pub head: Option<u32>,
    /// Relation to the head (UD, with subtype).
    pub deprel: &'static str,
}

/// A named entity over words of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedEntity {
    /// Word indices (end exclusive).
    pub words: Range<usize>,
    /// Entity type (`person`, `organization`, `place`, …).
    pub label: &'static str,
}

/// The analysis of one sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Analysis {
    /// One entry per input word.
    pub words: Vec<AnalyzedWord>,
    /// Entities, in order.
    pub entities: Vec<NamedEntity>,
}

/// Whether an analysis looks up each word's morphological features.
#[derive(Debug, Clone, Copy)]
enum Features {
    /// Look them up.
    Keep,
    /// Leave them `_` (the caller has no use for them).
    Skip,
}

/// Tagger, lemmatizer, parser and recognizer together.
#[derive(Debug, Clone)]
pub struct SyntaxModel {
    /// POS tagger.
    pub tagger: tagger::Tagger,
    /// Lemmatizer and features.
    pub lemmatizer: lemma::Lemmatizer,
    /// Dependency parser.
    pub parser: parser::Parser,
    /// Named-entity recognizer.
    pub recognizer: ner::Recognizer,
    /// Brown word clusters the models' features read (empty for a model trained without).
    pub clusters: words::Clusters,
    /// Free-form description stored in the file (version, data hash).
    pub description: String,
    xpos: Vec<&'static str>,
    deprels: Vec<&'static str>,
    subject_repairs: SubjectRepairs,
    /// `None` when turned off ([`SyntaxModel::set_name_repairs`]).
    name_repairs: Option<NameRepairs>,
    /// Whether the names written alike in a document settle on one type
    /// ([`ner::settle_document_types`]; [`SyntaxModel::set_document_types`]).
    document_types: bool,
    entity_types: Vec<&'static str>,
    feats: Vec<&'static str>,
}

impl SyntaxModel {
    /// Put the parts together.
    pub fn new(
        tagger: tagger::Tagger,
        lemmatizer: lemma::Lemmatizer,
        parser: parser::Parser,
        mut recognizer: ner::Recognizer,
        clusters: words::Clusters,
        description: String,
    ) -> SyntaxModel {
        recognizer.set_coordination_label(coordination_label(parser.labels()));
        let xpos = tagger.tags().iter().map(|t| intern(&t.xpos)).collect();
        let deprels: Vec<&'static str> = parser.labels().iter().map(|l| intern(l)).collect();
        let subject_repairs = SubjectRepairs::new(&deprels);
        let name_repairs = Some(NameRepairs::new(&deprels));
        let entity_types = recognizer.types().iter().map(|l| intern(l)).collect();
        let feats = lemmatizer.feat_values().iter().map(|l| intern(l)).collect();
        SyntaxModel {
            feats,
            tagger,
            lemmatizer,
            parser,
            recognizer,
            clusters,
            description,
            xpos,
            deprels,
            subject_repairs,
            name_repairs,
            document_types: true,
            entity_types,
        }
    }

    /// Names joined by coordination settle on one type ([`ner::settle_coordinated_types`])
    /// on (the default) or off, to measure what it does.
    pub fn set_coordinated_types(&mut self, on: bool) {
        let conj = on
            .then(|| coordination_label(self.parser.labels()))
            .flatten();
        self.recognizer.set_coordination_label(conj);
    }

    /// Where models live by default: `$ANNALS_DATA/models/syntax` if the variable is set, else
    /// the repository's `data/models/syntax`.
    pub fn default_dir() -> PathBuf {
        let data = std::env::var_os("ANNALS_DATA")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data")));
        data.join("models").join("syntax")
    }

    /// Load the model from [`SyntaxModel::default_dir`].
    pub fn load_default() -> Result<SyntaxModel, ModelError> {
        SyntaxModel::load(&SyntaxModel::default_dir())
    }

    /// Load `model.bin` from a directory (or a `.bin` model file given directly).
    pub fn load(path: &Path) -> Result<SyntaxModel, ModelError> {
        let is_file = !path.is_dir() && path.extension().is_some_and(|e| e == "bin");
        let file = if is_file {
            path.to_path_buf()
        } else {
            path.join(MODEL_FILE)
        };
        let bytes = match std::fs::read(&file) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ModelError::NotFound(file));
            }
            Err(e) => return Err(ModelError::Io(file, e)),
        };
        SyntaxModel::from_bytes(&bytes).map_err(|e| ModelError::Format(file, e))
    }

    /// Read a model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<SyntaxModel, FormatError> {
        let mut r = BinReader::new(bytes);
        if r.raw(MAGIC.len())? != MAGIC {
            return Err(r.error("not an annals syntax model"));
        }
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(r.error(&format!(
                "model format {version}, this build reads format {FORMAT_VERSION}: retrain"
            )));
        }
        let description = r.str()?;
        let tagger = tagger::Tagger::read(&mut r)?;
        let lemmatizer = lemma::Lemmatizer::read(&mut r)?;
        let parser = parser::Parser::read(&mut r)?;
        let recognizer = ner::Recognizer::read(&mut r)?;
        let clusters = words::Clusters::read(&mut r)?;
        if !r.at_end() {
            return Err(r.error("trailing bytes"));
        }
        Ok(SyntaxModel::new(
            tagger,
            lemmatizer,
            parser,
            recognizer,
            clusters,
            description,
        ))
    }

    /// The bytes of a model file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = BinWriter::default();
        w.raw(MAGIC);
        w.u32(FORMAT_VERSION);
        w.str(&self.description);
        self.tagger.write(&mut w);
        self.lemmatizer.write(&mut w);
        self.parser.write(&mut w);
        self.recognizer.write(&mut w);
        self.clusters.write(&mut w);
        w.into_bytes()
    }

    /// Write `model.bin` into `dir` (created if needed).
    pub fn save(&self, dir: &Path) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let file = dir.join(MODEL_FILE);
        std::fs::write(&file, self.to_bytes())?;
        Ok(file)
    }

    /// Turn the repair of names split across subtrees ([`NameRepairs`]) on (the default) or
    /// off, to measure what it does.
    pub fn set_name_repairs(&mut self, on: bool) {
        self.name_repairs = on.then(|| NameRepairs::new(&self.deprels));
    }

    /// Turn the settling of the types of names written alike in a document
    /// ([`ner::settle_document_types`]) on (the default) or off, to measure what it does.
    pub fn set_document_types(&mut self, on: bool) {
        self.document_types = on;
    }

    /// Analyse one sentence given as word forms (gold tokenization).
    pub fn analyze<S: AsRef<str>>(&self, forms: &[S]) -> Analysis {
        if forms.is_empty() {
            return Analysis::default();
        }
        self.analyze_all(&[forms], Features::Keep)
            .pop()
            .unwrap_or_default()
    }

    /// Analyse the sentences of one document (gold tokenization): as [`SyntaxModel::analyze`]
    /// for each, except that names written alike in several sentences settle on one type and
    /// a shortened mention leans towards the longer names it begins or ends
    /// ([`ner::settle_document_types`]).
    pub fn analyze_document<S: AsRef<str>>(&self, sentences: &[&[S]]) -> Vec<Analysis> {
        self.analyze_all(sentences, Features::Keep)
    }

    /// Analyse the sentences of one document, stage by stage: every sentence is tagged, then
    /// every sentence parsed, then every sentence's entities found (coordinated names settling
    /// their types within the sentence, [`ner::settle_coordinated_types`], and names written
    /// alike over the document, [`ner::settle_document_types`]), and then the person, organization and
    /// place names whose words are all capitalised made one subtree each ([`NameRepairs`]).
    /// Each stage's weights stay in the cache
    /// while it runs, which is faster than taking each sentence through all stages in turn.
    /// A sentence written without capitals is analysed as it would usually be written
    /// ([`words::Clusters::truecase`]).
    fn analyze_all<S: AsRef<str>>(&self, sentences: &[&[S]], features: Features) -> Vec<Analysis> {
        let truecased: Vec<Option<Vec<String>>> = sentences
            .iter()
            .map(|forms| self.clusters.truecase(forms))
            .collect();
        if truecased.iter().all(Option::is_none) {
            return self.analyze_written(sentences, features);
        }
        let written: Vec<Vec<&str>> = sentences
            .iter()
            .zip(&truecased)
            .map(|(forms, truecased)| match truecased {
                Some(written) => written.iter().map(String::as_str).collect(),
                None => forms.iter().map(AsRef::as_ref).collect(),
            })
            .collect();
        let written: Vec<&[&str]> = written.iter().map(Vec::as_slice).collect();
        self.analyze_written(&written, features)
    }

    /// [`SyntaxModel::analyze_all`] of sentences as they are to be read (after truecasing).
    fn analyze_written<S: AsRef<str>>(
        &self,
        sentences: &[&[S]],
        features: Features,
    ) -> Vec<Analysis> {
        let infos: Vec<Vec<words::WordInfo>> = sentences
            .iter()
            .map(|forms| self.clusters.infos(forms))
            .collect();
        let tags: Vec<Vec<u16>> = self.tagger.tag_all(&infos);
        let tag_pairs = self.tagger.tags();
        let mut parses: Vec<parser::Parse> = infos
            .iter()
            .zip(&tags)
            .map(|(words, tags)| {
                let mut parse = self.parser.parse(words, tags);
                let upos: Vec<Upos> = tags.iter().map(|&t| tag_pairs[t as usize].upos).collect();
                let xpos: Vec<&str> = tags.iter().map(|&t| self.xpos[t as usize]).collect();
                self.subject_repairs.repair(&upos, &xpos, &mut parse);
                parse
            })
            .collect();
        let (mut entities, scores): (Vec<Vec<ner::EntitySpan>>, Vec<Vec<Vec<f32>>>) = infos
            .iter()
            .zip(&tags)
            .zip(&parses)
            .map(|((words, tags), parse)| {
                self.recognizer.recognize_scored(&ner::NerInput {
                    words,
                    tags,
                    heads: &parse.heads,
                    labels: &parse.labels,
                })
            })
            .unzip();
        if self.document_types {
            let words: Vec<&[words::WordInfo]> = infos.iter().map(Vec::as_slice).collect();
            ner::settle_sentence_types(&words, &mut entities, scores);
        }
        if let Some(repairs) = &self.name_repairs {
            for ((parse, entities), forms) in parses.iter_mut().zip(&entities).zip(sentences) {
                let names = entities.iter().filter_map(|e| {
                    let capitalised = forms[e.words.clone()]
                        .iter()
                        .all(|f| f.as_ref().starts_with(|c: char| c.is_uppercase()));
                    let named = matches!(
                        self.entity_types[e.kind as usize],
                        "person" | "organization" | "place"
                    );
                    (capitalised && named).then(|| e.words.clone())
                });
                repairs.repair(names, parse);
            }
        }
        sentences
            .iter()
            .zip(tags.iter().zip(parses).zip(entities))
            .map(|(forms, ((tags, parse), entities))| {
                self.assemble(forms, tags, &parse, entities, features)
            })
            .collect()
    }

    /// One sentence's [`Analysis`] from its tags, parse and entities: lemmas (and features
    /// when asked) and the names of tags, relations and entity types.
    fn assemble<S: AsRef<str>>(
        &self,
        forms: &[S],
        tags: &[u16],
        parse: &parser::Parse,
        entities: Vec<ner::EntitySpan>,
        features: Features,
    ) -> Analysis {
        let tag_pairs = self.tagger.tags();
        let words = forms
            .iter()
            .enumerate()
            .map(|(i, form)| {
                let t = tags[i] as usize;
                let xpos = self.xpos[t];
                let norm = annals_document::normalize::normalize(form.as_ref());
                let feats = match features {
                    Features::Keep => self
                        .lemmatizer
                        .feats_index(&norm, xpos)
                        .map_or("_", |f| self.feats[f]),
                    Features::Skip => "_",
                };
                AnalyzedWord {
                    upos: tag_pairs[t].upos,
                    xpos,
                    lemma: self.lemmatizer.lemma(&norm, xpos),
                    feats,
                    head: parse.heads[i],
                    deprel: self.deprels[parse.labels[i] as usize],
                }
            })
            .collect();
        let entities = entities
            .into_iter()
            .map(|e| NamedEntity {
                words: e.words,
                label: self.entity_types[e.kind as usize],
            })
            .collect();
        Analysis { words, entities }
    }

    /// Fill every token's `upos`, `xpos`, `lemma`, `head` and `deprel`, and `doc.entities`.
    /// The document's sentences go through the stages together (see
    /// `analyze_all`); tokens carry no morphological features, so none are
    /// looked up.
    pub fn annotate(&self, doc: &mut Doc) {
        let forms = sentence_forms(doc);
        let sentences: Vec<&[&str]> = forms.iter().map(Vec::as_slice).collect();
        let analyses = self.analyze_all(&sentences, Features::Skip);
        let mut entities = Vec::new();
        for (s, analysis) in analyses.into_iter().enumerate() {
            let start = doc.sentences[s].token_range().start;
            for (offset, word) in analysis.words.into_iter().enumerate() {
                let token = &mut doc.tokens[start + offset];
                token.upos = word.upos;
                token.xpos = word.xpos;
                token.lemma = word.lemma;
                token.head = word.head.map(|h| (start as u32) + h);
                token.deprel = word.deprel;
            }
            for e in analysis.entities {
                let tokens = (start + e.words.start) as u32..(start + e.words.end) as u32;
                entities.push(Entity {
                    span: doc.tokens_span(tokens.start as usize..tokens.end as usize),
                    tokens,
                    label: e.label,
                });
            }
        }
        doc.entities = entities;
    }

    /// Annotate many documents, in parallel over documents (rayon's global pool).
    pub fn annotate_all(&self, docs: &mut [Doc]) {
        use rayon::prelude::*;
        docs.par_iter_mut().for_each(|d| self.annotate(d));
    }

    /// Bytes of the weights and tables, per part: tagger, lemmatizer, parser, recognizer,
    /// clusters.
    pub fn byte_sizes(&self) -> [usize; 5] {
        [
            self.tagger.byte_size(),
            self.lemmatizer.byte_size(),
            self.parser.byte_size(),
            self.recognizer.byte_size(),
            self.clusters.byte_size(),
        ]
    }
}

/// The normalised word forms of each sentence of a document, as [`SyntaxModel::annotate`]
/// analyses them.
pub fn sentence_forms(doc: &Doc) -> Vec<Vec<&str>> {
    doc.sentences
        .iter()
        .map(|s| {
            doc.tokens[s.token_range()]
                .iter()
                .map(|t| t.norm.as_str())
                .collect()
        })
        .collect()
}

/// The index of the parser's `conj` label, which joins coordinated words.
pub fn coordination_label(labels: &[String]) -> Option<u16> {
    labels.iter().position(|l| l == "conj").map(|i| i as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_model_is_an_error_not_a_panic() {
        let dir = std::env::temp_dir().join("annals-syntax-no-model-here");
        match SyntaxModel::load(&dir) {
            Err(ModelError::NotFound(p)) => assert!(p.ends_with(MODEL_FILE)),
            other => panic!("expected NotFound, got {other:?}"),
        }
        let msg = ModelError::NotFound(dir).to_string();
        assert!(msg.contains("annals train syntax"));
    }

    #[test]
    fn garbage_is_a_format_error() {
        assert!(SyntaxModel::from_bytes(b"").is_err());
        assert!(SyntaxModel::from_bytes(b"ANNSYNTX\x01\x00\x00\x00").is_err());
        assert!(SyntaxModel::from_bytes(b"something else entirely").is_err());
    }

    #[test]
    fn interning_reuses_strings() {
        let a = intern("nsubj:pass");
        let b = intern(&String::from("nsubj:pass"));
        assert!(std::ptr::eq(a, b));
    }

    #[test]
    fn rng_shuffle_is_a_permutation() {
        let mut v: Vec<u32> = (0..100).collect();
        Rng::new(3).shuffle(&mut v);
        let mut sorted = v.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
        assert_ne!(v, sorted);
    }
}
