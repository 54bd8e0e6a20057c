//! Borrowed, typed views that templates see. Each page kind has one struct; the
//! corpus is never copied, and a template can only use what a view exposes
//! (documented in docs/themes.md).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{SiteConfig, Topic};
use crate::corpus::Item;
use crate::corpus::TaskEntry;
use crate::deadlines::Deadline;
use crate::front_matter::Level;
use crate::letter::Letter;

/// Site-wide values, the same on every page but for `root`.
#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
}

impl<'a> SiteView<'a> {
    pub fn new(config: &'a SiteConfig) -> Self {
        SiteView {
            title: &config.title,
            description: &config.description,
            base_url: &config.base_url,
            language: &config.language,
        }
    }
}

/// "ngày 19 tháng 8 năm 2024".
pub fn long_date(d: jiff::civil::Date) -> String {
    format!("ngày {} tháng {} năm {}", d.day(), d.month(), d.year())
}

/// "19/08/2024".
pub fn short_date(d: jiff::civil::Date) -> String {
    crate::text::short_date(d)
}

/// A letter in a list.
#[derive(Serialize)]
pub struct LetterSummary<'a> {
    pub url: &'a str,
    pub title: &'a str,
    pub kind: &'static str,
    pub number: Option<&'a str>,
    pub date: Option<String>,
    pub iso_date: Option<String>,
    pub school_year: String,
    pub issuer: &'a str,
    pub level: &'static str,
    pub level_id: &'static str,
    pub province: Option<&'static str>,
    pub province_slug: Option<String>,
    pub district: Option<&'a str>,
    pub task_count: usize,
}

impl<'a> LetterSummary<'a> {
    pub fn new(l: &'a Letter) -> Self {
        let f = &l.front;
        LetterSummary {
            url: &l.url,
            title: &f.title,
            kind: f.kind.label(),
            number: f.number.as_deref(),
            date: f.date.map(short_date),
            iso_date: f.date.map(|d| d.to_string()),
            school_year: f.school_year.id(),
            issuer: &f.issuer.name,
            level: level_label(f.issuer.level),
            level_id: f.issuer.level.id(),
            province: f.issuer.province.map(|p| p.name),
            province_slug: f.issuer.province.map(|p| p.slug()),
            district: f.issuer.district.as_deref(),
            task_count: f.tasks.len(),
        }
    }
}

/// Short Vietnamese label of an issuer level, for badges and filters.
pub fn level_label(level: Level) -> &'static str {
    match level {
        Level::Bo => "Bộ",
        Level::So => "Sở",
        Level::Phong => "Phòng",
    }
}

#[derive(Serialize)]
pub struct LegalBasisView<'a> {
    pub cite: &'a str,
    pub about: Option<&'a str>,
    /// Page of the cited document (relative to the site root), when resolved.
    pub href: Option<String>,
}

#[derive(Serialize)]
pub struct TaskView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub anchor: &'a str,
    pub topic_id: &'a str,
    pub topic_name: &'a str,
    pub item_count: usize,
}

#[derive(Serialize)]
pub struct DeadlineView<'a> {
    /// "10/09/2023", "tháng 9/2023", "01/10/2023 – 07/10/2023".
    pub when: String,
    pub iso: String,
    /// "day", "range", "month" or "year".
    pub granularity: &'static str,
    pub what: &'a str,
    pub who: Option<&'a str>,
    pub anchor: Option<&'a str>,
}

impl<'a> DeadlineView<'a> {
    pub fn new(d: &'a Deadline) -> Self {
        DeadlineView {
            when: d.period.label(),
            iso: d.period.iso(),
            granularity: d.period.granularity(),
            what: &d.what,
            who: d.who.as_deref(),
            anchor: d.anchor.as_deref(),
        }
    }
}

/// The letter page: the document as issued plus an at-a-glance panel.
#[derive(Serialize)]
pub struct LetterPage<'a> {
    pub summary: LetterSummary<'a>,
    pub parent: Option<&'a str>,
    /// "Hải Phòng, ngày 19 tháng 8 năm 2024" (either part may be missing).
    pub place_date: Option<String>,
    pub subject: Option<&'a str>,
    pub recipients: &'a [String],
    pub copies: &'a [String],
    pub signer_authority: Option<&'a str>,
    pub signer_title: Option<&'a str>,
    pub signer_name: Option<&'a str>,
    pub legal_bases: Vec<LegalBasisView<'a>>,
    pub tasks: Vec<TaskView<'a>>,
    pub deadlines: Vec<DeadlineView<'a>>,
    /// Body HTML with citation links made relative to this page.
    pub body: String,
    /// Documents cited in the letter, in order of first mention.
    pub cited: Vec<crate::render::pages::documents::DocumentSummary<'a>>,
    /// Letters of the site that this letter carries out (its legal bases that
    /// are letters here), and letters that carry this one out.
    pub implements: Vec<LetterSummary<'a>>,
    pub implemented_by: Vec<LetterSummary<'a>>,
    /// The letter's iCalendar feed, relative to the site root.
    pub calendar_feed: String,
    /// The issuer's year-over-year page, when it has letters in several years.
    pub year_over_year: Option<String>,
    /// The issuer's step into this letter's school year (from the one before),
    /// when there is one.
    pub year_step: Option<crate::render::pages::compare::StepNav>,
    pub notes: Option<&'a str>,
    pub source: Option<&'a str>,
    pub path: &'a str,
}

impl<'a> LetterPage<'a> {
    pub fn new(l: &'a Letter, config: &'a SiteConfig) -> Self {
        let f = &l.front;
        let place_date = match (&f.place, f.date) {
            (Some(p), Some(d)) => Some(format!("{p}, {}", long_date(d))),
            (None, Some(d)) => Some(capitalise(&long_date(d))),
            (Some(p), None) => Some(p.clone()),
            (None, None) => None,
        };
        LetterPage {
            summary: LetterSummary::new(l),
            parent: f.issuer.parent.as_deref(),
            place_date,
            subject: f.subject.as_deref(),
            recipients: &f.recipients,
            copies: &f.copies,
            signer_authority: f.signer.authority.as_deref(),
            signer_title: f.signer.title.as_deref(),
            signer_name: f.signer.name.as_deref(),
            legal_bases: f
                .legal_bases
                .iter()
                .map(|b| LegalBasisView {
                    cite: &b.cite.value,
                    about: b.about.as_deref(),
                    href: None,
                })
                .collect(),
            tasks: f
                .tasks
                .iter()
                .map(|t| TaskView {
                    id: &t.id,
                    title: &t.title,
                    anchor: &t.anchor.value,
                    topic_id: &t.topic,
                    topic_name: config.topic(&t.topic).map_or("", |x| x.name.as_str()),
                    item_count: crate::corpus::task_items(l, &t.anchor.value).len(),
                })
                .collect(),
            deadlines: l.deadlines.iter().map(DeadlineView::new).collect(),
            calendar_feed: crate::render::pages::ical::letter_feed(l),
            body: String::new(),
            cited: Vec::new(),
            implements: Vec::new(),
            implemented_by: Vec::new(),
            year_over_year: None,
            year_step: None,
            notes: f.notes.as_deref(),
            source: f.source.as_deref(),
            path: &l.path,
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A titled group of letters on a list page.
#[derive(Serialize)]
pub struct Group<'a> {
    pub title: String,
    pub id: String,
    pub letters: Vec<LetterSummary<'a>>,
}

/// Province, school-year and level pages.
#[derive(Serialize)]
pub struct ListPage<'a> {
    pub heading: String,
    pub intro: String,
    pub groups: Vec<Group<'a>>,
    pub count: usize,
}

/// A link with a count, for index pages and the home page.
#[derive(Clone, Serialize)]
pub struct CountLink {
    pub url: String,
    pub name: String,
    pub count: usize,
}

/// One item of a task: its anchor, printed marker ("1.", "a)"), text and the
/// bullets under it.
#[derive(Serialize)]
pub struct ItemView<'a> {
    pub id: &'a str,
    pub marker: &'a str,
    pub text: &'a str,
    pub details: &'a [&'a str],
}

impl<'a> ItemView<'a> {
    pub fn new(i: &'a Item<'a>) -> Self {
        ItemView {
            id: i.id,
            marker: &i.marker,
            text: i.text,
            details: &i.details,
        }
    }
}

/// A letter's task under a topic, with its items.
#[derive(Serialize)]
pub struct TopicEntry<'a> {
    /// Anchor of the entry on the topic page (the matrix links to it).
    pub entry_id: String,
    pub letter: LetterSummary<'a>,
    pub task_title: &'a str,
    pub anchor: &'a str,
    pub items: Vec<EntryItem<'a>>,
}

/// An item of a [`TopicEntry`], with where the page's comparison shows it.
#[derive(Serialize)]
pub struct EntryItem<'a> {
    pub item: ItemView<'a>,
    pub place: Option<&'a ItemPlace>,
}

/// Where a topic page's comparison shows an item: the anchor of its group row
/// (or of its letter's local additions) and what that row is.
#[derive(Clone, Debug, Serialize)]
pub struct ItemPlace {
    pub anchor: String,
    pub label: String,
}

impl<'a> TopicEntry<'a> {
    /// `places` maps an item's link (`<letter url>#<item id>`) to its place in
    /// the page's comparison.
    pub fn new(e: &'a TaskEntry<'a>, places: &'a BTreeMap<String, ItemPlace>) -> Self {
        TopicEntry {
            entry_id: entry_id(e.letter, &e.task.id),
            letter: LetterSummary::new(e.letter),
            task_title: &e.task.title,
            anchor: &e.task.anchor.value,
            items: e
                .items
                .iter()
                .map(|i| EntryItem {
                    item: ItemView::new(i),
                    place: places.get(&format!("{}#{}", e.letter.url, i.id)),
                })
                .collect(),
        }
    }
}

/// Anchor of a letter's task on its topic page: "e-hai-phong-2024-2025-x-xhht".
pub fn entry_id(letter: &Letter, task_id: &str) -> String {
    format!("e-{}-{task_id}", crate::text::slugify(&letter.url))
}

#[derive(Serialize)]
pub struct TopicPage<'a> {
    pub topic: &'a Topic,
    pub entries: Vec<TopicEntry<'a>>,
    pub letter_count: usize,
    /// The letters side by side (groups of similar items).
    pub comparison: &'a crate::render::pages::topics::ComparisonView<'a>,
    /// "Năm học 2024-2025" (and the provinces when the year is split).
    pub part_label: String,
    /// Every page of the topic (school years, newest first, and their parts).
    pub parts: Vec<crate::render::pages::topics::PartLink>,
    /// Letters under the topic in all school years.
    pub total_letters: usize,
}

#[derive(Serialize)]
pub struct HomePage<'a> {
    pub newest: Vec<LetterSummary<'a>>,
    pub letter_count: usize,
    pub provinces: Vec<CountLink>,
    pub years: Vec<CountLink>,
    pub levels: Vec<CountLink>,
    pub topics: Vec<CountLink>,
    /// Documents cited by some letter (each has its page under /van-ban/).
    pub document_count: usize,
    pub task_count: usize,
    /// Inline SVG heat map of topics × the newest letters (print with `| safe`).
    pub heatmap: String,
    /// Letters shown in the heat map (the newest, at most 40).
    pub heatmap_letters: usize,
}
