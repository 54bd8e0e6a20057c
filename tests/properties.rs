//! Property tests: no input makes a stage panic, and every diagnostic points
//! inside the text it was given (on character boundaries), so it can always be
//! rendered as `path:line:col` with a caret.

use gdtx::config::SiteConfig;
use gdtx::letter::Letter;
use gdtx::load::{decode, SourceFile};
use proptest::prelude::*;

fn config() -> SiteConfig {
    SiteConfig::parse(include_str!("../site.toml")).unwrap()
}

/// Fragments of real letters, so random inputs reach deep into the parsers.
const PIECES: &[&str] = &[
    "+++\n",
    "title = \"Hướng dẫn\"\n",
    "kind = \"huong-dan\"\n",
    "school_year = \"2024-2025\"\n",
    "date = \"31/02/2024\"\n",
    "[issuer]\n",
    "name = \"Sở GDĐT\"\n",
    "level = \"so\"\n",
    "province = \"Hải Phòng\"\n",
    "[[tasks]]\n",
    "id = \"a\"\n",
    "topic = \"xay-dung-xhht\"\n",
    "anchor = \"i\"\n",
    "## I. NHIỆM VỤ CHUNG {#i}\n",
    "1. Đẩy mạnh xã hội học tập.\n",
    "\n",
    "[^1]: chú thích\n",
    "Đề án 1373[^1]\n",
    "<script>x</script>\n",
    "| a | b |\n|---|---|\n",
    "\"",
    "[",
    "]",
    "{#",
    "đ",
    "\r\n",
    "\u{feff}",
    "#",
    "= ",
    "a)",
    "[x](javascript:y)",
];

fn letter_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat()),
        ".{0,400}",
    ]
}

fn check(text: &str) {
    let source = SourceFile {
        path: "content/hai-phong/2024-2025/x.md".into(),
        components: vec!["hai-phong".into(), "2024-2025".into(), "x".into()],
        text: text.into(),
    };
    static REGISTRY: std::sync::OnceLock<gdtx::citations::Registry> = std::sync::OnceLock::new();
    let registry = REGISTRY.get_or_init(gdtx::citations::Registry::builtin);
    let (_, diagnostics) = Letter::parse(&source, &config(), registry);
    for d in diagnostics {
        if let Some(span) = &d.span {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{d:?} out of bounds"
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{d:?} splits a character"
            );
        }
        let rendered = d.render(Some(text), false);
        assert!(rendered.contains(&d.path));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn letters_never_panic_and_spans_stay_inside(text in letter_text()) {
        check(&text);
    }

    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let (text, d) = decode("x.md", bytes);
        if let Some(d) = d {
            let span = d.span.unwrap();
            prop_assert!(span.end <= text.len());
        }
        check(&text);
    }

    #[test]
    fn folding_is_idempotent_and_ascii_for_vietnamese(s in "[a-zA-ZàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵĐ ]{0,40}") {
        let once = gdtx::text::fold(&s);
        prop_assert_eq!(gdtx::text::fold(&once), once.clone());
        prop_assert!(once.is_ascii());
    }
}
