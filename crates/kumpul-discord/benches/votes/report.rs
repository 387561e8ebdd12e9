//! Rounds into figures: each sample's votes per second, latency p50 / p99 and where the
//! CPU went; across samples the median and the spread (lowest – highest), beside the
//! physical limit measured in the same run.

use std::time::{Duration, Instant};

use crate::raw;
use crate::voters::Round;

/// CPU time used so far by the whole process and by the calling thread.
fn cpu_times() -> (Duration, Duration) {
    (rusage(libc::RUSAGE_SELF), rusage(libc::RUSAGE_THREAD))
}

fn rusage(who: libc::c_int) -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the whole struct it is given; zeroed is a valid rusage, so
    // even a failed call leaves it initialised.
    let usage = unsafe {
        libc::getrusage(who, usage.as_mut_ptr());
        usage.assume_init()
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// Where a sample's CPU went: started on the thread that runs the fake Discord and the
/// voters (the "Discord side"), so its own CPU time is the fake's and the voters' alone.
pub struct CpuClock {
    process: Duration,
    discord: Duration,
    wall: Instant,
}

/// A sample's CPU use, in seconds.
#[derive(Clone, Copy)]
pub struct Cpu {
    /// The whole process.
    pub process: f64,
    /// The Discord side's thread alone (the fake and the voters).
    pub discord: f64,
    pub wall: f64,
}

impl CpuClock {
    /// Call on the Discord side's thread.
    pub fn start() -> CpuClock {
        let (process, discord) = cpu_times();
        CpuClock {
            process,
            discord,
            wall: Instant::now(),
        }
    }

    pub fn stop(self) -> Cpu {
        let (process, discord) = cpu_times();
        Cpu {
            process: (process - self.process).as_secs_f64(),
            discord: (discord - self.discord).as_secs_f64(),
            wall: self.wall.elapsed().as_secs_f64(),
        }
    }
}

/// One sample's figures.
pub struct Sample {
    pub votes_per_s: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Cores busy on average (the machine has 2).
    pub cores: f64,
    /// The Discord side's share of the process's CPU time, in percent.
    pub discord_share: f64,
    /// How busy the Discord side's one thread was, in percent: near 100, the fake would
    /// be what limits the rate.
    pub discord_busy: f64,
    /// CPU time per vote of the Discord side and of the rest (kumpul), in microseconds.
    pub discord_us: f64,
    pub kumpul_us: f64,
}

fn percentile_ms(sorted: &[Duration], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)].as_secs_f64() * 1_000.0
}

impl Sample {
    pub fn of(round: &Round, cpu: Cpu) -> Sample {
        let mut sorted = round.latencies.clone();
        sorted.sort();
        let votes = round.latencies.len() as f64;
        Sample {
            votes_per_s: votes / round.wall.as_secs_f64(),
            p50_ms: percentile_ms(&sorted, 0.50),
            p99_ms: percentile_ms(&sorted, 0.99),
            cores: cpu.process / cpu.wall,
            discord_share: 100.0 * cpu.discord / cpu.process.max(f64::MIN_POSITIVE),
            discord_busy: 100.0 * cpu.discord / cpu.wall,
            discord_us: 1e6 * cpu.discord / votes,
            kumpul_us: 1e6 * (cpu.process - cpu.discord) / votes,
        }
    }
}

/// One measured case: kumpul's samples and the limit's, with how to name them.
pub struct Scenario {
    pub backend: &'static str,
    pub at_once: u64,
    pub write: raw::Write,
    pub limit_name: String,
    /// Through Discord: from the dispatch to the fake receiving the answer.
    pub samples: Vec<Sample>,
    /// The same votes in kumpul's core alone (the adapter's invocation, no Discord).
    pub core: Vec<Sample>,
    pub limit: Vec<f64>,
}

/// "812 (780–840)": the median and the spread of `values`.
fn spread(values: &[f64], decimals: usize) -> String {
    let (median, low, high) = raw::summary(values);
    format!("{median:.decimals$} ({low:.decimals$}–{high:.decimals$})")
}

impl Scenario {
    fn of(&self, figure: impl Fn(&Sample) -> f64) -> Vec<f64> {
        self.samples.iter().map(figure).collect()
    }

    fn of_core(&self, figure: impl Fn(&Sample) -> f64) -> Vec<f64> {
        self.core.iter().map(figure).collect()
    }

    /// kumpul's median rate divided by the limit's median rate.
    pub fn ratio(&self) -> f64 {
        raw::summary(&self.of(|s| s.votes_per_s)).0 / raw::summary(&self.limit).0
    }

    pub fn title(&self) -> String {
        let write = match self.write {
            raw::Write::Insert => "first votes (inserts)",
            raw::Write::Replace => "changed votes (replacements)",
        };
        let voters = match self.at_once {
            1 => "1 voter at a time".to_owned(),
            n => format!("{n} voters at once"),
        };
        format!("{}, {voters}, {write}", self.backend)
    }

    /// The figures as lines for the terminal.
    pub fn print(&self) {
        println!("{}", self.title());
        println!(
            "  kumpul through Discord: {} votes/s; latency p50 {} ms, p99 {} ms",
            spread(&self.of(|s| s.votes_per_s), 0),
            spread(&self.of(|s| s.p50_ms), 1),
            spread(&self.of(|s| s.p99_ms), 1),
        );
        println!(
            "  kumpul's core alone (no Discord): {} votes/s; latency p50 {} ms, p99 {} ms; \
             CPU per vote {} µs",
            spread(&self.of_core(|s| s.votes_per_s), 0),
            spread(&self.of_core(|s| s.p50_ms), 1),
            spread(&self.of_core(|s| s.p99_ms), 1),
            spread(&self.of_core(|s| s.kumpul_us), 0),
        );
        println!("  {}: {} /s", self.limit_name, spread(&self.limit, 0));
        println!(
            "  ratio {:.2}; CPU: {} cores busy; the fake Discord and its voters: {} % of that, \
             their thread {} % busy; CPU per vote: fake {} µs, kumpul {} µs",
            self.ratio(),
            spread(&self.of(|s| s.cores), 2),
            spread(&self.of(|s| s.discord_share), 0),
            spread(&self.of(|s| s.discord_busy), 0),
            spread(&self.of(|s| s.discord_us), 0),
            spread(&self.of(|s| s.kumpul_us), 0),
        );
    }

    /// One row of the Markdown table in BENCHMARKS.md.
    pub fn row(&self) -> String {
        format!(
            "| {} | {} | {} | {} | {} | {} | **{:.2}** | {} % (thread {} % busy) |",
            self.title(),
            spread(&self.of(|s| s.votes_per_s), 0),
            spread(&self.of_core(|s| s.votes_per_s), 0),
            spread(&self.of(|s| s.p50_ms), 1),
            spread(&self.of(|s| s.p99_ms), 1),
            spread(&self.limit, 0),
            self.ratio(),
            spread(&self.of(|s| s.discord_share), 0),
            spread(&self.of(|s| s.discord_busy), 0),
        )
    }
}

/// The Markdown table of every scenario.
pub fn table(scenarios: &[Scenario]) {
    println!(
        "| median (lowest–highest) of the samples | votes/s | core alone votes/s | p50 ms | p99 ms | limit /s | ratio | fake Discord's share of the CPU |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for scenario in scenarios {
        println!("{}", scenario.row());
    }
}
