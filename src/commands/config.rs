//! `liaison config`: settings kept in the database, so every machine and
//! script using it agrees.

use clap::{Args, Subcommand, ValueEnum};

use super::number;
use crate::context::Ctx;
use crate::dates::DateOrder;
use crate::db;
use crate::error::{Error, Result};
use crate::render::Format;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Show every setting
    #[command(alias = "ls")]
    List,
    /// Set a setting
    Set(SetArgs),
    /// Return a setting to its default
    Unset(UnsetArgs),
}

/// The settings there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Key {
    /// days without contact after which a partner is going cold (default 90)
    ColdDays,
    /// how to read dates such as 03/04/2026: dmy or mdy (default: refuse them)
    DateOrder,
    /// calendar of reports: gregorian or persian (default gregorian)
    Calendar,
}

impl Key {
    const ALL: [Key; 3] = [Key::ColdDays, Key::DateOrder, Key::Calendar];

    /// The name stored in the database.
    pub fn name(self) -> &'static str {
        match self {
            Key::ColdDays => "cold_days",
            Key::DateOrder => "date_order",
            Key::Calendar => "calendar",
        }
    }

    fn check(self, value: &str) -> Result<String> {
        let v = value.trim().to_ascii_lowercase();
        let ok = match self {
            Key::ColdDays => number::parse(&v, &number::COLD_DAYS).is_ok(),
            Key::DateOrder => DateOrder::from_str(&v, true).is_ok(),
            Key::Calendar => crate::calendar::Calendar::from_str(&v, true).is_ok(),
        };
        if ok {
            Ok(v)
        } else {
            let (expected, example) = match self {
                Key::ColdDays => (
                    format!("a whole number of days {}", number::describe(&number::COLD_DAYS)),
                    "cold-days 60",
                ),
                Key::DateOrder => ("dmy or mdy".into(), "date-order dmy"),
                Key::Calendar => ("gregorian or persian".into(), "calendar persian"),
            };
            Err(Error::user(format!(
                "invalid value {} for {}: give {expected}",
                crate::text::quoted(value.trim()),
                self.name()
            ))
            .hint(format!("e.g. liaison config set {example}")))
        }
    }
}

/// Set a setting.
#[derive(Debug, Args)]
pub struct SetArgs {
    #[arg(value_enum)]
    pub key: Key,
    // A negative number is a value to refuse with the range, not a flag.
    #[arg(allow_negative_numbers = true)]
    pub value: String,
}

/// Return a setting to its default.
#[derive(Debug, Args)]
pub struct UnsetArgs {
    #[arg(value_enum)]
    pub key: Key,
}

pub fn run(ctx: &mut Ctx, cmd: ConfigCommand) -> Result<()> {
    let mut db = ctx.open_db()?;
    match cmd {
        ConfigCommand::List => {
            let mut rows = Vec::new();
            for k in Key::ALL {
                rows.push(vec![k.name().to_string(), db.meta(k.name())?.unwrap_or_default()]);
            }
            match ctx.format() {
                Format::Json => {
                    let map: serde_json::Map<String, serde_json::Value> = rows
                        .iter()
                        .map(|r| {
                            (
                                r[0].clone(),
                                if r[1].is_empty() {
                                    serde_json::Value::Null
                                } else {
                                    r[1].clone().into()
                                },
                            )
                        })
                        .collect();
                    ctx.out.json(&map)
                }
                Format::Csv => ctx.out.csv(&["key", "value"], &rows),
                Format::Table => ctx.out.table(&["setting", "value (empty: the default)"], &rows),
            }
        }
        ConfigCommand::Set(a) => {
            let v = a.key.check(&a.value)?;
            db.write(|tx| db::set_meta(tx, a.key.name(), &v))?;
            ctx.out.line(&format!("{} = {v}", a.key.name()))
        }
        ConfigCommand::Unset(a) => {
            db.write(|tx| db::unset_meta(tx, a.key.name()))?;
            ctx.out.line(&format!("{} is back to its default", a.key.name()))
        }
    }
}

/// The date order the settings give, if any.
pub fn date_order(db: &db::Db) -> Result<Option<DateOrder>> {
    Ok(db
        .meta("date_order")?
        .and_then(|v| DateOrder::from_str(&v, true).ok()))
}

/// The calendar the settings give, if any.
pub fn calendar(db: &db::Db) -> Result<Option<crate::calendar::Calendar>> {
    Ok(db
        .meta("calendar")?
        .and_then(|v| crate::calendar::Calendar::from_str(&v, true).ok()))
}

/// Days without contact after which a partner is going cold: the setting,
/// else [`DEFAULT_COLD_DAYS`]. A stored value out of range (written by hand or by an
/// older version) is refused with the command that mends it.
pub fn cold_days(db: &db::Db) -> Result<u32> {
    let Some(v) = db.meta(Key::ColdDays.name())? else {
        return Ok(DEFAULT_COLD_DAYS);
    };
    number::parse(&v, &number::COLD_DAYS)
        .ok()
        .and_then(|d| u32::try_from(d).ok())
        .ok_or_else(|| {
            Error::user(format!(
                "the cold_days setting `{}` is not a whole number {}",
                crate::text::clipped(&v).0,
                number::describe(&number::COLD_DAYS)
            ))
            .hint("set it again: liaison config set cold-days 90 (or unset it for the default)")
            .hint("or give the days for this command: --cold 90")
        })
}

/// The default threshold for "going cold", in days.
pub const DEFAULT_COLD_DAYS: u32 = 90;
