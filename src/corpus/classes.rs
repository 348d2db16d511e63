//! Unicode classes of one character, exactly as the `regex` crate has them, for the scans
//! written by hand instead of a pattern.
//!
//! A pattern with `\p{L}` or `\w` in it takes milliseconds to compile (the class is hundreds
//! of ranges, compiled forwards and backwards), more than a small corpus takes to clean. A
//! scan needs the class only for the odd character next to a `#`, a count or an underscore,
//! so: ASCII is answered here; a character the standard library already puts outside the
//! class (not `Alphabetic`, `Uppercase` or `Numeric`, each a superset of the class) needs no
//! pattern either; the rest ask a one-class pattern compiled on first need.

use std::sync::LazyLock;

use regex::Regex;

fn in_class(class: &Regex, c: char) -> bool {
    class.is_match(c.encode_utf8(&mut [0; 4]))
}

/// Whether `c` is in the class `pattern` stands for: ASCII answered by `ascii`, any other
/// character outside the standard library's `superset` answered no, the rest by the pattern
/// (compiled on first need).
fn member(
    c: char,
    pattern: &LazyLock<Regex>,
    ascii: fn(&char) -> bool,
    superset: fn(char) -> bool,
) -> bool {
    if c.is_ascii() {
        return ascii(&c);
    }
    superset(c) && in_class(pattern, c)
}

/// `\p{L}`: a letter of any script.
pub fn is_letter(c: char) -> bool {
    static LETTER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\p{L}$").expect("letter class"));
    member(c, &LETTER, char::is_ascii_alphabetic, char::is_alphabetic)
}

/// `\p{Lu}`: an uppercase letter.
pub fn is_uppercase_letter(c: char) -> bool {
    static UPPERCASE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\p{Lu}$").expect("uppercase letter class"));
    member(c, &UPPERCASE, char::is_ascii_uppercase, char::is_uppercase)
}

/// `\p{N}`: a number, digits of any script included.
pub fn is_number(c: char) -> bool {
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\p{N}$").expect("number class"));
    member(c, &NUMBER, char::is_ascii_digit, char::is_numeric)
}

/// `\d`: a decimal digit of any script.
pub fn is_digit(c: char) -> bool {
    static DIGIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d$").expect("digit class"));
    member(c, &DIGIT, char::is_ascii_digit, char::is_numeric)
}

/// `\w`: a letter, mark, digit or connector of any script (marks and connectors have no
/// superset in the standard library: only whitespace is answered without the pattern).
pub fn is_word(c: char) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").expect("word class"));
    member(
        c,
        &WORD,
        |c| c.is_ascii_alphanumeric() || *c == '_',
        |c| !c.is_whitespace(),
    )
}

/// `\s`: whitespace (the standard library's `White_Space` is the same property).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Every string of up to `exhaustive` pieces of `alphabet`, then `random` longer ones (up to
/// twelve pieces, drawn from a fixed seed): inputs on which to compare a scan with the pattern
/// it replaces.
#[cfg(test)]
pub fn strings(alphabet: &[&str], exhaustive: usize, random: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut longest = vec![String::new()];
    for _ in 0..exhaustive {
        longest = longest
            .iter()
            .flat_map(|s| alphabet.iter().map(move |piece| format!("{s}{piece}")))
            .collect();
        all.extend(longest.iter().cloned());
    }
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    for _ in 0..random {
        let len = 1 + next() % 12;
        all.push(
            (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect(),
        );
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character, each function against the class it stands for (a Unicode version in
    /// the `regex` crate newer than the standard library's would show here).
    #[test]
    fn each_function_is_its_class() {
        let classes = [
            (r"\p{L}", is_letter as fn(char) -> bool),
            (r"\p{Lu}", is_uppercase_letter),
            (r"\p{N}", is_number),
            (r"\d", is_digit),
            (r"\w", is_word),
            (r"\s", is_space),
        ];
        for (class, function) in classes {
            let pattern = Regex::new(&format!("^{class}$")).expect("class");
            let wrong: Vec<char> = (0..=0x10FFFF)
                .filter_map(char::from_u32)
                .filter(|&c| function(c) != in_class(&pattern, c))
                .take(10)
                .collect();
            assert!(wrong.is_empty(), "{class} differs on {wrong:?}");
        }
    }
}
