//! Settings: the same keys as corroborate.toml (`corpus`, `aliases`, `thresholds`, `model`,
//! `severity`), from the editor (`initializationOptions`, `workspace/configuration` section
//! `corroborate`, `workspace/didChangeConfiguration`) and from the project's
//! corroborate.toml.
//!
//! Layering, key by key (tables merge, everything else replaces): built-in defaults, then the
//! editor's settings, then corroborate.toml. The project file wins so that the editor shows
//! what `corroborate check` shows; the editor fills in what the file leaves out.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::config::{Config, ConfigError};

/// The keys shared with corroborate.toml. Anything else in the editor's section (VS Code puts
/// `trace` there) is not ours and is ignored.
const KEYS: [&str; 5] = ["corpus", "aliases", "thresholds", "model", "severity"];

/// What the editor has said, globally and per workspace folder.
#[derive(Debug, Default)]
pub struct EditorSettings {
    /// From `initializationOptions`, replaced by each non-empty `didChangeConfiguration`.
    pub global: Option<Value>,
    /// From `workspace/configuration`, asked per workspace folder (`scopeUri`).
    pub per_folder: HashMap<PathBuf, Value>,
}

impl EditorSettings {
    /// The folder's own answer if it holds any of our keys, else the global settings.
    pub fn for_folder(&self, folder: &Path) -> Option<&Value> {
        self.per_folder
            .get(folder)
            .filter(|v| section(v).is_some())
            .or(self.global.as_ref())
    }
}

/// The settings in force for one workspace folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub config: Config,
    /// The corroborate.toml that took part, if any.
    pub file: Option<PathBuf>,
}

/// The `corroborate` section of what the editor sent: `{"corroborate": {...}}` or the keys
/// directly. `None` when it holds none of our keys.
pub fn section(value: &Value) -> Option<Map<String, Value>> {
    let object = match value.get("corroborate") {
        Some(Value::Object(inner)) => inner,
        _ => value.as_object()?,
    };
    let ours: Map<String, Value> = object
        .iter()
        .filter(|(k, v)| KEYS.contains(&k.as_str()) && !v.is_null())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    (!ours.is_empty()).then_some(ours)
}

/// Combines the editor's settings (their relative corpus paths taken from `base`, the
/// workspace folder) with the corroborate.toml nearest to `folder`. The error names where
/// the bad setting came from.
pub fn resolve(folder: &Path, base: &Path, editor: Option<&Value>) -> Result<Resolved, String> {
    let mut merged = Map::new();
    if let Some(mut layer) = editor.and_then(section) {
        if let Some(corpus) = layer.get_mut("corpus") {
            *corpus = absolute_paths(corpus, base)
                .ok_or("corroborate settings: `corpus` must be a path or a list of paths")?;
        }
        let model_path = layer.get_mut("model").and_then(|m| m.get_mut("path"));
        if let Some(path) = model_path.filter(|p| p.is_string()) {
            if let Some(Value::Array(mut one)) = absolute_paths(path, base) {
                *path = one.pop().unwrap_or(Value::Null);
            }
        }
        serde_json::from_value::<Config>(Value::Object(layer.clone()))
            .map_err(|e| e.to_string())
            .and_then(|c| c.thresholds.validate())
            .map_err(|e| format!("corroborate settings (from the editor): {e}"))?;
        merged = layer;
    }
    let file = Config::discover(folder);
    if let Some(path) = &file {
        deep_merge(&mut merged, file_layer(path)?);
    }
    let config =
        serde_json::from_value::<Config>(Value::Object(merged)).map_err(|e| match &file {
            Some(path) => format!("{}: {e}", path.display()),
            None => format!("corroborate settings: {e}"),
        })?;
    Ok(Resolved { config, file })
}

/// The keys a corroborate.toml actually sets, as JSON, checked and with its corpus paths
/// resolved as the CLI does it ([`Config::parse`]); errors worded as the CLI words them.
fn file_layer(path: &Path) -> Result<Map<String, Value>, String> {
    let malformed = |reason: String| {
        ConfigError::Malformed {
            path: path.to_path_buf(),
            reason,
        }
        .to_string()
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError::Unreadable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }
        .to_string()
    })?;
    let checked =
        Config::parse(&text, path.parent().unwrap_or(Path::new("."))).map_err(malformed)?;
    let table: toml::Table =
        toml::from_str(&text).map_err(|e| malformed(e.message().to_string()))?;
    let mut layer = match serde_json::to_value(table) {
        Ok(Value::Object(map)) => map,
        _ => return Err(malformed("not a table".into())),
    };
    if layer.contains_key("corpus") {
        let paths = checked
            .corpus
            .iter()
            .map(|p| Value::String(p.to_string_lossy().into_owned()))
            .collect();
        layer.insert("corpus".into(), Value::Array(paths));
    }
    if let (Some(Value::Object(model)), Some(path)) = (layer.get_mut("model"), &checked.model.path)
    {
        model.insert(
            "path".into(),
            Value::String(path.to_string_lossy().into_owned()),
        );
    }
    Ok(layer)
}

/// A path or list of paths, each made absolute against `base`.
fn absolute_paths(value: &Value, base: &Path) -> Option<Value> {
    let list = match value {
        Value::String(_) => vec![value.clone()],
        Value::Array(items) => items.clone(),
        _ => return None,
    };
    list.iter()
        .map(|item| {
            let path = Path::new(item.as_str()?);
            let path = if path.is_relative() {
                base.join(path)
            } else {
                path.to_path_buf()
            };
            Some(Value::String(path.to_string_lossy().into_owned()))
        })
        .collect::<Option<Vec<_>>>()
        .map(Value::Array)
}

/// `top` over `base`: tables merge key by key, anything else in `top` replaces.
fn deep_merge(base: &mut Map<String, Value>, top: Map<String, Value>) {
    for (key, value) in top {
        match (base.get_mut(&key), value) {
            (Some(Value::Object(b)), Value::Object(t)) => deep_merge(b, t),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Severity, FILE_NAME};
    use serde_json::json;

    fn temp_folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "corroborate-settings-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn nested_or_flat_and_only_our_keys() {
        let nested = json!({"corroborate": {"corpus": ["a"], "trace": {"server": "off"}}});
        let flat = json!({"corpus": ["a"], "other": 1});
        assert_eq!(section(&nested), section(&flat));
        assert_eq!(section(&nested).unwrap().len(), 1);
        assert_eq!(section(&json!({"trace": 1})), None);
        assert_eq!(section(&Value::Null), None);
    }

    #[test]
    fn editor_paths_are_relative_to_the_folder_and_defaults_fill_the_rest() {
        let dir = temp_folder("editor");
        let editor = json!({"corroborate": {"corpus": "sources", "severity": {"copied": "error"}}});
        let r = resolve(&dir, &dir, Some(&editor)).unwrap();
        assert_eq!(r.file, None);
        assert_eq!(r.config.corpus, vec![dir.join("sources")]);
        assert_eq!(r.config.severity.copied, Severity::Error);
        assert_eq!(r.config.severity.unsupported, Severity::Warning);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn editor_aliases_take_names_and_what_belongs_to_what() {
        let dir = temp_folder("aliases");
        let editor = json!({"corroborate": {"aliases": {
            "wagner": ["Wagner Group"],
            "within": {"wagner": "russia"}
        }}});
        let r = resolve(&dir, &dir, Some(&editor)).unwrap();
        let settings = r.config.match_settings();
        assert_eq!(
            settings.aliases,
            vec![("wagner".to_string(), vec!["Wagner Group".to_string()])]
        );
        assert_eq!(
            settings.within,
            vec![("wagner".to_string(), "russia".to_string())]
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_project_file_wins_key_by_key() {
        let dir = temp_folder("layers");
        std::fs::write(
            dir.join(FILE_NAME),
            "corpus = [\"../src\"]\n[severity]\nunsupported = \"hint\"\n",
        )
        .unwrap();
        let editor = json!({"corpus": ["elsewhere"], "severity": {"copied": "error", "unsupported": "error"}});
        let r = resolve(&dir, &dir, Some(&editor)).unwrap();
        assert_eq!(r.file, Some(dir.join(FILE_NAME)));
        assert_eq!(r.config.corpus, vec![dir.join("../src")]);
        assert_eq!(r.config.severity.unsupported, Severity::Hint);
        assert_eq!(r.config.severity.copied, Severity::Error);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn errors_name_their_source() {
        let dir = temp_folder("errors");
        let bad = json!({"severity": {"copied": "loud"}});
        let e = resolve(&dir, &dir, Some(&bad)).unwrap_err();
        assert!(e.contains("from the editor") && e.contains("loud"), "{e}");
        let bad = json!({"thresholds": {"copied": 9}});
        let e = resolve(&dir, &dir, Some(&bad)).unwrap_err();
        assert!(
            e.contains("from the editor") && e.contains("thresholds.copied"),
            "{e}"
        );
        let e = resolve(&dir, &dir, Some(&json!({"corpus": 3}))).unwrap_err();
        assert!(e.contains("corpus"), "{e}");
        std::fs::write(dir.join(FILE_NAME), "corpus = [").unwrap();
        let e = resolve(&dir, &dir, None).unwrap_err();
        assert!(
            e.contains(&dir.join(FILE_NAME).display().to_string()),
            "{e}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
