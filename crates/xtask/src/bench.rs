//! `cargo xtask bench [...]`: the benchmark commands. Each prints Markdown tables ready for
//! BENCHMARKS.md; `bench` alone runs them all (size, compare, scale, browser) and prints the date
//! and load average first, since figures from a busy machine are not comparable.

use std::fs;

use crate::bench_compare::{bench_compare, Settings};
use crate::error::{Result, XtaskError};
use crate::process::stdout_of;

/// Full runs: wrk -d10s after a 2 s warm-up, two alternating runs per server.
const FULL: Settings = Settings {
    seconds: 10,
    warm_up: 2,
    rounds: 2,
    postgres: true,
};
/// Smoke runs to check the machinery: short and once.
const QUICK: Settings = Settings {
    seconds: 2,
    warm_up: 1,
    rounds: 1,
    postgres: true,
};

/// Runs `cargo xtask bench <words>`.
pub fn dispatch(words: &[&str]) -> Result<()> {
    if words.first() == Some(&"server") {
        let bench = crate::bench_server::ServerBench::parse(&words[1..])?;
        return crate::bench_server::bench_server(bench);
    }
    let quick = words.contains(&"--quick");
    let no_build = words.contains(&"--no-build");
    let mut settings = if quick { QUICK } else { FULL };
    if words.contains(&"--no-postgres") {
        settings.postgres = false;
    }
    let latencies = words.iter().find_map(|w| w.strip_prefix("--latency="));
    let known = ["--quick", "--no-build", "--no-postgres"];
    let is_known = |w: &&&str| known.contains(w) || w.starts_with("--latency=");
    if let Some(bad) = words.iter().skip(1).find(|w| !is_known(w)) {
        return Err(XtaskError::Usage(format!("unknown bench option `{bad}`")));
    }
    match words.first().copied() {
        None | Some("--quick" | "--no-build" | "--no-postgres") => {
            print_conditions();
            crate::bench_size::bench_size(no_build)?;
            bench_compare(settings)?;
            crate::bench_scale::bench_scale(quick)?;
            crate::bench_browser::bench_browser(true, latencies)
        }
        Some("size") => crate::bench_size::bench_size(no_build),
        Some("compare") => bench_compare(settings),
        Some("scale") => crate::bench_scale::bench_scale(quick),
        Some("browser") => crate::bench_browser::bench_browser(no_build, latencies),
        Some(other) => Err(XtaskError::Usage(format!("unknown benchmark `{other}`"))),
    }
}

/// The date, the machine's load average and core count, for the report's header.
pub fn print_conditions() {
    let date = stdout_of(std::process::Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]))
        .unwrap_or_default();
    let load = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "\nRun {date} on {cores} cores, load average {} at the start.",
        load.join(" ")
    );
}
