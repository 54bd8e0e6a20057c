//! The search page (`/tim-kiem/`) and its static index (see [`crate::search`]).
//! Without JavaScript the page says so and links to the browsing indexes.

use rayon::prelude::*;

use crate::render::{home_crumb, Ctx, Page, Plan};

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    // The page never changes; `gdtx serve` keeps the index in memory and
    // updates it itself.
    if ctx.scope.is_some() {
        return;
    }
    if ctx.search_index {
        // Each entry's text is written as it is made; only the entries and
        // their term counts are kept for the index.
        use crate::search::{entry_terms, page_bytes, page_path, par_entries, Index};
        let counted =
            plan.stream_files_keeping(par_entries(ctx.corpus, ctx.config).enumerate().map(
                |(n, (entry, page))| {
                    let terms = entry_terms(&entry, &page);
                    (page_path(n), page_bytes(&page), (entry, terms))
                },
            ));
        let index = Index::from_terms(counted);
        plan.stream_files(index.par_files());
    }
    plan.pages.push(
        Page::new("tim-kiem/index.html".into(), "search.html", "Tìm kiếm", ())
            .crumbs(vec![home_crumb()]),
    );
}
