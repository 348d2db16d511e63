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

use corroborate::config::{normalize, Config, ModelConfig};
use corroborate::engine::{CheckedSentence, Engine, MatchSettings};
use corroborate::report::{json, text, Counts, FileReport, Sources};
use corroborate::semantic::{Embeddings, SemanticError};

use crate::Format;

pub struct CheckArgs<'a> {
    /// `--corpus`, as given.
    pub corpus: &'a [PathBuf],
    /// `--config`.
    pub config: Option<&'a Path>,
    pub format: Format,
    pub verbose: bool,
    /// `--model`: the folder of the sentence-embedding model.
    pub model: Option<&'a Path>,
    /// `--no-model`: judge on words alone.
    pub no_model: bool,
    pub files: &'a [PathBuf],
}

const NO_CORPUS: &str = "no corpus: pass --corpus PATH or add corpus = [...] to corroborate.toml";

/// Drafts that share corpus roots and settings, checked by one engine.
struct Group {
    roots: Vec<PathBuf>,
    settings: MatchSettings,
    model: ModelConfig,
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
        let mut model = config.model.clone();
        if let Some(dir) = args.model {
            model.path = Some(dir.to_path_buf());
        }
        if args.no_model {
            model.enabled = false;
        }
        let group = match groups
            .iter()
            .position(|g| g.roots == roots && g.settings == settings && g.model == model)
        {
            Some(i) => i,
            None => {
                groups.push(Group {
                    roots,
                    settings,
                    model,
                });
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
        engines.push((engine, group.roots, group.model));
    }

    // The optional model: each distinct one loaded once; the sources embedded (read back
    // from the cache after the first run), then the drafts' claims.
    let mut models: HashMap<Option<PathBuf>, Option<Embeddings>> = HashMap::new();
    for (i, (engine, _, model)) in engines.iter().enumerate() {
        if !model.enabled {
            continue;
        }
        let embeddings = models
            .entry(model.path.clone())
            .or_insert_with(|| load_model(model, args.verbose, &mut stderr));
        let Some(embeddings) = embeddings else {
            continue;
        };
        let embedded = embed_sources(engine, embeddings, &mut stderr).and_then(|()| {
            drafts
                .iter()
                .filter(|d| d.group == i)
                .try_for_each(|d| engine.embed_draft(embeddings, &d.text).map(drop))
        });
        if let Err(e) = embedded {
            writeln!(stderr, "warning: {e}; judging on words alone")?;
        }
    }

    let checked: Vec<Vec<CheckedSentence>> = drafts
        .iter()
        .map(|d| engines[d.group].0.check_markdown(&d.text))
        .collect();
    let sources: Vec<Sources> = engines
        .iter()
        .map(|(engine, roots, _)| Sources::new(&engine.corpus, roots))
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

/// The model `config` names. A model that is not installed in the default place is the
/// normal case (words alone, said only with --verbose); one that was asked for by path but
/// cannot be used is a warning.
fn load_model(config: &ModelConfig, verbose: bool, stderr: &mut impl Write) -> Option<Embeddings> {
    match Embeddings::load(config.path.as_deref()) {
        Ok(embeddings) => {
            if verbose {
                let _ = writeln!(
                    stderr,
                    "note: matching on words and sentence embeddings ({})",
                    embeddings.description()
                );
            }
            if let Some(problem) = embeddings.cache_problem() {
                let _ = writeln!(
                    stderr,
                    "warning: embeddings are not kept on disk: {problem}"
                );
            }
            Some(embeddings)
        }
        Err(e) => {
            if config.path.is_some() && !matches!(e, SemanticError::TurnedOff) {
                let _ = writeln!(stderr, "warning: {e}; judging on words alone");
            } else if verbose {
                let _ = writeln!(stderr, "note: matching on words alone ({e})");
            }
            None
        }
    }
}

/// Embeds the sources the cache does not hold yet, showing how far it got on a terminal
/// (the first run over a large corpus takes minutes).
fn embed_sources(
    engine: &Engine,
    embeddings: &Embeddings,
    stderr: &mut impl Write,
) -> Result<(), SemanticError> {
    let terminal = io::stderr().is_terminal();
    let mut shown = 0;
    let stats = engine.embed_sources(
        embeddings,
        &mut |done, total| {
            if terminal && total >= 256 && (done - shown >= 64 || done == total) {
                shown = done;
                let _ = write!(stderr, "\rembedding source sentences: {done}/{total}");
            }
        },
        &|| false,
    )?;
    if shown > 0 {
        let _ = writeln!(stderr, " ({} from the cache)", stats.from_cache);
    }
    Ok(())
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
