//! Lemmatizer and morphological features: a `(form, XPOS) → lemma` table learned from the
//! treebank, plus suffix rules (`XPOS` + word ending → strip *n* characters, append *s*) learned
//! from the same data for unseen words. Features (`FEATS`) come from the same kind of table,
//! falling back to the most frequent features of the XPOS.

use std::collections::HashMap;

use annals_document::normalize::normalize;

use crate::binio::{BinReader, BinWriter, FormatError};
use crate::perceptron::{HashKeyed, hash_str, mix};

/// Longest word ending a rule is keyed on.
const MAX_SUFFIX: usize = 6;

/// How a rule builds the lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
        format!(
            "{}{}{}",
            u8::from(self.keep_case),
            self.strip as char,
            self.add
        )
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

/// The lemmatizer (and features tagger). Keys are 64-bit hashes of `(xpos, form)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lemmatizer {
    /// `(xpos, form)` (exact, then lower-cased) → index into `lemmas`.
    table: HashKeyed<u32>,
    lemmas: Vec<String>,
    /// `(xpos, ending)` → index into `rules`.
    rule_index: HashKeyed<u32>,
    rules: Vec<Rule>,
    /// `(xpos, lower form)` → index into `feat_values`; `(xpos, "")` → most frequent for the tag.
    feats: HashKeyed<u32>,
    feat_values: Vec<String>,
}

fn key(xpos: &str, form: &str) -> u64 {
    mix(hash_str(xpos), hash_str(form))
}

fn most_frequent<V: std::hash::Hash + Eq + Clone + Ord>(
    counts: HashMap<u64, HashMap<V, usize>>,
    min: usize,
) -> HashMap<u64, V> {
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

/// Replace values by indices into a deduplicated, sorted list.
fn index_values<V: Ord + Clone>(map: HashMap<u64, V>) -> (HashKeyed<u32>, Vec<V>) {
    let mut values: Vec<V> = map.values().cloned().collect();
    values.sort();
    values.dedup();
    let index = map
        .into_iter()
        .map(|(k, v)| (k, values.binary_search(&v).unwrap_or(0) as u32))
        .collect();
    (index, values)
}

/// Byte offsets where the last `k` characters of `s` start, for k = 0..=MAX_SUFFIX.
fn ending_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(s.len()).chain(s.char_indices().rev().map(|(i, _)| i).take(MAX_SUFFIX))
}

impl Lemmatizer {
    /// Learn from `(form, xpos, lemma, feats)` examples.
    pub fn train<'a>(examples: impl Iterator<Item = (&'a str, &'a str, &'a str, &'a str)>) -> Self {
        let mut table: HashMap<u64, HashMap<String, usize>> = HashMap::new();
        let mut rules: HashMap<u64, HashMap<Rule, usize>> = HashMap::new();
        let mut feats: HashMap<u64, HashMap<String, usize>> = HashMap::new();
        for (form, xpos, lemma, f) in examples {
            let form = normalize(form);
            let form: &str = &form;
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
            let rule = Rule::learn(form, lemma);
            for start in ending_starts(&lower) {
                *rules
                    .entry(key(xpos, &lower[start..]))
                    .or_default()
                    .entry(rule.clone())
                    .or_default() += 1;
            }
            *feats
                .entry(key(xpos, &lower))
                .or_default()
                .entry(f.to_string())
                .or_default() += 1;
            *feats
                .entry(key(xpos, ""))
                .or_default()
                .entry(f.to_string())
                .or_default() += 1;
        }
        let (table, lemmas) = index_values(most_frequent(table, 1));
        let (rule_index, rules) = index_values(most_frequent(rules, 2));
        let (feats, feat_values) = index_values(most_frequent(feats, 1));
        Lemmatizer {
            table,
            lemmas,
            rule_index,
            rules,
            feats,
            feat_values,
        }
    }

    /// The lemma of `form` (normalised) tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        let xh = hash_str(xpos);
        if let Some(&l) = self.table.get(&mix(xh, hash_str(form))) {
            return self.lemmas[l as usize].clone();
        }
        let lower = form.to_lowercase();
        if let Some(&l) = self.table.get(&mix(xh, hash_str(&lower))) {
            return self.lemmas[l as usize].clone();
        }
        let starts: Vec<usize> = ending_starts(&lower).collect();
        for &start in starts.iter().rev() {
            if let Some(&r) = self.rule_index.get(&mix(xh, hash_str(&lower[start..])))
                && let Some(lemma) = self.rules[r as usize].apply(form)
            {
                return lemma;
            }
        }
        lower
    }

    /// Morphological features (`_` when none known).
    pub fn feats(&self, form: &str, xpos: &str) -> &str {
        self.feats_index(form, xpos)
            .map_or("_", |i| self.feat_values[i].as_str())
    }

    /// Index of the features of `form` into [`Lemmatizer::feat_values`].
    pub fn feats_index(&self, form: &str, xpos: &str) -> Option<usize> {
        let lower_hash = if form.bytes().any(|b| b.is_ascii_uppercase()) || !form.is_ascii() {
            hash_str(&form.to_lowercase())
        } else {
            hash_str(form)
        };
        let xh = hash_str(xpos);
        self.feats
            .get(&mix(xh, lower_hash))
            .or_else(|| self.feats.get(&mix(xh, hash_str(""))))
            .map(|&i| i as usize)
    }

    /// All feature strings.
    pub fn feat_values(&self) -> &[String] {
        &self.feat_values
    }

    /// Approximate size in bytes.
    pub fn byte_size(&self) -> usize {
        let strings = |v: &[String]| v.iter().map(|s| s.len() + 4).sum::<usize>();
        (self.table.len() + self.rule_index.len() + self.feats.len()) * 12
            + strings(&self.lemmas)
            + strings(&self.feat_values)
            + self.rules.iter().map(|r| r.add.len() + 6).sum::<usize>()
    }

    pub(crate) fn write(&self, w: &mut BinWriter) {
        for map in [&self.table, &self.rule_index, &self.feats] {
            w.keyed(map);
        }
        w.strs(&self.lemmas);
        w.strs(&self.rules.iter().map(Rule::encode).collect::<Vec<_>>());
        w.strs(&self.feat_values);
    }

    pub(crate) fn read(r: &mut BinReader) -> Result<Lemmatizer, FormatError> {
        let mut maps = Vec::new();
        for _ in 0..3 {
            maps.push(r.keyed::<u32>("lemma table lengths differ")?);
        }
        let lemmas = r.strs()?;
        let rules = r
            .strs()?
            .iter()
            .map(|s| Rule::decode(s))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| r.error("bad lemma rule"))?;
        let feat_values = r.strs()?;
        let feats = maps.pop().unwrap_or_default();
        let rule_index = maps.pop().unwrap_or_default();
        let table = maps.pop().unwrap_or_default();
        let in_range = |m: &HashKeyed<u32>, n: usize| m.values().all(|&v| (v as usize) < n);
        if !in_range(&table, lemmas.len())
            || !in_range(&rule_index, rules.len())
            || !in_range(&feats, feat_values.len())
        {
            return Err(r.error("lemma table index out of range"));
        }
        Ok(Lemmatizer {
            table,
            lemmas,
            rule_index,
            rules,
            feats,
            feat_values,
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
