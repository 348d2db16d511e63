//! Resident memory of this process, from /proc/self/status (Linux). Elsewhere every reading
//! is `None` and the benchmark says so instead of guessing.

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
    #[cfg(target_os = "linux")]
    fn touching_memory_raises_resident_size() {
        let before = resident().expect("VmRSS on Linux");
        let block = vec![1u8; 128 << 20];
        let after = resident().expect("VmRSS on Linux");
        assert!(after >= before + (96 << 20), "{before} → {after}");
        assert!(peak().expect("VmHWM on Linux") >= after);
        drop(block);
    }
}
