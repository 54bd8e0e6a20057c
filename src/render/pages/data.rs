//! Open data under `/data/`: JSON exports of the letters, their tasks and their
//! deadlines, described in docs/data.md. `data/index.json` lists every dataset
//! with the schema version; bump [`SCHEMA_VERSION`] (and docs/data.md) on any
//! incompatible change.
//!
//! Contract: deterministic bytes (corpus order, BTreeMap-free structs, pretty
//! JSON with a final newline). The citations branch adds `documents.json` and
//! `citations.json`: one more entry in [`datasets`] and one more function here.

use serde::Serialize;

use crate::render::pages::ical;
use crate::render::{Ctx, Plan};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Envelope<T: Serialize> {
    schema_version: u32,
    dataset: &'static str,
    /// Site base URL; every `url` below is relative to it.
    base_url: String,
    items: Vec<T>,
}

#[derive(Serialize)]
struct LetterRecord<'a> {
    url: &'a str,
    path: &'a str,
    title: &'a str,
    kind: &'static str,
    number: Option<&'a str>,
    date: Option<String>,
    place: Option<&'a str>,
    school_year: String,
    subject: Option<&'a str>,
    issuer: IssuerRecord<'a>,
    legal_bases: Vec<&'a str>,
    task_ids: Vec<&'a str>,
    deadline_count: usize,
    calendar: String,
}

#[derive(Serialize)]
struct IssuerRecord<'a> {
    name: &'a str,
    parent: Option<&'a str>,
    level: &'static str,
    province: Option<&'static str>,
    province_slug: Option<String>,
    district: Option<&'a str>,
}

#[derive(Serialize)]
struct TaskRecord<'a> {
    letter: &'a str,
    id: &'a str,
    title: &'a str,
    topic: &'a str,
    url: String,
}

#[derive(Serialize)]
struct DeadlineRecord<'a> {
    letter: &'a str,
    granularity: &'static str,
    /// ISO 8601: day, `start/end`, `YYYY-MM` or `YYYY`.
    when: String,
    start: String,
    /// Last day included.
    end: String,
    what: &'a str,
    who: Option<&'a str>,
    url: String,
    phrase: Option<&'a str>,
    source: crate::deadlines::Origin,
    ical_uid: String,
}

/// (file under data/, what it holds).
pub fn datasets() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "letters.json",
            "Văn bản: số, ngày, cơ quan ban hành, căn cứ",
        ),
        ("tasks.json", "Nhiệm vụ của từng văn bản, theo chủ đề"),
        ("deadlines.json", "Thời hạn, mốc thời gian trong văn bản"),
        // The citations branch adds: ("documents.json", …), ("citations.json", …).
    ]
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(value).unwrap_or_default();
    v.push(b'\n');
    v
}

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    if !ctx.wants(|s| s.data) {
        return;
    }
    let base = ctx.config.base_url.clone();
    let letters = ctx.corpus.letters.iter();
    let records: Vec<LetterRecord<'_>> = letters
        .clone()
        .map(|l| {
            let f = &l.front;
            LetterRecord {
                url: &l.url,
                path: &l.path,
                title: &f.title,
                kind: f.kind.id(),
                number: f.number.as_deref(),
                date: f.date.map(|d| d.to_string()),
                place: f.place.as_deref(),
                school_year: f.school_year.id(),
                subject: f.subject.as_deref(),
                issuer: IssuerRecord {
                    name: &f.issuer.name,
                    parent: f.issuer.parent.as_deref(),
                    level: f.issuer.level.id(),
                    province: f.issuer.province.map(|p| p.name),
                    province_slug: f.issuer.province.map(|p| p.slug()),
                    district: f.issuer.district.as_deref(),
                },
                legal_bases: f
                    .legal_bases
                    .iter()
                    .map(|b| b.cite.value.as_str())
                    .collect(),
                task_ids: f.tasks.iter().map(|t| t.id.as_str()).collect(),
                deadline_count: l.deadlines.len(),
                calendar: ical::letter_feed(l),
            }
        })
        .collect();
    let tasks: Vec<TaskRecord<'_>> = letters
        .clone()
        .flat_map(|l| {
            l.front.tasks.iter().map(move |t| TaskRecord {
                letter: &l.url,
                id: &t.id,
                title: &t.title,
                topic: &t.topic,
                url: format!("{}#{}", l.url, t.anchor.value),
            })
        })
        .collect();
    let deadlines: Vec<DeadlineRecord<'_>> = letters
        .flat_map(|l| {
            l.deadlines.iter().map(move |d| DeadlineRecord {
                letter: &l.url,
                granularity: d.period.granularity(),
                when: d.period.iso(),
                start: d.period.start().to_string(),
                end: d
                    .period
                    .end_exclusive()
                    .yesterday()
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
                what: &d.what,
                who: d.who.as_deref(),
                url: match &d.anchor {
                    Some(a) => format!("{}#{a}", l.url),
                    None => l.url.clone(),
                },
                phrase: d.phrase.as_deref(),
                source: d.origin,
                ical_uid: ical::uid(l, d),
            })
        })
        .collect();
    let envelope = |dataset, items| Envelope {
        schema_version: SCHEMA_VERSION,
        dataset,
        base_url: base.clone(),
        items,
    };
    plan.files.insert(
        "data/letters.json".into(),
        json(&envelope("letters", records)),
    );
    plan.files.insert(
        "data/tasks.json".into(),
        json(&envelope_tasks(&base, tasks)),
    );
    plan.files.insert(
        "data/deadlines.json".into(),
        json(&Envelope {
            schema_version: SCHEMA_VERSION,
            dataset: "deadlines",
            base_url: base.clone(),
            items: deadlines,
        }),
    );
    #[derive(Serialize)]
    struct Listing {
        schema_version: u32,
        schema: &'static str,
        datasets: Vec<Dataset>,
    }
    #[derive(Serialize)]
    struct Dataset {
        path: String,
        description: &'static str,
    }
    plan.files.insert(
        "data/index.json".into(),
        json(&Listing {
            schema_version: SCHEMA_VERSION,
            schema: "docs/data.md in the gdtx repository",
            datasets: datasets()
                .into_iter()
                .map(|(p, d)| Dataset {
                    path: format!("data/{p}"),
                    description: d,
                })
                .collect(),
        }),
    );
}

fn envelope_tasks<'a>(base: &str, items: Vec<TaskRecord<'a>>) -> Envelope<TaskRecord<'a>> {
    Envelope {
        schema_version: SCHEMA_VERSION,
        dataset: "tasks",
        base_url: base.to_owned(),
        items,
    }
}
