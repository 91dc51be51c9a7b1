//! Schema upgrades: from every earlier schema version, plain and
//! encrypted, to the current one; many first opens at once; and the same
//! schema whether a database was made new or upgraded.

use std::path::Path;

use crate::common::Env;

const SCHEMA: &str = include_str!("../../schema.sql");

/// The SQL of upgrade steps 1 to `n`, cut from schema.sql at its markers.
fn steps_up_to(n: usize) -> String {
    let markers: Vec<usize> = SCHEMA.match_indices("\n-- migration ").map(|(i, _)| i).collect();
    match markers.get(n) {
        Some(&end) => SCHEMA[..end].to_string(),
        None => SCHEMA.to_string(),
    }
}

fn latest() -> usize {
    SCHEMA.matches("\n-- migration ").count()
}

/// A database of schema `version` holding one organisation, encrypted
/// with `key` when given, made the way that version of liaison made it.
fn old_database(path: &Path, version: usize, key: Option<&str>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let conn = rusqlite::Connection::open(path).unwrap();
    if let Some(k) = key {
        conn.pragma_update(None, "key", k).unwrap();
    }
    conn.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
    // Steps from the one that folds names again on call the program's own
    // functions, as liaison registers them before it upgrades.
    liaison::matching::register_functions(&conn).unwrap();
    liaison::db::log::register_functions(&conn).unwrap();
    conn.execute_batch(&steps_up_to(version)).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA user_version = {version}; PRAGMA application_id = 1279869257;
         INSERT INTO organisations (id, handle, name, country, region, kind, status, sort_key, created_at, updated_at)
         VALUES ('0123456789abcdef0123456789abcdef', 'old', 'Party From An Old Version', 'GR', 'Southern Europe',
                 'party', 'partner', 'party from an old version', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');"
    ))
    .unwrap();
}

fn schema_of(path: &Path, key: Option<&str>) -> (i64, Vec<String>) {
    let conn = rusqlite::Connection::open(path).unwrap();
    if let Some(k) = key {
        conn.pragma_update(None, "key", k).unwrap();
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_schema ORDER BY type, name",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    (version, rows)
}

#[test]
fn every_earlier_schema_upgrades_plain_and_encrypted() {
    let fresh = Env::new();
    let (latest_version, fresh_schema) = schema_of(&fresh.db, None);
    assert_eq!(latest_version as usize, latest());
    for key in [None, Some("upgrade pass")] {
        for version in 1..latest() {
            let env = Env::bare();
            old_database(&env.db, version, key);
            let mut cmd = env.cmd();
            cmd.args(["org", "list"]);
            if let Some(k) = key {
                cmd.env("LIAISON_PASSPHRASE", k);
            }
            let out = cmd.output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "from schema {version} ({key:?}): {stderr}");
            assert!(String::from_utf8_lossy(&out.stdout).contains("Party From An Old Version"));
            let (now, schema) = schema_of(&env.db, key);
            assert_eq!(now as usize, latest(), "from schema {version}");
            assert_eq!(
                schema, fresh_schema,
                "upgraded from {version} differs from a new database"
            );
            // The copy kept before the upgrade is the old file, encrypted
            // when it was, and the only file left beside the database.
            let copy = env.db.with_file_name(format!("liaison.db.schema-{version}.bak"));
            let bytes = std::fs::read(&copy).unwrap();
            assert_eq!(bytes.starts_with(b"SQLite format 3"), key.is_none(), "{copy:?}");
            assert_eq!(schema_of(&copy, key).0 as usize, version);
            let names: Vec<String> = std::fs::read_dir(env.db.parent().unwrap())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| !matches!(n.as_str(), "liaison.db" | "liaison.db-wal" | "liaison.db-shm"))
                .collect();
            assert_eq!(names, [format!("liaison.db.schema-{version}.bak")]);
        }
    }
}

#[test]
fn many_first_opens_after_an_install_all_succeed() {
    for round in 0..3 {
        let env = Env::bare();
        old_database(&env.db, 2, Some("pw"));
        let children: Vec<_> = (0..6)
            .map(|_| {
                let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("liaison"));
                cmd.env_clear()
                    .env("HOME", env.dir.path())
                    .env("LIAISON_DB", &env.db)
                    .env("LIAISON_PASSPHRASE", "pw")
                    .args(["org", "list"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped());
                cmd.spawn().unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(String::from_utf8_lossy(&out.stdout).contains("Party From An Old Version"));
        }
        let copies: Vec<String> = std::fs::read_dir(env.db.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".schema-"))
            .collect();
        assert_eq!(copies, ["liaison.db.schema-2.bak"], "round {round}");
    }
}

#[test]
fn a_killed_upgrade_makes_one_copy_and_finishes_next_time() {
    use std::os::unix::process::ExitStatusExt;
    for at in ["upgrade:before-migrate", "upgrade:before-commit"] {
        let env = Env::bare();
        old_database(&env.db, 3, None);
        let out = env
            .cmd()
            .env("LIAISON_TEST_KILL_AT", at)
            .args(["org", "list"])
            .output()
            .unwrap();
        assert_eq!(out.status.signal(), Some(9), "{at}: {out:?}");
        assert_eq!(schema_of(&env.db, None).0, 3, "{at}");
        assert!(env.ok(&["org", "list"]).contains("Party From An Old Version"));
        assert_eq!(schema_of(&env.db, None).0 as usize, latest());
        let copies: Vec<String> = std::fs::read_dir(env.db.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".schema-"))
            .collect();
        assert_eq!(copies, ["liaison.db.schema-3.bak"], "{at}");
    }
}

#[test]
fn copies_sent_before_the_upgrade_become_last_contacts() {
    // Schema 6 kept the last contact from the log alone.
    let env = Env::bare();
    old_database(&env.db, 6, None);
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .execute_batch(
            "INSERT INTO documents (id, title, kind, date, language, direction, created_at, updated_at)
             VALUES ('d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0', 'Statement', 'statement', '2026-10-02', 'en', 'ours',
                     '2026-10-02T00:00:00Z', '2026-10-02T00:00:00Z');
             INSERT INTO distributions (id, document_id, org_id, date, channel, created_at)
             VALUES ('c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0', 'd0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0',
                     '0123456789abcdef0123456789abcdef', '2026-10-05', 'email', '2026-10-05T00:00:00Z');",
        )
        .unwrap();
    assert_eq!(env.json(&["org", "show", "old"])["last_contact"], "2026-10-05");
    assert_eq!(schema_of(&env.db, None).0 as usize, latest());
}

#[test]
fn the_seven_mandates_gain_their_persian_titles_unless_retitled() {
    // Schema 7 had English titles only.
    let env = Env::bare();
    old_database(&env.db, 7, None);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    for (n, title) in [(1, "Widen ties"), (2, "Our own wording"), (7, "Joint seminars")] {
        conn.execute(
            "INSERT INTO objectives (id, number, title, created_at, updated_at)
             VALUES (?1, ?2, ?3, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
            rusqlite::params![format!("{n:032}"), n, title],
        )
        .unwrap();
    }
    drop(conn);
    let list = env.json(&["objective", "list"]);
    assert_eq!(list[0]["title_fa"], "گسترش ارتباطات و همکاری‌های بین‌المللی");
    assert!(list[1]["title_fa"].is_null(), "a retitled mandate is left alone");
    assert_eq!(list[2]["title_fa"], "برگزاری سمینارهای مشترک");
    assert_eq!(list[0]["title"], "Widen ties");
    // The old organisation keeps its names and is found by them.
    assert_eq!(
        env.json(&["org", "show", "old"])["name"],
        "Party From An Old Version"
    );
    assert_eq!(schema_of(&env.db, None).0 as usize, latest());
}

/// A database of the schema before names were matched in any script:
/// its keys were folded without the Turkish, Kurdish and Central Asian
/// letters, and its name indexes had no Latin or consonant keys. The
/// upgrade folds and indexes everything again.
#[test]
fn the_upgrade_folds_and_indexes_names_again() {
    let env = Env::bare();
    // The last schema before names were matched in any script.
    let before = 8;
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
    conn.execute_batch(&steps_up_to(before)).unwrap();
    // As the previous liaison stored them: `ı`, `ۆ`, `ڵ`, `ҳ` kept.
    conn.execute_batch(&format!(
        "PRAGMA user_version = {before}; PRAGMA application_id = 1279869257;
         INSERT INTO organisations (rid, id, handle, name, native_name, country, region, kind, status, sort_key, created_at, updated_at)
         VALUES (1, '0123456789abcdef0123456789abcdef', 'hkp', 'Halkın Kurtuluş Partisi', NULL, 'TR', 'Western Asia',
                 'party', 'partner', 'halkın kurtulus partisi', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
                (2, '1123456789abcdef0123456789abcdef', 'komala', 'Komala', 'كۆمهڵهی شۆڕشگێڕی', 'IQ', 'Western Asia',
                 'party', 'partner', 'komala', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'),
                (3, '2123456789abcdef0123456789abcdef', 'kprf', 'Communist Party of the Russian Federation', 'КПРФ', 'RU',
                 'Eastern Europe', 'party', 'partner', 'communist party of the russian federation',
                 '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
         INSERT INTO org_names (org_id, kind, value, key) VALUES
             ('0123456789abcdef0123456789abcdef', 'name', 'Halkın Kurtuluş Partisi', 'halkın kurtulus partisi'),
             ('1123456789abcdef0123456789abcdef', 'name', 'Komala', 'komala'),
             ('1123456789abcdef0123456789abcdef', 'native', 'كۆمهڵهی شۆڕشگێڕی', 'کۆمهڵهی شۆڕشگێڕی'),
             ('2123456789abcdef0123456789abcdef', 'name', 'Communist Party of the Russian Federation', 'communist party of the russian federation'),
             ('2123456789abcdef0123456789abcdef', 'native', 'КПРФ', 'кпрф');
         INSERT INTO org_fts (rowid, text) VALUES (1, 'hkp halkın kurtulus partisi'),
             (2, 'komala komala کۆمهڵهی شۆڕشگێڕی'), (3, 'kprf communist party of the russian federation кпрф');
         INSERT INTO people (rid, id, name, native_name, sort_key, native_key, created_at, updated_at)
         VALUES (1, '3123456789abcdef0123456789abcdef', 'Rahimov', 'Раҳимов', 'rahimov', 'раҳимов',
                 '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
         INSERT INTO person_fts (rowid, text) VALUES (1, 'rahimov раҳимов');
         INSERT INTO interactions (rid, id, date, channel, direction, summary, created_at, updated_at)
         VALUES (1, '4123456789abcdef0123456789abcdef', '2025-01-02', 'meeting', 'both', 'Met Halkın in Ankara',
                 '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z'),
                (2, '5123456789abcdef0123456789abcdef', '2025-01-03', 'call', 'out', 'Called Athens',
                 '2025-01-03T00:00:00Z', '2025-01-03T00:00:00Z');
         INSERT INTO interaction_fts (rowid, text) VALUES (1, 'met halkın in ankara'), (2, 'called athens');"
    ))
    .unwrap();
    drop(conn);
    let found = |q: &str| -> Vec<String> {
        env.json(&["search", q])
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                format!(
                    "{} {} {}",
                    h["type"].as_str().unwrap(),
                    h["id"].as_str().unwrap(),
                    h["how"]
                )
            })
            .collect()
    };
    assert_eq!(
        found("halkin"),
        [
            "organisation 0123456789abcdef0123456789abcdef null",
            "log 4123456789abcdef0123456789abcdef null"
        ]
    );
    assert_eq!(
        found("کومهله"),
        ["organisation 1123456789abcdef0123456789abcdef \"prefix\""]
    );
    assert_eq!(found("Рахимов"), ["person 3123456789abcdef0123456789abcdef null"]);
    assert_eq!(
        found("KPRF"),
        ["organisation 2123456789abcdef0123456789abcdef null"],
        "the handle matches exactly"
    );
    assert_eq!(
        found("Komala Shorshgeri"),
        ["organisation 1123456789abcdef0123456789abcdef \"close\""]
    );
    assert_eq!(found("athens").len(), 1, "entries that fold as before are kept");
    let keys: Vec<String> = {
        let conn = env.sql();
        let mut stmt = conn.prepare("SELECT key FROM org_names ORDER BY key").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert!(keys.contains(&"halkin kurtulus partisi".to_string()), "{keys:?}");
    assert!(keys.contains(&"کومهلهی شورشگیری".to_string()), "{keys:?}");
    assert_eq!(
        env.count("SELECT count(*) FROM people WHERE native_key = 'рахимов'"),
        1
    );
    assert_eq!(
        env.count("SELECT count(*) FROM org_fts WHERE latin MATCH 'kprf'"),
        1
    );
    assert!(
        env.ok(&["org", "show", "halkin"])
            .contains("Halkın Kurtuluş Partisi")
    );
}
