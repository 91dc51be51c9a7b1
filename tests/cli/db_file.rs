//! The database file: creation, permissions, refusal of foreign or newer files.

use crate::common::{Env, mode, seed};

#[test]
fn init_creates_an_owner_only_file_and_folder() {
    let env = Env::bare();
    let out = env.ok(&["init"]);
    assert!(out.starts_with("created database at "), "{out}");
    assert_eq!(mode(&env.db), 0o600);
    assert_eq!(mode(env.db.parent().unwrap()), 0o700);
    let version: i64 = env
        .sql()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(version >= 1);
}

#[test]
fn init_again_keeps_the_data() {
    let env = Env::new();
    seed(&env);
    let before = env.snapshot();
    let out = env.ok(&["init"]);
    assert!(out.starts_with("database ready at "), "{out}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn commands_without_a_database_say_how_to_create_one() {
    let env = Env::bare();
    let err = env.fails(1, &["org", "list"]);
    assert!(err.starts_with("error: no database at "), "{err}");
    assert!(err.contains("hint: create it with: liaison --db "), "{err}");
    assert!(!env.db.exists());
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_with_exit_4() {
    let env = Env::bare();
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    std::fs::write(
        &env.db,
        b"these are minutes of a meeting, not a database\n".repeat(100),
    )
    .unwrap();
    let err = env.fails(4, &["org", "list"]);
    assert!(err.contains("not a liaison database"), "{err}");
    assert!(err.contains("hint: "), "{err}");
    let after = std::fs::read(&env.db).unwrap();
    assert!(after.starts_with(b"these are minutes"), "the file was changed");
}

#[test]
fn another_programs_sqlite_database_is_refused_with_exit_4() {
    let env = Env::bare();
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
        .unwrap();
    drop(conn);
    let err = env.fails(4, &["init"]);
    assert!(err.contains("not a liaison database"), "{err}");
    assert_eq!(
        env.count("SELECT count(*) FROM sqlite_schema"),
        1,
        "tables were added"
    );
}

#[test]
fn a_database_from_a_newer_liaison_is_refused_with_exit_4() {
    let env = Env::new();
    seed(&env);
    env.sql().execute_batch("PRAGMA user_version = 999").unwrap();
    let before = env.snapshot();
    let err = env.fails(4, &["org", "list"]);
    assert!(err.contains("written by a newer liaison (schema 999"), "{err}");
    assert!(err.contains("hint: install the newer liaison"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn an_unwritable_location_is_a_clear_error() {
    let env = Env::bare();
    // A path below a regular file cannot be created, whoever runs the test.
    std::fs::write(env.path("notes.txt"), "x").unwrap();
    let bad = env.path("notes.txt").join("liaison.db");
    let err = env.fails(1, &["--db", bad.to_str().unwrap(), "init"]);
    assert!(err.starts_with("error: cannot create "), "{err}");
    assert!(err.contains("hint: choose a writable location"), "{err}");
}

#[test]
fn a_read_only_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::bare();
    let ro = env.path("readonly");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o500)).unwrap();
    // Root ignores permissions; the check only means something without it.
    if std::fs::write(ro.join("probe"), "x").is_ok() {
        eprintln!("skipped: running with privileges that ignore folder permissions");
        return;
    }
    let err = env.fails(1, &["--db", ro.join("l.db").to_str().unwrap(), "init"]);
    assert!(err.contains("permission denied"), "{err}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let env = Env::new();
    seed(&env);
    // The listing is not empty, so the closed pipe below is written to.
    let listed = env.cmd().args(["org", "list"]).output().unwrap();
    assert!(listed.status.success() && !listed.stdout.is_empty());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("liaison"))
        .args(["org", "list"])
        .env_clear()
        .env("LIAISON_DB", &env.db)
        .env("LIAISON_NOW", crate::common::NOW)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the program writes anything.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_database_of_schema_1_is_upgraded_keeping_its_rows() {
    let env = Env::bare();
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    // Build the database the first release wrote: schema.sql up to step 2.
    let schema = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.sql")).unwrap();
    let first = &schema[..schema.find("-- migration 2:").unwrap()];
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch(first).unwrap();
    conn.execute_batch(
        "PRAGMA user_version = 1; PRAGMA application_id = 1279869257;
         INSERT INTO organisations (id, handle, name, country, region, kind, status, sort_key, created_at, updated_at)
         VALUES ('0123456789abcdef0123456789abcdef', 'kke', 'Communist Party of Greece', 'GR', 'Southern Europe',
                 'party', 'partner', 'communist party of greece', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
         INSERT INTO org_names VALUES ('0123456789abcdef0123456789abcdef', 'name', 'Communist Party of Greece', 'communist party of greece');",
    )
    .unwrap();
    drop(conn);
    let out = env.ok(&["org", "list", "--format", "csv"]);
    assert!(out.contains(",kke,Communist Party of Greece,"), "{out}");
    let version: i64 = env
        .sql()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        schema.matches("\n-- migration ").count() as i64,
        "every later step applied"
    );
    // The new tables work on the upgraded file.
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "after the upgrade",
    ]);
    assert_eq!(env.json(&["history", "kke"])[0]["summary"], "after the upgrade");
}
