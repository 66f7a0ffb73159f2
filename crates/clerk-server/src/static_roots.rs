//! The static folders ([`StaticRoots`]): canonicalized once at start-up, checked not to hold the
//! server's own secrets, and the containment rule every served file must pass.
//!
//! Security rules:
//! - A file is served only if its canonical path (every link resolved) lies inside the canonical
//!   folder and no component below the folder starts with `.`: a link out of the folder, or to a
//!   hidden file inside it, is a 404 like a missing file. A link that stays inside is followed.
//! - Start-up refuses a folder that contains the SQLite database file, its `-wal`, `-shm` or
//!   `.lock` sibling, or the signing key, with a message naming both and what to move: anyone
//!   could download them, and the key signs session tokens.

use crate::config::Config;
use crate::error::AppError;
use std::path::{Component, Path, PathBuf};

/// One static folder.
#[derive(Debug, Clone)]
pub struct StaticRoot {
    /// URL prefix without slashes ("" for `/`).
    pub prefix: String,
    /// The folder as configured.
    pub dir: PathBuf,
    /// The canonical folder; `None` if it did not exist at start-up (looked up per request).
    canonical: Option<PathBuf>,
}

/// The static folders, longest prefix first.
#[derive(Debug, Clone, Default)]
pub struct StaticRoots(Vec<StaticRoot>);

impl StaticRoots {
    /// The folders of `config`, refusing one that holds the database or the signing key. Call it
    /// before the database is opened, so a refused start creates nothing in the folder.
    pub fn new(config: &Config) -> Result<Self, AppError> {
        let secrets = secret_files(config);
        let mut roots = Vec::new();
        for (prefix, dir) in &config.static_dirs {
            let canonical = std::fs::canonicalize(dir).ok();
            if let Some(root) = &canonical {
                for (what, file, fix) in &secrets {
                    if resolved(file).iter().any(|f| f.starts_with(root)) {
                        return Err(AppError::Config(format!(
                            "the static folder {} (--static-dir) contains {what} {}: anyone \
                             could download it. {fix}, or serve a folder that does not contain it",
                            dir.display(),
                            file.display()
                        )));
                    }
                }
            } else {
                crate::log::warn(&format!(
                    "static folder {} does not exist (yet)",
                    dir.display()
                ));
            }
            roots.push(StaticRoot {
                prefix: prefix.clone(),
                dir: dir.clone(),
                canonical,
            });
        }
        roots.sort_by_key(|r| std::cmp::Reverse(r.prefix.len()));
        Ok(Self(roots))
    }

    /// The folders, longest prefix first.
    pub fn iter(&self) -> impl Iterator<Item = &StaticRoot> {
        self.0.iter()
    }
}

impl StaticRoot {
    /// The canonical path of `file` if it exists and may be served from this folder.
    pub async fn contained(&self, file: &Path) -> Option<PathBuf> {
        let root = match &self.canonical {
            Some(root) => root.clone(),
            None => tokio::fs::canonicalize(&self.dir).await.ok()?,
        };
        let canonical = tokio::fs::canonicalize(file).await.ok()?;
        let below = canonical.strip_prefix(&root).ok()?;
        let hidden = below.components().any(|c| match c {
            Component::Normal(name) => name.as_encoded_bytes().starts_with(b"."),
            _ => true,
        });
        (!hidden).then_some(canonical)
    }
}

/// The files no static folder may contain: (what it is, path, how to move it).
fn secret_files(config: &Config) -> Vec<(&'static str, PathBuf, &'static str)> {
    let mut files = Vec::new();
    if let Some(db) = crate::store::sqlite::file_path(&config.database_url) {
        let move_db = "Move the database (--database-url)";
        files.push(("the SQLite database", PathBuf::from(db), move_db));
        for suffix in ["-wal", "-shm", ".lock"] {
            let sibling = PathBuf::from(format!("{db}{suffix}"));
            files.push(("a file of the SQLite database", sibling, move_db));
        }
    }
    if let Some(key) = config.signing_key_path() {
        let move_key = "Move the signing key (signing_key_path in the config file)";
        files.push(("the signing key", key, move_key));
    }
    files
}

/// Where `file` is or would be created: its canonical path if it exists, and its canonical
/// folder joined with its name (the file may not exist yet, or be a link).
fn resolved(file: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(path) = std::fs::canonicalize(file) {
        out.push(path);
    }
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if let (Ok(dir), Some(name)) = (std::fs::canonicalize(parent), file.file_name()) {
        out.push(dir.join(name));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &Path, static_dir: &Path) -> Config {
        let mut c = Config::new(format!("sqlite://{}", dir.join("clerk.db").display()));
        c.static_dirs
            .push((String::new(), static_dir.to_path_buf()));
        c
    }

    #[test]
    fn a_folder_beside_the_database_is_accepted_and_one_around_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let www = dir.path().join("www");
        std::fs::create_dir(&www).unwrap();
        assert!(StaticRoots::new(&config(dir.path(), &www)).is_ok());
        let e = StaticRoots::new(&config(dir.path(), dir.path()))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("clerk.db") && e.contains("--database-url"),
            "{e}"
        );
        // Through another spelling of the same folder.
        let e = StaticRoots::new(&config(dir.path(), &www.join("..")))
            .unwrap_err()
            .to_string();
        assert!(e.contains("SQLite database"), "{e}");
    }

    #[test]
    fn a_folder_holding_the_signing_key_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let www = dir.path().join("www");
        std::fs::create_dir(&www).unwrap();
        let mut c = Config::new("sqlite::memory:");
        c.static_dirs.push(("pkg".into(), www.clone()));
        c.file.signing_key_path = Some(www.join("deep/er/signing.key"));
        std::fs::create_dir_all(www.join("deep/er")).unwrap();
        let e = StaticRoots::new(&c).unwrap_err().to_string();
        assert!(
            e.contains("signing key") && e.contains("signing.key"),
            "{e}"
        );
    }

    #[tokio::test]
    async fn links_out_and_hidden_targets_are_not_contained() {
        let dir = tempfile::tempdir().unwrap();
        let www = dir.path().join("www");
        std::fs::create_dir_all(www.join("sub")).unwrap();
        std::fs::write(www.join("sub/a.txt"), "a").unwrap();
        std::fs::write(www.join(".env"), "SECRET").unwrap();
        std::fs::write(dir.path().join("outside.txt"), "out").unwrap();
        std::os::unix::fs::symlink(www.join("sub/a.txt"), www.join("in.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("outside.txt"), www.join("out.txt")).unwrap();
        std::os::unix::fs::symlink(www.join(".env"), www.join("env.txt")).unwrap();
        let roots = StaticRoots::new(&config(&dir.path().join("db"), &www)).unwrap();
        let root = roots.iter().next().unwrap();
        assert!(root.contained(&www.join("sub/a.txt")).await.is_some());
        assert!(root.contained(&www.join("in.txt")).await.is_some());
        assert!(root.contained(&www.join("out.txt")).await.is_none());
        assert!(root.contained(&www.join("env.txt")).await.is_none());
        assert!(root.contained(&www.join("missing")).await.is_none());
    }
}
