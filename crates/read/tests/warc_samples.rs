//! The WARC samples of `../shared/eval/corpora/warc-samples` (warcio's test files): each is read
//! correctly or its bad records are reported with a clear reason; none crashes. Skipped with a
//! message when the shared directory is absent (a fresh clone).

use std::path::{Path, PathBuf};

use annals_read::{Defaults, open};

fn samples_dir() -> Option<PathBuf> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/corpora/warc-samples");
    if dir.is_dir() {
        Some(dir)
    } else {
        skip_notice(format!("skipped: {} is absent", dir.display()));
        None
    }
}

/// (articles, issues) for one sample.
fn read(dir: &Path, name: &str) -> (Vec<annals_read::Article>, Vec<annals_read::ReadIssue>) {
    let mut articles = Vec::new();
    let mut issues = Vec::new();
    for item in open(&dir.join(name), None, &Defaults::default()) {
        match item {
            Ok(a) => articles.push(a),
            Err(e) => issues.push(e),
        }
    }
    eprintln!(
        "{name}: {} article(s), {} issue(s)",
        articles.len(),
        issues.len()
    );
    for a in &articles {
        eprintln!(
            "  ok   {} {:?} {:?} {:?} {} chars",
            a.id,
            a.url,
            a.date,
            a.publisher,
            a.text.len()
        );
    }
    for i in &issues {
        eprintln!("  skip {i}");
    }
    (articles, issues)
}

#[test]
fn every_sample_is_read_or_reported() {
    let Some(dir) = samples_dir() else { return };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".warc"))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for name in &names {
        let (articles, issues) = read(&dir, name);
        for a in &articles {
            assert!(!a.text.trim().is_empty(), "{name}: empty article");
        }
        for i in &issues {
            assert!(i.origin.source.contains(name.as_str()), "{i}");
            assert!(i.origin.source.contains("record"), "{i}");
            assert!(i.message.len() > 10, "{i}");
        }
        // What warcio's own tests say each file holds.
        let (n_articles, n_issues, expect): (usize, usize, &str) = match name.as_str() {
            "example-bad-non-chunked.warc.gz"
            | "example-resource.warc.gz"
            | "example-wrong-chunks.warc.gz"
            | "example.warc"
            | "example.warc.gz" => (1, 0, "illustrative examples"),
            "example-iana.org-chunked.warc" => (1, 0, "IANA"),
            "example-digest.warc" => (0, 0, ""),
            "example-space-in-target-uri.warc.gz" => (0, 1, "content type image/png"),
            "example-trunc.warc" => (0, 2, "truncated"),
            "post-test.warc.gz" => (0, 3, "content type application/json"),
            _ => continue,
        };
        assert_eq!(articles.len(), n_articles, "{name}");
        assert_eq!(issues.len(), n_issues, "{name}");
        if let Some(a) = articles.first() {
            assert!(a.text.contains(expect), "{name}: {}", a.text);
            assert!(
                a.url.as_deref().is_some_and(|u| u.starts_with("http")),
                "{name}"
            );
            assert!(a.date.is_some(), "{name}");
        }
        if let Some(i) = issues.first() {
            assert!(i.message.contains(expect), "{name}: {i}");
        }
    }
}

/// Say that a test is skipped, on the terminal: libtest captures `println!`/`eprintln!`, but
/// not writes to the stderr handle, so this shows in `cargo test` output.
fn skip_notice(message: String) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}
