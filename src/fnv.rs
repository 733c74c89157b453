//! FNV-1a, a fast hash for the small keys of the crate's maps (the scene's progress map, looked
//! up for every label; the explanation's chains). Its keys are the crate's own indices, never a
//! user's text, so a hash that an adversary could collide does no harm; one hasher for both
//! keeps one in the page's wasm (std's default, SipHash with random keys, was the other).

use std::hash::{BuildHasherDefault, Hasher};

/// A map's hasher: `HashMap<K, V, Fnv>`.
pub(crate) type Fnv = BuildHasherDefault<FnvHasher>;

/// The hasher's state.
#[derive(Default)]
pub(crate) struct FnvHasher(u64);

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
