//! Questions asked on a terminal. Only called when the context says the
//! session is interactive; scripts never reach this module.

use crate::context::Secret;
use dialoguer::{Confirm, theme::ColorfulTheme};

use crate::error::{Error, Result};

mod pick;
pub use pick::{Choice, pick};

/// Asks a yes/no question, defaulting to no.
pub fn confirm(question: &str) -> Result<bool> {
    Confirm::with_theme(&ColorfulTheme::default())
        .with_prompt(question)
        .default(false)
        .interact()
        .map_err(prompt_failed)
}

fn prompt_failed(e: dialoguer::Error) -> Error {
    Error::user(format!("cannot ask on this terminal: {e}")).hint("pass the value as a flag, with --no-input")
}

/// Lets the user choose one of a short list with the arrow keys.
pub fn select(prompt: &str, items: &[&str], default: usize) -> Result<usize> {
    dialoguer::Select::with_theme(&ColorfulTheme::default())
        .with_prompt(prompt)
        .items(items)
        .default(default)
        .interact()
        .map_err(prompt_failed)
}

/// Asks for a line of text; `default` is shown and kept on Enter.
pub fn input(prompt: &str, default: Option<&str>, allow_empty: bool) -> Result<String> {
    let theme = ColorfulTheme::default();
    let mut q = dialoguer::Input::<String>::with_theme(&theme)
        .with_prompt(prompt)
        .allow_empty(allow_empty);
    if let Some(d) = default {
        q = q.default(d.to_string());
    }
    q.interact_text().map_err(prompt_failed)
}

/// Opens `$EDITOR` (or `$VISUAL`) on `initial`; `None` when the user
/// leaves without saving.
pub fn editor(initial: &str) -> Result<Option<String>> {
    dialoguer::Editor::new()
        .extension(".txt")
        .edit(initial)
        .map_err(|e| {
            Error::user(format!("cannot open the editor: {e}")).hint("set EDITOR, or pass --summary TEXT")
        })
}

/// Asks for a passphrase without echoing it; `twice` asks again to confirm.
pub fn passphrase(prompt: &str, twice: bool) -> Result<Secret> {
    let theme = ColorfulTheme::default();
    let mut q = dialoguer::Password::with_theme(&theme).with_prompt(prompt);
    if twice {
        q = q.with_confirmation("again, to confirm", "the two did not match");
    }
    let p = Secret::new(q.interact().map_err(prompt_failed)?);
    if p.is_empty() {
        return Err(Error::user("the passphrase is empty"));
    }
    Ok(p)
}
