//! One page per letter: the document as issued.

use rayon::prelude::*;

use crate::render::views::LetterPage;
use crate::render::{home_crumb, Ctx, Page, Plan};

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
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
                LetterPage::new(letter, ctx.config),
            )
            .crumbs(crumbs)
        })
        .collect();
    plan.pages.extend(pages);
}
