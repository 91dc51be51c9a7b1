//! `liaison man`: the manual, as one page on stdout or a page per command.

use std::io::Write;
use std::path::Path;

use crate::cli::{Global, ManArgs};
use crate::error::Result;
use crate::files::{self, Existing, Protected};

pub fn run(global: &Global, a: &ManArgs) -> Result<()> {
    let Some(dir) = &a.out else {
        let mut out = std::io::stdout().lock();
        clap_mangen::Man::new(crate::cli::command()).render(&mut out)?;
        out.flush()?;
        return Ok(());
    };
    // Never write a page over the database, wherever it is.
    let protected =
        crate::context::db_path(global).map_or_else(|_| Protected::default(), |p| Protected::database(&p));
    files::create_private_folder(dir)?;
    let mut cmd = crate::cli::command().disable_help_subcommand(true);
    // Building gives every subcommand its full name (liaison-org-add).
    cmd.build();
    let mut written = 0;
    write_pages(&cmd, dir, &protected, &mut written)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "wrote {written} manual pages to {}", dir.display())?;
    out.flush()?;
    Ok(())
}

fn write_pages(cmd: &clap::Command, dir: &Path, protected: &Protected, written: &mut usize) -> Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    let path = dir.join(man.get_filename());
    let mut out = files::Output::create(&path, protected, Existing::Replace)?;
    man.render(&mut out)?;
    out.commit()?;
    *written += 1;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir, protected, written)?;
    }
    Ok(())
}
