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
use crate::render::{RenderError, Rendered};
use crate::write::{MemorySink, Output, Sink, SiteWriter};

/// The result of compiling a site: output when there were no errors, and every
/// diagnostic (warnings included) in a deterministic order.
pub struct Compiled {
    /// The site in memory ([`compile`] only).
    pub output: Option<Output>,
    /// What was rendered, when the site was rendered at all.
    pub rendered: Option<Rendered>,
    /// The sink failed ([`compile_to`] into a folder): an environment problem.
    pub io_error: Option<EnvError>,
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

/// Parses every letter in parallel, builds the corpus and renders it into memory.
pub fn compile(loaded: &Loaded) -> Compiled {
    let sink = MemorySink::default();
    let mut compiled = compile_to(loaded, &sink, false);
    if compiled.rendered.is_some() {
        compiled.output = Some(sink.into_output());
    }
    compiled
}

/// Like [`compile`], but every rendered file goes to `sink` as it is made and
/// `output` stays `None`. Nothing is rendered when there are content errors, or
/// any diagnostic at all with `deny_warnings` (the site would not be published).
/// An I/O error of the sink ends the render and is returned as is.
pub fn compile_to(loaded: &Loaded, sink: &dyn Sink, deny_warnings: bool) -> Compiled {
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
    let publishable =
        !diagnostics.iter().any(Diagnostic::is_error) && (!deny_warnings || diagnostics.is_empty());
    let mut rendered = None;
    let mut io_error = None;
    if publishable {
        let (config, theme, assets) = (&loaded.config, &loaded.theme, &loaded.assets);
        let options = crate::render::Options::default();
        match crate::render::render_to(&corpus, config, theme, assets, options, sink) {
            Ok(r) => rendered = Some(r),
            Err(RenderError::Templates(ds)) => diagnostics.extend(ds),
            Err(RenderError::Io(e)) => io_error = Some(e),
        }
    }
    timings.push(("render", started.elapsed()));
    diagnostics::sort(&mut diagnostics);
    Compiled {
        output: None,
        rendered,
        io_error,
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

/// Texts that diagnostics may point into, by display path. Takes the loaded
/// site apart (no copy of the letters' texts).
pub fn sources_by_path(loaded: Loaded) -> BTreeMap<String, std::sync::Arc<str>> {
    let mut map: BTreeMap<String, std::sync::Arc<str>> = loaded
        .sources
        .into_iter()
        .map(|s| (s.path, s.text))
        .collect();
    map.extend(loaded.raw_texts.into_iter().map(|(p, t)| (p, t.into())));
    map.insert(
        crate::config::CONFIG_FILE.to_owned(),
        loaded.config_text.into(),
    );
    map
}

/// Renders diagnostics as the terminal shows them.
pub fn render_diagnostics(
    diagnostics: &[Diagnostic],
    sources: &BTreeMap<String, std::sync::Arc<str>>,
    color: bool,
) -> String {
    // In parallel, in order: a generated or imported corpus can carry
    // thousands of warnings, each located by counting the lines before it.
    diagnostics
        .par_iter()
        .map(|d| d.render(sources.get(&d.path).map(|t| &**t), color))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a build did, for the CLI to report.
pub struct BuildReport {
    pub compiled: Compiled,
    pub sources: BTreeMap<String, std::sync::Arc<str>>,
    pub written: bool,
}

/// Loads `root`, compiles it and, when `out_dir` is given and there are no
/// errors (nor, with `deny_warnings`, warnings), writes the site there: files
/// stream into a temporary folder that replaces `out_dir` only when the whole
/// site was written.
pub fn build(
    root: &Path,
    out_dir: Option<&Path>,
    deny_warnings: bool,
) -> Result<BuildReport, EnvError> {
    let started = std::time::Instant::now();
    let loaded = load::load(root)?;
    let load_time = started.elapsed();
    let (mut compiled, written) = match out_dir {
        Some(out_dir) => {
            let writer = SiteWriter::create(out_dir)?;
            let mut compiled = compile_to(&loaded, &writer, deny_warnings);
            if let Some(e) = compiled.io_error.take() {
                return Err(e);
            }
            let written = compiled.rendered.is_some();
            if written {
                let started = std::time::Instant::now();
                writer.commit()?;
                compiled.timings.push(("swap", started.elapsed()));
            }
            (compiled, written)
        }
        None => (compile_to(&loaded, &NullSink, deny_warnings), false),
    };
    compiled.timings.insert(0, ("load", load_time));
    Ok(BuildReport {
        sources: sources_by_path(loaded),
        compiled,
        written,
    })
}

/// `gdtx check` renders every page (a broken template is an error too) and
/// keeps none.
struct NullSink;

impl Sink for NullSink {
    fn put(&self, _rel: &str, _bytes: Vec<u8>) -> Result<(), EnvError> {
        Ok(())
    }
}
