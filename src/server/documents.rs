//! The drafts the editor has open, held in ropes and edited incrementally.
//!
//! Edits are applied by [`super::ordered`] in the exact order the transport read them, so
//! the text here is always the editor's. Everything else reads immutable [`Snapshot`]s.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use tower_lsp::lsp_types::{
    DidChangeTextDocumentParams, DidOpenTextDocumentParams, Position,
    TextDocumentContentChangeEvent, Url,
};

use crate::text::PositionEncoding;

/// One open draft.
struct Document {
    rope: Rope,
    version: i32,
    /// The rope as one string, built at most once per version.
    text: Option<Arc<str>>,
}

/// A draft as it was at one version; cheap to clone and to send to the blocking pool.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub uri: Url,
    pub version: i32,
    pub text: Arc<str>,
}

/// Every open draft, by URI.
#[derive(Default)]
pub struct Documents {
    open: Mutex<HashMap<Url, Document>>,
    encoding: Mutex<PositionEncoding>,
}

impl Documents {
    fn lock(&self) -> MutexGuard<'_, HashMap<Url, Document>> {
        // A panic while holding the lock cannot leave a half-applied edit behind (ropey edits
        // are whole), so a poisoned lock is still good data.
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set_encoding(&self, encoding: PositionEncoding) {
        *self.encoding.lock().unwrap_or_else(|p| p.into_inner()) = encoding;
    }

    pub fn encoding(&self) -> PositionEncoding {
        *self.encoding.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.lock().insert(
            doc.uri,
            Document {
                rope: Rope::from_str(&doc.text),
                version: doc.version,
                text: None,
            },
        );
    }

    /// Applies the changes in order. Unknown documents are ignored (the client never opened
    /// them, or closed them first).
    pub fn change(&self, params: DidChangeTextDocumentParams) {
        let encoding = self.encoding();
        let mut open = self.lock();
        let Some(doc) = open.get_mut(&params.text_document.uri) else {
            return;
        };
        for change in &params.content_changes {
            apply(&mut doc.rope, change, encoding);
        }
        doc.version = params.text_document.version;
        doc.text = None;
    }

    pub fn close(&self, uri: &Url) {
        self.lock().remove(uri);
    }

    pub fn snapshot(&self, uri: &Url) -> Option<Snapshot> {
        let mut open = self.lock();
        let doc = open.get_mut(uri)?;
        let text = doc
            .text
            .get_or_insert_with(|| Arc::from(doc.rope.to_string()))
            .clone();
        Some(Snapshot {
            uri: uri.clone(),
            version: doc.version,
            text,
        })
    }

    pub fn version(&self, uri: &Url) -> Option<i32> {
        self.lock().get(uri).map(|d| d.version)
    }

    pub fn uris(&self) -> Vec<Url> {
        self.lock().keys().cloned().collect()
    }
}

/// Applies one content change: a range replaced, or the whole text when no range is given.
fn apply(rope: &mut Rope, change: &TextDocumentContentChangeEvent, encoding: PositionEncoding) {
    match change.range {
        None => *rope = Rope::from_str(&change.text),
        Some(range) => {
            let start = char_index(rope, range.start, encoding);
            let end = char_index(rope, range.end, encoding).max(start);
            rope.remove(start..end);
            rope.insert(start, &change.text);
        }
    }
}

/// The rope's char index at an LSP position. As the protocol asks, a column past the end of
/// its line means the end of the line, and a line past the end means the end of the text.
fn char_index(rope: &Rope, pos: Position, encoding: PositionEncoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let mut index = rope.line_to_char(line);
    let mut units = 0usize;
    for ch in rope.line(line).chars() {
        if units >= pos.character as usize || ch == '\n' || ch == '\r' {
            break;
        }
        units += match encoding {
            PositionEncoding::Utf8 => ch.len_utf8(),
            PositionEncoding::Utf16 => ch.len_utf16(),
        };
        index += 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::{Range, TextDocumentItem, VersionedTextDocumentIdentifier};

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.into(),
        }
    }

    fn after(
        text: &str,
        encoding: PositionEncoding,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) -> String {
        let docs = Documents::default();
        docs.set_encoding(encoding);
        let uri = Url::parse("file:///draft.md").unwrap();
        docs.open(DidOpenTextDocumentParams {
            text_document: TextDocumentItem::new(uri.clone(), "markdown".into(), 1, text.into()),
        });
        docs.change(DidChangeTextDocumentParams {
            text_document: VersionedTextDocumentIdentifier::new(uri.clone(), 2),
            content_changes: changes,
        });
        let snap = docs.snapshot(&uri).unwrap();
        assert_eq!(snap.version, 2);
        snap.text.to_string()
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        // 😀 is 2 UTF-16 units, 4 UTF-8 bytes; 🇺🇸 is two regional indicators (4 units).
        let text = "a😀b🇺🇸c 中文d";
        assert_eq!(
            after(text, PositionEncoding::Utf16, vec![edit(0, 3, 0, 4, "B")]),
            "a😀B🇺🇸c 中文d"
        );
        assert_eq!(
            after(text, PositionEncoding::Utf16, vec![edit(0, 8, 0, 9, "C")]),
            "a😀b🇺🇸C 中文d"
        );
        assert_eq!(
            after(text, PositionEncoding::Utf16, vec![edit(0, 12, 0, 13, "D")]),
            "a😀b🇺🇸c 中文D"
        );
    }

    #[test]
    fn utf8_columns_count_bytes() {
        let text = "a😀b🇺🇸c 中文d";
        assert_eq!(
            after(text, PositionEncoding::Utf8, vec![edit(0, 5, 0, 6, "B")]),
            "a😀B🇺🇸c 中文d"
        );
        assert_eq!(
            after(text, PositionEncoding::Utf8, vec![edit(0, 22, 0, 23, "D")]),
            "a😀b🇺🇸c 中文D"
        );
    }

    #[test]
    fn crlf_and_lone_cr_end_lines_as_lsp_says() {
        let text = "one\r\ntwo\rthree\nfour";
        assert_eq!(
            after(text, PositionEncoding::Utf16, vec![edit(1, 0, 1, 3, "2")]),
            "one\r\n2\rthree\nfour"
        );
        assert_eq!(
            after(text, PositionEncoding::Utf16, vec![edit(2, 0, 2, 5, "3")]),
            "one\r\ntwo\r3\nfour"
        );
        // a column past the end of a line stops before its line break
        assert_eq!(
            after(text, PositionEncoding::Utf16, vec![edit(0, 99, 0, 99, "!")]),
            "one!\r\ntwo\rthree\nfour"
        );
    }

    #[test]
    fn changes_apply_in_order_and_full_replacement_resets() {
        let changes = vec![
            edit(0, 0, 0, 0, "x"),
            edit(0, 1, 0, 1, "y"),
            TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new\n".into(),
            },
            edit(1, 0, 1, 0, "end"),
        ];
        assert_eq!(after("old", PositionEncoding::Utf16, changes), "new\nend");
        assert_eq!(
            after("ab", PositionEncoding::Utf16, vec![edit(9, 9, 9, 9, "!")]),
            "ab!"
        );
    }
}
