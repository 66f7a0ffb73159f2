//! What a statement is made of on both backends: its SQL text in both spellings ([`Sql`], made
//! by `stmt!` / `pg_only!` from a constant of [`super::sql`]) and its parameters ([`Arg`],
//! listed with `args!`), bound the same way by either driver.

use rusqlite::types::{ToSqlOutput, ValueRef};

/// One SQL text: PostgreSQL's spelling (`$N` placeholders), and SQLite's (`?N`), or none for a
/// statement SQLite does without (a row lock: its `BEGIN IMMEDIATE` already holds the whole
/// database), which SQLite then skips.
#[derive(Debug, Clone, Copy)]
pub struct Sql {
    /// The shared text, as written in [`super::sql`].
    pub pg: &'static str,
    /// Its SQLite spelling; `None`: PostgreSQL only.
    pub lite: Option<&'static str>,
}

/// `stmt!(sql::X)`: the statement `X` for both backends (its SQLite spelling computed once).
macro_rules! stmt {
    ($sql:expr) => {
        $crate::store::args::Sql {
            pg: $sql,
            lite: Some($crate::store::sqlite::q!($sql)),
        }
    };
}
pub(crate) use stmt;

/// `pg_only!(sql::X)`: a statement run on PostgreSQL only (SQLite skips it, changing no row).
macro_rules! pg_only {
    ($sql:expr) => {
        $crate::store::args::Sql {
            pg: $sql,
            lite: None,
        }
    };
}
pub(crate) use pg_only;

/// `args![a, b, ...]`: the parameters `$1, $2, ...` of a statement, each converted with
/// [`Arg::from`] (`i64`, `&str`, `&String`, `Option<&str>`, `&Option<String>`, `Option<i64>`,
/// `&[u8]`, `bool`).
macro_rules! args {
    ($($a:expr),* $(,)?) => {
        [$($crate::store::args::Arg::from($a)),*]
    };
}
pub(crate) use args;

/// A statement parameter, borrowed from the caller.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// BIGINT.
    Int(i64),
    /// BIGINT or NULL.
    OptInt(Option<i64>),
    /// TEXT.
    Text(&'a str),
    /// TEXT or NULL.
    OptText(Option<&'a str>),
    /// BLOB (SQLite) / BYTEA (PostgreSQL).
    Bytes(&'a [u8]),
    /// BLOB / BYTEA or NULL.
    OptBytes(Option<&'a [u8]>),
}

impl From<i64> for Arg<'_> {
    fn from(v: i64) -> Self {
        Arg::Int(v)
    }
}

impl From<bool> for Arg<'_> {
    /// Stored as 0 / 1 (BIGINT) on both backends.
    fn from(v: bool) -> Self {
        Arg::Int(i64::from(v))
    }
}

impl From<Option<i64>> for Arg<'_> {
    fn from(v: Option<i64>) -> Self {
        Arg::OptInt(v)
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(v: &'a str) -> Self {
        Arg::Text(v)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(v: &'a String) -> Self {
        Arg::Text(v)
    }
}

impl<'a> From<Option<&'a str>> for Arg<'a> {
    fn from(v: Option<&'a str>) -> Self {
        Arg::OptText(v)
    }
}

impl<'a> From<&'a Option<String>> for Arg<'a> {
    fn from(v: &'a Option<String>) -> Self {
        Arg::OptText(v.as_deref())
    }
}

impl<'a> From<&'a [u8]> for Arg<'a> {
    fn from(v: &'a [u8]) -> Self {
        Arg::Bytes(v)
    }
}

impl<'a> From<Option<&'a [u8]>> for Arg<'a> {
    fn from(v: Option<&'a [u8]>) -> Self {
        Arg::OptBytes(v)
    }
}

impl rusqlite::ToSql for Arg<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        let value = match *self {
            Arg::Int(v) | Arg::OptInt(Some(v)) => ValueRef::Integer(v),
            Arg::Text(v) | Arg::OptText(Some(v)) => ValueRef::Text(v.as_bytes()),
            Arg::Bytes(v) | Arg::OptBytes(Some(v)) => ValueRef::Blob(v),
            Arg::OptInt(None) | Arg::OptText(None) | Arg::OptBytes(None) => ValueRef::Null,
        };
        Ok(ToSqlOutput::Borrowed(value))
    }
}

/// `sql` with `args` bound, for sqlx.
pub fn pg_query(
    sql: &'static str,
    args: &[Arg<'_>],
) -> sqlx::query::Query<'static, sqlx::Postgres, sqlx::postgres::PgArguments> {
    args.iter().fold(sqlx::query(sql), |q, a| match *a {
        Arg::Int(v) => q.bind(v),
        Arg::OptInt(v) => q.bind(v),
        Arg::Text(v) => q.bind(v),
        Arg::OptText(v) => q.bind(v),
        Arg::Bytes(v) => q.bind(v),
        Arg::OptBytes(v) => q.bind(v),
    })
}
