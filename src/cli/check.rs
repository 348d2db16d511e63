//! `corroborate check`: drafts → verdicts on stdout, warnings on stderr, an exit code.
//!
//! Every draft is read and every corroborate.toml parsed before anything is printed, so an
//! error leaves stdout empty (a tool reading `--format json` never sees half an object).
//! Drafts in different folders may find different corroborate.toml files: they are grouped
//! by (corpus roots, settings) and each group loads its corpus once.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use corroborate::config::{normalize, Config};
use corroborate::engine::{CheckedSentence, Engine, MatchSettings};
use corroborate::report::{json, text, Counts, FileReport, Sources};

use crate::Format;

pub struct CheckArgs<'a> {
    /// `--corpus`, as given.
    pub corpus: &'a [PathBuf],
    /// `--config`.
    pub config: Option<&'a Path>,
    pub format: Format,
    pub verbose: bool,
    pub files: &'a [PathBuf],
}

const NO_CORPUS: &str = "no corpus: pass --corpus PATH or add corpus = [...] to corroborate.toml";

/// Drafts that share corpus roots and settings, checked by one engine.
struct Group {
    roots: Vec<PathBuf>,
    settings: MatchSettings,
}

struct Draft {
    path: PathBuf,
    text: String,
    group: usize,
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let explicit = match args.config {
        Some(path) => {
            let mut config = Config::load(path)?;
            config.corpus = config.corpus.iter().map(|p| normalize(p)).collect();
            Some(config)
        }
        None => None,
    };
    let mut discovered: HashMap<PathBuf, Config> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut drafts = Vec::with_capacity(args.files.len());

    for path in args.files {
        let text = read_draft(path)?;
        let config = match &explicit {
            Some(config) => config.clone(),
            None => discover_config(path, &mut discovered)?,
        };
        // The command line names the corpus; the toml still brings aliases and thresholds.
        let roots = if args.corpus.is_empty() {
            config.corpus.clone()
        } else {
            args.corpus.to_vec()
        };
        if roots.is_empty() {
            bail!(NO_CORPUS);
        }
        let settings = config.match_settings();
        let group = match groups
            .iter()
            .position(|g| g.roots == roots && g.settings == settings)
        {
            Some(i) => i,
            None => {
                groups.push(Group { roots, settings });
                groups.len() - 1
            }
        };
        drafts.push(Draft {
            path: path.clone(),
            text,
            group,
        });
    }

    let mut stderr = io::stderr().lock();
    let mut warned = BTreeSet::new();
    let mut engines = Vec::with_capacity(groups.len());
    for group in groups {
        let (engine, warnings) = Engine::load(&group.roots, group.settings)?;
        for warning in warnings {
            // two groups sharing a root would repeat its warnings
            let line = format!("warning: {warning}");
            if warned.insert(line.clone()) {
                writeln!(stderr, "{line}")?;
            }
        }
        engines.push((engine, group.roots));
    }

    let checked: Vec<Vec<CheckedSentence>> = drafts
        .iter()
        .map(|d| engines[d.group].0.check_markdown(&d.text))
        .collect();
    let sources: Vec<Sources> = engines
        .iter()
        .map(|(engine, roots)| Sources::new(&engine.corpus, roots))
        .collect();
    let reports: Vec<FileReport> = drafts
        .iter()
        .zip(&checked)
        .map(|(d, sentences)| FileReport {
            path: &d.path,
            text: &d.text,
            sentences,
            sources: &sources[d.group],
        })
        .collect();

    let attention = checked.iter().any(|s| Counts::of(s).needs_attention());
    let code = ExitCode::from(u8::from(attention));
    match print(&reports, args.format, args.verbose) {
        // `corroborate check … | head` closed the pipe: the reader has what it wanted
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(code),
        Err(e) => Err(anyhow!("writing the report: {e}")),
        Ok(()) => Ok(code),
    }
}

fn print(reports: &[FileReport], format: Format, verbose: bool) -> io::Result<()> {
    let stdout = io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => json::write(&mut out, reports)?,
        Format::Text => {
            let options = text::TextOptions { verbose, color };
            for file in reports {
                text::write_file(&mut out, file, options)?;
            }
        }
    }
    out.flush()
}

fn read_draft(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path)
        .map_err(|e| anyhow!("{}: cannot read the draft: {e}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
        anyhow!(
            "{}: not UTF-8 text (invalid byte 0x{:02x} on line {line}); save the draft as UTF-8",
            path.display(),
            bytes.get(bad).copied().unwrap_or(0)
        )
    })
}

/// The corroborate.toml nearest to the draft's folder, loaded once per file; the default
/// configuration when there is none.
fn discover_config(draft: &Path, cache: &mut HashMap<PathBuf, Config>) -> anyhow::Result<Config> {
    let folder = draft.parent().unwrap_or(Path::new(""));
    let Some(found) = Config::discover(folder) else {
        return Ok(Config::default());
    };
    if let Some(config) = cache.get(&found) {
        return Ok(config.clone());
    }
    // Paths are shown as a person would type them from here: relative to the current
    // folder (corpus paths in the toml are relative to the toml, so they follow).
    let shown = relative_to_cwd(&found);
    let mut config = Config::load(&shown)?;
    config.corpus = config.corpus.iter().map(|p| normalize(p)).collect();
    cache.insert(found, config.clone());
    Ok(config)
}

/// `path` (absolute) relative to the current folder, with `..` where needed; `path` itself
/// when there is no current folder or no common prefix (another drive).
fn relative_to_cwd(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_path_buf();
    };
    let path = normalize(path);
    let cwd = normalize(&cwd);
    let common = path
        .components()
        .zip(cwd.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return path;
    }
    let up = cwd.components().count() - common;
    let mut rel: PathBuf = std::iter::repeat_n(Component::ParentDir, up).collect();
    rel.extend(path.components().skip(common));
    if rel.as_os_str().is_empty() {
        rel.push(".");
    }
    rel
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_to_cwd_climbs_and_descends() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            relative_to_cwd(&cwd.join("a/b.toml")),
            PathBuf::from("a/b.toml")
        );
        assert_eq!(relative_to_cwd(&cwd), PathBuf::from("."));
        let parent = cwd.parent().unwrap();
        assert_eq!(
            relative_to_cwd(&parent.join("shared/c.toml")),
            PathBuf::from("../shared/c.toml")
        );
    }
}
