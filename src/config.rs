//! corroborate.toml: the project file shared by the CLI and the server.
//!
//! ```toml
//! corpus = ["../sources", "notes/extra.md"]   # relative to this file
//! [aliases]
//! russia = ["Moscow", "the Kremlin"]          # added to data/aliases.toml
//! [thresholds]
//! supported = 0.5
//! copied = 0.9
//! [severity]                                   # used by the language server
//! unsupported = "warning"
//! conflicting = "warning"
//! copied = "information"
//! supported = "off"
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    pub copied: f32,
}

impl Default for Thresholds {
    fn default() -> Self {
        let d = MatchSettings::default();
        Thresholds {
            supported: d.supported_threshold,
            copied: d.copied_threshold,
        }
    }
}

/// The contents of a corroborate.toml, corpus paths resolved against its folder.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub corpus: Vec<PathBuf>,
    pub aliases: BTreeMap<String, Vec<String>>,
    pub thresholds: Thresholds,
    pub severity: Severities,
}

impl Config {
    /// Reads `path`; relative corpus paths are taken relative to the file's folder.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Unreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|e| ConfigError::Malformed {
            path: path.to_path_buf(),
            reason: e.message().to_string(),
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        for p in &mut config.corpus {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        }
        Ok(config)
    }

    /// The nearest corroborate.toml in `start` (a folder) or one of its parents.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    pub fn match_settings(&self) -> MatchSettings {
        MatchSettings {
            aliases: self
                .aliases
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            supported_threshold: self.thresholds.supported,
            copied_threshold: self.thresholds.copied,
        }
    }
}
