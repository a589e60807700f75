//! GeoWebNews (`geo/geowebnews.jsonl`), scored by the geo crate's own evaluation
//! ([`annals_geo::eval::eval_geowebnews`]) with the shipped gazetteer. This module only maps its
//! scores to report metrics; what they mean is documented there and in `docs/accuracy.md`:
//!
//! * end to end (`e2e_*`): recognised toponyms against gold spans, exact byte match; `f1_overlap`
//!   when any overlap counts; `e2e_accuracy_161km`: of exact matches, those resolved within
//!   161 km of the gold point.
//! * given gold spans: `accuracy_161km` (unresolved spans count as misses), `country_accuracy`,
//!   `median_error_km`, `auc` (area under the log-error curve, lower is better).
//!
//! `--limit N` scores the first N articles (they are copied to a temporary file, since the geo
//! evaluation reads a file).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use annals_geo::Gazetteer;

use crate::{EvalError, EvalOptions, Metric, Set, SetReport, Unit};

/// A temporary copy of the first lines of a file, removed when dropped.
struct Head(PathBuf);

impl Head {
    fn new(path: &Path, lines: usize) -> Result<Head, EvalError> {
        let io = |source| EvalError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = std::fs::File::open(path).map_err(io)?;
        let out_path = std::env::temp_dir().join(format!(
            "annals-eval-geowebnews-{}-{lines}.jsonl",
            std::process::id()
        ));
        let mut out = std::fs::File::create(&out_path).map_err(io)?;
        let mut kept = 0;
        for line in std::io::BufReader::new(file).lines() {
            if kept >= lines {
                break;
            }
            let line = line.map_err(io)?;
            if line.trim().is_empty() {
                continue;
            }
            writeln!(out, "{line}").map_err(io)?;
            kept += 1;
        }
        Ok(Head(out_path))
    }
}

impl Drop for Head {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Load the gazetteer and score the set.
pub fn run(path: &Path, options: &EvalOptions) -> Result<SetReport, EvalError> {
    let gazetteer = Gazetteer::load().map_err(|e| EvalError::Unavailable(e.to_string()))?;
    let head = options.limit.map(|n| Head::new(path, n)).transpose()?;
    let input = head.as_ref().map_or(path, |h| h.0.as_path());
    let (s, details) = annals_geo::eval::eval_geowebnews(input, &gazetteer)
        .map_err(|e| EvalError::Other(e.to_string()))?;
    let mut report = SetReport::scored(Set::GeoWebNews, path, s.articles);
    report.metrics.extend([
        Metric::ratio("e2e_precision", s.precision, s.e2e_predicted),
        Metric::ratio("e2e_recall", s.recall, s.gold),
        Metric::gated("e2e_f1", s.f1, s.gold),
        Metric::ratio("e2e_f1_overlap", s.f1_overlap, s.gold),
        Metric::ratio("e2e_accuracy_161km", s.e2e_accuracy_161km, s.e2e_tp),
        Metric::gated("accuracy_161km", s.accuracy_161km, s.gold),
        Metric::ratio("country_accuracy", s.country_accuracy, s.country_known),
        Metric::number("median_error_km", s.median_error_km, s.resolved, Unit::Km),
        Metric::number("auc", s.auc, s.gold, Unit::Number),
    ]);
    report.notes.push(format!(
        "{} gold toponyms in {} articles; end-to-end and gold-span scores from annals-geo's \
         eval_geowebnews",
        s.gold, s.articles
    ));
    if options.errors {
        for d in details {
            if let Ok(mut v) = serde_json::to_value(&d) {
                v["set"] = "geowebnews".into();
                report.errors.push(v);
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_copies_the_first_lines_and_cleans_up() {
        let dir = std::env::temp_dir().join(format!("annals-eval-geo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("g.jsonl");
        std::fs::write(&path, "a\n\nb\nc\n").unwrap();
        let head = Head::new(&path, 2).unwrap();
        assert_eq!(std::fs::read_to_string(&head.0).unwrap(), "a\nb\n");
        let copy = head.0.clone();
        drop(head);
        assert!(!copy.exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
