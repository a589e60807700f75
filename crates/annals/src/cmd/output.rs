//! Writing event records: JSONL, CSV (flat, ACLED-like columns) or an aligned table.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use annals_events::record::{EventRecord, Modality, Qualifier};
use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

/// Output formats for event records.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EventFormat {
    /// One JSON record per line.
    #[default]
    Jsonl,
    /// One CSV row per event, ACLED-like columns.
    Csv,
    /// An aligned table for reading in a terminal.
    Table,
}

/// Open `--out FILE` or stdout.
pub fn open_out(path: Option<&Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => {
            Box::new(BufWriter::new(File::create(p).map_err(|e| {
                anyhow::anyhow!("cannot create {}: {e}", p.display())
            })?))
        }
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}

/// Writes records in one format as they come.
pub struct EventWriter {
    format: EventFormat,
    out: Box<dyn Write>,
    csv: Option<csv::Writer<Box<dyn Write>>>,
    table_rows: Vec<EventRecord>,
}

impl EventWriter {
    /// A writer of `format` into `out`.
    pub fn new(format: EventFormat, out: Box<dyn Write>) -> EventWriter {
        match format {
            EventFormat::Csv => EventWriter {
                format,
                out: Box::new(std::io::sink()),
                csv: Some(csv::Writer::from_writer(out)),
                table_rows: Vec::new(),
            },
            _ => EventWriter {
                format,
                out,
                csv: None,
                table_rows: Vec::new(),
            },
        }
    }

    /// Write one record (tables are collected and printed by [`EventWriter::finish`]).
    pub fn write(&mut self, record: &EventRecord) -> anyhow::Result<()> {
        match self.format {
            EventFormat::Jsonl => {
                serde_json::to_writer(&mut self.out, record)?;
                self.out.write_all(b"\n")?;
            }
            EventFormat::Csv => {
                if let Some(w) = self.csv.as_mut() {
                    w.serialize(record.to_csv_row())?;
                }
            }
            EventFormat::Table => self.table_rows.push(record.clone()),
        }
        Ok(())
    }

    /// Flush everything.
    pub fn finish(mut self) -> anyhow::Result<()> {
        if let Some(mut w) = self.csv.take() {
            w.flush()?;
        }
        if self.format == EventFormat::Table {
            let table = render_table(&self.table_rows);
            writeln!(self.out, "{table}")?;
            writeln!(self.out, "{} event(s)", self.table_rows.len())?;
        }
        self.out.flush()?;
        Ok(())
    }
}

fn participants(list: &[annals_events::record::Participant]) -> String {
    list.iter()
        .map(|p| {
            let code = match (&p.country, &p.sector) {
                (Some(c), Some(s)) => format!(" [{c} {s}]"),
                (Some(c), None) => format!(" [{c}]"),
                (None, Some(s)) => format!(" [{s}]"),
                (None, None) => String::new(),
            };
            format!("{}{}", p.name.as_deref().unwrap_or(&p.text), code)
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

fn qualifier_words(q: Option<Qualifier>) -> &'static str {
    match q {
        Some(Qualifier::MoreThan) => ">",
        Some(Qualifier::AtLeast) => ">=",
        Some(Qualifier::Almost) => "~<",
        Some(Qualifier::About) => "~",
        Some(Qualifier::UpTo) => "<=",
        Some(Qualifier::LessThan) => "<",
        Some(Qualifier::Vague) => "~",
        None => "",
    }
}

/// Render records as an aligned, human-readable table.
pub fn render_table(records: &[EventRecord]) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::DynamicFullWidth)
        .set_header(vec![
            "date",
            "event",
            "actor",
            "recipient",
            "where",
            "counts",
            "claimed by",
            "evidence",
        ]);
    table.set_width(terminal_width());
    for r in records {
        let event = {
            let mut s = r.type_label().to_string();
            if let Some(m) = &r.mode {
                s.push_str(&format!(" ({m})"));
            }
            if let Some(c) = &r.cameo {
                s.push_str(&format!("\nCAMEO {c}"));
            }
            if r.modality != Modality::Asserted {
                let m = serde_json::to_value(r.modality).unwrap_or_default();
                s.push_str(&format!("\n{}", m.as_str().unwrap_or_default()));
            }
            s
        };
        let place = r
            .location
            .as_ref()
            .map(|l| {
                let country = l.country.as_deref().unwrap_or("");
                format!("{} {}", l.name, country).trim().to_string()
            })
            .unwrap_or_default();
        let counts = r
            .quantities
            .iter()
            .map(|q| {
                let unit = q.unit.as_deref().unwrap_or("");
                format!(
                    "{} {}{} {}",
                    q.kind,
                    qualifier_words(q.qualifier),
                    q.value,
                    unit
                )
                .trim()
                .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n");
        let claimed = {
            let source = r
                .attribution
                .source
                .as_ref()
                .map(|s| participants(std::slice::from_ref(s)))
                .unwrap_or_default();
            let publisher = r.attribution.publisher.as_deref().unwrap_or("");
            match (source.is_empty(), publisher.is_empty()) {
                (false, false) => format!("{source}\nvia {publisher}"),
                (false, true) => source,
                (true, false) => format!("via {publisher}"),
                (true, true) => String::new(),
            }
        };
        table.add_row(vec![
            r.date.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
            event,
            participants(&r.actor),
            participants(&r.recipient),
            place,
            counts,
            claimed,
            r.evidence.text.clone(),
        ]);
    }
    table
}

/// Terminal width from `COLUMNS`, else 160 columns.
fn terminal_width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(160)
}
