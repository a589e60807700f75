//! Expanding inputs: directories (recursively, in name order, hidden files left out) and glob
//! patterns (`news/**/*.warc.gz`).

use std::path::{Path, PathBuf};

use crate::{Origin, ReadIssue};

/// True when `s` contains glob metacharacters (`*`, `?`, `[`).
pub fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Expand directories and glob patterns into the files they name, in a stable order. Plain
/// paths (and `-`) are kept as given, whether or not they exist (opening reports a missing
/// file). A pattern that matches nothing, or a directory that cannot be read, becomes an issue.
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ReadIssue>) {
    let mut files = Vec::new();
    let mut issues = Vec::new();
    let issue = |source: &Path, message: String| ReadIssue {
        origin: Origin {
            source: source.to_string_lossy().into_owned(),
            line: None,
        },
        message,
    };
    for path in paths {
        let text = path.to_string_lossy();
        if text != "-" && path.is_dir() {
            walk(path, &mut files, &mut issues);
        } else if text != "-" && !path.exists() && is_glob(&text) {
            match glob::glob(&text) {
                Ok(matches) => {
                    let before = files.len();
                    for entry in matches {
                        match entry {
                            Ok(p) if p.is_dir() => walk(&p, &mut files, &mut issues),
                            Ok(p) => files.push(p),
                            Err(err) => issues
                                .push(issue(err.path(), format!("cannot read: {}", err.error()))),
                        }
                    }
                    if files.len() == before {
                        issues.push(issue(path, "no file matches this pattern".to_string()));
                    }
                }
                Err(err) => issues.push(issue(path, format!("invalid pattern: {err}"))),
            }
        } else {
            files.push(path.clone());
        }
    }
    (files, issues)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, issues: &mut Vec<ReadIssue>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
            Ok(_) => {}
            Err(err) => issues.push(ReadIssue {
                origin: Origin {
                    source: err.path().unwrap_or(dir).to_string_lossy().into_owned(),
                    line: None,
                },
                message: format!("cannot read: {err}"),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_and_globs_expand_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        for name in ["a.txt", "b/c/d.jsonl", "b/e.html", ".hidden.txt"] {
            std::fs::write(root.join(name), "x").unwrap();
        }
        let (files, issues) = expand_inputs(&[root.to_path_buf()]);
        assert!(issues.is_empty());
        let names: Vec<String> = files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.txt", "b/c/d.jsonl", "b/e.html"]);

        let pattern = root.join("b/**/*.jsonl");
        let (files, _) = expand_inputs(&[pattern]);
        assert_eq!(files.len(), 1);

        let (files, issues) = expand_inputs(&[root.join("*.nothing")]);
        assert!(files.is_empty());
        assert!(issues[0].message.contains("no file matches"));
    }
}
