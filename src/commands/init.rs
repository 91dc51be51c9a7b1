//! `liaison init`: create the database.

use clap::Args;

use crate::context::Ctx;
use crate::db::{self, Db};
use crate::error::{Error, Result};

/// Create the database file (owner-only) and its schema. Running it again
/// on an existing database only brings its schema up to date.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Start with the seven mandates of the founding resolution as
    /// objectives, or with none
    #[arg(long, value_enum, default_value_t = Objectives::Default)]
    pub objectives: Objectives,
    /// Encrypt the new database with a passphrase (asked for on a
    /// terminal, or --passphrase-file / LIAISON_PASSPHRASE)
    #[arg(long)]
    pub encrypt: bool,
}

/// The objectives a new database starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Objectives {
    Default,
    None,
}

pub fn run(ctx: &mut Ctx, a: InitArgs) -> Result<()> {
    // An empty file is what a creation cut short leaves: made anew.
    let existed = std::fs::metadata(&ctx.db_path).is_ok_and(|m| m.len() > 0);
    if a.encrypt && existed {
        return Err(Error::user(format!("{} already exists", ctx.db_path.display()))
            .hint("encrypt an existing database with: liaison encrypt"));
    }
    let key = match (a.encrypt, &ctx.passphrase) {
        (false, _) => ctx.passphrase.clone(),
        (true, Some(p)) => Some(p.clone()),
        (true, None) if ctx.interactive => Some(crate::prompt::passphrase(
            "passphrase for the new database",
            true,
        )?),
        (true, None) => {
            return Err(Error::user("--encrypt needs a passphrase")
                .hint("give it with --passphrase-file FILE (or LIAISON_PASSPHRASE), or run on a terminal"));
        }
    };
    let mut db = if existed {
        ctx.open_db()?
    } else {
        Db::create_with(&ctx.db_path, key.as_ref().map(|k| k.as_str()))?
    };
    db.set_actor(ctx.actor());
    let now = ctx.now_str();
    let added = db.write(|tx| {
        // Only a database without any objective gets the defaults.
        if a.objectives == Objectives::None || !db::objectives::list(tx)?.is_empty() || existed {
            return Ok(0);
        }
        for (title, title_fa, description) in crate::model::objective::DEFAULTS {
            let new = db::objectives::NewObjective {
                title,
                title_fa: Some(title_fa),
                description: Some(description),
            };
            db::objectives::insert(tx, &db::new_id(), &new, &now)?;
        }
        Ok(crate::model::objective::DEFAULTS.len())
    })?;
    let path = db.path().display().to_string();
    if existed {
        ctx.out.line(&format!(
            "database ready at {path} (schema {})",
            db::latest_version()
        ))
    } else {
        let how = if db.encrypted() {
            "encrypted database"
        } else {
            "database"
        };
        ctx.out.line(&format!("created {how} at {path}"))?;
        if added > 0 {
            ctx.out.line(&format!(
                "with {} (the congress mandates): liaison objective list",
                crate::text::plural(added, "objective", "objectives")
            ))?;
        }
        ctx.out.line("next: liaison org add NAME --country CC")
    }
}
