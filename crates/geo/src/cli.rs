//! Command-line front end, shared by the `annals-geo` binary and the `annals` CLI:
//!
//! ```text
//! gazetteer build [--sources DIR] [--places DIR] [--out FILE]
//! gazetteer import allCountries.txt [alternateNamesV2.txt] [admin1CodesASCII.txt …] [--out FILE] [--places DIR]
//! geo [--gazetteer FILE] [--mmap] TEXT|FILE
//! geo --json [--gazetteer FILE] [--mmap] FILE.jsonl      (records {id, text, toponyms?})
//! eval geowebnews [FILE] [--gazetteer FILE] [--errors]
//! ```

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use annals_document::{Article, Doc, Span};
use serde::{Deserialize, Serialize};

use crate::build::{BuildSources, ImportSources};
use crate::{Gazetteer, GeoError, Role, Toponym, artifact_path, data_dir};

/// Usage text.
pub const USAGE: &str = "\
usage:
  gazetteer build [--sources DIR] [--places DIR] [--out FILE]
  gazetteer import allCountries.txt [alternateNamesV2.txt] [admin1CodesASCII.txt ...] [--out FILE] [--places DIR]
  geo [--gazetteer FILE] [--mmap] TEXT|FILE
  geo --json [--gazetteer FILE] [--mmap] FILE.jsonl
  eval geowebnews [FILE] [--gazetteer FILE] [--errors]
  bench [CORPUS.jsonl]";

struct Args {
    positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

impl Args {
    fn parse(args: &[String], with_value: &[&str]) -> Args {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut i = 0;
        while i < args.len() {
            let a = &args[i];
            if let Some(name) = a.strip_prefix("--") {
                if with_value.contains(&name) && i + 1 < args.len() {
                    options.push((name.to_string(), Some(args[i + 1].clone())));
                    i += 1;
                } else {
                    options.push((name.to_string(), None));
                }
            } else {
                positional.push(a.clone());
            }
            i += 1;
        }
        Args {
            positional,
            options,
        }
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }
}

fn load(args: &Args) -> Result<Gazetteer, GeoError> {
    match args.value("gazetteer") {
        Some(p) if args.flag("mmap") => Gazetteer::open_mmap(Path::new(p)),
        Some(p) => Gazetteer::load_file(Path::new(p)),
        None => Gazetteer::load(),
    }
}

/// Run a command (`args` without the program name). Returns the exit code.
pub fn run(args: &[String], out: &mut dyn Write) -> Result<i32, GeoError> {
    let io = |e: std::io::Error| GeoError::Other(e.to_string());
    match args.first().map(String::as_str) {
        Some("gazetteer") => match args.get(1).map(String::as_str) {
            Some("build") => {
                let a = Args::parse(&args[2..], &["sources", "places", "out"]);
                let sources = a
                    .value("sources")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| PathBuf::from("target/gazetteer-sources"));
                let places = a
                    .value("places")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| data_dir().join("places"));
                let dest = a
                    .value("out")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| artifact_path(&data_dir()));
                let descriptions = std::fs::read_to_string(sources.join("sources.txt"))
                    .map(|t| t.lines().map(String::from).collect())
                    .unwrap_or_default();
                let subdivisions = sources.join("subdivisions.tsv");
                let report = crate::build::build(
                    &BuildSources {
                        cities: sources.join("cities500.txt"),
                        admin1_codes: sources.join("admin1CodesASCII.txt"),
                        subdivisions: subdivisions.exists().then_some(subdivisions),
                        places_dir: places,
                        descriptions,
                    },
                    &dest,
                )?;
                report_build(out, &report, &dest).map_err(io)?;
                Ok(0)
            }
            Some("import") => {
                let a = Args::parse(&args[2..], &["places", "out"]);
                let Some(first) = a.positional.first() else {
                    writeln!(out, "{USAGE}").map_err(io)?;
                    return Ok(2);
                };
                let mut sources = ImportSources {
                    geonames: PathBuf::from(first),
                    places_dir: Some(
                        a.value("places")
                            .map(PathBuf::from)
                            .unwrap_or_else(|| data_dir().join("places")),
                    ),
                    ..ImportSources::default()
                };
                for p in &a.positional[1..] {
                    let lower = p.to_ascii_lowercase();
                    if lower.contains("alternatename") {
                        sources.alternate_names = Some(PathBuf::from(p));
                    } else {
                        sources.admin_codes.push(PathBuf::from(p));
                    }
                }
                let dest = a
                    .value("out")
                    .map(PathBuf::from)
                    .unwrap_or_else(|| data_dir().join("gazetteer").join("geonames-full.bin"));
                let report = crate::build::import(&sources, &dest)?;
                report_build(out, &report, &dest).map_err(io)?;
                writeln!(
                    out,
                    "use it with: annals geo --gazetteer {} --mmap ...",
                    dest.display()
                )
                .map_err(io)?;
                Ok(0)
            }
            _ => {
                writeln!(out, "{USAGE}").map_err(io)?;
                Ok(2)
            }
        },
        Some("geo") => {
            let a = Args::parse(&args[1..], &["gazetteer"]);
            let Some(input) = a.positional.first() else {
                writeln!(out, "{USAGE}").map_err(io)?;
                return Ok(2);
            };
            let t0 = Instant::now();
            let g = load(&a)?;
            let loaded = t0.elapsed();
            if a.flag("json") {
                geo_jsonl(Path::new(input), &g, out)?;
            } else {
                let path = Path::new(input);
                let text = if path.is_file() {
                    std::fs::read_to_string(path).map_err(io)?
                } else {
                    a.positional.join(" ")
                };
                let doc = Doc::from_article(&Article::new("input", text));
                let t1 = Instant::now();
                let toponyms = crate::geoparse(&doc, &g);
                let took = t1.elapsed();
                print_toponyms(out, &toponyms).map_err(io)?;
                writeln!(
                    out,
                    "# {} toponyms; gazetteer loaded in {:.1} ms, text geoparsed in {:.0} µs",
                    toponyms.len(),
                    loaded.as_secs_f64() * 1e3,
                    took.as_secs_f64() * 1e6
                )
                .map_err(io)?;
            }
            Ok(0)
        }
        Some("bench") => {
            let path = args
                .get(1)
                .cloned()
                .unwrap_or_else(|| crate::bench::DEFAULT_CORPUS.to_string());
            crate::bench::run(&path);
            Ok(0)
        }
        Some("eval") if args.get(1).map(String::as_str) == Some("geowebnews") => {
            let a = Args::parse(&args[2..], &["gazetteer"]);
            let path = a
                .positional
                .first()
                .map(PathBuf::from)
                .unwrap_or_else(crate::eval::default_geowebnews_path);
            let g = load(&a)?;
            let (s, details) = crate::eval::eval_geowebnews(&path, &g)?;
            if a.flag("errors") {
                for d in &details {
                    writeln!(out, "{}", serde_json::to_string(d).unwrap_or_default())
                        .map_err(io)?;
                }
            }
            print_scores(out, &s).map_err(io)?;
            Ok(0)
        }
        _ => {
            writeln!(out, "{USAGE}").map_err(io)?;
            Ok(2)
        }
    }
}

fn report_build(
    out: &mut dyn Write,
    r: &crate::build::BuildReport,
    dest: &Path,
) -> std::io::Result<()> {
    for (file, e) in r.errors.iter().take(20) {
        writeln!(out, "warning: {file}: {e}")?;
    }
    if r.errors.len() > 20 {
        writeln!(out, "warning: {} more malformed lines", r.errors.len() - 20)?;
    }
    writeln!(
        out,
        "wrote {} ({} places, {:.1} MB)",
        dest.display(),
        r.places,
        r.bytes as f64 / 1e6
    )
}

/// Print GeoWebNews scores.
pub fn print_scores(out: &mut dyn Write, s: &crate::eval::GeoScores) -> std::io::Result<()> {
    writeln!(
        out,
        "GeoWebNews: {} articles, {} gold toponyms",
        s.articles, s.gold
    )?;
    writeln!(
        out,
        "gold spans: accuracy@161km {:.1}% ({}/{}), exact country {:.1}% ({}/{}), median error {:.0} km, AUC {:.3}",
        100.0 * s.accuracy_161km,
        s.within_161km,
        s.gold,
        100.0 * s.country_accuracy,
        s.country_correct,
        s.country_known,
        s.median_error_km,
        s.auc
    )?;
    writeln!(
        out,
        "gold spans with a GeoNames id: accuracy@161km {:.1}% ({}/{})",
        100.0 * s.within_161km_with_id as f64 / s.gold_with_id.max(1) as f64,
        s.within_161km_with_id,
        s.gold_with_id
    )?;
    writeln!(
        out,
        "end to end: P {:.1} R {:.1} F1 {:.1} (overlap F1 {:.1}); matched spans within 161 km {:.1}%",
        100.0 * s.precision,
        100.0 * s.recall,
        100.0 * s.f1,
        100.0 * s.f1_overlap,
        100.0 * s.e2e_accuracy_161km
    )?;
    for (t, n, f) in &s.recall_by_type {
        writeln!(
            out,
            "  recall {t:<22} {:5.1}% ({f}/{n})",
            100.0 * *f as f64 / *n as f64
        )?;
    }
    Ok(())
}

fn print_toponyms(out: &mut dyn Write, ts: &[Toponym]) -> std::io::Result<()> {
    for t in ts {
        let role = match t.role {
            Role::Place => "place",
            Role::Modifier => "modifier",
            Role::Actor => "actor (metonymic)",
        };
        match &t.resolution {
            Some(r) => writeln!(
                out,
                "{}..{}\t{}\t[{role}]\t{} ({}, {}{}) {:.4},{:.4} {:?} {}{}",
                t.start,
                t.end,
                t.text,
                r.name,
                r.feature,
                r.country.as_deref().unwrap_or("-"),
                r.admin1
                    .as_deref()
                    .map(|a| format!(", {a}"))
                    .unwrap_or_default(),
                r.lat,
                r.lon,
                r.precision,
                r.gazetteer_id,
                r.seat_of
                    .as_deref()
                    .map(|s| format!(" (capital of {s})"))
                    .unwrap_or_default(),
            )?,
            None => writeln!(
                out,
                "{}..{}\t{}\t[{role}]\t(unresolved)",
                t.start, t.end, t.text
            )?,
        }
        for a in &t.alternatives {
            writeln!(
                out,
                "\t\talt: {} ({}, {}) {:.3},{:.3} {:?} score {:.2}",
                a.name,
                a.feature,
                a.country.as_deref().unwrap_or("-"),
                a.lat,
                a.lon,
                a.precision,
                a.score
            )?;
        }
    }
    Ok(())
}

#[derive(Deserialize)]
struct JsonSpan {
    start_byte: u32,
    end_byte: u32,
}

#[derive(Deserialize)]
struct JsonIn {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    toponyms: Option<Vec<JsonSpan>>,
    /// The article's address (its top-level domain is a weak prior).
    #[serde(default)]
    url: Option<String>,
}

/// One output toponym of `geo --json`.
#[derive(Serialize)]
pub struct JsonToponym {
    /// Byte offset.
    pub start_byte: u32,
    /// One past the last byte.
    pub end_byte: u32,
    /// Gazetteer name (null when unresolved).
    pub name: Option<String>,
    /// `geonames:<id>` or `annals:<slug>`.
    pub gazetteer_id: Option<String>,
    /// ISO alpha-3.
    pub country: Option<String>,
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Feature code.
    pub feature: Option<String>,
    /// Precision.
    pub precision: Option<annals_record::GeoPrecision>,
    /// Role: place, modifier, actor.
    pub role: Role,
    /// How it was resolved: its own name, a place named inside it, or the document's main
    /// place.
    pub basis: Option<crate::Basis>,
}

impl From<&Toponym> for JsonToponym {
    fn from(t: &Toponym) -> Self {
        let r = t.resolution.as_ref();
        JsonToponym {
            start_byte: t.start,
            end_byte: t.end,
            name: r.map(|r| r.name.clone()),
            gazetteer_id: r.map(|r| r.gazetteer_id.clone()),
            country: r.and_then(|r| r.country.clone()),
            lat: r.map(|r| r.lat),
            lon: r.map(|r| r.lon),
            feature: r.map(|r| r.feature.clone()),
            precision: r.map(|r| r.precision),
            role: t.role,
            basis: r.map(|r| r.basis),
        }
    }
}

fn geo_jsonl(path: &Path, g: &Gazetteer, out: &mut dyn Write) -> Result<(), GeoError> {
    let file = std::fs::File::open(path)
        .map_err(|e| GeoError::Other(format!("{}: {e}", path.display())))?;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| GeoError::Other(e.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        let rec: JsonIn = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{}:{}: skipped: {e}", path.display(), n + 1);
                continue;
            }
        };
        let id = match &rec.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut article = Article::new(id, rec.text);
        article.url = rec.url;
        let doc = Doc::from_article(&article);
        let toponyms = match &rec.toponyms {
            Some(spans) => {
                let spans: Vec<Span> = spans
                    .iter()
                    .map(|s| Span {
                        start: s.start_byte,
                        end: s.end_byte,
                    })
                    .collect();
                crate::resolve_spans(&doc, g, &spans)
            }
            None => crate::geoparse(&doc, g),
        };
        let value = serde_json::json!({
            "id": rec.id,
            "toponyms": toponyms.iter().map(JsonToponym::from).collect::<Vec<_>>(),
        });
        writeln!(out, "{value}").map_err(|e| GeoError::Other(e.to_string()))?;
    }
    Ok(())
}
