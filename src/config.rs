//! site.toml: read raw TOML, validate, and return a [`SiteConfig`] that the other
//! stages trust (ripgrep-style: raw → validated, errors carry path and line).

use crate::diagnostics::Diagnostic;
use crate::toml_reader::{self, TableReader};

pub const CONFIG_FILE: &str = "site.toml";

/// A topic that tasks are tagged with and compared by.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Topic {
    pub id: String,
    pub name: String,
    pub keywords: Vec<String>,
}

/// The validated site configuration.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute URL of the published site, always ending in `/`. Pages link
    /// relatively, so the site also works from any sub-path or from disk.
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub output_dir: String,
    pub allow_html: bool,
    pub topics: Vec<Topic>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "GDTX".into(),
            description: String::new(),
            base_url: "/".into(),
            language: "vi".into(),
            theme: "default".into(),
            output_dir: "public".into(),
            allow_html: false,
            topics: Vec::new(),
        }
    }
}

impl SiteConfig {
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The topic whose keywords best match `texts` (a task title, its heading),
    /// with the keywords that matched. Matching is on folded words ("xoa mu chu"
    /// matches "Xóa mù chữ"); the score is the number of words matched, ties go
    /// to the topic listed first in site.toml.
    pub fn suggest_topic(&self, texts: &[&str]) -> Option<(&Topic, Vec<&str>)> {
        let haystack: String = texts
            .iter()
            .map(|t| format!(" {} ", words(&crate::text::fold(t))))
            .collect();
        let mut best: Option<(usize, &Topic, Vec<&str>)> = None;
        for topic in &self.topics {
            let mut score = 0;
            let mut hits = Vec::new();
            for k in &topic.keywords {
                let needle = words(&crate::text::fold(k));
                if !needle.is_empty() && haystack.contains(&format!(" {needle} ")) {
                    score += needle.split(' ').count();
                    hits.push(k.as_str());
                }
            }
            if score > 0 && best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                best = Some((score, topic, hits));
            }
        }
        best.map(|(_, t, hits)| (t, hits))
    }

    /// Parses site.toml text. Pure: the caller reads the file.
    pub fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let path = CONFIG_FILE;
        let doc = toml_reader::parse(text, 0, path)?;
        let mut r = TableReader::new(&doc, 0, path, String::new());
        let mut config = SiteConfig::default();
        if let Some(v) = r.required_str("title", "title = \"Hướng dẫn nhiệm vụ GDTX\"") {
            config.title = v.value;
        }
        if let Some(v) = r.str("description") {
            config.description = v.value;
        }
        if let Some(v) = r.str("base_url") {
            let mut url = v.value;
            if !url.ends_with('/') {
                url.push('/');
            }
            if !(url.starts_with("http://") || url.starts_with("https://") || url.starts_with('/'))
            {
                r.diagnostics.push(
                    Diagnostic::error(
                        path,
                        "`base_url` must be an absolute URL or a path starting with /",
                    )
                    .at(v.span, "not a URL")
                    .help("write base_url = \"https://example.gov.vn/gdtx/\""),
                );
            }
            config.base_url = url;
        }
        if let Some(v) = r.str("language") {
            config.language = v.value;
        }
        if let Some(v) = r.str("theme") {
            if v.value.is_empty() || v.value.contains(['/', '\\', '.']) {
                r.diagnostics.push(
                    Diagnostic::error(path, "`theme` must be a folder name under themes/")
                        .at(v.span, "not a theme name")
                        .help("write theme = \"default\" or the name of a folder in themes/"),
                );
            } else {
                config.theme = v.value;
            }
        }
        if let Some(v) = r.str("output_dir") {
            if v.value.is_empty() || v.value.split(['/', '\\']).any(|part| part == "..") {
                r.diagnostics.push(
                    Diagnostic::error(path, "`output_dir` must be a folder inside the site")
                        .at(v.span, "outside the site")
                        .help("write output_dir = \"public\""),
                );
            } else {
                config.output_dir = v.value;
            }
        }
        if let Some(v) = r.bool("allow_html") {
            config.allow_html = v.value;
        }
        for mut t in r.tables("topics") {
            let id = t.required_str("id", "id = \"xoa-mu-chu\"");
            let name = t.required_str("name", "name = \"Xóa mù chữ\"");
            let keywords = t
                .str_list("keywords")
                .into_iter()
                .map(|k| k.value)
                .collect();
            if let (Some(id), Some(name)) = (id, name) {
                if crate::text::slugify(&id.value) != id.value {
                    t.diagnostics.push(
                        Diagnostic::error(path, format!("topic id `{}` is not a slug", id.value))
                            .at(id.span, "use lower-case ASCII letters, digits and -")
                            .help(format!(
                                "write id = \"{}\"",
                                crate::text::slugify(&id.value)
                            )),
                    );
                } else if config.topics.iter().any(|x| x.id == id.value) {
                    t.diagnostics.push(
                        Diagnostic::error(path, format!("topic `{}` is defined twice", id.value))
                            .at(id.span, "second definition")
                            .help("give each [[topics]] a different id"),
                    );
                } else {
                    config.topics.push(Topic {
                        id: id.value,
                        name: name.value,
                        keywords,
                    });
                }
            }
            r.absorb(t);
        }
        let diagnostics = r.finish();
        if diagnostics.iter().any(Diagnostic::is_error) {
            Err(diagnostics)
        } else {
            Ok(config)
        }
    }
}

/// Lowercase words of folded text joined by single spaces (punctuation dropped).
fn words(folded: &str) -> String {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_suggested_from_keywords() {
        let c = SiteConfig::parse(
            "title = \"T\"\n[[topics]]\nid = \"chung\"\nname = \"C\"\nkeywords = [\"nhiệm vụ chung\"]\n[[topics]]\nid = \"xmc\"\nname = \"X\"\nkeywords = [\"xóa mù chữ\", \"phổ cập\"]\n",
        )
        .unwrap();
        let (t, hits) = c
            .suggest_topic(&["Tăng cường công tác XOA MU CHU, phổ cập giáo dục"])
            .unwrap();
        assert_eq!(t.id, "xmc");
        assert_eq!(hits, ["xóa mù chữ", "phổ cập"]);
        assert_eq!(
            c.suggest_topic(&["", "I. NHIỆM VỤ CHUNG"]).unwrap().0.id,
            "chung"
        );
        assert!(c.suggest_topic(&["Mù"]).is_none());
    }

    #[test]
    fn parses_a_minimal_config() {
        let c = SiteConfig::parse("title = \"T\"\nbase_url = \"https://x.vn/gdtx\"\n").unwrap();
        assert_eq!(c.base_url, "https://x.vn/gdtx/");
        assert!(!c.allow_html);
        assert_eq!(c.output_dir, "public");
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let errs = SiteConfig::parse("title = \"T\"\nallow_htlm = true\n").unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message, "unknown field `allow_htlm`");
        assert!(errs[0].help.as_deref().unwrap().contains("`allow_html`"));
        assert_eq!(errs[0].span, Some(12..22));
    }

    #[test]
    fn topics_must_be_unique_slugs() {
        let src = "title = \"T\"\n[[topics]]\nid = \"a\"\nname = \"A\"\n[[topics]]\nid = \"a\"\nname = \"B\"\n[[topics]]\nid = \"Xóa\"\nname = \"C\"\n";
        let errs = SiteConfig::parse(src).unwrap_err();
        let messages: Vec<_> = errs.iter().map(|e| e.message.as_str()).collect();
        assert!(
            messages.contains(&"topic `a` is defined twice"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"topic id `Xóa` is not a slug"),
            "{messages:?}"
        );
    }

    #[test]
    fn the_shipped_site_toml_is_valid() {
        let c = SiteConfig::parse(include_str!("../site.toml")).unwrap();
        assert!(c.topics.len() >= 10);
    }
}
