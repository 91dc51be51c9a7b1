//! The one way tables are laid out: columns sized to their content,
//! squeezed to the width of the terminal by wrapping at spaces (never
//! inside a word, a date or a handle), a word too long for any column
//! shortened with `…`, and columns empty in every row left out.
//!
//! Widths are counted in terminal cells as terminals draw them
//! ([`cells`]): a wide CJK character is two, a combining mark or a
//! zero-width non-joiner none, and the Arabic lam-alef ligature one.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How many cells a terminal draws `s` in. The whole string is measured,
/// not each character: ligatures such as lam-alef (`لا`, two characters
/// drawn as one glyph) take one cell, not two.
pub fn cells(s: &str) -> usize {
    s.width()
}

/// What colour says about a cell, when colour is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Good news: green.
    Good,
    /// Bad news: red.
    Bad,
}

impl Tone {
    /// The 256-colour escape that starts this tone.
    fn start(self) -> &'static str {
        match self {
            Tone::Good => "\x1b[38;5;10m",
            Tone::Bad => "\x1b[38;5;9m",
        }
    }
}

/// Space around and between columns: one cell before the first, two
/// between columns, one after the last (the rule under the header spans
/// them all).
const GAP: usize = 2;

/// A column is never made narrower than this to make room, unless its
/// header is narrower still: below it, shortened words say too little.
const FLOOR: usize = 8;

/// Lays `rows` out under `headers`, to fit `width` cells when given (a
/// terminal, or `COLUMNS`); `None` keeps every cell on one line. Cells
/// must already be safe to print. `tone` colours the cell at (row,
/// column). When the columns cannot fit whole words, or most rows would
/// wrap over more than two lines, the `optional` columns are left out,
/// in their order, and a last line names them.
pub fn lay_out(
    headers: &[String],
    rows: &[Vec<String>],
    width: Option<usize>,
    optional: &[usize],
    tone: &dyn Fn(usize, usize) -> Option<Tone>,
) -> String {
    let mut shown = shown_columns(headers.len(), rows);
    let mut hidden = Vec::new();
    let (widths, header, body) = loop {
        let header: Vec<&str> = shown.iter().map(|&j| headers[j].as_str()).collect();
        let body: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| {
                shown
                    .iter()
                    .map(|&j| r.get(j).map_or("", String::as_str))
                    .collect()
            })
            .collect();
        let (widths, whole) = column_widths(&header, &body, width);
        let next = optional.iter().find(|j| shown.contains(j));
        match next {
            Some(&j) if !whole || crowded(&body, &widths) => {
                shown.retain(|&k| k != j);
                hidden.push(headers[j].as_str());
            }
            _ => break (widths, header, body),
        }
    };
    let total = widths.iter().sum::<usize>() + GAP * widths.len();
    let mut out = String::new();
    push_row(&mut out, &header, &widths, &|_| None);
    out.push_str(&"─".repeat(total));
    out.push('\n');
    for (i, row) in body.iter().enumerate() {
        push_row(&mut out, row, &widths, &|k| tone(i, shown[k]));
    }
    if !hidden.is_empty() {
        let note = format!("(not shown at this width: {})", hidden.join(", "));
        for line in wrap_words(&note, width.unwrap_or(usize::MAX), false) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.pop();
    out
}

/// Whether rows laid out at these widths take more than two lines each on
/// average.
fn crowded(body: &[Vec<&str>], widths: &[usize]) -> bool {
    let lines: usize = body
        .iter()
        .map(|r| {
            r.iter()
                .zip(widths)
                .map(|(c, &w)| wrap(c, w).len())
                .max()
                .unwrap_or(1)
        })
        .sum();
    lines > 2 * body.len()
}

/// The columns with something in at least one row (all of them when
/// there are no rows).
fn shown_columns(n: usize, rows: &[Vec<String>]) -> Vec<usize> {
    (0..n)
        .filter(|&j| {
            rows.is_empty()
                || rows
                    .iter()
                    .any(|r| r.get(j).is_some_and(|c| !c.trim().is_empty()))
        })
        .collect()
}

/// Writes one row, each cell wrapped to its column, lines side by side.
fn push_row(out: &mut String, row: &[&str], widths: &[usize], tone: &dyn Fn(usize) -> Option<Tone>) {
    let wrapped: Vec<Vec<String>> = row.iter().zip(widths).map(|(c, &w)| wrap(c, w)).collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    for k in 0..height {
        let mut line = String::from(" ");
        for (j, lines) in wrapped.iter().enumerate() {
            if j > 0 {
                line.push_str(&" ".repeat(GAP));
            }
            let text = lines.get(k).map_or("", String::as_str);
            match tone(j).filter(|_| !text.is_empty()) {
                Some(t) => {
                    line.push_str(t.start());
                    line.push_str(text);
                    line.push_str("\x1b[39m");
                }
                None => line.push_str(text),
            }
            line.push_str(&" ".repeat(widths[j].saturating_sub(cells(text))));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// The width of each column: as wide as its widest cell when everything
/// fits; otherwise each at least as wide as its longest word (or the
/// floor), and the room left shared out, narrow columns served first.
/// Also whether every word fits whole.
fn column_widths(header: &[&str], body: &[Vec<&str>], width: Option<usize>) -> (Vec<usize>, bool) {
    let n = header.len();
    let natural: Vec<usize> = (0..n)
        .map(|j| {
            body.iter()
                .map(|r| cells(r[j]))
                .fold(cells(header[j]), usize::max)
        })
        .collect();
    let room = match width {
        Some(w) => w.saturating_sub(GAP * n),
        None => return (natural, true),
    };
    if natural.iter().sum::<usize>() <= room {
        return (natural, true);
    }
    let header_word: Vec<usize> = header.iter().map(|h| longest_word(h)).collect();
    let mut least: Vec<usize> = (0..n)
        .map(|j| {
            body.iter()
                .map(|r| longest_word(r[j]))
                .fold(header_word[j], usize::max)
        })
        .collect();
    let whole = least.iter().sum::<usize>() <= room;
    // Too narrow even for whole words: shorten the longest words first.
    while least.iter().sum::<usize>() > room {
        let Some(j) = (0..n)
            .filter(|&j| least[j] > FLOOR.max(header_word[j]))
            .max_by_key(|&j| least[j])
        else {
            break;
        };
        least[j] -= 1;
    }
    (grow(header, body, least, &natural, room), whole)
}

/// Widens the columns from `widths` while room is left, each step where a
/// cell of width saves the most lines of the whole table (header
/// included), until no widening within the room saves a line.
fn grow(
    header: &[&str],
    body: &[Vec<&str>],
    mut widths: Vec<usize>,
    natural: &[usize],
    room: usize,
) -> Vec<usize> {
    let rows: Vec<Vec<&str>> = std::iter::once(header.to_vec())
        .chain(body.iter().cloned())
        .collect();
    let mut memo = std::collections::HashMap::new();
    // The lines each row takes in column j at width w.
    let mut lines_at = |j: usize, w: usize| -> Vec<usize> {
        memo.entry((j, w))
            .or_insert_with(|| rows.iter().map(|r| wrap(r[j], w).len()).collect::<Vec<usize>>())
            .clone()
    };
    let height = |per_column: &[Vec<usize>]| -> usize {
        (0..rows.len())
            .map(|r| per_column.iter().map(|c| c[r]).max().unwrap_or(1))
            .sum()
    };
    let mut current: Vec<Vec<usize>> = (0..widths.len()).map(|j| lines_at(j, widths[j])).collect();
    loop {
        let spare = room.saturating_sub(widths.iter().sum());
        let now = height(&current);
        // The best step: (lines saved per cell, column, new width), first
        // in the table's height, else (once no row can be made shorter)
        // in the column's own lines, which still reads better.
        let mut best: Option<(f64, usize, usize)> = None;
        let mut fallback: Option<(f64, usize, usize)> = None;
        for j in 0..widths.len() {
            let limit = natural[j].min(widths[j] + spare);
            let own: usize = current[j].iter().sum();
            for w in widths[j] + 1..=limit {
                let trial = lines_at(j, w);
                let cost = (w - widths[j]) as f64;
                let saved = now.saturating_sub(height_with(&current, j, &trial, &height));
                let saved_own = own.saturating_sub(trial.iter().sum());
                if saved_own > 0 && fallback.is_none_or(|(s, _, _)| saved_own as f64 / cost > s) {
                    fallback = Some((saved_own as f64 / cost, j, w));
                }
                if saved > 0 {
                    if best.is_none_or(|(s, _, _)| saved as f64 / cost > s) {
                        best = Some((saved as f64 / cost, j, w));
                    }
                    break;
                }
            }
        }
        let Some((_, j, w)) = best.or(fallback) else {
            return widths;
        };
        widths[j] = w;
        current[j] = lines_at(j, w);
    }
}

/// The table's height with column `j`'s lines replaced by `trial`.
fn height_with(
    current: &[Vec<usize>],
    j: usize,
    trial: &[usize],
    height: &dyn Fn(&[Vec<usize>]) -> usize,
) -> usize {
    let mut cols = current.to_vec();
    cols[j] = trial.to_vec();
    height(&cols)
}

/// The width of the longest space-separated word of `s`.
fn longest_word(s: &str) -> usize {
    s.split(' ').map(cells).max().unwrap_or(0)
}

/// Breaks `text` into lines of at most `width` cells at spaces; a word
/// longer than a line is shortened with `…`.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_words(text, width, true)
}

/// Breaks `text` into lines at spaces; a word longer than `width` cells is
/// shortened with `…` when `shorten_long` is set, else left whole on a
/// line of its own (an address or a path must stay usable).
pub fn wrap_words(text: &str, width: usize, shorten_long: bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // The width of `line`: a space ends any ligature, so a line's width
    // is its words' widths and its spaces.
    let mut line_cells = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word_cells = cells(word);
        let word = if shorten_long && word_cells > width {
            let short = shorten(word, width);
            word_cells = cells(&short);
            std::borrow::Cow::Owned(short)
        } else {
            std::borrow::Cow::Borrowed(word)
        };
        if line.is_empty() {
            line.push_str(&word);
            line_cells = word_cells;
        } else if line_cells + 1 + word_cells <= width {
            line.push(' ');
            line.push_str(&word);
            line_cells += 1 + word_cells;
        } else {
            lines.push(std::mem::replace(&mut line, word.into_owned()));
            line_cells = word_cells;
        }
    }
    lines.push(line);
    lines
}

/// `s` cut to fit `width` cells with a final `…`, whole if it fits. A
/// cut never separates a letter from its marks.
pub fn shorten(s: &str, width: usize) -> String {
    if cells(s) <= width {
        return s.to_string();
    }
    let mut end = 0;
    for (i, c) in s.char_indices() {
        // Cut only before a character that takes a cell of its own.
        if i > 0 && c.width().unwrap_or(0) > 0 {
            if cells(&s[..i]) + 1 > width {
                break;
            }
            end = i;
        }
    }
    format!("{}…", &s[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_what_terminals_draw() {
        // Lam-alef is one glyph, one cell.
        assert_eq!(cells("الأردني"), 6);
        assert_eq!(cells("لا"), 1);
        // A zero-width non-joiner and combining marks take no cell.
        assert_eq!(cells("هفت‌تپه"), 6);
        assert_eq!(cells("e\u{301}"), 1);
        assert_eq!(cells("日本"), 4);
    }

    #[test]
    fn wrapping_breaks_at_spaces_only() {
        assert_eq!(
            wrap("International meeting of workers' parties", 15),
            ["International", "meeting of", "workers'", "parties"]
        );
        assert_eq!(wrap("2026-12-05", 8), ["2026-12…"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn shortening_keeps_marks_with_their_letter() {
        assert_eq!(shorten("résumé", 3), "ré…");
        assert_eq!(shorten("re\u{301}sume\u{301}", 3), "re\u{301}…");
        assert_eq!(shorten("日本語", 4), "日…");
    }

    fn table(headers: &[&str], rows: &[&[&str]], width: Option<usize>) -> String {
        let headers: Vec<String> = headers.iter().map(|s| s.to_string()).collect();
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect();
        lay_out(&headers, &rows, width, &[], &|_, _| None)
    }

    #[test]
    fn a_table_fits_its_width_and_drops_empty_columns() {
        let t = table(
            &["date", "assignee", "task"],
            &[
                &["2026-12-05", "", "Send the Arabic translation of the statement"],
                &["2026-12-06", " ", "Reply"],
            ],
            Some(30),
        );
        assert!(!t.contains("assignee"), "{t}");
        assert!(t.lines().all(|l| cells(l) <= 30), "{t}");
        assert!(t.contains(" 2026-12-05  Send the Arabic"), "{t}");
    }

    #[test]
    fn ligatures_are_padded_to_the_same_edge() {
        let t = table(
            &["native", "cc"],
            &[&["الحزب الشيوعي الأردني", "JO"], &["الحزب الشيوعي العراقي", "IQ"]],
            None,
        );
        // Where the country column starts, in cells.
        let edge: Vec<usize> = t
            .lines()
            .skip(2)
            .map(|l| cells(&l[..l.rfind(' ').unwrap()]))
            .collect();
        assert_eq!(edge, [23, 23], "{t}");
    }
}
