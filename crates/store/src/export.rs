//! Output of queries and exports: JSONL, CSV (ACLED-like columns), a text table, and Parquet.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::query::{Filter, Incident, StoredEvent, for_each_event, query_incidents};
use crate::{Result, Store, StoreError};

/// What to export: one row per event (report), or one per incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    /// One row per event.
    Events,
    /// One row per incident.
    Incidents,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// One JSON object per line: the event record (plus `incident`), or the incident with its
    /// reports.
    Jsonl,
    /// CSV with a header: [`annals_record::CsvRow`] columns plus `incident_id`, or [`IncidentRow`] columns.
    Csv,
    /// A fixed-width text table for reading in a terminal.
    Table,
    /// Apache Parquet (the CSV columns, typed), Snappy-compressed.
    Parquet,
}

/// The incident column of an event CSV row.
#[derive(Serialize)]
struct IncidentColumn<'a> {
    incident_id: &'a str,
}

/// One incident as a flat row, ACLED-like column names where they fit.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentRow {
    /// Stable incident id.
    pub incident_id: String,
    /// Date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub event_date: String,
    /// Date precision.
    pub time_precision: String,
    /// PLOVER type.
    pub event_type: String,
    /// PLOVER mode.
    pub sub_event_type: String,
    /// Type family used for clustering.
    pub family: String,
    /// Main actor.
    pub actor1: String,
    /// Main recipient.
    pub actor2: String,
    /// ISO3 country.
    pub country: String,
    /// First-order administrative division.
    pub admin1: String,
    /// Place name.
    pub location: String,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Place precision.
    pub geo_precision: String,
    /// Killed, best estimate (median of reports).
    pub fatalities: Option<f64>,
    /// Killed, lowest report.
    pub fatalities_low: Option<f64>,
    /// Killed, highest report.
    pub fatalities_high: Option<f64>,
    /// Injured, best estimate.
    pub injured: Option<f64>,
    /// Injured, lowest report.
    pub injured_low: Option<f64>,
    /// Injured, highest report.
    pub injured_high: Option<f64>,
    /// Reports (events).
    pub n_reports: u64,
    /// Distinct articles.
    pub n_articles: u64,
    /// Distinct publishers.
    pub n_sources: u64,
    /// Publishers, joined with `; `.
    pub source: String,
    /// Earliest publication date.
    pub first_reported: String,
    /// URL of the earliest report.
    pub source_url: String,
    /// The sentence of the earliest report (ACLED's `notes`).
    pub notes: String,
    /// Disagreements between reports, as JSON.
    pub disagreements: String,
}

impl From<&Incident> for IncidentRow {
    fn from(i: &Incident) -> Self {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        IncidentRow {
            incident_id: i.id.clone(),
            event_date: s(&i.date),
            time_precision: s(&i.date_precision),
            event_type: i.event_type.clone(),
            sub_event_type: s(&i.mode),
            family: i.family.clone(),
            actor1: s(&i.actor),
            actor2: s(&i.recipient),
            country: s(&i.country),
            admin1: s(&i.admin1),
            location: s(&i.location),
            latitude: i.lat,
            longitude: i.lon,
            geo_precision: s(&i.geo_precision),
            fatalities: i.killed_best,
            fatalities_low: i.killed_low,
            fatalities_high: i.killed_high,
            injured: i.injured_best,
            injured_low: i.injured_low,
            injured_high: i.injured_high,
            n_reports: i.n_reports,
            n_articles: i.n_articles,
            n_sources: i.n_sources,
            source: i.sources.join("; "),
            first_reported: s(&i.first_reported),
            source_url: s(&i.first_url),
            notes: i
                .reports
                .first()
                .map(|r| r.sentence.clone())
                .unwrap_or_default(),
            disagreements: i.disagreements.to_string(),
        }
    }
}

/// Write the events that pass `filter` to `out` as JSONL, CSV or a table. Returns the count.
pub fn write_events(
    store: &Store,
    filter: &Filter,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u64> {
    match format {
        ExportFormat::Jsonl => for_each_event(store, filter, |e| {
            serde_json::to_writer(&mut *out, &e)?;
            out.write_all(b"\n")?;
            Ok(())
        }),
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            let n = for_each_event(store, filter, |e| {
                let row = e.record.to_csv_row();
                let incident = IncidentColumn {
                    incident_id: e.incident.as_deref().unwrap_or(""),
                };
                writer.serialize((&row, &incident))?;
                Ok(())
            })?;
            writer.flush()?;
            Ok(n)
        }
        ExportFormat::Table => {
            let mut rows = Vec::new();
            let n = for_each_event(store, filter, |e| {
                rows.push(event_table_row(&e));
                Ok(())
            })?;
            write_table(
                out,
                &[
                    "date",
                    "type",
                    "mode",
                    "place",
                    "actor",
                    "recipient",
                    "killed",
                    "source",
                    "incident",
                    "evidence",
                ],
                &rows,
            )?;
            Ok(n)
        }
        ExportFormat::Parquet => Err(StoreError::Other(
            "Parquet goes to a file: use export with an output path".into(),
        )),
    }
}

fn event_table_row(e: &StoredEvent) -> Vec<String> {
    let r = &e.record;
    let names = |ps: &[annals_record::Participant]| {
        ps.iter()
            .map(|p| p.name.clone().unwrap_or_else(|| p.text.clone()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    vec![
        r.date.as_ref().map(|d| d.value.clone()).unwrap_or_default(),
        r.type_label().to_string(),
        r.mode.clone().unwrap_or_default(),
        r.location
            .as_ref()
            .map(|l| match &l.country {
                Some(c) => format!("{} ({c})", l.name),
                None => l.name.clone(),
            })
            .unwrap_or_default(),
        names(&r.actor),
        names(&r.recipient),
        r.quantities
            .iter()
            .find(|q| q.kind == "killed")
            .map(|q| q.value.to_string())
            .unwrap_or_default(),
        r.attribution.publisher.clone().unwrap_or_default(),
        e.incident.clone().unwrap_or_default(),
        r.sentence.text.clone(),
    ]
}

/// Write the incidents that pass `filter` to `out` as JSONL (with their reports), CSV
/// ([`IncidentRow`]) or a table. Returns the count.
pub fn write_incidents(
    store: &Store,
    filter: &Filter,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<u64> {
    let incidents = query_incidents(store, filter)?;
    match format {
        ExportFormat::Jsonl => {
            for i in &incidents {
                serde_json::to_writer(&mut *out, i)?;
                out.write_all(b"\n")?;
            }
        }
        ExportFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            for i in &incidents {
                writer.serialize(IncidentRow::from(i))?;
            }
            writer.flush()?;
        }
        ExportFormat::Table => {
            let rows: Vec<Vec<String>> = incidents
                .iter()
                .map(|i| {
                    let killed = match (i.killed_low, i.killed_best, i.killed_high) {
                        (Some(l), Some(b), Some(h)) if l != h => format!("{b} ({l}-{h})"),
                        (_, Some(b), _) => b.to_string(),
                        _ => String::new(),
                    };
                    vec![
                        i.id.clone(),
                        i.date.clone().unwrap_or_default(),
                        i.event_type.clone(),
                        i.location.clone().unwrap_or_default(),
                        i.actor.clone().unwrap_or_default(),
                        i.recipient.clone().unwrap_or_default(),
                        killed,
                        i.n_reports.to_string(),
                        i.n_sources.to_string(),
                        i.first_reported.clone().unwrap_or_default(),
                        i.reports
                            .first()
                            .map(|r| r.sentence.clone())
                            .unwrap_or_default(),
                    ]
                })
                .collect();
            write_table(
                out,
                &[
                    "incident",
                    "date",
                    "type",
                    "place",
                    "actor",
                    "recipient",
                    "killed",
                    "reports",
                    "sources",
                    "first",
                    "first report",
                ],
                &rows,
            )?;
        }
        ExportFormat::Parquet => {
            return Err(StoreError::Other(
                "Parquet goes to a file: use export with an output path".into(),
            ));
        }
    }
    Ok(incidents.len() as u64)
}

/// A plain text table; long cells are cut with `…` (the last column is never cut).
fn write_table(out: &mut dyn Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    const MAX: usize = 28;
    let cut = |s: &str, last: bool| -> String {
        let s = s.replace(['\n', '\t'], " ");
        if last || s.chars().count() <= MAX {
            s
        } else {
            let mut t: String = s.chars().take(MAX - 1).collect();
            t.push('…');
            t
        }
    };
    let n = header.len();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| cut(c, i + 1 == n))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..n)
        .map(|i| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |out: &mut dyn Write, row: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i + 1 == n {
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&" ".repeat(widths[i] - cell.chars().count() + 2));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(
        out,
        &header.iter().map(|h| h.to_string()).collect::<Vec<_>>(),
    )?;
    for row in &cells {
        line(out, row)?;
    }
    Ok(())
}

/// Export to a file: events or incidents, in JSONL, CSV, a table or Parquet. The file is
/// written under a temporary name and renamed when complete. Returns the number of rows.
pub fn export(
    store: &Store,
    filter: &Filter,
    by: By,
    format: ExportFormat,
    path: &Path,
) -> Result<u64> {
    let tmp = path.with_extension(format!(
        "{}.partial",
        path.extension()
            .map(|e| e.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    let file = std::fs::File::create(&tmp)?;
    let result = (|| -> Result<u64> {
        let n = if format == ExportFormat::Parquet {
            parquet_export(store, filter, by, file)?
        } else {
            let mut out = std::io::BufWriter::new(file);
            let n = match by {
                By::Events => write_events(store, filter, format, &mut out)?,
                By::Incidents => write_incidents(store, filter, format, &mut out)?,
            };
            out.flush()?;
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            n
        };
        Ok(n)
    })();
    match result {
        Ok(n) => {
            std::fs::rename(&tmp, path)?;
            Ok(n)
        }
        Err(err) => {
            let _ = std::fs::remove_file(&tmp);
            Err(err)
        }
    }
}

#[cfg(not(feature = "parquet"))]
fn parquet_export(_: &Store, _: &Filter, _: By, _: std::fs::File) -> Result<u64> {
    Err(StoreError::Other(
        "this annals was built without Parquet support (cargo feature `parquet`)".into(),
    ))
}

#[cfg(feature = "parquet")]
fn parquet_export(store: &Store, filter: &Filter, by: By, file: std::fs::File) -> Result<u64> {
    use std::sync::Arc;

    use arrow_schema::{DataType, Field, Schema};
    use parquet::arrow::ArrowWriter;
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;

    const BATCH: usize = 8192;
    let perr = |e: &dyn std::fmt::Display| StoreError::Other(format!("Parquet: {e}"));

    // Column names in order, from a CSV header of the row type; types by name.
    let columns = match by {
        By::Events => {
            let mut names = csv_header(&sample_event_row())?;
            names.push("incident_id".to_string());
            names
        }
        By::Incidents => csv_header(&IncidentRow::from(&sample_incident()))?,
    };
    let type_of = |name: &str| match name {
        "quad" | "n_reports" | "n_articles" | "n_sources" => DataType::Int64,
        "confidence" => DataType::Float32,
        "aggregate" => DataType::Boolean,
        "latitude" | "longitude" | "fatalities" | "fatalities_low" | "fatalities_high"
        | "injured" | "injured_low" | "injured_high" | "captured" | "arrested" => DataType::Float64,
        _ => DataType::Utf8,
    };
    let schema = Arc::new(Schema::new(
        columns
            .iter()
            .map(|c| Field::new(c, type_of(c), true))
            .collect::<Vec<_>>(),
    ));
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer =
        ArrowWriter::try_new(file, Arc::clone(&schema), Some(props)).map_err(|e| perr(&e))?;
    let mut decoder = arrow_json::ReaderBuilder::new(Arc::clone(&schema))
        .with_batch_size(BATCH)
        .build_decoder()
        .map_err(|e| perr(&e))?;
    let flush = |decoder: &mut arrow_json::reader::Decoder,
                 writer: &mut ArrowWriter<std::fs::File>|
     -> Result<()> {
        if let Some(batch) = decoder.flush().map_err(|e| perr(&e))? {
            writer.write(&batch).map_err(|e| perr(&e))?;
        }
        Ok(())
    };
    let mut pending: Vec<serde_json::Value> = Vec::with_capacity(BATCH);
    let push = |value: serde_json::Value,
                pending: &mut Vec<serde_json::Value>,
                decoder: &mut arrow_json::reader::Decoder,
                writer: &mut ArrowWriter<std::fs::File>|
     -> Result<()> {
        pending.push(value);
        if pending.len() >= BATCH {
            decoder.serialize(pending).map_err(|e| perr(&e))?;
            pending.clear();
            flush(decoder, writer)?;
        }
        Ok(())
    };
    let n = match by {
        By::Events => for_each_event(store, filter, |e| {
            let mut value = serde_json::to_value(e.record.to_csv_row())?;
            value["incident_id"] = e.incident.map_or(serde_json::Value::Null, Into::into);
            push(value, &mut pending, &mut decoder, &mut writer)
        })?,
        By::Incidents => {
            let incidents = query_incidents(store, filter)?;
            for i in &incidents {
                push(
                    serde_json::to_value(IncidentRow::from(i))?,
                    &mut pending,
                    &mut decoder,
                    &mut writer,
                )?;
            }
            incidents.len() as u64
        }
    };
    if !pending.is_empty() {
        decoder.serialize(&pending).map_err(|e| perr(&e))?;
    }
    flush(&mut decoder, &mut writer)?;
    writer.close().map_err(|e| perr(&e))?;
    Ok(n)
}

/// The header row serde + csv would write for `row`.
#[cfg(feature = "parquet")]
fn csv_header<T: Serialize>(row: &T) -> Result<Vec<String>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.serialize(row)?;
    let bytes = writer
        .into_inner()
        .map_err(|e| StoreError::Other(e.to_string()))?;
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    Ok(reader.headers()?.iter().map(str::to_string).collect())
}

#[cfg(feature = "parquet")]
fn sample_event_row() -> annals_record::CsvRow {
    use annals_record::*;
    let record = EventRecord {
        id: String::new(),
        doc_id: String::new(),
        sentence: SentenceRef {
            index: 0,
            start: 0,
            end: 0,
            text: String::new(),
        },
        evidence: TextSpan {
            start: 0,
            end: 0,
            text: String::new(),
        },
        event_type: Some(PloverType::Assault),
        mode: None,
        cameo: None,
        quad: Quad::MaterialConflict,
        actor: vec![],
        recipient: vec![],
        location: None,
        date: None,
        quantities: vec![],
        aggregate: false,
        attribution: Attribution::default(),
        modality: Modality::Asserted,
        confidence: 0.0,
    };
    record.to_csv_row()
}

#[cfg(feature = "parquet")]
fn sample_incident() -> Incident {
    Incident {
        id: String::new(),
        family: String::new(),
        event_type: String::new(),
        mode: None,
        date: None,
        date_precision: None,
        date_start: None,
        date_end: None,
        country: None,
        admin1: None,
        location: None,
        lat: None,
        lon: None,
        geo_precision: None,
        actor: None,
        recipient: None,
        n_reports: 0,
        n_articles: 0,
        n_sources: 0,
        sources: vec![],
        first_reported: None,
        first_url: None,
        killed_low: None,
        killed_best: None,
        killed_high: None,
        injured_low: None,
        injured_best: None,
        injured_high: None,
        disagreements: serde_json::Value::Null,
        reports: vec![],
    }
}
