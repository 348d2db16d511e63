//! The alias table: names that mean the same actor. The default table is data/aliases.toml,
//! compiled in so the binary needs nothing beside it; corroborate.toml may extend it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::hash::{FxHashMap, FxHashSet};

use super::tokenize::{is_regional_indicator, tokenize, Token, TokenKind};

const DEFAULT_TABLE: &str = include_str!("../../data/aliases.toml");

#[derive(Debug, thiserror::Error)]
#[error("alias table: {0}")]
pub struct AliasError(String);

/// Canonical actor names by the token sequences that name them.
#[derive(Debug, Clone, Default)]
pub struct AliasTable {
    /// Lowercased phrase → canonical name.
    folded: FxHashMap<String, String>,
    /// Acronyms ("US", "NK") match only as written, so "us" the pronoun is not America.
    exact: FxHashMap<String, String>,
    /// The lowercased first word of every folded alias: most words start none, and are
    /// dismissed with one lookup.
    starters: FxHashSet<String>,
    /// Every shorter run of words that begins a folded alias of several ("organization for
    /// security"): a phrase that is neither an alias nor one of these stops the search, so a
    /// long alias costs nothing to the many phrases that begin with "the".
    prefixes: FxHashSet<String>,
    longest: usize,
    /// Canonical name → the broader actor it belongs to (a leader's state, a city's region),
    /// from the `[within]` table.
    within: FxHashMap<String, String>,
}

impl AliasTable {
    /// The table shipped in data/aliases.toml.
    pub fn default_table() -> AliasTable {
        // The embedded file is checked by a unit test; it cannot fail at run time.
        AliasTable::parse(DEFAULT_TABLE).unwrap_or_default()
    }

    /// Reads a table: `canonical = ["name", …]` entries, and an optional `[within]` table of
    /// `canonical = "broader canonical"`.
    pub fn parse(toml_text: &str) -> Result<AliasTable, AliasError> {
        let file = TableFile::parse(toml_text)?;
        let mut table = AliasTable::default();
        for (canonical, names) in file.names {
            table.add(&canonical, &names);
        }
        for (narrow, broad) in file.within {
            table.add_within(&narrow, &broad);
        }
        Ok(table)
    }

    /// The actors of data/aliases.toml with their names as listed (for the benchmark's
    /// synthetic corpus, which writes about the same actors).
    pub fn default_entries() -> Vec<(String, Vec<String>)> {
        TableFile::parse(DEFAULT_TABLE)
            .map(|f| f.names.into_iter().collect())
            .unwrap_or_default()
    }

    /// Records that `narrow` belongs to `broad` (Erdogan to Turkey, Stepanakert to Karabakh):
    /// a text naming the one names the other too.
    pub fn add_within(&mut self, narrow: &str, broad: &str) {
        let key = |name: &str| name.trim().to_lowercase();
        self.within.insert(key(narrow), key(broad));
    }

    /// The broader actors `canonical` belongs to, nearest first (Stepanakert: Karabakh).
    pub fn broader(&self, canonical: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let mut current = canonical;
        while let Some(broad) = self.within.get(current) {
            if broad == canonical || out.contains(&broad.as_str()) {
                break;
            }
            out.push(broad);
            current = broad;
        }
        out
    }

    /// The actors that belong to `canonical`, at any depth (Turkey: Erdogan, Ankara's
    /// ministries …).
    pub fn narrower(&self, canonical: &str) -> Vec<&str> {
        self.within
            .keys()
            .filter(|narrow| self.broader(narrow).contains(&canonical))
            .map(String::as_str)
            .collect()
    }

    /// Adds names for `canonical` (a new actor or more names for a known one).
    pub fn add(&mut self, canonical: &str, names: &[String]) {
        let canonical = canonical.trim().to_lowercase();
        let mut all: Vec<&str> = names.iter().map(String::as_str).collect();
        let readable = canonical.replace('_', " ");
        all.push(&readable);
        for name in all {
            let tokens = tokenize(name);
            if tokens.is_empty() {
                continue;
            }
            self.longest = self.longest.max(tokens.len());
            let acronym = tokens.len() == 1
                && tokens[0].kind == TokenKind::Word
                && tokens[0].text.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && tokens[0]
                    .text
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                && tokens[0].text.chars().count() <= 4;
            if acronym {
                self.exact
                    .insert(tokens[0].text.to_string(), canonical.clone());
            } else {
                self.starters.insert(tokens[0].text.to_lowercase());
                for end in 1..tokens.len() {
                    self.prefixes.insert(fold(&tokens[..end]));
                }
                self.folded.insert(fold(&tokens), canonical.clone());
            }
        }
    }

    /// The text with its flag emoji and handles spelled out as the actors they name
    /// ("no role for 🇺🇸🇪🇺" → "no role for united states and european union", "@MID_RF" →
    /// "russian mfa"), and other handles without their `@`: what an embedding should read,
    /// since a language model's vocabulary knows the names but not the symbols.
    pub fn spelled_out<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if !text.chars().any(|c| c == '@' || is_regional_indicator(c)) {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        let mut after_flag = false;
        while let Some(c) = rest.chars().next() {
            let flag: String = rest.chars().take(2).collect();
            if flag.chars().count() == 2 && flag.chars().all(is_regional_indicator) {
                rest = &rest[flag.len()..];
                let Some(actor) = self.folded.get(&flag) else {
                    out.push_str(&flag);
                    after_flag = false;
                    continue;
                };
                // A run of flags is a list of actors: "🇷🇺🇨🇳 ties" → "russia and china ties".
                if after_flag {
                    out.truncate(out.trim_end().len());
                    out.push_str(" and");
                }
                if !out.is_empty() && !out.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
                out.push_str(&actor.replace('_', " "));
                if rest.starts_with(char::is_alphanumeric) {
                    out.push(' ');
                }
                after_flag = true;
                continue;
            }
            after_flag = after_flag && c.is_whitespace();
            if c == '@' && (out.is_empty() || out.ends_with(|p: char| !p.is_alphanumeric())) {
                let len = rest[1..]
                    .find(|n: char| !(n.is_alphanumeric() || n == '_'))
                    .map_or(rest.len(), |end| end + 1);
                if len > 1 {
                    let handle = &rest[..len];
                    match self.folded.get(&handle.to_lowercase()) {
                        Some(actor) => out.push_str(&actor.replace('_', " ")),
                        None => out.push_str(&handle[1..]),
                    }
                    rest = &rest[len..];
                    continue;
                }
            }
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        Cow::Owned(out)
    }

    pub fn len(&self) -> usize {
        self.folded.len() + self.exact.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The actor named by the longest alias at the start of `tokens`, with its length.
    pub fn longest_match(&self, tokens: &[Token]) -> Option<(&str, usize)> {
        let first = tokens.first()?;
        if !matches!(first.kind, TokenKind::Word | TokenKind::Flag) {
            return None;
        }
        let folded_first = first.lower();
        if !self.starters.contains(folded_first.as_ref()) {
            return self.exact.get(first.text).map(|c| (c.as_str(), 1));
        }
        // Each longer phrase extends the shorter one: fold once, look up longest first. Stop
        // where no alias goes on.
        let mut phrases = Vec::with_capacity(self.longest);
        let mut phrase = folded_first.into_owned();
        phrases.push(phrase.clone());
        for t in tokens.iter().take(self.longest).skip(1) {
            if !self.prefixes.contains(&phrase) {
                break;
            }
            phrase.push(' ');
            phrase.push_str(&t.lower());
            phrases.push(phrase.clone());
        }
        for (i, phrase) in phrases.iter().enumerate().rev() {
            if tokens[i].kind == TokenKind::Punct {
                continue;
            }
            if let Some(c) = self.folded.get(phrase) {
                return Some((c, i + 1));
            }
        }
        // "the Kremlin" is listed; "the" alone never is.
        self.exact.get(first.text).map(|c| (c.as_str(), 1))
    }
}

/// The alias file as written.
#[derive(serde::Deserialize)]
struct TableFile {
    #[serde(default)]
    within: BTreeMap<String, String>,
    #[serde(flatten)]
    names: BTreeMap<String, Vec<String>>,
}

impl TableFile {
    fn parse(toml_text: &str) -> Result<TableFile, AliasError> {
        toml::from_str(toml_text).map_err(|e| AliasError(e.to_string()))
    }
}

fn fold(tokens: &[Token]) -> String {
    let mut s = String::new();
    for t in tokens {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&t.text.to_lowercase());
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_handles_are_spelled_out_as_the_actors_they_name() {
        let t = AliasTable::default_table();
        assert_eq!(
            t.spelled_out("And no role for 🇺🇸🇪🇺, which is important."),
            "And no role for united states and european union, which is important."
        );
        assert_eq!(
            t.spelled_out("otherwise 🇷🇺 was represented at @MID_RF"),
            "otherwise russia was represented at russian mfa"
        );
        assert_eq!(
            t.spelled_out("🇷🇺 🇨🇳 ties; @Huawei wins, mail a@b.org"),
            "russia and china ties; Huawei wins, mail a@b.org"
        );
        // A flag the table does not know stays as it is; plain text is lent, not copied.
        assert_eq!(t.spelled_out("🇯🇵 said"), "🇯🇵 said");
        assert!(matches!(t.spelled_out("Moscow said"), Cow::Borrowed(_)));
        // Stray symbols stay as they are.
        for odd in ["@", "@@", "x@", "🇷", "a @ b"] {
            assert_eq!(t.spelled_out(odd), odd);
        }
        assert_eq!(t.spelled_out("🇷🇺🇷"), "russia🇷");
        assert_eq!(t.spelled_out("a🇷🇺b"), "a russia b");
    }

    #[test]
    fn shipped_table_parses() {
        let table = AliasTable::parse(DEFAULT_TABLE).expect("data/aliases.toml must parse");
        assert!(table.len() > 100);
    }

    #[test]
    fn acronyms_match_only_as_written() {
        let table = AliasTable::default_table();
        assert_eq!(
            table.longest_match(&tokenize("US sanctions")),
            Some(("united_states", 1))
        );
        assert_eq!(table.longest_match(&tokenize("us something")), None);
    }

    #[test]
    fn longest_phrase_wins_and_users_can_extend() {
        let mut table = AliasTable::default_table();
        assert_eq!(
            table.longest_match(&tokenize("Russian Defense Ministry said")),
            Some(("russian_defence_ministry", 3))
        );
        table.add("wagner", &["Wagner Group".to_string()]);
        assert_eq!(
            table.longest_match(&tokenize("Wagner Group fighters")),
            Some(("wagner", 2))
        );
    }

    #[test]
    fn news_outlets_are_named_by_handle_or_name_and_not_taken_for_their_city() {
        let table = AliasTable::default_table();
        let outlet = |text: &str| table.longest_match(&tokenize(text)).map(|(key, _)| key);
        assert_eq!(outlet("@bpolitics story"), outlet("Bloomberg reporting"));
        assert_eq!(outlet("@bpolitics story"), Some("bloomberg"));
        assert_eq!(outlet("Washington Post reported"), Some("washington_post"));
        assert_eq!(outlet("FT piece"), Some("financial_times"));
        // Initials that are also words match only as written.
        assert_eq!(outlet("ft away"), None);
    }
}
