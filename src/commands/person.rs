//! `liaison person …`: people at organisations.

use clap::{Args, Subcommand};

use super::{confirm, resolve_org, resolve_person, word};
use crate::context::Ctx;
use crate::csvio::records;
use crate::db::{self, new_id};
use crate::error::{Error, Result};
use crate::model::person::{self, Person, short_id};
use crate::model::{Sensitivity, country, fields, require};
use crate::render::{Format, join, opt};

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person
    Add(AddArgs),
    /// List people
    #[command(alias = "ls")]
    List(ListArgs),
    /// Show one person
    Show(ShowArgs),
    /// Change a person's fields
    Edit(EditArgs),
    /// Delete a person (restorable unless --purge)
    Rm(RmArgs),
}

pub fn run(ctx: &mut Ctx, cmd: PersonCommand) -> Result<()> {
    match cmd {
        PersonCommand::Add(a) => add(ctx, a),
        PersonCommand::List(a) => list(ctx, a),
        PersonCommand::Show(a) => show(ctx, a),
        PersonCommand::Edit(a) => edit(ctx, a),
        PersonCommand::Rm(a) => rm(ctx, a),
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

/// Add a person.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Name, usually in Latin script
    pub name: String,
    #[command(flatten)]
    pub fields: PersonFields,
    /// They asked not to be contacted
    #[arg(long)]
    pub do_not_contact: bool,
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

fn add(ctx: &mut Ctx, a: AddArgs) -> Result<()> {
    let name = fields::line("name", &a.name)?;
    require("name", &name)?;
    let mut db = ctx.open_db()?;
    let now = ctx.now_str();
    let mut p = Person::new(new_id(), name, &now);
    p.do_not_contact = a.do_not_contact;
    apply(ctx, db.conn(), &mut p, &a.fields)?;
    db.write(|tx| db::people::insert(tx, &p))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&p),
        _ => ctx
            .out
            .line(&format!("added {} [{}]", describe(&p), short_id(&p.id))),
    }
}

fn describe(p: &Person) -> String {
    match (&p.role, &p.organisation) {
        (Some(r), Some(o)) => format!("{} ({r}, {o})", p.name),
        (None, Some(o)) => format!("{} ({o})", p.name),
        (Some(r), None) => format!("{} ({r})", p.name),
        (None, None) => p.name.clone(),
    }
}

/// List people.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only people of this organisation
    #[arg(long, value_name = "ORG")]
    pub org: Option<String>,
    /// Only people of organisations in this country (repeatable)
    #[arg(long = "country", value_name = "CC")]
    pub countries: Vec<String>,
}

fn list(ctx: &mut Ctx, a: ListArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let mut filter = db::people::Filter::default();
    if let Some(o) = &a.org {
        filter.org_id = Some(resolve_org(ctx, db.conn(), o)?.id);
    }
    for c in &a.countries {
        filter.countries.push(country::resolve(c)?.code.clone());
    }
    let people = db::people::list(db.conn(), &filter)?;
    match ctx.format() {
        Format::Json => ctx.out.json(&people),
        Format::Csv => {
            let rows: Vec<Vec<String>> = people.iter().map(records::person).collect();
            ctx.out.csv(records::PERSON_COLUMNS, &rows)
        }
        Format::Table => {
            if people.is_empty() {
                return ctx.out.line("no people match");
            }
            let rows: Vec<Vec<String>> = people
                .iter()
                .map(|p| {
                    vec![
                        p.name.clone(),
                        opt(&p.native_name),
                        opt(&p.organisation),
                        opt(&p.role),
                        if p.do_not_contact {
                            "do not contact".into()
                        } else {
                            String::new()
                        },
                        short_id(&p.id).to_string(),
                    ]
                })
                .collect();
            ctx.out
                .table(&["name", "native name", "organisation", "role", "", "id"], &rows)
        }
    }
}

/// Show one person.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Name (any script) or ID prefix
    #[arg(value_name = "PERSON")]
    pub person: String,
}

fn show(ctx: &mut Ctx, a: ShowArgs) -> Result<()> {
    let db = ctx.open_db()?;
    let found = resolve_person(ctx, db.conn(), &a.person)?;
    let p = db::people::get(db.conn(), &found.id)?
        .ok_or_else(|| Error::internal("person vanished while reading"))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&p),
        Format::Csv => ctx.out.csv(records::PERSON_COLUMNS, &[records::person(&p)]),
        Format::Table => {
            ctx.out.heading(&p.name)?;
            if let Some(n) = &p.native_name {
                ctx.out.line(n)?;
            }
            if let Some(n) = p.name_fa.as_ref().filter(|n| p.native_name.as_ref() != Some(n)) {
                ctx.out.line(n)?;
            }
            ctx.out.line("")?;
            ctx.out.fields(&[
                ("id", short_id(&p.id).to_string()),
                ("organisation", opt(&p.organisation)),
                ("role", opt(&p.role)),
                ("email", opt(&p.email)),
                ("phone", opt(&p.phone)),
                ("messaging", join(&p.messaging)),
                ("languages", join(&p.languages)),
                (
                    "contact",
                    if p.do_not_contact {
                        "do not contact".into()
                    } else {
                        String::new()
                    },
                ),
                (
                    "sensitivity",
                    if p.sensitivity == Sensitivity::Normal {
                        String::new()
                    } else {
                        p.sensitivity.to_string()
                    },
                ),
                ("notes", opt(&p.notes)),
            ])
        }
    }
}

/// Change a person. --messaging adds; --lang replaces; empty clears.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// Name (any script) or ID prefix
    #[arg(value_name = "PERSON")]
    pub person: String,
    /// New name
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: PersonFields,
    /// They asked not to be contacted
    #[arg(long, conflicts_with = "contact_ok")]
    pub do_not_contact: bool,
    /// They may be contacted again
    #[arg(long)]
    pub contact_ok: bool,
}

fn edit(ctx: &mut Ctx, a: EditArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let found = resolve_person(ctx, db.conn(), &a.person)?;
    let mut p = db::people::get(db.conn(), &found.id)?
        .ok_or_else(|| Error::internal("person vanished while reading"))?;
    if let Some(n) = &a.name {
        let n = fields::line("name", n)?;
        require("name", &n)?;
        p.name = n;
    }
    apply(ctx, db.conn(), &mut p, &a.fields)?;
    if a.do_not_contact {
        p.do_not_contact = true;
    }
    if a.contact_ok {
        p.do_not_contact = false;
    }
    p.updated_at = ctx.now_str();
    db.write(|tx| db::people::update(tx, &p))?;
    match ctx.format() {
        Format::Json => ctx.out.json(&p),
        _ => ctx
            .out
            .line(&format!("updated {} [{}]", describe(&p), short_id(&p.id))),
    }
}

/// Delete a person.
#[derive(Debug, Args)]
pub struct RmArgs {
    /// Name (any script) or ID prefix
    #[arg(value_name = "PERSON")]
    pub person: String,
    /// Remove them for good (asks first)
    #[arg(long)]
    pub purge: bool,
}

fn rm(ctx: &mut Ctx, a: RmArgs) -> Result<()> {
    let mut db = ctx.open_db()?;
    let found = resolve_person(ctx, db.conn(), &a.person)?;
    if a.purge {
        confirm(
            ctx,
            &format!("remove {} for good", found.name),
            "liaison person rm --purge --yes",
        )?;
        db.write(|tx| {
            for (seq, line) in db::people::purge(tx, &found.id)? {
                db::changes::set_line(tx, seq, &super::changes::purged_line(&line))?;
            }
            Ok(())
        })?;
        super::changes::after_purge(&db)?;
        return ctx.out.line(&format!("removed {} for good", found.name));
    }
    let now = ctx.now_str();
    db.write(|tx| db::people::soft_delete(tx, &found.id, &now))?;
    ctx.out
        .line(&format!("deleted {} [{}]", found.name, short_id(&found.id)))
}
