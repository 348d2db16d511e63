//! Byte offsets ↔ editor positions. Offsets stay bytes inside corroborate; columns are
//! converted here, at the edge, in the encoding the editor negotiated.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as LSP defines them. A position never falls
//! inside a character or between the `\r` and `\n` of a CRLF: offsets there move back to
//! the start of the character (or of the line end), and a column inside a UTF-16
//! surrogate pair or past the end of its line is read as the character's start or the
//! line's end. Nothing here panics on an offset or position that does not fit the text.

use std::ops::Range;

/// How an editor counts columns (LSP 3.17 `positionEncoding`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
}

/// 0-based line and column, the column counted in the chosen encoding's code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// Line starts of a text, for converting offsets to positions and back.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'\n' => line_starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line_starts.push(i + 1),
                _ => {}
            }
        }
        LineIndex { line_starts }
    }

    /// Number of lines (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Position of byte `offset` in `text` (the text this index was built from).
    pub fn position(&self, text: &str, offset: usize, encoding: PositionEncoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset > 0 && text.as_bytes()[offset - 1] == b'\r' && text[offset..].starts_with('\n') {
            offset -= 1; // between \r and \n: the line ends at the \r
        }
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.line_starts.get(line).copied().unwrap_or(0).min(offset);
        let prefix = text.get(start..offset).unwrap_or("");
        Position {
            line: line as u32,
            character: units(prefix, encoding) as u32,
        }
    }

    /// Byte offset of `pos`, clamped to the end of its line; `None` past the last line.
    pub fn offset(&self, text: &str, pos: Position, encoding: PositionEncoding) -> Option<usize> {
        let start = (*self.line_starts.get(pos.line as usize)?).min(text.len());
        let end = self
            .line_starts
            .get(pos.line as usize + 1)
            .copied()
            .unwrap_or(text.len())
            .clamp(start, text.len());
        let line = text.get(start..end)?;
        let content = line.trim_end_matches(['\n', '\r']);
        let wanted = pos.character as usize;
        let mut seen = 0usize;
        for (i, ch) in content.char_indices() {
            let next = seen + char_units(ch, encoding);
            if next > wanted {
                return Some(start + i);
            }
            seen = next;
        }
        Some(start + content.len())
    }

    /// Start and end positions of a byte range.
    pub fn range(
        &self,
        text: &str,
        byte_range: Range<usize>,
        encoding: PositionEncoding,
    ) -> (Position, Position) {
        (
            self.position(text, byte_range.start, encoding),
            self.position(text, byte_range.end.max(byte_range.start), encoding),
        )
    }
}

fn char_units(ch: char, encoding: PositionEncoding) -> usize {
    match encoding {
        PositionEncoding::Utf8 => ch.len_utf8(),
        PositionEncoding::Utf16 => ch.len_utf16(),
    }
}

fn units(s: &str, encoding: PositionEncoding) -> usize {
    match encoding {
        PositionEncoding::Utf8 => s.len(),
        PositionEncoding::Utf16 if s.is_ascii() => s.len(),
        PositionEncoding::Utf16 => s.chars().map(char::len_utf16).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PositionEncoding::{Utf16, Utf8};

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn columns_after_wide_characters() {
        // 😀 = 4 bytes, 2 UTF-16 units; 🇷🇺 = 8 bytes, 4 units; 日 = 3 bytes, 1 unit; é = 2 bytes
        let text = "a😀b\n🇷🇺c\n日本d\néx";
        let idx = LineIndex::new(text);
        let cases = [
            // (byte offset, utf8 position, utf16 position)
            (0, pos(0, 0), pos(0, 0)),
            (1, pos(0, 1), pos(0, 1)),
            (5, pos(0, 5), pos(0, 3)),  // b after 😀
            (6, pos(0, 6), pos(0, 4)),  // the \n
            (7, pos(1, 0), pos(1, 0)),  // 🇷🇺
            (11, pos(1, 4), pos(1, 2)), // between the two regional indicators
            (15, pos(1, 8), pos(1, 4)), // c
            (17, pos(2, 0), pos(2, 0)),
            (20, pos(2, 3), pos(2, 1)), // 本
            (23, pos(2, 6), pos(2, 2)), // d
            (25, pos(3, 0), pos(3, 0)),
            (27, pos(3, 2), pos(3, 1)), // x
            (28, pos(3, 3), pos(3, 2)), // end of text
        ];
        for (offset, p8, p16) in cases {
            assert_eq!(idx.position(text, offset, Utf8), p8, "utf8 at {offset}");
            assert_eq!(idx.position(text, offset, Utf16), p16, "utf16 at {offset}");
            assert_eq!(idx.offset(text, p8, Utf8), Some(offset), "utf8 back {p8:?}");
            assert_eq!(
                idx.offset(text, p16, Utf16),
                Some(offset),
                "utf16 back {p16:?}"
            );
        }
    }

    #[test]
    fn offsets_inside_a_character_move_to_its_start() {
        let text = "a😀b";
        let idx = LineIndex::new(text);
        for inside in 2..5 {
            assert_eq!(
                idx.position(text, inside, Utf16),
                pos(0, 1),
                "offset {inside}"
            );
            assert_eq!(
                idx.position(text, inside, Utf8),
                pos(0, 1),
                "offset {inside}"
            );
        }
        // a UTF-16 column between the surrogates of 😀 reads as the emoji's start
        assert_eq!(idx.offset(text, pos(0, 2), Utf16), Some(1));
        // a UTF-8 column inside the emoji's bytes likewise
        assert_eq!(idx.offset(text, pos(0, 3), Utf8), Some(1));
    }

    #[test]
    fn crlf_line_ends() {
        let text = "ab\r\ncd\r\n\r\nef";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.position(text, 2, Utf16), pos(0, 2)); // the \r
        assert_eq!(idx.position(text, 3, Utf16), pos(0, 2)); // between \r and \n
        assert_eq!(idx.position(text, 4, Utf16), pos(1, 0));
        assert_eq!(idx.position(text, 8, Utf16), pos(2, 0));
        assert_eq!(idx.position(text, 9, Utf16), pos(2, 0)); // between \r and \n
        assert_eq!(idx.position(text, 10, Utf16), pos(3, 0));
        assert_eq!(idx.position(text, 12, Utf16), pos(3, 2));
        // a column past the end stops before the \r, never between \r and \n
        assert_eq!(idx.offset(text, pos(0, 2), Utf16), Some(2));
        assert_eq!(idx.offset(text, pos(0, 3), Utf16), Some(2));
        assert_eq!(idx.offset(text, pos(0, 99), Utf16), Some(2));
        assert_eq!(idx.offset(text, pos(2, 5), Utf16), Some(8));
        assert_eq!(idx.offset(text, pos(3, 99), Utf16), Some(12));
        assert_eq!(idx.offset(text, pos(4, 0), Utf16), None);
    }

    #[test]
    fn lone_cr_and_trailing_newline() {
        let text = "ab\rcd\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.position(text, 3, Utf8), pos(1, 0));
        assert_eq!(idx.position(text, 6, Utf8), pos(2, 0));
        assert_eq!(idx.offset(text, pos(1, 1), Utf8), Some(4));
        assert_eq!(idx.offset(text, pos(2, 0), Utf8), Some(6));
        assert_eq!(idx.offset(text, pos(0, 9), Utf8), Some(2));
    }

    #[test]
    fn empty_text_and_out_of_range() {
        let idx = LineIndex::new("");
        assert_eq!(idx.position("", 0, Utf16), pos(0, 0));
        assert_eq!(idx.position("", 10, Utf16), pos(0, 0));
        assert_eq!(idx.offset("", pos(0, 5), Utf16), Some(0));
        assert_eq!(idx.offset("", pos(1, 0), Utf16), None);
        // a stale index on a shorter text must not panic
        let stale = LineIndex::new("line one\nline two\n");
        assert_eq!(stale.position("li", 15, Utf16), pos(0, 2));
        assert_eq!(stale.offset("li", pos(1, 3), Utf16), Some(2));
    }

    #[test]
    fn range_converts_both_ends() {
        let text = "# T\r\nRussia 🇷🇺 won. Next.";
        let idx = LineIndex::new(text);
        let start = text.find("Russia").unwrap();
        let end = text.find(" Next").unwrap();
        assert_eq!(
            idx.range(text, start..end, Utf16),
            (pos(1, 0), pos(1, 16)) // "Russia " 7 + flag 4 + " won." 5
        );
        assert_eq!(
            idx.range(text, start..end, Utf8),
            (pos(1, 0), pos(1, 20)) // 7 + 8 + 5
        );
    }

    #[test]
    fn round_trip_every_char_boundary() {
        let text = "é😀\r\n🇷🇺日\rx\n\n末";
        let idx = LineIndex::new(text);
        for enc in [Utf8, Utf16] {
            for (offset, _) in text.char_indices() {
                let p = idx.position(text, offset, enc);
                let back = idx.offset(text, p, enc);
                let expected = if text[..offset].ends_with('\r') && text[offset..].starts_with('\n')
                {
                    offset - 1
                } else {
                    offset
                };
                assert_eq!(back, Some(expected), "{enc:?} offset {offset} -> {p:?}");
            }
        }
    }
}
