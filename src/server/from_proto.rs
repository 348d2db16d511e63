//! LSP types → corroborate's plain data: positions become byte offsets, URIs paths, and
//! the client's capabilities the few facts the server acts on.

use std::path::PathBuf;

use tower_lsp::lsp_types::{self as lsp, ClientCapabilities, MarkupKind, Url};

use crate::text::{LineIndex, Position, PositionEncoding};

/// The byte offset of an LSP position in `text`; past-the-end columns clamp to the line's end.
pub fn offset(
    text: &str,
    index: &LineIndex,
    pos: lsp::Position,
    encoding: PositionEncoding,
) -> Option<usize> {
    let pos = Position {
        line: pos.line,
        character: pos.character,
    };
    index.offset(text, pos, encoding)
}

pub fn path(uri: &Url) -> Option<PathBuf> {
    if uri.scheme() == "file" {
        uri.to_file_path().ok()
    } else {
        None
    }
}

/// UTF-8 when the client offers it (fewer conversions, same answers), else UTF-16, which
/// every client must support.
pub fn negotiate_encoding(caps: &ClientCapabilities) -> PositionEncoding {
    let offered = caps
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(kinds) if kinds.contains(&lsp::PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
        _ => PositionEncoding::Utf16,
    }
}

/// What the server needs to know about the client, read once at `initialize`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientSupport {
    pub markdown_hover: bool,
    pub work_done_progress: bool,
    pub configuration_pull: bool,
    pub configuration_registration: bool,
    pub watched_files_registration: bool,
    pub relative_patterns: bool,
    pub document_changes: bool,
}

impl ClientSupport {
    pub fn from(caps: &ClientCapabilities) -> ClientSupport {
        let text = caps.text_document.as_ref();
        let workspace = caps.workspace.as_ref();
        let watched = workspace.and_then(|w| w.did_change_watched_files.as_ref());
        ClientSupport {
            markdown_hover: text
                .and_then(|t| t.hover.as_ref())
                .and_then(|h| h.content_format.as_ref())
                .is_some_and(|f| f.contains(&MarkupKind::Markdown)),
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            configuration_pull: workspace.and_then(|w| w.configuration).unwrap_or(false),
            configuration_registration: workspace
                .and_then(|w| w.did_change_configuration.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            watched_files_registration: watched
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            relative_patterns: watched
                .and_then(|w| w.relative_pattern_support)
                .unwrap_or(false),
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp::lsp_types::GeneralClientCapabilities;

    fn offering(kinds: Option<Vec<lsp::PositionEncodingKind>>) -> ClientCapabilities {
        ClientCapabilities {
            general: Some(GeneralClientCapabilities {
                position_encodings: kinds,
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn utf8_only_when_offered() {
        use lsp::PositionEncodingKind as K;
        assert_eq!(
            negotiate_encoding(&ClientCapabilities::default()),
            PositionEncoding::Utf16
        );
        assert_eq!(negotiate_encoding(&offering(None)), PositionEncoding::Utf16);
        assert_eq!(
            negotiate_encoding(&offering(Some(vec![K::UTF16, K::UTF8]))),
            PositionEncoding::Utf8
        );
        assert_eq!(
            negotiate_encoding(&offering(Some(vec![K::UTF32, K::UTF16]))),
            PositionEncoding::Utf16
        );
    }

    #[test]
    fn positions_to_offsets_clamp() {
        let text = "a😀b\r\nc";
        let index = LineIndex::new(text);
        let at = |l, c| {
            offset(
                text,
                &index,
                lsp::Position::new(l, c),
                PositionEncoding::Utf16,
            )
        };
        assert_eq!(at(0, 3), Some(5));
        assert_eq!(at(0, 40), Some(6));
        assert_eq!(at(1, 1), Some(9));
        assert_eq!(at(5, 0), None);
    }
}
