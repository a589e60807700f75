//! `annals demo`: the whole pipeline on a short built-in story.
//!
//! The story is invented for this demo (written by the annals authors; it reports no real
//! event). It has what real pages have: a headline, a dateline with an update stamp, relative
//! dates, counts with qualifiers, attribution, a denial, a threat, a cross-link and a share
//! prompt.

use annals_events::Article;
use clap::Args;

use super::Outcome;
use super::annotate::render_text;
use super::output::render_table;

/// The built-in story.
pub const STORY: &str = include_str!("../demo/story.txt");

/// Options of `annals demo`.
#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Also print every layer (as `annals annotate` does).
    #[arg(long)]
    pub layers: bool,
}

/// Run `annals demo`.
pub fn run(args: DemoArgs) -> anyhow::Result<Outcome> {
    let pipeline = super::input::PipelineArgs::default().build()?;
    let mut article = Article::new("demo", STORY);
    article.publisher = Some("Demo Wire".to_string());
    let annotated = pipeline.process(&article);
    println!("annals demo: a short invented news story, coded end to end.\n");
    println!("{}\n", STORY.trim());
    println!("---");
    if args.layers {
        println!("{}", render_text(&annotated));
    }
    let doc = &annotated.doc;
    println!(
        "{} sentences, {} tokens; published {} ({}); {} piece(s) of site furniture removed; {} date(s), {} count(s).\n",
        doc.sentences.len(),
        doc.tokens.len(),
        doc.date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "?".into()),
        serde_json::to_value(doc.date_source)?
            .as_str()
            .unwrap_or(""),
        doc.furniture.len(),
        annotated.mentions.dates.len(),
        annotated.mentions.quantities.len()
    );
    println!("{}", render_table(&annotated.events));
    println!("{} event(s)", annotated.events.len());
    Ok(Outcome::Complete)
}
