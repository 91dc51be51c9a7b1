//! Backups, integrity checks, concurrent writers and hostile text.

use crate::common::{Env, mode, seed};

#[test]
fn backup_check_and_restore() {
    let env = Env::new();
    seed(&env);
    let copy = env.path("copy.db");
    let out = env.ok(&["backup", copy.to_str().unwrap()]);
    assert!(out.starts_with("backed up "), "{out}");
    assert_eq!(mode(&copy), 0o600);
    let rows = |p: &std::path::Path| -> i64 {
        rusqlite::Connection::open(p)
            .unwrap()
            .query_row("SELECT count(*) FROM organisations", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(rows(&copy), 4);
    // A backup never overwrites.
    let err = env.fails(1, &["backup", copy.to_str().unwrap()]);
    assert!(err.contains("already exists"), "{err}");
    assert!(env.ok(&["check"]).contains("no problems found"));

    // Changes after the backup are undone by restoring it; the replaced
    // database is kept.
    env.ok(&["org", "add", "Later Party", "--country", "GR"]);
    let err = env.fails(1, &["restore", copy.to_str().unwrap()]);
    assert!(err.contains("needs confirmation"), "{err}");
    let out = env.ok(&["--yes", "restore", copy.to_str().unwrap()]);
    assert!(out.contains("the database as it was is kept at"), "{out}");
    assert_eq!(env.count("SELECT count(*) FROM organisations"), 4);
    let kept = env.db.with_file_name("liaison.db.before-restore-2026-11-27");
    assert_eq!(rows(&kept), 5);
}

#[test]
fn a_damaged_backup_is_not_restored() {
    let env = Env::new();
    seed(&env);
    let bad = env.path("bad.db");
    std::fs::write(&bad, b"not a database at all".repeat(200)).unwrap();
    let before = env.snapshot();
    let err = env.fails(4, &["--yes", "restore", bad.to_str().unwrap()]);
    assert!(err.contains("cannot be restored"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_damaged_database_fails_the_check() {
    let env = Env::new();
    seed(&env);
    for i in 0..40 {
        env.ok(&[
            "log",
            "kke",
            "--channel",
            "call",
            "--summary",
            &format!("entry {i} {}", "x".repeat(200)),
        ]);
    }
    env.sql()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    // Break the header of every b-tree page but the first.
    let mut bytes = std::fs::read(&env.db).unwrap();
    for page in (4096..bytes.len()).step_by(4096) {
        for b in &mut bytes[page..page + 12] {
            *b = 0xff;
        }
    }
    std::fs::write(&env.db, &bytes).unwrap();
    let r = env.run(&["check"]);
    assert_ne!(r.code, 0, "{}", r.stdout);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
}

#[test]
fn an_upgrade_keeps_a_copy_of_the_old_database() {
    let env = Env::bare();
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    let schema = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.sql")).unwrap();
    let first = &schema[..schema.find("-- migration 2:").unwrap()];
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch(first).unwrap();
    conn.execute_batch("PRAGMA user_version = 1; PRAGMA application_id = 1279869257;")
        .unwrap();
    drop(conn);
    env.ok(&["org", "list"]);
    let copy = env.db.with_file_name("liaison.db.schema-1.bak");
    let version: i64 = rusqlite::Connection::open(&copy)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1, "the copy is the database before the upgrade");
    assert_eq!(mode(&copy), 0o600);
}

#[test]
fn two_writers_at_once_lose_nothing() {
    let env = Env::new();
    seed(&env);
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let mut cmd = std::process::Command::new("sh");
            let bin = assert_cmd::cargo::cargo_bin("liaison");
            let script = format!(
                "for i in $(seq 1 15); do {} log kke --channel call --summary \"writer {w} entry $i\" || exit 1; done",
                bin.display()
            );
            cmd.args(["-c", &script])
                .env("LIAISON_DB", &env.db)
                .env("LIAISON_NOW", crate::common::NOW)
                .stdout(std::process::Stdio::null());
            cmd.spawn().unwrap()
        })
        .collect();
    for mut w in writers {
        assert!(w.wait().unwrap().success());
    }
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 30);
    assert!(env.ok(&["check"]).contains("no problems found"));
}

#[test]
fn a_writer_held_up_too_long_exits_3_and_stores_nothing() {
    let env = Env::new();
    seed(&env);
    let holder = env.sql();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO meta (key, value) VALUES ('held', '1');")
        .unwrap();
    let out = env
        .cmd()
        .env("LIAISON_BUSY_TIMEOUT", "300")
        .args(["log", "kke", "--channel", "call", "--summary", "waiting"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("busy") && stderr.contains("hint: "), "{stderr}");
    holder.execute_batch("ROLLBACK").unwrap();
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 0);
}

#[test]
fn hostile_text_is_stored_as_given_but_printed_escaped() {
    let env = Env::new();
    let name = "Evil \u{202e}ytraP\u{202c} \u{1b}[31mRed\u{1b}[0m";
    env.ok(&["org", "add", name, "--handle", "evil", "--country", "GR"]);
    let stored: String = env
        .sql()
        .query_row("SELECT name FROM organisations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, name);
    let table = env.ok(&["org", "list"]);
    assert!(
        table.contains("Evil \\u{202e}ytraP\\u{202c} \\u{1b}[31mRed\\u{1b}[0m"),
        "{table}"
    );
    assert!(
        !table.contains('\u{1b}') && !table.contains('\u{202e}'),
        "raw control characters printed"
    );
    let show = env.ok(&["org", "show", "evil"]);
    assert!(!show.contains('\u{1b}') && !show.contains('\u{202e}'), "{show}");
    // The change history shows the command line and the values escaped
    // too, and so does the list of what undo would revert, even for a
    // hostile user name.
    env.ok(&["org", "edit", "evil", "--note", "\u{1b}[2J wiped"]);
    let out = env
        .cmd()
        .env("LIAISON_USER", "\u{1b}[31mmallory")
        .args(["org", "edit", "evil", "--status", "partner"])
        .output()
        .unwrap();
    assert!(out.status.success());
    for args in [
        vec!["changes", "evil"],
        vec!["undo", "--list"],
        vec!["--yes", "undo"],
    ] {
        let text = env.ok(&args);
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{args:?} printed raw control characters: {text}"
        );
        assert!(text.contains("\\u{1b}"), "{args:?}: {text}");
    }
    // JSON carries the exact text, escaped as JSON.
    assert_eq!(env.json(&["org", "show", "evil"])["name"], name);
}

#[test]
fn sql_in_names_is_just_text() {
    let env = Env::new();
    let name = "'); DROP TABLE organisations;--";
    env.ok(&[
        "org",
        "add",
        name,
        "--handle",
        "bobby",
        "--country",
        "GR",
        "--note",
        name,
        "--alias",
        "\" OR 1=1 --",
    ]);
    env.ok(&["person", "add", name, "--org", "bobby", "--role", name]);
    env.ok(&[
        "log",
        "bobby",
        "--channel",
        "call",
        "--summary",
        name,
        "--subject",
        name,
        "--follow-up",
        name,
    ]);
    env.ok(&["event", "add", name, "--starts", "2026-12-01", "--org", "bobby"]);
    env.ok(&["doc", "add", name, "--lang", "en"]);
    assert_eq!(env.json(&["org", "show", name])["handle"], "bobby");
    let hits = env.json(&["search", "DROP TABLE"]);
    assert!(hits.as_array().unwrap().len() >= 2, "{hits}");
    assert_eq!(env.count("SELECT count(*) FROM organisations"), 1);
    assert!(env.ok(&["check"]).contains("no problems found"));
    let csv = env.ok(&["export", "log"]);
    assert!(csv.contains("'); DROP TABLE organisations;--"), "{csv}");
}

#[test]
fn a_killed_import_leaves_all_or_nothing() {
    let env = Env::new();
    seed(&env);
    let path = env.path("big-log.csv");
    let mut csv = String::from("date,organisation,channel,summary\n");
    for i in 0..60_000 {
        csv.push_str(&format!(
            "2026-0{}-1{},kke,call,entry number {i} with some words\n",
            1 + i % 9,
            i % 10
        ));
    }
    std::fs::write(&path, csv).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("liaison"))
        .args(["import", "log", path.to_str().unwrap()])
        .env("LIAISON_DB", &env.db)
        .env("LIAISON_NOW", crate::common::NOW)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // A load this large writes through a rollback journal: killed while
    // the journal exists, the next open rolls the file back.
    let journal = env.db.with_extension("db-journal");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !journal.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let mid_load = journal.exists();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let _ = child.kill(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(mid_load, "the import never wrote a rollback journal");
    let n = env.count("SELECT count(*) FROM interactions");
    assert!(
        n == 0 || n == 60_000,
        "a killed import left {n} rows (status {status:?})"
    );
    assert!(env.ok(&["check"]).contains("no problems found"));
    // The database still takes writes, through the write-ahead log again.
    env.ok(&["log", "kke", "--channel", "call", "--summary", "after the kill"]);
    assert!(!journal.exists());
    assert_eq!(
        env.count("SELECT journal_mode = 'wal' FROM pragma_journal_mode"),
        1
    );
}

#[test]
fn a_killed_upgrade_leaves_the_old_schema_or_the_new_one() {
    use std::os::unix::process::ExitStatusExt;
    let env = Env::bare();
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    // A database of schema 2 with enough log entries that building the
    // indexes of the later steps takes a while.
    let schema = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.sql")).unwrap();
    let latest = schema.matches("\n-- migration ").count() as i64;
    let template = env.path("schema-2.db");
    let conn = rusqlite::Connection::open(&template).unwrap();
    conn.execute_batch(&schema[..schema.find("-- migration 3:").unwrap()])
        .unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 2; PRAGMA application_id = 1279869257;
         INSERT INTO organisations (id, handle, name, country, region, kind, status, sort_key, created_at, updated_at)
         VALUES ('0123456789abcdef0123456789abcdef', 'kke', 'Communist Party of Greece', 'GR', 'Southern Europe',
                 'party', 'partner', 'communist party of greece', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150000)
         INSERT INTO interactions (id, date, channel, direction, summary, created_at, updated_at)
         SELECT printf('%032x', i), date('2016-01-01', '+' || (i % 3650) || ' days'), 'call', 'out',
                'entry ' || i, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM n;
         INSERT INTO interaction_orgs SELECT id, '0123456789abcdef0123456789abcdef', date FROM interactions;",
    )
    .unwrap();
    drop(conn);
    let mut killed = 0;
    for delay in [30, 150, 250, 350, 450, 2000] {
        for f in std::fs::read_dir(env.db.parent().unwrap()).unwrap() {
            std::fs::remove_file(f.unwrap().path()).unwrap();
        }
        std::fs::copy(&template, &env.db).unwrap();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("liaison"))
            .args(["org", "list"])
            .env("LIAISON_DB", &env.db)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.signal() == Some(9) {
            killed += 1;
        }
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert!(
            version == 2 || version == latest,
            "killed after {delay} ms, the schema is at step {version}"
        );
        let wal = env.db.with_file_name("liaison.db-wal");
        eprintln!(
            "killed after {delay} ms: {status:?}, schema {version}, backup {}, wal {} bytes",
            env.db.with_file_name("liaison.db.schema-2.bak").exists(),
            std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0)
        );
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name IN ('objectives', 'commands')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, if version == 2 { 0 } else { 2 }, "after {delay} ms");
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM interactions", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 150_000);
        drop(conn);
        // The next command finishes the upgrade and finds nothing wrong.
        assert!(env.ok(&["check"]).contains("no problems found"));
        let names: Vec<String> = std::fs::read_dir(env.db.parent().unwrap())
            .unwrap()
            .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".partial")), "{names:?}");
        assert!(names.iter().any(|n| n.ends_with(".schema-2.bak")), "{names:?}");
        // The newest entry (the rest are counted on stderr).
        let r = env.run(&["history", "kke", "--limit", "1", "--format", "json"]);
        assert!(
            r.code == 0 && r.stderr.starts_with("note: … and "),
            "{}",
            r.describe()
        );
        let last: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(last[0]["date"], "2025-12-28", "{last}");
    }
    eprintln!("{killed} of 6 runs were killed before they ended");
    assert!(killed > 0, "no run was killed before the upgrade ended");
}
