//! One page per topic of site.toml with every letter's tasks under it, and the
//! index of topics. The page puts the letters side by side: items that say the
//! same thing are one row ("in N of M letters", with word diffs against the
//! first wording), items of one letter only are local additions.
//!
//! # Bounded pages
//!
//! A topic page holds the letters of one school year only (the newest at
//! `chu-de/<topic>/`, the others at `chu-de/<topic>/<year>/`), and a year with
//! more than [`PAGE_LETTERS`] letters under the topic is split into parts
//! (`…/<year>/trang-<n>/`), whole provinces together. Each page groups and diffs
//! only its own letters' items, so the work and the page size are bounded by
//! [`PAGE_LETTERS`] letters whatever the size of the corpus. Every page links to
//! every other page of the topic.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::compare::ItemLink;
use super::topic_links;
use crate::compare::{self, similarity, TopicComparison};
use crate::config::{SiteConfig, Topic};
use crate::corpus::Corpus;
use crate::letter::Letter;
use crate::render::views::{ItemPlace, TopicEntry, TopicPage};
use crate::render::{home_crumb, Ctx, Page, Plan};

/// One item shown with its wording: a group's first item, or a local addition.
#[derive(Serialize)]
pub struct GroupItem<'a> {
    pub item: ItemLink<'a>,
    pub letter_url: String,
}

/// A letter's item in a group, named by its letter and linked to its paragraph:
/// the group shows each wording once, with the letters that use it.
#[derive(Serialize)]
pub struct MemberLink {
    pub label: String,
    /// The item's paragraph, relative to the site root.
    pub href: String,
    /// Cosine to the group's first item, in percent.
    pub similarity: u32,
}

/// One wording of a group other than the first item's, as a word diff against
/// it, and the letters that word it so.
#[derive(Serialize)]
pub struct Variant<'a> {
    pub marker: &'a str,
    pub diff: similarity::Diff,
    pub members: Vec<MemberLink>,
}

/// Distinct wordings of a group shown as a word diff; members with a further
/// wording are listed by letter with a link to their paragraph.
pub const DIFFED: usize = 12;

/// Items of several letters that say the same thing: the first item's wording
/// in full, then each other wording once (a word diff) with its letters.
#[derive(Serialize)]
pub struct GroupView<'a> {
    pub letters: usize,
    pub lead: GroupItem<'a>,
    pub variants: Vec<Variant<'a>>,
    /// Members with the first item's words.
    pub same: Vec<MemberLink>,
    /// Members past the first [`DIFFED`] other wordings.
    pub more: Vec<MemberLink>,
}

impl GroupView<'_> {
    /// Every member's paragraph link, the first item's first.
    fn hrefs(&self) -> impl Iterator<Item = &str> {
        let members = self.variants.iter().flat_map(|v| &v.members);
        std::iter::once(self.lead.item.href.as_str()).chain(
            members
                .chain(&self.same)
                .chain(&self.more)
                .map(|m| m.href.as_str()),
        )
    }
}

/// The local additions of one letter (items of no group shared with another
/// letter), shown together: one box per letter, not one per item.
#[derive(Serialize)]
pub struct LocalAdditions<'a> {
    pub letter: String,
    pub letter_url: String,
    pub items: Vec<GroupItem<'a>>,
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
pub struct ComparisonView<'a> {
    pub letter_count: usize,
    pub item_count: usize,
    pub shared_groups: usize,
    pub local_count: usize,
    pub threshold: u32,
    /// Groups and local additions together (as the summary counts them).
    pub group_count: usize,
    /// Groups found in two letters or more, in order of their first item.
    pub groups: Vec<GroupView<'a>>,
    /// Per letter with local additions, in column order.
    pub local: Vec<LocalAdditions<'a>>,
    pub letters: Vec<LetterShare>,
    /// Item link → where the comparison shows it: group rows are `nhom-<n>`,
    /// local additions `rieng-<n>`, numbered from 1 in page order.
    #[serde(skip)]
    pub places: BTreeMap<String, ItemPlace>,
}

impl<'a> ComparisonView<'a> {
    pub fn new(c: &'a TopicComparison<'_>, diffs: &similarity::DiffCache) -> Self {
        let labels: Vec<String> = c.letters.iter().map(|l| compare::short_label(l)).collect();
        let views: Vec<(bool, GroupView)> = c
            .groups
            .par_iter()
            .map(|g| (c.is_local(g), group_view(c, g, &labels, diffs)))
            .collect();
        let group_count = views.len();
        let column: BTreeMap<&str, usize> = c
            .letters
            .iter()
            .enumerate()
            .map(|(i, l)| (l.url.as_str(), i))
            .collect();
        let mut local: Vec<LocalAdditions> = c
            .letters
            .iter()
            .zip(&labels)
            .map(|(l, label)| LocalAdditions {
                letter: label.clone(),
                letter_url: l.url.clone(),
                items: Vec::new(),
            })
            .collect();
        let mut groups = Vec::new();
        for (is_local, view) in views {
            match column.get(view.lead.letter_url.as_str()) {
                // A local group is one letter's items: no other wording.
                Some(&at) if is_local => local[at].items.push(view.lead),
                _ => groups.push(view),
            }
        }
        local.retain(|l| !l.items.is_empty());
        let mut places = BTreeMap::new();
        for (k, g) in groups.iter().enumerate() {
            let place = ItemPlace {
                anchor: format!("nhom-{}", k + 1),
                label: format!("Có trong {}/{} văn bản", g.letters, c.letters.len()),
            };
            for href in g.hrefs() {
                places.insert(href.to_owned(), place.clone());
            }
        }
        for (k, l) in local.iter().enumerate() {
            let place = ItemPlace {
                anchor: format!("rieng-{}", k + 1),
                label: "Bổ sung riêng".to_owned(),
            };
            for i in &l.items {
                places.insert(i.item.href.clone(), place.clone());
            }
        }
        let letters = c
            .letters
            .iter()
            .zip(c.shares())
            .zip(labels)
            .map(|((l, (items, local)), label)| LetterShare {
                label,
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
            local_count: local.iter().map(|l| l.items.len()).sum(),
            threshold: (similarity::THRESHOLD * 100.0).round() as u32,
            group_count,
            groups,
            local,
            letters,
            places,
        }
    }
}

/// One group's row: the first item, then the other members by wording.
fn group_view<'a>(
    c: &'a TopicComparison<'_>,
    g: &compare::ItemGroup,
    labels: &[String],
    diffs: &similarity::DiffCache,
) -> GroupView<'a> {
    let first = &c.items[g.members[0]];
    let lead_text = first.item.full_text();
    let mut view = GroupView {
        letters: g.letter_count(),
        lead: GroupItem {
            item: ItemLink::new(first),
            letter_url: first.letter.url.clone(),
        },
        variants: Vec::new(),
        same: Vec::new(),
        more: Vec::new(),
    };
    // Letters copy each other's wording: one diff per distinct text.
    let mut texts: Vec<String> = Vec::new();
    for (&m, &score) in g.members.iter().zip(&g.scores).skip(1) {
        let r = &c.items[m];
        let member = MemberLink {
            label: labels[c.owners[m]].clone(),
            href: format!("{}#{}", r.letter.url, r.item.id),
            similarity: (score * 100.0).round() as u32,
        };
        let text = r.item.full_text();
        if let Some(k) = texts.iter().position(|t| *t == text) {
            view.variants[k].members.push(member);
        } else if similarity::same_words(&lead_text, &text) {
            view.same.push(member);
        } else if texts.len() < DIFFED {
            view.variants.push(Variant {
                marker: &r.item.marker,
                diff: diffs.word_diff(&lead_text, &text),
                members: vec![member],
            });
            texts.push(text);
        } else {
            view.more.push(member);
        }
    }
    view
}

/// Letters at most on one topic page. A school year with more letters under a
/// topic is split into parts, whole provinces together where they fit.
pub const PAGE_LETTERS: usize = 60;

/// One page of a topic: the letters of one school year (or of a part of it).
#[derive(Debug)]
pub struct TopicPart<'a> {
    pub year: String,
    /// 0 for the first part of the year.
    pub part: usize,
    /// Parts in the year.
    pub parts: usize,
    /// Relative to the site root, ending in "/".
    pub url: String,
    /// Letters with a task under the topic, in [`compare::column_order`].
    pub letters: Vec<&'a Letter>,
}

impl TopicPart<'_> {
    /// "Năm học 2024-2025" or "Năm học 2024-2025 · Hà Nội – Hải Phòng".
    pub fn label(&self) -> String {
        let year = format!("Năm học {}", self.year);
        if self.parts < 2 {
            return year;
        }
        let first = self.letters.first().map(|l| l.province_key().1);
        let last = self.letters.last().map(|l| l.province_key().1);
        match (first, last) {
            (Some(a), Some(b)) if a == b => format!("{year} · {a} (phần {})", self.part + 1),
            (Some(a), Some(b)) => format!("{year} · {a} – {b}"),
            _ => year,
        }
    }
}

/// Where a topic's letters are shown: the newest school year at
/// `chu-de/<topic>/`, each other year at `chu-de/<topic>/<year>/`, and a year's
/// further parts at `…/<year>/trang-<n>/`.
#[derive(Debug)]
pub struct TopicLayout<'a> {
    pub topic: &'a Topic,
    /// Newest school year first, then parts in order.
    pub parts: Vec<TopicPart<'a>>,
    /// Letter URL → index into `parts`.
    page_of: BTreeMap<&'a str, usize>,
}

impl<'a> TopicLayout<'a> {
    /// The URL of the topic page that shows `letter` (the topic's first page
    /// when the letter has no task under it).
    pub fn url_of(&self, letter: &Letter) -> &str {
        let i = self.page_of.get(letter.url.as_str()).copied().unwrap_or(0);
        self.parts.get(i).map_or_else(|| "", |p| p.url.as_str())
    }

    pub fn index_url(&self) -> String {
        format!("chu-de/{}/", self.topic.id)
    }

    /// The layout of `topic` with these pages (as [`layout`] makes them).
    pub fn new(topic: &'a Topic, parts: Vec<TopicPart<'a>>) -> Self {
        let page_of = parts
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.letters.iter().map(move |l| (l.url.as_str(), i)))
            .collect();
        TopicLayout {
            topic,
            parts,
            page_of,
        }
    }
}

/// Splits the letters of one school year (in column order) into parts of at most
/// [`PAGE_LETTERS`], keeping a province's letters together when they fit.
fn split_year(letters: Vec<&Letter>) -> Vec<Vec<&Letter>> {
    let mut parts: Vec<Vec<&Letter>> = Vec::new();
    let mut current: Vec<&Letter> = Vec::new();
    let mut i = 0;
    while i < letters.len() {
        let province = letters[i].province_key().0;
        let mut j = i;
        while j < letters.len() && letters[j].province_key().0 == province {
            j += 1;
        }
        let group = &letters[i..j];
        if !current.is_empty() && current.len() + group.len() > PAGE_LETTERS {
            parts.push(std::mem::take(&mut current));
        }
        for chunk in group.chunks(PAGE_LETTERS) {
            if current.len() + chunk.len() > PAGE_LETTERS {
                parts.push(std::mem::take(&mut current));
            }
            current.extend_from_slice(chunk);
        }
        i = j;
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

/// Every topic's pages (cheap: no items are read).
pub fn layout<'a>(corpus: &'a Corpus, config: &'a SiteConfig) -> Vec<TopicLayout<'a>> {
    config
        .topics
        .par_iter()
        .map(|topic| {
            let mut letters: Vec<&Letter> = corpus
                .letters
                .iter()
                .filter(|l| l.front.tasks.iter().any(|t| t.topic == topic.id))
                .collect();
            compare::column_order(&mut letters);
            let mut by_year: Vec<(String, Vec<&Letter>)> = Vec::new();
            for l in letters {
                let year = l.front.school_year.id();
                match by_year.last_mut() {
                    Some((y, ls)) if *y == year => ls.push(l),
                    _ => by_year.push((year, vec![l])),
                }
            }
            let mut parts = Vec::new();
            for (k, (year, letters)) in by_year.into_iter().enumerate() {
                let split = split_year(letters);
                let count = split.len();
                for (part, letters) in split.into_iter().enumerate() {
                    let base = if k == 0 {
                        format!("chu-de/{}/", topic.id)
                    } else {
                        format!("chu-de/{}/{year}/", topic.id)
                    };
                    let url = if part == 0 {
                        base
                    } else {
                        format!("chu-de/{}/{year}/trang-{}/", topic.id, part + 1)
                    };
                    parts.push(TopicPart {
                        year: year.clone(),
                        part,
                        parts: count,
                        url,
                        letters,
                    });
                }
            }
            TopicLayout::new(topic, parts)
        })
        .collect()
}

/// A link to one of a topic's pages.
#[derive(Serialize)]
pub struct PartLink {
    pub url: String,
    pub label: String,
    pub letters: usize,
    pub current: bool,
}

fn part_links(layout: &TopicLayout<'_>, current: usize) -> Vec<PartLink> {
    layout
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| PartLink {
            url: p.url.clone(),
            label: p.label(),
            letters: p.letters.len(),
            current: i == current,
        })
        .collect()
}

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    let jobs: Vec<(&TopicLayout<'_>, usize)> = ctx
        .topics
        .iter()
        .flat_map(|t| (0..t.parts.len().max(1)).map(move |i| (t, i)))
        .filter(|&(t, i)| ctx.wants(|s| s.wants_topic_part(t, i)))
        .collect();
    let pages = jobs.par_iter().map(|&(layout, i)| {
        let topic = layout.topic;
        let empty = Vec::new();
        let part_letters = layout.parts.get(i).map_or(&empty, |p| &p.letters);
        let entries = compare::topic_entries(part_letters, topic);
        let compared = compare::compare_entries(topic, &entries);
        let comparison = ComparisonView::new(&compared, &ctx.diffs);
        let part = layout.parts.get(i);
        let view = TopicPage {
            topic,
            entries: entries
                .iter()
                .map(|e| TopicEntry::new(e, &comparison.places))
                .collect(),
            letter_count: part_letters.len(),
            comparison: &comparison,
            part_label: part.map(TopicPart::label).unwrap_or_default(),
            parts: part_links(layout, i),
            total_letters: layout.parts.iter().map(|p| p.letters.len()).sum(),
        };
        let url = part.map_or_else(|| layout.index_url(), |p| p.url.clone());
        let mut crumbs = vec![home_crumb(), ("chu-de/".into(), "Chủ đề".into())];
        let title = if i == 0 {
            topic.name.clone()
        } else {
            crumbs.push((layout.index_url(), topic.name.clone()));
            format!(
                "{} · {}",
                topic.name,
                part.map(TopicPart::label).unwrap_or_default()
            )
        };
        Page::new(format!("{url}index.html"), "topic.html", title, view).crumbs(crumbs)
    });
    plan.stream(pages);
    if ctx.scope.is_some() {
        return;
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
