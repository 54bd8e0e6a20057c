//! Citations of other documents in a letter: find them, identify them, map them.
//!
//! The pipeline is eyecite-like and every stage is pure:
//!
//! 1. [`clean`] maps the text to a folded character stream (no diacritics, Đ→D,
//!    homoglyphs and dash/space variants unified) that remembers, for every
//!    character, its byte range in the original text. Nothing is ever lost: spans
//!    always point back into the text the caller passed.
//! 2. [`tokenize`] cuts that stream into words and punctuation, each with its span.
//! 3. [`parse`] recognises citations in the token stream — type word, "số",
//!    number, symbol, date, issuer phrase — and returns typed [`Citation`]s.
//! 4. [`identity`] turns a citation into a canonical document id following the
//!    identity rules (normative vs administrative, year of công văn, local scope).
//! 5. [`registry`] holds known documents (`data/documents.toml` plus a site's own),
//!    and its [`Resolver`] resolves short and named references within one letter,
//!    infers place from the letter, and records date conflicts.

mod clean;
pub mod identity;
mod parse;
pub mod registry;
mod tokenize;

use std::ops::Range;

use jiff::civil::Date;
use serde::Serialize;

pub use identity::canonical_id;
pub use registry::{DateConflict, DocEntry, Registry, Resolved, Resolver};

/// How a document is referred to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CitationKind {
    /// Number with symbol: "Thông tư số 33/2021/TT-BGDĐT".
    Full,
    /// Type word and bare number: "Đề án 1373", "Thông tư 33".
    Short,
    /// Type word and name: "Đề án “Xây dựng xã hội học tập …”", "Luật Giáo dục 2019".
    Named,
}

/// Kinds of documents. Slugs are stable: they appear in URLs and JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocType {
    ThongTu,
    ThongTuLienTich,
    NghiDinh,
    QuyetDinh,
    ChiThi,
    KeHoach,
    NghiQuyet,
    KetLuan,
    DeAn,
    ThongBao,
    HuongDan,
    ChuongTrinhPhoiHop,
    ChuongTrinh,
    Luat,
    BaoCao,
    QuyDinh,
    CongDien,
    CongVan,
    VanBan,
}

impl DocType {
    pub const ALL: [DocType; 19] = [
        DocType::ThongTu,
        DocType::ThongTuLienTich,
        DocType::NghiDinh,
        DocType::QuyetDinh,
        DocType::ChiThi,
        DocType::KeHoach,
        DocType::NghiQuyet,
        DocType::KetLuan,
        DocType::DeAn,
        DocType::ThongBao,
        DocType::HuongDan,
        DocType::ChuongTrinhPhoiHop,
        DocType::ChuongTrinh,
        DocType::Luat,
        DocType::BaoCao,
        DocType::QuyDinh,
        DocType::CongDien,
        DocType::CongVan,
        DocType::VanBan,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            DocType::ThongTu => "thong-tu",
            DocType::ThongTuLienTich => "thong-tu-lien-tich",
            DocType::NghiDinh => "nghi-dinh",
            DocType::QuyetDinh => "quyet-dinh",
            DocType::ChiThi => "chi-thi",
            DocType::KeHoach => "ke-hoach",
            DocType::NghiQuyet => "nghi-quyet",
            DocType::KetLuan => "ket-luan",
            DocType::DeAn => "de-an",
            DocType::ThongBao => "thong-bao",
            DocType::HuongDan => "huong-dan",
            DocType::ChuongTrinhPhoiHop => "chuong-trinh-phoi-hop",
            DocType::ChuongTrinh => "chuong-trinh",
            DocType::Luat => "luat",
            DocType::BaoCao => "bao-cao",
            DocType::QuyDinh => "quy-dinh",
            DocType::CongDien => "cong-dien",
            DocType::CongVan => "cong-van",
            DocType::VanBan => "van-ban",
        }
    }

    /// Vietnamese name as written before "số".
    pub fn label(self) -> &'static str {
        match self {
            DocType::ThongTu => "Thông tư",
            DocType::ThongTuLienTich => "Thông tư liên tịch",
            DocType::NghiDinh => "Nghị định",
            DocType::QuyetDinh => "Quyết định",
            DocType::ChiThi => "Chỉ thị",
            DocType::KeHoach => "Kế hoạch",
            DocType::NghiQuyet => "Nghị quyết",
            DocType::KetLuan => "Kết luận",
            DocType::DeAn => "Đề án",
            DocType::ThongBao => "Thông báo",
            DocType::HuongDan => "Hướng dẫn",
            DocType::ChuongTrinhPhoiHop => "Chương trình phối hợp",
            DocType::ChuongTrinh => "Chương trình",
            DocType::Luat => "Luật",
            DocType::BaoCao => "Báo cáo",
            DocType::QuyDinh => "Quy định",
            DocType::CongDien => "Công điện",
            DocType::CongVan => "Công văn",
            DocType::VanBan => "Văn bản",
        }
    }

    pub fn from_slug(s: &str) -> Option<DocType> {
        DocType::ALL.into_iter().find(|t| t.slug() == s)
    }

    /// The type a symbol's type code names ("TT", "QĐ", "CTr"…), given the code
    /// folded to ASCII upper case.
    pub fn from_code(folded_upper: &str) -> Option<DocType> {
        Some(match folded_upper {
            "TT" => DocType::ThongTu,
            "TTLT" => DocType::ThongTuLienTich,
            "ND" => DocType::NghiDinh,
            "QD" | "QDI" => DocType::QuyetDinh,
            "CT" => DocType::ChiThi,
            "KH" => DocType::KeHoach,
            "NQ" => DocType::NghiQuyet,
            "KL" => DocType::KetLuan,
            "DA" => DocType::DeAn,
            "TB" => DocType::ThongBao,
            "HD" => DocType::HuongDan,
            "CTPH" => DocType::ChuongTrinhPhoiHop,
            "CTR" => DocType::ChuongTrinh,
            "BC" => DocType::BaoCao,
            "QY" | "QDINH" => DocType::QuyDinh,
            "CD" => DocType::CongDien,
            _ if folded_upper.starts_with("QH")
                && folded_upper[2..].chars().all(|c| c.is_ascii_digit()) =>
            {
                DocType::Luat
            }
            _ => return None,
        })
    }

    /// Always a legal normative document: the number/year pair identifies it, so
    /// a mention without the year is the same document.
    pub fn always_normative(self) -> bool {
        matches!(
            self,
            DocType::ThongTu | DocType::ThongTuLienTich | DocType::NghiDinh | DocType::Luat
        )
    }
}

impl Serialize for DocType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.slug())
    }
}

/// Administrative level of a local issuer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Province,
    District,
}

/// Where a local issuer sits. Local bodies reuse numbers in every province, so
/// the place is part of a local document's identity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Province name as in [`crate::provinces`] ("Điện Biên").
    pub province: Option<String>,
    /// District with its level word, lower-case level: "huyện Điện Biên".
    pub district: Option<String>,
    /// Whether the issuer is a province- or district-level body, when known.
    pub level: Option<Level>,
    /// True when some of this came from the citing letter, not the citation.
    pub inferred: bool,
}

/// One occurrence of a citation in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// Exactly `&text[span]`.
    pub raw: String,
    pub kind: CitationKind,
    pub doc_type: Option<DocType>,
    /// Digits as printed, with a letter suffix if any ("05", "15a").
    pub number: Option<String>,
    /// Normalised symbol without the year: "TT-BGDĐT", "CT/TW", "BGDĐT-GDTX".
    pub symbol: Option<String>,
    /// Year inside the symbol (33/2021/TT-BGDĐT → 2021).
    pub year: Option<i32>,
    #[serde(serialize_with = "ser::opt_date")]
    pub date: Option<Date>,
    /// Normalised issuer name from the citation's words or its symbol.
    pub issuer: Option<String>,
    pub place: Option<Place>,
    /// The quoted or capitalised name of a named reference.
    pub name: Option<String>,
}

/// All citations in `text`, in document order. Pure; never panics.
pub fn extract(text: &str) -> Vec<Citation> {
    thread_local! {
        /// The cleaned stream and tokens of the text last extracted on this
        /// thread, kept for their memory: letters are extracted one after
        /// another on each thread, and each would otherwise fault in its own.
        static SCRATCH: std::cell::RefCell<(clean::Cleaned, Vec<tokenize::Token>)> =
            Default::default();
    }
    SCRATCH.with_borrow_mut(|(cleaned, tokens)| {
        clean::clean_into(cleaned, text);
        tokenize::tokenize_into(tokens, cleaned);
        parse::parse(text, cleaned, tokens)
    })
}

/// jiff is built without its serde feature; dates serialise as "YYYY-MM-DD".
pub(crate) mod ser {
    use jiff::civil::Date;
    use serde::Serializer;

    pub fn opt_date<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(d),
            None => s.serialize_none(),
        }
    }

    pub fn dates<S: Serializer>(d: &[Date], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(d.iter().map(|d| d.to_string()))
    }
}

/// The citing letter's place, used for local issuers the citation does not place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    pub province: Option<String>,
    /// With its level word: "Huyện Điện Biên", "thị xã Đông Triều".
    pub district: Option<String>,
}

/// One `gdtx cite` JSON Lines record, with exactly the fields of the issue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CiteRecord {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub raw: String,
    pub kind: CitationKind,
    #[serde(rename = "type")]
    pub doc_type: Option<&'static str>,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub year: Option<i32>,
    pub date: Option<String>,
    pub issuer: Option<String>,
    pub id: Option<String>,
    pub title: Option<String>,
}

impl CiteRecord {
    pub fn new(file: &str, text: &str, c: &Citation, r: &Resolved) -> CiteRecord {
        let (line, col) = crate::text::line_col(text, c.span.start);
        CiteRecord {
            file: file.to_owned(),
            line,
            col,
            raw: c.raw.clone(),
            kind: c.kind,
            doc_type: c.doc_type.map(DocType::slug),
            number: c.number.clone(),
            symbol: c.symbol.clone(),
            year: c.year,
            date: c.date.map(|d| d.to_string()),
            issuer: c.issuer.clone(),
            id: r.id.clone(),
            title: r.title.clone(),
        }
    }
}

/// The `gdtx cite` record as JSON.
pub fn to_json_record(file: &str, text: &str, c: &Citation, r: &Resolved) -> serde_json::Value {
    serde_json::to_value(CiteRecord::new(file, text, c, r)).unwrap_or(serde_json::Value::Null)
}
