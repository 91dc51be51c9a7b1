//! The change history: `undo`, `undo --redo`, `undo --list`, `changes`.

use crate::common::{Env, fixture, seed};

/// The data a user can see: every table but the history itself, and the
/// text the search indexes hold where they keep it.
fn data(env: &Env) -> String {
    let snapshot = env.snapshot();
    let mut out = String::new();
    let mut keep = true;
    for line in snapshot.lines() {
        if let Some(table) = line.strip_prefix("== ") {
            keep = table != "commands" && table != "changes";
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    let conn = env.sql();
    for fts in ["org_fts", "person_fts"] {
        let mut stmt = conn
            .prepare(&format!("SELECT rowid, text FROM {fts} ORDER BY rowid"))
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok(format!("{}|{}", r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .unwrap();
        out.push_str(&format!("== {fts}\n"));
        // What search matches on is the set of words, not their order.
        for r in rows {
            let r = r.unwrap();
            let mut words: Vec<&str> = r.split_whitespace().collect();
            words.sort();
            out.push_str(&words.join(" "));
            out.push('\n');
        }
    }
    out
}

/// Fails naming the lines that differ.
fn same(now: &str, expected: &str, what: &str) {
    if now != expected {
        let extra: Vec<&str> = now
            .lines()
            .filter(|l| !expected.lines().any(|e| e == *l))
            .collect();
        let missing: Vec<&str> = expected
            .lines()
            .filter(|l| !now.lines().any(|e| e == *l))
            .collect();
        panic!("{what} left a difference:\nextra: {extra:#?}\nmissing: {missing:#?}");
    }
}

#[test]
fn every_kind_of_write_is_undone_exactly_and_redone() {
    let env = Env::new();
    seed(&env);
    let csv = env.path("more.csv");
    std::fs::write(
        &csv,
        "Name,Country,Status\nLeft Bloc,PT,contact\nSYRIZA,GR,prospect\n",
    )
    .unwrap();
    let log_csv = env.path("log.csv");
    std::fs::write(
        &log_csv,
        "date,org,channel,summary\n2026-10-01,kke,email,Sent the invitation\n",
    )
    .unwrap();
    let steps: Vec<Vec<&str>> = vec![
        vec![
            "org",
            "add",
            "Workers' Party of Belgium",
            "--country",
            "BE",
            "--handle",
            "ptb",
        ],
        vec![
            "org", "edit", "kke", "--status", "contact", "--alias", "KKE", "--tag", "balkans",
        ],
        vec![
            "person",
            "add",
            "Eleni Papadopoulou",
            "--org",
            "kke",
            "--email",
            "e@kke.gr",
        ],
        vec![
            "log",
            "kke",
            "tudeh",
            "--channel",
            "meeting",
            "--summary",
            "Discussed the joint statement",
            "--tag",
            "statement",
            "--objective",
            "1",
            "--follow-up",
            "Send the draft",
            "--due",
            "2026-12-05",
        ],
        vec!["task", "add", "Call the embassy", "--org", "tudeh"],
        vec![
            "event",
            "add",
            "Solidarity rally",
            "--starts",
            "2026-12-10",
            "--org",
            "kke",
        ],
        vec!["doc", "add", "Statement on the strike", "--lang", "en"],
        vec!["doc", "translate", "Statement on the strike", "--lang", "el"],
        vec![
            "doc",
            "send",
            "Statement on the strike",
            "--to",
            "kke",
            "--date",
            "2026-11-20",
        ],
        vec!["objective", "add", "Support the strikers"],
        vec!["config", "set", "cold-days", "45"],
        vec!["org", "rm", "tudeh"],
        vec!["org", "restore", "tudeh"],
        vec!["org", "merge", "kcp", "tudeh"],
        vec!["import", "orgs", csv.to_str().unwrap()],
        vec!["import", "log", log_csv.to_str().unwrap()],
    ];
    for step in steps {
        let before = data(&env);
        env.ok(&step);
        let after = data(&env);
        assert_ne!(before, after, "{step:?} changed nothing");
        let out = env.ok(&["--yes", "undo"]);
        assert!(out.starts_with("undid #"), "{step:?}: {out}");
        same(&data(&env), &before, &format!("undo of {step:?}"));
        env.ok(&["--yes", "undo", "--redo"]);
        same(&data(&env), &after, &format!("redo of {step:?}"));
    }
    assert!(env.ok(&["check"]).contains("no problems found"));
}

#[test]
fn undone_log_entries_leave_the_search_and_the_last_contact() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "log",
        "kke",
        "--date",
        "2026-11-02",
        "--channel",
        "call",
        "--summary",
        "Agreed on the seminar",
    ]);
    let last = || env.json(&["org", "show", "kke"])["last_contact"].clone();
    assert_eq!(last(), "2026-11-02");
    env.ok(&[
        "log",
        "kke",
        "--date",
        "2026-11-20",
        "--channel",
        "email",
        "--summary",
        "Sent the programme",
    ]);
    assert_eq!(last(), "2026-11-20");
    assert_eq!(env.json(&["search", "programme"]).as_array().unwrap().len(), 1);
    env.ok(&["--yes", "undo"]);
    assert_eq!(env.json(&["search", "programme"]).as_array().unwrap().len(), 0);
    assert_eq!(last(), "2026-11-02");
    env.ok(&["--yes", "undo", "--redo"]);
    assert_eq!(env.json(&["search", "programme"]).as_array().unwrap().len(), 1);
    assert_eq!(last(), "2026-11-20");
    // The count of matches beyond the page follows the undo too.
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "email",
        "--summary",
        "Sent the programme again",
    ]);
    let page = || env.ok(&["search", "--in", "log", "--limit", "1", "programme"]);
    assert!(page().contains("and 1 more"), "{}", page());
    env.ok(&["--yes", "undo"]);
    assert!(!page().contains("more"), "{}", page());
}

#[test]
fn undo_n_walks_back_and_the_list_says_what_was_undone() {
    let env = Env::new();
    let start = data(&env);
    env.ok(&["org", "add", "Left Bloc", "--country", "PT", "--handle", "be"]);
    env.ok(&["org", "add", "SYRIZA", "--country", "GR", "--handle", "syriza"]);
    env.ok(&["org", "edit", "be", "--status", "partner"]);
    let out = env.ok(&["--yes", "undo", "2"]);
    assert!(out.contains("liaison org edit be --status partner"), "{out}");
    assert!(out.contains("added organisation syriza"), "{out}");
    assert_eq!(env.count("SELECT count(*) FROM organisations"), 1);
    let list = env.ok(&["undo", "--list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert!(
        lines[0].starts_with("#5 ") && lines[0].contains("liaison --yes undo 2  (undo)"),
        "{list}"
    );
    assert!(
        lines[1].contains("org edit be --status partner  (undone by #5)"),
        "{list}"
    );
    assert!(
        lines[2].contains("org add SYRIZA") && lines[2].contains("(undone by #5)"),
        "{list}"
    );
    // A plain undo goes on to the next command not yet undone, back to
    // the objectives `init` added.
    env.ok(&["--yes", "undo"]);
    assert_eq!(data(&env), start);
    assert!(env.ok(&["--yes", "undo"]).contains("liaison init"));
    assert_eq!(env.count("SELECT count(*) FROM objectives"), 0);
    let err = env.fails(1, &["--yes", "undo"]);
    assert!(err.starts_with("error: nothing to undo"), "{err}");
    env.ok(&["org", "add", "PAME", "--country", "GR", "--kind", "union"]);
    let r = env.run(&["undo", "--list", "--limit", "1", "--format", "json"]);
    // The list is capped: the rest is counted on stderr, the JSON stays clean.
    assert!(
        r.code == 0
            && r.stderr.starts_with("note: … and ")
            && r.stderr.ends_with(" more (--limit 0 shows all)\n"),
        "{}",
        r.describe()
    );
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json[0]["line"], "org add PAME --country GR --kind union");
    assert_eq!(json[0]["changes"], 2);
    // USER and LOGNAME are unset: the account's own name.
    assert_eq!(json[0]["user"], crate::common::account());
    assert_eq!(json[0]["purge"], false);
    // Undos can still be redone after another command, newest first:
    // the objectives of `init`, then Left Bloc, then the other two.
    let out = env.ok(&["--yes", "undo", "--redo"]);
    assert!(
        out.starts_with("redid #1 ") && out.contains("liaison init"),
        "{out}"
    );
    assert_eq!(env.count("SELECT count(*) FROM objectives"), 7);
    env.ok(&["--yes", "undo", "--redo"]);
    env.ok(&["--yes", "undo", "--redo"]);
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE handle IN ('be', 'syriza', 'pame') AND deleted_at IS NULL"),
        3
    );
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE handle = 'be' AND status = 'partner'"),
        1
    );
    let err = env.fails(1, &["--yes", "undo", "--redo"]);
    assert!(err.starts_with("error: nothing to redo"), "{err}");
}

#[test]
fn changes_of_an_organisation_say_who_did_what_and_when() {
    let env = Env::new();
    seed(&env);
    let as_ana = |args: &[&str]| {
        let out = env.cmd().env("LIAISON_USER", "ana").args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    as_ana(&["org", "edit", "kke", "--status", "contact"]);
    as_ana(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "Asked about the congress",
    ]);
    as_ana(&["org", "edit", "tudeh", "--status", "partner"]);
    let out = env.ok(&["changes", "kke"]);
    assert!(
        out.contains("#7  2026-11-27 10:00  ana  liaison log kke --channel call"),
        "{out}"
    );
    assert!(
        out.contains("    added log entry 2026-11-27 “Asked about the congress”"),
        "{out}"
    );
    assert!(
        out.contains("    organisation kke: status partner → contact"),
        "{out}"
    );
    assert!(out.contains("    added organisation kke"), "{out}");
    assert!(!out.contains("tudeh"), "{out}");
    let r = env.run(&["changes", "kke", "--limit", "1", "--format", "json"]);
    assert!(
        r.stderr.ends_with(" more (--limit 0 shows all)\n"),
        "{}",
        r.describe()
    );
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["user"], "ana");
    let rows = json[0]["rows"].as_array().unwrap();
    let entry = rows.iter().find(|r| r["table"] == "interactions").unwrap();
    assert_eq!(entry["op"], "insert");
    assert_eq!(entry["after"]["summary"], "Asked about the congress");
    assert!(entry["before"].is_null());
    // Everything, newest first.
    let all = env.ok(&["changes", "--limit", "1"]);
    assert!(
        all.starts_with("#8  ")
            && all.contains("organisation tudeh: status dormant → partner")
            && all.ends_with("… and 7 more (--limit 0 shows all)\n"),
        "{all}"
    );
}

#[test]
fn purge_leaves_no_trace_in_the_history() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "org",
        "add",
        "Hidden Front",
        "--native",
        "جبهه پنهان",
        "--country",
        "IR",
        "--handle",
        "hf",
        "--note",
        "met in Tehran",
    ]);
    env.ok(&["person", "add", "Secret Contact", "--org", "hf"]);
    env.ok(&["org", "edit", "hf", "--status", "partner"]);
    env.ok(&["--yes", "person", "rm", "Secret Contact", "--purge"]);
    env.ok(&["--yes", "org", "rm", "hf", "--purge"]);
    for needle in ["Hidden Front", "جبهه پنهان", "Tehran", "Secret Contact"] {
        let n = env.count(&format!(
            "SELECT (SELECT count(*) FROM changes WHERE before LIKE '%{needle}%' OR after LIKE '%{needle}%')
                  + (SELECT count(*) FROM commands WHERE line LIKE '%{needle}%')"
        ));
        assert_eq!(n, 0, "{needle} is still in the history");
    }
    // A purge cannot be undone, and says so; what came before stays
    // undoable by its number.
    let err = env.fails(1, &["--yes", "undo"]);
    assert!(err.contains("removed records for good"), "{err}");
    let list = env.json(&["undo", "--list"]);
    let seq = list.as_array().unwrap().iter().find_map(|c| {
        c["line"]
            .as_str()
            .filter(|l| l.contains("Communist Party of Kurdistan"))
            .map(|_| c["seq"].as_i64().unwrap())
    });
    let seq = seq.unwrap().to_string();
    let out = env.ok(&["--yes", "undo", "--command", &seq]);
    assert!(
        out.contains("liaison org add 'Communist Party of Kurdistan'"),
        "{out}"
    );
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE handle = 'kcp'"),
        0
    );
}

#[test]
fn a_failed_command_records_nothing_and_reads_record_nothing() {
    let env = Env::new();
    seed(&env);
    let before = env.count("SELECT count(*) FROM commands");
    env.fails(1, &["import", "log", &fixture("contact-log.csv")]);
    env.fails(1, &["org", "edit", "nobody", "--status", "partner"]);
    env.ok(&["org", "list"]);
    env.ok(&["agenda"]);
    env.ok(&["task", "list"]);
    assert_eq!(env.count("SELECT count(*) FROM commands"), before);
}

/// A log file of `n` calls with three partners of `seed`.
fn big_log(env: &Env, n: usize) -> String {
    let path = env.path("big.csv");
    let mut csv = String::from("date,organisation,channel,summary,tags,follow_up\n");
    for i in 0..n {
        let org = ["kke", "tudeh", "Portuguese Communist Party"][i % 3];
        let follow = if i % 1000 == 0 { "Send the minutes" } else { "" };
        csv.push_str(&format!(
            "2025-{:02}-{:02},{org},call,talk number {i} about the strike,t{},{follow}\n",
            1 + i % 12,
            1 + i % 28,
            i % 5
        ));
    }
    std::fs::write(&path, csv).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_large_import_while_another_process_has_the_file_open_still_loads() {
    let env = Env::new();
    seed(&env);
    let path = big_log(&env, 12_000);
    // An idle reader: the import cannot have the file to itself, so it
    // keeps the write-ahead log, and the reader sees the rows once done.
    let reader = env.sql();
    let n = |c: &rusqlite::Connection| -> i64 {
        c.query_row("SELECT count(*) FROM interactions", [], |r| r.get(0))
            .unwrap()
    };
    let before = n(&reader);
    env.ok(&["import", "log", &path]);
    assert_eq!(n(&reader), before + 12_000);
    assert_eq!(
        env.count("SELECT journal_mode = 'wal' FROM pragma_journal_mode"),
        1
    );
}

#[test]
fn a_large_import_is_recorded_in_bulk_and_undone_exactly() {
    let env = Env::new();
    seed(&env);
    let path = big_log(&env, 12_000);
    let before = data(&env);
    env.ok(&["import", "log", &path]);
    let after = data(&env);
    assert_eq!(
        env.count("SELECT count(*) FROM changes WHERE tbl = 'interactions' AND op = 'insert'"),
        12_000
    );
    // An entry's links go and come back with it: not recorded one by one.
    assert_eq!(
        env.count("SELECT count(*) FROM changes WHERE tbl IN ('interaction_tags', 'interaction_orgs') AND op = 'insert'"),
        0
    );
    // Last contacts moved once, at the end of the load.
    assert_eq!(
        env.count(
            "SELECT count(*) FROM organisations o WHERE last_contact IS NOT
               (SELECT max(date) FROM interaction_orgs x WHERE x.org_id = o.id)"
        ),
        0
    );
    assert_eq!(env.count("SELECT count(*) FROM changes WHERE tbl = 'tasks'"), 12);
    // The indexes set aside for the load are all back.
    assert_eq!(
        env.count("SELECT count(*) FROM sqlite_schema WHERE name IN ('interactions_date', 'interactions_date_channel', 'interaction_orgs_date', 'changes_org')"),
        4
    );
    // Loaded with a rollback journal, and back to the write-ahead log.
    assert_eq!(
        env.count("SELECT journal_mode = 'wal' FROM pragma_journal_mode"),
        1
    );
    assert!(!env.db.with_extension("db-journal").exists());
    let hits = env.json(&["search", "number 11999"]);
    assert_eq!(hits[0]["excerpt"], "talk number 11999 about the strike", "{hits}");
    let out = env.ok(&["changes", "tudeh", "--limit", "1", "--rows", "3"]);
    assert!(out.contains("added log entry 2025-"), "{out}");
    env.ok(&["--yes", "undo"]);
    same(&data(&env), &before, "undo of a large import");
    assert_eq!(env.json(&["search", "strike"]).as_array().unwrap().len(), 0);
    env.ok(&["--yes", "undo", "--redo"]);
    same(&data(&env), &after, "redo of a large import");
    // Recording row by row resumed after the load.
    env.ok(&["log", "kke", "--channel", "call", "--summary", "one more"]);
    assert_eq!(
        env.count("SELECT count(*) FROM changes WHERE tbl = 'interactions' AND op = 'insert' AND command = (SELECT max(seq) FROM commands)"),
        1
    );
}

#[test]
fn undo_says_what_it_would_revert_and_needs_yes_without_a_terminal() {
    let env = Env::new();
    seed(&env);
    env.ok(&["org", "edit", "kke", "--status", "contact"]);
    // A command that fails records nothing: undo names the one before it.
    env.fails(1, &["org", "edit", "nobody", "--status", "partner"]);
    let before = env.snapshot();
    let err = env.fails(1, &["undo"]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("error: undo #6 of 2026-11-27 ")
            && lines[0].ends_with(&format!(
                " by {}, 7 rows: liaison org edit kke --status contact: needs confirmation",
                crate::common::account()
            )),
        "{err}"
    );
    assert_eq!(lines[1], "hint: add --yes to confirm: liaison --yes undo");
    assert_eq!(env.snapshot(), before);
    let err = env.fails(1, &["undo", "3"]);
    assert!(err.starts_with("error: undo 3 commands (#6, #5, #4; "), "{err}");
    assert!(
        err.contains("hint: add --yes to confirm: liaison --yes undo 3"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn undo_of_more_commands_than_are_left_is_refused() {
    let env = Env::new();
    seed(&env);
    let before = env.snapshot();
    let err = env.fails(1, &["--yes", "undo", "65535"]);
    assert!(
        err.starts_with("error: cannot undo 65535 commands: only 5 commands left to undo\n"),
        "{err}"
    );
    assert!(
        err.contains("hint: undo all of them with: liaison undo 5"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    env.fails(2, &["--yes", "undo", "0"]);
    env.fails(2, &["--yes", "undo", "65536"]);
}

#[test]
fn an_undo_is_redone_later_unless_a_later_command_changed_the_same_rows() {
    let env = Env::new();
    seed(&env);
    env.ok(&["org", "edit", "kke", "--status", "contact"]);
    env.ok(&["org", "add", "Left Bloc", "--country", "PT", "--handle", "be"]);
    env.ok(&["--yes", "undo"]);
    env.ok(&["--yes", "undo"]);
    // Other work in between, on other rows, and on a new organisation that
    // takes the storage slot Left Bloc had.
    env.ok(&["org", "add", "SYRIZA", "--country", "GR", "--handle", "syriza"]);
    env.ok(&["org", "edit", "tudeh", "--status", "partner"]);
    let out = env.ok(&["--yes", "undo", "--redo"]);
    assert!(out.contains("liaison org edit kke --status contact"), "{out}");
    assert_eq!(env.json(&["org", "show", "kke"])["status"], "contact");
    env.ok(&["--yes", "undo", "--redo"]);
    assert_eq!(env.json(&["org", "show", "be"])["name"], "Left Bloc");
    assert_eq!(env.json(&["org", "show", "syriza"])["name"], "SYRIZA");
    assert_eq!(env.json(&["search", "Left Bloc"]).as_array().unwrap().len(), 1);
    assert_eq!(env.json(&["search", "SYRIZA"]).as_array().unwrap().len(), 1);
    // Left Bloc, put back in a new slot, still undoes alone.
    let list = env.json(&["undo", "--list"]);
    let add_be = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["line"] == "org add 'Left Bloc' --country PT --handle be")
        .map(|c| c["seq"].as_i64().unwrap().to_string())
        .unwrap();
    env.ok(&["--yes", "undo", "--command", &add_be]);
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE handle = 'be'"),
        0
    );
    assert_eq!(env.json(&["org", "show", "syriza"])["name"], "SYRIZA");
    assert_eq!(env.json(&["search", "SYRIZA"]).as_array().unwrap().len(), 1);

    // An undo whose rows a later command changed is not redone.
    env.ok(&["org", "edit", "kcp", "--status", "partner"]);
    env.ok(&["--yes", "undo"]);
    env.ok(&["org", "edit", "kcp", "--status", "dormant"]);
    let before = env.snapshot();
    let err = env.fails(1, &["--yes", "undo", "--redo"]);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("error: cannot redo #")
            && lines[0].ends_with(": a later command changed organisation kcp"),
        "{err}"
    );
    assert!(lines[1..].iter().all(|l| l.starts_with("hint: ")), "{err}");
    assert_eq!(env.snapshot(), before);
    // Nor is an older command undone over a later change to its rows.
    let err = env.fails(1, &["--yes", "undo", "--command", "2"]);
    assert!(err.contains("later"), "{err}");
    assert!(env.ok(&["check"]).contains("no problems found"));
}

#[test]
fn undo_of_an_old_command_keeps_what_later_commands_added() {
    let env = Env::new();
    seed(&env);
    env.ok(&["org", "add", "Left Bloc", "--country", "PT", "--handle", "be"]);
    env.ok(&["log", "be", "--channel", "call", "--summary", "First call"]);
    let seq = env.json(&["undo", "--list"])[1]["seq"]
        .as_i64()
        .unwrap()
        .to_string();
    let before = env.snapshot();
    let err = env.fails(1, &["--yes", "undo", "--command", &seq]);
    assert!(
        err.starts_with(&format!(
            "error: cannot undo #{seq}: later commands depend on what it added"
        )),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
}

/// An edit that sets what is already there changes no row: it leaves no
/// command to undo, for a person and a follow-up alike.
#[test]
fn an_edit_to_the_same_values_records_nothing() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "person",
        "add",
        "Eleni Markou",
        "--org",
        "kke",
        "--role",
        "secretary",
    ]);
    env.ok(&[
        "task",
        "add",
        "Send the minutes",
        "--org",
        "kke",
        "--due",
        "2026-12-10",
    ]);
    let commands = env.count("SELECT count(*) FROM commands");
    let changes = env.count("SELECT count(*) FROM changes");
    env.ok(&["person", "edit", "Eleni Markou", "--role", "secretary"]);
    env.ok(&["task", "edit", "1", "--due", "2026-12-10"]);
    assert_eq!(env.count("SELECT count(*) FROM commands"), commands);
    assert_eq!(env.count("SELECT count(*) FROM changes"), changes);
    // A real change is still recorded, with its values before and after.
    env.ok(&[
        "person",
        "edit",
        "Eleni Markou",
        "--role",
        "international secretary",
    ]);
    assert_eq!(env.count("SELECT count(*) FROM commands"), commands + 1);
    assert_eq!(
        env.count("SELECT count(*) FROM changes WHERE op = 'update' AND tbl = 'people' AND before <> after"),
        1
    );
}
