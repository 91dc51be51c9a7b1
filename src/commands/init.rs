//! `liaison init`: create the database.

use clap::Args;

use crate::context::Ctx;
use crate::db::{self, Db};
use crate::error::Result;

/// Create the database file (owner-only) and its schema. Running it again
/// on an existing database only brings its schema up to date.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Start with the seven mandates of the founding resolution as
    /// objectives, or with none
    #[arg(long, value_enum, default_value_t = Objectives::Default)]
    pub objectives: Objectives,
}

/// The objectives a new database starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Objectives {
    Default,
    None,
}

pub fn run(ctx: &mut Ctx, a: InitArgs) -> Result<()> {
    let existed = ctx.db_path.exists();
    let mut db = Db::create(&ctx.db_path)?;
    let now = ctx.now_str();
    let added = db.write(|tx| {
        // Only a database without any objective gets the defaults.
        if a.objectives == Objectives::None || !db::objectives::list(tx)?.is_empty() || existed {
            return Ok(0);
        }
        for (title, description) in crate::model::objective::DEFAULTS {
            db::objectives::insert(tx, &db::new_id(), title, Some(description), &now)?;
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
        ctx.out.line(&format!("created database at {path}"))?;
        if added > 0 {
            ctx.out.line(&format!(
                "with {added} objectives (the congress mandates): liaison objective list"
            ))?;
        }
        ctx.out.line("next: liaison org add NAME --country CC")
    }
}
