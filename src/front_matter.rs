//! Front matter: split the `+++` TOML block off at byte 0 (so TOML errors point
//! into the file and later `+++` lines in the body stay body), then read it into a
//! validated [`FrontMatter`]. Pure: text in, value and diagnostics out.

use std::ops::Range;

use jiff::civil::Date;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::provinces::{self, Province};
use crate::toml_reader::{self, Located, TableReader};

/// The two halves of a letter file.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub toml: &'a str,
    /// Byte offset of `toml` in the file.
    pub toml_offset: usize,
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Splits `+++\n<toml>\n+++\n<body>`. The text has had its BOM removed and line
/// endings normalised by the load stage.
pub fn split<'a>(path: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, "the file is empty").help(
            "a letter starts with front matter between two `+++` lines; run `gdtx new` to get a template",
        ));
    }
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first_line = text[..first_line_end].trim_end();
    if first_line != "+++" {
        let (message, help) = if first_line == "---" {
            (
                "front matter must be TOML between `+++` lines, not YAML between `---`",
                "replace both `---` lines with `+++` and write the fields as `key = \"value\"`",
            )
        } else if text.lines().take(20).any(|l| l.trim_end() == "+++") {
            (
                "the front matter must start on the very first line",
                "remove everything above the first `+++` line",
            )
        } else {
            (
                "the file has no front matter",
                "start the file with a `+++` line, the fields (title, kind, school_year, issuer …), and a closing `+++` line; see docs/front-matter.md",
            )
        };
        return Err(Diagnostic::error(path, message)
            .at(0..first_line_end, "expected `+++` here")
            .help(help));
    }
    let toml_offset = (first_line_end + 1).min(text.len());
    let mut pos = toml_offset;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            let body_offset = (end + 1).min(text.len());
            return Ok(Split {
                toml: &text[toml_offset..pos],
                toml_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::error(path, "the front matter is never closed")
        .at(0..3, "opened here")
        .help("add a line with only `+++` after the last front-matter field, before the letter's text"))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    HuongDan,
    KeHoach,
    CongVan,
    QuyetDinh,
    ChiThi,
    ThongBao,
    BaoCao,
}

impl Kind {
    pub const ALL: [(&'static str, Kind, &'static str); 7] = [
        ("huong-dan", Kind::HuongDan, "Hướng dẫn"),
        ("ke-hoach", Kind::KeHoach, "Kế hoạch"),
        ("cong-van", Kind::CongVan, "Công văn"),
        ("quyet-dinh", Kind::QuyetDinh, "Quyết định"),
        ("chi-thi", Kind::ChiThi, "Chỉ thị"),
        ("thong-bao", Kind::ThongBao, "Thông báo"),
        ("bao-cao", Kind::BaoCao, "Báo cáo"),
    ];

    pub fn id(self) -> &'static str {
        Kind::ALL.iter().find(|k| k.1 == self).map_or("", |k| k.0)
    }

    /// Vietnamese name shown on the site.
    pub fn label(self) -> &'static str {
        Kind::ALL.iter().find(|k| k.1 == self).map_or("", |k| k.2)
    }
}

/// Issuer level: Bộ, Sở or Phòng.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Bo,
    So,
    Phong,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Bo, Level::So, Level::Phong];

    pub fn id(self) -> &'static str {
        match self {
            Level::Bo => "bo",
            Level::So => "so",
            Level::Phong => "phong",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Bo => "Bộ Giáo dục và Đào tạo",
            Level::So => "Sở Giáo dục và Đào tạo",
            Level::Phong => "Phòng Giáo dục và Đào tạo",
        }
    }

    fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.id() == s)
    }
}

/// A school year such as 2023-2024.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear {
    pub start: i16,
}

impl SchoolYear {
    pub fn id(self) -> String {
        format!("{}-{}", self.start, self.start + 1)
    }

    /// First and last day a deadline of this school year may reasonably fall on.
    pub fn bounds(self) -> (Date, Date) {
        (
            Date::new(self.start, 1, 1).unwrap_or_default(),
            Date::new(self.start + 1, 12, 31).unwrap_or_default(),
        )
    }

    /// Parses "2023-2024" (also "2023 - 2024"); the years must be consecutive.
    pub fn parse(s: &str) -> Result<SchoolYear, String> {
        let parts: Vec<&str> = s.split(['-', '–']).map(str::trim).collect();
        let years = match parts.as_slice() {
            [a, b] if a.len() == 4 && b.len() == 4 => {
                a.parse::<i16>().ok().zip(b.parse::<i16>().ok())
            }
            _ => None,
        };
        match years {
            Some((a, b)) if b == a + 1 && a >= 1945 => Ok(SchoolYear { start: a }),
            Some((a, _)) => Err(format!(
                "a school year spans two consecutive years: write \"{a}-{}\"",
                a + 1
            )),
            None => Err("write the school year as two years: \"2024-2025\"".into()),
        }
    }
}

impl serde::Serialize for SchoolYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.id())
    }
}

/// Parses a calendar date as people write it: "2024-08-19", "19/8/2024",
/// "19-8-2024". Errors say why the date is not real.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let nums: Vec<&str> = s.split(['-', '/', '.']).map(str::trim).collect();
    let (y, m, d) = match nums.as_slice() {
        [y, m, d] if y.len() == 4 => (*y, *m, *d),
        [d, m, y] if y.len() == 4 => (*y, *m, *d),
        _ => {
            return Err(format!(
                "`{s}` is not a date: write \"2024-08-19\" or \"19/8/2024\""
            ))
        }
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>()) else {
        return Err(format!(
            "`{s}` is not a date: write \"2024-08-19\" or \"19/8/2024\""
        ));
    };
    if !(1..=12).contains(&m) {
        return Err(format!("`{s}` has month {m}; months run from 1 to 12"));
    }
    Date::new(y, m, d).map_err(|_| {
        let days = Date::new(y, m, 1)
            .map(|first| first.days_in_month())
            .unwrap_or(31);
        format!("`{s}` is not a real date: month {m} of {y} has {days} days")
    })
}

/// A deadline's date with its granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    Day(Date),
    Month { year: i16, month: i8 },
}

impl When {
    pub fn parse(s: &str) -> Result<When, String> {
        let parts: Vec<&str> = s.trim().split(['-', '/']).collect();
        if let [a, b] = parts.as_slice() {
            let (y, m) = if a.len() == 4 { (a, b) } else { (b, a) };
            if let (Ok(year), Ok(month)) = (y.parse::<i16>(), m.parse::<i8>()) {
                if (1..=12).contains(&month) && y.len() == 4 {
                    return Ok(When::Month { year, month });
                }
            }
            return Err(format!(
                "`{s}` is not a month: write \"2023-09\" for September 2023"
            ));
        }
        parse_date(s).map(When::Day)
    }

    pub fn first_day(self) -> Date {
        match self {
            When::Day(d) => d,
            When::Month { year, month } => Date::new(year, month, 1).unwrap_or_default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issuer {
    pub name: String,
    pub parent: Option<String>,
    pub level: Level,
    pub province: Option<&'static Province>,
    pub district: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Signer {
    pub authority: Option<String>,
    pub title: Option<String>,
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegalBasis {
    /// The citation exactly as printed, with its span in the file.
    pub cite: Located<String>,
    pub about: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub topic: String,
    pub anchor: Located<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    pub when: When,
    pub until: Option<Date>,
    pub what: String,
    pub who: Option<String>,
    pub anchor: Option<Located<String>>,
    pub span: Range<usize>,
}

/// A letter's validated front matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    pub kind: Kind,
    pub number: Option<String>,
    pub date: Option<Date>,
    pub place: Option<String>,
    pub school_year: SchoolYear,
    pub school_year_span: Range<usize>,
    pub subject: Option<String>,
    pub source: Option<String>,
    pub slug: Option<Located<String>>,
    pub notes: Option<String>,
    pub issuer: Issuer,
    pub signer: Signer,
    pub recipients: Vec<String>,
    pub copies: Vec<String>,
    pub legal_bases: Vec<LegalBasis>,
    pub tasks: Vec<Task>,
    pub deadlines: Vec<Deadline>,
}

const TOP_LEVEL_FIELDS: &[&str] = &[
    "title",
    "kind",
    "number",
    "date",
    "place",
    "school_year",
    "subject",
    "source",
    "slug",
    "notes",
    "recipients",
    "copies",
];

impl FrontMatter {
    /// Reads and validates the TOML of a split letter. All problems found are
    /// returned; `None` when any of them is an error.
    pub fn parse(
        path: &str,
        split: &Split<'_>,
        config: &SiteConfig,
    ) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        Self::parse_with_headings(path, split, config, &|_| None)
    }

    /// Like [`FrontMatter::parse`]; `heading_text(anchor)` gives the text of a
    /// body heading, used to suggest a topic for a task whose topic is unknown.
    pub fn parse_with_headings(
        path: &str,
        split: &Split<'_>,
        config: &SiteConfig,
        heading_text: &dyn Fn(&str) -> Option<String>,
    ) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        let doc = match toml_reader::parse(split.toml, split.toml_offset, path) {
            Ok(doc) => doc,
            Err(diagnostics) => return (None, diagnostics),
        };
        let mut r = TableReader::new(&doc, split.toml_offset, path, String::new());
        let fm = read(&mut r, path, config, heading_text);
        let mut diagnostics = r.finish();
        for d in &mut diagnostics {
            misplaced_field_hint(d);
        }
        if diagnostics.iter().any(Diagnostic::is_error) {
            (None, diagnostics)
        } else {
            (fm, diagnostics)
        }
    }
}

/// `recipients = [...]` written after `[signer]` lands inside the signer table:
/// say so instead of only "unknown field".
fn misplaced_field_hint(d: &mut Diagnostic) {
    let Some(field) = d
        .message
        .strip_prefix("unknown field `")
        .and_then(|m| m.strip_suffix('`'))
    else {
        return;
    };
    let Some((table, key)) = field.split_once('.') else {
        return;
    };
    if TOP_LEVEL_FIELDS.contains(&key) {
        d.help = Some(format!(
            "`{key}` belongs at the top of the front matter, but this line comes after the `[{}]` header and so is read as part of it; move it above the first `[...]` line",
            table.split('[').next().unwrap_or(table)
        ));
    }
}

fn read(
    r: &mut TableReader<'_, '_>,
    path: &str,
    config: &SiteConfig,
    heading_text: &dyn Fn(&str) -> Option<String>,
) -> Option<FrontMatter> {
    let title = r.required_str(
        "title",
        "title = \"Hướng dẫn thực hiện nhiệm vụ năm học 2024-2025 đối với GDTX\"",
    );
    let kind = r
        .required_str("kind", "kind = \"huong-dan\"")
        .and_then(|k| {
            let found = Kind::ALL
                .iter()
                .find(|(id, _, _)| *id == k.value)
                .map(|x| x.1);
            if found.is_none() {
                let ids = Kind::ALL.iter().map(|x| x.0);
                let help = match crate::text::closest(&k.value, ids) {
                    Some(s) => format!("did you mean \"{s}\"?"),
                    None => format!(
                        "use one of: {}",
                        Kind::ALL
                            .iter()
                            .map(|x| format!("\"{}\"", x.0))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                r.diagnostics.push(
                    Diagnostic::error(path, format!("unknown kind \"{}\"", k.value))
                        .at(k.span, "not a kind of letter")
                        .help(help),
                );
            }
            found
        });
    let number = r.str("number").map(|v| v.value).filter(|v| !v.is_empty());
    let date = r.date_text("date").and_then(|d| match parse_date(&d.value) {
        Ok(date) => Some(date),
        Err(why) => {
            r.diagnostics.push(
                Diagnostic::error(path, "`date` is not a real date")
                    .at(d.span, why)
                    .help("write the date of issue as \"2024-08-19\" or \"19/8/2024\", or leave the field out if the letter has none"),
            );
            None
        }
    });
    let place = r.str("place").map(|v| v.value);
    let school_year_text = r.required_str("school_year", "school_year = \"2024-2025\"");
    let school_year = school_year_text
        .as_ref()
        .and_then(|s| match SchoolYear::parse(&s.value) {
            Ok(y) => Some(y),
            Err(why) => {
                r.diagnostics.push(
                    Diagnostic::error(path, format!("invalid school year \"{}\"", s.value))
                        .at(s.span.clone(), "not a school year")
                        .help(why),
                );
                None
            }
        });
    let subject = r.str("subject").map(|v| v.value);
    let source = r.str("source").map(|v| v.value);
    let slug = r.str("slug");
    if let Some(s) = &slug {
        if crate::text::slugify(&s.value) != s.value {
            r.diagnostics.push(
                Diagnostic::error(path, format!("slug \"{}\" is not a URL slug", s.value))
                    .at(s.span.clone(), "use lower-case ASCII letters, digits and -")
                    .help(format!(
                        "write slug = \"{}\"",
                        crate::text::slugify(&s.value)
                    )),
            );
        }
    }
    let notes = r.str("notes").map(|v| v.value);
    let recipients = r
        .str_list("recipients")
        .into_iter()
        .map(|v| v.value)
        .collect();
    let copies = r.str_list("copies").into_iter().map(|v| v.value).collect();

    let issuer = match r.table("issuer") {
        Some(mut t) => {
            let issuer = read_issuer(&mut t, path);
            r.absorb(t);
            issuer
        }
        None => {
            if !r.diagnostics.iter().any(|d| d.message.contains("`issuer`")) {
                r.missing(
                    "issuer",
                    "[issuer] with name, level and province (see docs/front-matter.md)",
                );
            }
            None
        }
    };
    let signer = match r.table("signer") {
        Some(mut t) => {
            let signer = Signer {
                authority: t.str("authority").map(|v| v.value),
                title: t.str("title").map(|v| v.value),
                name: t.str("name").map(|v| v.value),
            };
            r.absorb(t);
            signer
        }
        None => Signer::default(),
    };

    let mut legal_bases = Vec::new();
    for mut t in r.tables("legal_bases") {
        let cite = t.required_str(
            "cite",
            "cite = \"Công văn số 3759/BGDĐT-GDTX ngày 28/7/2023 của Bộ GDĐT\"",
        );
        let about = t.str("about").map(|v| v.value);
        if let Some(cite) = cite {
            legal_bases.push(LegalBasis { cite, about });
        }
        r.absorb(t);
    }

    let mut tasks: Vec<Task> = Vec::new();
    for mut t in r.tables("tasks") {
        let id = t.required_str("id", "id = \"xoa-mu-chu\"");
        let title = t.required_str("title", "title = \"Xóa mù chữ\"");
        let topic = t.required_str("topic", "topic = \"xoa-mu-chu-pho-cap\"");
        let anchor = t.required_str("anchor", "anchor = \"b-ii\"");
        if let Some(topic) = &topic {
            if config.topic(&topic.value).is_none() {
                let help = match crate::text::closest(
                    &topic.value,
                    config.topics.iter().map(|t| t.id.as_str()),
                ) {
                    Some(s) => {
                        format!("did you mean \"{s}\"? Topics are the [[topics]] ids in site.toml")
                    }
                    None if suggest_topic(config, &title, &anchor, heading_text).is_some() => {
                        suggest_topic(config, &title, &anchor, heading_text).unwrap_or_default()
                    }
                    None => format!(
                        "use one of the [[topics]] ids in site.toml: {}",
                        config
                            .topics
                            .iter()
                            .map(|t| format!("\"{}\"", t.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                t.diagnostics.push(
                    Diagnostic::error(path, format!("unknown topic \"{}\"", topic.value))
                        .at(topic.span.clone(), "not in site.toml")
                        .help(help),
                );
            }
        }
        if let Some(id) = &id {
            if tasks.iter().any(|x| x.id == id.value) {
                t.diagnostics.push(
                    Diagnostic::error(path, format!("task id \"{}\" is used twice", id.value))
                        .at(id.span.clone(), "second use")
                        .help("give each [[tasks]] a different id"),
                );
            }
        }
        if let (Some(id), Some(title), Some(topic), Some(anchor)) = (id, title, topic, anchor) {
            tasks.push(Task {
                id: id.value,
                title: title.value,
                topic: topic.value,
                anchor,
            });
        }
        r.absorb(t);
    }

    let mut deadlines = Vec::new();
    for mut t in r.tables("deadlines") {
        let span = t.span();
        let when = t.date_text("date");
        if when.is_none() && !t.diagnostics.iter().any(|d| d.message.contains("date")) {
            t.missing("date", "date = \"2024-09-10\"");
        }
        let when = when.and_then(|w| match When::parse(&w.value) {
            Ok(when) => Some(when),
            Err(why) => {
                t.diagnostics.push(
                    Diagnostic::error(path, "deadline `date` is not a real date")
                        .at(w.span, why)
                        .help("write a day as \"2024-09-10\" or a month as \"2024-09\""),
                );
                None
            }
        });
        let until = t
            .date_text("until")
            .and_then(|u| match parse_date(&u.value) {
                Ok(d) => Some(d),
                Err(why) => {
                    t.diagnostics.push(
                        Diagnostic::error(path, "deadline `until` is not a real date")
                            .at(u.span, why)
                            .help("write the last day of the period as \"2024-10-07\""),
                    );
                    None
                }
            });
        let what = t.required_str("what", "what = \"Gửi báo cáo tổng kết năm học về Sở\"");
        let who = t.str("who").map(|v| v.value);
        let anchor = t.str("anchor");
        if let (Some(when), Some(what)) = (when, what) {
            deadlines.push(Deadline {
                when,
                until,
                what: what.value,
                who,
                anchor,
                span,
            });
        }
        r.absorb(t);
    }

    Some(FrontMatter {
        title: title?.value,
        kind: kind?,
        number,
        date,
        place,
        school_year: school_year?,
        school_year_span: school_year_text?.span,
        subject,
        source,
        slug,
        notes,
        issuer: issuer?,
        signer,
        recipients,
        copies,
        legal_bases,
        tasks,
        deadlines,
    })
}

/// "use topic = \"xoa-mu-chu-pho-cap\"": the topic whose site.toml keywords
/// match the task's title or the text of its heading.
fn suggest_topic(
    config: &SiteConfig,
    title: &Option<Located<String>>,
    anchor: &Option<Located<String>>,
    heading_text: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    let heading = anchor.as_ref().and_then(|a| heading_text(&a.value));
    let texts: Vec<&str> = title
        .iter()
        .map(|t| t.value.as_str())
        .chain(heading.as_deref())
        .collect();
    let (topic, hits) = config.suggest_topic(&texts)?;
    Some(format!(
        "the task speaks of {}: use topic = \"{}\" ({}), or add a [[topics]] entry to site.toml",
        hits.iter()
            .map(|h| format!("\"{h}\""))
            .collect::<Vec<_>>()
            .join(", "),
        topic.id,
        topic.name
    ))
}

fn read_issuer(t: &mut TableReader<'_, '_>, path: &str) -> Option<Issuer> {
    let name = t.required_str("name", "name = \"Sở Giáo dục và Đào tạo Hải Phòng\"");
    let parent = t.str("parent").map(|v| v.value);
    let level = t.required_str("level", "level = \"so\"").and_then(|l| {
        let level = Level::parse(&l.value);
        if level.is_none() {
            t.diagnostics.push(
                Diagnostic::error(path, format!("unknown issuer level \"{}\"", l.value))
                    .at(l.span, "not a level")
                    .help("use \"bo\" (Bộ), \"so\" (Sở) or \"phong\" (Phòng)"),
            );
        }
        level
    });
    let province_text = t.str("province");
    let province = province_text.as_ref().and_then(|p| {
        let found = provinces::find(&p.value);
        if found.is_none() {
            let help = match provinces::suggest(&p.value) {
                Some(s) => format!("did you mean \"{s}\"?"),
                None => "write the province's name as in \"Hải Phòng\", \"Điện Biên\" or \"Hồ Chí Minh\" (one of the 63 provinces before or 34 after the 2025 merger)".into(),
            };
            t.diagnostics.push(
                Diagnostic::error(path, format!("unknown province \"{}\"", p.value))
                    .at(p.span.clone(), "not a province of Vietnam")
                    .help(help),
            );
        }
        found
    });
    let district = t.str("district").map(|v| v.value);
    if province_text.is_none() && level.is_some_and(|l| l != Level::Bo) {
        t.missing("province", "province = \"Hải Phòng\"");
    }
    if district.is_none() && level == Some(Level::Phong) {
        // A Phòng without its district cannot be told apart from its neighbours.
        t.missing("district", "district = \"Huyện Điện Biên\"");
    }
    Some(Issuer {
        name: name?.value,
        parent,
        level: level?,
        province: if province_text.is_some() {
            Some(province?)
        } else {
            None
        },
        district,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_both_halves_and_offsets() {
        let text = "+++\ntitle = \"x\"\n+++\nbody\n+++\nmore\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(s.toml, "title = \"x\"\n");
        assert_eq!(s.toml_offset, 4);
        assert_eq!(s.body, "body\n+++\nmore\n");
        assert_eq!(&text[s.body_offset..], s.body);
    }

    #[test]
    fn split_reports_unclosed_and_missing_front_matter() {
        assert_eq!(
            split("a.md", "+++\ntitle = 1\n").unwrap_err().message,
            "the front matter is never closed"
        );
        assert_eq!(split("a.md", "").unwrap_err().message, "the file is empty");
        assert!(split("a.md", "---\ntitle: x\n---\n")
            .unwrap_err()
            .message
            .contains("not YAML"));
        assert_eq!(
            split("a.md", "hello\n").unwrap_err().message,
            "the file has no front matter"
        );
    }

    #[test]
    fn dates_must_be_real() {
        assert_eq!(
            parse_date("2024-08-19").unwrap(),
            Date::new(2024, 8, 19).unwrap()
        );
        assert_eq!(
            parse_date("19/8/2024").unwrap(),
            Date::new(2024, 8, 19).unwrap()
        );
        assert_eq!(
            parse_date("31/02/2024").unwrap_err(),
            "`31/02/2024` is not a real date: month 2 of 2024 has 29 days"
        );
        assert!(parse_date("2024-13-01")
            .unwrap_err()
            .contains("months run from 1 to 12"));
        assert!(parse_date("tomorrow").is_err());
    }

    #[test]
    fn school_years_are_consecutive() {
        assert_eq!(SchoolYear::parse("2023-2024").unwrap().id(), "2023-2024");
        assert_eq!(SchoolYear::parse("2023 - 2024").unwrap().start, 2023);
        assert!(SchoolYear::parse("2024-2026")
            .unwrap_err()
            .contains("\"2024-2025\""));
        assert!(SchoolYear::parse("24-25").is_err());
    }

    #[test]
    fn deadlines_keep_their_granularity() {
        assert_eq!(
            When::parse("2023-09").unwrap(),
            When::Month {
                year: 2023,
                month: 9
            }
        );
        assert_eq!(
            When::parse("9/2023").unwrap(),
            When::Month {
                year: 2023,
                month: 9
            }
        );
        assert_eq!(
            When::parse("10/9/2023").unwrap(),
            When::Day(Date::new(2023, 9, 10).unwrap())
        );
        assert!(When::parse("2023-13").is_err());
    }
}
