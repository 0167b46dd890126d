//! `ImageHash`: the only way an image name reaches a filesystem path. Parsing
//! accepts exactly 32 lower-case hex characters, so `../`, `%2e`, NUL bytes and
//! upper-case variants can never become a file name.

use md5::{Digest, Md5};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, specta::Type)]
#[serde(transparent)]
pub struct ImageHash(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an image hash (expected 32 lower-case hex characters)")]
pub struct InvalidHash;

impl ImageHash {
    pub fn parse(s: &str) -> Result<Self, InvalidHash> {
        let ok = s.len() == 32 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(InvalidHash)
        }
    }

    /// The MD5 of `bytes`: how every stored image is named (SPEC §4).
    pub fn of(bytes: &[u8]) -> Self {
        Self(format!("{:x}", Md5::digest(bytes)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ImageHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for ImageHash {
    type Err = InvalidHash;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl<'de> Deserialize<'de> for ImageHash {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_32_lower_hex() {
        let good = "0123456789abcdef0123456789abcdef";
        assert!(ImageHash::parse(good).is_ok());
        for bad in [
            "",
            "0123456789abcdef0123456789abcde",   // 31
            "0123456789abcdef0123456789abcdef0", // 33
            "0123456789ABCDEF0123456789ABCDEF",  // upper case names a different file on case-sensitive disks
            "0123456789abcdef0123456789abcdeg",
            "../../../../../../../../etc/passw",
            "%2e%2e%2f%2e%2e%2f0123456789abcde",
            "0123456789abcdef\u{0}123456789abcde",
            "0123456789abcdef0123456789abcd/f",
        ] {
            assert!(ImageHash::parse(bad).is_err(), "{bad:?} must be refused: it is not exactly 32 lower-case hex");
        }
    }

    #[test]
    fn md5_of_known_bytes() {
        assert_eq!(ImageHash::of(b"").as_str(), "d41d8cd98f00b204e9800998ecf8427e", "RFC 1321 test vector");
        assert_eq!(ImageHash::of(b"abc").as_str(), "900150983cd24fb0d6963f7d28e17f72", "RFC 1321 test vector");
    }

    #[test]
    fn deserialising_validates() {
        assert!(serde_json::from_str::<ImageHash>("\"../x\"").is_err(), "a hash arriving from the UI is parsed, not trusted");
    }
}
