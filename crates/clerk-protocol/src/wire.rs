//! The shared field decoder named in `#[serde(deserialize_with = ...)]` by the resources.
//!
//! Size, not behaviour: a derived `Deserialize` inlines the decoder of every field into its
//! struct's visitor, so a `Session` carried five copies of the `i64` decoder and its `User` more
//! of the `String` ones. [`out_of_line`] is the very same decoder (`T::deserialize`) kept out of
//! line, so the SDK's wasm holds one copy per field type instead of one per field; errors and
//! accepted values are unchanged. It is used for the leaf types (`String`, `Option<String>`,
//! `i64`): a new field of those types fits by naming it. Nested structs (`User` in `Session`)
//! stay inlined: out of line they measured larger.

use serde::{Deserialize, Deserializer};

/// Decodes one field with its type's own `Deserialize`, out of line: one copy per field type.
/// An `Option` field also needs `#[serde(default)]`: with a `deserialize_with`, serde no longer
/// treats a missing `Option` as `None` by itself.
#[inline(never)]
pub(crate) fn out_of_line<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<T, D::Error> {
    T::deserialize(d)
}
