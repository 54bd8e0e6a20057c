//! The search page (`/tim-kiem/`) and its static index (see [`crate::search`]).
//! Without JavaScript the page says so and links to the browsing indexes.

use crate::render::{home_crumb, Ctx, Page, Plan};

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    // The page never changes; `gdtx serve` keeps the index in memory and
    // updates it itself.
    if ctx.scope.is_some() {
        return;
    }
    if ctx.search_index {
        let entries = crate::search::entries(ctx.corpus, ctx.config);
        plan.files.extend(crate::search::build(&entries));
    }
    plan.pages.push(
        Page::new("tim-kiem/index.html".into(), "search.html", "Tìm kiếm", ())
            .crumbs(vec![home_crumb()]),
    );
}
