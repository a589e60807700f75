//! `annals annotate`: show every layer annals found, so that a person can see why.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use annals_events::Annotated;
use annals_events::document::{Doc, Upos};
use clap::{Args, ValueEnum};

use super::Outcome;
use super::input::{InputArgs, PipelineArgs, process_all};
use super::output::open_out;

/// Output formats of `annals annotate`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnnotateFormat {
    /// Readable text: each sentence with its tokens, dates, counts and events.
    #[default]
    Text,
    /// One JSON object per document with every layer, for scripts.
    Json,
    /// CoNLL-U (tokens, tags, lemmas, heads, relations; entities in MISC).
    Conllu,
}

/// Options of `annals annotate`.
#[derive(Args, Debug)]
pub struct AnnotateArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnnotateFormat::Text)]
    pub format: AnnotateFormat,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// Run `annals annotate`.
pub fn run(args: AnnotateArgs) -> anyhow::Result<Outcome> {
    let pipeline = args.pipeline.build()?;
    let mut out = open_out(args.out.as_deref())?;
    let skipped = process_all(&args.input, &pipeline, |annotated| {
        match args.format {
            AnnotateFormat::Text => out.write_all(render_text(&annotated).as_bytes())?,
            AnnotateFormat::Json => {
                serde_json::to_writer(&mut out, &annotated)?;
                out.write_all(b"\n")?;
            }
            AnnotateFormat::Conllu => out.write_all(render_conllu(&annotated.doc).as_bytes())?,
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(Outcome::from_skipped(skipped))
}

fn quoted(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    format!("\"{one_line}\"")
}

/// The readable text view of one annotated document.
pub fn render_text(a: &Annotated) -> String {
    let doc = &a.doc;
    let mut s = String::new();
    let date = doc
        .date
        .map(|d| {
            let how = serde_json::to_value(doc.date_source).unwrap_or_default();
            format!("{d} ({})", how.as_str().unwrap_or(""))
        })
        .unwrap_or_else(|| "unknown".to_string());
    let _ = writeln!(s, "=== document {}", doc.id);
    let _ = writeln!(s, "published: {date}");
    if let Some(p) = &doc.publisher {
        let _ = writeln!(s, "publisher: {p}");
    }
    if let Some(u) = &doc.url {
        let _ = writeln!(s, "url: {u}");
    }
    if let Some(line) = &doc.dateline {
        let _ = writeln!(
            s,
            "dateline: {} [{}..{}]",
            quoted(doc.slice(line.span)),
            line.span.start,
            line.span.end
        );
    }
    for f in &doc.furniture {
        let kind = serde_json::to_value(f.kind).unwrap_or_default();
        let _ = writeln!(
            s,
            "removed {}: {} [{}..{}]",
            kind.as_str().unwrap_or(""),
            quoted(doc.slice(f.span)),
            f.span.start,
            f.span.end
        );
    }
    let parsed = doc.tokens.iter().any(|t| t.upos != Upos::Unknown);
    for (i, sentence) in doc.sentences.iter().enumerate() {
        let kind = serde_json::to_value(sentence.kind).unwrap_or_default();
        let _ = writeln!(
            s,
            "\n--- sentence {i} [{}..{}] {}",
            sentence.span.start,
            sentence.span.end,
            kind.as_str().unwrap_or("")
        );
        let _ = writeln!(s, "{}", doc.sentence_text(sentence));
        let range = sentence.token_range();
        let tokens: Vec<String> = doc.tokens[range.clone()]
            .iter()
            .enumerate()
            .map(|(k, t)| {
                if parsed {
                    let head = t
                        .head
                        .map(|h| (h as usize + 1 - range.start).to_string())
                        .unwrap_or_else(|| "0".to_string());
                    format!(
                        "{}:{}/{}/{}<-{}:{}",
                        k + 1,
                        t.norm,
                        t.upos.as_str(),
                        t.lemma,
                        head,
                        t.deprel
                    )
                } else {
                    t.norm.clone()
                }
            })
            .collect();
        let _ = writeln!(s, "  tokens: {}", tokens.join(" "));
        for e in doc
            .entities
            .iter()
            .filter(|e| sentence.span.contains(e.span))
        {
            let _ = writeln!(s, "  entity: {} {}", e.label, quoted(doc.slice(e.span)));
        }
        for d in a
            .mentions
            .dates
            .iter()
            .filter(|d| sentence.span.contains(d.span))
        {
            let precision = serde_json::to_value(d.precision).unwrap_or_default();
            let _ = writeln!(
                s,
                "  date: {} = {} ({}, {}: {})",
                quoted(&d.text),
                d.value_string().unwrap_or_else(|| "?".into()),
                precision.as_str().unwrap_or(""),
                d.basis.as_str(),
                d.how
            );
        }
        for q in a
            .mentions
            .quantities
            .iter()
            .filter(|q| sentence.span.contains(q.span))
        {
            let qual = q
                .qualifier
                .map(|x| {
                    serde_json::to_value(x)
                        .unwrap_or_default()
                        .as_str()
                        .unwrap_or("")
                        .to_string()
                })
                .unwrap_or_else(|| "exact".into());
            let mut bounds = String::new();
            if let Some(l) = q.low {
                let _ = write!(bounds, " low={l}");
            }
            if let Some(h) = q.high {
                let _ = write!(bounds, " high={h}");
            }
            let _ = writeln!(
                s,
                "  count: {} = {{value: {}, qualifier: {}{}}} of {}",
                quoted(&q.text),
                q.value,
                qual,
                bounds,
                q.unit.as_deref().unwrap_or("?")
            );
        }
        for e in a.events.iter().filter(|e| e.sentence.index as usize == i) {
            let _ = writeln!(
                s,
                "  event: {}{} {}",
                e.type_label(),
                e.mode
                    .as_deref()
                    .map(|m| format!("/{m}"))
                    .unwrap_or_default(),
                quoted(&e.evidence.text)
            );
        }
    }
    let _ = writeln!(s, "\n{} event(s)\n", a.events.len());
    s
}

/// CoNLL-U for a document: one block per sentence; entities as `Entity=` BIO marks in MISC.
pub fn render_conllu(doc: &Doc) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# newdoc id = {}", doc.id);
    for (i, sentence) in doc.sentences.iter().enumerate() {
        let range = sentence.token_range();
        let _ = writeln!(s, "# sent_id = {}-{}", doc.id, i + 1);
        let _ = writeln!(
            s,
            "# text = {}",
            quoted(doc.sentence_text(sentence)).trim_matches('"')
        );
        for (k, t) in doc.tokens[range.clone()].iter().enumerate() {
            let tok = range.start + k;
            let head = match (t.head, t.deprel.is_empty()) {
                (_, true) => "_".to_string(),
                (Some(h), false) => (h as usize + 1 - range.start).to_string(),
                (None, false) => "0".to_string(),
            };
            let mut misc = Vec::new();
            if let Some(e) = doc
                .entities
                .iter()
                .find(|e| e.tokens.contains(&(tok as u32)))
            {
                let bio = if e.tokens.start as usize == tok {
                    "B"
                } else {
                    "I"
                };
                misc.push(format!("Entity={bio}-{}", e.label));
            }
            if !t.space_after {
                misc.push("SpaceAfter=No".to_string());
            }
            let field = |v: &str| {
                if v.is_empty() {
                    "_".to_string()
                } else {
                    v.to_string()
                }
            };
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                k + 1,
                doc.slice(t.span),
                field(&t.lemma),
                t.upos.as_str(),
                field(t.xpos),
                head,
                field(t.deprel),
                if misc.is_empty() {
                    "_".to_string()
                } else {
                    misc.join("|")
                }
            );
        }
        s.push('\n');
    }
    s
}
