//! Comparison pages: `/so-sanh/` (the matrix of topics × letters of the newest
//! school year with its heat map and filters; `/so-sanh/<year>/` for the other
//! years, so a page is bounded by one year's letters) and
//! `/so-sanh/qua-cac-nam/<issuer>/` (one issuer across school years: counts
//! per step and topic) with one page per step at `…/<issuer>/<year>/` (the
//! items added, removed and reworded into `<year>`), so a decade of letters is
//! never one page. The logic is in [`crate::compare`]; this module only shapes
//! views.

use rayon::prelude::*;
use serde::Serialize;

use super::topics::TopicLayout;
use crate::compare::{self, heatmap, similarity, ItemRef, Matrix, Series};
use crate::config::Topic;
use crate::letter::Letter;
use crate::render::views::{entry_id, level_label, LetterSummary};
use crate::render::{home_crumb, Ctx, Page, Plan};

/// A header cell spanning several letter columns.
#[derive(Serialize)]
pub struct Span {
    pub label: String,
    pub span: usize,
    pub year: String,
    pub province: String,
}

#[derive(Serialize)]
pub struct Column<'a> {
    pub letter: LetterSummary<'a>,
    pub label: String,
    pub year: String,
    pub province: String,
}

#[derive(Serialize)]
pub struct CellTaskView<'a> {
    pub title: &'a str,
    pub items: usize,
    /// The task's entry on the topic page, relative to the site root.
    pub href: String,
    /// "letter-url#task-id": identifies the task (tests count these).
    pub key: String,
}

#[derive(Serialize)]
pub struct CellView<'a> {
    pub count: usize,
    pub tasks: Vec<CellTaskView<'a>>,
    pub year: String,
    pub province: String,
    pub level: &'static str,
}

#[derive(Serialize)]
pub struct Row<'a> {
    pub topic: &'a Topic,
    pub url: String,
    pub letters: usize,
    pub cells: Vec<CellView<'a>>,
}

#[derive(Serialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Serialize)]
pub struct SeriesLink {
    pub url: String,
    pub label: String,
    pub years: Vec<String>,
}

/// Letters (the newest) drawn in the heat map of /so-sanh/; the table below it
/// has them all. Past this the picture stops being readable (and light).
pub const HEATMAP_LETTERS: usize = 120;

/// A link to the matrix of one school year.
#[derive(Serialize)]
pub struct YearLink {
    pub url: String,
    pub year: String,
    pub letters: usize,
    pub current: bool,
}

/// Where the matrix of a school year is published: the newest (`index`
/// 0) at `so-sanh/`, the others at `so-sanh/<year>/`.
pub fn matrix_url(index: usize, year: &str) -> String {
    if index == 0 {
        "so-sanh/".to_owned()
    } else {
        format!("so-sanh/{year}/")
    }
}

#[derive(Serialize)]
pub struct MatrixPage<'a> {
    /// The school year of the page's letters.
    pub year: String,
    /// Every school year's matrix, newest first.
    pub year_links: Vec<YearLink>,
    pub heatmap: String,
    /// Letters in the heat map (at most [`HEATMAP_LETTERS`]).
    pub heatmap_letters: usize,
    pub year_spans: Vec<Span>,
    pub province_spans: Vec<Span>,
    pub columns: Vec<Column<'a>>,
    pub rows: Vec<Row<'a>>,
    pub years: Vec<Choice>,
    pub provinces: Vec<Choice>,
    pub levels: Vec<Choice>,
    pub series: Vec<SeriesLink>,
}

/// The matrix page's view.
pub fn matrix_page<'a>(
    matrix: &Matrix<'a>,
    newest: &Matrix<'_>,
    series: &[Series<'_>],
    topics: &[TopicLayout<'_>],
) -> MatrixPage<'a> {
    let mut year_spans: Vec<Span> = Vec::new();
    let mut province_spans: Vec<Span> = Vec::new();
    let mut columns = Vec::new();
    for l in &matrix.letters {
        let year = l.front.school_year.id();
        let (province, province_name) = l.province_key();
        match year_spans.last_mut() {
            Some(s) if s.year == year => s.span += 1,
            _ => year_spans.push(Span {
                label: format!("Năm học {year}"),
                span: 1,
                year: year.clone(),
                province: String::new(),
            }),
        }
        match province_spans.last_mut() {
            Some(s) if s.year == year && s.province == province => s.span += 1,
            _ => province_spans.push(Span {
                label: province_name,
                span: 1,
                year: year.clone(),
                province: province.clone(),
            }),
        }
        let i = &l.front.issuer;
        columns.push(Column {
            letter: LetterSummary::new(l),
            label: match (&i.district, i.level) {
                (Some(d), crate::front_matter::Level::Phong) => d.clone(),
                _ => i.name.clone(),
            },
            year,
            province,
        });
    }
    let rows = matrix
        .topics
        .iter()
        .enumerate()
        .map(|(r, topic)| {
            let cells: Vec<CellView<'a>> = matrix
                .letters
                .iter()
                .enumerate()
                .map(|(c, l)| CellView {
                    count: matrix.count(r, c),
                    tasks: matrix.cells[r][c]
                        .iter()
                        .map(|t| CellTaskView {
                            title: &t.task.title,
                            items: t.items,
                            href: format!(
                                "{}#{}",
                                topic_url(topics, r, topic, l),
                                entry_id(l, &t.task.id)
                            ),
                            key: format!("{}#{}", l.url, t.task.id),
                        })
                        .collect(),
                    year: l.front.school_year.id(),
                    province: l.province_key().0,
                    level: l.front.issuer.level.id(),
                })
                .collect();
            Row {
                topic,
                url: format!("chu-de/{}/", topic.id),
                letters: cells.iter().filter(|c| !c.tasks.is_empty()).count(),
                cells,
            }
        })
        .collect();
    let mut years: Vec<Choice> = year_spans
        .iter()
        .map(|s| Choice {
            value: s.year.clone(),
            label: s.year.clone(),
        })
        .collect();
    years.dedup_by(|a, b| a.value == b.value);
    let mut provinces: Vec<(String, String)> = matrix
        .letters
        .iter()
        .map(|l| {
            let (slug, name) = l.province_key();
            (crate::text::fold(&name), format!("{slug}\u{0}{name}"))
        })
        .collect();
    provinces.sort();
    provinces.dedup();
    let mut levels: Vec<crate::front_matter::Level> = matrix
        .letters
        .iter()
        .map(|l| l.front.issuer.level)
        .collect();
    levels.sort();
    levels.dedup();
    MatrixPage {
        year: years.first().map(|y| y.value.clone()).unwrap_or_default(),
        year_links: Vec::new(),
        heatmap: heatmap::svg(newest, "hm-so-sanh"),
        heatmap_letters: newest.letters.len(),
        year_spans,
        province_spans,
        columns,
        rows,
        years,
        provinces: provinces
            .into_iter()
            .map(|(_, v)| {
                let (slug, name) = v.split_once('\u{0}').unwrap_or_default();
                Choice {
                    value: slug.to_owned(),
                    label: name.to_owned(),
                }
            })
            .collect(),
        levels: levels
            .into_iter()
            .map(|l| Choice {
                value: l.id().to_owned(),
                label: level_label(l).to_owned(),
            })
            .collect(),
        series: series
            .iter()
            .map(|s| SeriesLink {
                url: s.url(),
                label: s.label.clone(),
                years: s.years.iter().map(|(y, _)| y.clone()).collect(),
            })
            .collect(),
    }
}

/// The topic page that shows `letter` (row `r` of the matrix is topic `r` of
/// site.toml, as is `topics[r]`).
fn topic_url(topics: &[TopicLayout<'_>], r: usize, topic: &Topic, letter: &Letter) -> String {
    match topics.get(r).filter(|t| t.topic.id == topic.id) {
        Some(t) => t.url_of(letter).to_owned(),
        None => format!("chu-de/{}/", topic.id),
    }
}

/// An item with a link back to its paragraph. Borrows the item's words: a
/// page serialises them once, into the template's values.
#[derive(Serialize)]
pub struct ItemLink<'a> {
    /// Relative to the site root: "hai-phong/2024-2025/x/#ii-1-p2".
    pub href: String,
    pub letter: compare::ShortLabel<'a>,
    pub marker: &'a str,
    pub text: &'a str,
    pub details: &'a [&'a str],
}

impl<'a> ItemLink<'a> {
    pub fn new(r: &'a ItemRef<'_>) -> Self {
        ItemLink {
            href: format!("{}#{}", r.letter.url, r.item.id),
            letter: compare::ShortLabel(r.letter),
            marker: &r.item.marker,
            text: r.item.text,
            details: &r.item.details,
        }
    }
}

#[derive(Serialize)]
pub struct RewordedView<'a> {
    pub before: ItemLink<'a>,
    pub after: ItemLink<'a>,
    pub diff: similarity::Diff,
}

#[derive(Serialize)]
pub struct TopicChangeView<'a> {
    pub topic: &'a Topic,
    pub url: String,
    pub added: Vec<ItemLink<'a>>,
    pub removed: Vec<ItemLink<'a>>,
    pub reworded: Vec<RewordedView<'a>>,
    pub unchanged: usize,
}

/// Items added, removed, reworded and kept in a step (or a topic of it).
#[derive(Clone, Copy, Default, Serialize)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub reworded: usize,
    pub unchanged: usize,
}

impl Counts {
    fn of(t: &TopicChangeView<'_>) -> Counts {
        Counts {
            added: t.added.len(),
            removed: t.removed.len(),
            reworded: t.reworded.len(),
            unchanged: t.unchanged,
        }
    }
}

/// One step as the series overview lists it: its page and its counts.
#[derive(Clone, Serialize)]
pub struct StepSummary {
    pub from: String,
    pub to: String,
    /// The step's page, relative to the site root.
    pub url: String,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Serialize)]
pub struct StepView<'a> {
    #[serde(flatten)]
    pub summary: StepSummary,
    pub topics: Vec<TopicChangeView<'a>>,
}

/// One topic's counts in one step (a cell of the overview's table).
#[derive(Serialize)]
pub struct StepCell {
    /// The topic's section on the step page; empty when the topic has no item
    /// in either year of the step.
    pub href: String,
    #[serde(flatten)]
    pub counts: Counts,
}

/// A row of the overview's table: one topic across the steps.
#[derive(Serialize)]
pub struct StepTopicRow<'a> {
    pub topic: &'a Topic,
    pub cells: Vec<StepCell>,
}

/// `/so-sanh/qua-cac-nam/<issuer>/`: the issuer's letters and, per step and
/// topic, how many items were added, removed and reworded. The items are on
/// one page per step, so a decade of letters is never one page.
#[derive(Serialize)]
pub struct YearPage<'a> {
    pub label: String,
    pub letters: Vec<LetterSummary<'a>>,
    pub steps: Vec<StepSummary>,
    pub topics: Vec<StepTopicRow<'a>>,
}

/// A neighbouring step, for the step page's navigation.
#[derive(Clone, Serialize)]
pub struct StepNav {
    pub url: String,
    pub from: String,
    pub to: String,
}

/// `/so-sanh/qua-cac-nam/<issuer>/<year>/`: from the series' previous school
/// year to `<year>`, topic by topic.
#[derive(Serialize)]
pub struct YearStepPage<'a> {
    pub label: String,
    /// The series overview, relative to the site root.
    pub series_url: String,
    /// The issuer's letters of the two school years.
    pub letters: Vec<LetterSummary<'a>>,
    pub step: StepView<'a>,
    pub previous: Option<StepNav>,
    pub next: Option<StepNav>,
}

/// Where the step into school year `to` of a series is published.
pub fn step_url(series: &Series<'_>, to: &str) -> String {
    format!("{}{to}/", series.url())
}

fn step_view<'a>(
    series: &Series<'_>,
    step: &'a compare::YearStep<'_>,
    diffs: &similarity::DiffCache,
) -> StepView<'a> {
    let topics: Vec<TopicChangeView<'a>> = step
        .topics
        .iter()
        .map(|c| TopicChangeView {
            topic: c.topic,
            url: format!("chu-de/{}/", c.topic.id),
            added: c.added.iter().map(ItemLink::new).collect(),
            removed: c.removed.iter().map(ItemLink::new).collect(),
            reworded: c
                .reworded
                .iter()
                .map(|k| RewordedView {
                    diff: diffs.word_diff(&k.before.item.full_text(), &k.after.item.full_text()),
                    before: ItemLink::new(&k.before),
                    after: ItemLink::new(&k.after),
                })
                .collect(),
            unchanged: c.unchanged.len(),
        })
        .collect();
    let counts = topics
        .iter()
        .map(Counts::of)
        .fold(Counts::default(), |a, c| Counts {
            added: a.added + c.added,
            removed: a.removed + c.removed,
            reworded: a.reworded + c.reworded,
            unchanged: a.unchanged + c.unchanged,
        });
    StepView {
        summary: StepSummary {
            url: step_url(series, &step.to),
            from: step.from.clone(),
            to: step.to.clone(),
            counts,
        },
        topics,
    }
}

/// The overview of a series from its steps' views.
fn year_page<'a>(series: &Series<'a>, steps: &[StepView<'_>], ctx: &Ctx<'a>) -> YearPage<'a> {
    let topics = ctx
        .config
        .topics
        .iter()
        .filter_map(|topic| {
            let cells: Vec<StepCell> = steps
                .iter()
                .map(|s| match s.topics.iter().find(|t| t.topic.id == topic.id) {
                    Some(t) => StepCell {
                        href: format!("{}#{}", s.summary.url, topic.id),
                        counts: Counts::of(t),
                    },
                    None => StepCell {
                        href: String::new(),
                        counts: Counts::default(),
                    },
                })
                .collect();
            cells
                .iter()
                .any(|c| !c.href.is_empty())
                .then_some(StepTopicRow { topic, cells })
        })
        .collect();
    YearPage {
        label: series.label.clone(),
        letters: series
            .years
            .iter()
            .flat_map(|(_, ls)| ls.iter().map(|l| LetterSummary::new(l)))
            .collect(),
        steps: steps.iter().map(|s| s.summary.clone()).collect(),
        topics,
    }
}

/// The overview and the step pages of one series.
fn series_pages<'a>(series: &Series<'a>, ctx: &Ctx<'a>) -> Vec<Page> {
    let changes = compare::year_steps(series, ctx.config);
    let steps: Vec<StepView<'_>> = changes
        .par_iter()
        .map(|step| step_view(series, step, &ctx.diffs))
        .collect();
    let overview = series.url();
    let crumbs = vec![home_crumb(), ("so-sanh/".into(), "So sánh".into())];
    let mut pages = vec![Page::new(
        format!("{overview}index.html"),
        "year.html",
        format!("{} qua các năm học", series.label),
        year_page(series, &steps, ctx),
    )
    .crumbs(crumbs.clone())];
    let navs: Vec<StepNav> = steps
        .iter()
        .map(|s| StepNav {
            url: s.summary.url.clone(),
            from: s.summary.from.clone(),
            to: s.summary.to.clone(),
        })
        .collect();
    let mut step_crumbs = crumbs;
    step_crumbs.push((
        overview.clone(),
        format!("{} qua các năm học", series.label),
    ));
    for (k, step) in steps.into_iter().enumerate() {
        let StepSummary { from, to, url, .. } = &step.summary;
        let letters = series
            .years
            .iter()
            .filter(|(y, _)| y == from || y == to)
            .flat_map(|(_, ls)| ls.iter().map(|l| LetterSummary::new(l)))
            .collect();
        let title = format!("{}: năm học {to} so với {from}", series.label);
        let path = format!("{url}index.html");
        let view = YearStepPage {
            label: series.label.clone(),
            series_url: overview.clone(),
            letters,
            previous: k.checked_sub(1).map(|p| navs[p].clone()),
            next: navs.get(k + 1).cloned(),
            step,
        };
        pages.push(Page::new(path, "year_step.html", title, view).crumbs(step_crumbs.clone()));
    }
    pages
}

pub fn plan(ctx: &Ctx<'_>, plan: &mut Plan) {
    let years = ctx.corpus.by_school_year();
    let year_links: Vec<YearLink> = years
        .iter()
        .enumerate()
        .map(|(i, (year, letters))| YearLink {
            url: matrix_url(i, year),
            year: year.clone(),
            letters: letters.len(),
            current: false,
        })
        .collect();
    let mut matrices: Vec<Page> = years
        .par_iter()
        .enumerate()
        .filter(|(_, (year, _))| ctx.wants(|s| s.matrix_years.contains(year)))
        .map(|(i, (year, letters))| {
            let matrix = Matrix::new(letters.clone(), ctx.config);
            let newest = Matrix::new(
                letters.iter().copied().take(HEATMAP_LETTERS).collect(),
                ctx.config,
            );
            let mut view = matrix_page(&matrix, &newest, &ctx.series, &ctx.topics);
            view.year = year.clone();
            view.year_links = year_links
                .iter()
                .enumerate()
                .map(|(k, y)| YearLink {
                    url: y.url.clone(),
                    year: y.year.clone(),
                    letters: y.letters,
                    current: k == i,
                })
                .collect();
            let url = matrix_url(i, year);
            let mut crumbs = vec![home_crumb()];
            let title = if i == 0 {
                "So sánh theo chủ đề".to_owned()
            } else {
                crumbs.push(("so-sanh/".into(), "So sánh".into()));
                format!("So sánh theo chủ đề · Năm học {year}")
            };
            Page::new(format!("{url}index.html"), "compare.html", title, view).crumbs(crumbs)
        })
        .collect();
    if matrices.is_empty() && ctx.scope.is_none() {
        let matrix = Matrix::new(Vec::new(), ctx.config);
        matrices.push(
            Page::new(
                "so-sanh/index.html".into(),
                "compare.html",
                "So sánh theo chủ đề",
                matrix_page(&matrix, &matrix, &ctx.series, &ctx.topics),
            )
            .crumbs(vec![home_crumb()]),
        );
    }
    plan.pages.extend(matrices);
    let series = ctx
        .series
        .par_iter()
        .filter(|s| ctx.wants(|scope| scope.series.contains(&s.key)))
        .flat_map_iter(|s| series_pages(s, ctx));
    plan.stream(series);
}
