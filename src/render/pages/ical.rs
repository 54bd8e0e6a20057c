//! iCalendar feeds (RFC 5545) that calendar apps subscribe to: one for the
//! whole site (`lich/gdtx.ics`), one per letter (`<letter>/lich.ics`) and one per
//! issuer (`lich/co-quan/<issuer>.ics`).
//!
//! Contract: deterministic bytes. DTSTAMP is the letter's date of issue (else
//! 1 September of its school year) at 00:00:00Z, never the build time; UID is a
//! hash of the letter URL, the anchor, the period and the text, so it stays the
//! same across builds and changes only when the item does. Every item is all-day:
//! DTEND is the day after the last day. A month (or year) item is an all-day
//! event spanning the whole month, labelled "(cả tháng)" in its summary and
//! explained in its description: the letter names no day, and none is invented.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

use crate::deadlines::{Deadline, Period};
use crate::letter::Letter;
use crate::render::{Ctx, Plan};
use crate::text::slugify;

/// A deadline with its letter.
type Item<'a> = (&'a Letter, &'a Deadline);

/// The whole site's feed, relative to the site root.
pub const SITE_FEED: &str = "lich/gdtx.ics";

/// A letter's own feed, relative to the site root.
pub fn letter_feed(letter: &Letter) -> String {
    format!("{}lich.ics", letter.url)
}

/// A feed per issuer: (URL relative to the site root, issuer name), by URL.
pub fn issuer_feeds(ctx: &Ctx<'_>) -> Vec<(String, String)> {
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for l in &ctx.corpus.letters {
        if !l.deadlines.is_empty() {
            map.insert(issuer_feed(l), l.front.issuer.name.clone());
        }
    }
    map.into_iter().collect()
}

/// The feed of a letter's issuer, relative to the site root.
pub fn issuer_feed(l: &Letter) -> String {
    format!("lich/co-quan/{}.ics", slugify(&l.front.issuer.name))
}

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    if !ctx.wants(|s| !s.deadline_letters.is_empty()) {
        return;
    }
    let base = &ctx.config.base_url;
    let all: Vec<(&Letter, &Deadline)> = ctx
        .corpus
        .letters
        .iter()
        .flat_map(|l| l.deadlines.iter().map(move |d| (l, d)))
        .collect();
    plan.files.insert(
        SITE_FEED.into(),
        calendar(
            &format!("{} – Lịch công việc", ctx.config.title),
            base,
            &all,
        ),
    );
    let mut by_issuer: BTreeMap<String, (String, Vec<Item<'_>>)> = BTreeMap::new();
    // In a scope, the letters whose deadlines changed and their issuers' feeds.
    let issuers: Option<std::collections::BTreeSet<String>> = ctx.scope.map(|s| {
        ctx.corpus
            .letters
            .iter()
            .filter(|l| s.deadline_letters.contains(&l.url))
            .map(issuer_feed)
            .collect()
    });
    for l in &ctx.corpus.letters {
        if issuers
            .as_ref()
            .is_some_and(|i| !i.contains(&issuer_feed(l)))
        {
            continue;
        }
        let items: Vec<(&Letter, &Deadline)> = l.deadlines.iter().map(|d| (l, d)).collect();
        if ctx.wants(|s| s.deadline_letters.contains(&l.url)) {
            plan.files.insert(
                letter_feed(l),
                calendar(&format!("Thời hạn – {}", l.front.title), base, &items),
            );
        }
        if !items.is_empty() {
            by_issuer
                .entry(issuer_feed(l))
                .or_insert_with(|| (l.front.issuer.name.clone(), Vec::new()))
                .1
                .extend(items);
        }
    }
    for (path, (name, items)) in by_issuer {
        plan.files
            .insert(path, calendar(&format!("Thời hạn – {name}"), base, &items));
    }
}

/// FNV-1a, 64 bits: a hash whose value is fixed by its definition, unlike std's.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Content-derived UID of one item.
pub fn uid(letter: &Letter, d: &Deadline) -> String {
    let key = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        letter.url,
        d.anchor.as_deref().unwrap_or(""),
        d.period.iso(),
        d.what
    );
    format!("{:016x}@gdtx", fnv1a(key.as_bytes()))
}

fn naive(d: jiff::civil::Date) -> NaiveDate {
    NaiveDate::from_ymd_opt(i32::from(d.year()), d.month() as u32, d.day() as u32)
        .unwrap_or_default()
}

fn event(base: &str, letter: &Letter, d: &Deadline) -> Event {
    let f = &letter.front;
    let stamp = letter.sort_date();
    let stamp = Utc
        .with_ymd_and_hms(
            i32::from(stamp.year()),
            stamp.month() as u32,
            stamp.day() as u32,
            0,
            0,
            0,
        )
        .single()
        .unwrap_or_default();
    let url = match &d.anchor {
        Some(a) => format!("{base}{}#{a}", letter.url),
        None => format!("{base}{}", letter.url),
    };
    let (summary, note) = match d.period {
        Period::Month { year, month } => (
            format!("{} (cả tháng {month}/{year})", headline(&d.what)),
            format!(
                "Văn bản chỉ ghi tháng {month}/{year}, không ghi ngày cụ thể: mục này kéo dài cả tháng.\n"
            ),
        ),
        Period::Year(y) => (
            format!("{} (cả năm {y})", headline(&d.what)),
            format!("Văn bản chỉ ghi năm {y}, không ghi ngày cụ thể: mục này kéo dài cả năm.\n"),
        ),
        Period::Range(..) => (d.what.clone(), String::new()),
        Period::Day(_) => (d.what.clone(), String::new()),
    };
    let mut description = note;
    if matches!(d.period, Period::Month { .. } | Period::Year(_)) {
        description.push_str(&d.what);
        description.push('\n');
    }
    if let Some(phrase) = &d.phrase {
        description.push_str(&format!("Văn bản ghi: \"{phrase}\".\n"));
    }
    if let Some(who) = &d.who {
        description.push_str(&format!("Thực hiện: {who}.\n"));
    }
    description.push_str(&format!("{}\n{}", f.title, f.issuer.name));
    Event::new()
        .uid(&uid(letter, d))
        .timestamp(stamp)
        .summary(&summary)
        .description(&description)
        .starts(naive(d.period.start()))
        .ends(naive(d.period.end_exclusive()))
        .url(&url)
        .add_property("TRANSP", "TRANSPARENT")
        .done()
}

/// The first item of a timetable row, short enough for a summary line.
fn headline(what: &str) -> String {
    let first = what.split(" - ").next().unwrap_or(what);
    let first = first.trim_end_matches([';', '.', ' ']);
    if first.chars().count() <= 90 {
        return first.to_owned();
    }
    let cut: String = first.chars().take(90).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{cut}…")
}

/// One feed's bytes.
fn calendar(name: &str, base: &str, items: &[(&Letter, &Deadline)]) -> Vec<u8> {
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//gdtx//Lich GDTX//VI"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("METHOD", "PUBLISH"));
    cal.name(name);
    cal.append_property(("X-WR-TIMEZONE", "Asia/Ho_Chi_Minh"));
    let mut sorted: Vec<&(&Letter, &Deadline)> = items.iter().collect();
    sorted.sort_by(|a, b| {
        (a.1.period.start(), &a.0.url, a.1.span.start).cmp(&(
            b.1.period.start(),
            &b.0.url,
            b.1.span.start,
        ))
    });
    for (letter, d) in sorted {
        cal.push(event(base, letter, d));
    }
    cal.done().to_string().into_bytes()
}
