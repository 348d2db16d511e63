//! corroborate.toml: the project file shared by the CLI and the server.
//!
//! ```toml
//! corpus = ["../sources", "notes/extra.md"]   # relative to this file
//! [aliases]
//! russia = ["Moscow", "the Kremlin"]          # added to data/aliases.toml
//! [aliases.within]
//! wagner = "russia"                            # what belongs to what
//! [thresholds]
//! supported = 0.15                             # on words alone
//! semantic = 0.42                              # embedding cosine, with the model
//! copied = 0.9
//! [model]                                      # the optional sentence-embedding model
//! enabled = true                               # use it when it is installed
//! path = "models/minilm"                       # default: where `corroborate model install` puts it
//! [severity]                                   # used by the language server
//! unsupported = "warning"
//! conflicting = "warning"
//! copied = "information"
//! supported = "off"
//! ```

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;

use crate::engine::MatchSettings;

pub const FILE_NAME: &str = "corroborate.toml";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("{path}: malformed corroborate.toml: {reason}")]
    Malformed { path: PathBuf, reason: String },
}

/// How loudly an editor shows a verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Off,
    Hint,
    Information,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Severities {
    pub unsupported: Severity,
    pub conflicting: Severity,
    pub copied: Severity,
    pub supported: Severity,
}

impl Default for Severities {
    fn default() -> Self {
        Severities {
            unsupported: Severity::Warning,
            conflicting: Severity::Warning,
            copied: Severity::Information,
            supported: Severity::Off,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    pub supported: f32,
    /// Support threshold on the embedding cosine, used when the model is installed.
    pub semantic: f32,
    pub copied: f32,
}

impl Thresholds {
    /// Both thresholds in 0..=1 (the language server checks editor settings with it too).
    pub fn validate(&self) -> Result<(), String> {
        for (key, value) in [
            ("supported", self.supported),
            ("semantic", self.semantic),
            ("copied", self.copied),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(format!(
                    "thresholds.{key} must be between 0 and 1, not {value}"
                ));
            }
        }
        Ok(())
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        let d = MatchSettings::default();
        Thresholds {
            supported: d.supported_threshold,
            semantic: d.semantic_threshold,
            copied: d.copied_threshold,
        }
    }
}

/// Whether and where to find the optional sentence-embedding model.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ModelConfig {
    /// Use the model when it is installed; `false` judges on words alone.
    pub enabled: bool,
    /// The folder holding the model files; default: the user data folder
    /// (`corroborate model install` puts it there).
    pub path: Option<PathBuf>,
}

impl Default for ModelConfig {
    fn default() -> Self {
        ModelConfig {
            enabled: true,
            path: None,
        }
    }
}

/// `[aliases]`: more names for an actor (`russia = ["the Kremlin's"]`) and, under
/// `[aliases.within]`, what belongs to what (`wagner = "russia"`), both added to the table
/// shipped in data/aliases.toml.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
pub struct AliasesConfig {
    #[serde(default)]
    pub within: BTreeMap<String, String>,
    #[serde(flatten)]
    pub names: BTreeMap<String, Vec<String>>,
}

/// The contents of a corroborate.toml, corpus and model paths resolved against its folder.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub corpus: Vec<PathBuf>,
    pub aliases: AliasesConfig,
    pub thresholds: Thresholds,
    pub model: ModelConfig,
    pub severity: Severities,
}

impl Config {
    /// Reads `path`; relative corpus paths are taken relative to the file's folder.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Unreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Config::parse(&text, base).map_err(|reason| ConfigError::Malformed {
            path: path.to_path_buf(),
            reason,
        })
    }

    /// Parses the text of a corroborate.toml whose folder is `base`. The error is one line
    /// for a person, starting with the line of the offending key when toml knows it.
    pub fn parse(text: &str, base: &Path) -> Result<Config, String> {
        let mut config: Config = toml::from_str(text).map_err(|e| {
            // toml's messages may span lines ("invalid array\nexpected `]`"); keep one.
            let message = e.message().trim().replace('\n', "; ");
            match e.span() {
                Some(span) => format!("line {}: {message}", line_of(text, span.start)),
                None => message,
            }
        })?;
        config.thresholds.validate()?;
        for p in config.corpus.iter_mut().chain(config.model.path.as_mut()) {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        Ok(config)
    }

    /// The nearest corroborate.toml in `start` (a folder) or one of its parents. A relative
    /// `start` is taken from the current directory, so the walk goes above it too.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = if start.as_os_str().is_empty() {
            Path::new(".")
        } else {
            start
        };
        let start = normalize(&std::path::absolute(start).ok()?);
        start
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    pub fn match_settings(&self) -> MatchSettings {
        MatchSettings {
            aliases: self
                .aliases
                .names
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            within: self
                .aliases
                .within
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            supported_threshold: self.thresholds.supported,
            semantic_threshold: self.thresholds.semantic,
            copied_threshold: self.thresholds.copied,
        }
    }
}

/// Removes `.` and folds `name/..` lexically ("examples/../../shared" → "../shared"), the
/// way a person writes a path. Used on paths built from the current folder, which is
/// canonical, so folding a `..` that climbs out of it never changes which file is meant.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                // "/.." is "/"
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(c),
            },
            _ => out.push(c),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

/// 1-based line of byte `offset` in `text`. An error at the end of the file ("expected `]`")
/// belongs to its last line, not to the empty line after the final newline.
fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.trim_end_matches(['\n', '\r']).len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder under the system temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir = std::env::temp_dir()
                .join(format!("corroborate-config-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn empty_file_is_the_default() {
        let config = Config::parse("", Path::new("/p")).unwrap();
        assert_eq!(config, Config::default());
        assert_eq!(config.match_settings(), MatchSettings::default());
    }

    #[test]
    fn full_file_is_read() {
        let text = r#"
corpus = ["../sources", "/abs/notes.md"]
[aliases]
russia = ["Moscow", "the Kremlin"]
[aliases.within]
wagner = "russia"
[thresholds]
supported = 0.4
copied = 0.95
[severity]
unsupported = "error"
supported = "hint"
"#;
        let config = Config::parse(text, Path::new("/proj/drafts")).unwrap();
        assert_eq!(
            config.corpus,
            vec![
                PathBuf::from("/proj/drafts/../sources"),
                PathBuf::from("/abs/notes.md")
            ]
        );
        assert_eq!(config.severity.unsupported, Severity::Error);
        assert_eq!(config.severity.supported, Severity::Hint);
        // left out: the default
        assert_eq!(config.severity.copied, Severity::Information);
        let settings = config.match_settings();
        assert_eq!(
            settings.aliases,
            vec![(
                "russia".to_string(),
                vec!["Moscow".to_string(), "the Kremlin".to_string()]
            )]
        );
        assert_eq!(
            settings.within,
            vec![("wagner".to_string(), "russia".to_string())]
        );
        assert_eq!(settings.supported_threshold, 0.4);
        assert_eq!(settings.copied_threshold, 0.95);
    }

    #[test]
    fn unknown_top_level_key_is_named_with_its_line() {
        let err = Config::parse("corpus = []\n\ncorpora = [\"x\"]\n", Path::new(".")).unwrap_err();
        assert!(err.starts_with("line 3: "), "{err}");
        assert!(err.contains("`corpora`"), "{err}");
    }

    #[test]
    fn unknown_key_in_a_table_is_named_with_its_line() {
        let text = "[thresholds]\nsupported = 0.5\ncopy = 0.9\n";
        let err = Config::parse(text, Path::new(".")).unwrap_err();
        assert!(err.starts_with("line 3: "), "{err}");
        assert!(err.contains("`copy`"), "{err}");
    }

    #[test]
    fn wrong_type_and_bad_syntax_are_one_line_errors() {
        let err = Config::parse("corpus = \"sources\"\n", Path::new(".")).unwrap_err();
        assert!(err.starts_with("line 1: "), "{err}");
        let err = Config::parse("corpus = [\n", Path::new(".")).unwrap_err();
        assert!(err.starts_with("line 1: "), "{err}");
        assert!(!err.contains('\n'), "{err}");
        let err = Config::parse("[severity]\ncopied = \"loud\"\n", Path::new(".")).unwrap_err();
        assert!(err.starts_with("line 2: "), "{err}");
    }

    #[test]
    fn thresholds_outside_zero_to_one_are_rejected() {
        let err = Config::parse("[thresholds]\ncopied = 1.5\n", Path::new(".")).unwrap_err();
        assert!(err.contains("thresholds.copied"), "{err}");
        assert!(Config::parse("[thresholds]\nsupported = -0.1\n", Path::new(".")).is_err());
    }

    #[test]
    fn load_resolves_corpus_against_the_files_folder_and_names_the_file_on_error() {
        let tmp = TempDir::new("load");
        let file = tmp.0.join(FILE_NAME);
        std::fs::write(&file, "corpus = [\"sources\", \"../shared\"]\n").unwrap();
        let config = Config::load(&file).unwrap();
        assert_eq!(
            config.corpus,
            vec![tmp.0.join("sources"), tmp.0.join("../shared")]
        );

        std::fs::write(&file, "corpus = [\"sources\"]\nsevrity = 1\n").unwrap();
        let err = Config::load(&file).unwrap_err().to_string();
        assert!(err.starts_with(&file.display().to_string()), "{err}");
        assert!(err.contains("line 2") && err.contains("`sevrity`"), "{err}");

        let missing = tmp.0.join("nope.toml");
        let err = Config::load(&missing).unwrap_err().to_string();
        assert!(err.starts_with(&missing.display().to_string()), "{err}");
    }

    #[test]
    fn discover_walks_up_to_the_nearest_file() {
        let tmp = TempDir::new("discover");
        let deep = tmp.0.join("a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(tmp.0.join(FILE_NAME), "").unwrap();
        assert_eq!(Config::discover(&deep), Some(tmp.0.join(FILE_NAME)));
        // a nearer file wins
        std::fs::write(tmp.0.join("a/b").join(FILE_NAME), "").unwrap();
        assert_eq!(
            Config::discover(&deep),
            Some(tmp.0.join("a/b").join(FILE_NAME))
        );
        // a folder named corroborate.toml is not a config file
        std::fs::create_dir_all(deep.join(FILE_NAME)).unwrap();
        assert_eq!(
            Config::discover(&deep),
            Some(tmp.0.join("a/b").join(FILE_NAME))
        );
    }

    #[test]
    fn normalize_folds_dots_lexically() {
        let n = |s: &str| normalize(Path::new(s));
        assert_eq!(
            n("examples/../../shared/corpus"),
            PathBuf::from("../shared/corpus")
        );
        assert_eq!(n("./a/./b/.."), PathBuf::from("a"));
        assert_eq!(n("a/.."), PathBuf::from("."));
        assert_eq!(n("/../x"), PathBuf::from("/x"));
        assert_eq!(n("../../x"), PathBuf::from("../../x"));
    }

    #[test]
    fn discover_from_a_path_with_dots_walks_the_real_parents() {
        // "a/b/../c" is a/c: its parents are a and tmp, not a/b
        let tmp = TempDir::new("dots");
        std::fs::create_dir_all(tmp.0.join("a/b")).unwrap();
        std::fs::create_dir_all(tmp.0.join("a/c")).unwrap();
        std::fs::write(tmp.0.join("a/b").join(FILE_NAME), "").unwrap();
        assert_eq!(
            Config::discover(&tmp.0.join("a/b/../c")),
            Config::discover(&tmp.0.join("a/c"))
        );
        assert_ne!(
            Config::discover(&tmp.0.join("a/b/../c")),
            Some(tmp.0.join("a/b").join(FILE_NAME))
        );
    }

    #[test]
    fn discover_from_an_empty_relative_path_starts_at_the_current_folder() {
        // the folder of "draft.md" is ""; it must not be taken as "no folder at all"
        let from_empty = Config::discover(Path::new(""));
        let from_dot = Config::discover(Path::new("."));
        assert_eq!(from_empty, from_dot);
    }
}
