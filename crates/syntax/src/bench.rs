//! Throughput benchmark: tokens per second for tagging + parsing + NER (+ lemmas) over a
//! JSONL corpus, on one thread and on a rayon pool over documents; and model load time.
//! Tokenization (`Doc::from_article`) is done before timing starts.

use std::path::Path;
use std::time::Instant;

use annals_document::{Article, Doc};

use crate::SyntaxModel;

/// Benchmark results.
#[derive(Debug, Clone)]
pub struct BenchReport {
    /// Documents annotated.
    pub docs: usize,
    /// Tokens annotated.
    pub tokens: usize,
    /// Sentences annotated.
    pub sentences: usize,
    /// Median model load time in milliseconds.
    pub load_ms: f64,
    /// Best of the runs on one thread, tokens per second.
    pub one_thread_tokens_per_s: f64,
    /// Threads in the parallel run.
    pub threads: usize,
    /// Best of the runs on `threads` threads, tokens per second.
    pub parallel_tokens_per_s: f64,
    /// One thread, tokens per second of process CPU time (Linux; `None` elsewhere): the
    /// per-core speed even when other programs share the machine.
    pub one_thread_tokens_per_cpu_s: Option<f64>,
    /// The parallel run's tokens per second if each thread had a core of its own: tokens
    /// divided by (process CPU time / threads).
    pub parallel_tokens_per_cpu_s: Option<f64>,
    /// The machine the numbers came from: the CPU's model name and the number of CPUs.
    pub machine: String,
    /// Share of the machine's CPU time that the host of a virtual machine took for others
    /// (steal) while the runs were timed (Linux; `None` elsewhere): on a shared host, part
    /// of why the same build runs at different speeds.
    pub host_steal_share: Option<f64>,
}

/// Process CPU time (user + system) in seconds, from `/proc/self/stat` (Linux only).
pub fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields after the command: state is field 3, utime 14, stime 15 (1-based, man 5 proc).
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// The machine's CPU time so far, from `/proc/stat` (Linux only): `(stolen, total)` clock
/// ticks over all CPUs since boot.
fn machine_cpu_ticks() -> Option<(u64, u64)> {
    parse_cpu_ticks(&std::fs::read_to_string("/proc/stat").ok()?)
}

/// `(stolen, total)` ticks from the text of `/proc/stat`: its `cpu` line gives user, nice,
/// system, idle, iowait, irq, softirq and steal ticks, then guest ticks that user and nice
/// already count (man 5 proc). `None` when the line is missing, too short or not numbers.
fn parse_cpu_ticks(stat: &str) -> Option<(u64, u64)> {
    let line = stat
        .lines()
        .find(|l| l.split_whitespace().next() == Some("cpu"))?;
    let ticks: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let counted = ticks.get(..8)?;
    let total = counted
        .iter()
        .try_fold(0u64, |sum, &t| sum.checked_add(t))?;
    Some((counted[7], total))
}

/// The CPU's model name (from `/proc/cpuinfo` on Linux) and the number of CPUs.
pub fn machine_description() -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
                .map(|(_, name)| name.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string());
    let cpus = std::thread::available_parallelism().map_or(1, usize::from);
    format!("{model}, {cpus} CPUs")
}

/// Measures the share of the machine's CPU time that the host took for others (steal)
/// between [`HostSteal::start`] and [`HostSteal::share`], from `/proc/stat` (Linux only).
#[derive(Debug, Clone, Copy)]
pub struct HostSteal {
    before: Option<(u64, u64)>,
}

impl HostSteal {
    /// Start measuring now.
    pub fn start() -> HostSteal {
        HostSteal {
            before: machine_cpu_ticks(),
        }
    }

    /// The share of the machine's CPU time stolen since [`HostSteal::start`], in `0..=1`;
    /// `None` off Linux or when no tick has passed.
    pub fn share(&self) -> Option<f64> {
        steal_share(self.before, machine_cpu_ticks())
    }
}

/// Stolen ticks over all ticks between two `(stolen, total)` readings; `None` when either is
/// missing or no tick passed.
fn steal_share(before: Option<(u64, u64)>, after: Option<(u64, u64)>) -> Option<f64> {
    match (before, after) {
        (Some((steal_a, total_a)), Some((steal_b, total_b))) if total_b > total_a => {
            Some((steal_b.saturating_sub(steal_a) as f64 / (total_b - total_a) as f64).min(1.0))
        }
        _ => None,
    }
}

/// One line naming the machine (as [`machine_description`] gives it) and the share of its
/// CPU time the host took while the runs were timed (as [`HostSteal::share`] gives it).
pub fn machine_and_steal(machine: &str, steal: Option<f64>) -> String {
    let steal = steal.map_or_else(
        || "an unknown share".to_string(),
        |s| format!("{:.1}%", s * 100.0),
    );
    format!("{machine}; {steal} of its CPU time taken by the host (steal) during the runs")
}

impl BenchReport {
    /// A plain-text summary.
    pub fn summary(&self) -> String {
        let cpu = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.0}"));
        format!(
            "docs {}  sentences {}  tokens {}\nmodel load        {:8.1} ms\n1 thread          {:8.0} tokens/s   ({} tokens per CPU-second)\n{} threads         {:8.0} tokens/s   ({} tokens/s with a free core per thread)\nmachine           {}\n",
            self.docs,
            self.sentences,
            self.tokens,
            self.load_ms,
            self.one_thread_tokens_per_s,
            cpu(self.one_thread_tokens_per_cpu_s),
            self.threads,
            self.parallel_tokens_per_s,
            cpu(self.parallel_tokens_per_cpu_s),
            machine_and_steal(&self.machine, self.host_steal_share),
        )
    }
}

/// Read up to `limit` articles of a JSONL corpus into tokenized documents.
pub fn load_corpus(corpus: &Path, limit: Option<usize>) -> Result<Vec<Doc>, String> {
    let stream = annals_read::open(corpus, None, &annals_read::Defaults::default());
    let mut docs = Vec::new();
    for item in stream.take(limit.unwrap_or(usize::MAX)) {
        let article: Article = item.map_err(|e| e.to_string())?;
        docs.push(Doc::from_article(&article));
    }
    Ok(docs)
}

/// Run the benchmark: `runs` timed passes per setting (the best is kept), `threads` for the
/// parallel setting.
pub fn run(
    model_dir: &Path,
    corpus: &Path,
    limit: Option<usize>,
    runs: usize,
    threads: usize,
) -> Result<BenchReport, String> {
    let mut loads = Vec::new();
    let mut model = None;
    for _ in 0..5 {
        let t = Instant::now();
        let m = SyntaxModel::load(model_dir).map_err(|e| e.to_string())?;
        loads.push(t.elapsed().as_secs_f64() * 1000.0);
        model = Some(m);
    }
    let model = model.ok_or("no model")?;
    loads.sort_by(f64::total_cmp);
    let docs = load_corpus(corpus, limit)?;
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let runs = runs.max(1);
    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .map_err(|e| e.to_string())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
        .map_err(|e| e.to_string())?;
    let time = |pool: &rayon::ThreadPool, threads: usize| {
        let mut best = f64::MAX;
        let mut best_cpu: Option<f64> = None;
        for _ in 0..runs {
            let mut batch = docs.clone();
            let cpu_before = process_cpu_seconds();
            let t = Instant::now();
            pool.install(|| model.annotate_all(&mut batch));
            best = best.min(t.elapsed().as_secs_f64());
            if let (Some(a), Some(b)) = (cpu_before, process_cpu_seconds()) {
                let per_thread = (b - a) / threads as f64;
                best_cpu = Some(best_cpu.map_or(per_thread, |c: f64| c.min(per_thread)));
            }
            std::hint::black_box(&batch);
        }
        (
            tokens as f64 / best,
            best_cpu.filter(|&c| c > 0.0).map(|c| tokens as f64 / c),
        )
    };
    let steal = HostSteal::start();
    let (one, one_cpu) = time(&single, 1);
    let (parallel, parallel_cpu) = time(&pool, threads.max(1));
    let host_steal_share = steal.share();
    Ok(BenchReport {
        docs: docs.len(),
        tokens,
        sentences,
        load_ms: loads[loads.len() / 2],
        one_thread_tokens_per_s: one,
        threads: threads.max(1),
        parallel_tokens_per_s: parallel,
        one_thread_tokens_per_cpu_s: one_cpu,
        parallel_tokens_per_cpu_s: parallel_cpu,
        machine: machine_description(),
        host_steal_share,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn steal_share_is_the_stolen_part_of_the_ticks_between_readings() {
        assert_eq!(steal_share(Some((10, 100)), Some((40, 400))), Some(0.1));
        assert_eq!(steal_share(Some((10, 100)), Some((10, 100))), None);
        assert_eq!(steal_share(None, Some((10, 100))), None);
        assert_eq!(steal_share(Some((10, 100)), None), None);
        // A counter that went back (a reset) gives no negative share.
        assert_eq!(steal_share(Some((50, 100)), Some((40, 200))), Some(0.0));
    }

    #[test]
    fn cpu_ticks_are_read_from_the_cpu_line() {
        let stat = "cpu  100 5 50 800 10 0 5 30 0 0\ncpu0 50 2 25 400 5 0 2 15 0 0\nintr 1 2\n";
        assert_eq!(parse_cpu_ticks(stat), Some((30, 1000)));
    }

    #[test]
    fn cpu_ticks_need_a_whole_cpu_line() {
        assert_eq!(parse_cpu_ticks(""), None);
        assert_eq!(parse_cpu_ticks("cpu0 1 2 3 4 5 6 7 8\n"), None);
        assert_eq!(parse_cpu_ticks("cpu 1 2 3 4 5 6 7\n"), None);
        assert_eq!(parse_cpu_ticks("cpu 1 2 3 x 5 6 7 8\n"), None);
    }

    #[test]
    fn the_summary_names_the_machine_and_the_steal() {
        let report = BenchReport {
            docs: 1,
            tokens: 10,
            sentences: 1,
            load_ms: 1.0,
            one_thread_tokens_per_s: 10.0,
            threads: 2,
            parallel_tokens_per_s: 20.0,
            one_thread_tokens_per_cpu_s: None,
            parallel_tokens_per_cpu_s: None,
            machine: "Some CPU, 2 CPUs".to_string(),
            host_steal_share: Some(0.25),
        };
        assert!(
            report
                .summary()
                .contains("Some CPU, 2 CPUs; 25.0% of its CPU time")
        );
    }

    proptest! {
        #[test]
        fn any_text_gives_ticks_with_steal_within_the_total_or_none(text in "(cpu|cpu0)?( {1,2}[0-9x]{0,21}){0,12}\\n?.{0,40}") {
            if let Some((steal, total)) = parse_cpu_ticks(&text) {
                prop_assert!(steal <= total);
            }
        }

        #[test]
        fn any_cpu_line_of_eight_counters_is_read(ticks in proptest::collection::vec(0u64..1 << 40, 8..12)) {
            let line = format!("cpu {}\n", ticks.iter().map(u64::to_string).collect::<Vec<_>>().join(" "));
            prop_assert_eq!(parse_cpu_ticks(&line), Some((ticks[7], ticks[..8].iter().sum())));
        }
    }
}
