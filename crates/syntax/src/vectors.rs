//! Word vector classes: the words of a pre-trained vector table (GloVe) grouped by k-means,
//! once into many fine classes and once more, by their centres, into a few coarse ones.
//!
//! The vectors were learned from billions of words of encyclopaedia and news text, so their
//! classes know words the treebanks never show: "Coron" falls with "Palawan" and "Mindoro"
//! (islands and towns), "Harrow" with "Croydon" and "Kensington", "homeopathy" with
//! "nutrition" and "dentistry". The models read a word's classes as features
//! ([`crate::words::WordInfo::vector_class`]); the vectors themselves are not kept.
//!
//! The clustering is deterministic: the first centres are words spread evenly over the
//! table's order, each step assigns every word to its nearest centre by cosine (a blocked
//! matrix product) and moves each centre to the mean direction of its words, summed in table
//! order.

use matrixmultiply::sgemm;
use rayon::prelude::*;

/// Unit-length word vectors in table order (most frequent first).
#[derive(Debug, Clone, Default)]
pub struct Vectors {
    /// The words, as written in the table.
    pub words: Vec<String>,
    /// Length of each vector.
    pub dims: usize,
    /// Row-major `words.len() × dims` values, each row scaled to unit length.
    pub values: Vec<f32>,
}

/// Settings of [`Vectors::classes`].
#[derive(Debug, Clone, Copy)]
pub struct VectorClassConfig {
    /// Number of fine classes (at most 65,536).
    pub fine: usize,
    /// Number of coarse classes, grouping the fine classes' centres (at most 65,536).
    pub coarse: usize,
    /// k-means steps for the fine classes.
    pub iterations: usize,
    /// Keep at most this many words, the first of the table.
    pub max_words: usize,
}

impl Default for VectorClassConfig {
    fn default() -> Self {
        VectorClassConfig {
            fine: 1024,
            coarse: 64,
            iterations: 15,
            max_words: 200_000,
        }
    }
}

/// Rows per block of the assignment step's matrix product.
const BLOCK: usize = 2048;

impl Vectors {
    /// Read a table in GloVe's text format: one word per line, then its values, separated
    /// by spaces (or tabs). Lines starting with `#` and blank lines are skipped. Reads at
    /// most `max_words` words; words without a letter (numbers, punctuation) are left out.
    /// Every vector must have the first one's length; an error names the line.
    pub fn parse(text: &str, max_words: usize) -> Result<Vectors, String> {
        let mut out = Vectors::default();
        for (n, line) in text.lines().enumerate() {
            if out.words.len() >= max_words {
                break;
            }
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split([' ', '\t']).filter(|f| !f.is_empty());
            let word = fields.next().unwrap_or_default();
            let start = out.values.len();
            for f in fields {
                let v: f32 = f
                    .parse()
                    .ok()
                    .filter(|v: &f32| v.is_finite())
                    .ok_or_else(|| format!("line {}: {f:?} is not a finite number", n + 1))?;
                out.values.push(v);
            }
            let dims = out.values.len() - start;
            if out.dims == 0 {
                if dims == 0 {
                    return Err(format!("line {}: a word without values", n + 1));
                }
                out.dims = dims;
            } else if dims != out.dims {
                return Err(format!(
                    "line {}: {dims} values where the first vector has {}",
                    n + 1,
                    out.dims
                ));
            }
            if !word.chars().any(char::is_alphabetic) {
                out.values.truncate(start);
                continue;
            }
            let row = &mut out.values[start..];
            let norm = row.iter().map(|v| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                row.iter_mut().for_each(|v| *v /= norm);
            }
            out.words.push(word.to_string());
        }
        Ok(out)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the table has no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Each word with its fine and coarse class, in table order (the first
    /// `config.max_words`), as [`crate::words::Clusters::set_vector_classes`] takes them.
    pub fn classes(&self, config: VectorClassConfig) -> Vec<(&str, u16, u16)> {
        let n = self.len().min(config.max_words);
        if n == 0 {
            return Vec::new();
        }
        let values = &self.values[..n * self.dims];
        let fine = config.fine.clamp(1, n.min(1 << 16));
        let (assigned, centres) = kmeans(values, self.dims, fine, config.iterations);
        let coarse = config.coarse.clamp(1, fine.min(1 << 16));
        let (coarse_of, _) = kmeans(&centres, self.dims, coarse, 2 * config.iterations);
        self.words
            .iter()
            .zip(&assigned)
            .map(|(word, &f)| (word.as_str(), f as u16, coarse_of[f as usize] as u16))
            .collect()
    }
}

/// k-means by cosine over unit-length rows: each row's class and the classes' centres.
fn kmeans(values: &[f32], dims: usize, k: usize, iterations: usize) -> (Vec<u32>, Vec<f32>) {
    let n = values.len() / dims;
    let mut centres: Vec<f32> = (0..k)
        .flat_map(|j| {
            let row = j * n / k;
            values[row * dims..(row + 1) * dims].iter().copied()
        })
        .collect();
    let mut assigned = vec![0u32; n];
    for _ in 0..iterations.max(1) {
        assign(values, dims, &centres, &mut assigned);
        let mut sums = vec![0.0f32; k * dims];
        for (row, &c) in values.chunks_exact(dims).zip(&assigned) {
            let sum = &mut sums[c as usize * dims..(c as usize + 1) * dims];
            sum.iter_mut().zip(row).for_each(|(s, v)| *s += v);
        }
        for (centre, sum) in centres.chunks_exact_mut(dims).zip(sums.chunks_exact(dims)) {
            let norm = sum.iter().map(|v| v * v).sum::<f32>().sqrt();
            // A class left without words keeps its centre.
            if norm > 0.0 {
                centre.iter_mut().zip(sum).for_each(|(c, s)| *c = s / norm);
            }
        }
    }
    assign(values, dims, &centres, &mut assigned);
    (assigned, centres)
}

/// Set each row's class to its nearest centre (highest dot product; the first on a tie).
fn assign(values: &[f32], dims: usize, centres: &[f32], assigned: &mut [u32]) {
    let k = centres.len() / dims;
    values
        .par_chunks(BLOCK * dims)
        .zip(assigned.par_chunks_mut(BLOCK))
        .for_each(|(rows, out)| {
            let m = rows.len() / dims;
            let mut scores = vec![0.0f32; m * k];
            // SAFETY: `rows` is m × dims (row-major), the centres are read as the dims × k
            // transpose of their k × dims rows, and `scores` is m × k; all strides are within
            // the slices' lengths.
            unsafe {
                sgemm(
                    m,
                    dims,
                    k,
                    1.0,
                    rows.as_ptr(),
                    dims as isize,
                    1,
                    centres.as_ptr(),
                    1,
                    dims as isize,
                    0.0,
                    scores.as_mut_ptr(),
                    k as isize,
                    1,
                );
            }
            for (row, slot) in scores.chunks_exact(k).zip(out.iter_mut()) {
                let mut best = 0;
                for (j, &s) in row.iter().enumerate() {
                    if s > row[best] {
                        best = j;
                    }
                }
                *slot = best as u32;
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two tight groups of words in two dimensions.
    const TABLE: &str = "# test\nnorth 1.0 0.1\neast 0.1 1.0\nnorthward 0.9 0.12\neastward 0.12 0.95\n2024 0.5 0.5\nnorthern 0.95 0.0\n";

    #[test]
    fn reads_and_normalises_skipping_wordless_entries() {
        let v = Vectors::parse(TABLE, 100).expect("parses");
        assert_eq!(
            v.words,
            ["north", "east", "northward", "eastward", "northern"]
        );
        assert_eq!(v.dims, 2);
        for row in v.values.chunks_exact(2) {
            let norm = (row[0] * row[0] + row[1] * row[1]).sqrt();
            assert!((norm - 1.0).abs() < 1e-5);
        }
        assert_eq!(Vectors::parse(TABLE, 2).expect("parses").len(), 2);
    }

    #[test]
    fn reports_malformed_lines() {
        let err = Vectors::parse("a 1 2\nb 1 x\n", 10).unwrap_err();
        assert!(err.contains("line 2"), "{err}");
        let err = Vectors::parse("a 1 2\nb 1\n", 10).unwrap_err();
        assert!(err.contains("line 2") && err.contains("1 values"), "{err}");
        // Infinite or undefined values would spread through the clustering.
        for bad in ["NaN", "inf", "-inf", "1e40"] {
            let err = Vectors::parse(&format!("a 1 2\n\nb 1 {bad}\n"), 10).unwrap_err();
            assert!(err.contains("line 3") && err.contains("finite"), "{err}");
        }
    }

    proptest::proptest! {
        /// Any text is read or refused with a line number; what is read is one row of the
        /// first vector's width per word, each of unit length or all zero.
        #[test]
        fn any_table_is_read_or_refused_by_line(
            lines in proptest::collection::vec("[a-z0-9#]{0,3}( {1,2}-?[0-9x.e]{1,4}){0,3}", 0..12),
        ) {
            let text = lines.join("\n");
            match Vectors::parse(&text, 8) {
                Ok(v) => {
                    proptest::prop_assert!(v.len() <= 8);
                    proptest::prop_assert_eq!(v.values.len(), v.len() * v.dims);
                    for row in v.values.chunks(v.dims.max(1)) {
                        let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
                        proptest::prop_assert!(norm == 0.0 || (norm - 1.0).abs() < 1e-3, "{row:?}");
                    }
                }
                Err(err) => proptest::prop_assert!(err.starts_with("line "), "{err}"),
            }
        }
    }

    #[test]
    fn groups_words_used_alike() {
        let v = Vectors::parse(TABLE, 100).expect("parses");
        let classes = v.classes(VectorClassConfig {
            fine: 2,
            coarse: 1,
            iterations: 5,
            max_words: 100,
        });
        let fine: Vec<u16> = classes.iter().map(|c| c.1).collect();
        // north, northward, northern together; east, eastward together.
        assert_eq!(fine[0], fine[2]);
        assert_eq!(fine[0], fine[4]);
        assert_eq!(fine[1], fine[3]);
        assert_ne!(fine[0], fine[1]);
        assert!(classes.iter().all(|c| c.2 == 0));
        assert_eq!(classes[3].0, "eastward");
    }

    #[test]
    fn the_blocked_product_finds_the_nearest_centre() {
        // More rows than one block, so several blocks run.
        let dims = 3;
        let n = BLOCK + 7;
        let values: Vec<f32> = (0..n)
            .flat_map(|i| {
                let mut row = [0.0f32; 3];
                row[i % 3] = 1.0;
                row
            })
            .collect();
        let centres = [0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0];
        let mut assigned = vec![0u32; n];
        assign(&values, dims, &centres, &mut assigned);
        for (i, &a) in assigned.iter().enumerate() {
            assert_eq!(a, [1, 2, 0][i % 3], "row {i}");
        }
    }
}
