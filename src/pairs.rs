//! `Pairs`: the string-valued entries of a plain JS object in order (`localization`,
//! `appearance.variables`), decoded by serde-wasm-bindgen.

use serde::Deserialize;

/// The string-valued entries of a plain object, in order (other values are skipped). A list,
/// not a `BTreeMap`: a handful of entries, and the map's code cost the wasm ~4 KB.
#[derive(Default)]
pub(crate) struct Pairs(pub Vec<(String, String)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = Pairs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Pairs, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if let StringOrNot(Some(value)) = map.next_value()? {
                        out.push((key, value));
                    }
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(Entries)
    }
}

/// A string, or `None` for any other value.
struct StringOrNot(Option<String>);

impl<'de> Deserialize<'de> for StringOrNot {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Any;
        impl<'de> serde::de::Visitor<'de> for Any {
            type Value = StringOrNot;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E>(self, v: &str) -> Result<StringOrNot, E> {
                Ok(StringOrNot(Some(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<StringOrNot, E> {
                Ok(StringOrNot(Some(v)))
            }
            fn visit_bool<E>(self, _: bool) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_unit<E>(self) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_none<E>(self) -> Result<StringOrNot, E> {
                Ok(StringOrNot(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<StringOrNot, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(StringOrNot(None))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<StringOrNot, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(StringOrNot(None))
            }
        }
        d.deserialize_any(Any)
    }
}
