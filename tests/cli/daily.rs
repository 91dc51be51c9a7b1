//! Everyday commands: dates as typed in a hurry, capped lists, entries
//! read whole, the agenda's horizon.

use crate::common::{Env, seed};

#[test]
fn a_relative_date_with_a_minus_works_as_a_separate_argument_everywhere() {
    let env = Env::new();
    seed(&env);
    // "Now" is 2026-11-27.
    env.ok(&["org", "edit", "kke", "--since", "-3m"]);
    assert_eq!(env.json(&["org", "show", "kke"])["since"], "2026-08-27");
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "x",
        "--date",
        "-2d",
    ]);
    assert_eq!(env.json(&["history", "kke"])[0]["date"], "2026-11-25");
    env.ok(&["task", "add", "Call back", "--due", "-1d"]);
    assert_eq!(env.json(&["task", "list"])[0]["due"], "2026-11-26");
    for args in [
        &["history", "kke", "--since", "-3m"][..],
        &["history", "--since", "-2w", "--until", "-1d"],
        &["export", "log", "--since", "-1y", "--until", "-1d"],
        &["report", "quarterly", "--from", "-3m", "--to", "-1d"],
        &["objective", "list", "--since", "-2m", "--until", "-1d"],
        &["doc", "add", "Statement", "--lang", "en", "--date", "-1w"],
        &["event", "add", "Rally", "--starts", "-2d", "--ends", "-1d"],
    ] {
        let r = env.run(args);
        assert_eq!(r.code, 0, "{}", r.describe());
    }
    assert_eq!(
        env.json(&["history", "kke", "--since", "-3m"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        env.json(&["history", "kke", "--since", "-1d"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn one_date_order_is_honoured_by_every_command_that_reads_a_date() {
    let env = Env::new();
    seed(&env);
    // Without an order an ambiguous date is refused, with a hint that works.
    let err = env.fails(1, &["org", "edit", "kke", "--since", "02/10/2011"]);
    assert!(
        err.contains("hint: write it as 2011-10-02 (ISO), or pass --date-order dmy"),
        "{err}"
    );
    env.ok(&[
        "org",
        "edit",
        "kke",
        "--since",
        "02/10/2011",
        "--date-order",
        "dmy",
    ]);
    assert_eq!(env.json(&["org", "show", "kke"])["since"], "2011-10-02");
    env.ok(&[
        "org",
        "edit",
        "kke",
        "--since",
        "02/10/2011",
        "--date-order",
        "mdy",
    ]);
    assert_eq!(env.json(&["org", "show", "kke"])["since"], "2011-02-10");
    // The setting, for every command; a flag still overrides it.
    env.ok(&["config", "set", "date-order", "dmy"]);
    env.ok(&["org", "edit", "kke", "--since", "03/04/2012"]);
    assert_eq!(env.json(&["org", "show", "kke"])["since"], "2012-04-03");
    env.ok(&["task", "add", "Send the programme", "--due", "03/04/2027"]);
    env.ok(&[
        "task",
        "add",
        "Book the hall",
        "--due",
        "04/03/2027",
        "--date-order",
        "mdy",
    ]);
    let due: Vec<String> = env
        .json(&["task", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["due"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(due, ["2027-04-03", "2027-04-03"]);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "x",
        "--date",
        "03/04/2026",
    ]);
    assert_eq!(
        env.json(&["history", "kke", "--since", "02/04/2026"])[0]["date"],
        "2026-04-03"
    );
    assert_eq!(
        env.json(&["history", "kke", "--since", "04/04/2026"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let report = env.json(&[
        "report",
        "quarterly",
        "--from",
        "01/04/2026",
        "--to",
        "30/06/2026",
    ]);
    assert_eq!(report["period"]["from"], "2026-04-01");
    assert_eq!(report["totals"]["contacts"], 1);
    env.ok(&["event", "add", "Seminar", "--starts", "05/12/2026"]);
    assert_eq!(env.json(&["event", "list"])[0]["starts"], "2026-12-05");
    env.ok(&["doc", "add", "Statement", "--lang", "en", "--date", "02/03/2026"]);
    assert_eq!(env.json(&["doc", "list"])[0]["date"], "2026-03-02");
    let export = env.ok(&["export", "log", "--since", "02/04/2026", "--until", "04/04/2026"]);
    assert_eq!(export.lines().count(), 2, "{export}");
}

#[test]
fn a_log_date_more_than_a_week_ahead_is_warned_about_in_a_script() {
    let env = Env::new();
    seed(&env);
    // A week ahead is a plan written down early: no word.
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "soon",
        "--date",
        "+7d",
    ]);
    // A year typed wrong is stored, and said.
    let r = env.run(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "typo",
        "--date",
        "2027-01-05",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(
        r.stderr
            .starts_with("warning: the date 2027-01-05 is 39 days ahead; logged as given\nhint: "),
        "{}",
        r.describe()
    );
    assert_eq!(env.json(&["history", "kke"])[0]["date"], "2027-01-05");
    let r = env.run(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "x",
        "--date",
        "+8d",
    ]);
    assert!(r.stderr.contains("is 8 days ahead"), "{}", r.describe());
}

#[test]
fn every_capped_list_says_how_many_it_left_out_and_limit_0_shows_all() {
    let env = Env::new();
    seed(&env);
    for n in 0..5 {
        let summary = format!("call number {n}");
        env.ok(&[
            "log",
            "kke",
            "--channel",
            "call",
            "--summary",
            &summary,
            "--date",
            "-1d",
        ]);
    }
    let out = env.ok(&["history", "--limit", "2"]);
    assert_eq!(out.lines().count(), 2 + 2 + 1, "{out}");
    assert!(out.ends_with("… and 3 more (--limit 0 shows all)\n"), "{out}");
    let all = env.ok(&["history", "--limit", "0"]);
    assert_eq!(all.lines().count(), 2 + 5, "{all}");
    assert!(!all.contains("more ("), "{all}");
    // A full page that is the whole list says nothing.
    assert!(!env.ok(&["history", "--limit", "5"]).contains("more ("));
    let out = env.ok(&["search", "call", "--limit", "1"]);
    assert!(out.ends_with("… and 4 more (--limit 0 shows all)\n"), "{out}");
    assert_eq!(
        env.json(&["search", "call", "--limit", "0"])
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let out = env.ok(&["undo", "--list", "--limit", "0"]);
    // init, four organisations, five entries.
    assert_eq!(out.lines().count(), 10, "{out}");
    let out = env.ok(&["changes", "--limit", "2"]);
    assert!(out.ends_with("… and 8 more (--limit 0 shows all)\n"), "{out}");
}

#[test]
fn a_summary_of_several_lines_is_marked_in_tables_and_shown_whole() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "meeting",
        "--summary",
        "Agreed on a seminar.\nThey will send the programme.",
    ]);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "One line only",
        "--date",
        "-1d",
    ]);
    let table = env.ok(&["history", "kke"]);
    assert!(table.contains("Agreed on a seminar. …"), "{table}");
    assert!(
        table.contains("One line only") && !table.contains("One line only …"),
        "{table}"
    );
    let id = env.json(&["history", "kke"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        table.contains(&id[..8]),
        "the table shows the ID to read it whole:\n{table}"
    );
    let whole = env.ok(&["log", "show", &id[..6]]);
    assert!(
        whole.ends_with("\nAgreed on a seminar.\nThey will send the programme.\n")
            && whole.contains("organisations  kke"),
        "{whole}"
    );
    assert_eq!(
        env.json(&["log", "show", &id])["summary"],
        "Agreed on a seminar.\nThey will send the programme."
    );
    let err = env.fails(1, &["log", "show", "ffffffff"]);
    assert!(
        err.starts_with("error: no log entry has an ID starting with ffffffff"),
        "{err}"
    );
    env.fails(2, &["log", "show", "kke"]);
}

#[test]
fn the_agenda_shows_events_of_the_next_30_days() {
    let env = Env::new();
    seed(&env);
    env.ok(&["event", "add", "Joint seminar", "--starts", "+13d"]);
    env.ok(&["event", "add", "Congress", "--starts", "+40d"]);
    let out = env.ok(&["agenda"]);
    assert!(
        out.contains("Events in the next 30 days (1)") && out.contains("Joint seminar"),
        "{out}"
    );
    assert!(!out.contains("Congress"), "{out}");
    let out = env.ok(&["agenda", "--event-days", "7"]);
    assert!(
        out.contains("Events in the next 7 days (0)") && !out.contains("Joint seminar"),
        "{out}"
    );
    let json = env.json(&["agenda", "--event-days", "60"]);
    assert_eq!(json["events"].as_array().unwrap().len(), 2);
}

#[test]
fn messages_count_in_the_right_number_and_changes_describe_a_merge() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "org",
        "add",
        "KKE Athens office",
        "--country",
        "GR",
        "--handle",
        "kke-2",
    ]);
    env.ok(&[
        "log",
        "kke-2",
        "--channel",
        "call",
        "--summary",
        "x",
        "--date",
        "-1d",
    ]);
    let out = env.ok(&["org", "merge", "kke-2", "kke"]);
    assert_eq!(
        out,
        "merged kke-2 into kke: 1 log entry, 0 tasks, 0 people and 1 name moved; kke-2 is deleted\n"
    );
    let show = env.ok(&["org", "show", "kke"]);
    assert!(show.contains("2026-11-26 (1 day ago)"), "{show}");
    let changes = env.ok(&["changes", "kke", "--limit", "1"]);
    assert!(
        changes.contains("liaison org merge kke-2 kke\n    merged organisation kke-2 into kke\n"),
        "{changes}"
    );
    let agenda = env.ok(&["agenda", "--days", "1", "--event-days", "1", "--cold", "1"]);
    assert!(
        agenda.contains("Due in the next 1 day (0)")
            && agenda.contains("Events in the next 1 day (0)")
            && agenda.contains("no contact for over 1 day ("),
        "{agenda}"
    );
    let agenda = env.ok(&["agenda", "--cold", "0"]);
    assert!(agenda.contains("  2026-11-26    1 day\n"), "{agenda}");
}

#[test]
fn the_history_names_the_account_when_user_and_logname_are_unset() {
    let env = Env::new();
    seed(&env);
    env.ok(&["log", "kke", "--channel", "call", "--summary", "x"]);
    assert_eq!(
        env.json(&["history", "kke"])[0]["logged_by"],
        crate::common::account()
    );
    let out = env
        .cmd()
        .env("USER", "maria")
        .args([
            "log",
            "kke",
            "--channel",
            "call",
            "--summary",
            "y",
            "--date",
            "+1d",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(env.json(&["history", "kke"])[0]["logged_by"], "maria");
}

#[test]
fn events_and_follow_ups_leave_as_icalendar_that_parses_back() {
    use icalendar::{Component, EventLike};
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "event",
        "add",
        "Σεμινάριο",
        "--starts",
        "+13d",
        "--ends",
        "+14d",
        "--city",
        "Athens",
        "--org",
        "kke=organiser",
    ]);
    env.ok(&[
        "task",
        "add",
        "Send the programme; and the poster",
        "--org",
        "kke",
        "--due",
        "+3d",
        "--priority",
        "high",
    ]);
    let text = env.ok(&["agenda", "--ical"]);
    // RFC 5545: CRLF line ends, lines folded at 75 octets.
    assert!(
        text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && text.ends_with("END:VCALENDAR\r\n"),
        "{text}"
    );
    assert!(text.split("\r\n").all(|l| l.len() <= 75), "{text}");
    let cal: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<&icalendar::Event> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    let todos: Vec<&icalendar::Todo> = cal.components.iter().filter_map(|c| c.as_todo()).collect();
    assert_eq!((events.len(), todos.len()), (1, 1), "{text}");
    assert_eq!(events[0].get_summary(), Some("Σεμινάριο"));
    assert_eq!(events[0].get_location(), Some("Athens"));
    assert!(
        text.contains("DTSTART;VALUE=DATE:20261210\r\n") && text.contains("DTEND;VALUE=DATE:20261212\r\n"),
        "{text}"
    );
    assert_eq!(todos[0].get_summary(), Some("Send the programme; and the poster"));
    assert!(
        text.contains("DUE;VALUE=DATE:20261130\r\nPRIORITY:1\r\n"),
        "{text}"
    );
    let id = env.json(&["task", "list"])[0]["id"].as_str().unwrap().to_string();
    assert_eq!(todos[0].get_uid(), Some(format!("{id}@liaison").as_str()));
    // The same database and "now" give the same bytes.
    assert_eq!(env.ok(&["agenda", "--ical"]), text);
    // export: a file by its extension, or --ical on stdout; only events and tasks.
    let path = env.path("tasks.ics");
    env.ok(&["export", "tasks", "--out", path.to_str().unwrap()]);
    let file = std::fs::read_to_string(&path).unwrap();
    assert_eq!(file.parse::<icalendar::Calendar>().unwrap().components.len(), 1);
    assert_eq!(crate::common::mode(&path) & 0o777, 0o600);
    let events = env.ok(&["export", "events", "--ical"]);
    assert!(events.contains("SUMMARY:Σεμινάριο\r\n"), "{events}");
    env.fails(2, &["export", "orgs", "--ical"]);
}
