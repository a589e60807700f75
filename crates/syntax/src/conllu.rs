//! CoNLL-U reading and writing, with GUM's `Entity=` mention brackets.
//!
//! The reader keeps the basic tree only: multiword-token lines (`1-2`) and empty nodes (`8.1`)
//! are skipped. Malformed input gives a [`ConlluError`] with the 1-based line number; the reader
//! never panics.

use std::fmt;
use std::ops::Range;

/// One word of a CoNLL-U sentence (one basic-tree node).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Word {
    /// Word form.
    pub form: String,
    /// Lemma (`_` when not given).
    pub lemma: String,
    /// Universal POS tag.
    pub upos: String,
    /// Language-specific POS tag.
    pub xpos: String,
    /// Morphological features (`_` when none).
    pub feats: String,
    /// Head as a 1-based word index, 0 for the root; `None` when the column is `_`.
    pub head: Option<u32>,
    /// Dependency relation, with subtype (`nsubj:pass`).
    pub deprel: String,
    /// The MISC column.
    pub misc: String,
}

impl Word {
    /// Whether `SpaceAfter=No` is in the MISC column.
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|f| f == "SpaceAfter=No")
    }
}

/// An entity mention over the words of one sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Word indices (0-based, end exclusive).
    pub words: Range<usize>,
    /// Entity type (`person`, `place`, …).
    pub label: String,
}

/// One sentence: comments, words, and the entity mentions found in MISC.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sentence {
    /// Comment lines without the leading `# `.
    pub comments: Vec<String>,
    /// The words (basic tree nodes) in order.
    pub words: Vec<Word>,
    /// All `Entity=` mentions opened and closed inside this sentence (nested ones included).
    pub mentions: Vec<Mention>,
    /// Document id from the latest `# newdoc id = …` line.
    pub doc_id: Option<String>,
    /// Line number (1-based) of the sentence's first word line.
    pub line: usize,
}

impl Sentence {
    /// The word forms.
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }

    /// The `# text = …` comment, if any.
    pub fn text(&self) -> Option<&str> {
        self.comments.iter().find_map(|c| c.strip_prefix("text = "))
    }
}

/// A malformed CoNLL-U line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConlluError {}

/// Parse a whole CoNLL-U text.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    let mut doc_id: Option<String> = None;
    let mut open_mentions: Vec<OpenMention> = Vec::new();
    let mut expected_id = 1u32;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !current.words.is_empty() || !current.comments.is_empty() {
                finish_sentence(&mut current, line_no)?;
                sentences.push(std::mem::take(&mut current));
            }
            open_mentions.clear();
            expected_id = 1;
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(id) = comment.strip_prefix("newdoc id") {
                let id = id.trim_start().trim_start_matches('=').trim();
                doc_id = Some(id.to_string());
            }
            if current.words.is_empty() {
                current.comments.push(comment.to_string());
                current.doc_id.clone_from(&doc_id);
            }
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        if columns.len() != 10 {
            return Err(ConlluError {
                line: line_no,
                message: format!("expected 10 tab-separated columns, found {}", columns.len()),
            });
        }
        let id = columns[0];
        if id.contains('-') || id.contains('.') {
            // Multiword token or empty node: not part of the basic tree.
            let ok = id
                .split(['-', '.'])
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if !ok {
                return Err(ConlluError {
                    line: line_no,
                    message: format!("bad ID {id:?}"),
                });
            }
            continue;
        }
        let id: u32 = id.parse().map_err(|_| ConlluError {
            line: line_no,
            message: format!("bad ID {id:?}"),
        })?;
        if id != expected_id {
            return Err(ConlluError {
                line: line_no,
                message: format!("expected word ID {expected_id}, found {id}"),
            });
        }
        expected_id += 1;
        let head = match columns[6] {
            "_" => None,
            h => Some(h.parse::<u32>().map_err(|_| ConlluError {
                line: line_no,
                message: format!("bad HEAD {h:?}"),
            })?),
        };
        if current.words.is_empty() {
            current.line = line_no;
            current.doc_id.clone_from(&doc_id);
        }
        let word_index = current.words.len();
        let misc = columns[9];
        if let Some(entity) = misc.split('|').find_map(|f| f.strip_prefix("Entity=")) {
            read_entity_brackets(
                entity,
                word_index,
                &mut open_mentions,
                &mut current.mentions,
            )
            .map_err(|message| ConlluError {
                line: line_no,
                message,
            })?;
        }
        current.words.push(Word {
            form: columns[1].to_string(),
            lemma: columns[2].to_string(),
            upos: columns[3].to_string(),
            xpos: columns[4].to_string(),
            feats: columns[5].to_string(),
            head,
            deprel: columns[7].to_string(),
            misc: misc.to_string(),
        });
    }
    if !current.words.is_empty() || !current.comments.is_empty() {
        finish_sentence(&mut current, text.lines().count() + 1)?;
        sentences.push(current);
    }
    // A file may end with comments only (no words): drop such empty "sentences".
    sentences.retain(|s| !s.words.is_empty());
    Ok(sentences)
}

/// Check heads once the sentence is complete.
fn finish_sentence(sentence: &mut Sentence, line_no: usize) -> Result<(), ConlluError> {
    let n = sentence.words.len() as u32;
    for (i, w) in sentence.words.iter().enumerate() {
        if let Some(h) = w.head
            && (h > n || h == i as u32 + 1)
        {
            return Err(ConlluError {
                line: sentence.line + i,
                message: format!("HEAD {h} is out of range or points at the word itself"),
            });
        }
    }
    sentence
        .mentions
        .sort_by_key(|m| (m.words.start, usize::MAX - m.words.end));
    let _ = line_no;
    Ok(())
}

struct OpenMention {
    id: String,
    label: String,
    start: usize,
}

/// Read one `Entity=` value: `(3-place-…` opens, `3)` closes, `(5-person-…)` is one word.
fn read_entity_brackets(
    value: &str,
    word: usize,
    open: &mut Vec<OpenMention>,
    out: &mut Vec<Mention>,
) -> Result<(), String> {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'(' => {
                let rest = &value[i + 1..];
                let end = rest.find(['(', ')']).unwrap_or(rest.len());
                let descriptor = &rest[..end];
                let mut fields = descriptor.split('-');
                let id = fields.next().unwrap_or_default();
                let label = fields.next().unwrap_or_default();
                if id.is_empty() || label.is_empty() {
                    return Err(format!("bad entity bracket {descriptor:?}"));
                }
                let closes_here = rest.as_bytes().get(end) == Some(&b')');
                if closes_here {
                    out.push(Mention {
                        words: word..word + 1,
                        label: label.to_string(),
                    });
                    i += 1 + end + 1;
                } else {
                    open.push(OpenMention {
                        id: id.to_string(),
                        label: label.to_string(),
                        start: word,
                    });
                    i += 1 + end;
                }
            }
            b')' => i += 1,
            _ => {
                let rest = &value[i..];
                let end = rest.find(')').unwrap_or(rest.len());
                let id = &rest[..end];
                if let Some(pos) = open.iter().rposition(|m| m.id == id) {
                    let m = open.remove(pos);
                    out.push(Mention {
                        words: m.start..word + 1,
                        label: m.label,
                    });
                }
                // A closing bracket for a mention opened in an earlier sentence is ignored.
                i += end + 1;
            }
        }
    }
    Ok(())
}

/// Write sentences as CoNLL-U (10 columns, one blank line after each sentence).
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        write_sentence(s, &mut out);
    }
    out
}

/// Append one sentence in CoNLL-U to `out`.
pub fn write_sentence(sentence: &Sentence, out: &mut String) {
    use std::fmt::Write as _;
    for c in &sentence.comments {
        let _ = writeln!(out, "# {c}");
    }
    for (i, w) in sentence.words.iter().enumerate() {
        let head = w.head.map_or("_".to_string(), |h| h.to_string());
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
            i + 1,
            field(&w.form),
            field(&w.lemma),
            field(&w.upos),
            field(&w.xpos),
            field(&w.feats),
            head,
            field(&w.deprel),
            field(&w.misc),
        );
    }
    out.push('\n');
}

fn field(s: &str) -> &str {
    if s.is_empty() { "_" } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str = "# newdoc id = doc_a\n# text = Ann met Bob Lee.\n\
1\tAnn\tAnn\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-person-new-x-1-coref)\n\
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tBob\tBob\tPROPN\tNNP\t_\t2\tobj\t_\tEntity=(2-person-new-x-1-coref\n\
4\tLee\tLee\tPROPN\tNNP\t_\t3\tflat\t_\tEntity=2)|SpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n\
1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n\
3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_words_heads_and_mentions() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].doc_id.as_deref(), Some("doc_a"));
        assert_eq!(s[0].text(), Some("Ann met Bob Lee."));
        assert_eq!(s[0].words[3].head, Some(3));
        assert!(s[0].words[3].no_space_after());
        assert_eq!(
            s[0].mentions,
            vec![
                Mention {
                    words: 0..1,
                    label: "person".into()
                },
                Mention {
                    words: 2..4,
                    label: "person".into()
                }
            ]
        );
        assert_eq!(s[1].forms(), vec!["do", "n't", "go"]);
        assert_eq!(s[1].doc_id.as_deref(), Some("doc_a"));
    }

    #[test]
    fn nested_mentions() {
        let text = "1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\tEntity=(1-person-a(2-place-b)\n\
2\tman\tman\tNOUN\tNN\t_\t0\troot\t_\tEntity=1)\n";
        let s = parse(text).unwrap();
        assert_eq!(s[0].mentions.len(), 2);
        assert_eq!(s[0].mentions[0].words, 0..2);
        assert_eq!(s[0].mentions[1].words, 0..1);
    }

    #[test]
    fn round_trip() {
        let s = parse(SAMPLE).unwrap();
        let again = parse(&write(&s)).unwrap();
        assert_eq!(s.len(), again.len());
        for (a, b) in s.iter().zip(&again) {
            assert_eq!(a.words, b.words);
            assert_eq!(a.mentions, b.mentions);
        }
    }

    #[test]
    fn errors_carry_line_numbers() {
        let bad = "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tb\n";
        let err = parse(bad).unwrap_err();
        assert_eq!(err.line, 2);
        let bad_head = "1\tA\ta\tDET\tDT\t_\tx\tdet\t_\t_\n";
        assert_eq!(parse(bad_head).unwrap_err().line, 1);
        let out_of_range = "1\tA\ta\tDET\tDT\t_\t7\tdet\t_\t_\n\n";
        assert_eq!(parse(out_of_range).unwrap_err().line, 1);
        let skipped = "1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_\n3\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n";
        assert_eq!(parse(skipped).unwrap_err().line, 2);
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_input(text in "[ -~\t\n()=|#0-9]{0,300}") {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_mangled_sample(cut in 0usize..400, insert in "[\t\n()0-9a-z=|-]{0,8}") {
            let mut text = SAMPLE.to_string();
            let at = cut.min(text.len());
            let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            text.insert_str(at, &insert);
            let _ = parse(&text);
        }
    }
}
