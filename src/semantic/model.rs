//! Where the model's files are: a configured folder, else `CORROBORATE_MODEL`, else the user
//! data folder that `corroborate model install` fills. Only the first of these that is set is
//! looked at: a folder the user named and got wrong is reported, never silently replaced by
//! another model. Looking never touches the network.

use std::ffi::OsString;
use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::SemanticError;

/// The environment variable naming a model folder (below a configured one, above the default).
pub const ENV_VAR: &str = "CORROBORATE_MODEL";
/// The model's name: the last component of the default folder and the prefix of model ids.
pub const MODEL_NAME: &str = "all-MiniLM-L6-v2";
/// The weights file, the tokenizer and the BERT config: what the encoder cannot do without.
pub const REQUIRED_FILES: [&str; 3] = ["model.safetensors", "tokenizer.json", "config.json"];

/// The files of one model folder, each known to exist when [`ModelFiles::locate`] returns it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFiles {
    pub dir: PathBuf,
    pub safetensors: PathBuf,
    pub tokenizer: PathBuf,
    pub config: PathBuf,
}

/// Why a folder was the one looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Given by the caller (a command-line flag or a setting).
    Configured,
    /// Named by the `CORROBORATE_MODEL` environment variable.
    Environment,
    /// The per-user data folder, where `corroborate model install` puts the model.
    Default,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Configured => "configured",
            Origin::Environment => ENV_VAR,
            Origin::Default => "default folder",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `<data dir>/corroborate/models/all-MiniLM-L6-v2`: on Linux `$XDG_DATA_HOME` (when absolute)
/// or `~/.local/share`; on macOS `~/Library/Application Support`; on Windows the roaming
/// AppData folder.
pub fn default_dir() -> Result<PathBuf, SemanticError> {
    dirs::data_dir()
        .map(|data| data.join("corroborate").join("models").join(MODEL_NAME))
        .ok_or(SemanticError::NoDataDir)
}

impl ModelFiles {
    /// The model in `configured`, else in `$CORROBORATE_MODEL`, else in [`default_dir`].
    /// `CORROBORATE_MODEL=off` turns the model off whatever else is configured.
    pub fn locate(configured: Option<&Path>) -> Result<ModelFiles, SemanticError> {
        if std::env::var_os(ENV_VAR).is_some_and(|v| v == "off") {
            return Err(SemanticError::TurnedOff);
        }
        let (dir, origin) = Self::where_to_look(configured)?;
        Self::in_dir(&dir, origin)
    }

    /// The one folder [`ModelFiles::locate`] looks in, and why that one.
    pub fn where_to_look(configured: Option<&Path>) -> Result<(PathBuf, Origin), SemanticError> {
        choose_dir(configured, std::env::var_os(ENV_VAR), default_dir)
    }

    /// The model files in `dir`, or which of them are missing there.
    pub fn in_dir(dir: &Path, origin: Origin) -> Result<ModelFiles, SemanticError> {
        let missing: Vec<String> = REQUIRED_FILES
            .iter()
            .filter(|name| !dir.join(name).is_file())
            .map(|name| name.to_string())
            .collect();
        if !missing.is_empty() {
            let mut hint = String::new();
            if !dir.is_dir() {
                hint.push_str(" (the folder does not exist)");
            }
            if origin == Origin::Default {
                hint.push_str("; install it with `corroborate model install`");
            }
            return Err(SemanticError::NotFound {
                dir: dir.to_path_buf(),
                origin: origin.as_str(),
                missing,
                hint,
            });
        }
        Ok(ModelFiles {
            dir: dir.to_path_buf(),
            safetensors: dir.join("model.safetensors"),
            tokenizer: dir.join("tokenizer.json"),
            config: dir.join("config.json"),
        })
    }

    /// The sentence-transformers config beside the weights (max_seq_length); optional.
    pub fn sentence_bert_config(&self) -> PathBuf {
        self.dir.join("sentence_bert_config.json")
    }

    /// The pooling config (mean, CLS, max...); optional, mean pooling when absent.
    pub fn pooling_config(&self) -> PathBuf {
        self.dir.join("1_Pooling").join("config.json")
    }
}

/// [`ModelFiles::where_to_look`] with the environment and the data folder passed in, so tests
/// need not change the process environment.
fn choose_dir(
    configured: Option<&Path>,
    env: Option<OsString>,
    default: impl FnOnce() -> Result<PathBuf, SemanticError>,
) -> Result<(PathBuf, Origin), SemanticError> {
    if let Some(dir) = configured {
        return Ok((dir.to_path_buf(), Origin::Configured));
    }
    if let Some(dir) = env.filter(|v| !v.is_empty()) {
        return Ok((PathBuf::from(dir), Origin::Environment));
    }
    Ok((default()?, Origin::Default))
}

/// The lowercase hex sha256 of a file, read in chunks (the weights are 90 MB).
pub fn sha256_file(path: &Path) -> Result<String, SemanticError> {
    let mut file = File::open(path).map_err(|e| SemanticError::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| SemanticError::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantic::test_support::Scratch;

    fn fill(dir: &Path, names: &[&str]) {
        for name in names {
            std::fs::write(dir.join(name), b"x").unwrap();
        }
    }

    fn no_default() -> Result<PathBuf, SemanticError> {
        Err(SemanticError::NoDataDir)
    }

    #[test]
    fn configured_beats_environment_beats_default() {
        let conf = PathBuf::from("/conf");
        let env = Some(OsString::from("/env"));
        let default = || Ok(PathBuf::from("/default"));
        assert_eq!(
            choose_dir(Some(&conf), env.clone(), default).unwrap(),
            (conf.clone(), Origin::Configured)
        );
        assert_eq!(
            choose_dir(None, env, default).unwrap(),
            (PathBuf::from("/env"), Origin::Environment)
        );
        assert_eq!(
            choose_dir(None, None, default).unwrap(),
            (PathBuf::from("/default"), Origin::Default)
        );
        // An empty variable counts as unset, as shells write `CORROBORATE_MODEL= cmd`.
        assert_eq!(
            choose_dir(None, Some(OsString::new()), default).unwrap(),
            (PathBuf::from("/default"), Origin::Default)
        );
        // The data folder is only asked for when nothing else is set.
        assert!(choose_dir(Some(&conf), None, no_default).is_ok());
        assert!(matches!(
            choose_dir(None, None, no_default),
            Err(SemanticError::NoDataDir)
        ));
    }

    #[test]
    fn a_complete_folder_is_found_with_its_files() {
        let dir = Scratch::new("complete");
        fill(&dir.0, &REQUIRED_FILES);
        let files = ModelFiles::in_dir(&dir.0, Origin::Configured).unwrap();
        assert_eq!(files.dir, dir.0);
        assert_eq!(files.safetensors, dir.0.join("model.safetensors"));
        assert_eq!(files.tokenizer, dir.0.join("tokenizer.json"));
        assert_eq!(files.config, dir.0.join("config.json"));
    }

    #[test]
    fn the_error_names_the_folder_and_the_missing_files() {
        let dir = Scratch::new("partial");
        fill(&dir.0, &["tokenizer.json"]);
        let err = ModelFiles::in_dir(&dir.0, Origin::Environment).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(&dir.0.display().to_string()), "{msg}");
        assert!(msg.contains("CORROBORATE_MODEL"), "{msg}");
        assert!(msg.contains("model.safetensors, config.json"), "{msg}");
        assert!(!msg.contains("tokenizer.json"), "{msg}");
        assert!(!msg.contains("model install"), "{msg}");
    }

    #[test]
    fn a_missing_default_folder_says_how_to_install() {
        let dir = Scratch::new("absent");
        let absent = dir.0.join("nothing-here");
        let msg = ModelFiles::in_dir(&absent, Origin::Default)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("the folder does not exist"), "{msg}");
        assert!(msg.contains("corroborate model install"), "{msg}");
    }

    #[test]
    fn a_folder_named_like_a_file_is_not_a_file() {
        let dir = Scratch::new("dirs");
        fill(&dir.0, &["tokenizer.json", "config.json"]);
        std::fs::create_dir(dir.0.join("model.safetensors")).unwrap();
        assert!(ModelFiles::in_dir(&dir.0, Origin::Configured).is_err());
    }

    #[test]
    fn sha256_of_a_known_text() {
        let dir = Scratch::new("sha");
        let path = dir.0.join("abc");
        std::fs::write(&path, b"abc").unwrap();
        // FIPS 180-2, appendix B.1.
        assert_eq!(
            sha256_file(&path).unwrap(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn default_dir_ends_in_the_model_name() {
        if let Ok(dir) = default_dir() {
            assert!(
                dir.ends_with("corroborate/models/all-MiniLM-L6-v2"),
                "{dir:?}"
            );
        }
    }
}
