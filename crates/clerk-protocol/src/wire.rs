//! The decoder of every wire struct: serde's own `Deserialize` API, written once as a table
//! walker instead of derived per struct (the server keeps the derived `Serialize`).
//!
//! Size, not behaviour. A derived `Deserialize` costs, per field, a `__Field` arm in its
//! `visit_str` and `visit_bytes`, an `Option` slot, a duplicate check, a missing-field check
//! and drop glue at every early return, all inlined into the struct's visitor: the SDK's
//! `Session` decoder alone was 8 KB of wasm. Here a struct is a table ([`decoder!`]): its
//! field names (also handed to `deserialize_struct`, so serde-wasm-bindgen reads only those
//! properties) and which of them are required. One non-generic search maps a key to its index
//! ([`Key`]), one loop per format ([`fields`]) skips unknown keys with `IgnoredAny`, refuses a
//! key seen twice and reports the first missing required field, and each struct only writes a
//! decoded value into its field by index ([`Wire::set`], each field through [`Field::put`]:
//! one copy per field type; a `Vec` filled in place by one element loop). Keys still come
//! through `MapAccess::next_key_seed` and values through `next_value`, so serde-wasm-bindgen
//! and serde_json do every conversion and word every type error as before.
//!
//! What the derive did that this does not: read a struct from a JSON array (`[..]` in field
//! order) and a key given as bytes or as a field number. No JSON object or JS object the
//! server or the SDK writes is read differently (`wire_tests.rs` pins each type).

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// A wire struct as a table: what [`decode`] needs to read it.
pub(crate) trait Wire: Sized {
    /// The struct's name, for `expecting` (`invalid type: ..., expected struct Session`).
    const NAME: &'static str;
    /// Every field's wire name, in declaration order (at most 32).
    const FIELDS: &'static [&'static str];
    /// Bit `i` set: `FIELDS[i]` must be present.
    const REQUIRED: u32;
    /// The value decoding starts from: optional fields at their defaults, required ones at a
    /// placeholder that a successful decode always overwrites.
    fn blank() -> Self;
    /// Decodes the next value of `map` into field `index`.
    fn set<'de, A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;
}

/// A placeholder for a required field, overwritten before the decoded value is handed out.
pub(crate) trait Blank {
    /// The placeholder.
    fn blank() -> Self;
}

macro_rules! blank_by_default {
    ($($t:ty),*) => { $(impl Blank for $t { fn blank() -> Self { Self::default() } })* };
}
blank_by_default!(String, bool, u32, u64, i64);

impl<T> Blank for Vec<T> {
    fn blank() -> Self {
        Vec::new()
    }
}

/// Decodes a [`Wire`] struct from any serde format.
pub(crate) fn decode<'de, D: Deserializer<'de>, T: Wire>(d: D) -> Result<T, D::Error> {
    d.deserialize_struct(T::NAME, T::FIELDS, StructVisitor(PhantomData))
}

struct StructVisitor<T>(PhantomData<T>);

impl<'de, T: Wire> Visitor<'de> for StructVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        expecting_struct(T::NAME, f)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::blank();
        fields(&mut map, T::FIELDS, T::REQUIRED, &mut |i, map| {
            value.set(i, map)
        })?;
        Ok(value)
    }
}

/// `struct Name`, the derive's wording.
#[inline(never)]
fn expecting_struct(name: &str, f: &mut fmt::Formatter) -> fmt::Result {
    f.write_str("struct ")?;
    f.write_str(name)
}

/// Reads every entry of `map`: known keys through `set`, unknown ones skipped; then the first
/// required field not seen is the error. One copy per format, shared by every struct.
// `set` is one closure type spelled once; an alias would need its own lifetimes.
#[allow(clippy::type_complexity)]
#[inline(never)]
fn fields<'de, A: MapAccess<'de>>(
    map: &mut A,
    names: &'static [&'static str],
    required: u32,
    set: &mut dyn FnMut(usize, &mut A) -> Result<(), A::Error>,
) -> Result<(), A::Error> {
    let mut seen = 0u32;
    while let Some(index) = map.next_key_seed(Key(names))? {
        match names.get(index) {
            None => {
                map.next_value::<IgnoredAny>()?;
            }
            Some(name) => {
                let bit = 1 << index;
                if seen & bit != 0 {
                    return Err(de::Error::duplicate_field(name));
                }
                seen |= bit;
                set(index, map)?;
            }
        }
    }
    let missing = required & !seen;
    if missing != 0 {
        return Err(de::Error::missing_field(
            names[missing.trailing_zeros() as usize],
        ));
    }
    Ok(())
}

/// A key of a struct, decoded to its index in the field table (past the end: unknown).
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Key {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<usize, E> {
        Ok(index_of(self.0, key))
    }
}

/// The index of `key` in `names`, or `names.len()`.
#[inline(never)]
fn index_of(names: &[&str], key: &str) -> usize {
    names.iter().position(|n| *n == key).unwrap_or(names.len())
}

/// How a field's value is read from a map into its slot.
pub(crate) trait Field<'de>: Sized {
    /// Decodes the next value of `map` into `slot`.
    fn put<A: MapAccess<'de>>(map: &mut A, slot: &mut Self) -> Result<(), A::Error>;
}

/// Decodes the next value of `map` into `slot` with its type's own `Deserialize`, out of line:
/// one copy per field type, not one per field.
#[inline(never)]
pub(crate) fn put<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut T,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

macro_rules! own_field {
    ($($t:ty),*) => {$(
        impl<'de> Field<'de> for $t {
            fn put<A: MapAccess<'de>>(map: &mut A, slot: &mut Self) -> Result<(), A::Error> {
                put(map, slot)
            }
        }
    )*};
}
own_field!(
    String,
    bool,
    u32,
    u64,
    i64,
    crate::SessionStatus,
    crate::Meta
);

impl<'de, T: Deserialize<'de>> Field<'de> for Option<T> {
    fn put<A: MapAccess<'de>>(map: &mut A, slot: &mut Self) -> Result<(), A::Error> {
        put(map, slot)
    }
}

/// A `Vec` is filled in place by one element loop (serde's own `Vec` visitor moves a new
/// vector out and drops the old one, in each of serde-wasm-bindgen's two sequence paths).
impl<'de, T: Deserialize<'de>> Field<'de> for Vec<T> {
    #[inline(never)]
    fn put<A: MapAccess<'de>>(map: &mut A, slot: &mut Self) -> Result<(), A::Error> {
        map.next_value_seed(Elements(slot))
    }
}

struct Elements<'a, T>(&'a mut Vec<T>);

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Elements<'_, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Elements<'_, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<S: de::SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while let Some(value) = seq.next_element()? {
            self.0.push(value);
        }
        Ok(())
    }
}

/// `true` for a field marked `[optional]`.
macro_rules! optional {
    () => {
        false
    };
    (optional) => {
        true
    };
}

/// The starting value of a field: its `Default` if `[optional]`, else a [`Blank`].
macro_rules! start {
    () => {
        $crate::wire::Blank::blank()
    };
    (optional) => {
        Default::default()
    };
}

/// `Deserialize` (and [`Wire`], [`Blank`]) for a struct from its field list, in declaration
/// order; `name [optional]` for a field that may be missing (its `Default` then), as
/// `#[serde(default)]` or an `Option` did for the derive. Every field must be listed (the
/// struct literal of `blank` does not compile otherwise).
macro_rules! decoder {
    ($ty:ident { $($field:ident $([$opt:ident])?),* $(,)? }) => {
        impl $crate::wire::Wire for $ty {
            const NAME: &'static str = stringify!($ty);
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
            const REQUIRED: u32 = {
                let optional = [$($crate::wire::optional!($($opt)?)),*];
                assert!(optional.len() <= 32);
                let mut mask = 0;
                let mut i = 0;
                while i < optional.len() {
                    if !optional[i] {
                        mask |= 1 << i;
                    }
                    i += 1;
                }
                mask
            };
            fn blank() -> Self {
                $ty { $($field: $crate::wire::start!($($opt)?)),* }
            }
            fn set<'de, A: serde::de::MapAccess<'de>>(
                &mut self,
                index: usize,
                map: &mut A,
            ) -> Result<(), A::Error> {
                let mut i = 0;
                $(
                    if index == i {
                        return $crate::wire::Field::put(map, &mut self.$field);
                    }
                    i += 1;
                )*
                let _ = i;
                Ok(())
            }
        }

        impl<'de> $crate::wire::Field<'de> for $ty {
            fn put<A: serde::de::MapAccess<'de>>(
                map: &mut A,
                slot: &mut Self,
            ) -> Result<(), A::Error> {
                $crate::wire::put(map, slot)
            }
        }

        impl $crate::wire::Blank for $ty {
            fn blank() -> Self {
                <$ty as $crate::wire::Wire>::blank()
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::wire::decode(d)
            }
        }
    };
}

pub(crate) use {decoder, optional, start};
