//! [`Meta`]: the `meta` object of an [`ApiError`](crate::ApiError), string keys to string values.
//!
//! A small list rather than a `BTreeMap`: an error carries one or two entries, and the B-tree's
//! insert, iterate and drop code cost the SDK's wasm about a kilobyte. On the wire it is the same
//! JSON object; entries keep the order they were added in.

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// String keys to string values, in insertion order, each key at most once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta(Vec<(String, String)>);

impl Meta {
    /// An empty `meta`.
    pub fn new() -> Self {
        Meta(Vec::new())
    }

    /// Sets `key` to `value`, replacing an earlier value of the same key.
    pub fn insert(&mut self, key: String, value: String) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(entry) => entry.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The entries in the order they were added, as a slice (a plain loop over it is the
    /// smallest code in the SDK's wasm).
    pub fn entries(&self) -> &[(String, String)] {
        &self.0
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Meta {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Meta {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MetaVisitor;
        impl<'de> Visitor<'de> for MetaVisitor {
            type Value = Meta;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Meta, A::Error> {
                let mut meta = Meta::new();
                while let Some((k, v)) = access.next_entry::<String, String>()? {
                    meta.insert(k, v);
                }
                Ok(meta)
            }
        }
        deserializer.deserialize_map(MetaVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_is_a_json_object_on_the_wire_both_ways() {
        let mut meta = Meta::new();
        meta.insert("session_id".into(), "sess_1".into());
        meta.insert("param_name".into(), "identifier".into());
        let json = serde_json::to_string(&meta).expect("serialize");
        assert_eq!(json, r#"{"session_id":"sess_1","param_name":"identifier"}"#);
        let back: Meta = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, meta);
        assert!(serde_json::from_str::<Meta>("[1]").is_err());
    }

    #[test]
    fn a_key_set_twice_keeps_its_place_and_the_last_value() {
        let mut meta = Meta::new();
        meta.insert("a".into(), "1".into());
        meta.insert("b".into(), "2".into());
        meta.insert("a".into(), "3".into());
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        assert_eq!(meta.entries(), [pair("a", "3"), pair("b", "2")]);
        assert_eq!(meta.get("a"), Some("3"));
        assert_eq!(meta.get("c"), None);
        assert_eq!(meta.len(), 2);
        assert!(!meta.is_empty());
    }
}
