//! The heat map: an inline SVG of topics (rows) × letters (columns), each cell
//! shaded by its number of items. Accessible: `role="img"` with a title and a
//! description, real text labels, a `<title>` tooltip on every cell, and the
//! count printed in the cell so colour is never the only cue.

use std::fmt::Write as _;

use super::{short_label, Matrix};
use crate::markdown::escape;

const LABEL_WIDTH: usize = 290;
const HEADER_HEIGHT: usize = 262;
const CELL_WIDTH: usize = 34;
const CELL_HEIGHT: usize = 24;

/// The SVG markup; `id` prefixes the ids of its title and description (two
/// heat maps may share a page).
pub fn svg(matrix: &Matrix<'_>, id: &str) -> String {
    let cols = matrix.letters.len();
    let rows = matrix.topics.len();
    // Room on the right for the last rotated column label.
    let width = LABEL_WIDTH + cols * CELL_WIDTH + 90;
    let height = HEADER_HEIGHT + rows * CELL_HEIGHT + 4;
    let max = matrix.max_count().max(1);
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-labelledby=\"{id}-title {id}-desc\">"
    );
    let _ = writeln!(
        s,
        "<title id=\"{id}-title\">Bản đồ nhiệt: số mục của mỗi chủ đề trong mỗi văn bản</title>"
    );
    let _ = writeln!(
        s,
        "<desc id=\"{id}-desc\">{rows} chủ đề (hàng) × {cols} văn bản (cột); ô càng đậm càng nhiều mục, số trong ô là số mục, ô trống là văn bản không có nhiệm vụ thuộc chủ đề đó. Nhiều nhất: {max} mục.</desc>"
    );
    for (c, l) in matrix.letters.iter().enumerate() {
        let x = LABEL_WIDTH + c * CELL_WIDTH + CELL_WIDTH / 2;
        let y = HEADER_HEIGHT - 6;
        let _ = writeln!(
            s,
            "<text class=\"hm-col\" x=\"{x}\" y=\"{y}\" transform=\"rotate(-60 {x} {y})\" font-size=\"11\">{}</text>",
            escape(&short_label(l))
        );
    }
    for (r, topic) in matrix.topics.iter().enumerate() {
        let y = HEADER_HEIGHT + r * CELL_HEIGHT;
        let _ = writeln!(
            s,
            "<text class=\"hm-row\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"12\">{}</text>",
            LABEL_WIDTH - 8,
            y + CELL_HEIGHT / 2 + 4,
            escape(&label(&topic.name, 44))
        );
        for (c, l) in matrix.letters.iter().enumerate() {
            let n = matrix.count(r, c);
            let x = LABEL_WIDTH + c * CELL_WIDTH;
            let tip = format!(
                "{} – {}: {}",
                topic.name,
                short_label(l),
                if n == 0 {
                    "không có".to_owned()
                } else {
                    format!("{n} mục")
                }
            );
            let (fill, ink) = if n == 0 {
                ("#f1f2f4".to_owned(), "#5b6675")
            } else {
                // 0.15 … 1.0 opacity of the accent colour, by share of the maximum.
                let o = 0.15 + 0.85 * (n as f64 / max as f64);
                (
                    format!("rgba(163,22,26,{o:.2})"),
                    if o > 0.55 { "#ffffff" } else { "#1d232b" },
                )
            };
            let _ = writeln!(
                s,
                "<g><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#ffffff\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{ink}\">{}</text></g>",
                escape(&tip),
                CELL_WIDTH,
                CELL_HEIGHT,
                x + CELL_WIDTH / 2,
                y + CELL_HEIGHT / 2 + 4,
                if n == 0 { "·".to_owned() } else { n.to_string() }
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

fn label(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        format!(
            "{}…",
            s.chars().take(max - 1).collect::<String>().trim_end()
        )
    }
}
