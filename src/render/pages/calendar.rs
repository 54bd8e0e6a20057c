//! `/lich/`: a calendar per school year, month by month. Each item links to the
//! paragraph it was read from and to its letter, and carries its province and
//! issuer level so the page can be filtered (static markup; `site.js` adds the
//! filter controls, and without JavaScript every item stays visible).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::deadlines::{Deadline, Period};
use crate::letter::Letter;
use crate::render::pages::ical;
use crate::render::views::level_label;
use crate::render::{home_crumb, Ctx, Page, Plan};

/// One deadline on the calendar.
#[derive(Serialize)]
pub struct CalendarItem<'a> {
    pub when: String,
    pub iso: String,
    /// "day", "range", "month" or "year".
    pub granularity: &'static str,
    pub what: &'a str,
    pub who: Option<&'a str>,
    /// Letter URL with the paragraph anchor, relative to the site root.
    pub url: String,
    pub letter_url: &'a str,
    pub letter_title: &'a str,
    pub issuer: &'a str,
    pub province: Option<&'static str>,
    pub province_slug: String,
    pub level: &'static str,
    pub level_id: &'static str,
}

impl<'a> CalendarItem<'a> {
    pub fn new(letter: &'a Letter, d: &'a Deadline) -> Self {
        let f = &letter.front;
        CalendarItem {
            when: d.period.label(),
            iso: d.period.iso(),
            granularity: d.period.granularity(),
            what: &d.what,
            who: d.who.as_deref(),
            url: match &d.anchor {
                Some(a) => format!("{}#{a}", letter.url),
                None => letter.url.clone(),
            },
            letter_url: &letter.url,
            letter_title: &f.title,
            issuer: &f.issuer.name,
            province: f.issuer.province.map(|p| p.name),
            province_slug: f.issuer.province.map(|p| p.slug()).unwrap_or_default(),
            level: level_label(f.issuer.level),
            level_id: f.issuer.level.id(),
        }
    }
}

#[derive(Serialize)]
pub struct Month<'a> {
    /// "2023-09" (or "2024" for items of a whole year).
    pub id: String,
    pub label: String,
    pub items: Vec<CalendarItem<'a>>,
}

#[derive(Serialize)]
pub struct Choice {
    pub id: String,
    pub name: String,
}

#[derive(Serialize)]
pub struct Feed {
    pub url: String,
    pub name: String,
}

#[derive(Serialize)]
pub struct CalendarYearPage<'a> {
    pub year: String,
    pub months: Vec<Month<'a>>,
    pub count: usize,
    pub provinces: Vec<Choice>,
    pub levels: Vec<Choice>,
    pub other_years: Vec<String>,
}

#[derive(Serialize)]
pub struct CalendarIndexPage {
    pub years: Vec<(String, usize)>,
    pub feeds: Vec<Feed>,
    pub site_feed: String,
}

/// Every letter's deadlines by school year (newest year first), in date order.
pub fn by_school_year<'a>(ctx: &Ctx<'a>) -> Vec<(String, Vec<(&'a Letter, &'a Deadline)>)> {
    let mut map: BTreeMap<String, Vec<(&Letter, &Deadline)>> = BTreeMap::new();
    for l in &ctx.corpus.letters {
        for d in &l.deadlines {
            map.entry(l.front.school_year.id())
                .or_default()
                .push((l, d));
        }
    }
    map.into_iter()
        .rev()
        .map(|(y, mut items)| {
            items.sort_by(|a, b| {
                (a.1.period.start(), &a.0.url, a.1.span.start).cmp(&(
                    b.1.period.start(),
                    &b.0.url,
                    b.1.span.start,
                ))
            });
            (y, items)
        })
        .collect()
}

fn month_key(p: Period) -> (String, String) {
    match p {
        Period::Year(y) => (format!("{y:04}"), format!("Cả năm {y}")),
        _ => {
            let d = p.start();
            (
                format!("{:04}-{:02}", d.year(), d.month()),
                format!("Tháng {}/{}", d.month(), d.year()),
            )
        }
    }
}

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    let years = by_school_year(ctx);
    let year_ids: Vec<String> = years.iter().map(|(y, _)| y.clone()).collect();
    for (year, items) in years
        .iter()
        .filter(|(y, _)| ctx.wants(|s| s.calendar_years.contains(y)))
    {
        let mut months: Vec<Month<'_>> = Vec::new();
        let mut provinces: BTreeMap<String, String> = BTreeMap::new();
        let mut levels: BTreeMap<crate::front_matter::Level, ()> = BTreeMap::new();
        for (letter, d) in items {
            let (id, label) = month_key(d.period);
            if months.last().is_none_or(|m| m.id != id) {
                months.push(Month {
                    id: id.clone(),
                    label,
                    items: Vec::new(),
                });
            }
            if let Some(m) = months.last_mut() {
                m.items.push(CalendarItem::new(letter, d));
            }
        }
        // Filters offer every province and level with a letter this year, so a
        // reader also learns that a province's letters set no dates.
        for letter in ctx
            .corpus
            .letters
            .iter()
            .filter(|l| l.front.school_year.id() == *year)
        {
            if let Some(p) = letter.front.issuer.province {
                provinces.insert(p.slug(), p.name.to_owned());
            }
            levels.insert(letter.front.issuer.level, ());
        }
        let view = CalendarYearPage {
            year: year.clone(),
            count: items.len(),
            months,
            provinces: provinces
                .into_iter()
                .map(|(id, name)| Choice { id, name })
                .collect(),
            levels: levels
                .into_keys()
                .map(|l| Choice {
                    id: l.id().to_owned(),
                    name: level_label(l).to_owned(),
                })
                .collect(),
            other_years: year_ids.iter().filter(|y| *y != year).cloned().collect(),
        };
        plan.pages.push(
            Page::new(
                format!("lich/{year}/index.html"),
                "calendar.html",
                format!("Lịch công việc năm học {year}"),
                view,
            )
            .crumbs(vec![home_crumb(), ("lich/".into(), "Lịch".into())]),
        );
    }
    if !ctx.wants(|s| !s.calendar_years.is_empty()) {
        return;
    }
    let view = CalendarIndexPage {
        years: years.iter().map(|(y, i)| (y.clone(), i.len())).collect(),
        feeds: ical::issuer_feeds(ctx)
            .into_iter()
            .map(|(url, name)| Feed { url, name })
            .collect(),
        site_feed: ical::SITE_FEED.to_owned(),
    };
    plan.pages.push(
        Page::new(
            "lich/index.html".into(),
            "calendar.html",
            "Lịch công việc",
            view,
        )
        .crumbs(vec![home_crumb()]),
    );
}
