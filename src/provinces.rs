//! Vietnam's provinces: the 63 before and the 34 after the 2025 merger
//! (Nghị quyết 202/2025/QH15, in force 1 July 2025). Letters of every school year
//! are checked against this list, so a province that existed then is accepted.

use crate::text::{fold, slugify};

/// When a province existed as a province-level unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Era {
    /// One of the 63 before 1 July 2025 that was merged away.
    Before2025,
    /// One of the 34 created or enlarged on 1 July 2025.
    After2025,
    /// Unchanged: in both lists.
    Both,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Province {
    /// Short name as written after "tỉnh"/"thành phố": "Hải Phòng".
    pub name: &'static str,
    /// Centrally governed city (thành phố trực thuộc trung ương).
    pub city: bool,
    pub era: Era,
    /// For a province merged in 2025, the province it became part of.
    pub merged_into: Option<&'static str>,
}

impl Province {
    pub fn slug(&self) -> String {
        slugify(self.name)
    }

    /// "thành phố Hải Phòng", "tỉnh Điện Biên".
    pub fn full_name(&self) -> String {
        format!(
            "{} {}",
            if self.city { "thành phố" } else { "tỉnh" },
            self.name
        )
    }
}

const fn p(
    name: &'static str,
    city: bool,
    era: Era,
    merged_into: Option<&'static str>,
) -> Province {
    Province {
        name,
        city,
        era,
        merged_into,
    }
}

use Era::{After2025 as A, Before2025 as B, Both as U};

/// All province-level units, before and after the merger.
pub static PROVINCES: &[Province] = &[
    // Unchanged in 2025 (11).
    p("Hà Nội", true, U, None),
    p("Cao Bằng", false, U, None),
    p("Điện Biên", false, U, None),
    p("Hà Tĩnh", false, U, None),
    p("Lai Châu", false, U, None),
    p("Lạng Sơn", false, U, None),
    p("Nghệ An", false, U, None),
    p("Quảng Ninh", false, U, None),
    p("Sơn La", false, U, None),
    p("Thanh Hóa", false, U, None),
    p("Huế", true, A, None),
    // Kept their name and took in others (22 of the 23 new units).
    p("Tuyên Quang", false, U, None),
    p("Lào Cai", false, U, None),
    p("Thái Nguyên", false, U, None),
    p("Phú Thọ", false, U, None),
    p("Bắc Ninh", false, U, None),
    p("Hưng Yên", false, U, None),
    p("Hải Phòng", true, U, None),
    p("Ninh Bình", false, U, None),
    p("Quảng Trị", false, U, None),
    p("Đà Nẵng", true, U, None),
    p("Quảng Ngãi", false, U, None),
    p("Gia Lai", false, U, None),
    p("Khánh Hòa", false, U, None),
    p("Lâm Đồng", false, U, None),
    p("Đắk Lắk", false, U, None),
    p("Đồng Nai", false, U, None),
    p("Hồ Chí Minh", true, U, None),
    p("Tây Ninh", false, U, None),
    p("Đồng Tháp", false, U, None),
    p("Vĩnh Long", false, U, None),
    p("An Giang", false, U, None),
    p("Cần Thơ", true, U, None),
    p("Cà Mau", false, U, None),
    // Before 2025 only: merged into another unit.
    p("Thừa Thiên Huế", false, B, Some("Huế")),
    p("Hà Giang", false, B, Some("Tuyên Quang")),
    p("Yên Bái", false, B, Some("Lào Cai")),
    p("Bắc Kạn", false, B, Some("Thái Nguyên")),
    p("Vĩnh Phúc", false, B, Some("Phú Thọ")),
    p("Hòa Bình", false, B, Some("Phú Thọ")),
    p("Bắc Giang", false, B, Some("Bắc Ninh")),
    p("Thái Bình", false, B, Some("Hưng Yên")),
    p("Hải Dương", false, B, Some("Hải Phòng")),
    p("Hà Nam", false, B, Some("Ninh Bình")),
    p("Nam Định", false, B, Some("Ninh Bình")),
    p("Quảng Bình", false, B, Some("Quảng Trị")),
    p("Quảng Nam", false, B, Some("Đà Nẵng")),
    p("Kon Tum", false, B, Some("Quảng Ngãi")),
    p("Bình Định", false, B, Some("Gia Lai")),
    p("Ninh Thuận", false, B, Some("Khánh Hòa")),
    p("Đắk Nông", false, B, Some("Lâm Đồng")),
    p("Bình Thuận", false, B, Some("Lâm Đồng")),
    p("Phú Yên", false, B, Some("Đắk Lắk")),
    p("Bình Phước", false, B, Some("Đồng Nai")),
    p("Bình Dương", false, B, Some("Hồ Chí Minh")),
    p("Bà Rịa - Vũng Tàu", false, B, Some("Hồ Chí Minh")),
    p("Long An", false, B, Some("Tây Ninh")),
    p("Tiền Giang", false, B, Some("Đồng Tháp")),
    p("Bến Tre", false, B, Some("Vĩnh Long")),
    p("Trà Vinh", false, B, Some("Vĩnh Long")),
    p("Kiên Giang", false, B, Some("An Giang")),
    p("Sóc Trăng", false, B, Some("Cần Thơ")),
    p("Hậu Giang", false, B, Some("Cần Thơ")),
    p("Bạc Liêu", false, B, Some("Cà Mau")),
];

/// Folded forms that people write for a province and are not its name.
const ALIASES: &[(&str, &str)] = &[
    ("tp hcm", "Hồ Chí Minh"),
    ("tphcm", "Hồ Chí Minh"),
    ("hcm", "Hồ Chí Minh"),
    ("sai gon", "Hồ Chí Minh"),
    ("ba ria vung tau", "Bà Rịa - Vũng Tàu"),
    ("dak lak", "Đắk Lắk"),
    ("dac lac", "Đắk Lắk"),
    ("dak nong", "Đắk Nông"),
    ("thanh hoa", "Thanh Hóa"),
    ("khanh hoa", "Khánh Hòa"),
    ("hoa binh", "Hòa Bình"),
];

/// Folds a province as written ("Thành phố Hải Phòng", "TP. HCM", "tỉnh Đắk Lắk")
/// to the key used for lookup: prefixes dropped, punctuation to spaces.
fn key(input: &str) -> String {
    let folded = fold(input);
    let words: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = words.split_whitespace().collect();
    for prefix in [&["thanh", "pho"][..], &["tinh"], &["tp"]] {
        if words.len() > prefix.len() && words.starts_with(prefix) {
            words.drain(..prefix.len());
            break;
        }
    }
    words.join(" ")
}

/// Finds a province by any usual spelling; `None` if it is not one.
pub fn find(input: &str) -> Option<&'static Province> {
    let k = key(input);
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == k)
        .map(|(_, name)| *name);
    PROVINCES
        .iter()
        .zip(name_keys())
        .find(|(p, pk)| Some(p.name) == name || **pk == k)
        .map(|(p, _)| p)
}

/// The [`key`] of every name of [`PROVINCES`], in order, computed once:
/// citations look provinces up many times per letter.
fn name_keys() -> &'static [String] {
    static KEYS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| PROVINCES.iter().map(|p| key(p.name)).collect())
}

/// The province name closest to a misspelt one, for "did you mean".
pub fn suggest(input: &str) -> Option<&'static str> {
    let k = key(input);
    PROVINCES
        .iter()
        .zip(name_keys())
        .map(|(p, pk)| (strsim::damerau_levenshtein(&k, pk), p.name))
        .filter(|(d, _)| *d <= (k.len() / 2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_before_and_after_the_merger() {
        let before = PROVINCES.iter().filter(|p| p.era != Era::After2025).count();
        let after = PROVINCES
            .iter()
            .filter(|p| p.era != Era::Before2025)
            .count();
        assert_eq!(before, 63);
        assert_eq!(after, 34);
        let cities_before = PROVINCES
            .iter()
            .filter(|p| p.city && p.era != Era::After2025)
            .count();
        assert_eq!(cities_before, 5);
        let cities_after = PROVINCES
            .iter()
            .filter(|p| p.city && p.era != Era::Before2025)
            .count();
        assert_eq!(cities_after, 6);
    }

    #[test]
    fn merged_provinces_point_to_a_current_one() {
        for p in PROVINCES.iter().filter(|p| p.era == Era::Before2025) {
            let target = find(p.merged_into.unwrap()).unwrap();
            assert_ne!(target.era, Era::Before2025, "{}", p.name);
        }
    }

    #[test]
    fn finds_usual_spellings() {
        assert_eq!(find("Thành phố Hồ Chí Minh").unwrap().name, "Hồ Chí Minh");
        assert_eq!(find("TP. HCM").unwrap().name, "Hồ Chí Minh");
        assert_eq!(find("tỉnh Điện Biên").unwrap().name, "Điện Biên");
        assert_eq!(find("Hai Phong").unwrap().name, "Hải Phòng");
        assert_eq!(find("Thanh Hoá").unwrap().name, "Thanh Hóa");
        assert_eq!(find("Bà Rịa – Vũng Tàu").unwrap().name, "Bà Rịa - Vũng Tàu");
        assert!(find("Hà Tây").is_none());
    }

    #[test]
    fn suggests_the_closest_name() {
        assert_eq!(suggest("Quảng Nihn"), Some("Quảng Ninh"));
        assert_eq!(suggest("Dien Bin"), Some("Điện Biên"));
        assert_eq!(suggest("xyzxyzxyz"), None);
    }
}
