//! Render stage: corpus → every page of the site as bytes, keyed by output path.
//!
//! Contract: pure (the theme's override files were read by the load stage), the
//! same bytes whatever the thread count (pages render in parallel with rayon and
//! are collected into a BTreeMap), and all links relative, so the site works from
//! a sub-path.

pub mod theme;
pub mod views;

use std::collections::BTreeMap;

use minijinja::{context, Environment, Value};
use rayon::prelude::*;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::corpus::Corpus;
use crate::diagnostics::Diagnostic;
use crate::front_matter::Level;
use crate::letter::Letter;
use crate::load::{Asset, ThemeFiles};
use crate::write::Output;
use views::*;

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
fn base_path(base_url: &str) -> String {
    match base_url.split_once("://") {
        Some((_, rest)) => rest
            .find('/')
            .map_or_else(|| "/".to_owned(), |i| rest[i..].to_owned()),
        None => base_url.to_owned(),
    }
}

/// One page to render: its output path, template and view.
struct Page<'a> {
    path: String,
    template: &'static str,
    title: String,
    /// Breadcrumbs: (relative-to-root URL, label).
    crumbs: Vec<(String, String)>,
    view: PageView<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum PageView<'a> {
    Home(HomePage<'a>),
    Letter(Box<LetterPage<'a>>),
    List(ListPage<'a>),
    Links(Vec<CountLink>),
    Topic(TopicPage<'a>),
    Empty,
}

/// Renders the whole site.
pub fn render(
    corpus: &Corpus,
    config: &SiteConfig,
    theme: &ThemeFiles,
    assets: &[Asset],
) -> Result<Output, Vec<Diagnostic>> {
    let env = theme::environment(theme);
    let pages = plan(corpus, config);
    let site = SiteView::new(config);
    let rendered: Vec<Result<(String, Vec<u8>), Diagnostic>> = pages
        .par_iter()
        .map(|page| {
            let template = env
                .get_template(page.template)
                .map_err(|e| template_error(page.template, &e))?;
            let ctx = context! {
                site => Value::from_serialize(&site),
                root => page_root(&page.path, config),
                page_path => &page.path,
                title => &page.title,
                crumbs => &page.crumbs,
                page => Value::from_serialize(&page.view),
            };
            let html = template
                .render(ctx)
                .map_err(|e| template_error(page.template, &e))?;
            Ok((page.path.clone(), html.into_bytes()))
        })
        .collect();
    let mut output = Output::default();
    let mut errors = Vec::new();
    for r in rendered {
        match r {
            Ok((path, bytes)) => {
                output.files.insert(path, bytes);
            }
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.path, &a.message).cmp(&(&b.path, &b.message)));
        errors.dedup();
        return Err(errors);
    }
    for (name, bytes) in theme::static_files(theme) {
        output.files.insert(format!("static/{name}"), bytes);
    }
    for asset in assets {
        output
            .files
            .entry(asset.rel.clone())
            .or_insert_with(|| asset.bytes.clone());
    }
    output.files.insert(
        "robots.txt".into(),
        format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            config.base_url
        )
        .into_bytes(),
    );
    output
        .files
        .insert("sitemap.xml".into(), sitemap(config, &output).into_bytes());
    Ok(output)
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

fn sitemap(config: &SiteConfig, output: &Output) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in output.files.keys().filter(|p| p.ends_with("index.html")) {
        let url = path.trim_end_matches("index.html");
        xml.push_str(&format!(
            "  <url><loc>{}{}</loc></url>\n",
            config.base_url, url
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn crumb(url: impl Into<String>, label: impl Into<String>) -> (String, String) {
    (url.into(), label.into())
}

/// Every page of the site with its view.
fn plan<'a>(corpus: &'a Corpus, config: &'a SiteConfig) -> Vec<Page<'a>> {
    let mut pages = Vec::new();
    let home = crumb("", "Trang chủ");
    let summaries = |letters: &[&'a Letter]| {
        letters
            .iter()
            .map(|l| LetterSummary::new(l))
            .collect::<Vec<_>>()
    };

    for letter in &corpus.letters {
        let mut crumbs = vec![home.clone()];
        if let Some(p) = letter.front.issuer.province {
            crumbs.push(crumb(format!("{}/", p.slug()), p.name));
        }
        crumbs.push(crumb(
            format!("nam-hoc/{}/", letter.front.school_year.id()),
            format!("Năm học {}", letter.front.school_year.id()),
        ));
        pages.push(Page {
            path: format!("{}index.html", letter.url),
            template: "letter.html",
            title: letter.front.title.clone(),
            crumbs,
            view: PageView::Letter(Box::new(LetterPage::new(letter, config))),
        });
    }

    // Provinces: one page each, grouped by school year.
    let by_province = corpus.by_province();
    let mut province_links = Vec::new();
    for (slug, (name, letters)) in &by_province {
        let mut groups: BTreeMap<String, Vec<&Letter>> = BTreeMap::new();
        for l in letters {
            groups.entry(l.front.school_year.id()).or_default().push(l);
        }
        province_links.push(CountLink {
            url: format!("{slug}/"),
            name: (*name).to_owned(),
            count: letters.len(),
        });
        pages.push(Page {
            path: format!("{slug}/index.html"),
            template: "list.html",
            title: format!(
                "Văn bản của {}",
                crate::provinces::find(name).map_or_else(|| (*name).to_owned(), |p| p.full_name())
            ),
            crumbs: vec![home.clone(), crumb("tinh/", "Tỉnh, thành phố")],
            view: PageView::List(ListPage {
                heading: crate::provinces::find(name)
                    .map_or_else(|| (*name).to_owned(), |p| capitalise_first(&p.full_name())),
                intro: format!(
                    "{} văn bản hướng dẫn GDTX của Sở và các Phòng GDĐT trên địa bàn.",
                    letters.len()
                ),
                count: letters.len(),
                groups: groups
                    .into_iter()
                    .rev()
                    .map(|(year, ls)| Group {
                        title: format!("Năm học {year}"),
                        id: year,
                        letters: summaries(&ls),
                    })
                    .collect(),
            }),
        });
    }
    pages.push(Page {
        path: "tinh/index.html".into(),
        template: "links.html",
        title: "Tỉnh, thành phố".into(),
        crumbs: vec![home.clone()],
        view: PageView::Links(province_links.clone()),
    });

    // School years, grouped by issuer level.
    let mut year_links = Vec::new();
    for (year, letters) in corpus.by_school_year() {
        year_links.push(CountLink {
            url: format!("nam-hoc/{year}/"),
            name: format!("Năm học {year}"),
            count: letters.len(),
        });
        let groups = Level::ALL
            .iter()
            .map(|level| Group {
                title: level.label().to_owned(),
                id: level.id().to_owned(),
                letters: summaries(
                    &letters
                        .iter()
                        .copied()
                        .filter(|l| l.front.issuer.level == *level)
                        .collect::<Vec<_>>(),
                ),
            })
            .filter(|g| !g.letters.is_empty())
            .collect();
        pages.push(Page {
            path: format!("nam-hoc/{year}/index.html"),
            template: "list.html",
            title: format!("Năm học {year}"),
            crumbs: vec![home.clone(), crumb("nam-hoc/", "Năm học")],
            view: PageView::List(ListPage {
                heading: format!("Năm học {year}"),
                intro: format!(
                    "{} văn bản hướng dẫn nhiệm vụ GDTX năm học {year}.",
                    letters.len()
                ),
                count: letters.len(),
                groups,
            }),
        });
    }
    pages.push(Page {
        path: "nam-hoc/index.html".into(),
        template: "links.html",
        title: "Năm học".into(),
        crumbs: vec![home.clone()],
        view: PageView::Links(year_links.clone()),
    });

    // Issuer levels, grouped by province.
    let mut level_links = Vec::new();
    for (level, letters) in corpus.by_level() {
        level_links.push(CountLink {
            url: format!("cap/{}/", level.id()),
            name: level.label().to_owned(),
            count: letters.len(),
        });
        let mut groups: BTreeMap<String, (String, Vec<&Letter>)> = BTreeMap::new();
        for l in &letters {
            let (slug, name) = l
                .front
                .issuer
                .province
                .map_or(("toan-quoc".to_owned(), "Toàn quốc".to_owned()), |p| {
                    (p.slug(), p.name.to_owned())
                });
            groups
                .entry(slug)
                .or_insert_with(|| (name, Vec::new()))
                .1
                .push(l);
        }
        pages.push(Page {
            path: format!("cap/{}/index.html", level.id()),
            template: "list.html",
            title: format!("Văn bản cấp {}", level_label(level)),
            crumbs: vec![home.clone(), crumb("cap/", "Cấp ban hành")],
            view: PageView::List(ListPage {
                heading: format!("Văn bản của {}", level.label()),
                intro: format!("{} văn bản.", letters.len()),
                count: letters.len(),
                groups: groups
                    .into_iter()
                    .map(|(slug, (name, ls))| Group {
                        title: name,
                        id: slug,
                        letters: summaries(&ls),
                    })
                    .collect(),
            }),
        });
    }
    pages.push(Page {
        path: "cap/index.html".into(),
        template: "links.html",
        title: "Cấp ban hành".into(),
        crumbs: vec![home.clone()],
        view: PageView::Links(level_links.clone()),
    });

    // Topics.
    let mut topic_links = Vec::new();
    for (topic, entries) in corpus.by_topic(config) {
        let letter_count = {
            let mut urls: Vec<&str> = entries.iter().map(|e| e.letter.url.as_str()).collect();
            urls.dedup();
            urls.len()
        };
        topic_links.push(CountLink {
            url: format!("chu-de/{}/", topic.id),
            name: topic.name.clone(),
            count: letter_count,
        });
        pages.push(Page {
            path: format!("chu-de/{}/index.html", topic.id),
            template: "topic.html",
            title: topic.name.clone(),
            crumbs: vec![home.clone(), crumb("chu-de/", "Chủ đề")],
            view: PageView::Topic(TopicPage {
                topic,
                entries: entries.iter().map(TopicEntry::new).collect(),
                letter_count,
            }),
        });
    }
    pages.push(Page {
        path: "chu-de/index.html".into(),
        template: "links.html",
        title: "Chủ đề".into(),
        crumbs: vec![home.clone()],
        view: PageView::Links(topic_links.clone()),
    });

    pages.push(Page {
        path: "index.html".into(),
        template: "index.html",
        title: config.title.clone(),
        crumbs: Vec::new(),
        view: PageView::Home(HomePage {
            newest: corpus
                .letters
                .iter()
                .take(10)
                .map(LetterSummary::new)
                .collect(),
            letter_count: corpus.letters.len(),
            provinces: province_links,
            years: year_links,
            levels: level_links,
            topics: topic_links,
            legal_basis_count: corpus
                .letters
                .iter()
                .map(|l| l.front.legal_bases.len())
                .sum(),
            task_count: corpus.letters.iter().map(|l| l.front.tasks.len()).sum(),
        }),
    });
    pages.push(Page {
        path: "404.html".into(),
        template: "404.html",
        title: "Không tìm thấy trang".into(),
        crumbs: vec![home],
        view: PageView::Empty,
    });
    pages
}

fn capitalise_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Environment used by `gdtx new` and tests to check that templates compile.
pub fn check_theme(theme: &ThemeFiles) -> Result<(), Vec<Diagnostic>> {
    let env: Environment<'_> = theme::environment(theme);
    let errors: Vec<Diagnostic> = theme::TEMPLATE_NAMES
        .iter()
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
