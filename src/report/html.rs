//! The report as one self-contained HTML page: no external scripts, fonts
//! or styles; charts as inline SVG; A4 print with sections flowing on
//! from one another; right-to-left with Persian labels under `--lang fa`.

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

/// The page's style: A4, sections flowing on from one another (a heading
/// kept with what follows it), table headers repeated on each page.
/// Text for the page with each date in it isolated left to right, so that
/// inside Persian text `۱۴۰۵-۰۹-۳۰` never reads as `۳۰-۰۹-۱۴۰۵`.
fn prose(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((start, end)) = next_date(rest) {
        out.push_str(&esc(&rest[..start]));
        let _ = write!(out, "<bdi dir=\"ltr\">{}</bdi>", esc(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(&esc(rest));
    out
}

/// Where the first date (digits joined by `-` or `/`, in any script's
/// digits: `2026-07-01`, `۱۴۰۵/۰۴/۱۰`, `2026-07`) lies in `s`.
fn next_date(s: &str) -> Option<(usize, usize)> {
    let part = |c: char| c.is_numeric() || c == '-' || c == '/';
    let mut from = 0;
    while let Some(i) = s[from..].find(|c: char| c.is_numeric()) {
        let start = from + i;
        let run = s[start..].find(|c: char| !part(c)).map_or(s.len(), |n| start + n);
        let end = s[start..run].rfind(|c: char| c.is_numeric()).map_or(start, |n| {
            start + n + s[start + n..].chars().next().map_or(0, char::len_utf8)
        });
        let text = &s[start..end];
        if text.contains(['-', '/']) && text.chars().filter(|c| c.is_numeric()).count() >= 6 {
            return Some((start, end));
        }
        from = run.max(start + 1);
        while !s.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

const STYLE: &str = "
@page { size: A4; margin: 14mm 13mm 15mm; }
body { color: #1d1d1f; margin: 2em auto; max-width: 52em; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { font-size: 1.15em; border-bottom: 2px solid #b3261e; padding-bottom: .15em; margin: 1.3em 0 .4em; }
h3 { font-size: 1em; margin: 1em 0 .3em; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
.sub { color: #555; margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 .8em; font-size: .92em; }
thead { display: table-header-group; }
tr, svg { break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 1px solid #ddd; padding: .2em .5em; text-align: start; vertical-align: top; }
td.n, th.n { text-align: end; font-variant-numeric: tabular-nums; }
td.d { white-space: nowrap; font-variant-numeric: tabular-nums; }
.good { color: #1b7f3b; } .bad { color: #b3261e; }
svg { display: block; max-height: 62mm; margin: .3em 0 .6em; }
svg text { font-size: 11px; fill: #333; }
table.across { font-size: .8em; }
table.across th, table.across td { padding: .15em .25em; }
@media print {
  body { margin: 0; max-width: none; font-size: 9pt; line-height: 1.3; }
  th, td { padding: .12em .4em; }
}
";

/// One typeface family for each language: a Latin sans for English (no
/// Arabic-script face supplying its digits), a Persian sans for Persian.
fn fonts(l: Lang) -> &'static str {
    match l {
        Lang::En => "'Noto Sans', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif",
        Lang::Fa => "Vazirmatn, 'Noto Sans Arabic', Sahel, Tahoma, 'DejaVu Sans', sans-serif",
    }
}

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
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}body {{ font-family: {}; }}\n</style>\n</head>\n<body>\n\
         <h1>{}</h1>\n<p class=\"sub\">{}</p>\n",
        esc(&heading),
        fonts(l),
        prose(&heading),
        prose(&sub)
    );
    let mut open = false;
    for (i, s) in sections(r, l).into_iter().enumerate() {
        if s.level == 1 {
            if open {
                out.push_str("</section>\n");
            }
            out.push_str("<section class=\"part\">\n");
            open = true;
            let _ = writeln!(out, "<h2>{}</h2>", prose(&s.heading));
        } else if !s.heading.is_empty() {
            let _ = writeln!(out, "<h3>{}</h3>", prose(&s.heading));
        }
        if i == 1 {
            out.push_str(&region_chart(r, l));
        }
        if s.rows.is_empty() {
            match s.empty.as_deref() {
                Some("") => {}
                Some(text) => {
                    let _ = writeln!(out, "<p class=\"nothing\">{}</p>", prose(text));
                }
                None => {
                    let _ = writeln!(out, "<p>{}</p>", esc(l.t("none")));
                }
            }
        } else if s.heading == l.t("trend") {
            // On paper the chart carries the months; the figures follow
            // in one row rather than a page-long column.
            out.push_str(&trend_chart(r, l));
            out.push_str(&across(&s));
        } else {
            out.push_str(&table(&s));
        }
    }
    if open {
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Whether a cell holds a figure, a change or a date rather than words.
fn figure(cell: &str) -> bool {
    cell.chars()
        .next()
        .is_none_or(|c| c.is_numeric() || "▲▼=+-−".contains(c))
}

/// A two-column table turned on its side: its first column becomes the
/// header row, its second the one row of figures.
fn across(s: &Section) -> String {
    let mut out = String::from("<table class=\"across\">\n<thead><tr><th></th>");
    for row in &s.rows {
        let _ = write!(
            out,
            "<th class=\"n\"><bdi dir=\"ltr\">{}</bdi></th>",
            esc(&row[0])
        );
    }
    let label = s.headers.get(1).map_or("", String::as_str);
    let _ = write!(out, "</tr></thead>\n<tbody>\n<tr><td>{}</td>", esc(label));
    for row in &s.rows {
        let cell = row.get(1).map_or("", String::as_str);
        let _ = write!(out, "<td class=\"n\"><bdi dir=\"ltr\">{}</bdi></td>", esc(cell));
    }
    out.push_str("</tr>\n</tbody>\n</table>\n");
    out
}

/// A section's table; a change is green when good news, red when bad.
/// Columns of figures align at the end, columns of words at the start.
fn table(s: &Section) -> String {
    let words: Vec<bool> = (0..s.headers.len())
        .map(|i| i == 0 || !s.figures || !s.rows.iter().all(|r| r.get(i).is_none_or(|c| figure(c))))
        .collect();
    let mut out = String::from("<table>\n<thead><tr>");
    for (i, h) in s.headers.iter().enumerate() {
        let class = if words[i] { "" } else { " class=\"n\"" };
        let _ = write!(out, "<th{class}>{}</th>", prose(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (r, row) in s.rows.iter().enumerate() {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            if i == 0 || (!s.figures && i != 1) || (s.figures && words[i]) {
                let _ = write!(out, "<td>{}</td>", prose(c));
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
    // The label column is as wide as the longest name (about 6.5 units a
    // letter at this size), so no name is cut at the edge.
    let longest = rows.iter().map(|x| x.0.chars().count()).max().unwrap_or(0);
    let (label_w, bar_w, row_h) = ((longest as f64 * 6.5 + 12.0).max(90.0), 420.0, 22.0);
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

/// Vertical bars: contacts per month over the last twelve months. Each
/// value sits above its bar, inside the drawing even for the tallest bar.
fn trend_chart(r: &Report, l: Lang) -> String {
    let max = r.trend.iter().map(|m| m.contacts).max().unwrap_or(1).max(1) as f64;
    // Room above the bars for the tallest value, below them for the months.
    let (w, top, h, bar) = (600.0, 18.0, 150.0, 40.0);
    let mut svg = format!(
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {w} {}\" width=\"100%\" style=\"direction:ltr\" xmlns=\"http://www.w3.org/2000/svg\">\n",
        esc(l.t("trend")),
        top + h + 24.0
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
            top + h - bh,
            x + bar / 2.0,
            top + h - bh - 4.0,
            esc(&l.num(m.contacts)),
            x + bar / 2.0,
            top + h + 16.0,
            esc(&l.num(&m.month[2..]))
        );
    }
    svg.push_str("</svg>\n");
    svg
}
