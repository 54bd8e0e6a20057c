//! A letter: validated front matter + parsed body, checked against each other
//! (task anchors exist, headings belong to tasks, the folder agrees with the
//! front matter). Pure: `Letter::parse(&SourceFile, &SiteConfig)`.

use crate::citations::Registry;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::extract::{self, LetterCitation};
use crate::front_matter::{self, FrontMatter, When};
use crate::load::SourceFile;
use crate::markdown::{self, Body, Link, ParseOptions};
use crate::text::{closest, slugify};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// Path shown in diagnostics (content/…/x.md).
    pub path: String,
    /// Page URL relative to the site root, ending in `/`.
    pub url: String,
    pub front: FrontMatter,
    pub body: Body,
    /// Every cited document, in file order (legal bases first).
    pub citations: Vec<LetterCitation>,
    /// The whole file text, for citation spans and diagnostics.
    pub text: std::sync::Arc<str>,
    /// Front-matter and text deadlines, merged (see [`crate::deadlines`]).
    pub deadlines: Vec<crate::deadlines::Deadline>,
}

impl Letter {
    /// The body as HTML, cited documents linked (`@doc:` hrefs): parsed again
    /// from the text, as [`Letter::parse`] keeps no HTML. Same input, same
    /// anchors and links as the parse that made this letter.
    pub fn body_html(&self, config: &SiteConfig) -> String {
        let Ok(split) = front_matter::split(&self.path, &self.text) else {
            return String::new();
        };
        let links = citation_links(&self.citations);
        let options = ParseOptions {
            allow_html: config.allow_html,
            links: &links,
            skip_html: false,
            skip_texts: true,
        };
        markdown::parse(&self.path, split.body, split.body_offset, options)
            .0
            .html
    }

    /// Parses and checks one letter; every problem found is returned.
    pub fn parse(
        source: &SourceFile,
        config: &SiteConfig,
        registry: &Registry,
    ) -> (Option<Letter>, Vec<Diagnostic>) {
        let path = source.path.as_str();
        let split = match front_matter::split(path, &source.text) {
            Ok(split) => split,
            Err(d) => return (None, vec![d]),
        };
        // The topic hint of an unknown topic reads the task's heading, found in
        // the source before the body is parsed (the body needs the citations).
        let heading_text = |id: &str| heading_in_source(split.body, id);
        let (front, mut diagnostics) =
            FrontMatter::parse_with_headings(path, &split, config, &heading_text);
        let mut citations = Vec::new();
        if let Some(front) = &front {
            let found = extract::find(&source.text, &split, front);
            let (resolved, ds) = extract::resolve(path, found, front, split.body_offset, registry);
            diagnostics.extend(ds);
            citations = resolved;
        }
        let links = citation_links(&citations);
        let (mut body, body_diagnostics) = markdown::parse(
            path,
            split.body,
            split.body_offset,
            ParseOptions {
                allow_html: config.allow_html,
                links: &links,
                skip_html: true,
                skip_texts: false,
            },
        );
        diagnostics.extend(body_diagnostics);
        body.share_texts(&source.text);
        let Some(front) = front else {
            return (None, diagnostics);
        };
        extract::place(&mut citations, &body);
        diagnostics.extend(cross_check(path, source, &front, &body));
        let (deadlines, deadline_diagnostics) =
            crate::deadlines::extract(path, &front, &body, &source.text);
        diagnostics.extend(deadline_diagnostics);
        let url = letter_url(source, &front);
        let letter = Letter {
            path: source.path.clone(),
            url,
            front,
            body,
            citations,
            text: source.text.clone(),
            deadlines,
        };
        if diagnostics.iter().any(Diagnostic::is_error) {
            (None, diagnostics)
        } else {
            (Some(letter), diagnostics)
        }
    }

    /// Date used to sort letters: the date of issue, else the school year start.
    pub fn sort_date(&self) -> jiff::civil::Date {
        self.front.date.unwrap_or_else(|| {
            jiff::civil::Date::new(self.front.school_year.start, 9, 1).unwrap_or_default()
        })
    }

    pub fn province_slug(&self) -> Option<String> {
        self.front.issuer.province.map(|p| p.slug())
    }

    /// (slug, name) of the issuer's province, or of the whole country for a Bộ
    /// letter: the key letters are grouped by on index pages.
    pub fn province_key(&self) -> (String, String) {
        self.front
            .issuer
            .province
            .map_or(("toan-quoc".to_owned(), "Toàn quốc".to_owned()), |p| {
                (p.slug(), p.name.to_owned())
            })
    }
}

/// The text of the heading written `## … {#id}` in Markdown source, if any.
fn heading_in_source(body: &str, id: &str) -> Option<String> {
    let marker = format!("{{#{id}}}");
    body.lines()
        .filter(|l| l.starts_with('#'))
        .find(|l| l.trim_end().ends_with(&marker))
        .map(|l| {
            l.trim_start_matches('#')
                .trim_end()
                .trim_end_matches(&marker)
                .trim()
                .to_owned()
        })
}

/// Placeholder href of a cited document; the render stage replaces it with the
/// document's page or, when the document is a letter of the site, that letter.
pub const DOC_HREF_PREFIX: &str = "@doc:";

/// Links for the body's citations that resolved to a document.
fn citation_links(citations: &[LetterCitation]) -> Vec<Link> {
    citations
        .iter()
        .filter(|c| !c.legal_basis && extract::linkable(c))
        .filter_map(|c| {
            let id = c.resolved.id.as_ref()?;
            let title = c
                .resolved
                .title
                .clone()
                .unwrap_or_else(|| c.citation.raw.clone());
            Some(Link {
                span: c.citation.span.clone(),
                href: format!("{DOC_HREF_PREFIX}{id}"),
                title,
                class: "cite",
            })
        })
        .collect()
}

/// `content/hai-phong/2024-2025/x.md` → `hai-phong/2024-2025/x/`; the front
/// matter's `slug` replaces the last part.
fn letter_url(source: &SourceFile, front: &FrontMatter) -> String {
    let mut parts: Vec<String> = source.components.iter().map(|c| slugify(c)).collect();
    if let (Some(last), Some(slug)) = (parts.last_mut(), &front.slug) {
        *last = slug.value.clone();
    }
    if parts.last().is_some_and(|p| p == "index") {
        parts.pop();
    }
    let mut url = parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("/");
    url.push('/');
    url
}

fn cross_check(
    path: &str,
    source: &SourceFile,
    front: &FrontMatter,
    body: &Body,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let heading_ids = || body.headings.iter().map(|h| h.id.as_str());

    for task in &front.tasks {
        if body.heading(&task.anchor.value).is_none() {
            let help = match closest(&task.anchor.value, heading_ids()) {
                Some(s) => format!("did you mean \"{s}\"? The anchor is the {{#id}} written after a heading in the body"),
                None => "write the id of a body heading, as in `### I. Đẩy mạnh … {#b-i}` → anchor = \"b-i\"".into(),
            };
            out.push(
                Diagnostic::error(
                    path,
                    format!(
                        "task \"{}\" points to heading #{}, which is not in the letter",
                        task.id, task.anchor.value
                    ),
                )
                .at(task.anchor.span.clone(), "no heading with this id")
                .help(help),
            );
        }
    }
    for deadline in &front.deadlines {
        if let Some(anchor) = &deadline.anchor {
            if !body.has_anchor(&anchor.value) {
                let help = match closest(&anchor.value, heading_ids()) {
                    Some(s) => format!("did you mean \"{s}\"?"),
                    None => "write the {#id} of the heading where the deadline is written".into(),
                };
                out.push(
                    Diagnostic::error(
                        path,
                        format!("deadline anchor #{} is not in the letter", anchor.value),
                    )
                    .at(anchor.span.clone(), "no heading or paragraph with this id")
                    .help(help),
                );
            }
        }
        let (first, last) = front.school_year.bounds();
        let day = deadline.when.first_day();
        if day < first || day > last {
            let shown = match deadline.when {
                When::Day(d) => d.strftime("%d/%m/%Y").to_string(),
                When::Month { year, month } => format!("{month:02}/{year}"),
            };
            out.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "deadline {shown} is outside school year {}",
                        front.school_year.id()
                    ),
                )
                .at(deadline.span.clone(), "check the year")
                .help("a typo in the year is common; if the date is right, ignore this warning"),
            );
        }
    }

    // A heading that holds text of its own must belong to a task, or the text is
    // missing from the topic comparisons.
    let mut covered: Option<u8> = None;
    for (i, h) in body.headings.iter().enumerate() {
        if covered.is_some_and(|level| h.level <= level) {
            covered = None;
        }
        if covered.is_none() && front.tasks.iter().any(|t| t.anchor.value == h.id) {
            covered = Some(h.level);
            continue;
        }
        if covered.is_some() || h.id.starts_with("phu-luc") {
            continue;
        }
        let next_heading = body.headings.get(i + 1);
        let holds_text = body.blocks.iter().any(|b| b.section == h.id)
            && !next_heading.is_some_and(|n| {
                n.level > h.level && body.blocks.iter().filter(|b| b.section == h.id).count() == 0
            });
        if holds_text {
            out.push(
                Diagnostic::warning(path, format!("heading #{} belongs to no task", h.id))
                    .at(h.span.clone(), "not covered by any [[tasks]] anchor")
                    .help(format!(
                        "add a task with anchor = \"{}\" (and a topic), or put this heading under a task's heading",
                        h.id
                    )),
            );
        }
    }

    // The folder layout content/<province>/<school-year>/ should agree.
    if let [province_dir, year_dir, _] = source.components.as_slice() {
        if let Some(province) = front.issuer.province {
            if slugify(province_dir) != province.slug()
                && crate::provinces::find(province_dir).is_some()
            {
                out.push(
                    Diagnostic::warning(
                        path,
                        format!(
                            "the file is in folder {province_dir}/ but its issuer is in {}",
                            province.name
                        ),
                    )
                    .help(format!("move it to content/{}/…", province.slug())),
                );
            }
        }
        if front_matter::SchoolYear::parse(year_dir).is_ok() && *year_dir != front.school_year.id()
        {
            out.push(
                Diagnostic::warning(
                    path,
                    format!(
                        "the file is in folder {year_dir}/ but school_year is \"{}\"",
                        front.school_year.id()
                    ),
                )
                .at(front.school_year_span.clone(), "differs from the folder")
                .help("fix school_year or move the file to the folder of its school year"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> SiteConfig {
        SiteConfig::parse("title = \"T\"\n[[topics]]\nid = \"xhht\"\nname = \"XHHT\"\n").unwrap()
    }

    fn source(text: &str) -> SourceFile {
        SourceFile {
            path: "content/hai-phong/2024-2025/a.md".into(),
            components: vec!["hai-phong".into(), "2024-2025".into(), "a".into()],
            text: text.into(),
        }
    }

    const HEAD: &str = "+++\ntitle = \"T\"\nkind = \"huong-dan\"\nschool_year = \"2024-2025\"\n[issuer]\nname = \"Sở GDĐT Hải Phòng\"\nlevel = \"so\"\nprovince = \"Hải Phòng\"\n";

    #[test]
    fn a_valid_letter_gets_its_url() {
        let text = format!("{HEAD}[[tasks]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"xhht\"\nanchor = \"i\"\n+++\n\n## I. X {{#i}}\n\n1. y\n");
        let (letter, d) = Letter::parse(&source(&text), &config(), &Registry::default());
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(letter.unwrap().url, "hai-phong/2024-2025/a/");
    }

    #[test]
    fn task_anchor_must_exist() {
        let text = format!("{HEAD}[[tasks]]\nid = \"a\"\ntitle = \"A\"\ntopic = \"xhht\"\nanchor = \"ii\"\n+++\n\n## I. X {{#i}}\n\n1. y\n");
        let (letter, d) = Letter::parse(&source(&text), &config(), &Registry::default());
        assert!(letter.is_none());
        assert!(
            d.iter()
                .any(|d| d.message.contains("#ii, which is not in the letter")),
            "{d:?}"
        );
    }

    #[test]
    fn headings_without_tasks_warn() {
        let text = format!("{HEAD}+++\n\n## I. X {{#i}}\n\n1. y\n");
        let (letter, d) = Letter::parse(&source(&text), &config(), &Registry::default());
        assert!(letter.is_some());
        assert_eq!(d[0].message, "heading #i belongs to no task");
    }
}
