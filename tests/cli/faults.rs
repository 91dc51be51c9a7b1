//! Fault injection: every command that rewrites a file is killed (as by
//! SIGKILL or a power cut) at each of its steps, and afterwards the
//! database path holds the old database or the new one, readable with its
//! passphrase, no half file sits under a final name, and, once the next
//! command has started, no plaintext copy is left anywhere in the folder
//! or the temporary folder. Writers running beside encrypt, rekey and
//! decrypt never have a write acknowledged and then lost.

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};

use crate::common::{Env, mode};

/// A name that must never be found in plain text where it should not be.
const SECRET: &str = "Zxq Clandestine Partner";

/// Runs liaison killed at the fault point `at`; panics unless it was.
fn killed_at(env: &Env, pass: Option<&str>, at: &str, args: &[&str]) {
    let mut cmd = env.cmd();
    cmd.env("LIAISON_TEST_KILL_AT", at)
        .env("TMPDIR", env.path("tmp"))
        .args(args);
    if let Some(p) = pass {
        cmd.env("LIAISON_PASSPHRASE", p);
    }
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.signal(),
        Some(libc_sigkill()),
        "`liaison {}` never reached the point {at}: {:?}\n{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

fn libc_sigkill() -> i32 {
    9
}

/// Runs liaison with a passphrase (or none) and returns exit code, stdout
/// and stderr.
fn run(env: &Env, pass: Option<&str>, args: &[&str]) -> (i32, String, String) {
    let mut cmd = env.cmd();
    cmd.env("TMPDIR", env.path("tmp")).args(args);
    if let Some(p) = pass {
        cmd.env("LIAISON_PASSPHRASE", p);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Waits until process `pid` has stopped itself at its
/// `LIAISON_TEST_STOP_AT` point (state `T` in `/proc/PID/stat`).
fn wait_until_stopped(pid: &str) {
    let stopped = (0..500).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            s.rsplit(')')
                .next()
                .is_some_and(|rest| rest.trim_start().starts_with('T'))
        })
    });
    assert!(stopped, "process {pid} never stopped at the point");
}

/// Every file under `dir` whose bytes contain `needle`.
fn files_containing(dir: &Path, needle: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            found.extend(files_containing(&p, needle));
        } else if std::fs::read(&p).is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes())) {
            found.push(p);
        }
    }
    found
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A database with the secret partner in it, plain or encrypted.
fn database(pass: Option<&str>) -> Env {
    let env = Env::bare();
    std::fs::create_dir_all(env.path("tmp")).unwrap();
    let (code, _, err) = match pass {
        Some(_) => run(&env, pass, &["init", "--encrypt"]),
        None => run(&env, None, &["init"]),
    };
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(
        &env,
        pass,
        &["org", "add", SECRET, "--country", "GR", "--handle", "zcp"],
    );
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(
        &env,
        pass,
        &[
            "log",
            "zcp",
            "--channel",
            "meeting",
            "--summary",
            "met at the border",
            "--date",
            "2026-11-02",
        ],
    );
    assert_eq!(code, 0, "{err}");
    env
}

/// Which of the passphrases opens the database now and shows the data;
/// exactly one must.
fn opens_with<'a>(env: &Env, candidates: &[Option<&'a str>]) -> Option<&'a str> {
    let mut opened = Vec::new();
    for pass in candidates {
        let (code, out, _) = run(env, *pass, &["org", "list"]);
        if code == 0 {
            assert!(
                out.contains(SECRET),
                "the database opened but lost the data:\n{out}"
            );
            opened.push(*pass);
        }
    }
    assert_eq!(opened.len(), 1, "opened with {opened:?} of {candidates:?}");
    opened[0]
}

#[test]
fn encrypt_rekey_and_decrypt_killed_at_each_step_leave_the_old_or_the_new_database() {
    let steps = [
        "rewrite:before-copy",
        "rewrite:after-copy",
        "rewrite:before-rename",
        "rewrite:after-rename",
    ];
    // (command, passphrase before, passphrase after, extra environment)
    let cases: [(&[&str], Option<&str>, Option<&str>); 3] = [
        (&["encrypt"], None, Some("new pass")),
        (&["rekey"], Some("old pass"), Some("new pass")),
        (&["--yes", "decrypt"], Some("old pass"), None),
    ];
    for (args, before, after) in cases {
        for step in steps {
            let env = database(before);
            let mut cmd = env.cmd();
            cmd.env("LIAISON_TEST_KILL_AT", step)
                .env("TMPDIR", env.path("tmp"))
                .env("LIAISON_NEW_PASSPHRASE", "new pass")
                .args(args);
            // encrypt takes the new passphrase from the usual sources.
            if let Some(p) = if args == ["encrypt"] { after } else { before } {
                cmd.env("LIAISON_PASSPHRASE", p);
            }
            let out = cmd.output().unwrap();
            assert_eq!(
                out.status.signal(),
                Some(libc_sigkill()),
                "{args:?} at {step}: {out:?}"
            );
            let now = opens_with(&env, &[before, after]);
            let expected = if step == "rewrite:after-rename" {
                after
            } else {
                before
            };
            assert_eq!(now, expected, "{args:?} killed at {step}");
            // The next command has cleaned up: nothing but the database and
            // its own files, and the secret in plain text only where the
            // database itself is plain.
            let folder = env.db.parent().unwrap();
            let names = names_in(folder);
            assert!(
                names.iter().all(|n| n.starts_with("liaison.db")),
                "{args:?} at {step}: {names:?}"
            );
            let plain: Vec<_> = files_containing(env.dir.path(), SECRET);
            if now.is_some() {
                assert!(plain.is_empty(), "{args:?} at {step}: plain text in {plain:?}");
            } else {
                assert!(
                    plain.iter().all(|p| p.starts_with(folder)
                        && p.file_name().unwrap().to_string_lossy().starts_with("liaison.db")),
                    "{args:?} at {step}: plain text in {plain:?}"
                );
            }
            assert_eq!(mode(&env.db), 0o600);
        }
    }
}

#[test]
fn a_killed_backup_leaves_no_file_under_its_name() {
    for pass in [None, Some("pw")] {
        for step in ["backup:before-copy", "backup:after-copy", "output:before-rename"] {
            let env = database(pass);
            let target = env.path("backup.db");
            killed_at(&env, pass, step, &["backup", target.to_str().unwrap()]);
            assert!(!target.exists(), "{step}: a half backup under the final name");
            // A restore of it is refused and changes nothing.
            let (code, _, err) = run(&env, pass, &["--yes", "restore", target.to_str().unwrap()]);
            assert_eq!(code, 1, "{err}");
            let (code, out, _) = run(&env, pass, &["org", "list"]);
            assert!(code == 0 && out.contains(SECRET));
            // The next backup works.
            let (code, _, err) = run(&env, pass, &["backup", target.to_str().unwrap()]);
            assert_eq!(code, 0, "{err}");
            assert_eq!(mode(&target), 0o600);
        }
    }
}

#[test]
fn a_killed_restore_leaves_the_old_or_the_new_database() {
    let steps = [
        "restore:before-keep",
        "restore:before-copy",
        "restore:after-copy",
        "restore:before-rename",
    ];
    for pass in [None, Some("pw")] {
        for step in steps {
            let env = database(pass);
            let backup = env.path("backup.db");
            assert_eq!(run(&env, pass, &["backup", backup.to_str().unwrap()]).0, 0);
            assert_eq!(
                run(
                    &env,
                    pass,
                    &["org", "add", "Added After The Backup", "--country", "CY"]
                )
                .0,
                0
            );
            killed_at(&env, pass, step, &["--yes", "restore", backup.to_str().unwrap()]);
            let (code, out, err) = run(&env, pass, &["org", "list"]);
            assert_eq!(code, 0, "{step}: {err}");
            // Every step is before the rename: the database is the old one.
            assert!(
                out.contains(SECRET) && out.contains("Added After The Backup"),
                "{step}: {out}"
            );
            let names = names_in(env.db.parent().unwrap());
            assert!(
                names
                    .iter()
                    .all(|n| !n.contains("rewriting") && !n.contains("partial")),
                "{step}: {names:?}"
            );
            if pass.is_some() {
                assert!(files_containing(env.dir.path(), SECRET).is_empty(), "{step}");
            }
            // The restore then works.
            let (code, _, err) = run(&env, pass, &["--yes", "restore", backup.to_str().unwrap()]);
            assert_eq!(code, 0, "{step}: {err}");
            let (_, out, _) = run(&env, pass, &["org", "list"]);
            assert!(
                out.contains(SECRET) && !out.contains("Added After The Backup"),
                "{out}"
            );
        }
    }
}

#[test]
fn a_killed_export_or_report_leaves_the_old_file_or_the_new_one() {
    let env = database(None);
    for args in [
        vec!["export", "orgs", "--out", "out.csv"],
        vec!["report", "quarterly", "--out", "out.csv"],
        vec!["export", "all", "--out", "."],
    ] {
        let target = if args[1] == "all" {
            env.path("orgs.csv")
        } else {
            env.path("out.csv")
        };
        std::fs::write(&target, "the file as it was\n").unwrap();
        killed_at(&env, None, "output:before-rename", &args);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "the file as it was\n");
        let (code, _, err) = run(&env, None, &args);
        assert_eq!(code, 0, "{err}");
        assert_ne!(std::fs::read_to_string(&target).unwrap(), "the file as it was\n");
        assert_eq!(mode(&target), 0o600);
    }
}

/// Writers logging contacts in a loop while the file is encrypted,
/// rekeyed and decrypted: every write that was acknowledged (exit 0) is
/// in the final database.
#[test]
fn writes_made_during_encrypt_rekey_and_decrypt_are_never_lost() {
    let env = database(None);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let keys: [Option<&'static str>; 3] = [None, Some("one"), Some("two")];
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let stop = stop.clone();
            let db = env.db.clone();
            let home = env.dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut acknowledged = 0;
                let mut i = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    i += 1;
                    // The writer does not know which passphrase is current.
                    for key in keys {
                        let mut cmd = assert_cmd::Command::cargo_bin("liaison").unwrap();
                        cmd.env_clear()
                            .env("HOME", &home)
                            .env("LIAISON_DB", &db)
                            .env("LIAISON_NOW", crate::common::NOW)
                            .env("LIAISON_BUSY_TIMEOUT", "20000")
                            .args([
                                "log",
                                "zcp",
                                "--channel",
                                "call",
                                "--summary",
                                &format!("writer {w} entry {i}"),
                            ]);
                        if let Some(k) = key {
                            cmd.env("LIAISON_PASSPHRASE", k);
                        }
                        let out = cmd.output().unwrap();
                        let code = out.status.code();
                        if code == Some(0) {
                            acknowledged += 1;
                            break;
                        }
                        assert!(
                            matches!(code, Some(3) | Some(4)),
                            "writer failed unexpectedly: {out:?}"
                        );
                    }
                }
                acknowledged
            })
        })
        .collect();
    let pause = || std::thread::sleep(std::time::Duration::from_millis(700));
    pause();
    let steps: [(&[&str], Option<&str>); 3] = [
        (&["encrypt"], Some("one")),
        (&["rekey"], Some("one")),
        (&["--yes", "decrypt"], Some("two")),
    ];
    for (args, pass) in steps {
        let mut cmd = env.cmd();
        cmd.env("LIAISON_NEW_PASSPHRASE", "two")
            .env("LIAISON_BUSY_TIMEOUT", "20000")
            .args(args);
        if let Some(p) = pass {
            cmd.env("LIAISON_PASSPHRASE", p);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        pause();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let acknowledged: i64 = writers.into_iter().map(|w| w.join().unwrap()).sum();
    assert!(acknowledged > 0, "no writer got through");
    let stored = env.count("SELECT count(*) FROM interactions WHERE summary LIKE 'writer %'");
    eprintln!("{acknowledged} writes acknowledged, {stored} stored");
    assert_eq!(stored, acknowledged);
}

/// `restore` refuses an empty, cut-short, damaged, foreign or newer file
/// before it touches the live database, and checking a file never writes
/// to it; `check` never calls such a file healthy.
#[test]
fn restore_refuses_bad_files_before_touching_anything() {
    let env = database(None);
    let good = env.path("good.db");
    assert_eq!(run(&env, None, &["backup", good.to_str().unwrap()]).0, 0);
    let good_bytes = std::fs::read(&good).unwrap();
    let mut bad: Vec<(&str, Vec<u8>)> = vec![
        ("empty.db", Vec::new()),
        ("half.db", good_bytes[..good_bytes.len() / 2].to_vec()),
        (
            "noise.db",
            (0..good_bytes.len()).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
    ];
    let mut damaged = good_bytes.clone();
    let middle = damaged.len() / 2;
    damaged[middle..middle + 4096].iter_mut().for_each(|b| *b = 0xa5);
    bad.push(("damaged.db", damaged));
    for (name, bytes) in &bad {
        std::fs::write(env.path(name), bytes).unwrap();
    }
    // A SQLite file of another program, and one from a newer liaison.
    let foreign = env.path("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let newer = env.path("newer.db");
    std::fs::copy(&good, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    let mut names: Vec<&str> = bad.iter().map(|(n, _)| *n).collect();
    names.extend(["foreign.db", "newer.db"]);
    let before = env.snapshot();
    for name in names {
        let file = env.path(name);
        let bytes = std::fs::read(&file).unwrap();
        let (code, out, err) = run(&env, None, &["--yes", "restore", file.to_str().unwrap()]);
        assert!(code == 1 || code == 4, "{name}: exit {code}: {err}");
        assert!(
            err.starts_with(&format!("error: {} cannot be restored", file.display())),
            "{name}: {err}"
        );
        assert!(out.is_empty());
        assert_eq!(env.snapshot(), before, "{name} changed the database");
        assert_eq!(
            std::fs::read(&file).unwrap(),
            bytes,
            "checking {name} wrote to it"
        );
        for suffix in ["-wal", "-shm", "-journal"] {
            assert!(
                !env.path(&format!("{name}{suffix}")).exists(),
                "checking {name} made its {suffix}"
            );
        }
        // `check` on the file itself never calls it healthy.
        if name != "newer.db" && name != "foreign.db" {
            let mut cmd = env.cmd();
            cmd.args(["--db", file.to_str().unwrap(), "check"]);
            let out = cmd.output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                !out.status.success() && !stdout.contains("no problems"),
                "check {name}: {stdout}"
            );
        }
    }
    let names = names_in(env.db.parent().unwrap());
    assert!(names.iter().all(|n| !n.contains("before-restore")), "{names:?}");
}

/// Ctrl-C (or a termination) while an output is being written removes
/// its temporary file and leaves the old file as it was.
#[test]
fn an_interrupted_output_leaves_no_temporary_file() {
    let env = database(None);
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let target = env.path("orgs.csv");
        std::fs::write(&target, "the file as it was\n").unwrap();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("liaison"))
            .env("LIAISON_DB", &env.db)
            .env("LIAISON_TEST_STOP_AT", "output:before-rename")
            .args(["export", "orgs", "--out", target.to_str().unwrap()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let pid = child.id().to_string();
        wait_until_stopped(&pid);
        let temps: Vec<String> = names_in(env.dir.path())
            .into_iter()
            .filter(|n| n.starts_with(".orgs.csv.partial-"))
            .collect();
        assert_eq!(temps.len(), 1, "{temps:?}");
        for sig in [signal, "CONT"] {
            assert!(
                std::process::Command::new("kill")
                    .args([&format!("-{sig}"), &pid])
                    .status()
                    .unwrap()
                    .success()
            );
        }
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "{status:?}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "the file as it was\n");
        let left: Vec<String> = names_in(env.dir.path())
            .into_iter()
            .filter(|n| n.contains("partial"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

/// A database reached through a symbolic link: encrypt, rekey, decrypt
/// and restore replace the file the link points to, and the link stays.
#[test]
fn a_symlinked_database_keeps_its_link_through_rewrites() {
    let env = database(None);
    let link = env.path("link.db");
    std::os::unix::fs::symlink(&env.db, &link).unwrap();
    let via_link = |pass: Option<&str>, args: &[&str]| {
        let mut cmd = env.cmd();
        cmd.env("LIAISON_DB", &link)
            .env("LIAISON_NEW_PASSPHRASE", "two")
            .args(args);
        if let Some(p) = pass {
            cmd.env("LIAISON_PASSPHRASE", p);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let backup = env.path("backup.db");
    via_link(None, &["backup", backup.to_str().unwrap()]);
    for (pass, args, now) in [
        (Some("one"), &["encrypt"][..], Some("one")),
        (Some("one"), &["rekey"][..], Some("two")),
        (
            Some("two"),
            &["--yes", "restore", backup.to_str().unwrap()][..],
            Some("two"),
        ),
        (Some("two"), &["--yes", "decrypt"][..], None),
    ] {
        via_link(pass, args);
        assert!(
            std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
            "{args:?} replaced the link"
        );
        assert_eq!(std::fs::read_link(&link).unwrap(), env.db);
        assert_eq!(
            opens_with(&env, &[None, Some("one"), Some("two")]),
            now,
            "after {args:?}"
        );
        assert_eq!(mode(&env.db), 0o600);
    }
}

/// While a bulk import holds the file in rollback mode, other commands
/// wait for it (up to LIAISON_BUSY_TIMEOUT) instead of failing at once.
#[test]
fn commands_wait_for_a_bulk_import() {
    let env = database(None);
    let mut csv = String::from("organisation,date,channel,summary\n");
    for i in 0..12_000 {
        csv.push_str(&format!("zcp,2026-10-{:02},call,bulk contact {i}\n", 1 + i % 28));
    }
    std::fs::write(env.path("bulk.csv"), csv).unwrap();
    let mut import = std::process::Command::new(assert_cmd::cargo::cargo_bin("liaison"))
        .env("LIAISON_DB", &env.db)
        .args(["import", "log", env.path("bulk.csv").to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The rollback journal shows the bulk load has the file to itself.
    let journal = env.db.with_file_name("liaison.db-journal");
    let mut seen = false;
    for _ in 0..3000 {
        if journal.exists() {
            seen = true;
            break;
        }
        if import.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let mut reader = env.cmd();
    let out = reader
        .env("LIAISON_BUSY_TIMEOUT", "600000")
        .args(["org", "list"])
        .output()
        .unwrap();
    let status = import.wait_with_output().unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(seen, "the import never entered its bulk mode");
    assert!(
        out.status.success(),
        "a command during the bulk import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(SECRET));
}

/// A hard link to the database (a snapshot made with `cp -al`) is left
/// as it was by encrypt, with a warning: never zeroed.
#[test]
fn encrypt_leaves_a_hard_linked_snapshot_whole() {
    let env = database(None);
    let snapshot = env.path("snapshot.db");
    std::fs::hard_link(&env.db, &snapshot).unwrap();
    let mut cmd = env.cmd();
    let out = cmd
        .env("LIAISON_PASSPHRASE", "pw")
        .arg("encrypt")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("other hard links"), "{err}");
    assert!(
        !files_containing(env.db.parent().unwrap(), SECRET)
            .iter()
            .any(|p| p == &env.db)
    );
    let (code, list, err) = run(&env, None, &["--db", snapshot.to_str().unwrap(), "org", "list"]);
    assert_eq!(code, 0, "the snapshot was destroyed: {err}");
    assert!(list.contains(SECRET));
}

/// A pipe, a device or a socket is never replaced by an output.
#[test]
fn an_output_onto_a_pipe_is_refused() {
    let env = database(None);
    let fifo = env.path("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let (code, _, err) = run(&env, None, &["export", "orgs", "--out", fifo.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not a file"), "{err}");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

/// A database file in use (its changes still in the -wal beside it) is
/// refused by restore rather than restored without those changes.
#[test]
fn restore_refuses_a_file_with_changes_in_its_log() {
    let env = database(None);
    let backup = env.path("backup.db");
    assert_eq!(run(&env, None, &["backup", backup.to_str().unwrap()]).0, 0);
    let copy = env.path("copy.db");
    std::fs::copy(&backup, &copy).unwrap();
    // A program has it open and its last change is only in the log.
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         INSERT INTO meta (key, value) VALUES ('only in the log', 'x');",
    )
    .unwrap();
    assert!(std::fs::metadata(env.path("copy.db-wal")).unwrap().len() > 0);
    let before = env.snapshot();
    let (code, _, err) = run(&env, None, &["--yes", "restore", copy.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not a backup"), "{err}");
    assert_eq!(env.snapshot(), before);
    drop(conn);
}

/// A damaged database is exit 4 for check and backup, never 255.
#[test]
fn a_damaged_database_is_exit_4() {
    let env = database(None);
    let good = env.path("good.db");
    assert_eq!(run(&env, None, &["backup", good.to_str().unwrap()]).0, 0);
    let mut bytes = std::fs::read(&good).unwrap();
    let middle = bytes.len() / 2 / 4096 * 4096;
    bytes[middle..middle + 4096]
        .iter_mut()
        .enumerate()
        .for_each(|(i, b)| *b = (i * 31 % 256) as u8);
    let damaged = env.path("damaged.db");
    std::fs::write(&damaged, bytes).unwrap();
    let db = damaged.to_str().unwrap();
    let (code, _, err) = run(&env, None, &["--db", db, "check"]);
    assert_eq!(code, 4, "{err}");
    let (code, _, err) = run(
        &env,
        None,
        &["--db", db, "backup", env.path("b.db").to_str().unwrap()],
    );
    assert!(
        code == 4 || code == 0,
        "backup of a damaged file: exit {code}: {err}"
    );
    assert!(!err.contains("internal error"), "{err}");
}

/// A busy timeout longer than SQLite can count is taken as its longest.
#[test]
fn a_huge_busy_timeout_is_not_a_crash() {
    let env = database(None);
    for value in ["18446744073709551615", "9223372036854775807", "18446744073709551"] {
        let out = env
            .cmd()
            .env("LIAISON_BUSY_TIMEOUT", value)
            .args(["org", "list"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{value}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// When the final rename fails (the database is a single-file bind
/// mount, as in a container), the rewrite leaves no copy behind.
#[test]
fn a_failed_final_rename_leaves_no_copy() {
    let env = database(Some("old"));
    let host = env.path("host.db");
    std::fs::copy(&env.db, &host).unwrap();
    let mounted = env.db.clone();
    let ok = std::process::Command::new("mount")
        .args(["--bind", host.to_str().unwrap(), mounted.to_str().unwrap()])
        .status()
        .is_ok_and(|s| s.success());
    if !crate::common::may_run_privileged(ok, "bind-mount") {
        return;
    }
    let out = env
        .cmd()
        .env("LIAISON_PASSPHRASE", "old")
        .args(["--yes", "decrypt"])
        .output()
        .unwrap();
    let left = names_in(env.db.parent().unwrap());
    let _ = std::process::Command::new("umount").arg(&mounted).status();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(left.iter().all(|n| !n.contains("rewriting")), "{left:?}");
    assert!(
        files_containing(env.dir.path(), SECRET).is_empty(),
        "plain text left behind"
    );
}

/// A writer killed before its rename leaves its temporary file; the next
/// write of the same file removes it, but never the file of a writer
/// still at work.
#[test]
fn the_next_write_removes_what_a_killed_writer_left() {
    let env = database(None);
    let target = env.path("orgs.csv");
    let temps = || -> Vec<String> {
        names_in(env.dir.path())
            .into_iter()
            .filter(|n| n.starts_with(".orgs.csv.partial-"))
            .collect()
    };
    let out = env
        .cmd()
        .env("LIAISON_TEST_KILL_AT", "output:before-rename")
        .args(["export", "orgs", "--out", target.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), None, "killed by a signal");
    assert_eq!(temps().len(), 1, "the killed writer's file is left");
    assert!(!target.exists());

    // A second writer, stopped before its rename, holds its own file.
    let mut paused = std::process::Command::new(assert_cmd::cargo::cargo_bin("liaison"))
        .env("LIAISON_DB", &env.db)
        .env("LIAISON_TEST_STOP_AT", "output:before-rename")
        .args(["export", "orgs", "--out", target.to_str().unwrap()])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = paused.id().to_string();
    wait_until_stopped(&pid);
    let held = temps();
    assert_eq!(
        held.len(),
        1,
        "the second writer removed the killed one's file first: {held:?}"
    );

    // A third writer removes nothing that is still being written.
    env.ok(&["export", "orgs", "--out", target.to_str().unwrap()]);
    assert_eq!(temps(), held, "the paused writer's file is kept");
    assert!(std::fs::read_to_string(&target).unwrap().contains("zcp"));

    assert!(
        std::process::Command::new("kill")
            .args(["-CONT", &pid])
            .status()
            .unwrap()
            .success()
    );
    assert!(paused.wait().unwrap().success());
    assert!(temps().is_empty(), "{:?}", temps());
}
