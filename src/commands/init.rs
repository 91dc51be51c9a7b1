//! `liaison init`: create the database.

use clap::Args;

use crate::context::Ctx;
use crate::db::{self, Db};
use crate::error::Result;

/// Create the database file (owner-only) and its schema. Running it again
/// on an existing database only brings its schema up to date.
#[derive(Debug, Args)]
pub struct InitArgs {}

pub fn run(ctx: &mut Ctx, _a: InitArgs) -> Result<()> {
    let existed = ctx.db_path.exists();
    let db = Db::create(&ctx.db_path)?;
    let path = db.path().display().to_string();
    if existed {
        ctx.out.line(&format!(
            "database ready at {path} (schema {})",
            db::latest_version()
        ))
    } else {
        ctx.out.line(&format!("created database at {path}"))?;
        ctx.out.line("next: liaison org add NAME --country CC")
    }
}
