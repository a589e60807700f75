//! Per-word hashed attributes shared by all models: normalised and lower-cased form, affixes,
//! shape and a few flags. Computed once per token so feature extraction only mixes numbers.

use annals_document::normalize::normalize;

use crate::binio::{BinReader, BinWriter, Column, FormatError, compact_key};
use crate::perceptron::{HashKeyed, hash_str, mix};

/// Hashed attributes of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordInfo {
    /// Normalised form, case kept.
    pub form: u64,
    /// Lower-cased normalised form.
    pub lower: u64,
    /// Suffixes of the lower-cased form of length 1..=4 (shorter words repeat the whole word).
    pub suffix: [u64; 4],
    /// Prefixes of length 1..=3.
    pub prefix: [u64; 3],
    /// Compressed shape: `Xx`, `d,d`, `X.X.`, …
    pub shape: u64,
    /// Flags: bit 0 title case, 1 all caps, 2 has digit, 3 has hyphen, 4 has letter, 5 length > 6,
    /// 6 starts with a lower-case letter, 7 starts with an upper-case letter.
    pub flags: u64,
    /// Hashed prefixes of the word's Brown cluster path, of 4, 6 and 10 bits and the whole
    /// path ([`CLUSTER_PREFIXES`]); all [`NO_CLUSTER`] when the word has no cluster or the model
    /// has no cluster table. Filled by [`Clusters::fill`].
    pub cluster: [u64; 4],
    /// Hashed set of the parts of speech WordNet gives the lower-cased word
    /// ([`Clusters`]' word classes); [`NO_CLASS`] when it has none or the model has no
    /// class table. Filled by [`Clusters::fill`].
    pub word_class: u64,
    /// Hashed fine and coarse classes of the lower-cased word's vector
    /// ([`crate::vectors`]); both [`NO_VECTOR_CLASS`] when the word has none or the model has
    /// no vector classes. Filled by [`Clusters::fill`].
    pub vector_class: [u64; 2],
}

/// Value of [`WordInfo::vector_class`] for a word without a vector class.
pub const NO_VECTOR_CLASS: u64 = 0x6e6f_5f65_6d62_6564;

/// Lengths (bits) of the cluster path prefixes in [`WordInfo::cluster`]; the last is the
/// whole path.
pub const CLUSTER_PREFIXES: [u32; 4] = [4, 6, 10, 32];

/// Value of every cluster prefix of a word without a cluster.
pub const NO_CLUSTER: u64 = 0x6e6f_5f63_6c75_7374;

/// Value of [`WordInfo::word_class`] for a word WordNet does not list.
pub const NO_CLASS: u64 = 0x6e6f_5f77_6e5f_636c;

/// Hash of the empty/padding word (outside the sentence).
pub const PAD: u64 = 0x7061_645f_7061_645f;

impl WordInfo {
    /// Attributes of a word form.
    pub fn new(raw: &str) -> WordInfo {
        let norm = normalize(raw);
        let form: &str = &norm;
        let lower = form.to_lowercase();
        // Byte offsets of the character boundaries of `lower`, to slice affixes without
        // allocating.
        let bounds: Vec<usize> = lower
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(lower.len()))
            .collect();
        let n = bounds.len() - 1;
        let mut suffix = [0u64; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            let len = (k + 1).min(n);
            *s = mix(hash_str(&lower[bounds[n - len]..]), 100 + k as u64);
        }
        let mut prefix = [0u64; 3];
        for (k, p) in prefix.iter_mut().enumerate() {
            let len = (k + 1).min(n);
            *p = mix(hash_str(&lower[..bounds[len]]), 200 + k as u64);
        }
        WordInfo {
            form: hash_str(form),
            lower: hash_str(&lower),
            suffix,
            prefix,
            shape: hash_str(&shape(form)),
            flags: flags(form),
            cluster: [NO_CLUSTER; 4],
            word_class: NO_CLASS,
            vector_class: [NO_VECTOR_CLASS; 2],
        }
    }
}

/// Which characters of `written` are capitals (bit `i` for character `i`, at most 32), when
/// `written` is the lower-case `word` with some capitals; `None` otherwise.
fn capital_mask(word: &str, written: &str) -> Option<u32> {
    if written.to_lowercase() != word || word.to_lowercase() != word {
        return None;
    }
    let mut mask = 0u32;
    for (i, c) in written.chars().enumerate() {
        if c.is_uppercase() {
            if i >= 32 {
                return None;
            }
            mask |= 1 << i;
        }
    }
    (mask != 0).then_some(mask)
}

/// Word shape with runs of the same character class collapsed: `Obama` → `Xx`,
/// `10,000` → `d,d`, `U.S.` → `X.X.`, `e-mail` → `x-x`.
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    for c in form.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if class != last || !matches!(class, 'X' | 'x' | 'd' | 'a') {
            out.push(class);
        }
        last = class;
    }
    out
}

fn flags(form: &str) -> u64 {
    let mut chars = form.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let letters = form.chars().filter(|c| c.is_alphabetic()).count();
    let uppers = form.chars().filter(|c| c.is_uppercase()).count();
    let mut f = 0u64;
    if first_upper && uppers == 1 {
        f |= 1;
    }
    if letters > 1 && uppers == letters {
        f |= 2;
    }
    if form.chars().any(|c| c.is_ascii_digit()) {
        f |= 4;
    }
    if form.contains('-') {
        f |= 8;
    }
    if letters > 0 {
        f |= 16;
    }
    if form.chars().count() > 6 {
        f |= 32;
    }
    if form.chars().next().is_some_and(char::is_lowercase) {
        f |= 64;
    }
    if first_upper {
        f |= 128;
    }
    f
}

/// Attributes of every word of a sentence.
pub fn infos<S: AsRef<str>>(forms: &[S]) -> Vec<WordInfo> {
    forms.iter().map(|f| WordInfo::new(f.as_ref())).collect()
}

/// Brown word clusters (Brown et al. 1992; Liang 2005): each word's path in a binary
/// merge tree of its contexts, so that words used alike share path prefixes ("Moscow" and
/// "Syria" share all of theirs, and "London" the first six bits). The path is stored as an
/// integer whose *low* bits are its first steps (the encoding of spaCy's lexeme tables), so
/// a prefix of `k` steps is `path & (2^k − 1)`. Keys are hashes of the exact word form; a
/// form without an entry is looked up lower-cased.
///
/// The same table holds each lower-cased word's WordNet classes ([`WORD_CLASSES`]): the parts
/// of speech the word can have, which tell the tagger about words the treebanks never show
/// ("bust" can be a verb, "walks" a plural noun or a verb); and the usual written form of
/// lower-case words that are more often written with capitals ("india" → "India", "bjp" →
/// "BJP"), with which [`Clusters::truecase`] restores the capitals of a sentence written
/// without them. Since format 14 it also holds each lower-cased word's vector classes
/// ([`crate::vectors`]).
///
/// Every table is a `WordTable`, so that the model file keeps four bytes of most keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clusters {
    /// Word hash → the word's cluster path.
    paths: WordTable<u32>,
    /// Lower-cased word hash → the word's WordNet classes, as bits ([`WORD_CLASSES`]).
    classes: WordTable<u8>,
    /// Lower-cased word hash → which of the first 32 characters of its usual written form
    /// are capitals (bit `i` for character `i`).
    capitals: WordTable<u32>,
    /// Lower-cased word hash → its fine vector class.
    vector_classes: WordTable<u16>,
    /// Fine vector class → coarse class.
    coarse_classes: Vec<u16>,
}

/// A table from word hashes to values that keeps only the low four bytes of a hash
/// ([`compact_key`]) where no other key of the table shares them, and the whole hash for the
/// few that do (a few dozen among a few hundred thousand words). Every word of the table
/// finds its own value; a word outside it finds the value of a word whose hash has the same
/// low half, about once in 20,000 lookups for a table of 200,000 words.
#[derive(Debug, Clone, PartialEq, Eq)]
struct WordTable<V> {
    /// [`compact_key`] → value, for hashes whose low half is the table's only one.
    compact: HashKeyed<V>,
    /// Whole hash → value, for the hashes that share their low half.
    exact: HashKeyed<V>,
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            compact: HashKeyed::default(),
            exact: HashKeyed::default(),
        }
    }
}

impl<V: Column> WordTable<V> {
    /// The table of whole hashes → values.
    fn new(table: HashKeyed<V>) -> Self {
        let mut sharing: HashKeyed<u32> = HashKeyed::default();
        for &hash in table.keys() {
            *sharing.entry(compact_key(hash)).or_default() += 1;
        }
        let mut out = WordTable::default();
        for (hash, value) in table {
            if sharing[&compact_key(hash)] == 1 {
                out.compact.insert(compact_key(hash), value);
            } else {
                out.exact.insert(hash, value);
            }
        }
        out
    }

    fn get(&self, hash: u64) -> Option<&V> {
        if !self.exact.is_empty()
            && let Some(value) = self.exact.get(&hash)
        {
            return Some(value);
        }
        self.compact.get(&compact_key(hash))
    }

    fn len(&self) -> usize {
        self.compact.len() + self.exact.len()
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn write(&self, w: &mut BinWriter) {
        w.keyed32(&self.compact);
        w.keyed(&self.exact);
    }

    fn read(r: &mut BinReader, mismatch: &str) -> Result<Self, FormatError> {
        Ok(WordTable {
            compact: r.keyed32(mismatch)?,
            exact: r.keyed(mismatch)?,
        })
    }
}

/// Whether a sentence is written without the usual capitals: at least three of its words have
/// a letter, and either no word starts with a capital or at least four in five of them are
/// written in capitals only (a headline, a lower-cased report). The models learned from text
/// with capitals; such a sentence is analysed as [`Clusters::truecase`] writes it.
pub fn lacks_capitals<S: AsRef<str>>(forms: &[S]) -> bool {
    let (mut letters, mut capitalised, mut all_caps) = (0usize, 0usize, 0usize);
    for form in forms {
        let form = form.as_ref();
        if !form.chars().any(char::is_alphabetic) {
            continue;
        }
        letters += 1;
        capitalised += usize::from(form.chars().next().is_some_and(char::is_uppercase));
        all_caps += usize::from(!form.chars().any(char::is_lowercase));
    }
    letters >= 3 && (capitalised == 0 || all_caps * 5 >= letters * 4)
}

/// The word classes of the optional third column of a cluster file, one letter per bit:
/// noun, plural noun, verb, inflected verb, adjective, comparative or superlative adjective,
/// adverb — what WordNet's lemma lists and inflection rules allow the word to be.
pub const WORD_CLASSES: &str = "nNvVaAr";

impl Clusters {
    /// Read `word<TAB>path[<TAB>classes[<TAB>written]]` lines (path as a decimal integer, see
    /// [`Clusters`]; classes as letters of [`WORD_CLASSES`], possibly none; written: the usual
    /// form of a lower-case word that is more often written with capitals); blank lines and
    /// lines starting with `#` are skipped, path 0 means no cluster. A line that is not of
    /// that form, or whose written form is not the word with capitals, is an error naming its
    /// line number.
    pub fn parse(text: &str) -> Result<Clusters, String> {
        let mut paths = HashKeyed::default();
        let mut classes = HashKeyed::default();
        let mut capitals = HashKeyed::default();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            let word = fields.next().unwrap_or("");
            let path = fields.next().and_then(|p| p.trim().parse::<u32>().ok());
            let class = match fields.next().map(str::trim) {
                None | Some("") => Some(0u8),
                Some(letters) => letters
                    .chars()
                    .try_fold(0u8, |bits, c| WORD_CLASSES.find(c).map(|i| bits | (1 << i))),
            };
            let written = match fields.next().map(str::trim) {
                None | Some("") => Some(None),
                Some(form) => capital_mask(word, form).map(Some),
            };
            match (path, class, written) {
                (Some(path), Some(class), Some(written))
                    if !word.is_empty() && fields.next().is_none() =>
                {
                    let norm = normalize(word);
                    if path != 0 {
                        paths.insert(hash_str(&norm), path);
                    }
                    if class != 0 {
                        classes.insert(hash_str(&norm.to_lowercase()), class);
                    }
                    if let Some(mask) = written {
                        capitals.insert(hash_str(&norm), mask);
                    }
                }
                _ => {
                    return Err(format!(
                        "line {}: expected WORD<TAB>PATH[<TAB>CLASSES of {WORD_CLASSES}[<TAB>the \
                         lower-case WORD written with capitals]]",
                        n + 1
                    ));
                }
            }
        }
        Ok(Clusters {
            paths: WordTable::new(paths),
            classes: WordTable::new(classes),
            capitals: WordTable::new(capitals),
            vector_classes: WordTable::default(),
            coarse_classes: Vec::new(),
        })
    }

    /// The sentence with its words' usual capitals, when it is written without them
    /// ([`lacks_capitals`]): each word lower-cased and given the capitals of its usual form
    /// ("india" → "India", "i" → "I"); the first word is left as it is (capitalising it made
    /// "Ahmedabad: police opened fire" the subject of `opened`, and did not help on the
    /// lower-cased IndiaPoliceEvents reports). `None` for a sentence with the usual capitals,
    /// or when the table has no written forms.
    pub fn truecase<S: AsRef<str>>(&self, forms: &[S]) -> Option<Vec<String>> {
        if self.capitals.is_empty() || !lacks_capitals(forms) {
            return None;
        }
        let out = forms
            .iter()
            .map(|form| {
                let lower = form.as_ref().to_lowercase();
                let mask = self
                    .capitals
                    .get(hash_str(&normalize(&lower)))
                    .copied()
                    .unwrap_or(0);
                let mut written = String::with_capacity(lower.len());
                for (i, c) in lower.chars().enumerate() {
                    if i < 32 && mask & (1 << i) != 0 {
                        written.extend(c.to_uppercase());
                    } else {
                        written.push(c);
                    }
                }
                written
            })
            .collect();
        Some(out)
    }

    /// Number of lower-case words with a usual written form with capitals.
    pub fn written_forms_len(&self) -> usize {
        self.capitals.len()
    }

    /// Number of words with a cluster.
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    /// No words (a model trained without clusters).
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The cluster path of a word given by its attributes: its form's, else its lower-cased
    /// form's.
    pub fn path(&self, word: &WordInfo) -> Option<u32> {
        self.paths
            .get(word.form)
            .or_else(|| self.paths.get(word.lower))
            .copied()
    }

    /// Attributes of every word of a sentence ([`infos`]) with their clusters filled in.
    pub fn infos<S: AsRef<str>>(&self, forms: &[S]) -> Vec<WordInfo> {
        let mut words = infos(forms);
        self.fill(&mut words);
        words
    }

    /// Set [`WordInfo::cluster`] of every word.
    pub fn fill(&self, words: &mut [WordInfo]) {
        if !self.vector_classes.is_empty() {
            for w in words.iter_mut() {
                if let Some(&fine) = self.vector_classes.get(w.lower) {
                    let coarse = self.coarse_classes.get(usize::from(fine)).copied();
                    w.vector_class = [
                        mix(u64::from(fine), 500),
                        mix(u64::from(coarse.unwrap_or(0)), 501),
                    ];
                }
            }
        }
        if !self.classes.is_empty() {
            for w in words.iter_mut() {
                if let Some(&class) = self.classes.get(w.lower) {
                    w.word_class = mix(u64::from(class), 400);
                }
            }
        }
        if self.paths.is_empty() {
            return;
        }
        for w in words {
            if let Some(path) = self.path(w) {
                for (k, bits) in CLUSTER_PREFIXES.iter().enumerate() {
                    let prefix = u64::from(path) & ((1u64 << bits) - 1);
                    w.cluster[k] = mix(prefix, 300 + k as u64);
                }
            }
        }
    }

    /// Bytes of the tables (4-byte keys; 4-byte paths and capital masks, 1-byte classes,
    /// 2-byte vector classes).
    pub fn byte_size(&self) -> usize {
        self.paths.len() * 8
            + self.classes.len() * 5
            + self.capitals.len() * 8
            + self.vector_classes.len() * 6
            + self.coarse_classes.len() * 2
    }

    /// Set the vector classes: each word (looked up lower-cased) with its fine and coarse
    /// class ([`crate::vectors::Vectors::classes`]). A coarse class is the same for every word
    /// of a fine class.
    pub fn set_vector_classes<'a>(
        &mut self,
        classes: impl IntoIterator<Item = (&'a str, u16, u16)>,
    ) {
        let mut table = HashKeyed::default();
        self.coarse_classes.clear();
        for (word, fine, coarse) in classes {
            table.entry(WordInfo::new(word).lower).or_insert(fine);
            let f = usize::from(fine);
            if self.coarse_classes.len() <= f {
                self.coarse_classes.resize(f + 1, 0);
            }
            self.coarse_classes[f] = coarse;
        }
        self.vector_classes = WordTable::new(table);
    }

    /// Number of words with a vector class.
    pub fn vector_classes_len(&self) -> usize {
        self.vector_classes.len()
    }

    /// Number of words with a word class.
    pub fn classes_len(&self) -> usize {
        self.classes.len()
    }

    pub(crate) fn write(&self, w: &mut BinWriter) {
        self.paths.write(w);
        self.classes.write(w);
        self.capitals.write(w);
        self.vector_classes.write(w);
        w.u16s(&self.coarse_classes);
    }

    pub(crate) fn read(r: &mut BinReader) -> Result<Clusters, FormatError> {
        Ok(Clusters {
            paths: WordTable::read(r, "cluster keys and paths differ in number")?,
            classes: WordTable::read(r, "word class keys and classes differ in number")?,
            capitals: WordTable::read(r, "written form keys and capitals differ in number")?,
            vector_classes: WordTable::read(r, "vector class keys and classes differ in number")?,
            coarse_classes: r.u16s()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table after a trip through the model file's encoding.
    fn written_and_read(table: &Clusters) -> Clusters {
        let mut w = BinWriter::default();
        table.write(&mut w);
        let bytes = w.into_bytes();
        Clusters::read(&mut BinReader::new(&bytes)).expect("reads")
    }

    #[test]
    fn word_tables_keep_hashes_that_share_their_low_half_whole() {
        // 1 and 2 share no low half; 0x1_0000_0005 and 0x2_0000_0005 share theirs.
        let whole: HashKeyed<u16> = [(1, 10), (2, 20), (0x1_0000_0005, 30), (0x2_0000_0005, 40)]
            .into_iter()
            .collect();
        let table = WordTable::new(whole);
        assert_eq!(
            (table.compact.len(), table.exact.len(), table.len()),
            (2, 2, 4)
        );
        for (hash, value) in [(1, 10), (2, 20), (0x1_0000_0005, 30), (0x2_0000_0005, 40)] {
            assert_eq!(table.get(hash), Some(&value), "{hash:#x}");
        }
        // A hash outside the table: none when its low half is one the table keeps whole,
        // the compact entry's value when it shares the low half of a compact key.
        assert_eq!(table.get(0x3_0000_0005), None);
        assert_eq!(table.get(0x3_0000_0001), Some(&10));
        assert_eq!(table.get(7), None);
        let mut w = BinWriter::default();
        table.write(&mut w);
        let bytes = w.into_bytes();
        let read = WordTable::<u16>::read(&mut BinReader::new(&bytes), "lengths").expect("reads");
        assert_eq!(read, table);
        // Four bytes a compact key, eight a whole one, two a value, four a length.
        assert_eq!(bytes.len(), 4 + 2 * 4 + 4 + 2 * 2 + 4 + 2 * 8 + 4 + 2 * 2);
    }

    #[test]
    fn vector_classes_are_filled_lower_cased_and_kept() {
        let mut table = Clusters::parse("alpha\t109\n").expect("parses");
        table.set_vector_classes([("coron", 3, 1), ("palawan", 3, 1), ("harrow", 7, 0)]);
        assert_eq!(table.vector_classes_len(), 3);
        let words = table.infos(&["Coron", "palawan", "HARROW", "alpha"]);
        assert_eq!(words[0].vector_class, words[1].vector_class);
        assert_ne!(words[0].vector_class[0], words[2].vector_class[0]);
        assert_ne!(words[0].vector_class[1], words[2].vector_class[1]);
        assert_eq!(words[3].vector_class, [NO_VECTOR_CLASS; 2]);
        let read = written_and_read(&table);
        assert_eq!(read, table);
        assert_eq!(read.infos(&["Coron", "palawan", "HARROW", "alpha"]), words);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("Obama"), "Xx");
        assert_eq!(shape("10,000"), "d,d");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("e-mail"), "x-x");
    }

    #[test]
    fn typographic_variants_share_attributes() {
        assert_eq!(WordInfo::new("don\u{2019}t"), WordInfo::new("don't"));
        assert_eq!(WordInfo::new("The").lower, WordInfo::new("the").lower);
        assert_ne!(WordInfo::new("The").form, WordInfo::new("the").form);
    }

    #[test]
    fn clusters_share_prefixes_and_fall_back_to_lower_case() {
        // Paths (first step in the low bit): alpha 0b0110_1101, beta 0b1110_1101, gamma 0b11.
        let clusters = Clusters::parse("alpha\t109\nBeta\t237\n# note\n\ngamma\t3\nnone\t0\n")
            .expect("parses");
        assert_eq!(clusters.len(), 3);
        let mut words = infos(&["Alpha", "Beta", "beta", "gamma", "none"]);
        clusters.fill(&mut words);
        // "Alpha" falls back to "alpha"; "beta" has no entry of its own and its lower-cased
        // form is itself.
        assert_ne!(words[0].cluster, [NO_CLUSTER; 4]);
        assert_eq!(words[2].cluster, [NO_CLUSTER; 4]);
        assert_eq!(words[4].cluster, [NO_CLUSTER; 4]);
        // alpha and Beta agree on the first 4 and 6 steps, not on 10 or the whole path.
        assert_eq!(words[0].cluster[..2], words[1].cluster[..2]);
        assert_ne!(words[0].cluster[2], words[1].cluster[2]);
        assert_ne!(words[0].cluster[0], words[3].cluster[0]);
        assert_eq!(written_and_read(&clusters), clusters);
    }

    #[test]
    fn word_classes_are_read_filled_and_kept() {
        let table = Clusters::parse("walks\t0\tNV\nbust\t5\tnva\nquickly\t0\n").expect("parses");
        assert_eq!((table.len(), table.classes_len()), (1, 2));
        let mut words = infos(&["Walks", "bust", "quickly", "walk"]);
        table.fill(&mut words);
        // Looked up lower-cased; the two classes differ; no class is its own value.
        assert_ne!(words[0].word_class, NO_CLASS);
        assert_ne!(words[0].word_class, words[1].word_class);
        assert_eq!(words[2].word_class, NO_CLASS);
        assert_eq!(words[3].word_class, NO_CLASS);
        assert_ne!(words[1].cluster, [NO_CLUSTER; 4]);
        assert_eq!(written_and_read(&table), table);
        let err = Clusters::parse("a\t1\tnv\nb\t2\tnx\n").expect_err("x is no class");
        assert!(err.contains("line 2"), "{err}");
        assert!(Clusters::parse("a\t1\tn\textra\n").is_err());
    }

    #[test]
    fn sentences_without_capitals_get_their_words_usual_capitals() {
        let table = Clusters::parse("india\t0\t\tIndia\ni\t5\tn\tI\nbjp\t0\t\tBJP\npolice\t7\tn\n")
            .expect("parses");
        assert_eq!(table.written_forms_len(), 3);
        let lower = [
            "police", "arrested", "bjp", "workers", "in", "india", ",", "i", "heard",
        ];
        assert_eq!(
            table.truecase(&lower).expect("no capitals").join(" "),
            "police arrested BJP workers in India , I heard"
        );
        // A headline in capitals is lower-cased first.
        let caps = ["POLICE", "HELD", "BJP", "MEN", "IN", "INDIA"];
        assert_eq!(
            table.truecase(&caps).expect("all capitals").join(" "),
            "police held BJP men in India"
        );
        // Ordinary sentences, and sentences of fewer than three words, are left alone.
        assert!(
            table
                .truecase(&["Police", "arrested", "bjp", "workers"])
                .is_none()
        );
        assert!(table.truecase(&["india", "wins"]).is_none());
        assert!(!lacks_capitals(&["The", "UN", "met", "in", "india"]));
        assert!(lacks_capitals(&["THE", "UN", "MET", "IN", "india"]));
        assert_eq!(written_and_read(&table), table);
    }

    proptest::proptest! {
        /// Truecasing changes only the case of a sentence's words: as many words, each the
        /// same once lower-cased.
        #[test]
        fn truecasing_changes_only_case(words in proptest::collection::vec("[a-zA-Z0-9İı.:ß-]{0,6}", 0..12)) {
            let table = Clusters::parse("india\t0\t\tIndia\ni\t0\t\tI\nbjp\t0\t\tBJP\nss\t0\t\tSS\n").expect("parses");
            if let Some(out) = table.truecase(&words) {
                proptest::prop_assert_eq!(out.len(), words.len());
                for (a, b) in out.iter().zip(&words) {
                    proptest::prop_assert_eq!(a.to_lowercase(), b.to_lowercase());
                }
            }
        }
    }

    #[test]
    fn a_written_form_must_be_the_word_with_capitals() {
        let err = Clusters::parse("india\t0\t\tIndia\nbjp\t0\t\tBJD\n").expect_err("not the word");
        assert!(err.contains("line 2"), "{err}");
        assert!(
            Clusters::parse("India\t0\t\tINDIA\n").is_err(),
            "the word must be lower case"
        );
        assert!(
            Clusters::parse("india\t0\t\tindia\n").is_err(),
            "no capitals"
        );
    }

    #[test]
    fn malformed_cluster_lines_name_their_line() {
        let err = Clusters::parse("a\t1\nb 2\n").expect_err("no tab");
        assert!(err.contains("line 2"), "{err}");
        assert!(Clusters::parse("a\tx\n").is_err());
    }

    #[test]
    fn empty_word_does_not_panic() {
        let _ = WordInfo::new("");
    }
}
