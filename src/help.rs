//! The examples at the end of each command's `--help` and manual page.
//!
//! They are kept in one table, in the order a new user would meet them:
//! a test runs every one, in this order, on a fresh database.

/// Examples by command path (`""` is `liaison` itself).
pub const EXAMPLES: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "liaison init",
            "liaison org add \"Communist Party of Greece\" --country GR --handle kke --status partner",
            "liaison history kke --since -3m",
        ],
    ),
    (
        "init",
        &["liaison init", "liaison --db office.db init --objectives none"],
    ),
    (
        "org add",
        &[
            "liaison org add \"Partido Comunista Português\" --country PT --lang pt,en   # handle: pcp",
            "liaison org add \"Tudeh Party of Iran\" --native \"حزب توده\" --country IR --handle tudeh",
            "liaison org add \"PAME\" --country GR --kind union --since 14/05/2009",
        ],
    ),
    (
        "org list",
        &[
            "liaison org list",
            "liaison org list --region \"southern europe\" --status partner",
            "liaison org list --cold 90 --sort last-contact",
        ],
    ),
    (
        "org show",
        &[
            "liaison org show kke",
            "liaison org show portugues                # any name, any script, loosely",
            "liaison org show tudeh --format json",
        ],
    ),
    (
        "org edit",
        &[
            "liaison org edit kke --alias KKE --tag europe",
            "liaison org edit pcp --status partner --since 2010-03-06",
        ],
    ),
    (
        "org rm",
        &["liaison org rm pame                        # restorable"],
    ),
    ("org restore", &["liaison org restore pame"]),
    (
        "org merge",
        &[
            "liaison org add \"KKE Athens office\" --country GR --handle kke-2   # a duplicate",
            "liaison org merge kke-2 kke               # its log, tasks, people and names move over",
        ],
    ),
    (
        "group add",
        &[
            "liaison group add Neighbours --name-fa همسایگان --report   # a section in the report",
            "liaison group add Kurdistan --handle kurdistan",
        ],
    ),
    ("group list", &["liaison group list"]),
    (
        "group show",
        &[
            "liaison org edit tudeh --group neighbours --group kurdistan",
            "liaison group show neighbours",
            "liaison org list --group همسایگان",
        ],
    ),
    (
        "group edit",
        &[
            "liaison group edit kurdistan --name-fa کردستان --report",
            "liaison org edit tudeh --ungroup kurdistan",
        ],
    ),
    (
        "group rm",
        &["liaison group rm kurdistan                # its organisations stay"],
    ),
    (
        "person add",
        &[
            "liaison person add \"Eleni Papadopoulou\" --org kke --role \"international section\"",
            "liaison person add \"João Ferreira\" --org pcp --email joao@example.org --lang pt",
            "liaison person add \"Maryam Firouz\" --org tudeh --name-fa \"مریم فیروز\"",
        ],
    ),
    (
        "person list",
        &["liaison person list", "liaison person list --org kke"],
    ),
    (
        "person show",
        &[
            "liaison person show eleni",
            "liaison person show papadopoulou --format json",
        ],
    ),
    (
        "person edit",
        &[
            "liaison person edit eleni --phone \"+30 210 000 0000\"",
            "liaison person edit eleni --name-fa \"النی پاپادوپولو\"",
        ],
    ),
    ("person rm", &["liaison person rm ferreira"]),
    (
        "log",
        &[
            "liaison log kke --channel meeting --with Eleni --summary \"Agreed on a joint seminar.\"",
            "liaison log pcp --channel email --summary \"An invitation\" --follow-up \"Answer\" --due friday",
            "printf 'Dear comrades,\\nthank you.\\n' | liaison log tudeh --channel letter --summary -",
        ],
    ),
    (
        "log show",
        &["liaison log show \"$(liaison history tudeh --limit 0 --format csv | sed -n 2p | cut -d, -f1)\""],
    ),
    (
        "history",
        &[
            "liaison history",
            "liaison history kke --since -3m",
            "liaison history --channel meeting --limit 0",
        ],
    ),
    (
        "task add",
        &[
            "liaison task add \"Book the hall\" --org kke --due +2w --priority high",
            "liaison task add \"Answer the invitation\" --org pcp --due 2026-12-18",
        ],
    ),
    (
        "task list",
        &[
            "liaison task list",
            "liaison task list --overdue",
            "liaison task list --org kke --limit 0",
        ],
    ),
    (
        "task edit",
        &["liaison task edit 1 --priority high --assign Maria"],
    ),
    ("task done", &["liaison task list", "liaison task done 1 2"]),
    ("task rm", &["liaison task list", "liaison task rm 1"]),
    (
        "agenda",
        &[
            "liaison agenda",
            "liaison agenda --days 14 --event-days 60",
            "liaison agenda --ical > agenda.ics           # for the calendar on a phone",
        ],
    ),
    (
        "event add",
        &[
            "liaison event add \"Joint seminar\" --starts +2w --role co-organiser --org kke=organiser",
            "liaison event add \"May Day rally\" --starts 2027-05-01 --city Lisbon --country PT",
        ],
    ),
    (
        "event list",
        &["liaison event list --upcoming", "liaison event list --org kke"],
    ),
    ("event show", &["liaison event show \"joint seminar\""]),
    (
        "event join",
        &["liaison event join \"joint seminar\" tudeh --role participant"],
    ),
    (
        "event edit",
        &[
            "liaison event edit \"joint seminar\" --outcome \"A joint statement\"",
            "liaison event edit \"joint seminar\" --support-won \"statement signed by 12 parties\"",
        ],
    ),
    ("event rm", &["liaison event rm \"may day\""]),
    (
        "briefing add",
        &[
            "liaison briefing add \"KKE on the ports\" --org kke --objective 5 --audience \"Tehran branch\"",
            "liaison briefing add \"Partners on the war\" --org kke --org pcp --date 2026-11-20",
        ],
    ),
    (
        "briefing list",
        &[
            "liaison briefing list --objective 5",
            "liaison briefing list --org pcp",
        ],
    ),
    ("briefing show", &["liaison briefing show \"on the ports\""]),
    (
        "briefing edit",
        &["liaison briefing edit \"on the ports\" --link https://example.org/bulletin/41"],
    ),
    ("briefing rm", &["liaison briefing rm \"partners on the war\""]),
    (
        "doc add",
        &[
            "liaison doc add \"Statement on the oil workers' strike\" --lang fa --objective 2",
            "liaison doc add \"Greetings to the congress\" --lang en --kind letter",
        ],
    ),
    (
        "doc translate",
        &["liaison doc translate \"oil workers\" --lang en --status done"],
    ),
    (
        "doc send",
        &[
            "liaison doc send \"oil workers\" --to kke --to pcp   # each gets its own language",
            "liaison doc send \"oil workers\" --to-region \"southern europe\"",
            "liaison doc send \"oil workers\" --to-group neighbours --date -1d",
        ],
    ),
    (
        "doc publish",
        &[
            "liaison doc publish \"oil workers\" --lang en --link https://example.org/oil-workers",
            "liaison doc publish \"oil workers\"   # the original, today",
        ],
    ),
    (
        "doc list",
        &["liaison doc list", "liaison doc list --objective 2"],
    ),
    (
        "doc show",
        &["liaison doc show \"oil workers\"   # translations, missing languages, who has it"],
    ),
    (
        "doc edit",
        &["liaison doc edit greetings --link https://example.org/greetings"],
    ),
    ("doc rm", &["liaison doc rm greetings"]),
    (
        "objective add",
        &["liaison objective add \"Solidarity with the oil workers\""],
    ),
    (
        "objective list",
        &["liaison objective list", "liaison objective list --since -3m"],
    ),
    (
        "objective edit",
        &["liaison objective edit 8 --title \"Solidarity with striking workers\""],
    ),
    ("objective rm", &["liaison objective rm 8"]),
    (
        "search",
        &[
            "liaison search seminar",
            "liaison search توده",
            "liaison search portugues --in orgs,people",
        ],
    ),
    (
        "import",
        &[
            "liaison import orgs partners.csv --dry-run --on-duplicate skip",
            "liaison import orgs partners.csv --on-duplicate skip",
        ],
    ),
    (
        "export",
        &[
            "liaison export events --out events.ics       # iCalendar; tasks too",
            "liaison export all --out backup-csv/ --bom",
            "liaison export log --since -3m",
        ],
    ),
    (
        "report quarterly",
        &[
            "liaison report quarterly",
            "liaison report quarterly --quarter 2026Q3 --out q3.html",
            "liaison report quarterly --calendar persian --quarter 1405Q2 --lang fa --format md",
        ],
    ),
    ("changes", &["liaison changes kke", "liaison changes --limit 5"]),
    (
        "undo",
        &[
            "liaison undo --list",
            "liaison --yes undo                        # revert the last command",
            "liaison --yes undo --redo                 # and put it back",
        ],
    ),
    (
        "config set",
        &[
            "liaison config set date-order dmy",
            "liaison config set cold-days 60",
        ],
    ),
    ("config list", &["liaison config list"]),
    ("config unset", &["liaison config unset cold-days"]),
    ("backup", &["liaison backup liaison-copy.db"]),
    ("check", &["liaison check"]),
    ("restore", &["liaison --yes restore liaison-copy.db"]),
    ("encrypt", &["liaison encrypt --passphrase-file pass.txt"]),
    (
        "rekey",
        &["liaison rekey --passphrase-file pass.txt --new-passphrase-file new-pass.txt"],
    ),
    (
        "decrypt",
        &["liaison --yes decrypt --passphrase-file new-pass.txt"],
    ),
    (
        "completions",
        &[
            "liaison completions bash > liaison.bash",
            "liaison completions zsh > _liaison",
        ],
    ),
    (
        "man",
        &[
            "liaison man > liaison.1                   # the whole program on one page",
            "liaison man --out man/                    # a page per command: liaison-org-add.1 …",
        ],
    ),
    ("demo", &["liaison demo"]),
];

/// `cmd` with each command's examples at the end of its help.
pub fn with_examples(mut cmd: clap::Command) -> clap::Command {
    for (path, lines) in EXAMPLES {
        let words: Vec<&str> = path.split_whitespace().collect();
        cmd = attach(cmd, &words, lines);
    }
    cmd
}

fn attach(cmd: clap::Command, path: &[&str], lines: &[&str]) -> clap::Command {
    match path.split_first() {
        None => {
            let mut text = String::from("Examples:\n");
            for line in lines {
                text.push_str("  ");
                text.push_str(line);
                text.push('\n');
            }
            cmd.after_help(text.trim_end().to_string())
        }
        Some((first, rest)) => cmd.mut_subcommand(*first, |sub| attach(sub, rest, lines)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command a user can run, as "noun verb" paths.
    fn leaves(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        let subs: Vec<&clap::Command> = cmd.get_subcommands().filter(|s| s.get_name() != "help").collect();
        if subs.is_empty() || cmd.get_name() == "log" {
            out.push(prefix.trim().to_string());
        }
        for s in subs {
            leaves(s, &format!("{prefix} {}", s.get_name()), out);
        }
    }

    #[test]
    fn every_command_has_examples_and_every_example_names_a_command() {
        let cmd = crate::cli::command();
        let mut all = Vec::new();
        for s in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            leaves(s, s.get_name(), &mut all);
        }
        let named: Vec<&str> = EXAMPLES.iter().map(|(p, _)| *p).collect();
        for path in &all {
            assert!(named.contains(&path.as_str()), "no examples for `liaison {path}`");
        }
        for (path, lines) in EXAMPLES {
            assert!(
                path.is_empty() || all.iter().any(|p| p == path),
                "`{path}` is no command"
            );
            assert!(!lines.is_empty() && lines.len() <= 3, "{path}: {lines:?}");
            // Longer lines would be wrapped by the help and no longer run.
            for line in *lines {
                assert!(line.chars().count() <= 92, "too long for --help: {line}");
            }
        }
    }
}
