//! `--purge`: a record removed for good is nowhere in the file, its
//! write-ahead log or the change history, and cannot be undone.

use crate::common::{Env, seed};

/// The bytes of the database file and of its write-ahead log, if any.
fn file_bytes(env: &Env) -> Vec<u8> {
    let mut bytes = std::fs::read(&env.db).unwrap();
    let wal = env.db.with_extension("db-wal");
    if wal.exists() {
        bytes.extend(std::fs::read(wal).unwrap());
    }
    bytes
}

/// The needles found in the file, as typed and as the search index folds
/// them.
fn found_in_file(env: &Env, needles: &[&str]) -> Vec<String> {
    let bytes = file_bytes(env);
    let mut found = Vec::new();
    for needle in needles {
        for form in [needle.to_string(), needle.to_lowercase()] {
            if bytes.windows(form.len()).any(|w| w == form.as_bytes()) {
                found.push(form);
            }
        }
    }
    found
}

/// An idle connection held open like another program's: the write-ahead
/// log then stays on disk after each command, as it would for a user.
fn other_reader(env: &Env) -> rusqlite::Connection {
    let conn = env.sql();
    let _: i64 = conn
        .query_row("SELECT count(*) FROM organisations", [], |r| r.get(0))
        .unwrap();
    conn
}

#[test]
fn a_purged_person_is_nowhere_in_the_file_or_its_log() {
    let env = Env::new();
    seed(&env);
    let _reader = other_reader(&env);
    env.ok(&[
        "person",
        "add",
        "Zorblat Quennifer",
        "--native",
        "Зорблат Кеннифер",
        "--org",
        "kke",
        "--email",
        "zq@mailbox.example",
        "--note",
        "meets us at the Vyxtrin safehouse",
    ]);
    // An edit leaves the old note behind in the row's old copy.
    env.ok(&["person", "edit", "Zorblat", "--note", "moved to Plumbrook"]);
    env.ok(&[
        "log",
        "kke",
        "--with",
        "Zorblat Quennifer",
        "--channel",
        "meeting",
        "--summary",
        "Talked about the congress",
    ]);
    let needles = [
        "Zorblat",
        "Quennifer",
        "Зорблат",
        "Кеннифер",
        "zq@mailbox",
        "Vyxtrin",
        "Plumbrook",
    ];
    // Before the purge every one is there (the check can fail).
    let before = found_in_file(&env, &needles);
    for needle in needles {
        assert!(
            before.iter().any(|f| f == needle),
            "{needle} not found: {before:?}"
        );
    }
    env.ok(&["--yes", "person", "rm", "Zorblat", "--purge"]);
    assert_eq!(found_in_file(&env, &needles), Vec::<String>::new());
    // The log entry stays, without them, and the file is sound.
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 1);
    assert_eq!(env.count("SELECT count(*) FROM interaction_people"), 0);
    assert!(env.ok(&["check"]).contains("no problems found"));
}

#[test]
fn a_purged_organisation_is_nowhere_in_the_file_or_its_log() {
    let env = Env::new();
    seed(&env);
    let _reader = other_reader(&env);
    env.ok(&[
        "org",
        "add",
        "Front of Qwertania",
        "--native",
        "جبهه قورتانیا",
        "--alias",
        "Frolqwert",
        "--country",
        "IR",
        "--handle",
        "fq",
        "--note",
        "contact through Yarbrindle",
    ]);
    env.ok(&[
        "org",
        "edit",
        "fq",
        "--status",
        "partner",
        "--alias",
        "Qwertfront",
    ]);
    env.ok(&[
        "log",
        "fq",
        "kke",
        "--channel",
        "call",
        "--summary",
        "Asked about the strike",
    ]);
    env.ok(&["task", "add", "Call back", "--org", "fq"]);
    let needles = ["Qwertania", "قورتانیا", "Frolqwert", "Qwertfront", "Yarbrindle"];
    let before = found_in_file(&env, &needles);
    for needle in needles {
        assert!(
            before.iter().any(|f| f == needle),
            "{needle} not found: {before:?}"
        );
    }
    env.ok(&["--yes", "org", "rm", "fq", "--purge"]);
    assert_eq!(found_in_file(&env, &needles), Vec::<String>::new());
    // Nothing left in the history names it, not even a command line.
    let lines = env.ok(&["undo", "--list"]);
    assert!(!lines.contains("fq") && !lines.contains("Qwertania"), "{lines}");
    assert!(
        lines.contains("liaison org rm [details removed by a purge]  (purge: cannot be undone)"),
        "{lines}"
    );
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 1);
    assert!(env.ok(&["check"]).contains("no problems found"));
}

#[test]
fn undo_stops_at_a_purge_and_reaches_past_it_by_number() {
    let env = Env::new();
    seed(&env);
    env.ok(&["person", "add", "Ali Rezaei", "--org", "tudeh"]);
    env.ok(&["org", "edit", "kke", "--status", "contact"]);
    env.ok(&["--yes", "person", "rm", "Ali Rezaei", "--purge"]);
    env.ok(&["org", "edit", "tudeh", "--status", "partner"]);
    let out = env.ok(&["--yes", "undo"]);
    assert!(out.contains("org edit tudeh --status partner"), "{out}");
    let before = env.snapshot();
    let err = env.fails(1, &["--yes", "undo"]);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("error: cannot undo #")
            && lines[0]
                .ends_with("(liaison person rm [details removed by a purge]): it removed records for good"),
        "{err}"
    );
    assert!(lines[1].starts_with("hint: "), "{err}");
    assert_eq!(env.snapshot(), before);
    // More than one at a time says the same, naming the purge.
    let err = env.fails(1, &["--yes", "undo", "2"]);
    assert!(err.contains("removed records for good"), "{err}");
    // The edit before it is reverted by its number.
    let seq = env
        .json(&["undo", "--list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["line"] == "org edit kke --status contact")
        .map(|c| c["seq"].as_i64().unwrap())
        .unwrap();
    let out = env.ok(&["--yes", "undo", "--command", &seq.to_string()]);
    assert!(out.starts_with(&format!("undid #{seq} ")), "{out}");
    assert_eq!(env.json(&["org", "show", "kke"])["status"], "partner");
    let err = env.fails(1, &["--yes", "undo", "--command", &seq.to_string()]);
    assert!(err.contains("is undone already"), "{err}");
}
