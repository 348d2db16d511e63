//! What a source says in passing: the actors and names of a parenthetical aside ("… signed
//! by Russia and the two conflicting powers (with Turkey in the back, but with no formal
//! role)"). An aside comments on the claim; the actor in it does not stand in the place of
//! one of the claim's, so a draft naming the parties themselves ("signed by Moscow, Baku and
//! Yerevan") does not contradict it.

use std::collections::HashSet;

use crate::terms::{Analyzer, TermKind};

/// The keys of the actors and names that `text` mentions only inside parentheses.
pub fn names_only_in_asides(text: &str, analyzer: &Analyzer) -> HashSet<String> {
    let (inside, outside) = split_asides(text);
    if inside.is_empty() {
        return HashSet::new();
    }
    let named = |part: &str| -> HashSet<String> {
        analyzer
            .analyze(part)
            .terms
            .into_iter()
            .filter(|t| matches!(t.kind, TermKind::Actor | TermKind::Name))
            .map(|t| t.key)
            .collect()
    };
    let outside = named(&outside);
    named(&inside)
        .into_iter()
        .filter(|key| !outside.contains(key))
        .collect()
}

/// The text inside parentheses and the text around them, each joined with spaces. An
/// unclosed parenthesis runs to the end of the sentence (scraped tweets cut off mid-aside).
fn split_asides(text: &str) -> (String, String) {
    let mut inside = String::new();
    let mut outside = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => {
                depth += 1;
                inside.push(' ');
                outside.push(' ');
            }
            ')' if depth > 0 => {
                depth -= 1;
                inside.push(' ');
                outside.push(' ');
            }
            _ if depth > 0 => inside.push(c),
            _ => outside.push(c),
        }
    }
    (inside, outside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terms::AliasTable;

    fn asides(text: &str) -> Vec<String> {
        let analyzer = Analyzer::new(AliasTable::default_table());
        let mut keys: Vec<String> = names_only_in_asides(text, &analyzer).into_iter().collect();
        keys.sort();
        keys
    }

    #[test]
    fn a_name_said_only_in_parentheses_is_an_aside() {
        let text = "The deal is signed by Russia and the two conflicting powers (with Turkey in the back, but with no formal role).";
        let turkey = Analyzer::new(AliasTable::default_table())
            .analyze("Turkey")
            .terms[0]
            .key
            .clone();
        assert_eq!(asides(text), vec![turkey]);
    }

    #[test]
    fn a_name_also_said_outside_the_parentheses_is_part_of_the_claim() {
        assert!(asides("Turkey backed Baku (Turkey denies it).").is_empty());
        assert!(asides("Turkey backed Baku with drones.").is_empty());
    }

    #[test]
    fn an_unclosed_aside_runs_to_the_end() {
        let (inside, outside) = split_asides("Moscow signed (with Ankara watching");
        assert!(inside.contains("Ankara"));
        assert!(!outside.contains("Ankara"));
    }
}
