//! Browsing pages: each province, each school year, each issuer level, and the
//! index of each.

use std::collections::BTreeMap;

use super::{capitalise_first, level_links, province_links, summaries, year_links};
use crate::front_matter::Level;
use crate::letter::Letter;
use crate::render::views::{level_label, Group, ListPage};
use crate::render::{home_crumb, Ctx, Page, Plan};

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    // These pages list letter summaries only: an edit that keeps a letter's
    // identity (see `incremental`) changes none of them.
    if ctx.scope.is_some() {
        return;
    }
    let corpus = ctx.corpus;
    let home = home_crumb();

    for (slug, (name, letters)) in corpus.by_province() {
        let full = crate::provinces::find(name).map_or_else(|| name.to_owned(), |p| p.full_name());
        let mut by_year: BTreeMap<String, Vec<&Letter>> = BTreeMap::new();
        for l in &letters {
            by_year.entry(l.front.school_year.id()).or_default().push(l);
        }
        let view = ListPage {
            heading: capitalise_first(&full),
            intro: format!(
                "{} văn bản hướng dẫn GDTX của Sở và các Phòng GDĐT trên địa bàn.",
                letters.len()
            ),
            count: letters.len(),
            groups: by_year
                .into_iter()
                .rev()
                .map(|(year, ls)| Group {
                    title: format!("Năm học {year}"),
                    id: year,
                    letters: summaries(&ls),
                })
                .collect(),
        };
        plan.pages.push(
            Page::new(
                format!("{slug}/index.html"),
                "list.html",
                format!("Văn bản của {full}"),
                view,
            )
            .crumbs(vec![
                home.clone(),
                ("tinh/".into(), "Tỉnh, thành phố".into()),
            ]),
        );
    }
    plan.pages.push(
        Page::new(
            "tinh/index.html".into(),
            "links.html",
            "Tỉnh, thành phố",
            province_links(corpus),
        )
        .crumbs(vec![home.clone()]),
    );

    for (year, letters) in corpus.by_school_year() {
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
        let view = ListPage {
            heading: format!("Năm học {year}"),
            intro: format!(
                "{} văn bản hướng dẫn nhiệm vụ GDTX năm học {year}.",
                letters.len()
            ),
            count: letters.len(),
            groups,
        };
        plan.pages.push(
            Page::new(
                format!("nam-hoc/{year}/index.html"),
                "list.html",
                format!("Năm học {year}"),
                view,
            )
            .crumbs(vec![home.clone(), ("nam-hoc/".into(), "Năm học".into())]),
        );
    }
    plan.pages.push(
        Page::new(
            "nam-hoc/index.html".into(),
            "links.html",
            "Năm học",
            year_links(corpus),
        )
        .crumbs(vec![home.clone()]),
    );

    for (level, letters) in corpus.by_level() {
        let mut groups: BTreeMap<String, (String, Vec<&Letter>)> = BTreeMap::new();
        for l in &letters {
            let (slug, name) = l.province_key();
            groups
                .entry(slug)
                .or_insert_with(|| (name, Vec::new()))
                .1
                .push(l);
        }
        let view = ListPage {
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
        };
        plan.pages.push(
            Page::new(
                format!("cap/{}/index.html", level.id()),
                "list.html",
                format!("Văn bản cấp {}", level_label(level)),
                view,
            )
            .crumbs(vec![home.clone(), ("cap/".into(), "Cấp ban hành".into())]),
        );
    }
    plan.pages.push(
        Page::new(
            "cap/index.html".into(),
            "links.html",
            "Cấp ban hành",
            level_links(corpus),
        )
        .crumbs(vec![home]),
    );
}
