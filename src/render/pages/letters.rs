//! One page per letter: the document as issued, with every cited document linked
//! in place and the implementation chain (the site's letters it carries out and
//! those that carry it out).

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::compare::{step_url, StepNav};
use super::documents::{document_url, link_body, DocumentSummary};
use crate::corpus::{letter_document_id, Corpus};
use crate::letter::Letter;
use crate::render::views::{LetterPage, LetterSummary};
use crate::render::{home_crumb, root_prefix, Ctx, Page, Plan};

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    let corpus = ctx.corpus;
    // Letter URL → (the series page, the step into the letter's year).
    let year_over_year: BTreeMap<&str, (String, Option<StepNav>)> = ctx
        .series
        .iter()
        .flat_map(|s| {
            let url = s.url();
            let mut previous: Option<&str> = None;
            let mut out = Vec::new();
            for (year, ls) in &s.years {
                let step = previous.map(|from| StepNav {
                    url: step_url(s, year),
                    from: from.to_owned(),
                    to: year.clone(),
                });
                for l in ls {
                    if ctx.wants(|scope| scope.letters.contains(&l.url)) {
                        out.push((l.url.as_str(), (url.clone(), step.clone())));
                    }
                }
                previous = Some(year);
            }
            out
        })
        .collect();
    let pages = corpus
        .letters
        .par_iter()
        .filter(|letter| ctx.wants(|s| s.letters.contains(&letter.url)))
        .map(|letter| {
            let mut crumbs = vec![home_crumb()];
            if let Some(p) = letter.front.issuer.province {
                crumbs.push((format!("{}/", p.slug()), p.name.to_owned()));
            }
            let year = letter.front.school_year.id();
            crumbs.push((format!("nam-hoc/{year}/"), format!("Năm học {year}")));
            let path = format!("{}index.html", letter.url);
            let series = year_over_year.get(letter.url.as_str());
            let view = LetterPage {
                year_over_year: series.map(|(url, _)| url.clone()),
                year_step: series.and_then(|(_, step)| step.clone()),
                ..letter_view(corpus, letter, ctx.config, &root_prefix(&path))
            };
            Page::new(path, "letter.html", letter.front.title.clone(), view).crumbs(crumbs)
        });
    plan.stream(pages);
}

fn letter_view<'a>(
    corpus: &'a Corpus,
    letter: &'a Letter,
    config: &'a crate::config::SiteConfig,
    root: &str,
) -> LetterPage<'a> {
    let mut view = LetterPage::new(letter, config);
    view.body = link_body(&letter.body_html(config), corpus, root);
    for (basis, v) in letter
        .front
        .legal_bases
        .iter()
        .zip(view.legal_bases.iter_mut())
    {
        v.href = letter
            .citations
            .iter()
            .filter(|c| {
                c.legal_basis
                    && basis.cite.span.start <= c.citation.span.start
                    && c.citation.span.end <= basis.cite.span.end
            })
            .find_map(|c| c.resolved.id.as_deref())
            .map(|id| document_url(corpus, id));
    }
    let mut seen: Vec<&str> = Vec::new();
    for c in &letter.citations {
        if let Some(id) = c.resolved.id.as_deref() {
            if !seen.contains(&id) {
                seen.push(id);
            }
        }
    }
    view.cited = seen
        .iter()
        .filter_map(|id| corpus.documents.get(*id))
        .map(|d| DocumentSummary::new(corpus, d))
        .collect();
    view.implements = seen
        .iter()
        .filter_map(|id| corpus.documents.get(*id)?.letter)
        .map(|li| LetterSummary::new(&corpus.letters[li]))
        .filter(|l| l.url != letter.url)
        .collect();
    if let Some(own) = letter_document_id(letter).and_then(|id| corpus.documents.get(&id)) {
        let mut by: Vec<usize> = own.mentions.iter().map(|m| m.letter).collect();
        by.dedup();
        view.implemented_by = by
            .into_iter()
            .map(|li| LetterSummary::new(&corpus.letters[li]))
            .filter(|l| l.url != letter.url)
            .collect();
    }
    view
}
