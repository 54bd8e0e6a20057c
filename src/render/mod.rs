//! Render stage: corpus → every page of the site as bytes, keyed by output path.
//!
//! Contract: pure (the theme's override files were read by the load stage; each
//! finished file is handed to a [`Sink`]), the same bytes whatever the thread
//! count (pages render in parallel with rayon, each to its own path), and all
//! links relative, so the site works from a sub-path.
//!
//! With a [`Scope`] (`gdtx serve` after an edit, see [`crate::incremental`]),
//! each planner plans only the pages the scope names, and the files that never
//! depend on a letter's text (static files, assets, robots.txt, sitemap.xml) are
//! left out: the output is the part of the site to compare with what is on disk.

pub mod pages;
pub mod theme;
pub mod views;

use std::collections::BTreeMap;

use minijinja::{context, Environment, Value};
use rayon::prelude::*;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::corpus::Corpus;
use crate::diagnostics::Diagnostic;
pub use crate::incremental::Scope;
use crate::load::EnvError;
use crate::load::{Asset, ThemeFiles};
use crate::write::{MemorySink, Output, Sink};
use views::SiteView;

/// Relative prefix from a page's folder to the site root: "" for the home page,
/// "../../" for `a/b/index.html`.
pub fn root_prefix(page_path: &str) -> String {
    "../".repeat(page_path.matches('/').count())
}

/// The prefix for links on a page. The 404 page is served at any depth, so it
/// links from the site's absolute path instead.
fn page_root(page_path: &str, config: &SiteConfig) -> String {
    if page_path == "404.html" {
        base_path(&config.base_url)
    } else {
        root_prefix(page_path)
    }
}

/// "/gdtx/" for "https://example.gov.vn/gdtx/".
pub fn base_path(base_url: &str) -> String {
    match base_url.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map_or_else(|| "/".to_owned(), |i| rest[i..].to_owned()),
        None => base_url.to_owned(),
    }
}

/// One page to render: output path, template, title, breadcrumbs and the page's
/// view, already turned into a template value by the module that planned it.
pub struct Page {
    pub path: String,
    pub template: &'static str,
    pub title: String,
    /// Breadcrumbs: (URL relative to the site root, label).
    pub crumbs: Vec<(String, String)>,
    pub view: Value,
}

impl Page {
    pub fn new(
        path: String,
        template: &'static str,
        title: impl Into<String>,
        view: impl Serialize,
    ) -> Self {
        Page {
            path,
            template,
            title: title.into(),
            crumbs: Vec::new(),
            view: Value::from_serialize(&view),
        }
    }

    pub fn crumbs(mut self, crumbs: Vec<(String, String)>) -> Self {
        self.crumbs = crumbs;
        self
    }
}

/// What every page module adds to: pages to render and finished files (feeds,
/// data exports) keyed by output path. Kinds with many pages hand them over with
/// [`Plan::stream`], which renders each page as soon as it is made, so their
/// views are never all in memory at once.
#[derive(Default)]
pub struct Plan<'s> {
    pub pages: Vec<Page>,
    pub files: BTreeMap<String, Vec<u8>>,
    emit: Option<&'s (dyn Fn(Page) + Sync)>,
    put: Option<&'s (dyn Fn(String, Vec<u8>) + Sync)>,
}

impl Plan<'_> {
    /// Renders (or, without a renderer attached, keeps) every page of `pages`.
    pub fn stream(&mut self, pages: impl ParallelIterator<Item = Page>) {
        match self.emit {
            Some(emit) => pages.for_each(emit),
            None => self.pages.par_extend(pages),
        }
    }

    /// [`Plan::stream_files`] for items that carry a value besides their file:
    /// the values are returned, in order.
    pub fn stream_files_keeping<R: Send>(
        &mut self,
        items: impl IndexedParallelIterator<Item = (String, Vec<u8>, R)>,
    ) -> Vec<R> {
        match self.put {
            Some(put) => items
                .map(|(path, bytes, kept)| {
                    put(path, bytes);
                    kept
                })
                .collect(),
            None => {
                let (files, kept): (Vec<(String, Vec<u8>)>, Vec<R>) = items
                    .map(|(path, bytes, kept)| ((path, bytes), kept))
                    .unzip();
                self.files.extend(files);
                kept
            }
        }
    }

    /// Writes (or, without a writer attached, keeps) every file of `files`,
    /// each as soon as it is made.
    pub fn stream_files(&mut self, files: impl ParallelIterator<Item = (String, Vec<u8>)>) {
        match self.put {
            Some(put) => files.for_each(|(path, bytes)| put(path, bytes)),
            None => self.files.par_extend(files),
        }
    }
}

/// What page modules read. Shared results (issuer series, where each topic's
/// pages are) are computed once here, not in every planner that needs them.
pub struct Ctx<'a> {
    pub corpus: &'a Corpus,
    pub config: &'a SiteConfig,
    /// Issuers with letters in two or more school years ([`crate::compare::series`]).
    pub series: Vec<crate::compare::Series<'a>>,
    /// For each topic of site.toml (in its order), its pages: one per school year
    /// and part ([`pages::topics::layout`]).
    pub topics: Vec<pages::topics::TopicLayout<'a>>,
    /// When set, planners plan only what it names (an incremental rebuild).
    pub scope: Option<&'a Scope>,
    /// Plan the search index files (`gdtx serve` keeps and writes its own).
    pub search_index: bool,
    /// Word diffs already made for a page of this build.
    pub diffs: crate::compare::similarity::DiffCache,
}

impl<'a> Ctx<'a> {
    /// Whether a planner plans a page: always without a scope, else when
    /// `wanted` says the scope names it.
    pub fn wants(&self, wanted: impl FnOnce(&Scope) -> bool) -> bool {
        self.scope.is_none_or(wanted)
    }

    pub fn new(corpus: &'a Corpus, config: &'a SiteConfig) -> Self {
        let (series, topics) = rayon::join(
            || crate::compare::series(corpus),
            || pages::topics::layout(corpus, config),
        );
        Ctx::with(corpus, config, series, topics)
    }

    /// A context of the whole site with these series and topic pages.
    fn with(
        corpus: &'a Corpus,
        config: &'a SiteConfig,
        series: Vec<crate::compare::Series<'a>>,
        topics: Vec<pages::topics::TopicLayout<'a>>,
    ) -> Self {
        Ctx {
            corpus,
            config,
            series,
            topics,
            scope: None,
            search_index: true,
            diffs: Default::default(),
        }
    }
}

/// [`Ctx`]'s series and topic layout with letters as indices into the corpus:
/// they depend only on the letters' identities (school year, issuer, place,
/// tasks, URL), so `gdtx serve` keeps them across edits instead of sorting the
/// whole corpus again for each one.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// (key, label, years with their letters).
    series: Vec<(String, String, Vec<LaidOutYear>)>,
    /// For each topic of site.toml: (year, part, parts, url, letters) per page.
    topics: Vec<Vec<LaidOutPart>>,
}

/// A school year of a series in [`Layout`], with its letters.
type LaidOutYear = (String, Vec<usize>);

/// A topic page of [`Layout`]: year, part, parts, URL, letters.
type LaidOutPart = (String, usize, usize, String, Vec<usize>);

impl Layout {
    pub fn new(corpus: &Corpus, config: &SiteConfig) -> Layout {
        let ctx = Ctx::new(corpus, config);
        let index: std::collections::HashMap<&str, usize> = corpus
            .letters
            .iter()
            .enumerate()
            .map(|(i, l)| (l.url.as_str(), i))
            .collect();
        let indices = |ls: &[&crate::letter::Letter]| -> Vec<usize> {
            ls.iter().map(|l| index[l.url.as_str()]).collect()
        };
        Layout {
            series: ctx
                .series
                .iter()
                .map(|s| {
                    let years = s.years.iter().map(|(y, ls)| (y.clone(), indices(ls)));
                    (s.key.clone(), s.label.clone(), years.collect())
                })
                .collect(),
            topics: ctx
                .topics
                .iter()
                .map(|t| {
                    t.parts
                        .iter()
                        .map(|p| {
                            (
                                p.year.clone(),
                                p.part,
                                p.parts,
                                p.url.clone(),
                                indices(&p.letters),
                            )
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// The context over `corpus`, with the pages of only the topics `scope`
    /// needs laid out (all of them for a matrix, which links to every topic).
    fn ctx<'a>(
        &self,
        corpus: &'a Corpus,
        config: &'a SiteConfig,
        scope: Option<&Scope>,
    ) -> Ctx<'a> {
        let letters = |ls: &[usize]| -> Vec<&'a crate::letter::Letter> {
            ls.iter().map(|&i| &corpus.letters[i]).collect()
        };
        let series = self
            .series
            .iter()
            .map(|(key, label, years)| crate::compare::Series {
                key: key.clone(),
                label: label.clone(),
                years: years
                    .iter()
                    .map(|(y, ls)| (y.clone(), letters(ls)))
                    .collect(),
            })
            .collect();
        let needed = |topic: &str| {
            scope.is_none_or(|s| {
                !s.matrix_years.is_empty() || s.topics.iter().any(|(t, _)| t == topic)
            })
        };
        let topics = config
            .topics
            .iter()
            .zip(&self.topics)
            .map(|(topic, parts)| {
                let parts = if needed(&topic.id) {
                    parts
                        .iter()
                        .map(|(year, part, count, url, ls)| pages::topics::TopicPart {
                            year: year.clone(),
                            part: *part,
                            parts: *count,
                            url: url.clone(),
                            letters: letters(ls),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                pages::topics::TopicLayout::new(topic, parts)
            })
            .collect();
        Ctx::with(corpus, config, series, topics)
    }
}

/// The breadcrumb to the home page.
pub fn home_crumb() -> (String, String) {
    (String::new(), "Trang chủ".to_owned())
}

/// What a render made: every output path, in order (the sitemap and the CLI's
/// page count read it).
#[derive(Debug, Default)]
pub struct Rendered {
    pub paths: Vec<String>,
}

impl Rendered {
    pub fn html_pages(&self) -> usize {
        self.paths.iter().filter(|p| p.ends_with(".html")).count()
    }
}

/// Why a render stopped: templates that failed (content diagnostics, exit 1) or
/// the sink that could not take a file (environment, exit 2).
#[derive(Debug)]
pub enum RenderError {
    Templates(Vec<Diagnostic>),
    Io(EnvError),
}

/// Renders the whole site into memory.
pub fn render(
    corpus: &Corpus,
    config: &SiteConfig,
    theme: &ThemeFiles,
    assets: &[Asset],
) -> Result<Output, Vec<Diagnostic>> {
    render_with(corpus, config, theme, assets, Options::default())
}

/// How [`render_with`] and [`render_to`] render: all of the site by default.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// Only the pages it names (an incremental rebuild).
    pub scope: Option<&'a Scope>,
    /// The series and topic layout kept from an earlier build, valid while
    /// every letter keeps its identity; computed afresh without it.
    pub layout: Option<&'a Layout>,
    /// Plan the search index files (`gdtx serve` keeps and writes its own).
    pub search_index: bool,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            scope: None,
            layout: None,
            search_index: true,
        }
    }
}

/// Renders the pages `options.scope` names, or the whole site without one,
/// into memory.
pub fn render_with(
    corpus: &Corpus,
    config: &SiteConfig,
    theme: &ThemeFiles,
    assets: &[Asset],
    options: Options<'_>,
) -> Result<Output, Vec<Diagnostic>> {
    let sink = MemorySink::default();
    match render_to(corpus, config, theme, assets, options, &sink) {
        Ok(_) => Ok(sink.into_output()),
        Err(RenderError::Templates(ds)) => Err(ds),
        // A memory sink never fails.
        Err(RenderError::Io(e)) => Err(vec![Diagnostic::error("", e.to_string())]),
    }
}

thread_local! {
    /// Each rendering thread renders into one buffer that keeps its capacity:
    /// a page of hundreds of kilobytes is then copied once, instead of being
    /// grown by reallocation (and fresh zeroed memory) as it is written.
    static RENDER_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Renders the site (or the pages `options.scope` names), handing every file to
/// `sink` as soon as it is made: pages are rendered as they are planned and
/// dropped, so the site is never held in memory whole.
pub fn render_to(
    corpus: &Corpus,
    config: &SiteConfig,
    theme: &ThemeFiles,
    assets: &[Asset],
    options: Options<'_>,
    sink: &dyn Sink,
) -> Result<Rendered, RenderError> {
    let Options {
        scope,
        layout,
        search_index,
    } = options;
    let env = theme::environment(theme);
    let started = std::time::Instant::now();
    let ctx = match layout {
        Some(layout) => layout.ctx(corpus, config, scope),
        None => Ctx::new(corpus, config),
    };
    let ctx = Ctx {
        scope,
        search_index,
        ..ctx
    };
    trace("context", started);
    let site = Value::from_serialize(SiteView::new(config));
    let emitted = Emitted::default();
    let put = |path: String, bytes: Vec<u8>| -> Result<(), RenderError> {
        sink.put(&path, bytes).map_err(RenderError::Io)?;
        emitted.add(path);
        Ok(())
    };
    let render_page = |page: Page| -> Result<(), RenderError> {
        let template = env
            .get_template(page.template)
            .map_err(|e| RenderError::Templates(vec![template_error(page.template, &e)]))?;
        let context = context! {
            site => &site,
            root => page_root(&page.path, config),
            page_path => &page.path,
            title => &page.title,
            crumbs => &page.crumbs,
            page => &page.view,
        };
        let html = RENDER_BUFFER
            .with_borrow_mut(|buffer| {
                buffer.clear();
                template.render_captured_to(context, &mut *buffer)?;
                Ok(buffer.to_vec())
            })
            .map_err(|e| RenderError::Templates(vec![template_error(page.template, &e)]))?;
        drop(page.view);
        put(page.path, html)
    };
    // Errors of every page are kept (sorted below), so a broken template is
    // reported once per template, whatever the thread count.
    let failures: std::sync::Mutex<Vec<RenderError>> = Default::default();
    let fail = |e: RenderError| failures.lock().unwrap_or_else(|p| p.into_inner()).push(e);
    let emit = |page: Page| {
        if let Err(e) = render_page(page) {
            fail(e);
        }
    };
    let put_file = |path: String, bytes: Vec<u8>| {
        if let Err(e) = put(path, bytes) {
            fail(e);
        }
    };
    // Page kinds are planned in parallel; pages are rendered as they are
    // streamed, or when their kind is planned.
    let only = std::env::var("GDTX_PLANNERS").ok();
    let wanted = |name: &str| {
        only.as_deref()
            .is_none_or(|o| o.split(',').any(|n| n == name))
    };
    let planners: Vec<_> = planners().iter().filter(|(n, _)| wanted(n)).collect();
    planners.par_iter().for_each(|(name, planner)| {
        let started = std::time::Instant::now();
        let mut part = Plan {
            emit: Some(&emit),
            put: Some(&put_file),
            ..Plan::default()
        };
        planner(&ctx, &mut part);
        trace(&format!("planner {name}"), started);
        part.pages.into_par_iter().for_each(emit);
        for (path, bytes) in part.files {
            if let Err(e) = put(path, bytes) {
                fail(e);
            }
        }
    });
    let results = failures.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut templates = Vec::new();
    for r in results {
        match r {
            RenderError::Io(e) => return Err(RenderError::Io(e)),
            RenderError::Templates(ds) => templates.extend(ds),
        }
    }
    if !templates.is_empty() {
        templates.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        templates.dedup();
        return Err(RenderError::Templates(templates));
    }
    if scope.is_some() {
        return Ok(Rendered {
            paths: emitted.sorted(),
        });
    }
    for (name, bytes) in theme::static_files(theme) {
        put(format!("static/{name}"), bytes)?;
    }
    // Attached files never replace a generated page.
    let generated = emitted.sorted();
    for asset in assets {
        if generated.binary_search(&asset.rel).is_err() {
            put(asset.rel.clone(), asset.bytes.clone())?;
        }
    }
    put(
        "robots.txt".into(),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            config.base_url
        )
        .into_bytes(),
    )?;
    let paths = emitted.sorted();
    let xml = sitemap(config, paths.iter().map(String::as_str));
    put("sitemap.xml".into(), xml.into_bytes())?;
    let mut paths = paths;
    let at = paths
        .binary_search(&"sitemap.xml".to_owned())
        .unwrap_or_else(|i| i);
    paths.insert(at, "sitemap.xml".into());
    Ok(Rendered { paths })
}

/// The paths handed to the sink so far (from many threads).
#[derive(Default)]
struct Emitted(std::sync::Mutex<Vec<String>>);

impl Emitted {
    fn add(&self, path: String) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(path);
    }

    fn sorted(&self) -> Vec<String> {
        let mut paths = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        paths.sort_unstable();
        paths
    }
}

/// With `GDTX_TRACE=1`, prints how long a step took, and where the kernel
/// reports it (Linux) the memory in use then and at its peak so far.
fn trace(what: &str, started: std::time::Instant) {
    if std::env::var_os("GDTX_TRACE").is_some() {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
                .map(|kib| kib >> 10)
        };
        let memory = match (field("VmRSS:"), field("VmHWM:")) {
            (Some(now), Some(peak)) => format!(" (memory {now} MiB, peak {peak} MiB)"),
            _ => String::new(),
        };
        eprintln!(
            "trace: {what}: {:.1} ms{memory}",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

fn template_error(name: &str, e: &minijinja::Error) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    Diagnostic::error(
        format!("templates/{name}"),
        format!("the template failed: {message}"),
    )
    .help("fix the template in themes/<theme>/templates/, or delete it to use the built-in one")
}

/// sitemap.xml for the site's files (output paths, in order).
pub fn sitemap<'a>(config: &SiteConfig, paths: impl Iterator<Item = &'a str>) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in paths.filter(|p| p.ends_with("index.html")) {
        let url = path.trim_end_matches("index.html");
        xml.push_str(&format!(
            "  <url><loc>{}{}</loc></url>\n",
            config.base_url, url
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

type Planner = fn(&Ctx<'_>, &mut Plan<'_>);

/// Every kind of page, named for `GDTX_TRACE` and for `GDTX_PLANNERS`
/// (a benchmarking aid: `GDTX_PLANNERS=topics,compare` renders only those
/// kinds of pages, so the site it writes is not whole). Each module under `pages/`
/// plans one kind of page; a new kind of page is a new module and one line here.
fn planners() -> &'static [(&'static str, Planner)] {
    &[
        ("letters", pages::letters::plan),
        ("browse", pages::browse::plan),
        ("topics", pages::topics::plan),
        ("compare", pages::compare::plan),
        ("documents", pages::documents::plan),
        ("home", pages::home::plan),
        ("calendar", pages::calendar::plan),
        ("ical", pages::ical::plan),
        ("search", pages::search::plan),
        ("atom", pages::atom::plan),
        ("data", pages::data::plan),
    ]
}

/// Environment used by `gdtx new` and tests to check that templates compile.
pub fn check_theme(theme: &ThemeFiles) -> Result<(), Vec<Diagnostic>> {
    let env: Environment<'_> = theme::environment(theme);
    let errors: Vec<Diagnostic> = theme::template_names()
        .filter_map(|name| {
            env.get_template(name)
                .err()
                .map(|e| template_error(name, &e))
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_counts_folders() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("chu-de/index.html"), "../");
        assert_eq!(root_prefix("hai-phong/2024-2025/x/index.html"), "../../../");
    }

    #[test]
    fn base_path_is_the_url_path() {
        assert_eq!(base_path("https://example.gov.vn/gdtx/"), "/gdtx/");
        assert_eq!(base_path("https://example.gov.vn/"), "/");
        assert_eq!(base_path("/"), "/");
    }

    #[test]
    fn the_embedded_theme_compiles() {
        check_theme(&ThemeFiles::default()).unwrap();
    }
}
