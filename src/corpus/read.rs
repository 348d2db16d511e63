//! A source file's bytes → its text, or the reason it is not a text source.

use std::path::Path;

/// The text of the file at `path`, or why it cannot be a source: unreadable, binary (a NUL
/// byte), or not UTF-8 (with the offset of the first bad byte).
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read file: {e}"))?;
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at offset {at}); skipped"));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 (invalid byte at offset {}); skipped",
            e.utf8_error().valid_up_to()
        )
    })
}
