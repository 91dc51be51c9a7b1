//! Questions asked on a terminal. Only called when the context says the
//! session is interactive; scripts never reach this module.

use dialoguer::{Confirm, FuzzySelect, theme::ColorfulTheme};

use crate::error::{Error, Result};

/// Lets the user pick one of `items` by typing part of it.
pub fn pick(prompt: &str, items: &[String]) -> Result<usize> {
    FuzzySelect::with_theme(&ColorfulTheme::default())
        .with_prompt(prompt)
        .items(items)
        .default(0)
        .interact_opt()
        .map_err(prompt_failed)?
        .ok_or_else(|| Error::user("nothing chosen"))
}

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
