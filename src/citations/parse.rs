//! Parse stage. Contract: [`parse`] reads the token stream left to right and
//! returns every citation it recognises, in order, never overlapping, each with
//! its byte span in the original text and `raw == &text[span]`.
//!
//! Grammar (over folded, lower-cased tokens; spaces and line breaks between
//! tokens are allowed everywhere, because PDF and OCR text puts them there):
//!
//! ```text
//! citation := TYPE? SO? NUMBER SYMBOL TAIL          (full)
//!           | TYPE SO? NUMBER TAIL                   (short)
//!           | TYPE "“" NAME "”" | "Luật" NAME YEAR   (named)
//! SYMBOL   := "/" (YEAR "/")? SEG (("-"|"/") SEG)*   normative, administrative, công văn
//!           | "-" PARTYTYPE "/" SEG                  Party: 05-CT/TW
//! SEG      := WORD ("&" WORD)*                       GDTX&ĐH
//! TAIL     := (","? "ngày" DATE)? (","? "của" ISSUER)?
//! ```
//!
//! "số" also matches its OCR forms s6, s0, sO, $6 and, before a number with a
//! symbol, 50. Symbols are repaired (BGDDT → BGDĐT, SGDPT → SGDĐT, QD → QĐ).

use jiff::civil::Date;

use super::clean::Cleaned;
use super::tokenize::{tokenize, Kind, Token};
use super::{Citation, CitationKind, DocType, Level, Place};
use crate::text::{fold, nfc};

/// Type words, longest first so "thông tư liên tịch" wins over "thông tư".
const TYPE_PHRASES: &[(&[&str], DocType)] = &[
    (&["thong", "tu", "lien", "tich"], DocType::ThongTuLienTich),
    (
        &["chuong", "trinh", "phoi", "hop"],
        DocType::ChuongTrinhPhoiHop,
    ),
    (&["thong", "tu"], DocType::ThongTu),
    (&["nghi", "dinh"], DocType::NghiDinh),
    (&["quyet", "dinh"], DocType::QuyetDinh),
    (&["chi", "thi"], DocType::ChiThi),
    (&["ke", "hoach"], DocType::KeHoach),
    (&["nghi", "quyet"], DocType::NghiQuyet),
    (&["ket", "luan"], DocType::KetLuan),
    (&["de", "an"], DocType::DeAn),
    (&["thong", "bao"], DocType::ThongBao),
    (&["huong", "dan"], DocType::HuongDan),
    (&["chuong", "trinh"], DocType::ChuongTrinh),
    (&["luat"], DocType::Luat),
    (&["cong", "van"], DocType::CongVan),
    (&["van", "ban"], DocType::VanBan),
    (&["bao", "cao"], DocType::BaoCao),
    (&["quy", "dinh"], DocType::QuyDinh),
    (&["cong", "dien"], DocType::CongDien),
];

/// Words after a bare number that show it counts something rather than numbers
/// a document ("Kế hoạch 5 năm").
const UNIT_WORDS: &[&str] = &[
    "nam", "thang", "ngay", "tuan", "lop", "nguoi", "gio", "buoi", "noi", "muc", "phan", "diem",
    "khoan", "dieu", "trang", "ty", "trieu", "nghin", "lan", "xa", "truong", "hoc", "giai", "cap",
    "tiet", "chi", "nhiem", "don", "co", "bai", "%",
];

/// Codes that are Party document types in NUMBER-TYPE/ORG.
const PARTY_TYPES: &[&str] = &[
    "CT", "KL", "NQ", "KH", "QD", "QDI", "TB", "HD", "BC", "CTR", "DA", "TTR",
];

/// Known symbol segments (folded, upper case) → proper spelling. Repairs lost
/// diacritics, OCR confusions of Đ and the odd typo seen in real letters.
const SEGMENT_FIXES: &[(&str, &str)] = &[
    ("BGDDT", "BGDĐT"),
    ("BGDPT", "BGDĐT"),
    ("BGDBT", "BGDĐT"),
    ("SGDDT", "SGDĐT"),
    ("SGDPT", "SGDĐT"),
    ("SGDBT", "SGDĐT"),
    ("SGDDDT", "SGDĐT"),
    ("PGDDT", "PGDĐT"),
    ("PGDPT", "PGDĐT"),
    ("PGDBT", "PGDĐT"),
    ("QD", "QĐ"),
    ("QDI", "QĐi"),
    ("ND", "NĐ"),
    ("HDND", "HĐND"),
    ("HPND", "HĐND"),
    ("HBND", "HĐND"),
    ("BCD", "BCĐ"),
    ("DA", "ĐA"),
    ("DU", "ĐU"),
    ("TTG", "TTg"),
    ("CTR", "CTr"),
    ("GDDT", "GDĐT"),
    ("DT", "ĐT"),
    ("DH", "ĐH"),
    ("DPH", "ĐH"),
    ("BLDTBXH", "BLĐTBXH"),
    ("SLDTBXH", "SLĐTBXH"),
    ("VPCP", "VPCP"),
];

/// Issuer codes whose documents are scoped by place.
const LOCAL_CODES: &[&str] = &[
    "UBND", "HDND", "SGDDT", "SGD", "PGDDT", "PGD", "TU", "HU", "DU", "QU", "TXU", "BCD", "BTV",
];

/// Issuer code (folded upper) → name, for citations without an issuer phrase.
pub(crate) fn issuer_from_code(code: &str) -> Option<&'static str> {
    Some(match code {
        "BGDDT" => "Bộ Giáo dục và Đào tạo",
        "TTG" => "Thủ tướng Chính phủ",
        "CP" => "Chính phủ",
        "BTC" => "Bộ Tài chính",
        "BNV" => "Bộ Nội vụ",
        "BLDTBXH" => "Bộ Lao động - Thương binh và Xã hội",
        "BVHTTDL" => "Bộ Văn hóa, Thể thao và Du lịch",
        "VPCP" => "Văn phòng Chính phủ",
        "BTTTT" => "Bộ Thông tin và Truyền thông",
        "BYT" => "Bộ Y tế",
        "BKHDT" => "Bộ Kế hoạch và Đầu tư",
        "SGDDT" => "Sở Giáo dục và Đào tạo",
        "PGDDT" => "Phòng Giáo dục và Đào tạo",
        "UBND" => "UBND",
        "HDND" => "HĐND",
        "TU" => "Tỉnh ủy",
        "HU" => "Huyện ủy",
        "BCD" => "Ban Chỉ đạo",
        c if c.starts_with("QH") => "Quốc hội",
        _ => return None,
    })
}

/// Whether an issuer code (folded upper) names a local body, and at which level.
pub(crate) fn local_code(code: &str) -> Option<Option<Level>> {
    let base = code.split('&').next().unwrap_or(code);
    if !LOCAL_CODES.contains(&base)
        && !(base.len() >= 3 && (base.starts_with('S') || base.starts_with("PGD")))
    {
        return None;
    }
    Some(match base {
        "UBND" | "HDND" | "BCD" | "BTV" => None,
        "TU" => Some(Level::Province),
        "HU" | "QU" | "TXU" | "DU" => Some(Level::District),
        b if b.starts_with('P') => Some(Level::District),
        _ => Some(Level::Province),
    })
}

struct Segment {
    key: String,
    display: String,
    next: usize,
}

struct Symbol {
    year: Option<i32>,
    /// Folded upper-case segments, type code first when there is one.
    keys: Vec<String>,
    display: String,
    next: usize,
}

struct Issuer {
    name: String,
    place: Option<Place>,
    next: usize,
}

struct Parser<'a> {
    text: &'a str,
    c: &'a Cleaned,
    t: &'a [Token],
    footnotes: Option<Vec<String>>,
}

pub(crate) fn parse(text: &str, c: &Cleaned, t: &[Token]) -> Vec<Citation> {
    let mut p = Parser {
        text,
        c,
        t,
        footnotes: None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if !may_start(&t[i]) {
            i += 1;
            continue;
        }
        match p.citation_at(i) {
            Some((cit, next)) => {
                out.push(cit);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// Whether a citation can start at this token: [`Parser::citation_at`] returns
/// `None` unless the token begins a type phrase, is a form of "số" or starts
/// with a digit (a number). A cheap test that skips the other tokens.
fn may_start(t: &Token) -> bool {
    let b = t.lower.bytes_of();
    b.first().is_some_and(u8::is_ascii_digit)
        || matches!(
            b,
            b"thong"
                | b"chuong"
                | b"nghi"
                | b"quyet"
                | b"chi"
                | b"ke"
                | b"ket"
                | b"de"
                | b"huong"
                | b"luat"
                | b"cong"
                | b"van"
                | b"bao"
                | b"quy"
                | b"so"
                | b"s6"
                | b"s0"
                | b"so6"
                | b"sd"
                | b"s5"
                | b"$"
        )
}

impl Parser<'_> {
    fn tok(&self, i: usize) -> Option<&Token> {
        self.t.get(i)
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.tok(i).is_some_and(|t| t.is(s))
    }

    fn punct(&self, i: usize, ch: char) -> bool {
        self.tok(i).is_some_and(|t| t.is_punct(ch))
    }

    /// Matches a sequence of lower-case tokens at `i`; returns the next index.
    fn seq(&self, i: usize, words: &[&str]) -> Option<usize> {
        for (k, w) in words.iter().enumerate() {
            if !self.is(i + k, w) {
                return None;
            }
        }
        Some(i + words.len())
    }

    fn type_at(&self, i: usize) -> Option<(DocType, usize)> {
        let first = self.tok(i)?;
        if first.kind != Kind::Word {
            return None;
        }
        TYPE_PHRASES
            .iter()
            .find_map(|(words, ty)| self.seq(i, words).map(|n| (*ty, n)))
    }

    /// "số" and its OCR forms; `before_symbol` allows the riskier "50".
    fn so_at(&self, i: usize) -> Option<usize> {
        let t = self.tok(i)?;
        let mut n = match t.lower.as_str() {
            "so" | "s6" | "s0" | "so6" | "sd" | "s5" => i + 1,
            "$" if self.is(i + 1, "6") || self.is(i + 1, "o") => i + 2,
            "50" | "5o" if self.number_at(i + 1).is_some() && self.symbol_at(i + 2).is_some() => {
                i + 1
            }
            _ => return None,
        };
        if self.punct(n, ':') || self.punct(n, '.') {
            n += 1;
        }
        Some(n)
    }

    /// A document number: 1–6 digits with an optional one-letter suffix.
    fn number_at(&self, i: usize) -> Option<String> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let b = t.text.as_bytes();
        let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
        let ok = (1..=6).contains(&digits)
            && (digits == b.len() || (digits + 1 == b.len() && b[digits].is_ascii_lowercase()));
        ok.then(|| t.text.to_string())
    }

    fn segment_at(&self, i: usize, first: bool) -> Option<Segment> {
        let mut key = String::new();
        let mut display = String::new();
        let mut j = i;
        loop {
            let t = self.tok(j)?;
            if t.kind != Kind::Word || !t.starts_upper() || t.text.chars().count() > 14 {
                return None;
            }
            let upper = t.text.chars().filter(|c| c.is_uppercase()).count();
            let letters = t.text.chars().filter(|c| c.is_alphabetic()).count();
            if letters == 0 || upper * 2 < letters || (first && j == i && letters < 2) {
                return None;
            }
            let part_key = t.text.to_uppercase();
            let mut part: String = (t.start..t.end)
                .map(|k| {
                    if self.c.stroked_d[k] {
                        'Đ'
                    } else {
                        self.c.chars[k].to_uppercase().next().unwrap_or('?')
                    }
                })
                .collect();
            if let Some((_, fixed)) = SEGMENT_FIXES.iter().find(|(k, _)| *k == part_key) {
                part = (*fixed).to_owned();
            }
            // The key follows the repaired spelling: SGDPT keys as SGDDT.
            key.push_str(&fold(&part).to_uppercase());
            display.push_str(&part);
            j += 1;
            // "GDTX&ĐH": '&' glued inside a code.
            if self.punct(j, '&')
                && self
                    .tok(j + 1)
                    .is_some_and(|n| n.kind == Kind::Word && n.starts_upper())
            {
                key.push('&');
                display.push('&');
                j += 1;
                continue;
            }
            return Some(Segment {
                key,
                display,
                next: j,
            });
        }
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.tok(i)?;
        if t.is_digits() && t.text.len() == 4 {
            let y: i32 = t.text.parse().ok()?;
            return (1945..=2100).contains(&y).then_some(y);
        }
        None
    }

    /// The symbol after a number at `i` (which points at "/" or "-").
    fn symbol_at(&self, i: usize) -> Option<Symbol> {
        if self.punct(i, '-') {
            // Party: NUMBER-TYPE/ORG.
            let ty = self.segment_at(i + 1, true)?;
            let ty_key = ty.key.clone();
            if !PARTY_TYPES.contains(&ty_key.as_str()) || !self.punct(ty.next, '/') {
                return None;
            }
            let org = self.segment_at(ty.next + 1, false)?;
            return Some(Symbol {
                year: None,
                display: format!("{}/{}", ty.display, org.display),
                keys: vec![ty_key, org.key],
                next: org.next,
            });
        }
        if !self.punct(i, '/') {
            return None;
        }
        let mut j = i + 1;
        let mut year = None;
        if let Some(y) = self.year_at(j) {
            if self.punct(j + 1, '/') {
                year = Some(y);
                j += 2;
            }
        }
        let first = self.segment_at(j, true)?;
        let mut keys = vec![first.key];
        let mut display = first.display;
        j = first.next;
        // Party written with a slash: "29/NQ/TW".
        if year.is_none() && PARTY_TYPES.contains(&keys[0].as_str()) && self.punct(j, '/') {
            if let Some(org) = self.segment_at(j + 1, false) {
                display = format!("{display}/{}", org.display);
                keys.push(org.key);
                return Some(Symbol {
                    year,
                    keys,
                    display,
                    next: org.next,
                });
            }
        }
        while keys.len() < 6 && self.punct(j, '-') {
            let dash = &self.t[j];
            let Some(next) = self.tok(j + 1) else { break };
            // A prose dash " - " ends the symbol, except right after a type
            // code: "TT - BGDĐT" is still one symbol.
            if dash.space_before
                && next.space_before
                && !(keys.len() == 1 && DocType::from_code(&keys[0]).is_some())
            {
                break;
            }
            let Some(seg) = self.segment_at(j + 1, false) else {
                break;
            };
            display.push('-');
            display.push_str(&seg.display);
            keys.push(seg.key);
            j = seg.next;
        }
        Some(Symbol {
            year,
            keys,
            display,
            next: j,
        })
    }

    fn date_at(&self, i: usize) -> Option<(Date, usize)> {
        let d = self.small_int(i)?;
        let (m, y, next) = if self.is(i + 1, "thang") {
            let m = self.small_int(i + 2)?;
            if !self.is(i + 3, "nam") {
                return None;
            }
            (m, self.year_at(i + 4)?, i + 5)
        } else {
            let sep = self.tok(i + 1)?;
            if sep.kind != Kind::Punct || !matches!(sep.text.as_str(), "/" | "-" | ".") {
                return None;
            }
            let m = self.small_int(i + 2)?;
            if self.tok(i + 3).is_none_or(|t| t.text != sep.text) {
                return None;
            }
            (m, self.year_at(i + 4)?, i + 5)
        };
        let date = Date::new(i16::try_from(y).ok()?, m, d).ok()?;
        Some((date, next))
    }

    fn small_int(&self, i: usize) -> Option<i8> {
        let t = self.tok(i)?;
        if t.is_digits() && t.text.len() <= 2 {
            return t.text.parse().ok();
        }
        None
    }

    /// Original text of tokens `from..to`, NFC, spaces collapsed.
    fn source(&self, from: usize, to: usize) -> String {
        if from >= to {
            return String::new();
        }
        let r = self.c.byte_range(self.t[from].start, self.t[to - 1].end);
        let s = nfc(&self.text[r]);
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Capitalised words from `i` (a proper name); returns the end index.
    fn proper_name(&self, i: usize) -> usize {
        let mut j = i;
        while j < i + 4
            && self
                .tok(j)
                .is_some_and(|t| t.kind == Kind::Word && t.starts_upper() && !t.is_digits())
        {
            j += 1;
        }
        j
    }

    /// Level word and name after "UBND", "HĐND", "Phòng GDĐT", "Đảng bộ".
    fn place_words(&self, i: usize) -> (Option<Place>, String, usize) {
        let (level, word, j) = if let Some(j) = self.seq(i, &["tinh"]) {
            (Some(Level::Province), "tỉnh", j)
        } else if let Some(j) = self
            .seq(i, &["thanh", "pho"])
            .or_else(|| self.seq(i, &["tp"]))
        {
            (None, "thành phố", j)
        } else if let Some(j) = self.seq(i, &["huyen"]) {
            (Some(Level::District), "huyện", j)
        } else if let Some(j) = self.seq(i, &["quan"]) {
            (Some(Level::District), "quận", j)
        } else if let Some(j) = self.seq(i, &["thi", "xa"]) {
            (Some(Level::District), "thị xã", j)
        } else {
            return (None, String::new(), i);
        };
        let mut end = self.proper_name(j);
        let full = end;
        if level != Some(Level::District) {
            // A province name is checked against the list, longest first, so
            // "tỉnh Quy định …" is not a province called "Quy".
            end = (j + 1..=end)
                .rev()
                .find(|&e| crate::provinces::find(&self.source(j, e)).is_some())
                .unwrap_or(if level.is_none() { full } else { j });
        }
        let name = self.source(j, end);
        let mut place = Place {
            level,
            ..Place::default()
        };
        if name.is_empty() {
            return (Some(place), word.to_owned(), j);
        }
        let prov = crate::provinces::find(&name);
        match (level, prov) {
            (Some(Level::District), _) => place.district = Some(format!("{word} {name}")),
            (_, Some(p)) if level == Some(Level::Province) || p.city => {
                place.level = Some(Level::Province);
                place.province = Some(p.name.to_owned());
            }
            (Some(Level::Province), None) => place.province = Some(name.clone()),
            _ => {
                place.level = Some(Level::District);
                place.district = Some(format!("{word} {name}"));
            }
        }
        (Some(place), format!("{word} {name}"), end)
    }

    /// An issuer phrase at `i` (after "của").
    fn issuer_at(&self, i: usize) -> Option<Issuer> {
        const GDDT: &[&[&str]] = &[
            &["giao", "duc", "va", "dao", "tao"],
            &["gddt"],
            &["gd", "&", "dt"],
            &["gd", "dt"],
        ];
        let national: &[(&[&str], &str)] = &[
            (&["thu", "tuong", "chinh", "phu"], "Thủ tướng Chính phủ"),
            (&["thu", "tuong"], "Thủ tướng Chính phủ"),
            (&["ttcp"], "Thủ tướng Chính phủ"),
            (&["chinh", "phu"], "Chính phủ"),
            (&["quoc", "hoi"], "Quốc hội"),
            (&["bo", "tai", "chinh"], "Bộ Tài chính"),
            (&["bo", "noi", "vu"], "Bộ Nội vụ"),
            (&["ban", "bi", "thu"], "Ban Bí thư"),
            (&["bo", "chinh", "tri"], "Bộ Chính trị"),
            (
                &["ban", "chap", "hanh", "trung", "uong"],
                "Ban Chấp hành Trung ương",
            ),
            (
                &["ban", "thuong", "vu", "tinh", "uy"],
                "Ban Thường vụ Tỉnh ủy",
            ),
            (
                &["ban", "thuong", "vu", "thanh", "uy"],
                "Ban Thường vụ Thành ủy",
            ),
            (
                &["ban", "thuong", "vu", "huyen", "uy"],
                "Ban Thường vụ Huyện ủy",
            ),
            (
                &["ban", "thuong", "vu", "thi", "uy"],
                "Ban Thường vụ Thị ủy",
            ),
            (&["tinh", "uy"], "Tỉnh ủy"),
            (&["thanh", "uy"], "Thành ủy"),
            (&["huyen", "uy"], "Huyện ủy"),
            (&["thi", "uy"], "Thị ủy"),
        ];
        let mut j = i;
        if let Some(n) = self.seq(j, &["bo", "truong"]) {
            j = n; // "Bộ trưởng Bộ GDĐT" is the ministry
        }
        if self.is(j, "bo") || self.is(j, "b6") || self.is(j, "b") {
            for g in GDDT {
                if let Some(n) = self.seq(j + 1, g) {
                    return Some(Issuer {
                        name: "Bộ Giáo dục và Đào tạo".into(),
                        place: None,
                        next: n,
                    });
                }
            }
        }
        for (words, name) in national {
            if let Some(mut n) = self.seq(j, words) {
                let level = if name.contains("Tỉnh") || name.contains("Thành") {
                    Some(Level::Province)
                } else if name.contains("Huyện") || name.contains("Thị") {
                    Some(Level::District)
                } else {
                    None
                };
                // "Ban Bí thư Trung ương Đảng khóa XII"
                if let Some(m) = self.seq(n, &["trung", "uong", "dang"]) {
                    n = m;
                }
                if self.is(n, "khoa") && self.tok(n + 1).is_some_and(Token::starts_upper) {
                    n += 2;
                }
                return Some(Issuer {
                    name: (*name).into(),
                    place: level.map(|l| Place {
                        level: Some(l),
                        ..Place::default()
                    }),
                    next: n,
                });
            }
        }
        for (words, short) in [
            (&["uy", "ban", "nhan", "dan"][..], "UBND"),
            (&["ubnd"], "UBND"),
            (&["hoi", "dong", "nhan", "dan"], "HĐND"),
            (&["hdnd"], "HĐND"),
        ] {
            if let Some(n) = self.seq(j, words) {
                let (place, words, next) = self.place_words(n);
                let name = if words.is_empty() {
                    short.to_owned()
                } else {
                    format!("{short} {words}")
                };
                return Some(Issuer { name, place, next });
            }
        }
        if self.is(j, "so") {
            for g in GDDT {
                if let Some(n) = self.seq(j + 1, g) {
                    let end = self.proper_name(n);
                    let name = self.source(n, end);
                    let prov = crate::provinces::find(&name);
                    return Some(Issuer {
                        name: match prov {
                            Some(p) => format!("Sở Giáo dục và Đào tạo {}", p.name),
                            None => "Sở Giáo dục và Đào tạo".into(),
                        },
                        place: Some(Place {
                            province: prov.map(|p| p.name.to_owned()),
                            level: Some(Level::Province),
                            ..Place::default()
                        }),
                        next: if prov.is_some() { end } else { n },
                    });
                }
            }
        }
        let phong = if self.is(j, "phong") {
            GDDT.iter().find_map(|g| self.seq(j + 1, g))
        } else {
            self.seq(j, &["pgddt"])
        };
        if let Some(n) = phong {
            let (place, words, next) = self.place_words(n);
            let mut place = place.unwrap_or_default();
            place.level = Some(Level::District);
            let name = if words.is_empty() {
                "Phòng Giáo dục và Đào tạo".to_owned()
            } else {
                format!("Phòng Giáo dục và Đào tạo {words}")
            };
            return Some(Issuer {
                name,
                place: Some(place),
                next,
            });
        }
        if let Some(n) = self.seq(j, &["ban", "chap", "hanh", "dang", "bo"]) {
            let (place, words, next) = self.place_words(n);
            return Some(Issuer {
                name: format!("Ban Chấp hành Đảng bộ {words}")
                    .trim_end()
                    .to_owned(),
                place,
                next,
            });
        }
        if let Some(n) = self.seq(j, &["ban", "chi", "dao"]) {
            let level = (n..n + 6).find_map(|k| match self.tok(k).map(|t| t.lower.as_str()) {
                Some("huyen" | "quan") => Some(Level::District),
                Some("tinh") => Some(Level::Province),
                _ => None,
            });
            return Some(Issuer {
                name: "Ban Chỉ đạo".into(),
                place: Some(Place {
                    level,
                    ..Place::default()
                }),
                next: n,
            });
        }
        None
    }

    /// Date and issuer after a citation core ending before `i`.
    fn tail(&self, i: usize) -> (Option<Date>, Option<Issuer>, usize) {
        let mut end = i;
        let mut date = None;
        let mut j = if self.punct(i, ',') { i + 1 } else { i };
        if self.is(j, "ngay") {
            if let Some((d, n)) = self.date_at(j + 1) {
                date = Some(d);
                end = n;
                j = n;
            }
        } else {
            j = i;
        }
        let k = if self.punct(j, ',') { j + 1 } else { j };
        // "của" and its OCR forms.
        if self.tok(k).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "cua" | "ctia" | "ciia" | "cta" | "cla" | "cia"
            )
        }) {
            if let Some(iss) = self.issuer_at(k + 1) {
                end = iss.next;
                return (date, Some(iss), end);
            }
        }
        (date, None, end)
    }

    /// Labels of plain-text (PDF) footnotes: lines like "1 Công văn số …".
    /// Markdown footnotes are explicit (`[^1]`), so they never glue to numbers.
    fn footnote_labels(&mut self) -> &[String] {
        if self.footnotes.is_none() {
            let mut labels = Vec::new();
            for line in self.text.lines() {
                let l = line.trim_start();
                let digits: String = l.chars().take_while(char::is_ascii_digit).collect();
                let rest = &l[digits.len()..];
                let after = rest.chars().next();
                let then = rest.trim_start().chars().next();
                if !digits.is_empty()
                    && digits.len() <= 2
                    && after.is_some_and(|c| c == ' ' || c == '\t')
                    && then.is_some_and(char::is_uppercase)
                {
                    labels.push(digits);
                }
            }
            self.footnotes = Some(labels);
        }
        self.footnotes.as_deref().unwrap_or_default()
    }

    fn build(
        &self,
        from: usize,
        to: usize,
        kind: CitationKind,
        doc_type: Option<DocType>,
    ) -> Citation {
        let span = self.c.byte_range(self.t[from].start, self.t[to - 1].end);
        Citation {
            raw: self.text[span.clone()].to_owned(),
            span,
            kind,
            doc_type,
            number: None,
            symbol: None,
            year: None,
            date: None,
            issuer: None,
            place: None,
            name: None,
        }
    }

    fn citation_at(&mut self, i: usize) -> Option<(Citation, usize)> {
        let typed = self.type_at(i);
        let (ty, mut j) = match typed {
            Some((ty, n)) => (Some(ty), n),
            None => (None, i),
        };
        let so = self.so_at(j);
        if let Some(n) = so {
            j = n;
        }
        if ty.is_none() && so.is_none() {
            // A bare number must not continue another code ("ABC/12/…").
            if i > 0 {
                let prev = &self.t[i - 1];
                if !self.t[i].space_before && (prev.is_punct('/') || prev.is_punct('-')) {
                    return None;
                }
            }
        }
        if let Some(number) = self.number_at(j) {
            if let Some(sym) = self.symbol_at(j + 1) {
                return Some(self.full(i, ty, number, sym));
            }
            let ty = ty?;
            return self.short(i, ty, so.is_some(), number, j);
        }
        let ty = ty?;
        if so.is_some() {
            return None;
        }
        self.named(i, ty, j)
    }

    fn full(
        &self,
        i: usize,
        word: Option<DocType>,
        number: String,
        sym: Symbol,
    ) -> (Citation, usize) {
        let code_type = DocType::from_code(&sym.keys[0]);
        let mut display = sym.display.clone();
        let doc_type = match (code_type, word) {
            (Some(t), _) => t,
            (None, Some(DocType::NghiDinh)) => {
                // "46/2017/TTCP": a Nghị định's symbol is always NĐ-CP.
                display = "NĐ-CP".into();
                DocType::NghiDinh
            }
            (None, Some(DocType::CongVan | DocType::VanBan) | None) => DocType::CongVan,
            (None, Some(t)) => t,
        };
        let (date, issuer, end) = self.tail(sym.next);
        let mut c = self.build(i, end, CitationKind::Full, Some(doc_type));
        c.number = Some(number);
        c.year = sym.year;
        c.date = date;
        let issuer_code = if code_type.is_some() {
            sym.keys.get(1)
        } else {
            sym.keys.first()
        };
        let local = issuer_code.and_then(|k| local_code(k));
        match issuer {
            Some(iss) => {
                c.issuer = Some(iss.name);
                c.place = iss.place;
            }
            None => {
                c.issuer = if doc_type == DocType::Luat {
                    Some("Quốc hội".into())
                } else if display == "NĐ-CP" {
                    Some("Chính phủ".into())
                } else {
                    issuer_code
                        .and_then(|k| issuer_from_code(k))
                        .map(str::to_owned)
                };
            }
        }
        if let Some(level) = local {
            let p = c.place.get_or_insert_with(Place::default);
            if p.level.is_none() {
                p.level = level;
            }
        }
        c.symbol = Some(display);
        (c, end)
    }

    fn short(
        &mut self,
        i: usize,
        ty: DocType,
        so: bool,
        mut number: String,
        j: usize,
    ) -> Option<(Citation, usize)> {
        use DocType::*;
        let allowed = match ty {
            ThongTu | ThongTuLienTich | NghiDinh | QuyetDinh | ChiThi | KeHoach | NghiQuyet
            | KetLuan | DeAn => true,
            CongVan | VanBan | ThongBao | HuongDan | BaoCao | ChuongTrinhPhoiHop => so,
            _ => false,
        };
        if !allowed {
            return None;
        }
        if !so {
            if !self.t[i].starts_upper() {
                return None;
            }
            if number.len() == 4
                && number
                    .parse::<u32>()
                    .is_ok_and(|y| (1900..=2100).contains(&y))
            {
                return None; // a year: "Chương trình 2018", "Đề án 2030"
            }
        }
        if let Some(next) = self.tok(j + 1) {
            if UNIT_WORDS.contains(&next.lower.as_str())
                || (next.is_punct('.') || next.is_punct(','))
                    && !next.space_before
                    && self
                        .tok(j + 2)
                        .is_some_and(|t| t.is_digits() && !t.space_before)
                || next.is_punct('/')
                || next.is_punct('%')
            {
                return None;
            }
        }
        // "Đề án 13731" = Đề án 1373 + footnote 1, when footnote 1 exists.
        let mut cut = 0;
        if number.len() >= 3 && number.bytes().all(|b| b.is_ascii_digit()) {
            let labels = self.footnote_labels();
            for k in [1usize, 2] {
                if number.len() > k + 1
                    && labels
                        .iter()
                        .any(|l| number.ends_with(l.as_str()) && l.len() == k)
                {
                    cut = k;
                    break;
                }
            }
        }
        let (date, issuer, end) = if cut == 0 {
            self.tail(j + 1)
        } else {
            (None, None, j + 1)
        };
        let mut c = self.build(i, end, CitationKind::Short, Some(ty));
        if cut > 0 {
            number.truncate(number.len() - cut);
            c.span.end -= cut; // ASCII digits: still a char boundary
            c.raw = self.text[c.span.clone()].to_owned();
        }
        c.number = Some(number);
        c.date = date;
        if let Some(iss) = issuer {
            c.issuer = Some(iss.name);
            c.place = iss.place;
        }
        Some((c, end))
    }

    fn named(&self, i: usize, ty: DocType, j: usize) -> Option<(Citation, usize)> {
        if !self.t[i].starts_upper() {
            return None;
        }
        match ty {
            DocType::DeAn
            | DocType::ChuongTrinh
            | DocType::KeHoach
            | DocType::NghiQuyet
            | DocType::Luat
                if self.punct(j, '"') =>
            {
                let close = (j + 1..(j + 80).min(self.t.len())).find(|&k| self.punct(k, '"'))?;
                // A title starts with a capital: "Đề án “Xây dựng …”".
                if !self
                    .tok(j + 1)
                    .is_some_and(|t| t.kind == Kind::Word && t.starts_upper() && !t.is_digits())
                {
                    return None;
                }
                let mut c = self.build(i, close + 1, CitationKind::Named, Some(ty));
                c.name = Some(self.source(j + 1, close));
                Some((c, close + 1))
            }
            DocType::Luat if self.t[i].starts_upper() => {
                // "Luật Giáo dục 2019", "Luật Giáo dục năm 2019"
                let mut k = j;
                while k < j + 6 {
                    let t = self.tok(k)?;
                    if self.year_at(k).is_some() {
                        break;
                    }
                    if t.kind != Kind::Word || t.is("nam") && self.year_at(k + 1).is_some() {
                        break;
                    }
                    k += 1;
                }
                let name_end = k;
                if self.is(k, "nam") {
                    k += 1;
                }
                self.year_at(k)?;
                if name_end == j {
                    return None;
                }
                let mut c = self.build(i, k + 1, CitationKind::Named, Some(ty));
                c.name = Some(format!("{} {}", self.source(j, name_end), self.t[k].text));
                Some((c, k + 1))
            }
            _ => None,
        }
    }
}

/// Key for matching names: folded words, punctuation and quotes dropped, "năm"
/// before a year dropped.
pub(crate) fn name_key(s: &str) -> String {
    let mut f = String::with_capacity(s.len());
    let mut depth = 0usize;
    for ch in fold(s).chars() {
        match ch {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => f.push(ch),
            _ => {}
        }
    }
    let words: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        if *w == "nam"
            && words
                .get(k + 1)
                .is_some_and(|n| n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()))
        {
            continue;
        }
        out.push(w);
    }
    out.join(" ")
}

/// Tokens of a short string, for tests and the registry.
#[allow(dead_code)]
pub(crate) fn tokens_of(s: &str) -> Vec<String> {
    tokenize(&super::clean::clean(s))
        .into_iter()
        .map(|t| t.lower.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn may_start_admits_every_type_word_so_and_number() {
        let toks = tokenize(&super::super::clean::clean(
            "Thông Chương Nghị Quyết Chỉ Kế Kết Đề Hướng Luật Công Văn Báo Quy số s6 $ 50 5o 12a",
        ));
        assert!(toks.iter().all(may_start));
        for (words, _) in TYPE_PHRASES {
            let t = &tokenize(&super::super::clean::clean(words[0]))[0];
            assert!(may_start(t), "{}", words[0]);
        }
        assert!(!may_start(&tokenize(&super::super::clean::clean("các"))[0]));
    }
}
