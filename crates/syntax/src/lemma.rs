//! Lemmatizer and morphological features: a `(form, XPOS) → lemma` table learned from the
//! treebank, plus suffix rules (`XPOS` + word ending → strip *n* characters, append *s*) learned
//! from the same data for unseen words. Features (`FEATS`) come from the same kind of table,
//! falling back to the most frequent features of the XPOS.

use std::collections::HashMap;

use crate::binio::{BinReader, BinWriter, FormatError};

/// Longest word ending a rule is keyed on.
const MAX_SUFFIX: usize = 6;

/// How a rule builds the lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Rule {
    /// Apply to the form as written (true) or lower-cased (false).
    keep_case: bool,
    /// Characters removed from the end.
    strip: u8,
    /// Text appended.
    add: String,
}

impl Rule {
    fn learn(form: &str, lemma: &str) -> Rule {
        let keep_case = lemma.chars().next().is_some_and(char::is_uppercase);
        let base = if keep_case {
            form.to_string()
        } else {
            form.to_lowercase()
        };
        let common = base
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let strip = base.chars().count() - common;
        Rule {
            keep_case,
            strip: strip.min(255) as u8,
            add: lemma.chars().skip(common).collect(),
        }
    }

    fn apply(&self, form: &str) -> Option<String> {
        let base = if self.keep_case {
            form.to_string()
        } else {
            form.to_lowercase()
        };
        let n = base.chars().count();
        let strip = self.strip as usize;
        if strip > n || (strip == n && self.add.is_empty()) {
            return None;
        }
        let mut out: String = base.chars().take(n - strip).collect();
        out.push_str(&self.add);
        Some(out)
    }

    fn encode(&self) -> String {
        format!("{}{}{}", u8::from(self.keep_case), self.strip as char, self.add)
    }

    fn decode(s: &str) -> Option<Rule> {
        let mut chars = s.chars();
        let keep_case = match chars.next()? {
            '0' => false,
            '1' => true,
            _ => return None,
        };
        let strip = u8::try_from(u32::from(chars.next()?)).ok()?;
        Some(Rule {
            keep_case,
            strip,
            add: chars.collect(),
        })
    }
}

/// The lemmatizer (and features tagger).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lemmatizer {
    /// `xpos \u{1f} form` (exact, then lower-cased) → lemma.
    table: HashMap<String, String>,
    /// `xpos \u{1f} ending` → rule.
    rules: HashMap<String, Rule>,
    /// `xpos \u{1f} lower form` → features.
    feats: HashMap<String, String>,
    /// `xpos` → most frequent features.
    feats_by_xpos: HashMap<String, String>,
}

fn key(xpos: &str, form: &str) -> String {
    let mut k = String::with_capacity(xpos.len() + form.len() + 1);
    k.push_str(xpos);
    k.push('\u{1f}');
    k.push_str(form);
    k
}

fn most_frequent<K: std::hash::Hash + Eq + Clone, V: std::hash::Hash + Eq + Clone + Ord>(
    counts: HashMap<K, HashMap<V, usize>>,
    min: usize,
) -> HashMap<K, V> {
    counts
        .into_iter()
        .filter_map(|(k, votes)| {
            let total: usize = votes.values().sum();
            let best = votes
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
            (total >= min).then_some((k, best.0))
        })
        .collect()
}

impl Lemmatizer {
    /// Learn from `(form, xpos, lemma, feats)` examples.
    pub fn train<'a>(examples: impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str)>) -> Self {
        let mut table: HashMap<String, HashMap<String, usize>> = HashMap::new();
        let mut rules: HashMap<String, HashMap<String, usize>> = HashMap::new();
        let mut feats: HashMap<String, HashMap<String, usize>> = HashMap::new();
        let mut feats_by_xpos: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for (form, xpos, lemma, f) in examples {
            if lemma.is_empty() || lemma == "_" && form != "_" {
                continue;
            }
            *table
                .entry(key(xpos, form))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            let lower = form.to_lowercase();
            if lower != form {
                *table
                    .entry(key(xpos, &lower))
                    .or_default()
                    .entry(lemma.to_string())
                    .or_default() += 1;
            }
            let rule = Rule::learn(form, lemma).encode();
            let chars: Vec<char> = lower.chars().collect();
            for k in 0..=MAX_SUFFIX.min(chars.len()) {
                let ending: String = chars[chars.len() - k..].iter().collect();
                *rules
                    .entry(key(xpos, &ending))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
            }
            *feats
                .entry(key(xpos, &lower))
                .or_default()
                .entry(f.to_string())
                .or_default() += 1;
            *feats_by_xpos
                .entry(xpos.to_string())
                .or_default()
                .entry(f.to_string())
                .or_default() += 1;
        }
        let rules = most_frequent(rules, 2)
            .into_iter()
            .filter_map(|(k, r)| Some((k, Rule::decode(&r)?)))
            .collect();
        Lemmatizer {
            table: most_frequent(table, 1),
            rules,
            feats: most_frequent(feats, 1),
            feats_by_xpos: most_frequent(feats_by_xpos, 1),
        }
    }

    /// The lemma of `form` tagged `xpos` (`upos_is_proper` keeps an unseen name as written).
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        if let Some(l) = self.table.get(&key(xpos, form)) {
            return l.clone();
        }
        let lower = form.to_lowercase();
        if let Some(l) = self.table.get(&key(xpos, &lower)) {
            return l.clone();
        }
        let chars: Vec<char> = lower.chars().collect();
        for k in (0..=MAX_SUFFIX.min(chars.len())).rev() {
            let ending: String = chars[chars.len() - k..].iter().collect();
            if let Some(rule) = self.rules.get(&key(xpos, &ending))
                && let Some(lemma) = rule.apply(form)
            {
                return lemma;
            }
        }
        lower
    }

    /// Morphological features (`_` when none known).
    pub fn feats(&self, form: &str, xpos: &str) -> &str {
        self.feats
            .get(&key(xpos, &form.to_lowercase()))
            .or_else(|| self.feats_by_xpos.get(xpos))
            .map_or("_", String::as_str)
    }

    /// Approximate size in bytes.
    pub fn byte_size(&self) -> usize {
        let map = |m: &HashMap<String, String>| m.iter().map(|(k, v)| k.len() + v.len() + 8).sum::<usize>();
        map(&self.table)
            + map(&self.feats)
            + map(&self.feats_by_xpos)
            + self.rules.iter().map(|(k, r)| k.len() + r.add.len() + 10).sum::<usize>()
    }

    pub(crate) fn write(&self, w: &mut BinWriter) {
        for map in [&self.table, &self.feats, &self.feats_by_xpos] {
            let mut entries: Vec<(&String, &String)> = map.iter().collect();
            entries.sort();
            w.strs(&entries.iter().map(|e| e.0).collect::<Vec<_>>());
            w.strs(&entries.iter().map(|e| e.1).collect::<Vec<_>>());
        }
        let mut rules: Vec<(&String, String)> = self.rules.iter().map(|(k, r)| (k, r.encode())).collect();
        rules.sort();
        w.strs(&rules.iter().map(|e| e.0).collect::<Vec<_>>());
        w.strs(&rules.iter().map(|e| e.1.as_str()).collect::<Vec<_>>());
    }

    pub(crate) fn read(r: &mut BinReader) -> Result<Lemmatizer, FormatError> {
        let mut maps = Vec::new();
        for _ in 0..3 {
            let keys = r.strs()?;
            let values = r.strs()?;
            if keys.len() != values.len() {
                return Err(r.error("lemma table lengths differ"));
            }
            maps.push(keys.into_iter().zip(values).collect::<HashMap<_, _>>());
        }
        let keys = r.strs()?;
        let values = r.strs()?;
        if keys.len() != values.len() {
            return Err(r.error("lemma rule lengths differ"));
        }
        let mut rules = HashMap::with_capacity(keys.len());
        for (k, v) in keys.into_iter().zip(values) {
            rules.insert(k, Rule::decode(&v).ok_or_else(|| r.error("bad lemma rule"))?);
        }
        let feats_by_xpos = maps.pop().unwrap_or_default();
        let feats = maps.pop().unwrap_or_default();
        let table = maps.pop().unwrap_or_default();
        Ok(Lemmatizer {
            table,
            rules,
            feats,
            feats_by_xpos,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trained() -> Lemmatizer {
        let data = [
            ("walked", "VBD", "walk", "Tense=Past"),
            ("talked", "VBD", "talk", "Tense=Past"),
            ("jumped", "VBD", "jump", "Tense=Past"),
            ("went", "VBD", "go", "Tense=Past"),
            ("cats", "NNS", "cat", "Number=Plur"),
            ("dogs", "NNS", "dog", "Number=Plur"),
            ("Paris", "NNP", "Paris", "Number=Sing"),
            ("London", "NNP", "London", "Number=Sing"),
            ("The", "DT", "the", "_"),
        ];
        Lemmatizer::train(data.iter().map(|&(a, b, c, d)| (a, b, c, d)))
    }

    #[test]
    fn table_then_rules() {
        let l = trained();
        assert_eq!(l.lemma("went", "VBD"), "go");
        assert_eq!(l.lemma("THE", "DT"), "the");
        assert_eq!(l.lemma("parked", "VBD"), "park");
        assert_eq!(l.lemma("Parked", "VBD"), "park");
        assert_eq!(l.lemma("birds", "NNS"), "bird");
        assert_eq!(l.lemma("Berlin", "NNP"), "Berlin");
        assert_eq!(l.lemma("xyz", "UH"), "xyz");
        assert_eq!(l.feats("birds", "NNS"), "Number=Plur");
        assert_eq!(l.feats("x", "??"), "_");
    }

    #[test]
    fn round_trip() {
        let l = trained();
        let mut w = BinWriter::default();
        l.write(&mut w);
        let bytes = w.into_bytes();
        assert_eq!(Lemmatizer::read(&mut BinReader::new(&bytes)).unwrap(), l);
    }
}
