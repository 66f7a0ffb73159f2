//! The `clerk-server` binary: reads the command line (each flag also from the environment), the
//! config file, connects to the database, then prints exactly one line,
//! `clerk-server listening on http://ADDR`, on stdout. Logs go to stderr.
//!
//! ```text
//! clerk-server --listen ADDR --database-url URL [--dev] [--static-dir [PREFIX=]DIR]... [--config FILE]
//! env: CLERK_LISTEN, CLERK_DATABASE_URL, CLERK_DEV (1/true), CLERK_CONFIG
//! ```

use clerk_server::{build_router, serve, AppError, AppState, Config, FileConfig, SystemClock};
use std::io::Write;
use std::sync::Arc;

const USAGE: &str = "usage: clerk-server --listen ADDR --database-url URL [--dev] [--static-dir [PREFIX=]DIR]... [--config FILE]
  env: CLERK_LISTEN, CLERK_DATABASE_URL, CLERK_DEV, CLERK_CONFIG; config keys: crates/clerk-server/CONFIG.md";

struct Args {
    listen: String,
    config: Config,
}

fn parse_args() -> Result<Args, String> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let mut listen = env("CLERK_LISTEN").unwrap_or_else(|| "127.0.0.1:8080".into());
    let mut database_url = env("CLERK_DATABASE_URL");
    let mut dev = env("CLERK_DEV").is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"));
    let mut config_path = env("CLERK_CONFIG");
    let mut static_dirs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or(format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--listen" => listen = value()?,
            "--database-url" => database_url = Some(value()?),
            "--dev" => dev = true,
            "--static-dir" => static_dirs.push(Config::parse_static_dir(&value()?)),
            "--config" => config_path = Some(value()?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let database_url = database_url.ok_or("--database-url (or CLERK_DATABASE_URL) is required")?;
    let file = match config_path {
        Some(path) => {
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("reading {path}: {e}"))?;
            FileConfig::from_toml(&text).map_err(|e| format!("{path}: {e}"))?
        }
        None => FileConfig::default(),
    };
    Ok(Args {
        listen,
        config: Config {
            database_url,
            dev,
            static_dirs,
            file,
        },
    })
}

async fn start(args: Args) -> Result<(), AppError> {
    let state = AppState::new(args.config, Arc::new(SystemClock)).await?;
    let listener = tokio::net::TcpListener::bind(&args.listen).await?;
    let addr = listener.local_addr()?;
    let mut stdout = std::io::stdout();
    writeln!(stdout, "clerk-server listening on http://{addr}")?;
    stdout.flush()?;
    serve(build_router(state.clone()), listener, &state.config).await
}

fn main() -> std::process::ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("clerk-server: {message}");
            }
            eprintln!("{USAGE}");
            return std::process::ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("clerk-server: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match runtime.block_on(start(args)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            clerk_server::log::error(&format!("fatal: {e}"));
            std::process::ExitCode::FAILURE
        }
    }
}
