//! corroborate's plain data → LSP types. Offsets are bytes inside corroborate; here they
//! become positions in the encoding the client negotiated.

use std::ops::Range;
use std::path::Path;

use tower_lsp::lsp_types::{self as lsp, DiagnosticSeverity, Url};

use crate::config::Severity;
use crate::text::{LineIndex, PositionEncoding};

/// A text with its line index: everything needed to turn byte offsets into positions.
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: PositionEncoding,
}

impl Lines<'_> {
    /// Offsets inside a character or past the end are fine: [`LineIndex`] moves them back
    /// (a source file may have changed on disk since it was indexed).
    pub fn position(&self, offset: usize) -> lsp::Position {
        let p = self.index.position(self.text, offset, self.encoding);
        lsp::Position::new(p.line, p.character)
    }

    pub fn range(&self, bytes: Range<usize>) -> lsp::Range {
        lsp::Range::new(self.position(bytes.start), self.position(bytes.end))
    }
}

pub fn encoding(encoding: PositionEncoding) -> lsp::PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => lsp::PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => lsp::PositionEncodingKind::UTF16,
    }
}

/// `None` for `off`: no diagnostic at all.
pub fn severity(severity: Severity) -> Option<DiagnosticSeverity> {
    match severity {
        Severity::Off => None,
        Severity::Hint => Some(DiagnosticSeverity::HINT),
        Severity::Information => Some(DiagnosticSeverity::INFORMATION),
        Severity::Warning => Some(DiagnosticSeverity::WARNING),
        Severity::Error => Some(DiagnosticSeverity::ERROR),
    }
}

pub fn file_url(path: &Path) -> Option<Url> {
    Url::from_file_path(path).ok()
}

/// `file:///path#L12`: a link most editors and Markdown viewers open at that line.
pub fn file_url_at_line(path: &Path, line: u32) -> Option<Url> {
    let mut url = file_url(path)?;
    url.set_fragment(Some(&format!("L{line}")));
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(text: &str, bytes: Range<usize>, encoding: PositionEncoding) -> (u32, u32, u32, u32) {
        let index = LineIndex::new(text);
        let r = Lines {
            text,
            index: &index,
            encoding,
        }
        .range(bytes);
        (r.start.line, r.start.character, r.end.line, r.end.character)
    }

    #[test]
    fn ranges_after_emoji_flags_cjk_and_crlf() {
        let text = "😀 🇺🇸 中文 x.\r\nNext 😀 y.";
        let x = text.find('x').unwrap();
        assert_eq!(
            range(text, x..x + 2, PositionEncoding::Utf16),
            (0, 11, 0, 13)
        );
        assert_eq!(
            range(text, x..x + 2, PositionEncoding::Utf8),
            (0, x as u32, 0, x as u32 + 2)
        );
        let y = text.find('y').unwrap();
        assert_eq!(
            range(text, y..y + 2, PositionEncoding::Utf16),
            (1, 8, 1, 10)
        );
        assert_eq!(
            range(text, y..y + 2, PositionEncoding::Utf8),
            (1, 10, 1, 12)
        );
    }

    #[test]
    fn offsets_inside_a_character_or_past_the_end_do_not_panic() {
        let text = "é😀";
        assert_eq!(range(text, 1..3, PositionEncoding::Utf16), (0, 0, 0, 1));
        assert_eq!(range(text, 0..99, PositionEncoding::Utf16), (0, 0, 0, 3));
    }

    #[test]
    fn line_links() {
        let url = file_url_at_line(Path::new("/corpus/a b.txt"), 12).unwrap();
        assert_eq!(url.as_str(), "file:///corpus/a%20b.txt#L12");
    }
}
