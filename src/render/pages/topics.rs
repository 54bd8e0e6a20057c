//! One page per topic of site.toml with every letter's tasks under it, and the
//! index of topics. The page puts the letters side by side: items that say the
//! same thing are one row ("in N of M letters", with word diffs against the
//! first wording), items of one letter only are local additions.

use rayon::prelude::*;
use serde::Serialize;

use super::compare::ItemLink;
use super::topic_links;
use crate::compare::{self, similarity, TopicComparison};
use crate::render::views::{TopicEntry, TopicPage};
use crate::render::{home_crumb, Ctx, Page, Plan};

/// One item in a group row.
#[derive(Serialize)]
pub struct GroupItem {
    pub item: ItemLink,
    pub letter_url: String,
    /// Cosine to the group's first item, in percent.
    pub similarity: u32,
    /// Word diff against the group's first item (none for the first, and none
    /// when the wording is the same: see `same`).
    pub diff: Option<Vec<similarity::Piece>>,
    /// Same words as the group's first item (the page then prints no text, so
    /// a wording copied by many letters does not repeat in full).
    pub same: bool,
}

/// Items of several letters that say the same thing.
#[derive(Serialize)]
pub struct GroupView {
    pub letters: usize,
    pub local: bool,
    pub items: Vec<GroupItem>,
}

/// A letter's share of the topic.
#[derive(Serialize)]
pub struct LetterShare {
    pub label: String,
    pub url: String,
    pub items: usize,
    pub shared: usize,
    pub local: usize,
}

#[derive(Serialize)]
pub struct ComparisonView {
    pub letter_count: usize,
    pub item_count: usize,
    pub shared_groups: usize,
    pub local_count: usize,
    pub threshold: u32,
    pub groups: Vec<GroupView>,
    pub letters: Vec<LetterShare>,
}

impl ComparisonView {
    pub fn new(c: &TopicComparison<'_>) -> Self {
        let groups: Vec<GroupView> = c
            .groups
            .par_iter()
            .map(|g| {
                let lead = c.items[g.members[0]].item.full_text();
                GroupView {
                    letters: g.letter_count(),
                    local: c.is_local(g),
                    items: g
                        .members
                        .iter()
                        .zip(&g.scores)
                        .enumerate()
                        .map(|(k, (&m, &score))| {
                            let r = &c.items[m];
                            let text = r.item.full_text();
                            let same = k > 0 && similarity::same_words(&lead, &text);
                            GroupItem {
                                item: ItemLink::new(r),
                                letter_url: r.letter.url.clone(),
                                similarity: (score * 100.0).round() as u32,
                                diff: (k > 0 && !same).then(|| similarity::word_diff(&lead, &text)),
                                same,
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        let letters = c
            .letters
            .iter()
            .zip(c.shares())
            .map(|(l, (items, local))| LetterShare {
                label: compare::short_label(l),
                url: l.url.clone(),
                items,
                shared: items - local,
                local,
            })
            .collect();
        ComparisonView {
            letter_count: c.letters.len(),
            item_count: c.items.len(),
            shared_groups: c.groups.iter().filter(|g| g.letter_count() >= 2).count(),
            local_count: c.groups.iter().filter(|g| c.is_local(g)).count(),
            threshold: (similarity::THRESHOLD * 100.0).round() as u32,
            groups,
            letters,
        }
    }
}

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    let comparisons = compare::compare_all(ctx.corpus, ctx.config);
    let by_topic = ctx.corpus.by_topic(ctx.config);
    let pages: Vec<Page> = by_topic
        .par_iter()
        .zip(comparisons.par_iter())
        .map(|((topic, entries), comparison)| {
            debug_assert_eq!(topic.id, comparison.topic.id);
            let mut urls: Vec<&str> = entries.iter().map(|e| e.letter.url.as_str()).collect();
            urls.sort_unstable();
            urls.dedup();
            let view = TopicPage {
                topic,
                entries: entries.iter().map(TopicEntry::new).collect(),
                letter_count: urls.len(),
                comparison: ComparisonView::new(comparison),
            };
            Page::new(
                format!("chu-de/{}/index.html", topic.id),
                "topic.html",
                topic.name.clone(),
                view,
            )
            .crumbs(vec![home_crumb(), ("chu-de/".into(), "Chủ đề".into())])
        })
        .collect();
    plan.pages.extend(pages);
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
