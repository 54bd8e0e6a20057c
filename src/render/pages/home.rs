//! The home page (newest letters, counts, ways to browse) and the 404 page.

use super::{level_links, province_links, topic_links, year_links};
use crate::render::views::{HomePage, LetterSummary};
use crate::render::{home_crumb, Ctx, Page, Plan};

/// Letters (the newest) in the home page's heat map; /so-sanh/ has them all.
pub const HEATMAP_LETTERS: usize = 40;

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    if !ctx.wants(|s| s.home) {
        return;
    }
    let corpus = ctx.corpus;
    let matrix = crate::compare::Matrix::new(
        corpus.letters.iter().take(HEATMAP_LETTERS).collect(),
        ctx.config,
    );
    let view = HomePage {
        newest: corpus
            .letters
            .iter()
            .take(10)
            .map(LetterSummary::new)
            .collect(),
        letter_count: corpus.letters.len(),
        provinces: province_links(corpus),
        years: year_links(corpus),
        levels: level_links(corpus),
        topics: topic_links(corpus, ctx.config),
        document_count: corpus.cited_documents().count(),
        task_count: corpus.letters.iter().map(|l| l.front.tasks.len()).sum(),
        heatmap: crate::compare::heatmap::svg(&matrix, "hm-trang-chu"),
        heatmap_letters: matrix.letters.len(),
    };
    plan.pages.push(Page::new(
        "index.html".into(),
        "index.html",
        ctx.config.title.clone(),
        view,
    ));
    plan.pages.push(
        Page::new("404.html".into(), "404.html", "Không tìm thấy trang", ())
            .crumbs(vec![home_crumb()]),
    );
}
