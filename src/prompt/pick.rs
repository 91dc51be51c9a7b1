//! The pick list: type to narrow, arrows to move, Enter to choose. What
//! is typed is folded as search folds it and matched against every name
//! of a choice (name, native name, aliases, handle), not only the label
//! shown, so `کردستان` finds the Communist Party of Kurdistan. Escape and
//! Ctrl-C clear the list and show the cursor again before leaving.

use console::{Key, Term, style};

use crate::error::{Error, Result};
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
    let keys: Vec<Vec<String>> = choices
        .iter()
        .map(|c| {
            std::iter::once(&c.label)
                .chain(&c.names)
                .map(|n| fold(n))
                .collect()
        })
        .collect();
    let mut screen = Screen {
        term: Term::stderr(),
        drawn: 0,
    };
    screen.term.hide_cursor().map_err(failed)?;
    let mut query = String::new();
    let mut at = 0;
    let outcome = loop {
        let shown = matching(&keys, &query);
        at = at.min(shown.len().saturating_sub(1));
        screen.draw(prompt, &query, choices, &shown, at).map_err(failed)?;
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

/// The choices whose names contain every word typed (folded), in their
/// order; all of them before anything is typed.
fn matching(keys: &[Vec<String>], query: &str) -> Vec<usize> {
    let q = fold(query);
    let words: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
    (0..keys.len())
        .filter(|&i| words.iter().all(|w| keys[i].iter().any(|k| k.contains(w))))
        .collect()
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
        shown: &[usize],
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
        for (k, &i) in shown.iter().enumerate().skip(first).take(SHOWN) {
            let label = shorten(&crate::text::printable(&choices[i].label, false), width - 2);
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

    fn keys(names: &[&[&str]]) -> Vec<Vec<String>> {
        names
            .iter()
            .map(|n| n.iter().map(|s| fold(s)).collect())
            .collect()
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
}
