//! Incremental rebuilds for `gdtx serve`: the site stays in memory, and editing
//! the text of a letter re-renders only what depends on it, then writes only the
//! files whose bytes changed.
//!
//! Contract: after any sequence of rebuilds the output folder is byte for byte
//! what a full build of the same files would write (tests/incremental.rs checks
//! it edit by edit). To keep that true the fast path is taken only when it is
//! safe, and everything else is a full build through the same code as `gdtx
//! build`:
//!
//! - only letters (`content/**/*.md`) changed, none was added or removed (any
//!   other file: site.toml, themes/, data/, an asset → full);
//! - every changed letter keeps its [`Identity`] (URL, title, kind, number,
//!   date, school year, issuer and place, tasks): what index, browse and list
//!   pages show of a letter, where it sorts, and where its pages are.
//!
//! Then [`Corpus::replace`] swaps the letters in and redoes only the documents
//! they cite; [`Scope::compute`] (pure) compares each changed letter, and each
//! document it cites, before and after, and names what to re-plan; the
//! planners of [`crate::render`] plan only that, over the series and topic
//! layout kept since the last full build ([`crate::render::Layout`], which
//! depends on identities only). The search index is updated in memory
//! ([`crate::search::Index::update`]) and only changed shards are rewritten. A
//! rebuild with errors writes nothing: the last good site stays, and the
//! letters that failed are parsed again on the next save.
//!
//! Files are compared with what is on disk rather than with remembered hashes:
//! an incremental render produces tens of files, reading them back is cheap,
//! and memory stays bounded.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::citations::Registry;
use crate::corpus::{task_items, Corpus, Document};
use crate::diagnostics::{self, Diagnostic};
use crate::letter::Letter;
use crate::load::{self, EnvError, Loaded, SourceFile, CONTENT_DIR};
use crate::render::pages::topics::TopicLayout;
use crate::write::Output;

/// What the pages of other letters, the index pages and the page layout show
/// of a letter. An edit that changes it takes a full rebuild.
#[derive(Debug, PartialEq, Eq)]
pub struct Identity<'a> {
    pub url: &'a str,
    pub title: &'a str,
    pub kind: crate::front_matter::Kind,
    pub number: Option<&'a str>,
    pub date: Option<jiff::civil::Date>,
    pub school_year: String,
    pub issuer: &'a str,
    pub level: crate::front_matter::Level,
    pub province: Option<&'static str>,
    pub district: Option<&'a str>,
    /// (id, title, topic, anchor) of each task, in order.
    pub tasks: Vec<(&'a str, &'a str, &'a str, &'a str)>,
}

impl<'a> Identity<'a> {
    pub fn of(l: &'a Letter) -> Self {
        let f = &l.front;
        Identity {
            url: &l.url,
            title: &f.title,
            kind: f.kind,
            number: f.number.as_deref(),
            date: f.date,
            school_year: f.school_year.id(),
            issuer: &f.issuer.name,
            level: f.issuer.level,
            province: f.issuer.province.map(|p| p.name),
            district: f.issuer.district.as_deref(),
            tasks: f
                .tasks
                .iter()
                .map(|t| {
                    (
                        t.id.as_str(),
                        t.title.as_str(),
                        t.topic.as_str(),
                        t.anchor.value.as_str(),
                    )
                })
                .collect(),
        }
    }
}

/// What an incremental render re-plans; everything it does not name is left as
/// it is on disk. Built by [`Scope::compute`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// Letter pages, by URL: the changed letters, the letters citing a document
    /// whose summary changed, and a letter whose citing letters changed.
    pub letters: BTreeSet<String>,
    /// (topic id, letter URL): the topic pages holding a letter whose items
    /// under that topic changed.
    pub topics: BTreeSet<(String, String)>,
    /// Document pages, by id (an id that no longer has a page is deleted).
    pub documents: BTreeSet<String>,
    /// `/van-ban/`: a document's summary or mention count changed.
    pub documents_index: bool,
    /// School years whose matrix (`/so-sanh/…`) is re-planned: a task's number
    /// of items changed.
    pub matrix_years: BTreeSet<String>,
    /// Year-over-year pages, by issuer key ([`crate::compare::issuer_key`]).
    pub series: BTreeSet<String>,
    /// Letters whose deadlines changed (their feeds and their issuers').
    pub deadline_letters: BTreeSet<String>,
    /// Calendar pages of these school years (and the calendar index).
    pub calendar_years: BTreeSet<String>,
    /// The home page (heat map of the newest letters, counts of tasks and of
    /// cited documents).
    pub home: bool,
    /// The Atom feed (it shows the subject line).
    pub atom: bool,
    /// The open data under `/data/`.
    pub data: bool,
}

impl Scope {
    /// Whether page `i` of a topic holds a letter the scope names for it.
    pub fn wants_topic_part(&self, layout: &TopicLayout<'_>, i: usize) -> bool {
        let topic = &layout.topic.id;
        let Some(part) = layout.parts.get(i) else {
            return false;
        };
        self.topics
            .iter()
            .filter(|(t, _)| t == topic)
            .any(|(_, url)| part.letters.iter().any(|l| l.url == *url))
    }

    /// The scope of replacing `changed` (index in `corpus`, the letter before)
    /// with the letters now at those indices, given the documents before.
    pub fn compute(
        changed: &[(usize, Letter)],
        old_documents: &BTreeMap<String, Document>,
        corpus: &Corpus,
    ) -> Scope {
        let mut s = Scope::default();
        let mut touched: BTreeSet<&str> = BTreeSet::new();
        for (i, old) in changed {
            let new = &corpus.letters[*i];
            let url = new.url.clone();
            let year = new.front.school_year.id();
            s.letters.insert(url.clone());
            let mut counts_changed = false;
            for task in &new.front.tasks {
                let anchor = &task.anchor.value;
                let (before, after) = (task_items(old, anchor), task_items(new, anchor));
                if before != after {
                    s.topics.insert((task.topic.clone(), url.clone()));
                    s.series.insert(crate::compare::issuer_key(new));
                }
                counts_changed |= before.len() != after.len();
            }
            if counts_changed {
                s.matrix_years.insert(year.clone());
                s.home |= *i < crate::render::pages::home::HEATMAP_LETTERS;
            }
            let (fo, fnew) = (&old.front, &new.front);
            // The home page counts tasks.
            s.home |= fo.tasks.len() != fnew.tasks.len();
            if without_spans(&old.deadlines) != without_spans(&new.deadlines) {
                s.deadline_letters.insert(url.clone());
                s.calendar_years.insert(year);
                s.data = true;
            }
            let bases = |f: &crate::front_matter::FrontMatter| {
                f.legal_bases
                    .iter()
                    .map(|b| b.cite.value.clone())
                    .collect::<Vec<_>>()
            };
            // What data/letters.json shows beyond the identity.
            s.data |= fo.place != fnew.place
                || fo.subject != fnew.subject
                || fo.issuer.parent != fnew.issuer.parent
                || bases(fo) != bases(fnew);
            s.atom |= fo.subject != fnew.subject;
            for c in old.citations.iter().chain(&new.citations) {
                touched.extend(c.resolved.id.as_deref());
            }
        }
        let indices: BTreeSet<usize> = changed.iter().map(|(i, _)| *i).collect();
        // Whether a changed letter is among those a document page shows in
        // full (the others are only counted, by province).
        let shown_in_full = |d: Option<&Document>| {
            d.is_some_and(|d| {
                let mut first: Vec<usize> = Vec::new();
                for m in &d.mentions {
                    if !first.contains(&m.letter) {
                        if first.len() == crate::render::pages::documents::FULL_CITING {
                            break;
                        }
                        first.push(m.letter);
                    }
                }
                first.iter().any(|li| indices.contains(li))
            })
        };
        for id in touched {
            let (before, after) = (old_documents.get(id), corpus.documents.get(id));
            let page = |d: Option<&Document>| d.is_some_and(|d| d.letter.is_none());
            let summary = |d: Option<&Document>| {
                d.map(|d| {
                    serde_json::to_value(crate::render::pages::documents::DocumentSummary::new(
                        corpus, d,
                    ))
                    .unwrap_or_default()
                })
            };
            let (sb, sa) = (summary(before), summary(after));
            if sb != sa {
                s.documents_index = true;
            }
            // The home page counts the cited documents.
            let cited = |d: Option<&Document>| d.is_some_and(Document::is_cited);
            s.home |= cited(before) != cited(after);
            let page_changed = sb != sa
                || before.map(|d| (&d.variants, &d.dates, &d.symbol))
                    != after.map(|d| (&d.variants, &d.dates, &d.symbol))
                || shown_in_full(before)
                || shown_in_full(after);
            if (page(before) || page(after)) && page_changed {
                s.documents.insert(id.to_owned());
            }
            // What a citing letter's page shows of the document.
            let shown = |v: &Option<serde_json::Value>| {
                v.as_ref()
                    .map(|v| ["url", "label", "title", "letter_count"].map(|k| v.get(k).cloned()))
            };
            let citing = |d: Option<&Document>| -> BTreeSet<usize> {
                d.map(|d| d.mentions.iter().map(|m| m.letter).collect())
                    .unwrap_or_default()
            };
            let (cb, ca) = (citing(before), citing(after));
            if shown(&sb) != shown(&sa) {
                for &li in cb.union(&ca) {
                    s.letters.insert(corpus.letters[li].url.clone());
                }
            }
            // A letter of the site lists the letters that carry it out.
            if cb != ca {
                if let Some(li) = after.and_then(|d| d.letter) {
                    s.letters.insert(corpus.letters[li].url.clone());
                }
            }
        }
        s
    }
}

/// Deadlines without their byte spans: an edit above a deadline moves its span
/// but shows nowhere (spans only break ties in order, and keep their order).
fn without_spans(ds: &[crate::deadlines::Deadline]) -> Vec<crate::deadlines::Deadline> {
    ds.iter()
        .map(|d| crate::deadlines::Deadline {
            span: 0..0,
            ..d.clone()
        })
        .collect()
}

/// The outcome of one rebuild, for the terminal and the browser.
#[derive(Debug, Default)]
pub struct Report {
    /// A full build (else incremental).
    pub full: bool,
    /// The output folder holds the new site. False: there were errors, the
    /// folder was not touched.
    pub ok: bool,
    /// HTML pages rendered.
    pub pages: usize,
    /// Files written (or deleted) in the output folder.
    pub written: usize,
    pub letters: usize,
    /// Errors, or the warnings of the letters just rebuilt.
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings in the whole site (counted, not all shown every time).
    pub warnings: usize,
    /// Texts the diagnostics point into, by display path.
    pub sources: BTreeMap<String, std::sync::Arc<str>>,
    pub elapsed: Duration,
}

impl Report {
    /// The diagnostics as the terminal shows them (rustc style).
    pub fn render(&self, color: bool) -> String {
        crate::build::render_diagnostics(&self.diagnostics, &self.sources, color)
    }

    /// "rebuilt N pages (M files written) in X ms".
    pub fn line(&self) -> String {
        let kind = if self.full { " (full)" } else { "" };
        let warnings = if self.warnings == 0 {
            String::new()
        } else {
            format!(", {} warning(s)", self.warnings)
        };
        format!(
            "rebuilt {} pages ({} files written) in {} ms{kind}{warnings}",
            self.pages,
            self.written,
            self.elapsed.as_millis()
        )
    }
}

/// A changed letter read again: its text, its index in the corpus, the letter
/// (the old one when the new text has errors) and the new text's diagnostics.
type Reparsed = (String, usize, Letter, Vec<Diagnostic>);

/// The last good site in memory.
struct Site {
    loaded: Loaded,
    registry: Registry,
    corpus: Corpus,
    site_diagnostics: Vec<Diagnostic>,
    letter_diagnostics: BTreeMap<String, Vec<Diagnostic>>,
    index: crate::search::Index,
    /// Series and topic pages, valid while identities are.
    layout: crate::render::Layout,
    /// Ids of the documents with a search entry, in entry order.
    doc_entries: Vec<String>,
    /// Every file of the output folder, relative, with `/`.
    paths: BTreeSet<String>,
}

impl Site {
    fn warnings(&self) -> usize {
        self.site_diagnostics
            .iter()
            .chain(self.letter_diagnostics.values().flatten())
            .chain(self.corpus.warnings.values().flatten())
            .count()
    }
}

/// A site being served: builds it once, then rebuilds what each change needs.
pub struct Session {
    root: PathBuf,
    out_dir: PathBuf,
    site: Option<Site>,
    /// The next rebuild must be full (the last one failed before its end).
    needs_full: bool,
    /// Letters changed since the last good build, not yet applied (errors).
    pending: BTreeSet<String>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> EnvError + '_ {
    move |error| EnvError::Io {
        path: path.to_path_buf(),
        error,
    }
}

impl Session {
    /// A session for `root` writing into `out_dir`; nothing is built yet.
    pub fn new(root: &Path, out_dir: &Path) -> Session {
        Session {
            root: root.to_path_buf(),
            out_dir: out_dir.to_path_buf(),
            site: None,
            needs_full: true,
            pending: BTreeSet::new(),
        }
    }

    /// The URL path the site is published under ("/gdtx/"), once a build has
    /// read site.toml: `gdtx serve` serves the site there too, so that pages
    /// linking from the site's absolute path (the 404 page) work in preview.
    pub fn base_path(&self) -> Option<String> {
        let site = self.site.as_ref()?;
        Some(crate::render::base_path(&site.loaded.config.base_url))
    }

    /// Rebuilds after `changed` (paths as the watcher reports them, absolute
    /// or relative to the current folder); `None` for a full build.
    pub fn rebuild(&mut self, changed: Option<&[PathBuf]>) -> Result<Report, EnvError> {
        let started = Instant::now();
        let letters = match changed {
            Some(paths) if !self.needs_full && self.site.is_some() => self.letter_paths(paths),
            _ => None,
        };
        let mut report = match letters {
            Some(paths) => self.incremental(paths)?,
            None => self.full()?,
        };
        report.elapsed = started.elapsed();
        Ok(report)
    }

    /// Display paths (`content/…/x.md`) of changed letters that are already in
    /// the site, or `None` when anything else changed.
    fn letter_paths(&self, paths: &[PathBuf]) -> Option<Vec<String>> {
        let root = std::path::absolute(&self.root).ok()?;
        let content = root.join(CONTENT_DIR);
        let site = self.site.as_ref()?;
        let mut out = Vec::new();
        for p in paths {
            let abs = std::path::absolute(p).ok()?;
            let rel = abs.strip_prefix(&content).ok()?;
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            // Hidden files (editors' swap files) are not part of the site.
            if parts.iter().any(|p| p.starts_with('.') && p.len() > 1) {
                continue;
            }
            let rel = parts.join("/");
            if parts.last().is_none_or(|n| !n.ends_with(".md")) {
                // A file that came and went (an editor's test file) is no asset.
                let asset = site.loaded.assets.iter().any(|a| a.rel == rel);
                if abs.exists() || asset {
                    return None;
                }
                continue;
            }
            let display = format!("{CONTENT_DIR}/{rel}");
            let known = site.corpus.letters.iter().any(|l| l.path == display)
                || self.pending.contains(&display);
            if !known || !abs.is_file() {
                return None;
            }
            out.push(display);
        }
        Some(out)
    }

    /// A full build, as `gdtx build` does it, then the site kept in memory.
    fn full(&mut self) -> Result<Report, EnvError> {
        self.needs_full = true;
        self.pending.clear();
        let mut loaded = match load::load(&self.root) {
            Ok(l) => l,
            Err(EnvError::Config(diagnostics, text)) => {
                return Ok(Report {
                    full: true,
                    diagnostics,
                    sources: [(crate::config::CONFIG_FILE.to_owned(), text.into())].into(),
                    ..Report::default()
                })
            }
            Err(e) => return Err(e),
        };
        let parsed = crate::build::parse(&loaded);
        let (corpus, corpus_diagnostics) = Corpus::build(parsed.letters, &parsed.registry);
        let mut all: Vec<Diagnostic> = parsed
            .site_diagnostics
            .iter()
            .chain(parsed.letter_diagnostics.values().flatten())
            .chain(&corpus_diagnostics)
            .cloned()
            .collect();
        let failed = |mut diagnostics: Vec<Diagnostic>| -> Result<Report, EnvError> {
            diagnostics.retain(Diagnostic::is_error);
            diagnostics::sort(&mut diagnostics);
            Ok(Report {
                full: true,
                sources: sources_of(&loaded, &diagnostics),
                diagnostics,
                ..Report::default()
            })
        };
        if all.iter().any(Diagnostic::is_error) {
            return failed(all);
        }
        let config = &loaded.config;
        // Streamed into the temporary folder like `gdtx build`: the site is
        // never in memory whole, only its paths are kept.
        let writer = crate::write::SiteWriter::create(&self.out_dir)?;
        let rendered = crate::render::render_to(
            &corpus,
            config,
            &loaded.theme,
            &loaded.assets,
            crate::render::Options {
                search_index: false,
                ..Default::default()
            },
            &writer,
        );
        let rendered = match rendered {
            Ok(r) => r,
            Err(crate::render::RenderError::Templates(ds)) => {
                all.extend(ds);
                return failed(all);
            }
            Err(crate::render::RenderError::Io(e)) => return Err(e),
        };
        let entries = crate::search::entries(&corpus, config);
        let index = crate::search::Index::new(&entries);
        let mut paths: BTreeSet<String> = rendered.paths.into_iter().collect();
        for (path, bytes) in index.files(&entries) {
            crate::write::Sink::put(&writer, &path, bytes)?;
            paths.insert(path);
        }
        drop(entries);
        writer.commit()?;
        let written = paths.len();
        let pages = paths.iter().filter(|k| k.ends_with(".html")).count();
        let doc_entries = doc_entries(&corpus);
        let layout = crate::render::Layout::new(&corpus, config);
        let mut diagnostics = all;
        diagnostics::sort(&mut diagnostics);
        let sources = sources_of(&loaded, &diagnostics);
        // The letters hold their text: the sources are not needed any more.
        loaded.sources = Vec::new();
        let site = Site {
            loaded,
            registry: parsed.registry,
            corpus,
            site_diagnostics: parsed.site_diagnostics,
            letter_diagnostics: parsed.letter_diagnostics,
            index,
            layout,
            doc_entries,
            paths,
        };
        let report = Report {
            full: true,
            ok: true,
            pages,
            written,
            letters: site.corpus.letters.len(),
            warnings: site.warnings(),
            diagnostics,
            sources,
            elapsed: Duration::ZERO,
        };
        self.site = Some(site);
        self.needs_full = false;
        Ok(report)
    }

    /// Re-parses the changed letters and re-renders what depends on them.
    fn incremental(&mut self, changed: Vec<String>) -> Result<Report, EnvError> {
        let Some(site) = self.site.as_mut() else {
            return self.full();
        };
        self.pending.extend(changed);
        let root = self.root.clone();
        // Read and parse every pending letter; keep those whose text changed.
        let mut trace = Trace::new();
        let parsed: Vec<Result<Option<Reparsed>, EnvError>> = self
            .pending
            .par_iter()
            .map(|path| {
                let file = root.join(path);
                let bytes = std::fs::read(&file).map_err(io(&file))?;
                let (text, bad) = load::decode(path, bytes);
                let Some(i) = site.corpus.letters.iter().position(|l| l.path == *path) else {
                    return Ok(None);
                };
                if let Some(d) = bad {
                    return Ok(Some((text, i, site.corpus.letters[i].clone(), vec![d])));
                }
                if *site.corpus.letters[i].text == *text {
                    return Ok(Some((text, i, site.corpus.letters[i].clone(), Vec::new())));
                }
                let components: Vec<String> = path
                    .trim_start_matches(&format!("{CONTENT_DIR}/"))
                    .trim_end_matches(".md")
                    .split('/')
                    .map(str::to_owned)
                    .collect();
                let source = SourceFile {
                    path: path.clone(),
                    components,
                    text: text.as_str().into(),
                };
                let (letter, ds) = Letter::parse(&source, &site.loaded.config, &site.registry);
                match letter {
                    Some(l) => Ok(Some((text, i, l, ds))),
                    None => Ok(Some((text, i, site.corpus.letters[i].clone(), ds))),
                }
            })
            .collect();
        let mut updates = Vec::new();
        for p in parsed {
            match p? {
                Some(u) => updates.push(u),
                // A pending letter that was never in the site: full build.
                None => return self.full(),
            }
        }
        let errors: Vec<&Reparsed> = updates
            .iter()
            .filter(|u| u.3.iter().any(Diagnostic::is_error))
            .collect();
        if !errors.is_empty() {
            let mut diagnostics: Vec<Diagnostic> =
                errors.iter().flat_map(|u| u.3.iter().cloned()).collect();
            diagnostics::sort(&mut diagnostics);
            let sources = errors
                .iter()
                .map(|u| (site.corpus.letters[u.1].path.clone(), u.0.as_str().into()))
                .collect();
            return Ok(Report {
                diagnostics,
                sources,
                letters: site.corpus.letters.len(),
                warnings: site.warnings(),
                ..Report::default()
            });
        }
        self.pending.clear();
        let updates: Vec<(usize, Letter, Vec<Diagnostic>)> = updates
            .into_iter()
            .filter(|u| u.2.text != site.corpus.letters[u.1].text)
            .map(|(_, i, l, ds)| (i, l, ds))
            .collect();
        if updates.is_empty() {
            return Ok(Report {
                ok: true,
                letters: site.corpus.letters.len(),
                warnings: site.warnings(),
                ..Report::default()
            });
        }
        if updates
            .iter()
            .any(|(i, l, _)| Identity::of(&site.corpus.letters[*i]) != Identity::of(l))
        {
            return self.full();
        }

        // Swap the new letters in and redo the documents they cite.
        let mut warnings_of = Vec::new();
        let mut new_letters = Vec::new();
        for (i, letter, ds) in updates {
            warnings_of.push(letter.path.clone());
            if ds.is_empty() {
                site.letter_diagnostics.remove(&letter.path);
            } else {
                site.letter_diagnostics.insert(letter.path.clone(), ds);
            }
            new_letters.push((i, letter));
        }
        trace.stage("read and parse");
        let replaced = site.corpus.replace(new_letters, &site.registry);
        trace.stage("corpus");
        let (changed, old_documents) = (replaced.letters, replaced.documents);
        let scope = Scope::compute(&changed, &old_documents, &site.corpus);
        trace.stage("scope");

        let rendered = crate::render::render_with(
            &site.corpus,
            &site.loaded.config,
            &site.loaded.theme,
            &site.loaded.assets,
            crate::render::Options {
                scope: Some(&scope),
                layout: Some(&site.layout),
                search_index: false,
            },
        );
        let mut output = match rendered {
            Ok(o) => o,
            Err(diagnostics) => {
                // The corpus moved on but the disk did not: start again next time.
                self.needs_full = true;
                return Ok(Report {
                    diagnostics,
                    ..Report::default()
                });
            }
        };
        let pages = output.files.keys().filter(|k| k.ends_with(".html")).count();
        trace.stage("render");
        let mut removed = search_update(site, &changed, &old_documents, &scope, &mut output);
        trace.stage("search");
        removed.extend(vanished(site, &changed, &scope, &output));
        let written = match write_changed(
            &self.out_dir,
            &site.loaded.config,
            &output,
            &removed,
            &mut site.paths,
        ) {
            Ok(n) => n,
            Err(e) => {
                self.needs_full = true;
                return Err(e);
            }
        };
        trace.stage("write");
        let mut diagnostics: Vec<Diagnostic> = warnings_of
            .iter()
            .flat_map(|p| site.letter_diagnostics.get(p).into_iter().flatten())
            .chain(
                site.corpus
                    .warnings
                    .values()
                    .flatten()
                    .filter(|d| warnings_of.contains(&d.path)),
            )
            .cloned()
            .collect();
        diagnostics::sort(&mut diagnostics);
        let sources = changed
            .iter()
            .map(|(i, _)| {
                let l = &site.corpus.letters[*i];
                (l.path.clone(), l.text.clone())
            })
            .collect();
        Ok(Report {
            full: false,
            ok: true,
            pages,
            written,
            letters: site.corpus.letters.len(),
            diagnostics,
            warnings: site.warnings(),
            sources,
            elapsed: Duration::ZERO,
        })
    }
}

/// The texts of the files `diagnostics` point into.
fn sources_of(
    loaded: &Loaded,
    diagnostics: &[Diagnostic],
) -> BTreeMap<String, std::sync::Arc<str>> {
    let paths: BTreeSet<&str> = diagnostics.iter().map(|d| d.path.as_str()).collect();
    let mut sources: BTreeMap<String, std::sync::Arc<str>> = loaded
        .sources
        .iter()
        .filter(|s| paths.contains(s.path.as_str()))
        .map(|s| (s.path.clone(), s.text.clone()))
        .collect();
    sources.extend(
        loaded
            .raw_texts
            .iter()
            .filter(|(p, _)| paths.contains(p.as_str()))
            .map(|(p, t)| (p.clone(), t.as_str().into())),
    );
    sources.insert(
        crate::config::CONFIG_FILE.to_owned(),
        loaded.config_text.as_str().into(),
    );
    sources
}

/// Stage times of an incremental rebuild, printed with `GDTX_TRACE=1`.
struct Trace(Option<Instant>);

impl Trace {
    fn new() -> Self {
        Trace(std::env::var_os("GDTX_TRACE").map(|_| Instant::now()))
    }

    fn stage(&mut self, name: &str) {
        if let Some(started) = self.0 {
            eprintln!(
                "trace: {name}: {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
            self.0 = Some(Instant::now());
        }
    }
}

/// Ids of the documents with a search entry, in entry order.
fn doc_entries(corpus: &Corpus) -> Vec<String> {
    corpus
        .documents
        .values()
        .filter(|d| crate::search::has_entry(d))
        .map(|d| d.id.clone())
        .collect()
}

/// Updates the search index in memory and adds its changed files to `output`;
/// returns the index files that no longer exist. When the documents with an
/// entry are not the same (entries would be renumbered), the index is built
/// again from the corpus.
fn search_update(
    site: &mut Site,
    changed: &[(usize, Letter)],
    old_documents: &BTreeMap<String, Document>,
    scope: &Scope,
    output: &mut Output,
) -> Vec<String> {
    use crate::search::{document_entry, letter_entry};
    let doc_entries = doc_entries(&site.corpus);
    if doc_entries != site.doc_entries {
        let entries = crate::search::entries(&site.corpus, &site.loaded.config);
        site.index = crate::search::Index::new(&entries);
        let files = site.index.files(&entries);
        let removed = site
            .paths
            .iter()
            .filter(|p| {
                p.starts_with("tim-kiem/") && p.ends_with(".json") && !files.contains_key(*p)
            })
            .cloned()
            .collect();
        output.files.extend(files);
        site.doc_entries = doc_entries;
        return removed;
    }
    let mut pairs = Vec::new();
    for (i, old) in changed {
        pairs.push((
            *i,
            letter_entry(old),
            letter_entry(&site.corpus.letters[*i]),
        ));
    }
    let base = site.corpus.letters.len();
    for id in &scope.documents {
        let Ok(pos) = site.doc_entries.binary_search(id) else {
            continue;
        };
        let before = old_documents.get(id).and_then(document_entry);
        let after = site.corpus.documents.get(id).and_then(document_entry);
        if let (Some(b), Some(a)) = (before, after) {
            if b != a {
                pairs.push((base + pos, b, a));
            }
        }
    }
    let refs: Vec<_> = pairs.iter().map(|(n, b, a)| (*n, b, a)).collect();
    let update = site.index.update(&refs);
    output.files.extend(update.files);
    update.removed
}

/// Pages and feeds in the scope that a full build would no longer write: a
/// document nobody cites any more, a calendar year or an issuer feed left
/// without deadlines.
fn vanished(
    site: &Site,
    changed: &[(usize, Letter)],
    scope: &Scope,
    output: &Output,
) -> Vec<String> {
    let mut candidates: Vec<String> = scope
        .documents
        .iter()
        .map(|id| format!("van-ban/{id}/index.html"))
        .collect();
    candidates.extend(
        scope
            .calendar_years
            .iter()
            .map(|y| format!("lich/{y}/index.html")),
    );
    candidates.extend(
        changed
            .iter()
            .filter(|(_, l)| scope.deadline_letters.contains(&l.url))
            .map(|(_, l)| crate::render::pages::ical::issuer_feed(l)),
    );
    candidates
        .into_iter()
        .filter(|p| site.paths.contains(p) && !output.files.contains_key(p))
        .collect()
}

/// Writes the files of `output` whose bytes differ from the disk, each
/// atomically (a temporary file in the same folder, renamed over the old one),
/// deletes `removed`, and rewrites sitemap.xml when pages appeared or vanished.
/// Returns the number of files written or deleted.
fn write_changed(
    out_dir: &Path,
    config: &crate::config::SiteConfig,
    output: &Output,
    removed: &[String],
    paths: &mut BTreeSet<String>,
) -> Result<usize, EnvError> {
    let changed: Vec<&String> = output
        .files
        .par_iter()
        .filter(|(rel, bytes)| std::fs::read(out_dir.join(rel)).map_or(true, |old| old != **bytes))
        .map(|(rel, _)| rel)
        .collect();
    let mut pages_changed = false;
    for rel in &changed {
        write_atomic(&out_dir.join(rel), &output.files[*rel])?;
        pages_changed |= paths.insert((*rel).clone()) && rel.ends_with("index.html");
    }
    for rel in removed {
        let path = out_dir.join(rel);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&path)(e)),
        }
        pages_changed |= paths.remove(rel) && rel.ends_with("index.html");
        if let Some(dir) = path.parent() {
            // Succeeds only when the folder is left empty (a document's own).
            let _ = std::fs::remove_dir(dir);
        }
    }
    let mut written = changed.len() + removed.len();
    if pages_changed {
        let xml = crate::render::sitemap(config, paths.iter().map(String::as_str));
        write_atomic(&out_dir.join("sitemap.xml"), xml.as_bytes())?;
        written += 1;
    }
    Ok(written)
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so a
/// reader sees the old file or the new one, never half of one.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), EnvError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.gdtx-tmp"));
    std::fs::write(&tmp, bytes).map_err(io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(path)(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compare fixture (Hải Phòng in two school years, two other letters)
    /// parsed into a corpus.
    fn fixture() -> (Loaded, Registry, Corpus) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compare");
        let loaded = load::load(&root).unwrap();
        let parsed = crate::build::parse(&loaded);
        let (corpus, _) = Corpus::build(parsed.letters, &parsed.registry);
        (loaded, parsed.registry, corpus)
    }

    const LETTER: &str = "content/hai-phong/2024-2025/huong-dan.md";

    /// The scope of editing [`LETTER`] with `edit`.
    fn scope_of(edit: impl Fn(&str) -> String) -> (Scope, String) {
        let (loaded, registry, mut corpus) = fixture();
        let mut source = loaded
            .sources
            .iter()
            .find(|s| s.path == LETTER)
            .unwrap()
            .clone();
        let edited = edit(&source.text);
        assert_ne!(*edited, *source.text);
        source.text = edited.into();
        let (letter, ds) = Letter::parse(&source, &loaded.config, &registry);
        let letter = letter.unwrap_or_else(|| panic!("{ds:?}"));
        let i = corpus
            .letters
            .iter()
            .position(|l| l.path == LETTER)
            .unwrap();
        assert_eq!(Identity::of(&corpus.letters[i]), Identity::of(&letter));
        let url = letter.url.clone();
        let replaced = corpus.replace(vec![(i, letter)], &registry);
        (
            Scope::compute(&replaced.letters, &replaced.documents, &corpus),
            url,
        )
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn an_item_reworded_touches_its_topic_and_series_only() {
        let (scope, url) = scope_of(|t| t.replace("mức độ 2.", "mức độ 2 trên toàn thành phố."));
        assert_eq!(scope.letters, set(&[&url]));
        assert_eq!(
            scope.topics,
            [("xoa-mu-chu-pho-cap".to_owned(), url.clone())].into()
        );
        assert_eq!(scope.series, set(&["so-hai-phong"]));
        assert!(scope.matrix_years.is_empty(), "same number of items");
        assert!(scope.calendar_years.is_empty() && scope.deadline_letters.is_empty());
        assert!(!scope.home && !scope.atom && !scope.data && !scope.documents_index);
    }

    #[test]
    fn an_item_added_touches_the_matrix_of_its_year() {
        let (scope, _) =
            scope_of(|t| t.replace("1. Duy trì,", "1. Mở thêm lớp xóa mù chữ.\n2. Duy trì,"));
        assert_eq!(scope.matrix_years, set(&["2024-2025"]));
        assert!(scope.home, "the home heat map counts items");
        assert_eq!(scope.topics.len(), 1);
    }

    #[test]
    fn a_deadline_touches_the_calendar_and_the_data() {
        let (scope, url) = scope_of(|t| {
            t.replace(
                "năm 2024 với các hoạt động",
                "năm 2024 trước ngày 30/9/2024 với các hoạt động",
            )
        });
        assert_eq!(scope.deadline_letters, set(&[&url]));
        assert_eq!(scope.calendar_years, set(&["2024-2025"]));
        assert!(scope.data);
    }

    #[test]
    fn a_new_citation_touches_its_document_and_the_index() {
        let (scope, _) = scope_of(|t| {
            t.replace(
                "2021-2030 trên địa bàn thành phố.",
                "2021-2030 trên địa bàn thành phố theo Thông tư số 33/2021/TT-BGDĐT ngày 26/11/2021 của Bộ Giáo dục và Đào tạo.",
            )
        });
        assert_eq!(scope.documents, set(&["thong-tu-33-2021-tt-bgddt"]));
        assert!(scope.documents_index);
        assert!(scope.home, "the home page counts the cited documents");
    }

    #[test]
    fn an_edit_outside_tasks_and_dates_touches_the_letter_only() {
        let (scope, url) = scope_of(|t| {
            t.replace(
                "province = \"Hải Phòng\"",
                "province = \"Hải Phòng\"\n\n[signer]\nname = \"Nguyễn Văn A\"",
            )
        });
        assert_eq!(
            scope,
            Scope {
                letters: set(&[&url]),
                ..Scope::default()
            }
        );
        let (scope, _) = scope_of(|t| {
            t.replace(
                "level = \"so\"",
                "level = \"so\"\nparent = \"UBND thành phố Hải Phòng\"",
            )
        });
        assert!(scope.data, "the open data shows the parent body");
    }

    #[test]
    fn identity_is_what_other_pages_show() {
        let (_, _, corpus) = fixture();
        let l = &corpus.letters[0];
        let mut other = l.clone();
        other.front.signer.name = Some("Ai đó".into());
        assert_eq!(Identity::of(l), Identity::of(&other));
        other.front.title.push('!');
        assert_ne!(Identity::of(l), Identity::of(&other));
    }
}
