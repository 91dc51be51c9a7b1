//! `liaison person …`: people at organisations.

mod add;
mod edit;
mod list;
mod rm;
mod show;

use clap::{Args, Subcommand};

use super::{resolve_org, word};
use crate::context::Ctx;
use crate::error::Result;
use crate::model::person::{self, Person};
use crate::model::{Sensitivity, fields};

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person
    Add(add::AddArgs),
    /// List people
    #[command(alias = "ls")]
    List(list::ListArgs),
    /// Show one person
    Show(show::ShowArgs),
    /// Change a person's fields
    Edit(edit::EditArgs),
    /// Delete a person (restorable unless --purge)
    Rm(rm::RmArgs),
}

pub fn run(ctx: &mut Ctx, cmd: PersonCommand) -> Result<()> {
    match cmd {
        PersonCommand::Add(a) => add::add(ctx, a),
        PersonCommand::List(a) => list::list(ctx, a),
        PersonCommand::Show(a) => show::show(ctx, a),
        PersonCommand::Edit(a) => edit::edit(ctx, a),
        PersonCommand::Rm(a) => rm::rm(ctx, a),
    }
}

/// Fields `person add` and `person edit` share; an empty value clears.
#[derive(Debug, Args, Default)]
pub struct PersonFields {
    /// Name in their own script
    #[arg(long, value_name = "NAME")]
    pub native: Option<String>,
    /// Name in Persian, for the Persian report (empty: none)
    #[arg(long, value_name = "NAME")]
    pub name_fa: Option<String>,
    /// Their organisation: handle or any name
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Role or position, e.g. "international secretary"
    #[arg(long)]
    pub role: Option<String>,
    /// E-mail address
    #[arg(long)]
    pub email: Option<String>,
    /// Phone number with country code
    #[arg(long)]
    pub phone: Option<String>,
    /// A messaging handle, e.g. "signal: +30 69…" (repeatable)
    #[arg(long = "messaging", value_name = "HANDLE")]
    pub messaging: Vec<String>,
    /// Language they read, e.g. en, fa (repeatable)
    #[arg(long = "lang", value_name = "CODE")]
    pub languages: Vec<String>,
    /// Notes
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// normal, confidential or secret
    #[arg(long, value_parser = word::<Sensitivity>)]
    pub sensitivity: Option<Sensitivity>,
}

fn apply(ctx: &Ctx, conn: &rusqlite::Connection, p: &mut Person, f: &PersonFields) -> Result<()> {
    if let Some(n) = &f.native {
        p.native_name = fields::opt_line("native name", Some(n))?;
    }
    if let Some(n) = &f.name_fa {
        p.name_fa = fields::opt_line("Persian name", Some(n))?;
    }
    if let Some(o) = &f.org {
        if o.trim().is_empty() {
            p.org_id = None;
            p.organisation = None;
        } else {
            let org = resolve_org(ctx, conn, o)?;
            p.org_id = Some(org.id);
            p.organisation = Some(org.handle);
        }
    }
    if let Some(r) = &f.role {
        p.role = fields::opt_line("role", Some(r))?;
    }
    if let Some(e) = &f.email {
        p.email = if e.trim().is_empty() {
            None
        } else {
            Some(fields::email(e)?)
        };
    }
    if let Some(ph) = &f.phone {
        p.phone = if ph.trim().is_empty() {
            None
        } else {
            Some(person::phone(ph)?)
        };
    }
    for m in &f.messaging {
        let m = fields::item("messaging handle", m)?;
        if !m.is_empty() && !p.messaging.contains(&m) {
            p.messaging.push(m);
        }
    }
    if !f.languages.is_empty() {
        p.languages = fields::languages(&f.languages)?;
    }
    if let Some(n) = &f.note {
        p.notes = fields::opt_text("notes", Some(n))?;
    }
    if let Some(s) = f.sensitivity {
        p.sensitivity = s;
    }
    Ok(())
}

fn describe(p: &Person) -> String {
    match (&p.role, &p.organisation) {
        (Some(r), Some(o)) => format!("{} ({r}, {o})", p.name),
        (None, Some(o)) => format!("{} ({o})", p.name),
        (Some(r), None) => format!("{} ({r})", p.name),
        (None, None) => p.name.clone(),
    }
}
