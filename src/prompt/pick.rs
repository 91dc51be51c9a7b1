//! The pick list: type to narrow, arrows to move, Enter to choose. What
//! is typed is folded as search folds it and matched against every name
//! of a choice (name, native name, aliases, handle), not only the label
//! shown, so `کردستان` finds the Communist Party of Kurdistan; then, as
//! search does, by lookalike letters, Latin spellings and consonants
//! (`Toudeh` finds حزب توده), each marked with how it matched. Escape and
//! Ctrl-C clear the list and show the cursor again before leaving.

use console::{Key, Term, style};

use crate::error::{Error, Result};
use crate::matching::{How, Query};
use crate::render::{cells, shorten};
use crate::text::fold;

/// One entry of a pick list.
pub struct Choice {
    /// What the list shows.
    pub label: String,
    /// Every text the entry is found by (the label is one of them).
    pub names: Vec<String>,
}

/// How many entries show at once.
const SHOWN: usize = 10;

/// Lets the user pick one of `choices` by typing part of any of its
/// names; the index of the one chosen.
pub fn pick(prompt: &str, choices: &[Choice]) -> Result<usize> {
    let names: Vec<Vec<String>> = choices
        .iter()
        .map(|c| std::iter::once(&c.label).chain(&c.names).cloned().collect())
        .collect();
    let keys = Keys::new(names);
    let mut screen = Screen {
        term: Term::stderr(),
        drawn: 0,
    };
    screen.term.hide_cursor().map_err(failed)?;
    let mut query = String::new();
    let mut at = 0;
    let outcome = loop {
        let found = keys.matching(&query);
        let shown: Vec<usize> = found.iter().map(|f| f.0).collect();
        at = at.min(shown.len().saturating_sub(1));
        screen.draw(prompt, &query, choices, &found, at).map_err(failed)?;
        match screen.term.read_key_raw().map_err(failed)? {
            Key::CtrlC => break None,
            Key::Escape => break Some(None),
            Key::Enter if !shown.is_empty() => break Some(Some(shown[at])),
            Key::ArrowUp if at > 0 => at -= 1,
            Key::ArrowUp => at = shown.len().saturating_sub(1),
            Key::ArrowDown | Key::Tab if at + 1 < shown.len() => at += 1,
            Key::ArrowDown | Key::Tab => at = 0,
            Key::Backspace => {
                query.pop();
            }
            Key::Char(c) if !c.is_control() => {
                query.push(c);
                at = 0;
            }
            _ => {}
        }
    };
    screen.restore();
    match outcome {
        Some(Some(i)) => {
            let _ = screen.term.write_line(&format!(
                "{prompt}: {}",
                crate::text::printable(&choices[i].label, false)
            ));
            Ok(i)
        }
        Some(None) => Err(Error::user("nothing chosen").hint("name it exactly, by handle or ID prefix")),
        None => crate::files::interrupted(),
    }
}

/// Every name of each choice, as typed and folded.
struct Keys {
    names: Vec<Vec<String>>,
    folded: Vec<Vec<String>>,
}

impl Keys {
    fn new(names: Vec<Vec<String>>) -> Keys {
        let folded = names
            .iter()
            .map(|n| n.iter().map(|s| fold(s)).collect())
            .collect();
        Keys { names, folded }
    }

    /// The choices matching `query`, in the order search ranks them: those
    /// whose names contain every word typed (folded), in their order (all
    /// of them before anything is typed); then lookalike letters and Latin
    /// spellings; then close matches, which a query in Arabic script
    /// shows only when nothing else matched. Each with how it matched
    /// when that was not by its letters.
    fn matching(&self, query: &str) -> Vec<(usize, Option<How>)> {
        let q = fold(query);
        let words: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
        let (matched, others): (Vec<usize>, Vec<usize>) = (0..self.folded.len())
            .partition(|&i| words.iter().all(|w| self.folded[i].iter().any(|k| k.contains(w))));
        let mut found: Vec<(usize, Option<How>)> = matched.into_iter().map(|i| (i, None)).collect();
        if words.is_empty() {
            return found;
        }
        let query = Query::new(query);
        let mut rest: Vec<(usize, How)> = others
            .into_iter()
            .filter_map(|i| {
                let how = self.names[i].iter().filter_map(|n| query.against(n)).min()?;
                Some((i, how))
            })
            .collect();
        rest.sort_by_key(|&(_, how)| how);
        if query.is_arabic() && !found.is_empty() {
            rest.retain(|&(_, how)| how != How::Close);
        }
        found.extend(rest.into_iter().map(|(i, how)| (i, Some(how))));
        found
    }
}

/// The lines the list takes on the terminal, to clear them again.
struct Screen {
    term: Term,
    drawn: usize,
}

impl Screen {
    fn draw(
        &mut self,
        prompt: &str,
        query: &str,
        choices: &[Choice],
        shown: &[(usize, Option<How>)],
        at: usize,
    ) -> std::io::Result<()> {
        self.term.clear_last_lines(self.drawn)?;
        let width = usize::from(self.term.size().1).max(20) - 1;
        let mut lines = vec![shorten(
            &format!("{} {prompt}: {query}", style("?").yellow()),
            width + 10,
        )];
        // A window of the list that keeps the highlighted entry in sight.
        let first = at.saturating_sub(SHOWN - 1);
        for (k, &(i, how)) in shown.iter().enumerate().skip(first).take(SHOWN) {
            let mut label = crate::text::printable(&choices[i].label, false);
            if let Some(how) = how.and_then(How::label) {
                label.push_str(&format!(" ({how})"));
            }
            let label = shorten(&label, width - 2);
            lines.push(if k == at {
                format!("{} {}", style(">").cyan().bold(), style(label).cyan())
            } else {
                format!("  {label}")
            });
        }
        let hidden = shown.len().saturating_sub(first + SHOWN) + first;
        if shown.is_empty() {
            lines.push(format!(
                "  {}",
                style("nothing matches; Backspace to widen").dim()
            ));
        } else if hidden > 0 {
            let more = format!("… and {hidden} more: type to narrow, arrows to scroll");
            lines.push(format!("  {}", style(more).dim()));
        }
        for l in &lines {
            self.term.write_line(l)?;
        }
        self.drawn = lines.len();
        debug_assert!(
            lines
                .iter()
                .skip(1)
                .all(|l| cells(&console::strip_ansi_codes(l)) <= width)
        );
        self.term.flush()
    }

    /// Clears the list and shows the cursor: the terminal as it was.
    fn restore(&mut self) {
        let _ = self.term.clear_last_lines(self.drawn);
        self.drawn = 0;
        let _ = self.term.show_cursor();
        let _ = self.term.flush();
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        if self.drawn > 0 {
            self.restore();
        }
    }
}

fn failed(e: std::io::Error) -> Error {
    Error::user(format!("cannot ask on this terminal: {e}")).hint("pass the value as a flag, with --no-input")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(names: &[&[&str]]) -> Keys {
        Keys::new(
            names
                .iter()
                .map(|n| n.iter().map(|s| s.to_string()).collect())
                .collect(),
        )
    }

    fn matching(k: &Keys, query: &str) -> Vec<usize> {
        k.matching(query).into_iter().map(|f| f.0).collect()
    }

    #[test]
    fn every_name_is_matched_folded() {
        let k = keys(&[
            &[
                "kcp (Communist Party of Kurdistan, IQ)",
                "kcp",
                "حزبی شیوعی کوردستان",
            ],
            &[
                "kke (Communist Party of Greece, GR)",
                "kke",
                "Κομμουνιστικό Κόμμα Ελλάδας",
            ],
        ]);
        assert_eq!(matching(&k, ""), [0, 1]);
        assert_eq!(matching(&k, "کوردستان"), [0]);
        // Arabic kaf and yeh find the Persian letters.
        assert_eq!(matching(&k, "شيوعي"), [0]);
        assert_eq!(matching(&k, "ΕΛΛΑΔΑΣ"), [1]);
        assert_eq!(matching(&k, "communist greece"), [1]);
        assert!(matching(&k, "xyz").is_empty());
    }

    /// The list narrows as search ranks: letters first, then lookalikes
    /// and Latin spellings, then close matches, each saying how it matched.
    #[test]
    fn the_list_falls_back_as_search_does() {
        let k = keys(&[
            &["tudeh (Tudeh Party of Iran, IR)", "tudeh", "حزب توده ایران"],
            &[
                "kke (Communist Party of Greece, GR)",
                "kke",
                "ΚΚΕ",
                "Κομμουνιστικό Κόμμα Ελλάδας",
            ],
            &[
                "kcp (Communist Party of Kurdistan, IQ)",
                "kcp",
                "حزبی شیوعی کوردستان",
            ],
            &["kprf (Communist Party of the Russian Federation, RU)", "КПРФ"],
        ]);
        assert_eq!(k.matching("Kommounistiko"), [(1, Some(How::Latin))]);
        assert_eq!(k.matching("KPRF")[0].0, 3);
        assert_eq!(k.matching("حزب توده"), [(0, None)]);
        assert_eq!(k.matching("Toudeh"), [(0, Some(How::Close))]);
        // A query in Arabic script shows close matches only when nothing
        // matched by its letters.
        assert_eq!(k.matching("کردستان"), [(2, Some(How::Close))]);
        assert_eq!(k.matching("حزب"), [(0, None), (2, None)]);
        assert!(k.matching("xyz").is_empty());
    }
}
