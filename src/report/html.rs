//! The report as one self-contained HTML page: no external scripts, fonts
//! or styles; charts as inline SVG; A4 print with a page break between
//! sections; right-to-left with Persian labels under `--lang fa`.

use std::fmt::Write;

use super::text::{Section, sections, title};
use super::{Lang, Meaning, Report};

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::text::printable(s, false).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
@page { size: A4; margin: 18mm 15mm; }
body { font-family: 'Vazirmatn', 'Noto Naskh Arabic', 'DejaVu Sans', sans-serif; color: #1d1d1f; margin: 2em auto; max-width: 52em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.2em; border-bottom: 2px solid #b3261e; padding-bottom: .2em; margin-top: 1.6em; }
h3 { font-size: 1em; margin-top: 1.2em; }
.sub { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .92em; }
th, td { border-bottom: 1px solid #ddd; padding: .25em .5em; text-align: start; }
td.n, th.n { text-align: end; font-variant-numeric: tabular-nums; }
td.d { white-space: nowrap; font-variant-numeric: tabular-nums; }
.good { color: #1b7f3b; } .bad { color: #b3261e; }
section.part { break-before: page; page-break-before: always; }
section.part:first-of-type { break-before: auto; page-break-before: auto; }
svg text { font-size: 11px; fill: #333; }
@media print { body { margin: 0; max-width: none; } }
";

/// The whole page.
pub fn render(r: &Report, l: Lang) -> String {
    let (dir, lang) = match l {
        Lang::En => ("ltr", "en"),
        Lang::Fa => ("rtl", "fa"),
    };
    let (heading, sub) = title(r, l);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
        esc(&heading),
        esc(&heading),
        esc(&sub)
    );
    let mut open = false;
    for (i, s) in sections(r, l).into_iter().enumerate() {
        if s.level == 1 {
            if open {
                out.push_str("</section>\n");
            }
            out.push_str("<section class=\"part\">\n");
            open = true;
            let _ = writeln!(out, "<h2>{}</h2>", esc(&s.heading));
        } else if !s.heading.is_empty() {
            let _ = writeln!(out, "<h3>{}</h3>", esc(&s.heading));
        }
        if i == 1 {
            out.push_str(&region_chart(r, l));
        }
        if s.rows.is_empty() {
            match s.empty.as_deref() {
                Some("") => {}
                Some(text) => {
                    let _ = writeln!(out, "<p class=\"nothing\">{}</p>", esc(text));
                }
                None => {
                    let _ = writeln!(out, "<p>{}</p>", esc(l.t("none")));
                }
            }
        } else {
            out.push_str(&table(&s));
        }
        if s.heading == l.t("trend") {
            out.push_str(&trend_chart(r, l));
        }
    }
    if open {
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// A section's table; a change is green when good news, red when bad.
fn table(s: &Section) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for (i, h) in s.headers.iter().enumerate() {
        let class = if i == 0 || !s.figures { "" } else { " class=\"n\"" };
        let _ = write!(out, "<th{class}>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (r, row) in s.rows.iter().enumerate() {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            if i == 0 || (!s.figures && i != 1) {
                let _ = write!(out, "<td>{}</td>", esc(c));
                continue;
            }
            if !s.figures {
                // The second column of a list of items is its date: kept
                // whole and left-to-right inside Persian text.
                let _ = write!(out, "<td class=\"d\"><bdi dir=\"ltr\">{}</bdi></td>", esc(c));
                continue;
            }
            let class = match s.meaning(r, i) {
                Meaning::Good => "n good",
                Meaning::Bad => "n bad",
                Meaning::None => "n",
            };
            // Numbers and signs keep their order inside right-to-left text.
            let _ = write!(
                out,
                "<td class=\"{class}\"><bdi dir=\"ltr\">{}</bdi></td>",
                esc(c)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Horizontal bars: contacts per region, this period.
fn region_chart(r: &Report, l: Lang) -> String {
    let rows: Vec<(String, i64)> = r
        .by_region
        .iter()
        .map(|x| (l.region(&x.region), x.contacts))
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let max = rows.iter().map(|x| x.1).max().unwrap_or(1).max(1) as f64;
    let (label_w, bar_w, row_h) = (170.0, 420.0, 22.0);
    let height = row_h * rows.len() as f64 + 10.0;
    let width = label_w + bar_w + 60.0;
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {width} {height}\" width=\"100%\" style=\"direction:ltr\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        esc(l.t("by_region"))
    );
    for (i, (name, n)) in rows.iter().enumerate() {
        let y = i as f64 * row_h + 5.0;
        let w = (*n as f64 / max) * bar_w;
        // Drawn left to right in both languages (the SVG says so); in
        // Persian the labels sit on the right and the bars grow leftwards.
        let (tx, bx, anchor, vx) = match l {
            Lang::En => (label_w - 6.0, label_w, "end", label_w + w + 4.0),
            Lang::Fa => (width - 6.0, width - label_w - w, "end", width - label_w - w - 4.0),
        };
        let value_anchor = if l == Lang::En { "start" } else { "end" };
        let _ = writeln!(
            svg,
            "<text x=\"{tx}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>\
             <rect x=\"{bx}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" fill=\"#b3261e\"/>\
             <text x=\"{vx}\" y=\"{}\" text-anchor=\"{value_anchor}\">{}</text>",
            y + 14.0,
            esc(name),
            row_h - 6.0,
            y + 14.0,
            esc(&l.num(n))
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// Vertical bars: contacts per month over the last twelve months.
fn trend_chart(r: &Report, l: Lang) -> String {
    let max = r.trend.iter().map(|m| m.contacts).max().unwrap_or(1).max(1) as f64;
    let (w, h, bar) = (600.0, 180.0, 40.0);
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {w} {}\" width=\"100%\" style=\"direction:ltr\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        esc(l.t("trend")),
        h + 40.0
    );
    let n = r.trend.len().max(1) as f64;
    for (i, m) in r.trend.iter().enumerate() {
        // Oldest month first in reading direction.
        let slot = if l == Lang::Fa {
            n - 1.0 - i as f64
        } else {
            i as f64
        };
        let x = slot * (w / n) + 5.0;
        let bh = (m.contacts as f64 / max) * h;
        let _ = writeln!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{bar}\" height=\"{bh:.1}\" fill=\"#1d4e89\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
             <text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            h - bh + 10.0,
            x + bar / 2.0,
            h - bh + 5.0,
            esc(&l.num(m.contacts)),
            x + bar / 2.0,
            h + 28.0,
            esc(&l.num(&m.month[2..]))
        );
    }
    svg.push_str("</svg>\n");
    svg
}
