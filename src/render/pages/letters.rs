//! One page per letter: the document as issued.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::render::views::LetterPage;
use crate::render::{home_crumb, Ctx, Page, Plan};

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    let year_over_year: BTreeMap<&str, String> = crate::compare::series(ctx.corpus)
        .iter()
        .flat_map(|s| {
            let url = s.url();
            s.years
                .iter()
                .flat_map(|(_, ls)| ls.iter().map(|l| l.url.as_str()))
                .map(move |u| (u, url.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let pages: Vec<Page> = ctx
        .corpus
        .letters
        .par_iter()
        .map(|letter| {
            let mut crumbs = vec![home_crumb()];
            if let Some(p) = letter.front.issuer.province {
                crumbs.push((format!("{}/", p.slug()), p.name.to_owned()));
            }
            let year = letter.front.school_year.id();
            crumbs.push((format!("nam-hoc/{year}/"), format!("Năm học {year}")));
            Page::new(
                format!("{}index.html", letter.url),
                "letter.html",
                letter.front.title.clone(),
                LetterPage {
                    year_over_year: year_over_year.get(letter.url.as_str()).cloned(),
                    ..LetterPage::new(letter, ctx.config)
                },
            )
            .crumbs(crumbs)
        })
        .collect();
    plan.pages.extend(pages);
}
