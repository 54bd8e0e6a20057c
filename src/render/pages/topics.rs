//! One page per topic of site.toml with every letter's tasks under it, and the
//! index of topics.

use super::topic_links;
use crate::render::views::{TopicEntry, TopicPage};
use crate::render::{home_crumb, Ctx, Page, Plan};

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    for (topic, entries) in ctx.corpus.by_topic(ctx.config) {
        let mut urls: Vec<&str> = entries.iter().map(|e| e.letter.url.as_str()).collect();
        urls.sort_unstable();
        urls.dedup();
        let view = TopicPage {
            topic,
            entries: entries.iter().map(TopicEntry::new).collect(),
            letter_count: urls.len(),
        };
        plan.pages.push(
            Page::new(
                format!("chu-de/{}/index.html", topic.id),
                "topic.html",
                topic.name.clone(),
                view,
            )
            .crumbs(vec![home_crumb(), ("chu-de/".into(), "Chủ đề".into())]),
        );
    }
    plan.pages.push(
        Page::new(
            "chu-de/index.html".into(),
            "links.html",
            "Chủ đề",
            topic_links(ctx.corpus, ctx.config),
        )
        .crumbs(vec![home_crumb()]),
    );
}
