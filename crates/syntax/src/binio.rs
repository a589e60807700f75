//! A small little-endian binary format for model files: length-prefixed arrays and strings.

use std::fmt;

use crate::perceptron::HashKeyed;

/// A model file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// Byte offset where reading failed.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for FormatError {}

/// Appends values to a byte buffer.
#[derive(Default)]
pub struct BinWriter {
    bytes: Vec<u8>,
}

impl BinWriter {
    /// The bytes written so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
    /// Raw bytes, no length.
    pub fn raw(&mut self, b: &[u8]) {
        self.bytes.extend_from_slice(b);
    }
    /// One `u32`.
    pub fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    /// One `u64`.
    pub fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    /// One `f32`.
    pub fn f32(&mut self, v: f32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    /// A length-prefixed UTF-8 string.
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.raw(s.as_bytes());
    }
    /// A length-prefixed list of strings.
    pub fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s.as_ref());
        }
    }
    /// A length-prefixed `u32` array.
    pub fn u32s(&mut self, v: &[u32]) {
        self.u32(v.len() as u32);
        for x in v {
            self.bytes.extend_from_slice(&x.to_le_bytes());
        }
    }
    /// A length-prefixed `u64` array.
    pub fn u64s(&mut self, v: &[u64]) {
        self.u32(v.len() as u32);
        for x in v {
            self.bytes.extend_from_slice(&x.to_le_bytes());
        }
    }
    /// A length-prefixed byte array.
    pub fn u8s(&mut self, v: &[u8]) {
        self.u32(v.len() as u32);
        self.raw(v);
    }
    /// A length-prefixed `u16` array.
    pub fn u16s(&mut self, v: &[u16]) {
        self.u32(v.len() as u32);
        for x in v {
            self.bytes.extend_from_slice(&x.to_le_bytes());
        }
    }
    /// A length-prefixed `i16` array.
    pub fn i16s(&mut self, v: &[i16]) {
        self.u32(v.len() as u32);
        for x in v {
            self.bytes.extend_from_slice(&x.to_le_bytes());
        }
    }
}

/// Reads values written by [`BinWriter`], with errors instead of panics.
pub struct BinReader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> BinReader<'a> {
    /// Read from the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        BinReader { bytes, pos: 0 }
    }

    /// An error at the current position.
    pub fn error(&self, message: &str) -> FormatError {
        FormatError {
            offset: self.pos,
            message: message.to_string(),
        }
    }

    /// Whether everything was read.
    pub fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    /// `n` raw bytes.
    pub fn raw(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| self.error("file ends too early"))?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], FormatError> {
        let b = self.raw(N)?;
        let mut out = [0u8; N];
        out.copy_from_slice(b);
        Ok(out)
    }

    /// One `u32`.
    pub fn u32(&mut self) -> Result<u32, FormatError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    /// One `u64`.
    pub fn u64(&mut self) -> Result<u64, FormatError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    /// One `f32`.
    pub fn f32(&mut self) -> Result<f32, FormatError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    /// A length-prefixed string.
    pub fn str(&mut self) -> Result<String, FormatError> {
        let n = self.u32()? as usize;
        let b = self.raw(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| self.error("string is not UTF-8"))
    }
    /// A length-prefixed list of strings.
    pub fn strs(&mut self) -> Result<Vec<String>, FormatError> {
        let n = self.u32()? as usize;
        let mut out = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            out.push(self.str()?);
        }
        Ok(out)
    }
    fn len_bytes(&mut self, width: usize) -> Result<&'a [u8], FormatError> {
        let n = self.u32()? as usize;
        let bytes = n
            .checked_mul(width)
            .ok_or_else(|| self.error("array too long"))?;
        self.raw(bytes)
    }
    /// A length-prefixed `u32` array.
    pub fn u32s(&mut self) -> Result<Vec<u32>, FormatError> {
        let b = self.len_bytes(4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    /// A length-prefixed `u64` array.
    pub fn u64s(&mut self) -> Result<Vec<u64>, FormatError> {
        let b = self.len_bytes(8)?;
        Ok(b.chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect())
    }
    /// A length-prefixed byte array.
    pub fn u8s(&mut self) -> Result<Vec<u8>, FormatError> {
        Ok(self.len_bytes(1)?.to_vec())
    }
    /// A length-prefixed `u16` array.
    pub fn u16s(&mut self) -> Result<Vec<u16>, FormatError> {
        let b = self.len_bytes(2)?;
        Ok(b.chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect())
    }
    /// A length-prefixed `i16` array.
    pub fn i16s(&mut self) -> Result<Vec<i16>, FormatError> {
        let b = self.len_bytes(2)?;
        Ok(b.chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect())
    }
}

/// A value type of a hash-keyed table ([`BinWriter::keyed`]): written as a length-prefixed
/// array of its own width.
pub trait Column: Copy + Ord + Sized {
    /// Write the values.
    fn write_column(w: &mut BinWriter, values: &[Self]);
    /// Read values written by [`Column::write_column`].
    fn read_column(r: &mut BinReader) -> Result<Vec<Self>, FormatError>;
}

impl Column for u8 {
    fn write_column(w: &mut BinWriter, values: &[u8]) {
        w.u8s(values);
    }
    fn read_column(r: &mut BinReader) -> Result<Vec<u8>, FormatError> {
        r.u8s()
    }
}

impl Column for u16 {
    fn write_column(w: &mut BinWriter, values: &[u16]) {
        w.u16s(values);
    }
    fn read_column(r: &mut BinReader) -> Result<Vec<u16>, FormatError> {
        r.u16s()
    }
}

impl Column for u32 {
    fn write_column(w: &mut BinWriter, values: &[u32]) {
        w.u32s(values);
    }
    fn read_column(r: &mut BinReader) -> Result<Vec<u32>, FormatError> {
        r.u32s()
    }
}

impl Column for u64 {
    fn write_column(w: &mut BinWriter, values: &[u64]) {
        w.u64s(values);
    }
    fn read_column(r: &mut BinReader) -> Result<Vec<u64>, FormatError> {
        r.u64s()
    }
}

impl BinWriter {
    /// A hash-keyed table as two arrays, keys ascending and their values in the same order,
    /// so that the same table always gives the same bytes.
    pub fn keyed<V: Column>(&mut self, table: &HashKeyed<V>) {
        let mut entries: Vec<(u64, V)> = table.iter().map(|(k, v)| (*k, *v)).collect();
        entries.sort_unstable();
        self.u64s(&entries.iter().map(|e| e.0).collect::<Vec<_>>());
        V::write_column(self, &entries.iter().map(|e| e.1).collect::<Vec<_>>());
    }
}

/// The key under which a compact table ([`BinWriter::keyed32`]) keeps a hash: its low 32 bits,
/// repeated in the high 32 bits so that the hash table's bucket and tag bits both vary. Two
/// hashes with the same low half share a key (among a few hundred thousand words, a few
/// dozen pairs), so a table of compact keys alone cannot tell them apart; the word tables
/// keep such hashes whole beside it (`words::WordTable`).
pub fn compact_key(hash: u64) -> u64 {
    (hash & 0xffff_ffff) * 0x1_0000_0001
}

impl BinWriter {
    /// A table whose keys are all [`compact_key`]s, as [`BinWriter::keyed`] writes tables but
    /// with four bytes a key.
    pub fn keyed32<V: Column>(&mut self, table: &HashKeyed<V>) {
        let mut entries: Vec<(u32, V)> = table
            .iter()
            .map(|(k, v)| {
                debug_assert_eq!(*k, compact_key(*k), "not a compact key");
                (*k as u32, *v)
            })
            .collect();
        entries.sort_unstable();
        self.u32s(&entries.iter().map(|e| e.0).collect::<Vec<_>>());
        V::write_column(self, &entries.iter().map(|e| e.1).collect::<Vec<_>>());
    }
}

impl BinReader<'_> {
    /// A table written by [`BinWriter::keyed32`], keyed by [`compact_key`]s again.
    pub fn keyed32<V: Column>(&mut self, mismatch: &str) -> Result<HashKeyed<V>, FormatError> {
        let keys = self.u32s()?;
        let values = V::read_column(self)?;
        if keys.len() != values.len() {
            return Err(self.error(mismatch));
        }
        Ok(keys
            .into_iter()
            .map(|k| compact_key(u64::from(k)))
            .zip(values)
            .collect())
    }

    /// A table written by [`BinWriter::keyed`]; `mismatch` is the error message when its two
    /// arrays differ in length.
    pub fn keyed<V: Column>(&mut self, mismatch: &str) -> Result<HashKeyed<V>, FormatError> {
        let keys = self.u64s()?;
        let values = V::read_column(self)?;
        if keys.len() != values.len() {
            return Err(self.error(mismatch));
        }
        Ok(keys.into_iter().zip(values).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_truncation() {
        let mut w = BinWriter::default();
        w.u32(7);
        w.str("héllo");
        w.u32s(&[1, 2, 3]);
        w.i16s(&[-4, 5]);
        w.strs(&["a", "bc"]);
        let bytes = w.into_bytes();
        let mut r = BinReader::new(&bytes);
        assert_eq!(r.u32().unwrap(), 7);
        assert_eq!(r.str().unwrap(), "héllo");
        assert_eq!(r.u32s().unwrap(), vec![1, 2, 3]);
        assert_eq!(r.i16s().unwrap(), vec![-4, 5]);
        assert_eq!(r.strs().unwrap(), vec!["a", "bc"]);
        assert!(r.at_end());
        for cut in 0..bytes.len() {
            let mut r = BinReader::new(&bytes[..cut]);
            let result = (|| {
                r.u32()?;
                r.str()?;
                r.u32s()?;
                r.i16s()?;
                r.strs()
            })();
            assert!(result.is_err(), "cut at {cut}");
        }
    }
}
