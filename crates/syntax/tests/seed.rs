//! Acceptance checks on the seed article with the shipped model. The article is read at run
//! time from `../shared` beside the repository; without it the tests print a message and pass.

use std::path::PathBuf;

use annals_document::{Article, Doc};
use annals_syntax::SyntaxModel;

fn seed_doc() -> Option<Doc> {
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/article.txt"
    ));
    let Ok(text) = std::fs::read_to_string(&path) else {
        skip_notice(format!("skipped: {} not found", path.display()));
        return None;
    };
    let model = SyntaxModel::load_default().expect("the shipped syntax model loads");
    let mut doc = Doc::from_article(&Article::new("seed", text));
    model.annotate(&mut doc);
    Some(doc)
}

/// Index of the first token with this form at or after `from`.
fn find(doc: &Doc, form: &str, from: usize) -> usize {
    (from..doc.tokens.len())
        .find(|&i| doc.tokens[i].norm == form)
        .unwrap_or_else(|| panic!("no token {form:?} after {from}"))
}

fn describe(doc: &Doc, i: usize) -> String {
    let s = doc.sentence_of_token(i).expect("token in a sentence");
    let range = doc.sentences[s].token_range();
    doc.tokens[range.clone()]
        .iter()
        .enumerate()
        .map(|(k, t)| {
            format!(
                "{} {} {} {} {}\n",
                range.start + k,
                t.norm,
                t.xpos,
                t.head.map_or("root".into(), |h| h.to_string()),
                t.deprel
            )
        })
        .collect()
}

#[test]
fn passive_subject_of_taken() {
    let Some(doc) = seed_doc() else { return };
    let start = find(&doc, "More", 0);
    let fighters = find(&doc, "fighters", start);
    let taken = find(&doc, "taken", start);
    let t = &doc.tokens[fighters];
    assert_eq!(t.head, Some(taken as u32), "{}", describe(&doc, fighters));
    assert_eq!(t.deprel, "nsubj:pass", "{}", describe(&doc, fighters));
}

#[test]
fn passive_agent_of_seized() {
    let Some(doc) = seed_doc() else { return };
    let start = find(&doc, "governorates", 0);
    let seized = find(&doc, "seized", start);
    let troops = find(&doc, "troops", seized);
    let t = &doc.tokens[troops];
    assert_eq!(t.head, Some(seized as u32), "{}", describe(&doc, troops));
    assert_eq!(t.deprel, "obl:agent", "{}", describe(&doc, troops));
}

#[test]
fn rudskoy_is_one_person() {
    let Some(doc) = seed_doc() else { return };
    let colonel = find(&doc, "Colonel", 0);
    let rudskoy = find(&doc, "Rudskoy", colonel);
    let found: Vec<(&str, &str)> = doc
        .entities
        .iter()
        .map(|e| (doc.slice(e.span), e.label))
        .collect();
    assert!(
        doc.entities
            .iter()
            .any(|e| e.tokens == (colonel as u32..rudskoy as u32 + 1) && e.label == "person"),
        "entities: {found:?}"
    );
}

/// Say that a test is skipped, on the terminal: libtest captures `println!`/`eprintln!`, but
/// not writes to the stderr handle, so this shows in `cargo test` output.
fn skip_notice(message: String) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}
