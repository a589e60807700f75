//! Syntax: the syntax crate's own evaluation ([`annals_syntax::eval::evaluate`]) of the
//! default model on gold-tokenised UD English test sentences. Given the treebanks directory
//! (`shared/treebanks`), the GUM test split (the official list, without the non-commercial
//! genres the models leave out) and EWT test are scored separately; given one `.conllu` file,
//! that file is. `--limit N` keeps the first N sentences of each.
//!
//! Per split: `upos`, `xpos`, `lemma`, `feats`, `uas`, `las` (universal relation), `las_full`
//! (with subtype), and `entity_f1` (exact span and type, on entity-annotated documents).

use std::path::Path;

use annals_syntax::SyntaxModel;
use annals_syntax::conllu::Sentence;
use annals_syntax::eval::{EvalReport, evaluate};
use annals_syntax::train::{Split, load_split, read_conllu};

use crate::common::ratio;
use crate::{EvalError, EvalOptions, Metric, Set, SetReport};

fn push_split(report: &mut SetReport, name: &str, r: &EvalReport) {
    let n = r.words;
    report.metrics.extend([
        Metric::gated(format!("{name}.upos"), ratio(r.upos, n), n),
        Metric::ratio(format!("{name}.xpos"), ratio(r.xpos, n), n),
        Metric::ratio(format!("{name}.lemma"), ratio(r.lemma, n), n),
        Metric::ratio(format!("{name}.feats"), ratio(r.feats, n), n),
        Metric::ratio(format!("{name}.uas"), ratio(r.uas, n), n),
        Metric::gated(format!("{name}.las"), ratio(r.las, n), n),
        Metric::ratio(format!("{name}.las_full"), ratio(r.las_full, n), n),
    ]);
    if r.entity_sentences > 0 {
        let e = r.entities_total();
        // The syntax crate reports percentages.
        report.metrics.push(Metric::gated(
            format!("{name}.entity_f1"),
            e.f1() / 100.0,
            e.tp + e.fn_,
        ));
    }
}

/// Load the default model and score the treebank test files at `path`.
pub fn run(path: &Path, options: &EvalOptions) -> Result<SetReport, EvalError> {
    let model = SyntaxModel::load_default().map_err(|e| EvalError::Unavailable(e.to_string()))?;
    let other = |e: annals_syntax::train::TrainError| EvalError::Other(e.to_string());
    let mut splits: Vec<(String, Vec<Sentence>)> = Vec::new();
    if path.is_dir() {
        splits.push((
            "gum_test".into(),
            load_split(path, Split::GumTest).map_err(other)?.0,
        ));
        splits.push((
            "ewt_test".into(),
            load_split(path, Split::EwtTest).map_err(other)?.0,
        ));
    } else {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().replace(['.', '-'], "_"))
            .unwrap_or_else(|| "file".into());
        splits.push((name, read_conllu(path).map_err(other)?));
    }
    let mut report = SetReport::scored(Set::Syntax, path, 0);
    for (name, mut sentences) in splits {
        if let Some(n) = options.limit {
            sentences.truncate(n);
        }
        let (r, _) = evaluate(&model, &sentences);
        report.records += r.sentences;
        push_split(&mut report, &name, &r);
        report.notes.push(format!(
            "{name}: {} sentences, {} words",
            r.sentences, r.words
        ));
    }
    Ok(report)
}
