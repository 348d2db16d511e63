//! How a sentence shows that it cites or quotes: an author–year parenthesis ("(Gabuev
//! 2020)") at its end or start, or quotation marks around the whole of it. A cited or quoted
//! sentence copies no one.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::markdown::clean;

/// A parenthetical author–year citation such as "(Gabuev 2020)" or "(see de Waal, 2019,
/// p. 4)".
fn is_parenthetical_citation(paren: &str) -> bool {
    static CITATION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\((?:see |cf\. )?(?:(?:de|van|von|al|el|di|da|du|le) )?(\p{Lu}[\p{L}'’\-]+)(?:,? (?:and |& )?(?:(?:de|van|von) )?(?:\p{Lu}[\p{L}'’\-]+|et al\.?))*,? (?:1[5-9]\d\d|20\d\d)[a-z]?(?:, pp?\. ?\d+(?:[–-]\d+)?)?(?:; [^()]+)?\)$",
        )
        .expect("citation pattern")
    });
    const NOT_AUTHORS: &[&str] = &[
        "About",
        "After",
        "Around",
        "Autumn",
        "Before",
        "By",
        "Circa",
        "Early",
        "Fall",
        "From",
        "In",
        "Late",
        "Mid",
        "Since",
        "Spring",
        "Summer",
        "Till",
        "Until",
        "Winter",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
    ];
    CITATION
        .captures(paren)
        .and_then(|c| c.get(1))
        .is_some_and(|first| !NOT_AUTHORS.contains(&first.as_str()))
}

/// "Russia won (Gabuev 2020)." ends with a citation.
pub(super) fn ends_with_citation(text: &str) -> bool {
    let t = text.trim_end_matches(['.', '!', '?', ' ']);
    if !t.ends_with(')') {
        return false;
    }
    t.rfind('(')
        .and_then(|open| t.get(open..))
        .is_some_and(is_parenthetical_citation)
}

/// Where the sentence in `plain[r]` goes on after a parenthetical citation it starts
/// with ("(Gabuev 2020). Next", "(Gabuev 2020) Next"), if it starts with one.
pub(super) fn leading_citation_end(plain: &str, r: Range<usize>) -> Option<usize> {
    let slice = plain.get(r.clone())?;
    if !slice.starts_with('(') {
        return None;
    }
    let close = slice.find(')')?;
    if !is_parenthetical_citation(&clean(slice.get(..=close)?)) {
        return None;
    }
    let rest = slice.get(close + 1..)?;
    let skipped = rest.len()
        - rest
            .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
            .len();
    Some(r.start + close + 1 + skipped)
}

/// The whole sentence stands in one pair of quotation marks: `"We won."`, `“We won”.`
pub(super) fn is_quotation(text: &str) -> bool {
    let t = text.trim_end_matches(['.', '!', '?', '…', ',', ';', ':']);
    let mut chars = t.chars();
    let (Some(open), Some(close)) = (chars.next(), chars.next_back()) else {
        return false;
    };
    let closers: &[char] = match open {
        '"' => &['"'],
        '“' => &['”'],
        '„' => &['“', '”'],
        '«' => &['»'],
        '‘' => &['’'],
        '\'' => &['\''],
        _ => return false,
    };
    if !closers.contains(&close) {
        return false;
    }
    let inner: Vec<char> = chars.collect();
    // the quotation opened at the start must close only at the end; in single quotes an
    // apostrophe between letters ("Russia’s") does not close it
    inner.iter().enumerate().all(|(i, c)| {
        !closers.contains(c) || {
            let before = i.checked_sub(1).and_then(|j| inner.get(j));
            let after = inner.get(i + 1);
            matches!(open, '‘' | '\'')
                && before.is_some_and(|b| b.is_alphanumeric())
                && after.is_some_and(|a| a.is_alphanumeric())
        }
    })
}
