//! Reports: the metrics of a set, as a table and as JSON.

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::Set;

/// Whether a set was scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Scored: the metrics are real.
    Scored,
    /// Not scored because something it needs is not there yet (a model, a gazetteer, the
    /// dictionaries, the file); the reason says what.
    NotAvailable(String),
    /// Not scored because reading or scoring failed.
    Failed(String),
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        match self {
            Status::Scored => {
                m.serialize_entry("status", "scored")?;
            }
            Status::NotAvailable(r) => {
                m.serialize_entry("status", "not_available")?;
                m.serialize_entry("reason", r)?;
            }
            Status::Failed(r) => {
                m.serialize_entry("status", "failed")?;
                m.serialize_entry("reason", r)?;
            }
        }
        m.end()
    }
}

/// How a metric's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A share between 0 and 1 (printed as a percentage).
    Ratio,
    /// Kilometres.
    Km,
    /// A count of things (records, …).
    Count,
    /// Any other number.
    Number,
}

/// One number of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    /// Name within the set (`type_accuracy`, `sentence.KILL.f1`).
    pub name: String,
    /// The value (a share between 0 and 1 for [`Unit::Ratio`]).
    pub value: f64,
    /// What it was computed over: the denominator of an accuracy, the gold support of an F1.
    pub n: usize,
    /// How the value reads.
    pub unit: Unit,
    /// Whether the regression gate guards it (higher is better for every gated metric).
    pub gated: bool,
}

impl Metric {
    /// A share, not gated.
    pub fn ratio(name: impl Into<String>, value: f64, n: usize) -> Metric {
        Metric {
            name: name.into(),
            value,
            n,
            unit: Unit::Ratio,
            gated: false,
        }
    }

    /// A share the gate guards.
    pub fn gated(name: impl Into<String>, value: f64, n: usize) -> Metric {
        Metric {
            gated: true,
            ..Metric::ratio(name, value, n)
        }
    }

    /// A number in some other unit, not gated.
    pub fn number(name: impl Into<String>, value: f64, n: usize, unit: Unit) -> Metric {
        Metric {
            name: name.into(),
            value,
            n,
            unit,
            gated: false,
        }
    }
}

/// The scores of one set.
#[derive(Debug, Clone, Serialize)]
pub struct SetReport {
    /// Set name (`plover`, …).
    pub set: String,
    /// File or directory scored.
    pub file: String,
    /// Whether it was scored.
    #[serde(flatten)]
    pub status: Status,
    /// Records scored (after `--limit`).
    pub records: usize,
    /// Wall-clock seconds for reading, coding and scoring.
    pub seconds: f64,
    /// The numbers.
    pub metrics: Vec<Metric>,
    /// What the reader should know: records skipped, how a rule was applied, …
    pub notes: Vec<String>,
    /// One object per wrong prediction, when asked for (`--errors`).
    #[serde(skip)]
    pub errors: Vec<serde_json::Value>,
}

impl SetReport {
    /// A scored report with no metrics yet.
    pub fn scored(set: Set, path: &Path, records: usize) -> SetReport {
        SetReport {
            set: set.name().to_string(),
            file: path.display().to_string(),
            status: Status::Scored,
            records,
            seconds: 0.0,
            metrics: Vec::new(),
            notes: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// A set that cannot be scored yet.
    pub fn not_available(set: Set, path: &Path, reason: impl Into<String>) -> SetReport {
        SetReport {
            status: Status::NotAvailable(reason.into()),
            ..SetReport::scored(set, path, 0)
        }
    }

    /// A set whose reading or scoring failed.
    pub fn failed(set: Set, path: &Path, reason: impl Into<String>) -> SetReport {
        SetReport {
            status: Status::Failed(reason.into()),
            ..SetReport::scored(set, path, 0)
        }
    }

    /// The metric with this name.
    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }

    /// `<set>.<metric>`: the key of a metric in the baseline.
    pub fn key(&self, metric: &Metric) -> String {
        format!("{}.{}", self.set, metric.name)
    }
}

/// Format a value for the table.
pub fn format_value(value: f64, unit: Unit) -> String {
    match unit {
        Unit::Ratio => format!("{:.1}%", 100.0 * value),
        Unit::Km => format!("{value:.1} km"),
        Unit::Count => format!("{value:.0}"),
        Unit::Number => format!("{value:.3}"),
    }
}

/// One plain-text table for all reports: set, metric, value, n; gated metrics marked `*`;
/// sets that were not scored get one line with the reason. Notes follow the table.
pub fn render_table(reports: &[SetReport]) -> String {
    enum Row {
        Metric([String; 5]),
        Status(String, String),
    }
    let mut rows: Vec<Row> = Vec::new();
    for r in reports {
        match &r.status {
            Status::Scored if r.metrics.is_empty() => {
                rows.push(Row::Status(r.set.clone(), "(no metrics)".into()));
            }
            Status::Scored => {
                for (i, m) in r.metrics.iter().enumerate() {
                    rows.push(Row::Metric([
                        if i == 0 { r.set.clone() } else { String::new() },
                        m.name.clone(),
                        format_value(m.value, m.unit),
                        m.n.to_string(),
                        if m.gated { "*".into() } else { String::new() },
                    ]));
                }
            }
            Status::NotAvailable(reason) => {
                rows.push(Row::Status(
                    r.set.clone(),
                    format!("not available yet: {reason}"),
                ));
            }
            Status::Failed(reason) => {
                rows.push(Row::Status(r.set.clone(), format!("FAILED: {reason}")));
            }
        }
    }
    let header = ["set", "metric", "value", "n", "gate"].map(String::from);
    let mut width = header.clone().map(|h| h.chars().count());
    for row in &rows {
        match row {
            Row::Metric(cells) => {
                for (w, cell) in width.iter_mut().zip(cells) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            Row::Status(set, _) => width[0] = width[0].max(set.chars().count()),
        }
    }
    let mut out = String::new();
    let metric_line = |out: &mut String, c: &[String; 5]| {
        let _ = writeln!(
            out,
            "{:<w0$}  {:<w1$}  {:>w2$}  {:>w3$}  {}",
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            w0 = width[0],
            w1 = width[1],
            w2 = width[2],
            w3 = width[3],
        );
    };
    metric_line(&mut out, &header);
    for (i, row) in rows.iter().enumerate() {
        let starts_set = match row {
            Row::Metric(c) => !c[0].is_empty(),
            Row::Status(..) => true,
        };
        if starts_set && i > 0 {
            out.push('\n');
        }
        match row {
            Row::Metric(c) => metric_line(&mut out, c),
            Row::Status(set, text) => {
                let _ = writeln!(out, "{set:<w0$}  {text}", w0 = width[0]);
            }
        }
    }
    for r in reports {
        for note in &r.notes {
            let _ = writeln!(out, "note [{}]: {note}", r.set);
        }
    }
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The reports as markdown: one `### set` section each with a metric table (gated metrics in
/// bold), or the reason the set was not scored; notes as a list. Used for `docs/accuracy.md`.
pub fn render_markdown(reports: &[SetReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let _ = writeln!(out, "### {}\n", r.set);
        match &r.status {
            Status::Scored => {
                let _ = writeln!(out, "| metric | value | n |\n|---|---:|---:|");
                for m in &r.metrics {
                    let name = if m.gated {
                        format!("**{}**", m.name)
                    } else {
                        m.name.clone()
                    };
                    let _ = writeln!(
                        out,
                        "| {name} | {} | {} |",
                        format_value(m.value, m.unit),
                        m.n
                    );
                }
            }
            Status::NotAvailable(reason) => {
                let _ = writeln!(out, "Not available yet: {reason}");
            }
            Status::Failed(reason) => {
                let _ = writeln!(out, "FAILED: {reason}");
            }
        }
        if !r.notes.is_empty() {
            out.push('\n');
            for n in &r.notes {
                let _ = writeln!(out, "- {n}");
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_shows_metrics_reasons_and_gate_marks() {
        let mut a = SetReport::scored(Set::Plover, Path::new("p.jsonl"), 3);
        a.metrics.push(Metric::gated("type_accuracy", 2.0 / 3.0, 3));
        a.metrics
            .push(Metric::number("median_error_km", 12.4, 3, Unit::Km));
        a.notes.push("one record skipped".into());
        let b = SetReport::not_available(Set::Syntax, Path::new("t"), "no syntax model");
        let t = render_table(&[a, b]);
        assert!(t.contains("type_accuracy"), "{t}");
        assert!(t.contains("66.7%"), "{t}");
        assert!(t.contains("12.4 km"), "{t}");
        assert!(t.contains("not available yet: no syntax model"), "{t}");
        assert!(t.contains("note [plover]: one record skipped"), "{t}");
        let gated_line = t.lines().find(|l| l.contains("type_accuracy")).unwrap();
        assert!(gated_line.ends_with('*'), "{gated_line}");
    }

    #[test]
    fn markdown_has_a_section_per_set_with_gated_metrics_in_bold() {
        let mut a = SetReport::scored(Set::Fakes, Path::new("f"), 2);
        a.metrics.push(Metric::gated("deaths_exact", 0.5, 2));
        a.metrics.push(Metric::ratio("deaths_coverage", 1.0, 2));
        let b = SetReport::failed(Set::Actors, Path::new("a"), "bad line");
        let md = render_markdown(&[a, b]);
        assert!(md.contains("### fakes\n"), "{md}");
        assert!(md.contains("| **deaths_exact** | 50.0% | 2 |"), "{md}");
        assert!(md.contains("| deaths_coverage | 100.0% | 2 |"), "{md}");
        assert!(md.contains("### actors\n\nFAILED: bad line"), "{md}");
    }

    #[test]
    fn json_has_status_and_reason() {
        let b = SetReport::not_available(Set::Syntax, Path::new("t"), "no model");
        let v = serde_json::to_value(&b).unwrap();
        assert_eq!(v["status"], "not_available");
        assert_eq!(v["reason"], "no model");
        let a = SetReport::scored(Set::Plover, Path::new("p"), 1);
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["status"], "scored");
        assert!(v.get("reason").is_none());
    }
}
