//! The committed baseline and the regression gate.
//!
//! `docs/accuracy.md` holds, between the markers [`BEGIN`] and [`END`], a fenced JSON block:
//!
//! ```json
//! {
//!   "epsilon": 1e-5,
//!   "sample": {"plover": null, "conflibert": 500},
//!   "metrics": {"plover.type_accuracy": 0.0, "conflibert.quad_macro_f1": 0.0593}
//! }
//! ```
//!
//! `sample` names the sets the gate runs and how many records of each (`null` = all: the
//! same first-N rule as `--limit`); `metrics` are the gated metrics measured on that sample.
//! [`compare`] fails a metric that falls more than `epsilon` below its committed value, or
//! that is committed but no longer measured. New gated metrics (a set that became available)
//! are reported, not failed, until the block is rewritten ([`update_markdown`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::{EvalError, Set, SetReport, Status};

/// Marker line before the baseline block.
pub const BEGIN: &str = "<!-- eval-baseline:begin (written by `annals eval gate --update`) -->";
/// Marker line after the baseline block.
pub const END: &str = "<!-- eval-baseline:end -->";
const BEGIN_PREFIX: &str = "<!-- eval-baseline:begin";

/// Default tolerance: well above float noise, well below one record in ten thousand.
pub const DEFAULT_EPSILON: f64 = 1e-5;

/// The committed numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// A metric may fall this much below its committed value before the gate fails.
    #[serde(default = "default_epsilon")]
    pub epsilon: f64,
    /// Sets the gate runs, with how many records of each (`None` = all).
    pub sample: BTreeMap<String, Option<usize>>,
    /// Committed value of each gated metric, by `<set>.<metric>`.
    pub metrics: BTreeMap<String, f64>,
}

fn default_epsilon() -> f64 {
    DEFAULT_EPSILON
}

impl Baseline {
    /// The default gate sample: every set with its [`Set::default_gate_limit`].
    pub fn default_sample() -> BTreeMap<String, Option<usize>> {
        Set::ALL
            .iter()
            .map(|s| (s.name().to_string(), s.default_gate_limit()))
            .collect()
    }

    /// The sets of the sample, in report order, with their limits. Unknown names are errors.
    pub fn sets(&self) -> Result<Vec<(Set, Option<usize>)>, EvalError> {
        let mut sets = Vec::new();
        for (name, limit) in &self.sample {
            let set = Set::from_name(name).ok_or_else(|| {
                EvalError::Other(format!("baseline sample names an unknown set {name:?}"))
            })?;
            sets.push((set, *limit));
        }
        sets.sort_by_key(|(s, _)| *s);
        Ok(sets)
    }

    /// A baseline from fresh reports: their gated metrics, rounded to six decimals.
    pub fn from_reports(
        reports: &[SetReport],
        sample: BTreeMap<String, Option<usize>>,
        epsilon: f64,
    ) -> Baseline {
        let mut metrics = BTreeMap::new();
        for r in reports.iter().filter(|r| r.status == Status::Scored) {
            for m in r.metrics.iter().filter(|m| m.gated) {
                metrics.insert(r.key(m), (m.value * 1e6).round() / 1e6);
            }
        }
        Baseline {
            epsilon,
            sample,
            metrics,
        }
    }
}

/// Find and parse the baseline block of a markdown document.
pub fn parse_markdown(markdown: &str) -> Result<Baseline, EvalError> {
    let (inner, _) = block(markdown).ok_or_else(|| {
        EvalError::Other(format!(
            "no baseline block: expected a ```json block between `{BEGIN_PREFIX} ... -->` and \
             `{END}` (write one with `annals eval gate --update`)"
        ))
    })?;
    let json = fenced_json(inner)
        .ok_or_else(|| EvalError::Other("the baseline block has no ```json fence".into()))?;
    serde_json::from_str(json).map_err(|e| EvalError::Other(format!("baseline block: {e}")))
}

/// The text between the markers, and the byte range of the whole block (markers included).
fn block(markdown: &str) -> Option<(&str, std::ops::Range<usize>)> {
    let start = markdown.find(BEGIN_PREFIX)?;
    let after_begin = start + markdown[start..].find("-->")? + 3;
    let end_rel = markdown[after_begin..].find(END)?;
    let end = after_begin + end_rel;
    Some((&markdown[after_begin..end], start..end + END.len()))
}

fn fenced_json(inner: &str) -> Option<&str> {
    let open = inner.find("```json")?;
    let body_start = open + inner[open..].find('\n')? + 1;
    let close = inner[body_start..].find("```")?;
    Some(&inner[body_start..body_start + close])
}

/// The block as it is written into the markdown.
pub fn render_block(baseline: &Baseline) -> String {
    let json = serde_json::to_string_pretty(baseline).expect("a baseline serialises");
    format!("{BEGIN}\n```json\n{json}\n```\n{END}")
}

/// Replace the baseline block of a markdown document (or append one).
pub fn update_markdown(markdown: &str, baseline: &Baseline) -> String {
    let rendered = render_block(baseline);
    match block(markdown) {
        Some((_, range)) => format!(
            "{}{rendered}{}",
            &markdown[..range.start],
            &markdown[range.end..]
        ),
        None => {
            let sep = if markdown.is_empty() || markdown.ends_with("\n\n") {
                ""
            } else if markdown.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            format!("{markdown}{sep}{rendered}\n")
        }
    }
}

/// A metric below its committed value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regression {
    /// `<set>.<metric>`.
    pub metric: String,
    /// Committed value.
    pub committed: f64,
    /// Value now.
    pub now: f64,
}

/// The outcome of a gate run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Comparison {
    /// Metrics checked.
    pub checked: usize,
    /// Metrics that fell below the baseline.
    pub regressions: Vec<Regression>,
    /// Committed metrics not measured now, with why.
    pub missing: Vec<(String, String)>,
    /// Metrics above their committed value (candidates for `--update`).
    pub improved: Vec<Regression>,
    /// Gated metrics measured now that the baseline does not have.
    pub new: Vec<(String, f64)>,
}

impl Comparison {
    /// Whether the gate passes.
    pub fn passed(&self) -> bool {
        self.regressions.is_empty() && self.missing.is_empty()
    }

    /// Human-readable lines: failures first.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        for r in &self.regressions {
            let _ = writeln!(
                s,
                "REGRESSION {}: committed {:.6}, now {:.6} ({:+.6})",
                r.metric,
                r.committed,
                r.now,
                r.now - r.committed
            );
        }
        for (m, why) in &self.missing {
            let _ = writeln!(
                s,
                "MISSING {m}: in the baseline but not measured now ({why})"
            );
        }
        for r in &self.improved {
            let _ = writeln!(
                s,
                "improved {}: committed {:.6}, now {:.6} (raise the baseline with --update)",
                r.metric, r.committed, r.now
            );
        }
        for (m, v) in &self.new {
            let _ = writeln!(
                s,
                "new {m} = {v:.6} (not in the baseline; add it with --update)"
            );
        }
        let _ = writeln!(
            s,
            "eval gate: {} — {} metric(s) checked, {} regression(s), {} missing",
            if self.passed() { "passed" } else { "FAILED" },
            self.checked,
            self.regressions.len(),
            self.missing.len()
        );
        s
    }
}

/// Compare fresh reports with the baseline.
pub fn compare(baseline: &Baseline, reports: &[SetReport]) -> Comparison {
    let mut now: BTreeMap<String, f64> = BTreeMap::new();
    for r in reports.iter().filter(|r| r.status == Status::Scored) {
        for m in r.metrics.iter().filter(|m| m.gated) {
            now.insert(r.key(m), m.value);
        }
    }
    let why_missing = |key: &str| -> String {
        let set = key.split('.').next().unwrap_or("");
        match reports.iter().find(|r| r.set == set) {
            None => "set not run".into(),
            Some(r) => match &r.status {
                Status::Scored => "metric not reported".into(),
                Status::NotAvailable(why) => format!("not available: {why}"),
                Status::Failed(why) => format!("failed: {why}"),
            },
        }
    };
    let mut c = Comparison::default();
    for (key, &committed) in &baseline.metrics {
        match now.get(key) {
            None => c.missing.push((key.clone(), why_missing(key))),
            Some(&value) => {
                c.checked += 1;
                let r = Regression {
                    metric: key.clone(),
                    committed,
                    now: value,
                };
                if value < committed - baseline.epsilon {
                    c.regressions.push(r);
                } else if value > committed + baseline.epsilon {
                    c.improved.push(r);
                }
            }
        }
    }
    for (key, &value) in &now {
        if !baseline.metrics.contains_key(key) {
            c.new.push((key.clone(), value));
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Metric;
    use std::path::Path;

    fn report(set: Set, metrics: &[(&str, f64, bool)]) -> SetReport {
        let mut r = SetReport::scored(set, Path::new("x"), 1);
        for &(name, value, gated) in metrics {
            r.metrics.push(if gated {
                Metric::gated(name, value, 1)
            } else {
                Metric::ratio(name, value, 1)
            });
        }
        r
    }

    #[test]
    fn block_round_trips_through_markdown() {
        let reports = vec![report(
            Set::Plover,
            &[
                ("type_accuracy", 0.123456789, true),
                ("coverage", 0.5, false),
            ],
        )];
        let b = Baseline::from_reports(&reports, Baseline::default_sample(), DEFAULT_EPSILON);
        assert_eq!(b.metrics.len(), 1, "only gated metrics are committed");
        assert_eq!(b.metrics["plover.type_accuracy"], 0.123457);
        let doc = "# Accuracy\n\nSome table.\n";
        let written = update_markdown(doc, &b);
        assert!(written.starts_with(doc));
        assert_eq!(parse_markdown(&written).unwrap(), b);
        // Rewriting replaces the block and keeps the text around it.
        let mut b2 = b.clone();
        b2.metrics.insert("plover.type_accuracy".into(), 0.9);
        let around = format!("{written}\n## After\n");
        let rewritten = update_markdown(&around, &b2);
        assert_eq!(parse_markdown(&rewritten).unwrap(), b2);
        assert!(rewritten.starts_with(doc) && rewritten.ends_with("## After\n"));
        assert_eq!(rewritten.matches(BEGIN_PREFIX).count(), 1);
    }

    #[test]
    fn a_document_without_a_block_is_an_error() {
        let err = parse_markdown("# Accuracy\n```json\n{}\n```\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("no baseline block"), "{err}");
    }

    #[test]
    fn gate_fails_on_regressions_and_missing_metrics_only() {
        let mut b = Baseline {
            epsilon: 1e-5,
            sample: Baseline::default_sample(),
            metrics: BTreeMap::new(),
        };
        b.metrics.insert("plover.type_accuracy".into(), 0.40);
        b.metrics.insert("plover.actor_country".into(), 0.30);
        b.metrics.insert("fakes.deaths_exact".into(), 0.10);
        let same = vec![
            report(
                Set::Plover,
                &[
                    ("type_accuracy", 0.400001, true),
                    ("actor_country", 0.35, true),
                ],
            ),
            report(
                Set::Fakes,
                &[
                    ("deaths_exact", 0.1, true),
                    ("governorate_accuracy", 0.2, true),
                ],
            ),
        ];
        let c = compare(&b, &same);
        assert!(c.passed(), "{}", c.summary());
        assert_eq!(c.checked, 3);
        assert_eq!(c.improved.len(), 1);
        assert_eq!(c.new, vec![("fakes.governorate_accuracy".to_string(), 0.2)]);

        let worse = vec![
            report(
                Set::Plover,
                &[("type_accuracy", 0.38, true), ("actor_country", 0.30, true)],
            ),
            SetReport::not_available(Set::Fakes, Path::new("f"), "no gazetteer"),
        ];
        let c = compare(&b, &worse);
        assert!(!c.passed());
        assert_eq!(c.regressions.len(), 1);
        assert_eq!(c.regressions[0].metric, "plover.type_accuracy");
        let text = c.summary();
        assert!(
            text.contains("REGRESSION plover.type_accuracy: committed 0.400000, now 0.380000"),
            "{text}"
        );
        assert!(
            text.contains("MISSING fakes.deaths_exact") && text.contains("no gazetteer"),
            "{text}"
        );
        assert!(text.contains("FAILED"));
    }

    #[test]
    fn sample_sets_parse_in_report_order() {
        let mut b = Baseline {
            epsilon: 1e-5,
            sample: BTreeMap::new(),
            metrics: BTreeMap::new(),
        };
        b.sample.insert("plover".into(), None);
        b.sample.insert("conflibert".into(), Some(10));
        assert_eq!(
            b.sets().unwrap(),
            vec![(Set::Plover, None), (Set::Conflibert, Some(10))]
        );
        b.sample.insert("nope".into(), None);
        assert!(b.sets().is_err());
    }
}
