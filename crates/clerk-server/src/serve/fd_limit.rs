//! Fitting `max_connections` into the process's file-descriptor limit (`RLIMIT_NOFILE`), so the
//! accept loop never hits EMFILE: with the cap reached it stops accepting, and connections wait
//! in the kernel's queue instead of failing.
//!
//! Each connection costs one descriptor, two when static folders are served (the file being
//! streamed). A reserve is kept for everything else: the database connections (SQLite's files,
//! or the PostgreSQL pool and its listener), the signing key, the runtime's own descriptors.
//! When the soft limit is too low it is first raised towards the hard limit (as Go's runtime
//! does); if it still does not fit, the cap is lowered with a warning that says what to change.

use crate::config::Config;

/// Descriptors kept for what is not a client connection, beyond the database's.
const BASE_RESERVE: usize = 64;

/// What the connections may use of the descriptor limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FdBudget {
    /// Descriptors kept for everything but client connections.
    pub reserved: usize,
    /// Descriptors one client connection may hold.
    pub per_connection: usize,
}

/// The budget of a server run with `config`.
pub fn budget(config: &Config) -> FdBudget {
    let pg = config.file.database_max_connections as usize;
    // PostgreSQL: the pool, its activity quarter and the listener; SQLite: five connections of
    // about three files each (the database, its WAL and shared memory) and the lock file.
    let database = (pg + pg / 4 + 2).max(16);
    FdBudget {
        reserved: BASE_RESERVE + database,
        per_connection: if config.static_dirs.is_empty() { 1 } else { 2 },
    }
}

/// The most connections that fit in `soft_limit` descriptors (at least 1).
pub fn cap_for_limit(wanted: usize, soft_limit: u64, budget: FdBudget) -> usize {
    let limit = usize::try_from(soft_limit).unwrap_or(usize::MAX);
    let fit = limit.saturating_sub(budget.reserved) / budget.per_connection.max(1);
    wanted.min(fit).max(1)
}

/// `wanted` connections, or fewer if the descriptor limit cannot hold them (with a warning).
pub fn connection_cap(wanted: usize, budget: FdBudget) -> usize {
    let needed = wanted
        .saturating_mul(budget.per_connection)
        .saturating_add(budget.reserved);
    let Some(soft) = nofile_limit(u64::try_from(needed).unwrap_or(u64::MAX)) else {
        return wanted;
    };
    let cap = cap_for_limit(wanted, soft, budget);
    if cap < wanted {
        crate::log::warn(&format!(
            "http.max_connections = {wanted} does not fit in this process's limit of {soft} open \
             files (RLIMIT_NOFILE; {} kept for the database and the server, {} per connection): \
             serving at most {cap} connections at once; raise the limit (ulimit -n, systemd \
             LimitNOFILE=) to {needed} or lower http.max_connections",
            budget.reserved, budget.per_connection
        ));
    }
    cap
}

/// The soft `RLIMIT_NOFILE` after raising it towards `wanted` (never above the hard limit), or
/// `None` where it cannot be read.
#[cfg(unix)]
#[allow(clippy::useless_conversion)] // `rlim_t` is `u64` on Linux, not on every Unix.
fn nofile_limit(wanted: u64) -> Option<u64> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes one `rlimit` through a valid pointer to our local.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return None;
    }
    if limit.rlim_cur == libc::RLIM_INFINITY {
        return Some(u64::MAX);
    }
    let soft = u64::from(limit.rlim_cur);
    if soft >= wanted {
        return Some(soft);
    }
    let hard = match limit.rlim_max {
        libc::RLIM_INFINITY => u64::MAX,
        hard => u64::from(hard),
    };
    let raised = libc::rlimit {
        rlim_cur: libc::rlim_t::from(wanted.min(hard)),
        rlim_max: limit.rlim_max,
    };
    // SAFETY: setrlimit reads one `rlimit` through a valid pointer to our local.
    if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
        Some(wanted.min(hard))
    } else {
        Some(soft)
    }
}

#[cfg(not(unix))]
fn nofile_limit(_wanted: u64) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_leaves_the_reserve_and_counts_the_streamed_file() {
        let api_only = FdBudget {
            reserved: 80,
            per_connection: 1,
        };
        let with_files = FdBudget {
            per_connection: 2,
            ..api_only
        };
        assert_eq!(cap_for_limit(4096, 1_048_576, with_files), 4096);
        assert_eq!(cap_for_limit(4096, 1024, api_only), 944);
        assert_eq!(cap_for_limit(4096, 1024, with_files), 472);
        assert_eq!(cap_for_limit(10, 1024, with_files), 10);
        assert_eq!(cap_for_limit(4096, 50, with_files), 1, "never zero");
    }

    #[test]
    fn the_budget_grows_with_the_database_pool_and_static_folders() {
        let mut config = Config::new("sqlite::memory:");
        let plain = budget(&config);
        assert_eq!(plain.per_connection, 1);
        config.static_dirs.push((String::new(), "www".into()));
        config.file.database_max_connections = 100;
        let big = budget(&config);
        assert_eq!(big.per_connection, 2);
        assert!(big.reserved >= plain.reserved + 100, "{big:?} {plain:?}");
    }

    #[test]
    fn the_limit_is_readable_and_already_fits_a_small_need() {
        let soft = nofile_limit(16).unwrap();
        assert!(soft >= 16);
    }
}
