//! Embeddings kept on disk by the hash of their text, so a restart does not run the model
//! again over a corpus it has already seen (a million sentences take hours to embed on two
//! cores, and seconds to read back).
//!
//! One file per model (`<cache dir>/corroborate/embeddings/<model id>.bin`), append-only:
//! a header `CORRVEC1` + dimensions (u32 LE), then fixed-size records of the text's key
//! (u64 LE, FNV-1a of the UTF-8 text), the vector's scale (f32 LE) and its int8 values.
//! Appending whole records with O_APPEND lets the command line and a language server share
//! the file; a record cut short by a crash is dropped on the next open.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use super::SemanticError;
use crate::index::Embedding;

const MAGIC: &[u8; 8] = b"CORRVEC1";
const HEADER_BYTES: usize = 12;

/// The cache key of a text: FNV-1a, 64 bits. Stable across runs and platforms (std's
/// hasher is not), and with a million texts the chance of any collision is about 3e-8.
pub fn text_key(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ byte as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The per-user cache folder for embeddings: `CORROBORATE_CACHE_DIR`, else the platform's
/// cache folder (`$XDG_CACHE_HOME` or `~/.cache` on Linux) + `corroborate/embeddings`.
pub fn default_cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CORROBORATE_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    Some(dirs::cache_dir()?.join("corroborate").join("embeddings"))
}

/// The embeddings of one model on disk. Nothing is held in memory: a lookup streams the
/// file for the keys asked for, so the cache of a million-sentence corpus costs no RAM
/// beyond the vectors the engine keeps anyway.
pub struct EmbeddingCache {
    path: PathBuf,
    dimensions: usize,
    /// Set when the file cannot be written or read: the cache then does nothing.
    disabled: bool,
}

impl EmbeddingCache {
    /// Opens (or creates) the cache of `model_id` in `dir`. A file of another format or
    /// dimension is started over; a cut-off last record is dropped.
    pub fn open(dir: &Path, model_id: &str, dimensions: usize) -> Result<Self, SemanticError> {
        let name: String = model_id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-_.@".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let path = dir.join(format!("{name}.bin"));
        std::fs::create_dir_all(dir).map_err(|e| SemanticError::io(dir, e))?;
        let cache = EmbeddingCache {
            path,
            dimensions,
            disabled: false,
        };
        cache.repair()?;
        Ok(cache)
    }

    /// A cache that stores nothing (tests, or no cache folder on this system).
    pub fn disabled(dimensions: usize) -> Self {
        EmbeddingCache {
            path: PathBuf::new(),
            dimensions,
            disabled: true,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn record_bytes(&self) -> usize {
        8 + 4 + self.dimensions
    }

    fn header(&self) -> Vec<u8> {
        let mut header = MAGIC.to_vec();
        header.extend_from_slice(&(self.dimensions as u32).to_le_bytes());
        header
    }

    /// Makes the file one this cache can append to.
    fn repair(&self) -> Result<(), SemanticError> {
        let io = |e| SemanticError::io(&self.path, e);
        let mut header = [0u8; HEADER_BYTES];
        let len = match File::open(&self.path) {
            Ok(mut f) => {
                let len = f.metadata().map_err(io)?.len() as usize;
                if len >= HEADER_BYTES {
                    f.read_exact(&mut header).map_err(io)?;
                }
                len
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
            Err(e) => return Err(io(e)),
        };
        if len < HEADER_BYTES || header[..] != self.header()[..] {
            // Missing, empty, or written for another format: start the file over.
            return std::fs::write(&self.path, self.header()).map_err(io);
        }
        let record = self.record_bytes();
        let whole = HEADER_BYTES + (len - HEADER_BYTES) / record * record;
        if whole < len {
            // A record cut short (a process died mid-write): drop it so that appends stay
            // aligned.
            let file = OpenOptions::new()
                .write(true)
                .open(&self.path)
                .map_err(io)?;
            file.set_len(whole as u64).map_err(io)?;
        }
        Ok(())
    }

    /// The stored embeddings of the texts whose keys are in `wanted`.
    pub fn lookup(&self, wanted: &HashSet<u64>) -> Result<HashMap<u64, Embedding>, SemanticError> {
        let mut found = HashMap::new();
        if self.disabled || wanted.is_empty() {
            return Ok(found);
        }
        let io = |e| SemanticError::io(&self.path, e);
        let mut reader = BufReader::with_capacity(1 << 20, File::open(&self.path).map_err(io)?);
        let mut header = [0u8; HEADER_BYTES];
        if reader.read_exact(&mut header).is_err() || header[..] != self.header()[..] {
            return Ok(found);
        }
        let mut record = vec![0u8; self.record_bytes()];
        // A record being appended by another process right now may be short: stop there.
        while reader.read_exact(&mut record).is_ok() {
            let key = u64::from_le_bytes(record[..8].try_into().unwrap_or_default());
            if !wanted.contains(&key) {
                continue;
            }
            let scale = f32::from_le_bytes(record[8..12].try_into().unwrap_or_default());
            let values: Box<[i8]> = record[12..].iter().map(|&b| b as i8).collect();
            found.insert(key, Embedding::from_parts(values, scale));
        }
        Ok(found)
    }

    /// Appends embeddings to the file in one write. If that fails the cache turns itself
    /// off and the error says why (the caller warns once and goes on without it).
    pub fn append(&mut self, items: &[(u64, &Embedding)]) -> Result<(), SemanticError> {
        if self.disabled {
            return Ok(());
        }
        let mut buffer = Vec::with_capacity(items.len() * self.record_bytes());
        for (key, embedding) in items {
            if embedding.dimensions() != self.dimensions {
                continue;
            }
            buffer.extend_from_slice(&key.to_le_bytes());
            buffer.extend_from_slice(&embedding.scale().to_le_bytes());
            buffer.extend(embedding.values().iter().map(|&v| v as u8));
        }
        if buffer.is_empty() {
            return Ok(());
        }
        let written = OpenOptions::new()
            .append(true)
            .open(&self.path)
            .and_then(|mut f| f.write_all(&buffer));
        written.map_err(|e| {
            self.disabled = true;
            SemanticError::io(&self.path, e)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantic::test_support::Scratch;

    fn embedding(seed: f32) -> Embedding {
        Embedding::quantise(&[seed, 1.0 - seed, 0.5, -0.25])
    }

    fn keys(texts: &[&str]) -> HashSet<u64> {
        texts.iter().map(|t| text_key(t)).collect()
    }

    #[test]
    fn keys_are_stable_fnv1a() {
        // Reference values of 64-bit FNV-1a.
        assert_eq!(text_key(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(text_key("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(text_key("Russia sent 2000."), text_key("Russia sent 3000."));
    }

    #[test]
    fn embeddings_survive_a_reopen() {
        let dir = Scratch::new("cache-reopen");
        let mut cache = EmbeddingCache::open(&dir.0, "model@abc", 4).unwrap();
        assert!(cache.lookup(&keys(&["first"])).unwrap().is_empty());
        let (a, b, c) = (embedding(0.1), embedding(0.9), embedding(0.5));
        cache
            .append(&[(text_key("first"), &a), (text_key("second"), &b)])
            .unwrap();
        cache.append(&[(text_key("third"), &c)]).unwrap();
        let again = EmbeddingCache::open(&dir.0, "model@abc", 4).unwrap();
        let found = again.lookup(&keys(&["second", "third", "fourth"])).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found.get(&text_key("second")), Some(&b));
        assert_eq!(found.get(&text_key("third")), Some(&c));
        // Another model has its own file.
        let other = EmbeddingCache::open(&dir.0, "other", 4).unwrap();
        assert!(other.lookup(&keys(&["first"])).unwrap().is_empty());
    }

    #[test]
    fn a_cut_off_record_is_dropped_and_appends_stay_aligned() {
        let dir = Scratch::new("cache-cut");
        let mut cache = EmbeddingCache::open(&dir.0, "m", 4).unwrap();
        let (one, two, three) = (embedding(0.2), embedding(0.7), embedding(0.3));
        cache
            .append(&[(text_key("one"), &one), (text_key("two"), &two)])
            .unwrap();
        let path = cache.path().to_path_buf();
        let len = std::fs::metadata(&path).unwrap().len();
        let file = OpenOptions::new().write(true).open(&path).unwrap();
        file.set_len(len - 3).unwrap();

        let mut reopened = EmbeddingCache::open(&dir.0, "m", 4).unwrap();
        let all = keys(&["one", "two", "three"]);
        assert_eq!(reopened.lookup(&all).unwrap().len(), 1);
        reopened.append(&[(text_key("three"), &three)]).unwrap();
        let found = EmbeddingCache::open(&dir.0, "m", 4)
            .unwrap()
            .lookup(&all)
            .unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found.get(&text_key("three")), Some(&three));
    }

    #[test]
    fn a_file_of_another_format_or_dimension_starts_over() {
        let dir = Scratch::new("cache-format");
        std::fs::write(dir.0.join("m.bin"), b"not a cache at all").unwrap();
        let mut cache = EmbeddingCache::open(&dir.0, "m", 4).unwrap();
        let one = embedding(0.2);
        cache.append(&[(text_key("one"), &one)]).unwrap();
        assert_eq!(cache.lookup(&keys(&["one"])).unwrap().len(), 1);
        let mut eight = EmbeddingCache::open(&dir.0, "m", 8).unwrap();
        assert!(eight.lookup(&keys(&["one"])).unwrap().is_empty());
        // Vectors of the wrong size are not stored.
        eight.append(&[(text_key("one"), &one)]).unwrap();
        assert!(eight.lookup(&keys(&["one"])).unwrap().is_empty());
    }
}
