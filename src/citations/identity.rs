//! Identity stage. Contract: [`identity`] maps a full citation to a canonical,
//! URL-safe document id that is equal for every spelling of one document and
//! different for different documents. The rules, each tested below:
//!
//! - Thông tư, Nghị định, TTLT and laws are normative: the number/year pair names
//!   them, so `22/TT-BGDĐT` dated 2020 is `22/2020/TT-BGDĐT`.
//! - Any other symbol with a year is normative too; the same number *without* a
//!   year is an administrative series and stays apart (year at the end of the id).
//! - Administrative documents and công văn restart numbering every year: the
//!   year of the date is part of the id.
//! - Local issuers (UBND, HĐND, Sở, Phòng, Tỉnh ủy, Huyện ủy, Ban Chỉ đạo) are
//!   scoped by province, and district-level ones by district as well.

use super::parse::local_code;
use super::{Citation, CitationKind, DocType, Level};
use crate::text::slugify;

/// A canonical id and what it still lacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub id: String,
    /// The year is known (from the symbol or the date).
    pub has_year: bool,
    /// The document is local and its place is unknown.
    pub missing_place: bool,
}

/// Number as an identity key: leading zeros dropped ("05" = "5"), suffix lower.
pub fn number_key(n: &str) -> String {
    let digits = n.trim_start_matches('0');
    let digits = if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        format!("0{digits}")
    } else {
        digits.to_owned()
    };
    digits.to_lowercase()
}

/// Symbol as an identity key: "TT-BGDĐT" → "tt-bgddt".
pub fn symbol_key(s: &str) -> String {
    slugify(s)
}

fn segments(symbol: &str) -> Vec<String> {
    symbol
        .split(['-', '/'])
        .map(|s| crate::text::fold(s).to_uppercase())
        .collect()
}

/// Whether the citation's issuer is a local body.
pub fn is_local(c: &Citation) -> bool {
    if c.place.is_some() {
        return true;
    }
    let Some(sym) = &c.symbol else { return false };
    let segs = segments(sym);
    let issuer = if DocType::from_code(&segs[0]).is_some() {
        segs.get(1)
    } else {
        segs.first()
    };
    issuer.is_some_and(|s| local_code(s).is_some())
}

/// The series a symbol belongs to: its type code's type, or công văn.
pub fn series(c: &Citation) -> Option<DocType> {
    let sym = c.symbol.as_ref()?;
    let segs = segments(sym);
    Some(DocType::from_code(&segs[0]).unwrap_or(DocType::CongVan))
}

/// Place suffix of a local document's id, if its place is known.
pub fn place_key(c: &Citation) -> Option<String> {
    let p = c.place.as_ref()?;
    let prov = p.province.as_deref().map(slugify)?;
    match (p.level, &p.district) {
        (Some(Level::District) | None, Some(d)) => Some(format!("{prov}-{}", slugify(d))),
        _ => Some(prov),
    }
}

/// The canonical identity of a full citation; `None` for short and named ones.
pub fn identity(c: &Citation) -> Option<Identity> {
    if c.kind != CitationKind::Full {
        return None;
    }
    let number = number_key(c.number.as_deref()?);
    let ty = series(c)?;
    let sym = symbol_key(c.symbol.as_deref()?);
    let date_year = c.date.map(|d| i32::from(d.year()));
    let mut id = if let Some(y) = c.year.or(if ty.always_normative() {
        date_year
    } else {
        None
    }) {
        format!("{}-{number}-{y}-{sym}", ty.slug())
    } else if let Some(y) = date_year {
        format!("{}-{number}-{sym}-{y}", ty.slug())
    } else {
        format!("{}-{number}-{sym}", ty.slug())
    };
    let has_year = c.year.is_some() || date_year.is_some();
    let mut missing_place = false;
    if is_local(c) {
        match place_key(c) {
            Some(p) => {
                id.push('-');
                id.push_str(&p);
            }
            None => missing_place = true,
        }
    }
    Some(Identity {
        id,
        has_year,
        missing_place,
    })
}

/// The canonical id of a full citation (see [`identity`]).
pub fn canonical_id(c: &Citation) -> Option<String> {
    identity(c).map(|i| i.id)
}

#[cfg(test)]
mod tests {
    use super::super::{extract, Level, Place};
    use super::*;

    fn id(s: &str) -> String {
        let c = extract(s);
        assert_eq!(c.len(), 1, "{s}: {c:?}");
        canonical_id(&c[0]).unwrap()
    }

    fn id_in(s: &str, province: &str, district: Option<&str>) -> String {
        let mut c = extract(s).remove(0);
        let p = c.place.get_or_insert_with(Place::default);
        p.province.get_or_insert(province.into());
        if let Some(d) = district {
            p.district.get_or_insert(d.into());
            p.level.get_or_insert(Level::District);
        }
        canonical_id(&c).unwrap()
    }

    #[test]
    fn normative_with_and_without_year_are_one() {
        assert_eq!(
            id("Thông tư số 22/TT-BGDĐT ngày 6/8/2020"),
            id("Thông tư 22/2020/TT-BGDĐT")
        );
        assert_eq!(id("Thông tư 33/2021/TT-BGDĐT"), "thong-tu-33-2021-tt-bgddt");
        assert_eq!(id("Nghị định số 46/2017/TTCP"), id("46/2017/NĐ-CP"));
    }

    #[test]
    fn administrative_without_year_is_another_series() {
        assert_ne!(
            id("Nghị quyết số 09/2023/NQ-HĐND ngày 14/7/2023 của HĐND tỉnh Điện Biên"),
            id("Nghị quyết số 09/NQ-HĐND ngày 14/7/2023 của HĐND tỉnh Điện Biên")
        );
        assert_ne!(
            id("Quyết định 15/2020/QĐ-TTg ngày 1/2/2020"),
            id("Quyết định 15/QĐ-TTg ngày 1/2/2020")
        );
    }

    #[test]
    fn cong_van_identity_has_the_year() {
        let a = id("Công văn số 3759/BGDĐT-GDTX ngày 28/7/2023");
        let b = id("Công văn số 3759/BGDĐT-GDTX ngày 28/7/2022");
        assert_ne!(a, b);
        assert_eq!(a, "cong-van-3759-bgddt-gdtx-2023");
        // "Văn bản" and "Công văn" with an issuer-first symbol are the same series.
        assert_eq!(a, id("Văn bản 3759/BGDDT-GDTX ngày 28 tháng 7 năm 2023"));
    }

    #[test]
    fn local_issuers_are_scoped_by_place() {
        let hp = id_in(
            "Quyết định số 2826/QĐ-UBND ngày 09/8/2024",
            "Hải Phòng",
            None,
        );
        let db = id_in(
            "Quyết định số 2826/QĐ-UBND ngày 09/8/2024",
            "Điện Biên",
            None,
        );
        assert_ne!(hp, db);
        assert_eq!(hp, "quyet-dinh-2826-qd-ubnd-2024-hai-phong");
        // A district body is scoped by its district too.
        let h1 = id_in(
            "Kế hoạch số 22/KH-UBND ngày 24/01/2022 của UBND huyện",
            "Quảng Ninh",
            Some("thị xã Đông Triều"),
        );
        let h2 = id_in(
            "Kế hoạch số 22/KH-UBND ngày 24/01/2022 của UBND huyện",
            "Quảng Ninh",
            Some("huyện Ba Chẽ"),
        );
        assert_ne!(h1, h2);
        // The citation's own words win over the letter's place.
        assert_eq!(
            id("Quyết định số 4354/QĐ-UBND ngày 20/8/2024 của Ủy ban nhân dân thành phố Hà Nội"),
            "quyet-dinh-4354-qd-ubnd-2024-ha-noi"
        );
    }

    #[test]
    fn national_issuers_are_not_scoped() {
        assert_eq!(
            id("Quyết định số 1373/QĐ-TTg ngày 30/7/2021"),
            "quyet-dinh-1373-qd-ttg-2021"
        );
        assert!(!is_local(&extract("Chỉ thị số 05-CT/TW ngày 15/5/2016")[0]));
    }

    #[test]
    fn party_documents_and_leading_zeros() {
        assert_eq!(
            id("Chỉ thị số 05-CT/TW ngày 15/5/2016"),
            id("Chỉ thị 5-CT/TW ngày 15/5/2016")
        );
        assert_ne!(
            id("Chỉ thị số 14-CT/TW ngày 25/5/2021"),
            id("Chỉ thị số 14/CT-TTg ngày 25/5/2021")
        );
        assert_eq!(
            id("Nghị quyết 29/NQ/TW ngày 4/11/2013"),
            id("Nghị quyết số 29-NQ/TW ngày 04/11/2013")
        );
    }

    #[test]
    fn damaged_spellings_share_the_id() {
        let clean = id(
            "Công văn số 2501/SGDĐT-GDTX&ĐH ngày 19/8/2024 của Sở Giáo dục và Đào tạo Hải Phòng",
        );
        let ocr = id(
            "Cong van s6 2501/SGDPT-GDTX&DPH ngay 19/8/2024 cua So Giao duc va Dao tao Hai Phong",
        );
        assert_eq!(clean, ocr);
        assert_eq!(
            id("Thông tư số 43/2021/TT -BGDĐT"),
            id("Thông tư 43/2021/TT-BGDÐT")
        );
    }
}
