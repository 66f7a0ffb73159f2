//! A throwaway PostgreSQL for the server tests: `initdb` in a temp directory on a free port,
//! started with `pg_ctl`, and always stopped and removed when the guard is dropped (also after a
//! failure or Ctrl-C). PostgreSQL refuses to run as root, so as root its tools run as `postgres`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Result, XtaskError};
use crate::process::{free_port, is_root, run, TempDir};

/// A running PostgreSQL; stopped and deleted on drop.
pub struct Postgres {
    /// `postgres://clerk@127.0.0.1:PORT/postgres`.
    pub url: String,
    bin: PathBuf,
    as_root: bool,
    dir: TempDir,
}

impl Postgres {
    /// Creates and starts a fresh cluster with a trusted superuser `clerk`.
    pub fn start() -> Result<Postgres> {
        let bin = pg_bin()?;
        let as_root = is_root();
        let dir = TempDir::new("clerk-postgres")?;
        if as_root {
            run(Command::new("chown")
                .args(["postgres:postgres"])
                .arg(dir.path()))?;
        }
        let port = free_port()?;
        let data = dir.path().join("data");
        let pg = Postgres {
            url: format!("postgres://clerk@127.0.0.1:{port}/postgres"),
            bin,
            as_root,
            dir,
        };
        run(pg.tool("initdb").arg("-D").arg(&data).args([
            "-A",
            "trust",
            "-U",
            "clerk",
            "--no-sync",
        ]))?;
        let options = format!(
            "-k {} -c listen_addresses=127.0.0.1 -p {port} -c fsync=off",
            pg.dir.path().display()
        );
        run(pg
            .tool("pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(pg.dir.path().join("log"))
            .args(["-w", "start", "-o", &options]))?;
        eprintln!("postgres: running at {}", pg.url);
        Ok(pg)
    }

    /// Creates database `name` (letters, digits, `_`) and returns its URL.
    pub fn database(&self, name: &str) -> Result<String> {
        run(Command::new(self.bin.join("psql"))
            .arg(&self.url)
            .args(["-q", "-c", &format!("CREATE DATABASE {name}")])
            .stdout(std::io::stderr()))?;
        let base = self.url.trim_end_matches("/postgres");
        Ok(format!("{base}/{name}"))
    }

    fn tool(&self, name: &str) -> Command {
        let program = self.bin.join(name);
        let mut cmd = if self.as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        cmd.current_dir(self.dir.path());
        // Their chatter goes to stderr, so benchmark tables on stdout stay clean.
        cmd.stdout(std::io::stderr());
        cmd
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        if data.join("postmaster.pid").exists() {
            let stopped = self
                .tool("pg_ctl")
                .arg("-D")
                .arg(&data)
                .args(["-w", "-m", "fast", "stop"])
                .status();
            match stopped {
                Ok(s) if s.success() => eprintln!("postgres: stopped"),
                _ => eprintln!("postgres: could not stop the server in {}", data.display()),
            }
        }
    }
}

/// The newest `/usr/lib/postgresql/<version>/bin` with `initdb`.
fn pg_bin() -> Result<PathBuf> {
    let base = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir(base)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| {
                    let version = e.file_name().to_string_lossy().parse::<u32>().ok()?;
                    let bin = e.path().join("bin");
                    bin.join("initdb").exists().then_some((version, bin))
                })
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).ok_or_else(|| {
        XtaskError::Missing(
            "PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb); run `cargo xtask setup` \
             or `apt-get install -y postgresql`"
                .into(),
        )
    })
}
