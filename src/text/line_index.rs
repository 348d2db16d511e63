//! Byte offsets ↔ editor positions. Offsets stay bytes inside corroborate; columns are
//! converted here, at the edge, in the encoding the editor negotiated.

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
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// Position of byte `offset` in `text` (the text this index was built from).
    pub fn position(&self, text: &str, offset: usize, encoding: PositionEncoding) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let prefix = &text[start..offset];
        let character = match encoding {
            PositionEncoding::Utf8 => prefix.len(),
            PositionEncoding::Utf16 => prefix.encode_utf16().count(),
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    /// Byte offset of `pos`, clamped to the end of its line; `None` past the last line.
    pub fn offset(&self, text: &str, pos: Position, encoding: PositionEncoding) -> Option<usize> {
        let start = *self.line_starts.get(pos.line as usize)?;
        let end = self
            .line_starts
            .get(pos.line as usize + 1)
            .copied()
            .unwrap_or(text.len());
        let line = &text[start..end];
        let mut units = 0usize;
        for (i, ch) in line.char_indices() {
            if units >= pos.character as usize
                || ch == '\n'
                || (ch == '\r' && line[i..].starts_with("\r\n"))
            {
                return Some(start + i);
            }
            units += match encoding {
                PositionEncoding::Utf8 => ch.len_utf8(),
                PositionEncoding::Utf16 => ch.len_utf16(),
            };
        }
        Some(end)
    }
}
