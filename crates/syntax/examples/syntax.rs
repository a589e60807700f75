//! Development driver until the `annals` CLI carries the syntax subcommands:
//!
//! ```text
//! cargo run --release -p annals-syntax --example syntax -- train TREEBANKS OUT
//! cargo run --release -p annals-syntax --example syntax -- eval MODEL_DIR FILE.conllu... [--predictions OUT]
//! cargo run --release -p annals-syntax --example syntax -- split MODEL_DIR TREEBANKS gum-dev|gum-test|ewt-test
//! cargo run --release -p annals-syntax --example syntax -- bench MODEL_DIR CORPUS.jsonl
//! cargo run --release -p annals-syntax --example syntax -- tagger MODEL_DIR TREEBANKS [FILE.conllu]
//! cargo run --release -p annals-syntax --example syntax -- resave MODEL_DIR [OUT_DIR]
//! cargo run --release -p annals-syntax --example syntax -- goldtags MODEL_DIR FILE.conllu
//! cargo run --release -p annals-syntax --example syntax -- lowercase MODEL_DIR FILE.conllu
//! cargo run --release -p annals-syntax --example syntax -- ner MODEL_DIR TREEBANKS [OUT_DIR]
//! cargo run --release -p annals-syntax --example syntax -- nercv MODEL_DIR TREEBANKS
//! cargo run --release -p annals-syntax --example syntax -- reports MODEL_DIR CORPUS.jsonl
//! ```
//!
//! `train` and `ner` read the word table and the outside name lists from `SYN_CLUSTERS` and
//! `SYN_NAMES` (a file, or `none`; default: `scripts/clusters/fetch.sh`'s output). `ner`
//! retrains the recognizer alone (tags from MODEL_DIR's tagger, gold trees) and scores GUM
//! dev; `SYN_NER_SEED` changes its shuffling, to see how much a score moves by chance.
//!
//! `tagger` trains the tagger alone (reading words through MODEL_DIR's word table) and scores
//! it on GUM dev or FILE; with `SYN_REVISE_BELOW=20` (the default) it trains the second pass on
//! five-fold jack-knifed tags too, `SYN_REVISE_BELOW=0` leaves it out, and `SYN_TAGGER_BITS`
//! sets the weight table's size. `split` and `resave` read `SYN_DECODE_REVISE=θ` to change a
//! model's second-pass threshold at run time (`resave` writes the changed model to OUT_DIR);
//! `split` and `eval` read `SYN_NAME_REPAIRS=0` to turn off the repair of names split across subtrees,
//! `SYN_DOC_TYPES=0` to turn off the settling of names written alike in a document, and
//! `SYN_COORD_TYPES=0` that of coordinated names (`nercv` reads the last two too).
//!
//! `nercv` cross-validates the recognizer on the training documents (five folds by
//! document); `SYN_NERCV_ERRORS=FILE` writes each gold name it did not find, with what was
//! found over it and the sentence. `reports` counts how the model parses the corpus's
//! sentences that end with a reporting clause ("…, the ministry said."). `train` reads
//! `SYN_REPORT_EVERY` (the parser's reporting-clause copies, 0 for none).
//!
//! `goldtags` parses FILE with its gold tags (`SYN_PRED=1`: with the model's tags) and prints
//! the parser's UAS and LAS alone (no repairs): what tagging errors cost the parser.
//! `lowercase` scores the whole model on FILE as written, lower-cased and upper-cased.

use std::path::PathBuf;

use annals_document::Upos;
use annals_syntax::train::{self, Split, TrainOptions};
use annals_syntax::{SyntaxModel, conllu, eval};

/// The outside name lists: `SYN_NAMES=FILE`, or `none`; default: the fetch script's output.
fn name_lists_from_env() -> Option<PathBuf> {
    let names =
        std::env::var("SYN_NAMES").unwrap_or_else(|_| train::DEFAULT_NAME_LISTS.to_string());
    (names != "none").then(|| PathBuf::from(names))
}

/// `SYN_NAME_REPAIRS=0` turns the model's name repair off.
fn name_repairs_from_env(model: &mut SyntaxModel) {
    if std::env::var("SYN_NAME_REPAIRS").is_ok_and(|v| v == "0") {
        model.set_name_repairs(false);
    }
    if std::env::var("SYN_DOC_TYPES").is_ok_and(|v| v == "0") {
        model.set_document_types(false);
    }
    if coordinated_types_off() {
        model.set_coordinated_types(false);
    }
}

/// `SYN_COORD_TYPES=0` turns off the settling of coordinated names' types.
fn coordinated_types_off() -> bool {
    std::env::var("SYN_COORD_TYPES").is_ok_and(|v| v == "0")
}

/// The recognizer's name lists for the quick runs: the project's lists under `data/` and the
/// outside lists (`SYN_NAMES`, or the fetch script's output; "none" for none), or no lists with
/// `SYN_NO_LEXICON`.
fn lexicon_from_env() -> Result<annals_syntax::ner::Lexicon, String> {
    if std::env::var_os("SYN_NO_LEXICON").is_some() {
        return Ok(annals_syntax::ner::Lexicon::default());
    }
    let (mut entries, _) = annals_syntax::ner::Lexicon::read_lists(std::path::Path::new("data"));
    if let Some(names) = name_lists_from_env() {
        let (outside, _) = train::read_name_lists(&names).map_err(|e| e.to_string())?;
        entries.extend(outside);
    }
    Ok(annals_syntax::ner::Lexicon::new(
        entries.iter().map(|(n, k)| (n.as_str(), *k)),
    ))
}

/// The recognizer's training examples for the quick runs: the training split's annotated
/// sentences, words read through `model`'s word table, tags from its tagger (not
/// jack-knifed), gold trees; with the parser's labels.
/// Development override: SYN_VECTORS=FILE (GloVe text format) gives the loaded model vector
/// classes clustered from FILE (SYN_VECTOR_WORDS, SYN_VECTOR_FINE, SYN_VECTOR_COARSE).
fn vectors_from_env(model: &mut SyntaxModel) -> Result<(), String> {
    if let Ok(path) = std::env::var("SYN_VECTORS") {
        let get = |k: &str| std::env::var(k).ok().and_then(|v| v.parse().ok());
        let mut config = annals_syntax::vectors::VectorClassConfig::default();
        config.max_words = get("SYN_VECTOR_WORDS").unwrap_or(config.max_words);
        config.fine = get("SYN_VECTOR_FINE").unwrap_or(config.fine);
        config.coarse = get("SYN_VECTOR_COARSE").unwrap_or(config.coarse);
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        let t = std::time::Instant::now();
        let vectors = annals_syntax::vectors::Vectors::parse(&text, config.max_words)?;
        let classes = vectors.classes(config);
        eprintln!(
            "{} words clustered in {:.1}s",
            classes.len(),
            t.elapsed().as_secs_f64()
        );
        model.clusters.set_vector_classes(classes);
    }
    Ok(())
}

fn quick_ner_examples(
    model: &SyntaxModel,
    treebanks: &std::path::Path,
) -> Result<(Vec<annals_syntax::ner::NerExample>, Vec<String>), String> {
    let (sentences, _) = train::load_split(treebanks, Split::Train).map_err(|e| e.to_string())?;
    let words: Vec<_> = sentences
        .iter()
        .map(|s| model.clusters.infos(&s.forms()))
        .collect();
    let tags: Vec<_> = words.iter().map(|w| model.tagger.tag(w)).collect();
    let labels = model.parser.labels().to_vec();
    let data = train::ner_examples(&sentences, &words, &tags, &labels);
    Ok((data, labels))
}

/// Development overrides: SYN_<PART>_<FIELD>=value.
fn options_from_env() -> TrainOptions {
    let mut o = TrainOptions::default();
    let get = |k: &str| std::env::var(k).ok();
    if let Some(v) = get("SYN_PARSER_PRUNE") {
        o.parser.prune = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_PARSER_EPOCHS") {
        o.parser.epochs = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_PARSER_BITS") {
        o.parser.action_bits = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_LABEL_BITS") {
        o.parser.label_bits = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_PARSER_EXPLORE") {
        o.parser.explore = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_TAGGER_PRUNE") {
        o.tagger.prune = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_SURE_LABEL_SHARE") {
        o.parser.sure_label_min_share = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_OUTSIDE_SHARE") {
        o.ner.outside_min_share = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_SURE_COUNT") {
        o.tagger.sure_min_count = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_TAGGER_BITS") {
        o.tagger.bits = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_REVISE_BELOW") {
        o.tagger.revise_below = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_SURE_SHARE") {
        o.tagger.sure_min_share = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_TAGGER_EPOCHS") {
        o.tagger.epochs = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_NER_PRUNE") {
        o.ner.prune = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_TYPER_MAX") {
        o.ner.typer_max_weights = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_TYPER_EPOCHS") {
        o.ner.typer_epochs = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_TYPER_WEIGHT") {
        o.ner.typer_weight = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_NER_SEED") {
        o.ner.seed = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_LABEL_MAX") {
        o.parser.max_label_weights = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_LATE_ROOT") {
        o.parser.late_root = v != "0";
    }
    if let Some(v) = get("SYN_PARSER_SHUFFLES") {
        o.parser.shuffles = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_NER_SHUFFLES") {
        o.ner.shuffles = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_NER_EPOCHS") {
        o.ner.epochs = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_PARSER_MAX") {
        o.parser.max_weights = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_TAGGER_MAX") {
        o.tagger.max_weights = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_NER_MAX") {
        o.ner.max_weights = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_FOLDS") {
        o.folds = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_LOWER_EVERY") {
        o.lower_every = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_UPPER_EVERY") {
        o.upper_every = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_REPORT_EVERY") {
        o.report_every = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_TIME_EVERY") {
        o.time_every = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_WEB_COPIES") {
        o.web_copies = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_PARSER_BEAM") {
        o.parser.beam = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_PARSER_SEED") {
        o.parser.seed = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_PARSER_STATIC") {
        o.parser.static_epochs = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_NER_BITS") {
        o.ner.bits = v.parse().unwrap();
    }
    if let Some(v) = get("SYN_JK_CLUSTERS") {
        o.jackknife_clusters = v == "1";
    }
    // SYN_CLUSTER_PARTS: which models read clusters, any of "t", "p", "n" (default all).
    if let Some(v) = get("SYN_CLUSTER_PARTS") {
        o.tagger.clusters = v.contains('t');
        o.parser.clusters = v.contains('p');
        o.ner.clusters = v.contains('n');
    }
    o
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("train") if args.len() >= 3 => {
            // SYN_CLUSTERS=FILE, or "none"; default: the fetch script's output.
            let clusters = std::env::var("SYN_CLUSTERS").unwrap_or_else(|_| train::DEFAULT_CLUSTERS.to_string());
            let clusters = (clusters != "none").then(|| PathBuf::from(clusters));
            let names = name_lists_from_env();
            // SYN_VECTORS=FILE, or "none"; default: the fetch script's output.
            let vectors = std::env::var("SYN_VECTORS").unwrap_or_else(|_| train::DEFAULT_VECTORS.to_string());
            let vectors = (vectors != "none").then(|| PathBuf::from(vectors));
            let resources = train::WordResources { clusters: clusters.as_deref(), name_lists: names.as_deref(), vectors: vectors.as_deref() };
            let report = train::train_from_treebanks(
                &PathBuf::from(&args[1]),
                &PathBuf::from(&args[2]),
                resources,
                &options_from_env(),
                &|m| eprintln!("{m}"),
            );
            report.map(|r| {
                println!("model {} ({} bytes) in {:.0}s", r.model_file.display(), r.model_bytes, r.seconds);
                if let Some(dev) = r.gum_dev {
                    println!("GUM dev:\n{}", dev.summary());
                }
            }).map_err(|e| e.to_string())
        }
        Some("eval") if args.len() >= 3 => (|| {
            let mut model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            name_repairs_from_env(&mut model);
            let mut gold = Vec::new();
            let mut predictions_out = None;
            let mut i = 2;
            while i < args.len() {
                if args[i] == "--predictions" {
                    predictions_out = args.get(i + 1).cloned();
                    i += 2;
                    continue;
                }
                gold.extend(train::read_conllu(&PathBuf::from(&args[i])).map_err(|e| e.to_string())?);
                i += 1;
            }
            let (report, predicted) = eval::evaluate(&model, &gold);
            print!("{}", report.summary());
            if let Some(out) = predictions_out {
                std::fs::write(out, conllu::write(&predicted)).map_err(|e| e.to_string())?;
            }
            Ok(())
        })(),
        Some("split") if args.len() >= 4 => (|| {
            let mut model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            let split = match args[3].as_str() {
                "gum-dev" => Split::GumDev,
                "gum-test" => Split::GumTest,
                "ewt-test" => Split::EwtTest,
                other => return Err(format!("unknown split {other}")),
            };
            let (gold, _) = train::load_split(&PathBuf::from(&args[2]), split).map_err(|e| e.to_string())?;
            if let Some(b) = std::env::var("SYN_DECODE_BEAM").ok().and_then(|v| v.parse().ok()) {
                model.parser.set_beam(b);
            }
            if let Some(b) = std::env::var("SYN_DECODE_REVISE").ok().and_then(|v| v.parse().ok()) {
                model.tagger.set_revise_below(b);
            }
            name_repairs_from_env(&mut model);
            let (report, _) = eval::evaluate(&model, &gold);
            print!("{}", report.summary());
            Ok(())
        })(),
        Some("profile") if args.len() >= 3 => (|| {
            let mut model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            if let Some(b) = std::env::var("SYN_DECODE_BEAM").ok().and_then(|v| v.parse().ok()) {
                model.parser.set_beam(b);
            }
            println!("sizes (tagger, lemmatizer, parser, recognizer, clusters): {:?}", model.byte_sizes());
            println!("counts: tagger {:?} parser {:?} ner {:?}", model.tagger.counts(), model.parser.counts(), model.recognizer.counts());
            if args[2] == "-" { return Ok(()); }
            let docs = annals_syntax::bench::load_corpus(&PathBuf::from(&args[2]), Some(400))?;
            let sentences: Vec<Vec<&str>> = docs
                .iter()
                .flat_map(|d| d.sentences.iter().map(|s| d.tokens[s.token_range()].iter().map(|t| t.norm.as_str()).collect()))
                .collect();
            let n: usize = sentences.iter().map(Vec::len).sum();
            // Process CPU time, so that other programs on the machine do not count.
            struct Cpu(f64);
            impl Cpu {
                fn now() -> Cpu {
                    Cpu(annals_syntax::bench::process_cpu_seconds().unwrap_or(0.0))
                }
                fn elapsed(&self) -> Cpu {
                    Cpu(Cpu::now().0 - self.0)
                }
                fn as_secs_f64(&self) -> f64 {
                    self.0
                }
            }
            let t = Cpu::now();
            let infos: Vec<_> = sentences.iter().map(|s| model.clusters.infos(s)).collect();
            let t_words = t.elapsed().as_secs_f64();
            let t = Cpu::now();
            let tags: Vec<_> = infos.iter().map(|w| model.tagger.tag(w)).collect();
            let t_tag = t.elapsed().as_secs_f64();
            let t = Cpu::now();
            let parses: Vec<_> = infos.iter().zip(&tags).map(|(w, t)| model.parser.parse(w, t)).collect();
            let t_parse = t.elapsed().as_secs_f64();
            let t = Cpu::now();
            for ((w, t), p) in infos.iter().zip(&tags).zip(&parses) {
                std::hint::black_box(model.recognizer.recognize(&annals_syntax::ner::NerInput { words: w, tags: t, heads: &p.heads, labels: &p.labels }));
            }
            let t_ner = t.elapsed().as_secs_f64();
            let t = Cpu::now();
            for s in &sentences { std::hint::black_box(model.analyze(s)); }
            let t_all = t.elapsed().as_secs_f64();
            let rate = |x: f64| n as f64 / x / 1000.0;
            for k in [1usize, 4, 16, 64] {
                let t = Cpu::now();
                for chunk in sentences.chunks(k) {
                    let infos: Vec<_> = chunk.iter().map(|s| model.clusters.infos(s)).collect();
                    let tags: Vec<_> = infos.iter().map(|w| model.tagger.tag(w)).collect();
                    let parses: Vec<_> = infos.iter().zip(&tags).map(|(w, t)| model.parser.parse(w, t)).collect();
                    for ((w, t), p) in infos.iter().zip(&tags).zip(&parses) {
                        std::hint::black_box(model.recognizer.recognize(&annals_syntax::ner::NerInput { words: w, tags: t, heads: &p.heads, labels: &p.labels }));
                    }
                }
                println!("staged chunks of {k}: {:.0}", rate(t.elapsed().as_secs_f64()));
            }
            println!("{n} tokens; k tokens/CPU-s: words {:.0} tagger {:.0} parser {:.0} ner {:.0} analyze {:.0}", rate(t_words), rate(t_tag), rate(t_parse), rate(t_ner), rate(t_all));
            Ok(())
        })(),
        Some("reports") if args.len() >= 3 => (|| {
            // Sentence-final reporting clauses in news ("…, the army said.", "…, officials
            // told reporters on Friday."): of the sentences whose last seven words hold a comma,
            // one to four words (a determiner, adjectives, nouns, names or a pronoun), "said",
            // "says" or "told", and at most four more words before the final stop, how often the
            // parse is the treebanks' (GUM's): the verb is the root, the clause before the comma
            // its `ccomp` and the word before the verb its subject; and what else the verb was
            // made. Counted apart for the verb right before the stop, for words after it, and for
            // a quotation closed after the comma (`"…," he said.`).
            let model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            let docs = annals_syntax::bench::load_corpus(&PathBuf::from(&args[2]), None)?;
            // Per kind (verb last, words after it, after a quotation): sentences, right,
            // subject right.
            let mut counts = [[0usize; 3]; 3];
            let mut relations = std::collections::BTreeMap::new();
            for d in &docs {
                for sentence in &d.sentences {
                    let words: Vec<&str> = d.tokens[sentence.token_range()].iter().map(|t| t.norm.as_str()).collect();
                    let n = words.len();
                    if n < 6 || words[n - 1] != "." {
                        continue;
                    }
                    let Some(v) = (n.saturating_sub(6)..n - 1).rev().find(|&i| matches!(words[i], "said" | "says" | "told")) else { continue };
                    let Some(comma) = (v.saturating_sub(6)..v).rev().find(|&i| words[i] == ",") else { continue };
                    // A quotation closes after the comma: `"…," he said.`
                    let quoted = words[comma + 1] == "\"";
                    let speaker = comma + 1 + usize::from(quoted);
                    if speaker >= v || v - speaker > 4 || comma < 3 || words[v + 1..n - 1].contains(&",") {
                        continue;
                    }
                    let a = model.analyze(&words);
                    if !(speaker..v).all(|i| matches!(a.words[i].upos, Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Pron)) {
                        continue;
                    }
                    let kind = if quoted { 2 } else { usize::from(v + 1 < n - 1) };
                    counts[kind][0] += 1;
                    let verb = v as u32;
                    let clause = (0..comma).any(|i| a.words[i].head == Some(verb) && a.words[i].deprel == "ccomp");
                    let is_root = a.words[v].head.is_none();
                    counts[kind][1] += usize::from(is_root && clause);
                    counts[kind][2] += usize::from(a.words[v - 1].head == Some(verb) && a.words[v - 1].deprel.starts_with("nsubj"));
                    let made = if is_root {
                        format!("root, {}", if clause { "clause its ccomp" } else { "clause not its ccomp" })
                    } else {
                        a.words[v].deprel.to_string()
                    };
                    *relations.entry(made).or_insert(0usize) += 1;
                }
            }
            for (kind, [total, right, subject]) in ["verb last", "words after the verb", "after a quotation"].iter().zip(counts) {
                let pct = |k: usize| 100.0 * k as f64 / total.max(1) as f64;
                println!("{kind}: {total} sentences; verb the root with the clause as its ccomp: {right} ({:.1}%); the word before the verb its subject: {subject} ({:.1}%)", pct(right), pct(subject));
            }
            for (rel, k) in relations {
                println!("  verb made {rel}: {k}");
            }
            Ok(())
        })(),
        Some("nerdiff") if args.len() >= 3 => (|| {
            let model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            let gold = train::read_conllu(&PathBuf::from(&args[2])).map_err(|e| e.to_string())?;
            for s in &gold {
                let forms = s.forms();
                let a = model.analyze(&forms);
                let g: Vec<(std::ops::Range<usize>, &str)> = train::gold_named_entities(s).into_iter().map(|e| (e.words, train::ENTITY_TYPES[e.kind as usize])).collect();
                let p: Vec<(std::ops::Range<usize>, &str)> = a.entities.iter().map(|e| (e.words.clone(), e.label)).collect();
                for (tag, x, other) in [("GOLD", &g, &p), ("PRED", &p, &g)] {
                    for e in x.iter() {
                        if !other.contains(e) {
                            let lo = e.0.start.saturating_sub(3);
                            let hi = (e.0.end + 3).min(forms.len());
                            println!("{tag} {:<12} {:<40} || {}", e.1, forms[e.0.clone()].join(" "), forms[lo..hi].join(" "));
                        }
                    }
                }
            }
            Ok(())
        })(),
        Some("tagger") if args.len() >= 3 => (|| {
            // Quick tagger experiment: train on the training split (with case and web copies),
            // reading words through MODEL's word table; score UPOS/XPOS on GUM dev (or on
            // FILE.conllu, the third argument) as is, lower-cased and upper-cased.
            let base = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            let treebanks = PathBuf::from(&args[2]);
            let o = options_from_env();
            let (sentences, _) = train::load_split(&treebanks, Split::Train).map_err(|e| e.to_string())?;
            let (all, copies) = train::with_case_copies(&sentences, o.lower_every, o.upper_every);
            let (all, _) = train::with_web_copies(all, copies, o.web_copies);
            use annals_syntax::tagger;
            use annals_document::Upos;
            let tags = tagger::tag_classes(sentences.iter().flat_map(|s| s.words.iter().map(|w| (Upos::parse(&w.upos).unwrap_or(Upos::X), w.xpos.clone()))));
            let data: Vec<_> = all.iter().map(|s| (base.clusters.infos(&s.forms()), s.words.iter().map(|w| tagger::class_of(&tags, Upos::parse(&w.upos).unwrap_or(Upos::X), &w.xpos)).collect::<Vec<u16>>())).collect();
            let t = std::time::Instant::now();
            let (phrases, _) = tagger::read_agent_phrases(std::path::Path::new("data"));
            let nouns = if std::env::var_os("SYN_NO_NOUNS").is_some() { Default::default() } else { tagger::agent_nouns(phrases.iter().map(String::as_str)) };
            let model = tagger::train(&data, tags.clone(), nouns, o.tagger);
            eprintln!("trained in {:.1}s; {:?}", t.elapsed().as_secs_f64(), model.counts());
            let model = if o.tagger.revise_below > 0.0 {
                let first_pass = train::jackknife_tags(&data, &[], &tags, 5, o.tagger);
                let model = model.with_revision(&data, &first_pass, o.tagger);
                eprintln!("second pass trained at {:.1}s", t.elapsed().as_secs_f64());
                model
            } else {
                model
            };
            let dev = match args.get(3) {
                Some(f) => train::read_conllu(&PathBuf::from(f)).map_err(|e| e.to_string())?,
                None => train::load_split(&treebanks, Split::GumDev).map_err(|e| e.to_string())?.0,
            };
            for (name, f) in [("as is", 0), ("lower", 1), ("upper", 2)] {
                let (mut n, mut up, mut xp) = (0, 0, 0);
                for s in &dev {
                    let forms: Vec<String> = s.words.iter().map(|w| match f { 0 => w.form.clone(), 1 => w.form.to_lowercase(), _ => w.form.to_uppercase() }).collect();
                    let pred = model.tag(&base.clusters.infos(&forms));
                    for (w, &p) in s.words.iter().zip(&pred) {
                        n += 1;
                        up += usize::from(model.tags()[p as usize].upos.as_str() == w.upos);
                        xp += usize::from(model.tags()[p as usize].xpos == w.xpos);
                    }
                }
                println!("{name}: UPOS {:.2} XPOS {:.2}", 100.0 * up as f64 / n as f64, 100.0 * xp as f64 / n as f64);
            }
            Ok(())
        })(),
        Some("lowercase") if args.len() >= 3 => (|| {
            // The whole model on FILE as written, lower-cased and upper-cased (which the
            // model truecases): UPOS, UAS and LAS against the gold trees.
            let model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            let dev = train::read_conllu(&PathBuf::from(&args[2])).map_err(|e| e.to_string())?;
            for mode in ["as is", "lower", "upper"] {
                let mut written = dev.clone();
                for w in written.iter_mut().flat_map(|s| s.words.iter_mut()) {
                    match mode {
                        "lower" => w.form = w.form.to_lowercase(),
                        "upper" => w.form = w.form.to_uppercase(),
                        _ => {}
                    }
                }
                let [upos, _, _, _, uas, las, _] = eval::evaluate(&model, &written).0.percentages();
                println!("{mode}: UPOS {upos:.2} UAS {uas:.2} LAS {las:.2}");
            }
            Ok(())
        })(),
        Some("goldtags") if args.len() >= 3 => (|| {
            use annals_document::Upos;
            let model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            let dev = train::read_conllu(&PathBuf::from(&args[2])).map_err(|e| e.to_string())?;
            let labels = model.parser.labels().to_vec();
            let (mut n, mut uas, mut las) = (0usize, 0usize, 0usize);
            for s in &dev {
                let words = model.clusters.infos(&s.forms());
                let gold_tag = |w: &conllu::Word| {
                    let upos = Upos::parse(&w.upos).unwrap_or(Upos::X);
                    annals_syntax::tagger::class_of(model.tagger.tags(), upos, &w.xpos)
                };
                let tags: Vec<u16> = if std::env::var_os("SYN_PRED").is_some() {
                    model.tagger.tag(&words)
                } else {
                    s.words.iter().map(gold_tag).collect()
                };
                let parse = model.parser.parse(&words, &tags);
                let universal = |l: &str| l.split(':').next().map(str::to_string);
                for (i, w) in s.words.iter().enumerate() {
                    n += 1;
                    if Some(parse.heads[i].map_or(0, |h| h + 1)) == w.head {
                        uas += 1;
                        las += usize::from(universal(&labels[parse.labels[i] as usize]) == universal(&w.deprel));
                    }
                }
            }
            println!("UAS {:.2} LAS {:.2}", 100.0 * uas as f64 / n as f64, 100.0 * las as f64 / n as f64);
            Ok(())
        })(),
        Some("parser") if args.len() >= 3 => (|| {
            // Quick parser experiment: tags from the loaded model's tagger (not jack-knifed);
            // scores GUM dev. SYN_SUBSET=k keeps every k-th training sentence.
            let mut model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            let treebanks = PathBuf::from(&args[2]);
            let o = options_from_env();
            let (mut sentences, _) = train::load_split(&treebanks, Split::Train).map_err(|e| e.to_string())?;
            if let Some(k) = std::env::var("SYN_SUBSET").ok().and_then(|v| v.parse::<usize>().ok()) {
                sentences = sentences.into_iter().step_by(k).collect();
            }
            let labels = model.parser.labels().to_vec();
            let label_of = |l: &str| labels.iter().position(|x| x == l).unwrap_or(0) as u16;
            let data: Vec<_> = sentences.iter().filter(|s| s.words.iter().all(|w| w.head.is_some())).map(|s| {
                let words = annals_syntax::words::infos(&s.forms());
                let tags = model.tagger.tag(&words);
                annals_syntax::parser::ParserExample { words, tags, heads: s.words.iter().map(|w| w.head.unwrap_or(0)).collect(), labels: s.words.iter().map(|w| label_of(&w.deprel)).collect() }
            }).collect();
            let t = std::time::Instant::now();
            model.parser = annals_syntax::parser::train(&data, labels.clone(), o.parser);
            eprintln!("trained on {} sentences in {:.1}s", data.len(), t.elapsed().as_secs_f64());
            let (dev, _) = train::load_split(&treebanks, Split::GumDev).map_err(|e| e.to_string())?;
            let t = std::time::Instant::now();
            let (report, _) = eval::evaluate(&model, &dev);
            let [_, _, _, _, uas, las, _] = report.percentages();
            println!("beam {} GUM dev UAS {uas:.2} LAS {las:.2} ({:.1}s)", model.parser.beam(), t.elapsed().as_secs_f64());
            if let Some(out) = args.get(3) {
                model.save(&PathBuf::from(out)).map_err(|e| e.to_string())?;
            }
            Ok(())
        })(),
        Some("ner") if args.len() >= 3 => (|| {
            // Quick recognizer experiment: words read through the loaded model's word table
            // (clusters, WordNet classes), tags from its tagger (not jack-knifed), gold trees;
            // scores GUM dev.
            let mut model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            let treebanks = PathBuf::from(&args[2]);
            let (data, labels) = quick_ner_examples(&model, &treebanks)?;
            let lexicon = lexicon_from_env()?;
            eprintln!("lexicon {} names", lexicon.len());
            let types: Vec<String> = train::ENTITY_TYPES.iter().map(|s| s.to_string()).collect();
            let t = std::time::Instant::now();
            model.recognizer = annals_syntax::ner::train(&data, types, &labels, lexicon, options_from_env().ner);
            eprintln!("trained in {:.1}s", t.elapsed().as_secs_f64());
            let (dev, _) = train::load_split(&treebanks, Split::GumDev).map_err(|e| e.to_string())?;
            let (report, _) = eval::evaluate(&model, &dev);
            print!("{}", report.summary());
            if let Some(out) = args.get(3) {
                model.save(&PathBuf::from(out)).map_err(|e| e.to_string())?;
            }
            Ok(())
        })(),
        Some("nercv") if args.len() >= 3 => (|| {
            // Recognizer cross-validation on the training documents: five folds by document;
            // each fold's recognizer learns from the other four (the loaded model's tags, gold
            // trees) and finds the names of its fold from the loaded model's tags and trees
            // (which have seen those sentences). Pools the counts over the folds: about eight
            // times GUM dev's names, to compare recognizer variants with less chance.
            let mut model = SyntaxModel::load(&PathBuf::from(&args[1])).map_err(|e| e.to_string())?;
            vectors_from_env(&mut model)?;
            let (data, labels) = quick_ner_examples(&model, &PathBuf::from(&args[2]))?;
            let lexicon = lexicon_from_env()?;
            let types: Vec<String> = train::ENTITY_TYPES.iter().map(|s| s.to_string()).collect();
            let folds = 5;
            // Per type: true positives, predicted, gold.
            let mut counts = vec![[0usize; 3]; types.len()];
            let mut outcomes = std::collections::BTreeMap::new();
            // SYN_NERCV_ERRORS=FILE: each gold name not found, with what was found over it and the sentence.
            let mut errors = match std::env::var("SYN_NERCV_ERRORS") {
                Ok(path) => Some(std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| e.to_string())?)),
                Err(_) => None,
            };
            let texts: std::collections::HashMap<Vec<u64>, Vec<String>> = if errors.is_some() {
                let (sentences, _) = train::load_split(&PathBuf::from(&args[2]), Split::Train).map_err(|e| e.to_string())?;
                let annotated = train::entity_annotated_docs(&sentences);
                let kept: Vec<_> = sentences.iter().filter(|s| train::has_entity_annotation(s, &annotated)).collect();
                kept.iter().zip(&data).map(|(s, e)| (e.words.iter().map(|w| w.form).collect::<Vec<u64>>(), s.forms().iter().map(|f| f.to_string()).collect())).collect()
            } else {
                Default::default()
            };
            for fold in 0..folds {
                let (held, learn): (Vec<_>, Vec<_>) = data.iter().partition(|e| e.doc % folds == fold);
                let learn: Vec<annals_syntax::ner::NerExample> = learn.into_iter().cloned().collect();
                let mut recognizer = annals_syntax::ner::train(&learn, types.clone(), &labels, lexicon.clone(), options_from_env().ner);
                // As the whole model does (unless SYN_COORD_TYPES=0): coordinated names settle their types.
                if !coordinated_types_off() {
                    recognizer.set_coordination_label(annals_syntax::coordination_label(model.parser.labels()));
                }
                // Each held-out document's sentences, recognised and (unless SYN_DOC_TYPES=0)
                // with the types of names written alike settled over the document.
                let settle = !std::env::var("SYN_DOC_TYPES").is_ok_and(|v| v == "0");
                let mut found_all = Vec::with_capacity(held.len());
                for document in held.chunk_by(|a, b| a.doc == b.doc) {
                    let (mut found, scores): (Vec<_>, Vec<_>) = document.iter().map(|e| {
                        let parse = model.parser.parse(&e.words, &e.tags);
                        recognizer.recognize_scored(&annals_syntax::ner::NerInput { words: &e.words, tags: &e.tags, heads: &parse.heads, labels: &parse.labels })
                    }).unzip();
                    if settle {
                        let words: Vec<&[annals_syntax::words::WordInfo]> = document.iter().map(|e| e.words.as_slice()).collect();
                        annals_syntax::ner::settle_sentence_types(&words, &mut found, scores);
                    }
                    found_all.extend(found);
                }
                for (e, found) in held.iter().zip(found_all) {
                    for f in &found {
                        counts[f.kind as usize][1] += 1;
                        counts[f.kind as usize][0] += usize::from(e.entities.contains(f));
                    }
                    // Each gold name: found, found with its words and another type, found
                    // overlapping, or missed; and each found name with no gold name over it.
                    let overlaps = |a: &std::ops::Range<usize>, b: &std::ops::Range<usize>| a.start < b.end && b.start < a.end;
                    for g in &e.entities {
                        counts[g.kind as usize][2] += 1;
                        if let (Some(out), Some(forms)) = (errors.as_mut(), texts.get(&e.words.iter().map(|w| w.form).collect::<Vec<u64>>())) {
                            use std::io::Write;
                            let got: Vec<String> = found.iter().filter(|f| overlaps(&f.words, &g.words)).map(|f| format!("{}:{}", forms[f.words.clone()].join(" "), types[f.kind as usize])).collect();
                            if !found.contains(g) {
                                writeln!(out, "gold {}:{}\tfound {}\t{}", forms[g.words.clone()].join(" "), types[g.kind as usize], got.join(", "), forms.join(" ")).map_err(|e| e.to_string())?;
                            }
                        }
                        let outcome = if found.contains(g) {
                            "found".to_string()
                        } else if let Some(f) = found.iter().find(|f| f.words == g.words) {
                            format!("same words, {} found as {}", types[g.kind as usize], types[f.kind as usize])
                        } else if found.iter().any(|f| f.kind == g.kind && overlaps(&f.words, &g.words)) {
                            "overlap, same type".to_string()
                        } else if found.iter().any(|f| overlaps(&f.words, &g.words)) {
                            "overlap, other type".to_string()
                        } else {
                            "missed".to_string()
                        };
                        *outcomes.entry(outcome).or_insert(0usize) += 1;
                    }
                    for f in found.iter().filter(|f| !e.entities.iter().any(|g| overlaps(&f.words, &g.words))) {
                        *outcomes.entry(format!("found, no gold name over it ({})", types[f.kind as usize])).or_insert(0usize) += 1;
                    }
                }
                eprintln!("fold {fold} done");
            }
            let f1 = |[tp, p, g]: [usize; 3]| if p + g == 0 { 0.0 } else { 200.0 * tp as f64 / (p + g) as f64 };
            let all = counts.iter().fold([0usize; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]);
            for (t, c) in types.iter().zip(&counts) {
                println!("cv {t:<14} F1 {:.2} ({} gold)", f1(*c), c[2]);
            }
            println!("cv all            F1 {:.2} ({} gold)", f1(all), all[2]);
            for (outcome, n) in &outcomes {
                println!("cv names: {outcome}: {n}");
            }
            Ok(())
        })(),
        Some("resave") if args.len() >= 2 => (|| {
            let dir = PathBuf::from(&args[1]);
            let mut model = SyntaxModel::load(&dir).map_err(|e| e.to_string())?;
            if let Some(b) = std::env::var("SYN_DECODE_REVISE").ok().and_then(|v| v.parse().ok()) {
                model.tagger.set_revise_below(b);
            }
            let out = args.get(2).map_or(dir.clone(), PathBuf::from);
            model.save(&out).map_err(|e| e.to_string())?;
            Ok(())
        })(),
        Some("bench") if args.len() >= 3 => annals_syntax::bench::run(&PathBuf::from(&args[1]), &PathBuf::from(&args[2]), None, 3, 2)
            .map(|r| print!("{}", r.summary())),
        _ => Err("usage: syntax train TREEBANKS OUT | eval MODEL FILE... [--predictions OUT] | split MODEL TREEBANKS NAME | bench MODEL CORPUS".into()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
