//! Turning wrk runs into Markdown tables for BENCHMARKS.md: several runs of one server summarized
//! (mean requests/s, median p50, worst p99, all errors), and each of our rows set against the
//! Better Auth row of the same scenario as a ratio.

use crate::bench_wrk::{millis, WrkFigures};

/// Several runs of one load, summarized.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Mean requests per second over the runs.
    pub requests_per_sec: f64,
    /// Median of the runs' p50, in ms.
    pub p50_ms: f64,
    /// Worst of the runs' p99, in ms.
    pub p99_ms: f64,
    /// Non-2xx answers plus socket errors (connect, read, write, 2 s timeouts) over all runs.
    pub non_2xx: u64,
    /// Number of runs.
    pub runs: usize,
}

/// One line of a comparison table.
#[derive(Debug, Clone)]
pub struct Row {
    /// The scenario (rows of one group are compared with each other).
    pub group: String,
    /// The server's name.
    pub server: String,
    /// The endpoint measured.
    pub endpoint: String,
    /// Whether this is the peer the ratios are taken against.
    pub peer: bool,
    /// The figures.
    pub figures: Summary,
}

/// Mean throughput, median p50, worst p99 and the sum of errors of `runs`.
pub fn summarize(runs: &[WrkFigures]) -> Summary {
    if runs.is_empty() {
        return Summary::default();
    }
    let mut p50: Vec<f64> = runs.iter().filter_map(|r| millis(&r.p50)).collect();
    p50.sort_by(f64::total_cmp);
    Summary {
        requests_per_sec: runs.iter().map(|r| r.requests_per_sec).sum::<f64>() / runs.len() as f64,
        p50_ms: p50.get(p50.len() / 2).copied().unwrap_or(0.0),
        p99_ms: runs
            .iter()
            .filter_map(|r| millis(&r.p99))
            .fold(0.0, f64::max),
        non_2xx: runs.iter().map(|r| r.non_2xx + r.socket_errors).sum(),
        runs: runs.len(),
    }
}

/// A latency in ms with sensible precision.
pub fn ms(v: f64) -> String {
    if v < 10.0 {
        format!("{v:.2} ms")
    } else {
        format!("{v:.0} ms")
    }
}

/// The Markdown table against Better Auth (the rows marked `peer`).
pub fn table(rows: &[Row]) -> String {
    table_against(rows, "Better Auth")
}

/// The Markdown table: one line per row, the other rows with `x` their/the peer's throughput
/// and p99 ratios; `peer_name` heads the ratio columns.
pub fn table_against(rows: &[Row], peer_name: &str) -> String {
    let mut out = format!(
        "| scenario | server | endpoint | req/s | p50 | p99 | errors | req/s vs {peer_name} | p99 vs {peer_name} |\n\
         |---|---|---|---:|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let peer = rows.iter().find(|p| p.peer && p.group == r.group);
        let (speed, p99) = match peer {
            Some(p) if !r.peer && p.figures.requests_per_sec > 0.0 && r.figures.p99_ms > 0.0 => (
                format!(
                    "{:.1}x",
                    r.figures.requests_per_sec / p.figures.requests_per_sec
                ),
                format!("{:.1}x lower", p.figures.p99_ms / r.figures.p99_ms),
            ),
            _ => ("—".to_string(), "—".to_string()),
        };
        let f = &r.figures;
        out += &format!(
            "| {} | {} | `{}` | {:.0} | {} | {} | {} | {} | {} |\n",
            r.group,
            r.server,
            r.endpoint,
            f.requests_per_sec,
            ms(f.p50_ms),
            ms(f.p99_ms),
            f.non_2xx,
            speed,
            p99
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(rps: f64, p50: &str, p99: &str, non_2xx: u64) -> WrkFigures {
        WrkFigures {
            requests_per_sec: rps,
            p50: p50.into(),
            p99: p99.into(),
            non_2xx,
            socket_errors: 0,
        }
    }

    #[test]
    fn runs_summarize_to_mean_throughput_median_p50_and_worst_p99() {
        let s = summarize(&[
            run(100.0, "1.00ms", "3.00ms", 0),
            run(300.0, "2.00ms", "9.00ms", 2),
            run(200.0, "500.00us", "4.00ms", 1),
        ]);
        assert_eq!(s.requests_per_sec, 200.0);
        assert_eq!(s.p50_ms, 1.0);
        assert_eq!(s.p99_ms, 9.0);
        assert_eq!(s.non_2xx, 3);
        assert_eq!(s.runs, 3);
    }

    #[test]
    fn our_rows_get_ratios_against_the_peer_of_their_scenario() {
        let row = |server: &str, peer, rps, p99| Row {
            group: "read".into(),
            server: server.into(),
            endpoint: "GET /x".into(),
            peer,
            figures: Summary {
                requests_per_sec: rps,
                p50_ms: 1.0,
                p99_ms: p99,
                non_2xx: 0,
                runs: 1,
            },
        };
        let text = table(&[
            row("ours", false, 20000.0, 2.0),
            row("theirs", true, 1000.0, 50.0),
        ]);
        let ours = text.lines().find(|l| l.contains("| ours |")).unwrap();
        assert!(ours.contains("| 20.0x | 25.0x lower |"), "{ours}");
        let theirs = text.lines().find(|l| l.contains("| theirs |")).unwrap();
        assert!(theirs.ends_with("| — | — |"), "{theirs}");
    }
}
