//! Compare stage: what letters ask for, topic by topic. Pure functions of the
//! corpus and site.toml, used by the comparison pages and `gdtx compare`.
//!
//! - [`Matrix`]: topics × letters, each cell the tasks (and their item counts) a
//!   letter has under a topic. Letters are ordered by school year (newest
//!   first), then province, level, district and URL.
//! - [`compare_topic`]: every item of every letter under one topic, grouped
//!   into rows that say the same thing ([`similarity::group`]); a group found in
//!   one letter only is a local addition.
//! - [`series`] and [`year_steps`]: one issuer (one province at one level, and
//!   district for a Phòng) across school years: items added, removed, reworded.
//!
//! # Complexity
//!
//! Grouping runs per topic (topics in parallel), and within a topic is linear
//! in the number of items (see [`similarity`]): the whole corpus is never
//! compared pair by pair. The matrix is `O(letters × tasks)`. Year over year
//! compares only the letters of one issuer in two consecutive school years, so
//! its pairwise matching is bounded by the size of two letters, not the corpus.
//!
//! Deterministic: letters and items in fixed orders, BTreeMaps, ties broken by
//! index.

pub mod heatmap;
pub mod similarity;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::{SiteConfig, Topic};
use crate::corpus::{task_items, Corpus, Item, TaskEntry};
use crate::front_matter::{Level, Task};
use crate::letter::Letter;
use similarity::Doc;

/// Orders letters as the matrix columns: school year (newest first), province,
/// level (Bộ, Sở, Phòng), district, URL.
pub fn column_order(letters: &mut [&Letter]) {
    letters.sort_by_cached_key(|l| column_key(l));
}

fn column_key(l: &Letter) -> (std::cmp::Reverse<i16>, String, Level, String, String) {
    let f = &l.front;
    (
        std::cmp::Reverse(f.school_year.start),
        f.issuer
            .province
            .map_or_else(String::new, |p| crate::text::fold(p.name)),
        f.issuer.level,
        f.issuer
            .district
            .as_deref()
            .map(crate::text::fold)
            .unwrap_or_default(),
        l.url.clone(),
    )
}

/// One task of one letter in a matrix cell.
#[derive(Debug)]
pub struct CellTask<'a> {
    pub task: &'a Task,
    pub items: usize,
}

/// Topics × letters.
#[derive(Debug)]
pub struct Matrix<'a> {
    pub topics: Vec<&'a Topic>,
    /// Columns, in [`column_order`].
    pub letters: Vec<&'a Letter>,
    /// `cells[topic][letter]`: the letter's tasks under the topic.
    pub cells: Vec<Vec<Vec<CellTask<'a>>>>,
}

impl<'a> Matrix<'a> {
    /// The matrix of `letters` (any order; columns are sorted) over the topics of
    /// site.toml. A task whose topic is not in site.toml (impossible after
    /// `check`) is left out.
    pub fn new(mut letters: Vec<&'a Letter>, config: &'a SiteConfig) -> Self {
        column_order(&mut letters);
        let topics: Vec<&Topic> = config.topics.iter().collect();
        let row: BTreeMap<&str, usize> = topics
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let mut cells: Vec<Vec<Vec<CellTask<'a>>>> = topics
            .iter()
            .map(|_| letters.iter().map(|_| Vec::new()).collect())
            .collect();
        for (c, l) in letters.iter().enumerate() {
            for task in &l.front.tasks {
                if let Some(&r) = row.get(task.topic.as_str()) {
                    cells[r][c].push(CellTask {
                        task,
                        items: task_items(l, &task.anchor.value).len(),
                    });
                }
            }
        }
        Matrix {
            topics,
            letters,
            cells,
        }
    }

    /// Items of a cell (all its tasks).
    pub fn count(&self, topic: usize, letter: usize) -> usize {
        self.cells[topic][letter].iter().map(|t| t.items).sum()
    }

    pub fn max_count(&self) -> usize {
        (0..self.topics.len())
            .flat_map(|r| (0..self.letters.len()).map(move |c| (r, c)))
            .map(|(r, c)| self.count(r, c))
            .max()
            .unwrap_or(0)
    }
}

/// An item with the letter and task it belongs to.
#[derive(Clone, Debug)]
pub struct ItemRef<'a> {
    pub letter: &'a Letter,
    pub task: &'a Task,
    pub item: Item<'a>,
}

/// Items of one topic that say the same thing.
#[derive(Clone, Debug)]
pub struct ItemGroup {
    /// Indices into [`TopicComparison::items`], the reference (leader) first.
    pub members: Vec<usize>,
    /// Cosine of each member to the leader.
    pub scores: Vec<f32>,
}

impl ItemGroup {
    /// Number of letters the group is found in (one item per letter).
    pub fn letter_count(&self) -> usize {
        self.members.len()
    }
}

/// Every letter's items under one topic, grouped.
#[derive(Debug)]
pub struct TopicComparison<'a> {
    pub topic: &'a Topic,
    /// Letters with a task under the topic, in [`column_order`].
    pub letters: Vec<&'a Letter>,
    /// Items in grouping order: Bộ's letters first, then Sở, then Phòng; within
    /// a level in column order; within a letter in reading order.
    pub items: Vec<ItemRef<'a>>,
    /// For each item, the position of its letter in [`TopicComparison::letters`].
    pub owners: Vec<usize>,
    /// Shared groups first (most letters first), then local additions; ties in
    /// order of their reference item.
    pub groups: Vec<ItemGroup>,
}

impl TopicComparison<'_> {
    /// A group found in one letter only while the topic has several letters.
    pub fn is_local(&self, group: &ItemGroup) -> bool {
        group.letter_count() == 1 && self.letters.len() >= 2
    }

    /// For each letter (in [`TopicComparison::letters`] order): its number of
    /// items and how many of them are local additions. One pass over the groups.
    pub fn shares(&self) -> Vec<(usize, usize)> {
        let mut shares = vec![(0, 0); self.letters.len()];
        for g in &self.groups {
            let local = self.is_local(g);
            for &m in &g.members {
                let share = &mut shares[self.owners[m]];
                share.0 += 1;
                share.1 += usize::from(local);
            }
        }
        shares
    }
}

/// The tasks of `letters` tagged with `topic`, with their items, letter by
/// letter and in each letter's order.
pub fn topic_entries<'a>(letters: &[&'a Letter], topic: &Topic) -> Vec<TaskEntry<'a>> {
    letters
        .iter()
        .flat_map(|&letter| {
            letter
                .front
                .tasks
                .iter()
                .filter(|t| t.topic == topic.id)
                .map(move |task| TaskEntry {
                    letter,
                    task,
                    blocks: Vec::new(),
                    items: task_items(letter, &task.anchor.value),
                })
        })
        .collect()
}

/// Groups the items of the tasks tagged with `topic` across `letters`.
pub fn compare_topic<'a>(topic: &'a Topic, letters: &[&'a Letter]) -> TopicComparison<'a> {
    compare_entries(topic, &topic_entries(letters, topic))
}

/// [`compare_topic`] of the tasks [`topic_entries`] read, for a caller that
/// shows them too (a topic page), so that no task's items are read twice.
pub fn compare_entries<'a>(topic: &'a Topic, entries: &[TaskEntry<'a>]) -> TopicComparison<'a> {
    let mut by_letter: BTreeMap<&str, Vec<&TaskEntry<'a>>> = BTreeMap::new();
    let mut in_topic: Vec<&Letter> = Vec::new();
    for e in entries {
        let tasks = by_letter.entry(e.letter.url.as_str()).or_default();
        if tasks.is_empty() {
            in_topic.push(e.letter);
        }
        tasks.push(e);
    }
    column_order(&mut in_topic);
    let mut reading: Vec<(usize, &Letter)> = in_topic.iter().copied().enumerate().collect();
    reading.sort_by_key(|(i, l)| (l.front.issuer.level, *i));
    let mut items = Vec::new();
    let mut owners = Vec::new();
    for (owner, letter) in reading {
        for e in by_letter.get(letter.url.as_str()).into_iter().flatten() {
            for item in &e.items {
                owners.push(owner);
                items.push(ItemRef {
                    letter,
                    task: e.task,
                    item: item.clone(),
                });
            }
        }
    }
    let texts: Vec<String> = items.iter().map(|i| i.item.full_text()).collect();
    let docs: Vec<Doc<'_>> = owners
        .iter()
        .zip(&texts)
        .map(|(&owner, text)| Doc { owner, text })
        .collect();
    let mut groups: Vec<ItemGroup> = similarity::group(&docs)
        .into_iter()
        .map(|g| ItemGroup {
            members: g.members,
            scores: g.scores,
        })
        .collect();
    groups.sort_by(|a, b| {
        b.letter_count()
            .cmp(&a.letter_count())
            .then(a.members[0].cmp(&b.members[0]))
    });
    TopicComparison {
        topic,
        letters: in_topic,
        items,
        owners,
        groups,
    }
}

/// [`compare_topic`] for every topic of site.toml, in its order (in parallel).
pub fn compare_all<'a>(corpus: &'a Corpus, config: &'a SiteConfig) -> Vec<TopicComparison<'a>> {
    let letters: Vec<&Letter> = corpus.letters.iter().collect();
    config
        .topics
        .par_iter()
        .map(|t| compare_topic(t, &letters))
        .collect()
}

/// One issuer's letters across school years.
#[derive(Debug)]
pub struct Series<'a> {
    /// URL slug: "so-hai-phong", "phong-ha-noi-quan-ha-dong", "bo".
    pub key: String,
    /// The issuer's name in its newest letter.
    pub label: String,
    /// School years, oldest first, with the issuer's letters of that year.
    pub years: Vec<(String, Vec<&'a Letter>)>,
}

impl Series<'_> {
    /// Where the series page is published, relative to the site root.
    pub fn url(&self) -> String {
        format!("so-sanh/qua-cac-nam/{}/", self.key)
    }
}

/// The key that identifies "one issuer" across years: level, province and, for a
/// Phòng, its district (names change; places do not).
pub fn issuer_key(l: &Letter) -> String {
    let i = &l.front.issuer;
    let mut key = i.level.id().to_owned();
    if let Some(p) = i.province {
        key.push('-');
        key.push_str(&p.slug());
    }
    if i.level == Level::Phong {
        let district = i.district.as_deref().unwrap_or(&i.name);
        key.push('-');
        key.push_str(&crate::text::slugify(district));
    }
    key
}

/// Issuers with letters in two or more school years, by key.
pub fn series(corpus: &Corpus) -> Vec<Series<'_>> {
    let mut by_key: BTreeMap<String, BTreeMap<String, Vec<&Letter>>> = BTreeMap::new();
    for l in &corpus.letters {
        by_key
            .entry(issuer_key(l))
            .or_default()
            .entry(l.front.school_year.id())
            .or_default()
            .push(l);
    }
    by_key
        .into_iter()
        .filter(|(_, years)| years.len() >= 2)
        .map(|(key, years)| {
            let newest = years.values().next_back().and_then(|ls| ls.first());
            Series {
                key,
                label: newest.map_or_else(String::new, |l| l.front.issuer.name.clone()),
                years: years.into_iter().collect(),
            }
        })
        .collect()
}

/// An item kept from one year to the next, possibly reworded.
#[derive(Debug)]
pub struct Kept<'a> {
    pub before: ItemRef<'a>,
    pub after: ItemRef<'a>,
    pub score: f32,
}

/// What changed under one topic from one school year to the next.
#[derive(Debug)]
pub struct TopicChange<'a> {
    pub topic: &'a Topic,
    pub added: Vec<ItemRef<'a>>,
    pub removed: Vec<ItemRef<'a>>,
    pub reworded: Vec<Kept<'a>>,
    pub unchanged: Vec<Kept<'a>>,
}

/// From one school year to the next.
#[derive(Debug)]
pub struct YearStep<'a> {
    pub from: String,
    pub to: String,
    /// Topics with any item in either year, in site.toml order.
    pub topics: Vec<TopicChange<'a>>,
}

fn topic_items<'a>(letters: &[&'a Letter], topic: &Topic) -> Vec<ItemRef<'a>> {
    topic_entries(letters, topic)
        .into_iter()
        .flat_map(|e| {
            let (letter, task) = (e.letter, e.task);
            e.items
                .into_iter()
                .map(move |item| ItemRef { letter, task, item })
        })
        .collect()
}

/// One side of a [`topic_change`]: items of one year's letters under a topic,
/// each with its text's index in the series' one [`Texts`].
struct Side<'a> {
    items: Vec<ItemRef<'a>>,
    texts: Vec<usize>,
}

/// Syllable and term ids shared by all the years of a series, so that each
/// distinct text is folded, split and counted once, though most years are on
/// both sides of a step and most items are kept from one year to the next;
/// and the tables that weigh two sides together.
#[derive(Default)]
struct Texts {
    counter: similarity::TextCounter,
    weights: similarity::Weights,
}

impl<'a> Side<'a> {
    fn new(letters: &[&'a Letter], topic: &Topic, texts: &mut Texts) -> Self {
        let items = topic_items(letters, topic);
        let texts = items
            .iter()
            .map(|i| texts.counter.count(&i.item.full_text()))
            .collect();
        Side { items, texts }
    }
}

/// Matches the items of two years under one topic: best pairs first (cosine ≥
/// [`similarity::THRESHOLD`]), each item used once. Both sides are one issuer's
/// letters; pairs are scored by [`similarity::similar_pairs`], exactly for the
/// usual one or two letters a year, with bounded candidates beyond.
pub fn topic_change<'a>(
    topic: &'a Topic,
    before: &[&'a Letter],
    after: &[&'a Letter],
) -> TopicChange<'a> {
    let mut texts = Texts::default();
    let before = Side::new(before, topic, &mut texts);
    let after = Side::new(after, topic, &mut texts);
    change_between(topic, &before, &after, &mut texts)
}

fn change_between<'a>(
    topic: &'a Topic,
    before: &Side<'a>,
    after: &Side<'a>,
    texts: &mut Texts,
) -> TopicChange<'a> {
    let (old, new) = (&before.items, &after.items);
    let docs: Vec<usize> = before.texts.iter().chain(&after.texts).copied().collect();
    let vectors = texts.counter.vectors(&docs, &mut texts.weights);
    let (before_vectors, after_vectors) = vectors.split_at(old.len());
    let mut pairs = similarity::similar_pairs(before_vectors, after_vectors);
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut old_used = vec![None; old.len()];
    let mut new_used = vec![false; new.len()];
    for (s, i, j) in pairs {
        if old_used[i].is_none() && !new_used[j] {
            old_used[i] = Some((j, s));
            new_used[j] = true;
        }
    }
    let mut change = TopicChange {
        topic,
        added: Vec::new(),
        removed: Vec::new(),
        reworded: Vec::new(),
        unchanged: Vec::new(),
    };
    for (i, m) in old_used.iter().enumerate() {
        match m {
            None => change.removed.push(old[i].clone()),
            Some((j, score)) => {
                let kept = Kept {
                    before: old[i].clone(),
                    after: new[*j].clone(),
                    score: *score,
                };
                // Same syllables: same words (see `Syllables::of`).
                let syllables = |k: usize| &texts.counter.texts[k].0;
                if syllables(before.texts[i]) == syllables(after.texts[*j]) {
                    change.unchanged.push(kept);
                } else {
                    change.reworded.push(kept);
                }
            }
        }
    }
    // Reworded items in the order of the new letter.
    change.reworded.sort_by_key(|k| {
        new.iter()
            .position(|n| n.item.id == k.after.item.id && n.letter.url == k.after.letter.url)
    });
    change.added = new
        .iter()
        .zip(&new_used)
        .filter(|(_, used)| !**used)
        .map(|(n, _)| n.clone())
        .collect();
    change
}

/// Year-to-year changes of a series, one step per pair of consecutive years.
/// Each year's items are read once, though each year but the first and last
/// is on both sides of a step.
pub fn year_steps<'a>(series: &Series<'a>, config: &'a SiteConfig) -> Vec<YearStep<'a>> {
    let mut texts = Texts::default();
    let sides: Vec<Vec<Side<'a>>> = series
        .years
        .iter()
        .map(|(_, letters)| {
            config
                .topics
                .iter()
                .map(|t| Side::new(letters, t, &mut texts))
                .collect()
        })
        .collect();
    series
        .years
        .windows(2)
        .zip(sides.windows(2))
        .map(|(w, s)| {
            let ((from, _), (to, _)) = (&w[0], &w[1]);
            YearStep {
                from: from.clone(),
                to: to.clone(),
                topics: config
                    .topics
                    .iter()
                    .enumerate()
                    .map(|(k, t)| change_between(t, &s[0][k], &s[1][k], &mut texts))
                    .filter(|c| {
                        !(c.added.is_empty()
                            && c.removed.is_empty()
                            && c.reworded.is_empty()
                            && c.unchanged.is_empty())
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A short label of a letter for columns and reports: "Hải Phòng · Sở · 2024-2025"
/// or "Hà Nội · Phòng (Quận Hà Đông) · 2024-2025".
pub fn short_label(l: &Letter) -> String {
    ShortLabel(l).to_string()
}

/// [`short_label`] written where it is displayed (or serialised as a string),
/// for views that hold many labels.
#[derive(Clone, Copy, Debug)]
pub struct ShortLabel<'a>(pub &'a Letter);

impl std::fmt::Display for ShortLabel<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let l = self.0;
        let i = &l.front.issuer;
        let place = i.province.map_or("Toàn quốc", |p| p.name);
        let level = crate::render::views::level_label(i.level);
        let year = l.front.school_year.id();
        match (&i.district, i.level) {
            (Some(d), Level::Phong) => write!(f, "{place} · {level} ({d}) · {year}"),
            _ => write!(f, "{place} · {level} · {year}"),
        }
    }
}

impl serde::Serialize for ShortLabel<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The figures `gdtx compare` prints: per topic, the groups shared by several
/// letters and, per letter, its items and local additions.
pub fn report(comparisons: &[TopicComparison<'_>]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for c in comparisons {
        let shared: Vec<&ItemGroup> = c.groups.iter().filter(|g| g.letter_count() >= 2).collect();
        let _ = writeln!(
            out,
            "{} ({}): {} letter(s), {} item(s), {} group(s), {} shared by 2 or more letters",
            c.topic.name,
            c.topic.id,
            c.letters.len(),
            c.items.len(),
            c.groups.len(),
            shared.len()
        );
        for g in &shared {
            let lead = &c.items[g.members[0]];
            let _ = writeln!(
                out,
                "  shared by {}/{}: {}",
                g.letter_count(),
                c.letters.len(),
                excerpt(&lead.item.full_text(), 90)
            );
            let mut who: Vec<(usize, String)> = g
                .members
                .iter()
                .map(|&m| {
                    let l = c.items[m].letter;
                    (c.owners[m], format!("{}#{}", l.url, c.items[m].item.id))
                })
                .collect();
            who.sort();
            for (_, w) in who {
                let _ = writeln!(out, "    {w}");
            }
        }
        for (l, (items, local)) in c.letters.iter().zip(c.shares()) {
            let _ = writeln!(
                out,
                "  {}: {} item(s), {} shared, {} local addition(s)",
                short_label(l),
                items,
                items - local,
                local
            );
        }
        out.push('\n');
    }
    out
}

fn excerpt(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}
