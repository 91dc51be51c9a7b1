//! The contact log, follow-ups, history and agenda.

use crate::common::{Env, seed};

#[test]
fn log_with_flags_only_stores_the_entry_and_its_links() {
    let env = Env::new();
    seed(&env);
    env.ok(&["person", "add", "Eleni Papadopoulou", "--org", "kke"]);
    let out = env.ok(&[
        "log",
        "kke",
        "Partido Comunista Português",
        "--date",
        "2026-11-20",
        "--time",
        "14:30",
        "--channel",
        "meeting",
        "--direction",
        "in",
        "--with",
        "Eleni",
        "--subject",
        "Joint seminar",
        "--summary",
        "Agreed on a joint seminar in spring.",
        "--tag",
        "seminar",
    ]);
    assert!(
        out.starts_with("logged 2026-11-20 meeting with kke, pcp ["),
        "{out}"
    );
    let h = env.json(&["history", "pcp"]);
    assert_eq!(h.as_array().unwrap().len(), 1);
    let e = &h[0];
    assert_eq!(e["date"], "2026-11-20");
    assert_eq!(e["time"], "14:30");
    assert_eq!(e["channel"], "meeting");
    assert_eq!(e["direction"], "in");
    assert_eq!(e["organisations"], serde_json::json!(["kke", "pcp"]));
    assert_eq!(e["people"], serde_json::json!(["Eleni Papadopoulou"]));
    assert_eq!(e["subject"], "Joint seminar");
    assert_eq!(e["tags"], serde_json::json!(["seminar"]));
    assert_eq!(env.count("SELECT count(*) FROM interaction_orgs"), 2);
}

#[test]
fn summary_can_come_from_stdin() {
    let env = Env::new();
    seed(&env);
    let out = env
        .cmd()
        .args(["log", "tudeh", "--channel", "letter", "--summary", "-"])
        .write_stdin("Received their statement.\nSecond line in فارسی.\n")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let h = env.json(&["history", "tudeh"]);
    assert_eq!(
        h[0]["summary"],
        "Received their statement.\nSecond line in فارسی."
    );
    assert_eq!(h[0]["date"], "2026-11-27", "defaults to today");
    assert_eq!(h[0]["direction"], "both");
}

#[test]
fn missing_fields_without_a_terminal_are_named_and_nothing_is_stored() {
    let env = Env::new();
    seed(&env);
    let before = env.snapshot();
    // A missing value is a usage error (exit 2), as a missing flag is.
    let err = env.fails(2, &["log", "kke", "--summary", "x"]);
    assert!(
        err.starts_with("error: channel is missing\nhint: pass it as a flag"),
        "{err}"
    );
    let err = env.fails(2, &["log", "kke", "--channel", "call"]);
    assert!(err.starts_with("error: summary is missing"), "{err}");
    let err = env.fails(2, &["log", "--channel", "call", "--summary", "x"]);
    assert!(err.starts_with("error: organisation is missing"), "{err}");
    let err = env.fails(1, &["log", "kke", "--channel", "call", "--summary", "   "]);
    assert!(err.starts_with("error: summary is empty"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn bad_log_input_is_refused_and_nothing_is_stored() {
    let env = Env::new();
    seed(&env);
    let before = env.snapshot();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "log",
                "kke",
                "--channel",
                "call",
                "--summary",
                "x",
                "--date",
                "31/02/2026",
            ],
            "error: impossible date `31/02/2026`",
        ),
        (
            &[
                "log",
                "kke",
                "--channel",
                "call",
                "--summary",
                "x",
                "--date",
                "2026-13-01",
            ],
            "error: impossible date `2026-13-01`",
        ),
        (
            &[
                "log",
                "kke",
                "--channel",
                "call",
                "--summary",
                "x",
                "--date",
                "03/04/2026",
            ],
            "error: ambiguous date `03/04/2026`",
        ),
        (
            &["log", "Atlantis", "--channel", "call", "--summary", "x"],
            "error: no organisation matches `Atlantis`",
        ),
        (
            &[
                "log",
                "kke",
                "--channel",
                "call",
                "--summary",
                "x",
                "--with",
                "Nobody",
            ],
            "error: no person matches `Nobody`",
        ),
        (
            &[
                "log",
                "kke",
                "--channel",
                "call",
                "--summary",
                "x",
                "--time",
                "25:00",
            ],
            "error: invalid time `25:00`",
        ),
        (
            &[
                "log",
                "kke",
                "--channel",
                "call",
                "--summary",
                "x",
                "--follow-up",
                "Reply",
                "--due",
                "someday",
            ],
            "error: invalid date `someday`",
        ),
    ];
    for (args, expected) in cases {
        let err = env.fails(1, args);
        assert!(err.contains(expected), "for {args:?}:\n{err}");
        assert!(err.contains("hint: "), "no hint for {args:?}:\n{err}");
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn an_explicit_date_order_reads_ambiguous_dates() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "x",
        "--date",
        "03/04/2026",
        "--date-order",
        "dmy",
    ]);
    assert_eq!(env.json(&["history", "kke"])[0]["date"], "2026-04-03");
}

#[test]
fn a_follow_up_is_stored_with_its_entry() {
    let env = Env::new();
    seed(&env);
    let out = env.ok(&[
        "log",
        "kke",
        "--channel",
        "email",
        "--summary",
        "Sent our statement",
        "--follow-up",
        "Send English translation",
        "--due",
        "+7d",
        "--priority",
        "high",
    ]);
    assert!(
        out.contains("\nfollow-up 1: Send English translation (due 2026-12-04)\n"),
        "{out}"
    );
    let tasks = env.json(&["task", "list"]);
    let t = &tasks[0];
    assert_eq!(t["number"], 1);
    assert_eq!(t["title"], "Send English translation");
    assert_eq!(t["organisation"], "kke");
    assert_eq!(t["due"], "2026-12-04");
    assert_eq!(t["priority"], "high");
    assert_eq!(t["status"], "open");
    let origin: String = env
        .sql()
        .query_row("SELECT id FROM interactions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(t["origin"], origin.as_str());
}

#[test]
fn a_due_date_before_the_contact_warns_but_stores() {
    let env = Env::new();
    seed(&env);
    let r = env.run(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "x",
        "--date",
        "2026-11-20",
        "--follow-up",
        "Reply",
        "--due",
        "2026-11-10",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "warning: the follow-up is due (2026-11-10) before the contact it follows (2026-11-20)"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(env.count("SELECT count(*) FROM tasks"), 1);
}

#[test]
fn a_failing_follow_up_stores_neither() {
    let env = Env::new();
    seed(&env);
    let before = env.snapshot();
    env.fails(
        1,
        &[
            "log",
            "kke",
            "--channel",
            "call",
            "--summary",
            "x",
            "--follow-up",
            &"t".repeat(400),
        ],
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn tasks_are_numbered_listed_done_edited_and_removed() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "task",
        "add",
        "Send report on strikes",
        "--org",
        "pcp",
        "--due",
        "2026-12-10",
    ]);
    env.ok(&[
        "task",
        "add",
        "Reply to their invitation",
        "--org",
        "kke",
        "--due",
        "2026-11-20",
        "--assign",
        "Sara",
    ]);
    env.ok(&[
        "task",
        "add",
        "Confirm speaker",
        "--due",
        "monday",
        "--priority",
        "high",
    ]);
    env.ok(&["task", "add", "Translate the resolution"]);
    // The list orders by due date and fixes the numbers.
    let list = env.json(&["task", "list"]);
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Reply to their invitation",
            "Confirm speaker",
            "Send report on strikes",
            "Translate the resolution"
        ]
    );
    assert_eq!(list[1]["due"], "2026-11-30", "monday after Friday 2026-11-27");
    let numbers: Vec<i64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_i64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);

    assert_eq!(
        env.json(&["task", "list", "--overdue"])[0]["title"],
        "Reply to their invitation"
    );
    assert_eq!(
        env.json(&["task", "list", "--due-within", "7d"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(env.json(&["task", "list", "--org", "pcp"])[0]["number"], 3);

    let out = env.ok(&["task", "done", "1", "3"]);
    assert_eq!(
        out,
        "done 1: Reply to their invitation [kke] (due 2026-11-20)\ndone 3: Send report on strikes [pcp] (due 2026-12-10)\n"
    );
    // Numbers stay until the list is shown again.
    let err = env.fails(1, &["task", "done", "1"]);
    assert!(err.starts_with("error: task 1 is already done"), "{err}");
    env.ok(&[
        "task",
        "edit",
        "2",
        "--title",
        "Confirm our speaker",
        "--due",
        "2026-12-01",
    ]);
    env.ok(&["task", "rm", "4"]);
    let list = env.json(&["task", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["title"], "Confirm our speaker");
    assert_eq!(list[0]["number"], 1, "renumbered");
    let all = env.json(&["task", "list", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 3);
    assert_eq!(all[1]["status"], "done");
    assert_eq!(all[1]["number"], serde_json::Value::Null);
    assert_eq!(all[1]["done_on"], "2026-11-27");
}

#[test]
fn an_unknown_task_number_changes_nothing() {
    let env = Env::new();
    seed(&env);
    env.ok(&["task", "add", "Reply", "--due", "tomorrow"]);
    let before = env.snapshot();
    let err = env.fails(1, &["task", "done", "1", "7"]);
    assert!(
        err.starts_with(
            "error: no task 7 in the current list\nhint: see the numbers with: liaison task list"
        ),
        "{err}"
    );
    assert_eq!(env.snapshot(), before, "task 1 was not closed either");
}

#[test]
fn history_filters_and_org_show_has_the_log() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "email",
        "--summary",
        "first",
        "--date",
        "2026-01-10",
    ]);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "second",
        "--date",
        "2026-06-10",
        "--tag",
        "strike",
    ]);
    env.ok(&[
        "log",
        "pcp",
        "--channel",
        "call",
        "--summary",
        "third",
        "--date",
        "2026-09-10",
        "--follow-up",
        "Call back",
        "--due",
        "2026-12-01",
    ]);
    let summaries = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["history"];
        all.extend(args);
        env.json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["summary"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(summaries(&[]), ["third", "second", "first"]);
    assert_eq!(summaries(&["kke"]), ["second", "first"]);
    assert_eq!(summaries(&["--since", "2026-02-01"]), ["third", "second"]);
    assert_eq!(summaries(&["--until", "2026-02-01"]), ["first"]);
    assert_eq!(summaries(&["--channel", "call"]), ["third", "second"]);
    assert_eq!(summaries(&["--tag", "strike"]), ["second"]);

    let pcp = env.json(&["org", "show", "pcp"]);
    assert_eq!(pcp["last_contact"], "2026-09-10");
    assert_eq!(pcp["recent_log"][0]["summary"], "third");
    assert_eq!(pcp["open_tasks"][0]["title"], "Call back");
    let text = env.ok(&["org", "show", "kke"]);
    assert!(text.contains("last contact  2026-06-10 (170 days ago)"), "{text}");
    assert!(text.contains("Recent contacts"), "{text}");
}

#[test]
fn agenda_shows_overdue_upcoming_and_partners_going_cold() {
    let env = Env::new();
    seed(&env);
    // kke: contacted recently; pcp: partner silent since May; tudeh: dormant, not a partner.
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "x",
        "--date",
        "2026-11-01",
    ]);
    env.ok(&[
        "log",
        "pcp",
        "--channel",
        "call",
        "--summary",
        "x",
        "--date",
        "2026-05-01",
    ]);
    env.ok(&["task", "add", "Overdue reply", "--due", "2026-11-01"]);
    env.ok(&["task", "add", "Soon", "--due", "2026-11-30"]);
    env.ok(&["task", "add", "Later", "--due", "2027-01-30"]);
    let a = env.json(&["agenda"]);
    assert_eq!(a["today"], "2026-11-27");
    assert_eq!(a["overdue"][0]["title"], "Overdue reply");
    assert_eq!(a["overdue"].as_array().unwrap().len(), 1);
    assert_eq!(a["upcoming"][0]["title"], "Soon");
    assert_eq!(a["upcoming"].as_array().unwrap().len(), 1);
    let cold = a["going_cold"].as_array().unwrap();
    assert_eq!(cold.len(), 1);
    assert_eq!(cold[0]["handle"], "pcp");
    assert_eq!(cold[0]["last_contact"], "2026-05-01");
    assert_eq!(cold[0]["days"], 210);
    // A longer threshold: nobody is cold.
    assert!(
        env.json(&["agenda", "--cold", "365"])["going_cold"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let text = env.ok(&["agenda"]);
    assert!(
        text.contains("Overdue (1)") && text.contains("(overdue 26d)"),
        "{text}"
    );
    assert!(
        text.contains("Partners going cold: no contact for over 90 days (1)"),
        "{text}"
    );
    // A second partner, never contacted: a capped list counts both.
    env.ok(&["org", "edit", "tudeh", "--status", "partner"]);
    let capped = env.json(&["agenda", "--limit", "1"]);
    assert_eq!(capped["going_cold"].as_array().unwrap().len(), 1);
    assert_eq!(capped["going_cold_total"], 2);
    assert_eq!(env.json(&["agenda"])["going_cold_total"], 2);
}

#[test]
fn org_list_finds_silent_organisations() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "x",
        "--date",
        "2026-11-01",
    ]);
    env.ok(&[
        "log",
        "pcp",
        "--channel",
        "call",
        "--summary",
        "x",
        "--date",
        "2026-05-01",
    ]);
    let handles = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["org", "list"];
        all.extend(args);
        env.json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["handle"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(handles(&["--cold", "90"]), ["kcp", "pcp", "tudeh"]);
    assert_eq!(
        handles(&["--sort", "last-contact"]),
        ["kcp", "tudeh", "pcp", "kke"]
    );
}

#[test]
fn merge_moves_the_log_and_tasks() {
    let env = Env::new();
    seed(&env);
    env.ok(&["org", "add", "PCP", "--country", "PT", "--handle", "pcp-dup"]);
    env.ok(&["log", "pcp-dup", "pcp", "--channel", "call", "--summary", "both"]);
    env.ok(&[
        "log",
        "pcp-dup",
        "--channel",
        "call",
        "--summary",
        "only dup",
        "--follow-up",
        "Reply",
    ]);
    let out = env.ok(&["org", "merge", "pcp-dup", "pcp"]);
    assert!(
        out.starts_with("merged pcp-dup into pcp: 2 log entries, 1 task,"),
        "{out}"
    );
    let h = env.json(&["history", "pcp"]);
    assert_eq!(h.as_array().unwrap().len(), 2);
    assert_eq!(h[1]["organisations"], serde_json::json!(["pcp"]));
    assert_eq!(env.json(&["task", "list"])[0]["organisation"], "pcp");
}

#[test]
fn search_finds_log_summaries_with_an_excerpt() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "log",
        "kcp",
        "--channel",
        "email",
        "--summary",
        "گزارش اعتصاب کارگران نفت را فرستادیم",
        "--subject",
        "Oil strike",
    ]);
    let hits = env.json(&["search", "--in", "log", "اعتصاب"]);
    assert_eq!(hits[0]["type"], "log");
    assert_eq!(hits[0]["organisation"], "kcp");
    assert_eq!(hits[0]["excerpt"], "گزارش اعتصاب کارگران نفت را فرستادیم");
}

#[test]
fn settings_give_defaults_that_flags_override() {
    let env = Env::new();
    seed(&env);
    // The date order.
    let err = env.fails(
        1,
        &[
            "log",
            "kke",
            "--channel",
            "call",
            "--summary",
            "x",
            "--date",
            "03/04/2026",
        ],
    );
    assert!(err.contains("ambiguous date"), "{err}");
    env.ok(&["config", "set", "date-order", "dmy"]);
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
    assert_eq!(env.json(&["history", "kke"])[0]["date"], "2026-04-03");
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "y",
        "--date",
        "03/04/2026",
        "--date-order",
        "mdy",
    ]);
    assert_eq!(
        env.json(&["history", "kke", "--channel", "call"])[0]["date"],
        "2026-04-03"
    );
    // The threshold for going cold.
    env.ok(&[
        "log",
        "pcp",
        "--channel",
        "call",
        "--summary",
        "x",
        "--date",
        "2026-10-01",
    ]);
    let cold = |env: &Env| {
        env.json(&["agenda"])["going_cold"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["handle"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert!(!cold(&env).contains(&"pcp".to_string()));
    env.ok(&["config", "set", "cold-days", "30"]);
    assert!(cold(&env).contains(&"pcp".to_string()));
    // The calendar of reports.
    env.ok(&["config", "set", "calendar", "persian"]);
    assert_eq!(
        env.json(&["report", "quarterly"])["period"]["calendar"],
        "persian"
    );
    assert_eq!(
        env.json(&["report", "quarterly", "--calendar", "gregorian"])["period"]["calendar"],
        "gregorian"
    );
    let list = env.json(&["config", "list"]);
    assert_eq!(list["cold_days"], "30");
    env.ok(&["config", "unset", "cold-days"]);
    assert_eq!(
        env.json(&["config", "list"])["cold_days"],
        serde_json::Value::Null
    );
    let err = env.fails(1, &["config", "set", "cold-days", "soon"]);
    assert!(err.contains("invalid value `soon` for cold_days"), "{err}");
}

#[test]
fn long_task_lists_are_capped_and_say_how_many_are_left_out() {
    let env = Env::new();
    seed(&env);
    // 110 overdue follow-ups for kke, 30 due in the next days for pcp.
    let mut csv = String::from("title,organisation,due\n");
    for i in 0..110 {
        csv.push_str(&format!("Overdue {i:03},kke,2026-10-{:02}\n", 1 + i % 28));
    }
    for i in 0..30 {
        csv.push_str(&format!("Soon {i:03},pcp,2026-11-{:02}\n", 28 + i % 3));
    }
    std::fs::write(env.path("tasks.csv"), csv).unwrap();
    env.ok(&["import", "tasks", "tasks.csv"]);

    let text = env.ok(&["task", "list"]);
    assert!(text.contains("… and 40 more (--limit 0 shows all)"), "{text}");
    assert!(!text.contains("Soon 000"), "{text}");
    // Tasks past the cap are numbered all the same.
    env.ok(&["task", "done", "140"]);
    assert_eq!(env.count("SELECT count(*) FROM tasks WHERE status = 'done'"), 1);
    let all = env.ok(&["task", "list", "--limit", "0"]);
    assert!(all.contains("Soon 000") && !all.contains("more ("), "{all}");
    let r = env.run(&["task", "list", "--limit", "5", "--format", "json"]);
    assert_eq!(r.code, 0);
    let listed: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 5);
    assert_eq!(r.stderr, "note: … and 134 more (--limit 0 shows all)\n");

    let a = env.json(&["agenda"]);
    assert_eq!(a["overdue"].as_array().unwrap().len(), 20);
    assert_eq!(a["overdue_total"], 110);
    assert_eq!(a["upcoming"].as_array().unwrap().len(), 20);
    assert_eq!(a["upcoming_total"], 29);
    assert!(
        a["upcoming"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["title"].as_str().unwrap().starts_with("Soon")),
        "{a}"
    );
    let text = env.ok(&["agenda"]);
    assert!(
        text.contains("Overdue (110)")
            && text.contains("… and 90 more (liaison task list --overdue)")
            && text.contains("Due in the next 7 days (29)")
            && text.contains("… and 9 more (--limit 0 shows all)"),
        "{text}"
    );
    assert_eq!(
        env.json(&["agenda", "--limit", "0"])["overdue"]
            .as_array()
            .unwrap()
            .len(),
        110
    );

    let mut people = String::from("name,organisation\n");
    for i in 0..22 {
        people.push_str(&format!("Person {i:02},kke\n"));
    }
    std::fs::write(env.path("people.csv"), people).unwrap();
    env.ok(&["import", "people", "people.csv"]);
    let show = env.ok(&["org", "show", "kke"]);
    assert!(
        show.contains("People (22)")
            && show.contains("Person 19")
            && !show.contains("Person 20")
            && show.contains("… and 2 more (liaison person list --org kke)"),
        "{show}"
    );
    assert!(
        show.contains("Open follow-ups (110)")
            && show.contains("… and 100 more (liaison task list --org kke)"),
        "{show}"
    );
    let profile = env.json(&["org", "show", "kke"]);
    assert_eq!(profile["open_tasks"].as_array().unwrap().len(), 10);
    assert_eq!(profile["open_tasks_total"], 110);
    assert_eq!(profile["people"].as_array().unwrap().len(), 20);
    assert_eq!(profile["people_total"], 22);
}

/// A partner's history past its page says how many entries it left out,
/// exactly up to a thousand and as "over 1000" beyond: counting a
/// partner's whole log would read all of it.
#[test]
fn a_long_history_counts_what_it_leaves_out_up_to_a_thousand() {
    let env = Env::new();
    seed(&env);
    let mut csv = String::from("date,organisation,channel,summary\n");
    for n in 0..1100 {
        csv.push_str(&format!("2026-02-{:02},kke,email,Call {n}\n", 1 + n % 28));
    }
    std::fs::write(env.path("log.csv"), csv).unwrap();
    env.ok(&["import", "log", env.path("log.csv").to_str().unwrap()]);
    let total = env.count(
        "SELECT count(*) FROM interaction_orgs x JOIN organisations o ON o.id = x.org_id WHERE o.handle = 'kke'",
    ) as usize;
    assert!(total >= 1100, "{total}");
    let out = env.ok(&["history", "kke"]);
    assert!(
        out.ends_with("… and over 1000 more (--limit 0 shows all)\n"),
        "{out}"
    );
    let out = env.ok(&["history", "kke", "--limit", &(total - 999).to_string()]);
    assert!(out.ends_with("… and 999 more (--limit 0 shows all)\n"), "{out}");
    let r = env.run(&["history", "kke", "--limit", "10", "--format", "json"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, "note: … and over 1000 more (--limit 0 shows all)\n");
    let all = env.ok(&["history", "kke", "--limit", "0"]);
    assert!(!all.contains("more ("), "{all}");
    assert_eq!(
        env.json(&["history", "kke", "--limit", "0"])
            .as_array()
            .unwrap()
            .len(),
        total
    );
}
