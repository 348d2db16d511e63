//! HTML sources → lines of text. Scripts, styles and comments go; block tags end a line;
//! other tags vanish; line breaks in the source are only spaces. `<title>` and a few
//! `<meta>` tags give metadata. Entities are decoded later, with the other scrape residue.

use std::sync::LazyLock;

use regex::Regex;

use super::clean::{emoji_alt, is_block_tag};
use super::mapped::{Builder, Mapped};
use super::SourceMeta;

/// Elements whose content is not text for a reader.
const HIDDEN: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas",
];

static ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
        .expect("attribute regex")
});

/// The text of `orig` with a line break for every block boundary, and the metadata its head
/// declares.
pub fn to_text(orig: &str) -> (Mapped, SourceMeta) {
    let src = Mapped::identity(orig);
    let lower = orig.to_ascii_lowercase();
    let bytes = orig.as_bytes();
    let mut b = Builder::default();
    let mut meta = SourceMeta::default();
    let mut og_title = None;
    let mut pos = 0;
    let mut text_start = 0;
    while pos < bytes.len() {
        if bytes[pos] != b'<' {
            pos += 1;
            continue;
        }
        let rest = &lower[pos..];
        let skip_to = if rest.starts_with("<!--") {
            Some(find_after(&lower, pos + 4, "-->"))
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            Some(find_after(&lower, pos, ">"))
        } else {
            None
        };
        if let Some(to) = skip_to {
            text(&mut b, &src, text_start..pos);
            pos = to;
            text_start = pos;
            continue;
        }
        let closing = bytes.get(pos + 1) == Some(&b'/');
        let name_start = pos + 1 + usize::from(closing);
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // a lone `<` is text
            pos += 1;
            continue;
        }
        let name = &lower[name_start..name_start + name_len];
        let Some(tag_end) = tag_end(bytes, name_start + name_len) else {
            break;
        };
        text(&mut b, &src, text_start..pos);
        let tag = &orig[pos..tag_end];
        let mut next = tag_end;
        if !closing && HIDDEN.contains(&name) {
            next = element_end(&lower, tag_end, name);
        } else if !closing && name == "title" {
            let inner_end = lower[tag_end..]
                .find("</title")
                .map_or(orig.len(), |i| tag_end + i);
            let title = collapse(&html_escape::decode_html_entities(
                &orig[tag_end..inner_end],
            ));
            if meta.title.is_none() && !title.is_empty() {
                meta.title = Some(title);
            }
            next = element_end(&lower, tag_end, name);
        } else if name == "meta" || name == "link" {
            read_meta(tag, &mut meta, &mut og_title);
        } else if name == "img" {
            if let Some(alt) = attr(tag, "alt") {
                if let Some(emoji) = emoji_alt(&alt) {
                    b.text(emoji, pos..tag_end);
                }
            }
        } else if is_block_tag(name) {
            b.text("\n", pos..tag_end);
        }
        pos = next;
        text_start = pos;
    }
    text(&mut b, &src, text_start..orig.len());
    if og_title.is_some() {
        meta.title = og_title;
    }
    (b.finish(), meta)
}

/// Text between tags: kept as is, but a line break in the source is only a space.
fn text(b: &mut Builder, src: &Mapped, range: std::ops::Range<usize>) {
    let s = src.as_str();
    let mut from = range.start;
    for (i, c) in s[range.clone()].char_indices() {
        if c == '\n' || c == '\r' {
            let at = range.start + i;
            b.keep(src, from..at);
            b.text(" ", at..at + 1);
            from = at + 1;
        }
    }
    b.keep(src, from..range.end);
}

/// Just past the first `needle` at or after `from`, or the end of the text.
fn find_after(lower: &str, from: usize, needle: &str) -> usize {
    lower
        .get(from..)
        .and_then(|rest| rest.find(needle))
        .map_or(lower.len(), |i| from + i + needle.len())
}

/// Just past the `>` that closes a tag, skipping quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &c) in bytes.iter().enumerate().skip(from) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Just past the closing tag of element `name` whose content starts at `from`.
fn element_end(lower: &str, from: usize, name: &str) -> usize {
    let close = format!("</{name}");
    match lower.get(from..).and_then(|rest| rest.find(&close)) {
        Some(i) => find_after(lower, from + i, ">"),
        None => lower.len(),
    }
}

fn attr(tag: &str, name: &str) -> Option<String> {
    ATTR.captures_iter(tag).find_map(|c| {
        let key = c.get(1)?;
        if !key.as_str().eq_ignore_ascii_case(name) {
            return None;
        }
        let value = c.get(2).or(c.get(3)).or(c.get(4))?;
        Some(html_escape::decode_html_entities(value.as_str()).into_owned())
    })
}

fn read_meta(tag: &str, meta: &mut SourceMeta, og_title: &mut Option<String>) {
    let key = attr(tag, "name")
        .or_else(|| attr(tag, "property"))
        .or_else(|| attr(tag, "itemprop"))
        .or_else(|| attr(tag, "rel"))
        .map(|k| k.to_ascii_lowercase());
    let value = attr(tag, "content")
        .or_else(|| attr(tag, "href"))
        .map(|v| collapse(&v));
    let (Some(key), Some(value)) = (key, value) else {
        return;
    };
    if value.is_empty() {
        return;
    }
    match key.as_str() {
        "author" | "dc.creator" | "byl" if !value.starts_with("http") => {
            let name = value.strip_prefix("By ").unwrap_or(&value).to_string();
            meta.author.get_or_insert(name);
        }
        "date"
        | "dc.date"
        | "pubdate"
        | "publish-date"
        | "article:published_time"
        | "datepublished" => {
            let date = value.get(..10).filter(|d| is_iso_date(d)).unwrap_or(&value);
            meta.date.get_or_insert(date.to_string());
        }
        "og:title" | "twitter:title" => {
            og_title.get_or_insert(value);
        }
        "og:url" | "canonical" => {
            meta.url.get_or_insert(value);
        }
        _ => {}
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_tags_break_lines_and_hidden_elements_go() {
        let html = "<html><head><title>The &amp; Title</title>\
            <meta name=\"author\" content=\"Jane Doe\">\
            <meta property=\"article:published_time\" content=\"2020-11-19T10:00:00Z\">\
            <style>p { color: red }</style><script>var a = '<p>';</script></head>\
            <body><h1>Head</h1><p>One\nline <b>bold</b>.</p><!-- note --><p>Two <img alt=\"🔥\" src=x> a &lt; b</p></body></html>";
        let (text, meta) = to_text(html);
        let lines: Vec<&str> = text
            .as_str()
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(lines, vec!["Head", "One line bold.", "Two 🔥 a &lt; b"]);
        assert_eq!(meta.title.as_deref(), Some("The & Title"));
        assert_eq!(meta.author.as_deref(), Some("Jane Doe"));
        assert_eq!(meta.date.as_deref(), Some("2020-11-19"));
        // the map still points into the HTML
        let t = text.as_str();
        let at = t.find("bold").expect("bold");
        assert_eq!(&html[text.orig_range(at..at + 4)], "bold");
    }

    #[test]
    fn survives_broken_html() {
        for html in [
            "<p>open",
            "a < b",
            "<",
            "<p",
            "<script>never closed",
            "<!-- open",
            "</",
        ] {
            let _ = to_text(html);
        }
        let (t, _) = to_text("a < b <p>c");
        assert_eq!(t.as_str(), "a < b \nc");
    }
}
