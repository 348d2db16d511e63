//! Resident memory and CPU time of this process, from /proc/self (Linux). Elsewhere every
//! reading is `None` and the benchmark says so instead of guessing.

use std::time::Duration;

/// Clock ticks per second of /proc/self/stat's times: 100 on every Linux the kernel's
/// USER_HZ has been left at (all mainstream distributions).
const TICKS_PER_SECOND: u64 = 100;

/// Resident set size now, in bytes (VmRSS).
pub fn resident() -> Option<u64> {
    status_kib("VmRSS:").map(|k| k * 1024)
}

/// Highest resident set size since start or the last [`reset_peak`], in bytes (VmHWM).
pub fn peak() -> Option<u64> {
    status_kib("VmHWM:").map(|k| k * 1024)
}

/// Resets VmHWM to the current RSS so the next [`peak`] covers only what follows. Returns
/// false where the kernel does not allow it (the peak then covers the whole run).
pub fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// User plus system CPU time of all threads of this process so far (10 ms resolution).
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    parse_cpu_ticks(&stat).map(|ticks| Duration::from_millis(ticks * 1000 / TICKS_PER_SECOND))
}

/// utime + stime: fields 14 and 15, counted after the command name, which is in
/// parentheses and may itself hold spaces.
fn parse_cpu_ticks(stat: &str) -> Option<u64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // after_name starts at field 3 (state); utime is field 14, stime field 15.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_kib(&status, field)
}

fn parse_kib(status: &str, field: &str) -> Option<u64> {
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_status_lines() {
        let status = "Name:\tx\nVmHWM:\t   12345 kB\nVmRSS:\t    678 kB\n";
        assert_eq!(parse_kib(status, "VmHWM:"), Some(12345));
        assert_eq!(parse_kib(status, "VmRSS:"), Some(678));
        assert_eq!(parse_kib(status, "VmSwap:"), None);
    }

    #[test]
    fn parses_cpu_ticks_after_a_name_with_spaces() {
        let stat = "4242 (my (odd) prog) R 1 2 3 4 5 6 7 8 9 10 250 31 0 0 20 0 3";
        assert_eq!(parse_cpu_ticks(stat), Some(281));
        assert_eq!(parse_cpu_ticks("garbage"), None);
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn cpu_time_grows_with_work() {
        let before = cpu_time().expect("/proc/self/stat on Linux");
        let started = std::time::Instant::now();
        let mut x = 0u64;
        while started.elapsed() < Duration::from_millis(300) {
            x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
        }
        let after = cpu_time().expect("/proc/self/stat on Linux");
        // 300 ms of spinning on a loaded machine still gets well over 50 ms of CPU.
        assert!(
            after >= before + Duration::from_millis(50),
            "{before:?} → {after:?}"
        );
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn touching_memory_raises_resident_size() {
        let before = resident().expect("VmRSS on Linux");
        // black_box: an optimised build would otherwise never make the unused block.
        let block = std::hint::black_box(vec![1u8; 128 << 20]);
        let after = resident().expect("VmRSS on Linux");
        assert!(after >= before + (96 << 20), "{before} → {after}");
        assert!(peak().expect("VmHWM on Linux") >= after);
        drop(block);
    }
}
