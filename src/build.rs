//! The pipeline, end to end: load → parse → extract → corpus → render → write.
//! `compile` is the pure middle (values in, site or diagnostics out); `build`
//! adds the I/O edges. `gdtx check` runs `compile` and writes nothing.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::citations::Registry;
use crate::corpus::Corpus;
use crate::diagnostics::{self, Diagnostic};
use crate::letter::Letter;
use crate::load::{self, EnvError, Loaded};
use crate::write::Output;

/// The result of compiling a site: output when there were no errors, and every
/// diagnostic (warnings included) in a deterministic order.
pub struct Compiled {
    pub output: Option<Output>,
    pub corpus: Corpus,
    pub diagnostics: Vec<Diagnostic>,
    /// Wall time of each stage, for `--timings` and the benchmarks.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Every letter parsed, with the diagnostics of each (by display path) kept
/// apart so `gdtx serve` can replace one letter's.
pub struct Parsed {
    pub registry: Registry,
    /// Letters without errors, in load order.
    pub letters: Vec<Letter>,
    /// Problems of the site as a whole (encoding, the document registry).
    pub site_diagnostics: Vec<Diagnostic>,
    /// Each letter file's problems, by display path (files without any absent).
    pub letter_diagnostics: BTreeMap<String, Vec<Diagnostic>>,
}

/// Parses every letter in parallel.
pub fn parse(loaded: &Loaded) -> Parsed {
    let mut site_diagnostics = loaded.diagnostics.clone();
    let registry = registry(loaded, &mut site_diagnostics);
    let parsed: Vec<(Option<Letter>, Vec<Diagnostic>)> = loaded
        .sources
        .par_iter()
        .map(|source| Letter::parse(source, &loaded.config, &registry))
        .collect();
    let mut letters = Vec::with_capacity(parsed.len());
    let mut letter_diagnostics = BTreeMap::new();
    for ((letter, ds), source) in parsed.into_iter().zip(&loaded.sources) {
        if !ds.is_empty() {
            letter_diagnostics.insert(source.path.clone(), ds);
        }
        letters.extend(letter);
    }
    Parsed {
        registry,
        letters,
        site_diagnostics,
        letter_diagnostics,
    }
}

/// Parses every letter in parallel, builds the corpus and renders it.
pub fn compile(loaded: &Loaded) -> Compiled {
    let mut timings = Vec::new();
    let started = std::time::Instant::now();
    let Parsed {
        registry,
        letters,
        site_diagnostics,
        letter_diagnostics,
    } = parse(loaded);
    let mut diagnostics = site_diagnostics;
    diagnostics.extend(letter_diagnostics.into_values().flatten());
    timings.push(("parse", started.elapsed()));
    let started = std::time::Instant::now();
    let (corpus, corpus_diagnostics) = Corpus::build(letters, &registry);
    timings.push(("corpus", started.elapsed()));
    let started = std::time::Instant::now();
    diagnostics.extend(corpus_diagnostics);
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let output = if has_errors {
        None
    } else {
        match crate::render::render(&corpus, &loaded.config, &loaded.theme, &loaded.assets) {
            Ok(output) => Some(output),
            Err(ds) => {
                diagnostics.extend(ds);
                None
            }
        }
    };
    timings.push(("render", started.elapsed()));
    diagnostics::sort(&mut diagnostics);
    Compiled {
        output,
        corpus,
        diagnostics,
        timings,
    }
}

/// The documents gdtx knows (data/documents.toml, built in) plus the site's own
/// data/documents.toml, if any.
fn registry(loaded: &Loaded, diagnostics: &mut Vec<Diagnostic>) -> Registry {
    let mut registry = Registry::builtin();
    if let Some(text) = &loaded.registry_text {
        match Registry::parse(text) {
            Ok(site) => registry.merge(site),
            Err(e) => diagnostics.push(
                Diagnostic::error(load::REGISTRY_FILE, format!("the document registry cannot be read: {}", e.trim()))
                    .help("each entry is [[document]] with cite = \"…\" and optional title, url, province, district, aliases"),
            ),
        }
    }
    registry
}

/// Texts that diagnostics may point into, by display path.
pub fn sources_by_path(loaded: &Loaded) -> BTreeMap<String, String> {
    let mut map: BTreeMap<String, String> = loaded
        .sources
        .iter()
        .map(|s| (s.path.clone(), s.text.clone()))
        .collect();
    map.extend(loaded.raw_texts.clone());
    map.insert(
        crate::config::CONFIG_FILE.to_owned(),
        loaded.config_text.clone(),
    );
    map
}

/// Renders diagnostics as the terminal shows them.
pub fn render_diagnostics(
    diagnostics: &[Diagnostic],
    sources: &BTreeMap<String, String>,
    color: bool,
) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(sources.get(&d.path).map(String::as_str), color))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a build did, for the CLI to report.
pub struct BuildReport {
    pub compiled: Compiled,
    pub sources: BTreeMap<String, String>,
    pub written: bool,
}

/// Loads `root`, compiles it and, when `out_dir` is given and there are no
/// errors, writes the site there.
pub fn build(root: &Path, out_dir: Option<&Path>) -> Result<BuildReport, EnvError> {
    let started = std::time::Instant::now();
    let loaded = load::load(root)?;
    let load_time = started.elapsed();
    let mut compiled = compile(&loaded);
    compiled.timings.insert(0, ("load", load_time));
    let mut written = false;
    if let (Some(out_dir), Some(output)) = (out_dir, &compiled.output) {
        let started = std::time::Instant::now();
        crate::write::write_site(output, out_dir)?;
        compiled.timings.push(("write", started.elapsed()));
        written = true;
    }
    Ok(BuildReport {
        sources: sources_by_path(&loaded),
        compiled,
        written,
    })
}
