//! Who wrote a source, and when: `sources.toml` entries, front matter, and what the text
//! itself says (a `By:` line, a date near the top, the first heading or line as title).
//! Per field, `sources.toml` wins over front matter, which wins over inference.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::classes::{is_letter, is_space, is_uppercase_letter};
use super::mapped::Mapped;
use super::segment::LineKind;
use super::SourceMeta;

/// Every field of `over` that is set replaces the one in `base`.
pub fn overlay(base: &mut SourceMeta, over: SourceMeta) {
    let SourceMeta {
        author,
        affiliation,
        attribution,
        kind,
        title,
        date,
        url,
    } = over;
    for (field, value) in [
        (&mut base.author, author),
        (&mut base.affiliation, affiliation),
        (&mut base.attribution, attribution),
        (&mut base.kind, kind),
        (&mut base.title, title),
        (&mut base.date, date),
        (&mut base.url, url),
    ] {
        if let Some(v) = value
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
        {
            *field = Some(v);
        }
    }
}

/// Sets the field named `key` (as in `sources.toml`; a few common aliases too). Returns
/// false for a key that is not a metadata field.
pub fn set_field(meta: &mut SourceMeta, key: &str, value: String) -> bool {
    let field = match key {
        "author" | "authors" | "by" => &mut meta.author,
        "affiliation" | "organisation" | "organization" => &mut meta.affiliation,
        "attribution" => &mut meta.attribution,
        "kind" | "type" => &mut meta.kind,
        "title" => &mut meta.title,
        "date" | "published" => &mut meta.date,
        "url" | "link" | "source" => &mut meta.url,
        _ => return false,
    };
    let value = value.trim();
    if !value.is_empty() {
        *field = Some(value.to_string());
    }
    true
}

/// One `[[source]]` entry of a `sources.toml`.
pub struct Entry {
    pub file: String,
    pub meta: SourceMeta,
}

/// The entries of a `sources.toml` and the problems found in it (unknown keys, entries
/// without `file`), or the reason it could not be read at all.
pub fn parse_sources_toml(text: &str) -> Result<(Vec<Entry>, Vec<String>), String> {
    let value: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e.span().map(|s| {
            let before = text.as_bytes().get(..s.start).unwrap_or(text.as_bytes());
            before.iter().filter(|&&b| b == b'\n').count() + 1
        });
        match line {
            Some(line) => format!("line {line}: {}", e.message().trim()),
            None => e.message().trim().to_string(),
        }
    })?;
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    for key in value.keys().filter(|k| k.as_str() != "source") {
        problems.push(format!(
            "unknown table or key `{key}` (expected [[source]] entries)"
        ));
    }
    let Some(sources) = value.get("source") else {
        return Ok((entries, problems));
    };
    let Some(sources) = sources.as_array() else {
        return Err("`source` must be an array of tables ([[source]])".into());
    };
    for (i, source) in sources.iter().enumerate() {
        let n = i + 1;
        let Some(table) = source.as_table() else {
            problems.push(format!("[[source]] #{n} is not a table"));
            continue;
        };
        let mut meta = SourceMeta::default();
        let mut file = None;
        for (key, v) in table {
            let Some(v) = v.as_str().map(str::to_string).or_else(|| date_value(v)) else {
                problems.push(format!("[[source]] #{n}: `{key}` must be a string"));
                continue;
            };
            if key == "file" {
                file = Some(v);
            } else if !set_field(&mut meta, key, v) {
                problems.push(format!("[[source]] #{n}: unknown key `{key}`"));
            }
        }
        match file.filter(|f| !f.trim().is_empty()) {
            Some(file) => entries.push(Entry { file, meta }),
            None => problems.push(format!("[[source]] #{n} has no `file`; ignored")),
        }
    }
    Ok((entries, problems))
}

/// An unquoted TOML date (`date = 2020-11-19`) is as good as a string.
fn date_value(v: &toml::Value) -> Option<String> {
    v.as_datetime().map(|d| d.to_string())
}

/// Metadata from front matter fields.
pub fn from_fields(fields: &[(String, String)]) -> SourceMeta {
    let mut meta = SourceMeta::default();
    for (k, v) in fields {
        set_field(&mut meta, k, v.clone());
    }
    meta
}

/// What the text says about itself, and the index of its byline (which is metadata, not
/// prose). `lines` are cleaned lines; `None` for lines that hold no text.
pub fn infer(lines: &[(LineKind, Option<Mapped>)]) -> (SourceMeta, Option<usize>) {
    let mut meta = SourceMeta::default();
    let header: Vec<(usize, LineKind, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, (kind, m))| Some((i, *kind, m.as_ref()?.as_str())))
        .take(HEADER_LINES)
        .collect();
    let title = header
        .iter()
        .find(|(_, kind, _)| *kind == LineKind::Heading)
        .or(header.first())
        .map(|(_, _, text)| shorten(text));
    meta.title = title;
    let mut byline = None;
    for &(i, _, text) in &header {
        if let Some((author, date)) = parse_byline(text) {
            meta.author = author;
            meta.date = date;
            byline = Some(i);
            break;
        }
    }
    if meta.date.is_none() {
        meta.date = header
            .iter()
            .filter(|(_, _, text)| text.split_whitespace().count() <= 12)
            .find_map(|(_, _, text)| find_date(text));
    }
    (meta, byline)
}

/// Metadata is looked for in the first lines only: a date further down is an event.
const HEADER_LINES: usize = 10;
const TITLE_CHARS: usize = 100;

fn shorten(text: &str) -> String {
    if text.chars().count() <= TITLE_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(TITLE_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > TITLE_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '-']))
}

static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[Bb]y|BY)(:|\s)\s*(.*)$").expect("byline regex"));

/// Whether `text` reads as a name: capitalised words of letters, `.`, `'`, `’` and `-`, the
/// particles of names between them (`and`, `&`, `de`, `van`, `von`, `der`, `la`, `le`, `bin`,
/// `al-…`), one space or more and perhaps a comma after each word but the last. This is the
/// pattern `^\p{Lu}[\p{L}.'’-]*(?:,?\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|der|la|le|bin|al-?\p{L}*))*$`
/// as a scan: its classes cost more to compile than reading a source takes.
fn is_name(text: &str) -> bool {
    let capitalised = |word: &str| {
        let mut chars = word.chars();
        chars.next().is_some_and(is_uppercase_letter)
            && chars.all(|c| is_letter(c) || matches!(c, '.' | '\'' | '’' | '-'))
    };
    let particle = |word: &str| {
        matches!(
            word,
            "and" | "&" | "de" | "van" | "von" | "der" | "la" | "le" | "bin"
        ) || word.strip_prefix("al").is_some_and(|rest| {
            rest.strip_prefix('-')
                .unwrap_or(rest)
                .chars()
                .all(is_letter)
        })
    };
    if text.starts_with(is_space) || text.ends_with(is_space) {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    let words = before
        .iter()
        .map(|&word| word.strip_suffix(',').unwrap_or(word))
        .chain([*last]);
    words
        .enumerate()
        .all(|(i, word)| capitalised(word) || (i > 0 && particle(word)))
}

/// `By: Jane Doe - November 19, 2020` → (author, ISO date). A line starting with "By" is a
/// byline only when it has a colon, or what follows is a name or a date.
fn parse_byline(text: &str) -> Option<(Option<String>, Option<String>)> {
    let caps = BYLINE.captures(text)?;
    let colon = caps.get(1).is_some_and(|m| m.as_str() == ":");
    let rest = caps.get(2).map_or("", |m| m.as_str());
    let (date, without_date) = match DATE.find(rest) {
        Some(m) => (
            parse_date(m.as_str()),
            format!("{} {}", &rest[..m.start()], &rest[m.end()..]),
        ),
        None => (None, rest.to_string()),
    };
    let name = without_date
        .trim_matches(|c: char| c.is_whitespace() || "-–—|·,:/•".contains(c))
        .to_string();
    let is_name = !name.is_empty() && name.split_whitespace().count() <= 6 && is_name(&name);
    if !(colon || is_name || (date.is_some() && name.is_empty())) {
        return None;
    }
    Some((is_name.then_some(name), date))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date as [`parse_date`] reads it, so in ASCII digits (`[0-9]`, not `\d`, which costs more
/// to compile and would find dates that cannot be read).
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?";
    Regex::new(&format!(
        r"(?-u:\b){month}\s+[0-9]{{1,2}}(?:st|nd|rd|th)?,?\s+[0-9]{{4}}(?-u:\b)|(?-u:\b)[0-9]{{1,2}}(?:st|nd|rd|th)?\s+{month},?\s+[0-9]{{4}}(?-u:\b)|(?-u:\b)[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}(?-u:\b)"
    ))
    .expect("date regex")
});

/// The first date in `text`, as `YYYY-MM-DD`.
pub fn find_date(text: &str) -> Option<String> {
    DATE.find_iter(text).find_map(|m| parse_date(m.as_str()))
}

/// `November 19, 2020`, `19 Nov. 2020` or `2020-11-19` → `2020-11-19`; impossible dates → None.
fn parse_date(s: &str) -> Option<String> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let (year, month, day) = if let [only] = words.as_slice() {
        let mut parts = only.split('-');
        let y = parts.next()?.parse::<u32>().ok()?;
        let m = parts.next()?.parse::<u32>().ok()?;
        let d = parts.next()?.parse::<u32>().ok()?;
        (y, m, d)
    } else {
        let month_of = |w: &str| {
            let w = w.to_ascii_lowercase();
            MONTHS
                .iter()
                .position(|m| w.starts_with(m))
                .map(|i| i as u32 + 1)
        };
        let day_of = |w: &str| {
            w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse::<u32>()
                .ok()
        };
        match words.as_slice() {
            [a, b, y] => {
                let (m, d) = match month_of(a) {
                    Some(m) => (m, day_of(b)?),
                    None => (month_of(b)?, day_of(a)?),
                };
                (y.parse::<u32>().ok()?, m, d)
            }
            _ => return None,
        }
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day == 0 || day > days || !(1000..=9999).contains(&year) {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// The path an entry names, relative to the folder of its `sources.toml`.
pub fn entry_path(folder: &Path, file: &str) -> std::path::PathBuf {
    folder.join(file.trim())
}

#[cfg(test)]
mod tests {
    use super::super::classes::strings;
    use super::*;

    #[test]
    fn parses_dates() {
        assert_eq!(
            parse_date("November 19, 2020").as_deref(),
            Some("2020-11-19")
        );
        assert_eq!(parse_date("Nov. 9, 2020").as_deref(), Some("2020-11-09"));
        assert_eq!(
            parse_date("19 November 2020").as_deref(),
            Some("2020-11-19")
        );
        assert_eq!(parse_date("2020-11-19").as_deref(), Some("2020-11-19"));
        assert_eq!(parse_date("Feb 29, 2021"), None);
        assert_eq!(parse_date("Feb 29, 2020").as_deref(), Some("2020-02-29"));
        assert_eq!(
            find_date("Posted on 3rd March 2019 by x").as_deref(),
            Some("2019-03-03")
        );
        assert_eq!(find_date("in May 2019"), None);
    }

    #[test]
    fn reads_bylines() {
        assert_eq!(
            parse_byline("By: - November 19, 2020"),
            Some((None, Some("2020-11-19".into())))
        );
        assert_eq!(
            parse_byline("By Jane van Doe | Nov 3, 2021"),
            Some((Some("Jane van Doe".into()), Some("2021-11-03".into())))
        );
        assert_eq!(
            parse_byline("BY: John Smith"),
            Some((Some("John Smith".into()), None))
        );
        // a sentence starting with "By" is not a byline
        assert_eq!(
            parse_byline("By the end of the year, Russia had won."),
            None
        );
        assert_eq!(
            parse_byline("By Moscow's assessment, the deal is risky."),
            None
        );
    }

    #[test]
    fn infers_from_the_first_lines() {
        let lines: Vec<(LineKind, Option<Mapped>)> = [
            "The Winner Is Someone",
            "",
            "By: - November 19, 2020",
            "Body text about March 1, 2019 events.",
        ]
        .iter()
        .map(|t| {
            (
                LineKind::Prose,
                (!t.is_empty()).then(|| Mapped::identity(t)),
            )
        })
        .collect();
        let (meta, byline) = infer(&lines);
        assert_eq!(meta.title.as_deref(), Some("The Winner Is Someone"));
        assert_eq!(meta.author, None);
        assert_eq!(meta.date.as_deref(), Some("2020-11-19"));
        assert_eq!(byline, Some(2));
        // a long first line is cut into a title at a word
        let long = "word ".repeat(40);
        let lines = vec![(LineKind::Prose, Some(Mapped::identity(&long)))];
        let title = infer(&lines).0.title.expect("title");
        assert!(
            title.ends_with('…') && title.chars().count() <= TITLE_CHARS + 1,
            "{title}"
        );
    }

    #[test]
    fn parses_sources_toml() {
        let (entries, problems) = parse_sources_toml(
            "[[source]]\nfile = \"a.txt\"\nauthor = \"A\"\ndate = 2020-11-19\nautor = \"x\"\n[[source]]\ntitle = \"no file\"\n",
        )
        .expect("parses");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].file, "a.txt");
        assert_eq!(entries[0].meta.author.as_deref(), Some("A"));
        assert_eq!(entries[0].meta.date.as_deref(), Some("2020-11-19"));
        assert_eq!(problems.len(), 2, "{problems:?}");
        let err = parse_sources_toml("[[source]]\nfile = \"a.txt\nauthor = 3\n").err();
        assert!(
            err.as_deref().is_some_and(|e| e.starts_with("line 2")),
            "{err:?}"
        );
    }

    #[test]
    fn the_name_scan_accepts_what_the_pattern_did() {
        let pattern = Regex::new(
            r"^\p{Lu}[\p{L}.'’-]*(?:,?\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|der|la|le|bin|al-?\p{L}*))*$",
        )
        .unwrap();
        // letters the standard library calls alphabetic or uppercase but the pattern does not
        let alphabet = [
            "Anna", "É", "é", "x", "al", "-", "de", "De", "&", ",", " ", "\u{a0}", ".", "’", "Ⅻ",
            "ǅ", "\u{301}", "bin",
        ];
        for s in strings(&alphabet, 4, 50_000) {
            assert_eq!(is_name(&s), pattern.is_match(&s), "{s:?}");
        }
    }
}
