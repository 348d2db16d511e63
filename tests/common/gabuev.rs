//! One small corpus (a thread by Alexander Gabuev with a sources.toml) and a draft with a
//! verbatim copy from it and a claim it never makes: the fixture of the feature and command
//! tests.

use super::TempDir;

pub const SOURCE: &str = "The ceasefire statement was signed on 9 November 2020.\n\
                          The Kremlin 😀 waited for weeks. Russia deployed 2000 peacekeepers along the Lachin corridor.\n";
/// The last sentence of [`SOURCE`], word for word.
pub const COPIED: &str = "Russia deployed 2000 peacekeepers along the Lachin corridor.";
/// A claim no corpus here mentions: unsupported whatever the judge.
pub const ABSENT: &str = "The lunar colony on Mars opened its third greenhouse in 2031.";

/// A folder with the corpus in `sources/` and a corroborate.toml pointing at it.
pub fn workspace(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    dir.write("sources/gabuev.txt", SOURCE);
    dir.write(
        "sources/sources.toml",
        "[[source]]\nfile = \"gabuev.txt\"\nauthor = \"Alexander Gabuev\"\naffiliation = \"Carnegie Moscow Center\"\n\
         kind = \"thread\"\ntitle = \"Russian calculus after the ceasefire\"\ndate = \"2020-11-10\"\n\
         url = \"https://example.org/gabuev/1\"\n",
    );
    dir.write("corroborate.toml", "corpus = [\"sources\"]\n");
    dir
}

/// A heading, then [`COPIED`] and [`ABSENT`] as paragraphs of their own.
pub fn draft() -> String {
    format!("# Draft\n\n{COPIED}\n\n{ABSENT}\n")
}
