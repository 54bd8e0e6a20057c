//! Page modules: each plans one kind of page (path, template, typed view) from the
//! corpus. Adding a kind of page means adding a module here and one line to
//! `render::plan`.

pub mod atom;
pub mod browse;
pub mod calendar;
pub mod compare;
pub mod data;
pub mod documents;
pub mod home;
pub mod ical;
pub mod letters;
pub mod search;
pub mod topics;

use crate::letter::Letter;
use crate::render::views::{CountLink, LetterSummary};

pub(crate) fn summaries<'a>(letters: &[&'a Letter]) -> Vec<LetterSummary<'a>> {
    letters.iter().map(|l| LetterSummary::new(l)).collect()
}

pub(crate) fn capitalise_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Links with counts for the index pages and the home page.
pub fn province_links(corpus: &crate::corpus::Corpus) -> Vec<CountLink> {
    corpus
        .by_province()
        .into_iter()
        .map(|(slug, (name, letters))| CountLink {
            url: format!("{slug}/"),
            name: name.to_owned(),
            count: letters.len(),
        })
        .collect()
}

pub fn year_links(corpus: &crate::corpus::Corpus) -> Vec<CountLink> {
    corpus
        .by_school_year()
        .into_iter()
        .map(|(year, letters)| CountLink {
            url: format!("nam-hoc/{year}/"),
            name: format!("Năm học {year}"),
            count: letters.len(),
        })
        .collect()
}

pub fn level_links(corpus: &crate::corpus::Corpus) -> Vec<CountLink> {
    corpus
        .by_level()
        .into_iter()
        .map(|(level, letters)| CountLink {
            url: format!("cap/{}/", level.id()),
            name: level.label().to_owned(),
            count: letters.len(),
        })
        .collect()
}

pub fn topic_links(
    corpus: &crate::corpus::Corpus,
    config: &crate::config::SiteConfig,
) -> Vec<CountLink> {
    corpus
        .by_topic(config)
        .into_iter()
        .map(|(topic, entries)| {
            let mut urls: Vec<&str> = entries.iter().map(|e| e.letter.url.as_str()).collect();
            urls.sort_unstable();
            urls.dedup();
            CountLink {
                url: format!("chu-de/{}/", topic.id),
                name: topic.name.clone(),
                count: urls.len(),
            }
        })
        .collect()
}
