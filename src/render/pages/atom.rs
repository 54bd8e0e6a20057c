//! `atom.xml`: an Atom feed of the letters, newest first (the corpus order).
//!
//! Contract: deterministic bytes. Each entry's id is its URL, its updated and
//! published dates are the letter's date of issue (else 1 September of its
//! school year); the feed's updated date is the newest entry's. No build time.

use atom_syndication::{Entry, Feed, FixedDateTime, Link, Person, Text};
use chrono::{FixedOffset, TimeZone};

use crate::letter::Letter;
use crate::render::{Ctx, Plan};

pub const PATH: &str = "atom.xml";

fn date_time(l: &Letter) -> FixedDateTime {
    let d = l.sort_date();
    // Midnight in Vietnam (UTC+7), the letters' own time zone.
    let tz = FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).unwrap());
    tz.with_ymd_and_hms(
        i32::from(d.year()),
        d.month() as u32,
        d.day() as u32,
        0,
        0,
        0,
    )
    .single()
    .unwrap_or_default()
}

fn link(href: String, rel: &str, mime: Option<&str>) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_mime_type(mime.map(str::to_owned));
    l
}

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    if !ctx.wants(|s| s.atom) {
        return;
    }
    let base = &ctx.config.base_url;
    let entries: Vec<Entry> = ctx
        .corpus
        .letters
        .iter()
        .map(|l| {
            let f = &l.front;
            let mut e = Entry::default();
            e.set_id(format!("{base}{}", l.url));
            e.set_title(Text::plain(f.title.clone()));
            e.set_updated(date_time(l));
            e.set_published(Some(date_time(l)));
            let mut author = Person::default();
            author.set_name(f.issuer.name.clone());
            e.set_authors(vec![author]);
            e.set_links(vec![link(
                format!("{base}{}", l.url),
                "alternate",
                Some("text/html"),
            )]);
            let mut summary = Vec::new();
            if let Some(n) = &f.number {
                summary.push(format!("Số {n}"));
            }
            summary.push(f.kind.label().to_owned());
            summary.push(format!("năm học {}", f.school_year.id()));
            if let Some(p) = f.issuer.province {
                summary.push(p.name.to_owned());
            }
            if let Some(s) = &f.subject {
                summary.push(s.clone());
            }
            e.set_summary(Some(Text::plain(summary.join(" · "))));
            e
        })
        .collect();
    let mut feed = Feed::default();
    feed.set_id(base.clone());
    feed.set_title(Text::plain(ctx.config.title.clone()));
    if !ctx.config.description.is_empty() {
        feed.set_subtitle(Some(Text::plain(ctx.config.description.clone())));
    }
    feed.set_lang(Some(ctx.config.language.clone()));
    feed.set_links(vec![
        link(
            format!("{base}{PATH}"),
            "self",
            Some("application/atom+xml"),
        ),
        link(base.clone(), "alternate", Some("text/html")),
    ]);
    if let Some(newest) = ctx.corpus.letters.iter().map(date_time).max() {
        feed.set_updated(newest);
    }
    feed.set_entries(entries);
    let mut bytes = b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n".to_vec();
    let body = feed.to_string();
    let body = body
        .strip_prefix("<?xml version=\"1.0\"?>")
        .unwrap_or(&body)
        .trim_start();
    bytes.extend_from_slice(body.as_bytes());
    bytes.push(b'\n');
    plan.files.insert(PATH.into(), bytes);
}
