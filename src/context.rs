//! What every command needs: where the database is, what "now" is, how to
//! write output, and whether it may ask questions.

use std::io::{BufWriter, IsTerminal};
use std::path::PathBuf;

use chrono::{DateTime, Local, NaiveDate, SecondsFormat, Utc};

use crate::cli::{ColorChoice, FormatArg, Global};
use crate::dates::{DateOrder, Tense};
use crate::db::Db;
use crate::db::changes::Actor;
use crate::error::{Error, Result};
use crate::render::{Format, Output};

/// A passphrase: its memory is overwritten with zeros when dropped.
pub type Secret = zeroize::Zeroizing<String>;

/// The environment of one command.
pub struct Ctx {
    /// The database file (from `--db`, `LIAISON_DB` or the default).
    pub db_path: PathBuf,
    /// Output format asked for, if any.
    pub format: Option<FormatArg>,
    /// Whether prompts and pick lists may be shown.
    pub interactive: bool,
    /// Whether confirmations are answered yes.
    pub yes: bool,
    /// "Now", pinned by `LIAISON_NOW` in tests and reproducible reports.
    pub now: DateTime<Utc>,
    /// The passphrase given for an encrypted database, if any.
    pub passphrase: Option<Secret>,
    /// The command line, as the change history records it.
    pub line: String,
    pub out: Output,
    /// How to read `03/04/2026`: `--date-order`, else the database's
    /// `date-order` setting once the database is open.
    pub date_order: Option<DateOrder>,
    /// Whether `date_order` came from the command line.
    date_order_given: bool,
}

impl Ctx {
    pub fn new(g: &Global) -> Result<Ctx> {
        let stdout_tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match g.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_tty && !no_color,
        };
        let interactive = !g.no_input && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        Ok(Ctx {
            db_path: db_path(g)?,
            format: g.format,
            interactive,
            yes: g.yes,
            now: now()?,
            passphrase: passphrase(g)?,
            line: command_line(),
            out: Output {
                out: Box::new(BufWriter::new(std::io::stdout())),
                terminal: stdout_tty,
                width: crate::render::output_width(stdout_tty),
                color,
            },
            date_order: g.date_order,
            date_order_given: g.date_order.is_some(),
        })
    }

    /// Opens the database (it must exist; `liaison init` creates it). An
    /// encrypted one is opened with the passphrase given, or one asked for
    /// on a terminal.
    pub fn open_db(&mut self) -> Result<Db> {
        let mut db = self.open_db_as_is()?;
        // Named when a write is recorded: finding the login name may read
        // the system's user database, which a command that only reads
        // should not pay for.
        let (at, line) = (self.now_str(), self.line.clone());
        db.set_actor_with(Box::new(move || actor(&at, &line)));
        for note in db.notes() {
            eprintln!("note: {note}");
        }
        if !self.date_order_given {
            self.date_order = crate::commands::config::date_order(&db)?;
        }
        Ok(db)
    }

    /// Who is using liaison: `LIAISON_USER`, else the login name.
    pub fn user(&self) -> String {
        user()
    }

    /// Who the change history names for this command's writes.
    pub fn actor(&self) -> Actor {
        actor(&self.now_str(), &self.line)
    }

    fn open_db_as_is(&mut self) -> Result<Db> {
        match Db::open_with(&self.db_path, self.passphrase()) {
            Err(e)
                if e.is(crate::error::Cause::WrongPassphrase)
                    && self.passphrase.is_none()
                    && self.interactive =>
            {
                let p =
                    crate::prompt::passphrase(&format!("passphrase for {}", self.db_path.display()), false)?;
                let db = Db::open_with(&self.db_path, Some(&p))?;
                self.passphrase = Some(p);
                Ok(db)
            }
            other => other,
        }
    }

    /// The passphrase given or asked for, if any.
    pub fn passphrase(&self) -> Option<&str> {
        self.passphrase.as_ref().map(|p| p.as_str())
    }

    /// The output format for listings: table unless asked otherwise.
    pub fn format(&self) -> Format {
        self.format.map_or(Format::Table, FormatArg::listing)
    }

    /// "Now" as stored in `created_at` and `updated_at`.
    pub fn now_str(&self) -> String {
        self.now.to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    /// Reads a date as typed on the command line, in the date order given
    /// or set (see `date_order`).
    pub fn date(&self, input: &str, tense: Tense) -> Result<NaiveDate> {
        crate::dates::parse(input, self.today(), self.date_order, tense)
    }

    /// Today's date where the user is.
    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&Local).date_naive()
    }
}

/// `--db`, else `LIAISON_DB`, else the platform data folder.
pub fn db_path(g: &Global) -> Result<PathBuf> {
    if let Some(p) = &g.db {
        return Ok(p.clone());
    }
    if let Some(p) = std::env::var_os("LIAISON_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    default_data_dir().map(|d| d.join("liaison.db"))
}

/// The platform data folder for liaison, e.g. `~/.local/share/liaison`.
pub fn default_data_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("", "", "liaison")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::user("cannot find a home folder for the database")
                .hint("give the database path with --db PATH or LIAISON_DB")
        })
}

/// The passphrase from `--passphrase-file` (its first line), else
/// `LIAISON_PASSPHRASE`. Never printed or stored.
fn passphrase(g: &Global) -> Result<Option<Secret>> {
    if let Some(path) = &g.passphrase_file {
        if let Some(warning) = crate::files::readable_by_others(path, "the passphrase file") {
            eprintln!("warning: {warning}");
        }
        let text = Secret::new(std::fs::read_to_string(path).map_err(|e| {
            Error::user(format!(
                "cannot read the passphrase file {}: {}",
                path.display(),
                crate::db::io_reason(&e)
            ))
        })?);
        let line = Secret::new(text.lines().next().unwrap_or_default().to_string());
        if line.is_empty() {
            return Err(Error::user(format!(
                "the passphrase file {} is empty",
                path.display()
            )));
        }
        return Ok(Some(line));
    }
    Ok(std::env::var("LIAISON_PASSPHRASE")
        .ok()
        .filter(|p| !p.is_empty())
        .map(Secret::new))
}

/// The arguments after the program's name, quoted for a POSIX shell
/// where they need it.
fn command_line() -> String {
    let words: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| {
            let a = a.to_string_lossy().into_owned();
            let plain = !a.is_empty()
                && a.chars()
                    .all(|c| !c.is_whitespace() && !"'\"\\$`!*?;&|<>(){}[]#~".contains(c));
            if plain {
                a
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect();
    words.join(" ")
}

/// The user (see [`user`]) making changes at `at` with command `line`.
fn actor(at: &str, line: &str) -> Actor {
    Actor {
        user: user(),
        at: at.to_string(),
        line: line.to_string(),
    }
}

/// `LIAISON_USER`, else the login name, else "unknown"; found once.
fn user() -> String {
    static USER: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    USER.get_or_init(|| {
        ["LIAISON_USER", "USER", "LOGNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
            .or_else(account_name)
            .unwrap_or_else(|| "unknown".into())
    })
    .clone()
}

/// The name of the account the process runs as, from the system's user
/// database: cron jobs and scripts run with USER and LOGNAME unset.
fn account_name() -> Option<String> {
    // SAFETY: getuid cannot fail. getpwuid_r writes only into `pwd` and
    // `buf`, both alive for the call, and sets `found` to `&pwd` or null;
    // `pw_name` then points into `buf`, read before `buf` is dropped.
    unsafe {
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 16 * 1024];
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        let rc = libc::getpwuid_r(libc::getuid(), &mut pwd, buf.as_mut_ptr(), buf.len(), &mut found);
        if rc != 0 || found.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr(pwd.pw_name)
            .to_string_lossy()
            .into_owned();
        (!name.trim().is_empty()).then_some(name)
    }
}

/// `LIAISON_NOW` (RFC 3339 or a plain date, taken as noon UTC) or the clock.
fn now() -> Result<DateTime<Utc>> {
    let Some(pinned) = std::env::var("LIAISON_NOW").ok().filter(|s| !s.trim().is_empty()) else {
        return Ok(Utc::now());
    };
    let s = pinned.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        && let Some(t) = d.and_hms_opt(12, 0, 0)
    {
        return Ok(t.and_utc());
    }
    Err(Error::usage(format!("invalid LIAISON_NOW `{s}`"))
        .hint("set it to an RFC 3339 time such as 2026-11-27T10:00:00Z, or a date such as 2026-11-27"))
}
