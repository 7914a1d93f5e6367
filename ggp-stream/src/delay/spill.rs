//! The part of the delay buffer kept on disk: segments encrypted with AES-256-GCM under a
//! key that exists only in this process's memory.
//!
//! The key is drawn from the operating system's random source when the store is created
//! and never written anywhere, so the files left behind by a crash, a copy of the spill
//! directory, or a look at the disk during the show reveal nothing: not the camera's view
//! of the hole cards, not the timing of the hand. Each segment has its own nonce (a
//! counter: never reused under one key) and is authenticated together with its index, so
//! a segment swapped, altered or replayed from elsewhere fails to open instead of
//! decoding to something wrong.

use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead, KeyInit, OsRng, Payload};
use aes_gcm::{Aes256Gcm, Nonce};

use crate::StreamError;

/// Encrypted segments in a directory of their own, removed when the store is dropped.
pub struct SpillStore {
    dir: PathBuf,
    cipher: Aes256Gcm,
    next_index: u64,
    bytes_on_disk: u64,
}

impl std::fmt::Debug for SpillStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The cipher (and its key) is deliberately left out.
        f.debug_struct("SpillStore")
            .field("dir", &self.dir)
            .field("next_index", &self.next_index)
            .finish_non_exhaustive()
    }
}

/// A segment written to disk, to be read back once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentRef {
    index: u64,
    path: PathBuf,
}

impl SpillStore {
    /// A store in a new directory under `parent`, with a fresh random key.
    pub fn create(parent: &Path) -> Result<Self, StreamError> {
        let key = Aes256Gcm::generate_key(OsRng);
        let dir = parent.join(format!(
            "ggp-delay-{}-{}",
            std::process::id(),
            unique_suffix()
        ));
        std::fs::create_dir_all(&dir).map_err(|source| StreamError::Io {
            path: dir.clone(),
            source,
        })?;
        Ok(SpillStore {
            dir,
            cipher: Aes256Gcm::new(&key),
            next_index: 0,
            bytes_on_disk: 0,
        })
    }

    /// The directory holding the segments.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Bytes currently on disk.
    pub fn bytes_on_disk(&self) -> u64 {
        self.bytes_on_disk
    }

    /// Encrypts and writes one segment.
    pub fn write(&mut self, plaintext: &[u8]) -> Result<SegmentRef, StreamError> {
        let index = self.next_index;
        self.next_index += 1;
        let aad = index.to_le_bytes();
        let ciphertext = self
            .cipher
            .encrypt(
                &nonce(index),
                Payload {
                    msg: plaintext,
                    aad: &aad,
                },
            )
            .map_err(|_| StreamError::InvalidConfig {
                target: self.dir.display().to_string(),
                reason: format!("segment {index} could not be encrypted"),
            })?;
        let path = self.dir.join(format!("segment-{index:08}.bin"));
        std::fs::write(&path, &ciphertext).map_err(|source| match source.raw_os_error() {
            Some(28) => StreamError::DiskFull { path: path.clone() },
            _ => StreamError::Io {
                path: path.clone(),
                source,
            },
        })?;
        self.bytes_on_disk += ciphertext.len() as u64;
        Ok(SegmentRef { index, path })
    }

    /// Reads, authenticates and decrypts a segment, then deletes its file.
    pub fn read(&mut self, segment: &SegmentRef) -> Result<Vec<u8>, StreamError> {
        let ciphertext = std::fs::read(&segment.path).map_err(|source| StreamError::Io {
            path: segment.path.clone(),
            source,
        })?;
        let aad = segment.index.to_le_bytes();
        let plaintext = self
            .cipher
            .decrypt(
                &nonce(segment.index),
                Payload {
                    msg: &ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| StreamError::InvalidConfig {
                target: segment.path.display().to_string(),
                reason: "the segment failed authentication (altered or not ours)".into(),
            })?;
        let _ = std::fs::remove_file(&segment.path);
        self.bytes_on_disk = self.bytes_on_disk.saturating_sub(ciphertext.len() as u64);
        Ok(plaintext)
    }
}

impl Drop for SpillStore {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The 96-bit nonce of segment `index`: the index, little-endian, zero-padded.
fn nonce(index: u64) -> Nonce<aes_gcm::aead::consts::U12> {
    let mut bytes = [0u8; 12];
    bytes[..8].copy_from_slice(&index.to_le_bytes());
    Nonce::clone_from_slice(&bytes)
}

fn unique_suffix() -> u128 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    nanos ^ u128::from(COUNTER.fetch_add(1, Ordering::Relaxed)) << 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_round_trip_and_hold_no_plaintext() {
        let parent = std::env::temp_dir();
        let mut store = SpillStore::create(&parent).expect("store");
        let marker = b"HOLE-CARDS-As-Kd-MARKER".repeat(100);
        let segment = store.write(&marker).expect("write");
        let on_disk = std::fs::read(&segment.path).expect("file");
        assert!(
            !on_disk.windows(b"MARKER".len()).any(|w| w == b"MARKER"),
            "plaintext visible on disk"
        );
        assert_eq!(store.read(&segment).expect("read"), marker);
        assert!(!segment.path.exists(), "read segments are deleted");
        let dir = store.dir().to_owned();
        drop(store);
        assert!(!dir.exists(), "the spill directory goes with the store");
    }

    #[test]
    fn an_altered_segment_fails_to_open() {
        let mut store = SpillStore::create(&std::env::temp_dir()).expect("store");
        let segment = store.write(b"frame data").expect("write");
        let mut bytes = std::fs::read(&segment.path).expect("file");
        bytes[0] ^= 1;
        std::fs::write(&segment.path, bytes).expect("rewrite");
        assert!(store.read(&segment).is_err());
    }

    #[test]
    fn another_store_cannot_read_our_segments() {
        let mut ours = SpillStore::create(&std::env::temp_dir()).expect("store");
        let mut theirs = SpillStore::create(&std::env::temp_dir()).expect("store");
        let segment = ours.write(b"frame data").expect("write");
        assert!(
            theirs.read(&segment).is_err(),
            "a different key must not decrypt"
        );
    }
}
