//! The command line: parse arguments (clap), run a command, print diagnostics,
//! and map the outcome to an exit code: 0 ok, 1 content errors, 2 usage or
//! environment.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::build::{self, render_diagnostics};
use crate::diagnostics::{summary, Diagnostic};
use crate::load::EnvError;

/// `--timings`: print each stage's wall time after a build.
static SHOW_TIMINGS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub const EXIT_OK: u8 = 0;
pub const EXIT_CONTENT: u8 = 1;
pub const EXIT_ENV: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "gdtx",
    version,
    about = "Build a website from GDTX guidance letters (Markdown + TOML front matter)"
)]
pub struct Cli {
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
    /// Print how long each stage took.
    #[arg(long, global = true)]
    timings: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CiteFormat {
    Json,
    Table,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Build content/ into the output folder (public/ by default).
    Build {
        /// Site folder (holds site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder; default: output_dir of site.toml, under the root.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Check every letter as build does, without writing; exit 1 on errors.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every change.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Print every citation of letters (.md) or plain text (.txt) as JSON Lines.
    Cite {
        /// Place of the citing body for .txt files: "PROVINCE[/DISTRICT]".
        #[arg(long)]
        place: Option<String>,
        /// Output: one JSON object per line, or a readable table.
        #[arg(long, value_enum, default_value_t = CiteFormat::Json)]
        format: CiteFormat,
        /// Site folder whose data/documents.toml adds known documents.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print what the letters share and what each adds, topic by topic.
    Compare {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only this topic (its id in site.toml).
        #[arg(long)]
        topic: Option<String>,
    },
    /// Write a new letter with a fully commented front-matter template.
    New {
        /// Where to write it, e.g. content/hai-phong/2025-2026/huong-dan-gdtx.md
        path: PathBuf,
    },
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ENV } else { EXIT_OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    SHOW_TIMINGS.store(cli.timings, std::sync::atomic::Ordering::Relaxed);
    ExitCode::from(run(cli.command, color))
}

fn run(command: Command, color: bool) -> u8 {
    match command {
        Command::Build {
            root,
            output,
            deny_warnings,
        } => build_once(&root, Some(output), deny_warnings, color),
        Command::Check {
            root,
            deny_warnings,
        } => build_once(&root, None, deny_warnings, color),
        Command::Serve { root, port, output } => serve(&root, output, port, color),
        Command::New { path } => new_letter(&path),
        Command::Cite {
            place,
            format,
            root,
            files,
        } => cite(&files, place.as_deref(), format, &root),
        Command::Compare { root, topic } => compare(&root, topic.as_deref(), color),
    }
}

/// `gdtx compare`: the figures of the comparison pages as text.
fn compare(root: &Path, topic: Option<&str>, color: bool) -> u8 {
    let loaded = match crate::load::load(root) {
        Ok(l) => l,
        Err(e) => return env_error(&e, color),
    };
    let compiled = build::compile(&loaded);
    if compiled.diagnostics.iter().any(Diagnostic::is_error) {
        let sources = build::sources_by_path(loaded);
        eprint!(
            "{}",
            render_diagnostics(&compiled.diagnostics, &sources, color)
        );
        eprintln!("error: {}", summary(&compiled.diagnostics));
        return EXIT_CONTENT;
    }
    if let Some(t) = topic {
        if loaded.config.topic(t).is_none() {
            eprintln!("error: no topic \"{t}\" in site.toml");
            return EXIT_ENV;
        }
    }
    let started = Instant::now();
    let comparisons: Vec<_> = crate::compare::compare_all(&compiled.corpus, &loaded.config)
        .into_iter()
        .filter(|c| topic.is_none_or(|t| c.topic.id == t))
        .collect();
    let elapsed = started.elapsed();
    print!("{}", crate::compare::report(&comparisons));
    eprintln!(
        "compared {} letter(s) in {} topic(s) in {} ms",
        compiled.corpus.letters.len(),
        comparisons.len(),
        elapsed.as_millis()
    );
    EXIT_OK
}

fn env_error(e: &EnvError, color: bool) -> u8 {
    match e {
        EnvError::Config(diagnostics, text) => {
            let sources = [(crate::config::CONFIG_FILE.to_owned(), text.as_str().into())]
                .into_iter()
                .collect();
            eprint!("{}", render_diagnostics(diagnostics, &sources, color));
            eprintln!(
                "error: fix {} and run again ({})",
                crate::config::CONFIG_FILE,
                summary(diagnostics)
            );
            EXIT_CONTENT
        }
        other => {
            eprintln!("error: {other}");
            EXIT_ENV
        }
    }
}

fn output_dir(root: &Path, output: Option<PathBuf>) -> Result<PathBuf, EnvError> {
    if let Some(o) = output {
        return Ok(o);
    }
    let loaded_config = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).ok();
    let dir = loaded_config
        .and_then(|t| crate::config::SiteConfig::parse(&t).ok())
        .map_or_else(|| "public".to_owned(), |c| c.output_dir);
    Ok(root.join(dir))
}

/// `build` (with `Some(output)`) or `check` (with `None`).
fn build_once(
    root: &Path,
    output: Option<Option<PathBuf>>,
    deny_warnings: bool,
    color: bool,
) -> u8 {
    let started = Instant::now();
    let out_dir = match output.map(|o| output_dir(root, o)).transpose() {
        Ok(dir) => dir,
        Err(e) => return env_error(&e, color),
    };
    // With --deny-warnings nothing is written unless the site is clean.
    let report = match build::build(root, out_dir.as_deref(), deny_warnings) {
        Ok(r) => r,
        Err(e) => return env_error(&e, color),
    };
    let diagnostics = &report.compiled.diagnostics;
    if SHOW_TIMINGS.load(std::sync::atomic::Ordering::Relaxed) {
        let parts: Vec<String> = report
            .compiled
            .timings
            .iter()
            .map(|(stage, d)| format!("{stage} {} ms", d.as_millis()))
            .collect();
        eprintln!("timings: {}", parts.join(", "));
    }
    eprint!(
        "{}",
        render_diagnostics(diagnostics, &report.sources, color)
    );
    let errors =
        diagnostics.iter().any(Diagnostic::is_error) || (deny_warnings && !diagnostics.is_empty());
    let letters = report.compiled.corpus.letters.len();
    if errors {
        let kept = if out_dir.is_some() {
            "; the last good site was left as it was"
        } else {
            ""
        };
        eprintln!(
            "error: {} in {} file(s){kept}",
            summary(diagnostics),
            files_with_problems(diagnostics)
        );
        return EXIT_CONTENT;
    }
    let written = report.written;
    let pages = report
        .compiled
        .rendered
        .as_ref()
        .map_or(0, crate::render::Rendered::html_pages);
    let ms = started.elapsed().as_millis();
    let warnings = if diagnostics.is_empty() {
        String::new()
    } else {
        format!(" ({})", summary(diagnostics))
    };
    match (&out_dir, written) {
        (Some(dir), true) => eprintln!(
            "built {letters} letters, {pages} pages into {} in {ms} ms{warnings}",
            dir.display()
        ),
        _ => eprintln!("checked {letters} letters, {pages} pages: ok in {ms} ms{warnings}"),
    }
    EXIT_OK
}

fn files_with_problems(diagnostics: &[Diagnostic]) -> usize {
    let mut paths: Vec<&str> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.as_str())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths.len()
}

fn serve(root: &Path, output: Option<PathBuf>, port: u16, color: bool) -> u8 {
    let out_dir = match output_dir(root, output) {
        Ok(d) => d,
        Err(e) => return env_error(&e, color),
    };
    // The site stays in memory: a save rebuilds what depends on it.
    let mut session = crate::incremental::Session::new(root, &out_dir);
    let first = match session.rebuild(None) {
        Ok(r) => r,
        Err(e) => return env_error(&e, color),
    };
    print_rebuild(&first, color);
    if first.ok {
        eprintln!("built {} letters into {}", first.letters, out_dir.display());
    } else if !out_dir.join("index.html").exists() {
        eprintln!("note: serving starts anyway; fix the errors above and save to build");
    }
    let errors = (!first.ok).then(|| first.render(false));
    // Until a build has read site.toml, the site is served at `/` only; the
    // first rebuild that reads it moves the site under its base path too.
    let base_path = session.base_path().unwrap_or_else(|| "/".to_owned());
    let rebuild = move |paths: &[PathBuf]| match session.rebuild(Some(paths)) {
        Ok(report) => {
            print_rebuild(&report, color);
            crate::serve::Rebuilt {
                ok: report.ok,
                written: report.written,
                errors: report.render(false),
                base_path: session.base_path(),
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            crate::serve::Rebuilt {
                ok: false,
                written: 0,
                errors: format!("error: {e}"),
                base_path: None,
            }
        }
    };
    match crate::serve::serve(root, &out_dir, &base_path, port, errors, rebuild) {
        Ok(()) => EXIT_OK,
        Err(e) => env_error(&e, color),
    }
}

/// The terminal's account of one rebuild of `gdtx serve`.
fn print_rebuild(report: &crate::incremental::Report, color: bool) {
    eprint!("{}", report.render(color));
    if report.ok {
        eprintln!("{}", report.line());
    } else {
        eprintln!(
            "error: {} in {} file(s); the last good site was left as it was",
            summary(&report.diagnostics),
            files_with_problems(&report.diagnostics)
        );
    }
}

fn cite(files: &[PathBuf], place: Option<&str>, format: CiteFormat, root: &Path) -> u8 {
    let place = match place.map(crate::cite::parse_place).transpose() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_ENV;
        }
    };
    let mut registry = crate::citations::Registry::builtin();
    let site = root.join(crate::load::REGISTRY_FILE);
    if let Ok(text) = std::fs::read_to_string(&site) {
        match crate::citations::Registry::parse(&text) {
            Ok(r) => registry.merge(r),
            Err(e) => {
                eprintln!("error: {} cannot be read: {e}", site.display());
                return EXIT_CONTENT;
            }
        }
    }
    let format = match format {
        CiteFormat::Json => crate::cite::Format::Json,
        CiteFormat::Table => crate::cite::Format::Table,
    };
    match crate::cite::run(files, place.as_ref(), format, &registry) {
        Ok(out) => {
            print!("{out}");
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_ENV
        }
    }
}

/// `gdtx new content/<province>/<school-year>/<slug>.md`.
fn new_letter(path: &Path) -> u8 {
    if path.exists() {
        eprintln!(
            "error: {} already exists; choose another file name",
            path.display()
        );
        return EXIT_ENV;
    }
    if path.extension().is_none_or(|e| e != "md") {
        eprintln!("error: a letter is a Markdown file: the name must end in .md");
        return EXIT_ENV;
    }
    let text = new_letter_template(path);
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create {}: {e}", dir.display());
            return EXIT_ENV;
        }
    }
    match std::fs::write(path, text) {
        Ok(()) => {
            eprintln!(
                "wrote {}: fill in the fields, then run `gdtx check`",
                path.display()
            );
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", path.display());
            EXIT_ENV
        }
    }
}

/// The commented template, with province and school year taken from the path
/// when it follows content/<province>/<school-year>/<slug>.md.
pub fn new_letter_template(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let n = parts.len();
    let year = (n >= 2)
        .then(|| crate::front_matter::SchoolYear::parse(&parts[n - 2]).ok())
        .flatten()
        .map_or_else(|| "2025-2026".to_owned(), |y| y.id());
    let province = (n >= 3)
        .then(|| crate::provinces::find(&parts[n - 3].replace('-', " ")))
        .flatten()
        .map_or("Hải Phòng", |p| p.name);
    NEW_LETTER_TEMPLATE
        .replace("{{YEAR}}", &year)
        .replace("{{PROVINCE}}", province)
}

const NEW_LETTER_TEMPLATE: &str = r#"+++
# Văn bản mới. Điền các trường dưới đây rồi chạy `gdtx check` để kiểm tra.
# Dòng bắt đầu bằng # là ghi chú, không được xuất bản. Hướng dẫn đầy đủ: docs/front-matter.md

# Tiêu đề (trích yếu) của văn bản. Bắt buộc.
title = "Hướng dẫn thực hiện nhiệm vụ năm học {{YEAR}} đối với giáo dục thường xuyên"

# Loại văn bản: "huong-dan", "ke-hoach", "cong-van", "quyet-dinh", "chi-thi", "thong-bao", "bao-cao".
kind = "huong-dan"

# Số, ký hiệu đúng như in trên văn bản, ví dụ "2501/SGDĐT-GDTX". Xóa dòng nếu văn bản không ghi số.
number = ""

# Ngày ban hành, dạng "2025-08-19" hoặc "19/8/2025". Xóa dòng nếu văn bản không ghi ngày.
# date = "2025-08-19"

# Địa danh ở dòng ngày tháng, ví dụ "Hải Phòng".
# place = "{{PROVINCE}}"

# Năm học: hai năm liền nhau.
school_year = "{{YEAR}}"

# Dòng "V/v" như in trên văn bản.
# subject = "V/v hướng dẫn thực hiện nhiệm vụ năm học {{YEAR}} đối với giáo dục thường xuyên"

# Nguồn bản chép (tên tệp PDF hoặc địa chỉ trang web).
# source = ""

# Kính gửi: mỗi nơi nhận một dòng, đúng như in.
recipients = [
  # "Phòng Giáo dục và Đào tạo các quận, huyện;",
]

# Nơi nhận ở cuối văn bản, đúng như in.
copies = [
  # "Như trên;",
  # "Lưu: VT.",
]

[issuer]
# Cơ quan ban hành.
name = "Sở Giáo dục và Đào tạo {{PROVINCE}}"
# Cơ quan chủ quản (dòng trên cùng bên trái), ví dụ "UBND thành phố Hải Phòng".
# parent = ""
# Cấp: "bo" (Bộ), "so" (Sở) hoặc "phong" (Phòng).
level = "so"
# Tỉnh, thành phố (63 tỉnh trước hoặc 34 tỉnh sau sắp xếp năm 2025).
province = "{{PROVINCE}}"
# Quận, huyện, thị xã — chỉ ghi với cấp "phong".
# district = ""

[signer]
# authority = "KT. GIÁM ĐỐC"
# title = "Phó Giám đốc"
# name = ""

# Căn cứ / Thực hiện: mỗi văn bản một mục, ghi đúng như in.
# [[legal_bases]]
# cite = "Công văn số 3759/BGDĐT-GDTX ngày 28/7/2023 của Bộ Giáo dục và Đào tạo"
# about = "về hướng dẫn thực hiện nhiệm vụ năm học 2023-2024 đối với GDTX"

# Nhiệm vụ: mỗi mục lớn của thân bài. anchor là id của tiêu đề, viết {#id} sau tiêu đề.
# topic là một id chủ đề trong site.toml.
[[tasks]]
id = "nhiem-vu-chung"
title = "Nhiệm vụ chung"
topic = "nhiem-vu-chung"
anchor = "i"

# Thời hạn nêu trong văn bản (không bắt buộc).
# [[deadlines]]
# date = "2025-09-10"        # một ngày; "2025-09" cho cả tháng
# until = "2025-09-20"       # ngày kết thúc nếu là một khoảng
# what = "Gửi kế hoạch về Sở"
# who = "Các trung tâm GDNN-GDTX"
# anchor = "i"
+++

Căn cứ …

## I. NHIỆM VỤ CHUNG {#i}

1. …
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_template_uses_the_path() {
        let t = new_letter_template(Path::new("content/dien-bien/2024-2025/x.md"));
        assert!(t.contains("school_year = \"2024-2025\""));
        assert!(t.contains("province = \"Điện Biên\""));
    }
}
