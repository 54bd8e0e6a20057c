//! Corpus stage: the cross-linked model of all letters. Takes parsed letters,
//! rejects collisions (two files, one URL), orders them newest first, and offers
//! the groupings every index page needs. Pure and deterministic (BTreeMaps).

use std::collections::BTreeMap;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::front_matter::{Level, Task};
use crate::letter::Letter;
use crate::markdown::Block;

#[derive(Debug, Default)]
pub struct Corpus {
    /// Newest first; ties broken by URL so the order never depends on threads.
    pub letters: Vec<Letter>,
}

/// A task of one letter with the body blocks it owns.
#[derive(Debug)]
pub struct TaskEntry<'a> {
    pub letter: &'a Letter,
    pub task: &'a Task,
    pub blocks: Vec<&'a Block>,
}

impl Corpus {
    pub fn build(mut letters: Vec<Letter>) -> (Corpus, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        letters.sort_by(|a, b| a.path.cmp(&b.path));
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut kept = Vec::with_capacity(letters.len());
        for letter in letters {
            if let Some(first) = seen.get(&letter.url) {
                diagnostics.push(
                    Diagnostic::error(&letter.path, format!("two letters would be published at {}", letter.url))
                        .help(format!(
                            "{first} has the same address; rename one of the files or give it another `slug` in its front matter"
                        )),
                );
                continue;
            }
            seen.insert(letter.url.clone(), letter.path.clone());
            kept.push(letter);
        }
        kept.sort_by(|a, b| {
            b.sort_date()
                .cmp(&a.sort_date())
                .then_with(|| a.url.cmp(&b.url))
        });
        (Corpus { letters: kept }, diagnostics)
    }

    /// Letters by province slug, with the province's display name.
    pub fn by_province(&self) -> BTreeMap<String, (&'static str, Vec<&Letter>)> {
        let mut map: BTreeMap<String, (&'static str, Vec<&Letter>)> = BTreeMap::new();
        for l in &self.letters {
            if let Some(p) = l.front.issuer.province {
                map.entry(p.slug())
                    .or_insert_with(|| (p.name, Vec::new()))
                    .1
                    .push(l);
            }
        }
        map
    }

    /// Letters by school year, newest year first.
    pub fn by_school_year(&self) -> Vec<(String, Vec<&Letter>)> {
        let mut map: BTreeMap<String, Vec<&Letter>> = BTreeMap::new();
        for l in &self.letters {
            map.entry(l.front.school_year.id()).or_default().push(l);
        }
        map.into_iter().rev().collect()
    }

    pub fn by_level(&self) -> BTreeMap<Level, Vec<&Letter>> {
        let mut map: BTreeMap<Level, Vec<&Letter>> = BTreeMap::new();
        for l in &self.letters {
            map.entry(l.front.issuer.level).or_default().push(l);
        }
        map
    }

    /// For each topic of site.toml (in its order), the tasks tagged with it.
    pub fn by_topic<'a>(
        &'a self,
        config: &'a SiteConfig,
    ) -> Vec<(&'a crate::config::Topic, Vec<TaskEntry<'a>>)> {
        config
            .topics
            .iter()
            .map(|topic| {
                let entries = self
                    .letters
                    .iter()
                    .flat_map(|l| l.front.tasks.iter().map(move |t| (l, t)))
                    .filter(|(_, t)| t.topic == topic.id)
                    .map(|(letter, task)| TaskEntry {
                        letter,
                        task,
                        blocks: task_blocks(letter, &task.anchor.value),
                    })
                    .collect();
                (topic, entries)
            })
            .collect()
    }
}

/// The blocks under a heading and its sub-headings, up to the next heading of the
/// same or a higher level.
pub fn task_blocks<'a>(letter: &'a Letter, anchor: &str) -> Vec<&'a Block> {
    let headings = &letter.body.headings;
    let Some(start) = headings.iter().position(|h| h.id == anchor) else {
        return Vec::new();
    };
    let level = headings[start].level;
    let mut sections = vec![headings[start].id.as_str()];
    for h in &headings[start + 1..] {
        if h.level <= level {
            break;
        }
        sections.push(h.id.as_str());
    }
    letter
        .body
        .blocks
        .iter()
        .filter(|b| sections.contains(&b.section.as_str()))
        .collect()
}
