//! Every file liaison writes (exports, reports, problem files, backups) is
//! refused when it is the database, one of its files or an input, by any
//! spelling, symbolic link or hard link; is never written through a
//! symbolic link; is owner-only; and a full disk leaves no half file.

use std::path::{Path, PathBuf};

use crate::common::{Env, fixture, mode, seed};

/// Every command that writes a file, with the place of its file in the
/// arguments marked `{}`.
fn writers(input: &str) -> Vec<Vec<String>> {
    let lines: [&[&str]; 5] = [
        &["export", "orgs", "--out", "{}"],
        &["report", "quarterly", "--format", "csv", "--out", "{}"],
        &["import", "log", input, "--errors", "{}"],
        &["backup", "{}"],
        &["export", "log", "--out", "{}"],
    ];
    lines
        .iter()
        .map(|l| l.iter().map(|s| s.to_string()).collect())
        .collect()
}

fn with_target(args: &[String], target: &Path) -> Vec<String> {
    args.iter()
        .map(|a| {
            if a == "{}" {
                target.display().to_string()
            } else {
                a.clone()
            }
        })
        .collect()
}

fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_default()
}

/// A log file with one bad row, so that `--errors` is written.
fn bad_log(env: &Env) -> PathBuf {
    let p = env.path("contacts.csv");
    std::fs::write(
        &p,
        "organisation,date,channel,summary\nkke,2026-13-45,call,bad date\n",
    )
    .unwrap();
    p
}

#[test]
fn no_output_can_replace_the_database_its_files_or_an_input() {
    let env = Env::new();
    seed(&env);
    let input = bad_log(&env);
    let db = env.db.clone();
    let data = db.parent().unwrap().to_path_buf();
    // Other spellings of the database and links to it.
    std::os::unix::fs::symlink(&db, env.path("db-link.csv")).unwrap();
    std::fs::hard_link(&db, env.path("db-hard.csv")).unwrap();
    std::os::unix::fs::symlink(&input, env.path("input-link.csv")).unwrap();
    std::fs::hard_link(&input, env.path("input-hard.csv")).unwrap();
    let mut targets: Vec<PathBuf> = vec![
        db.clone(),
        data.join("../data/liaison.db"),
        PathBuf::from("data/liaison.db"),
        PathBuf::from("./data//liaison.db"),
        data.join("liaison.db-wal"),
        data.join("liaison.db-shm"),
        data.join("liaison.db-journal"),
        env.path("db-link.csv"),
        env.path("db-hard.csv"),
    ];
    let input_targets = [
        input.clone(),
        PathBuf::from("contacts.csv"),
        env.path("input-link.csv"),
        env.path("input-hard.csv"),
    ];
    targets.extend(input_targets.iter().cloned());
    let before = env.snapshot();
    let db_bytes = bytes(&db);
    let input_bytes = bytes(&input);
    for args in writers(input.to_str().unwrap()) {
        for target in &targets {
            let is_input = input_targets.contains(target);
            // Only import has the input among its files; for the others
            // the input is an ordinary file that may be replaced.
            if is_input && args[0] != "import" {
                continue;
            }
            let argv = with_target(&args, target);
            let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
            let err = env.fails(1, &argv);
            assert!(
                err.contains(&format!("refusing to write {}", target.display()))
                    || err.contains("already exists"),
                "{argv:?}: {err}"
            );
            assert_eq!(bytes(&db), db_bytes, "{argv:?} changed the database file");
            assert_eq!(bytes(&input), input_bytes, "{argv:?} changed the input");
        }
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn outputs_never_write_through_a_symbolic_link() {
    let env = Env::new();
    seed(&env);
    let elsewhere = env.path("elsewhere.txt");
    std::fs::write(&elsewhere, "someone else's file\n").unwrap();
    std::os::unix::fs::symlink(&elsewhere, env.path("out.csv")).unwrap();
    for args in writers(&fixture("contact-log.csv")) {
        if args[0] == "import" {
            continue;
        }
        let argv = with_target(&args, &env.path("out.csv"));
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        let err = env.fails(1, &argv);
        assert!(err.contains("symbolic link"), "{argv:?}: {err}");
        assert_eq!(
            std::fs::read_to_string(&elsewhere).unwrap(),
            "someone else's file\n"
        );
        assert!(
            std::fs::symlink_metadata(env.path("out.csv"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }
}

#[test]
fn outputs_are_owner_only_even_when_they_replace_an_open_file() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    seed(&env);
    let out = env.path("orgs.csv");
    std::fs::write(&out, "old\n").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.ok(&["export", "orgs", "--out", "orgs.csv"]);
    assert_eq!(mode(&out), 0o600);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("Communist Party of Greece")
    );
    env.ok(&["export", "all", "--out", "nested/backup-csv"]);
    assert_eq!(mode(&env.path("nested")), 0o700);
    assert_eq!(mode(&env.path("nested/backup-csv")), 0o700);
    assert_eq!(mode(&env.path("nested/backup-csv/log.csv")), 0o600);
    // Nothing temporary is left beside the outputs.
    let left: Vec<_> = std::fs::read_dir(env.path("nested/backup-csv"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // A database whose permissions were loosened is made owner-only again.
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = env.run(&["org", "list"]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("now owner-only"), "{}", r.stderr);
    assert_eq!(mode(&env.db), 0o600);
}

#[test]
fn a_passphrase_file_others_can_read_is_named_in_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::bare();
    let pass = env.path("pass.txt");
    std::fs::write(&pass, "correct horse\n").unwrap();
    std::fs::set_permissions(&pass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let r = env.run(&["--passphrase-file", pass.to_str().unwrap(), "init", "--encrypt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("warning: the passphrase file") && r.stderr.contains("can be read by other users"),
        "{}",
        r.stderr
    );
    std::fs::set_permissions(&pass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let r = env.run(&["--passphrase-file", pass.to_str().unwrap(), "org", "list"]);
    assert!(r.code == 0 && r.stderr.is_empty(), "{}", r.stderr);
}

/// A file system of a few kilobytes: the export cannot fit.
struct SmallDisk {
    dir: PathBuf,
}

impl SmallDisk {
    fn mount(at: PathBuf) -> Option<SmallDisk> {
        SmallDisk::mount_sized(at, "48k")
    }

    fn mount_sized(at: PathBuf, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(&at).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0700"), "tmpfs"])
            .arg(&at)
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(SmallDisk { dir: at })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.dir).status();
    }
}

#[test]
fn a_full_disk_leaves_the_old_file_and_no_half_one() {
    let env = Env::new();
    seed(&env);
    // Enough log to need more than the disk has.
    let mut csv = String::from("organisation,date,channel,summary\n");
    for i in 0..2000 {
        csv.push_str(&format!(
            "kke,2026-10-{:02},call,contact number {i} about the joint seminar\n",
            1 + i % 28
        ));
    }
    std::fs::write(env.path("many.csv"), csv).unwrap();
    env.ok(&["import", "log", "many.csv"]);
    let disk = SmallDisk::mount(env.path("small"));
    if !crate::common::may_run_privileged(disk.is_some(), "mount a tmpfs") {
        return;
    }
    let disk = disk.expect("mounted");
    let target = disk.dir.join("log.csv");
    std::fs::write(&target, "the file as it was\n").unwrap();
    for args in [
        vec!["export", "log", "--out"],
        vec!["report", "quarterly", "--format", "csv", "--out"],
        vec!["backup"],
    ] {
        let target = if args[0] == "backup" {
            disk.dir.join("backup.db")
        } else {
            target.clone()
        };
        let mut argv = args.clone();
        let t = target.display().to_string();
        argv.push(&t);
        if args[0] == "report" {
            // A report is small: fill the disk first.
            let filler = disk.dir.join("filler");
            let _ = std::fs::write(&filler, vec![b'x'; 64 * 1024]);
        }
        let err = env.fails(1, &argv);
        assert!(
            err.contains(&format!("cannot write {t}")) && err.contains("the disk is full"),
            "{argv:?}: {err}"
        );
        let names: Vec<_> = std::fs::read_dir(&disk.dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| !n.contains("partial")),
            "{argv:?}: {names:?}"
        );
        if args[0] == "backup" {
            assert!(!target.exists(), "a half backup under the final name");
        } else {
            assert_eq!(std::fs::read_to_string(&target).unwrap(), "the file as it was\n");
        }
    }
}

#[test]
fn encrypt_on_a_full_disk_changes_nothing() {
    let env = Env::bare();
    let disk = SmallDisk::mount_sized(env.path("small"), "900k");
    if !crate::common::may_run_privileged(disk.is_some(), "mount a tmpfs") {
        return;
    }
    let disk = disk.expect("mounted");
    let db = disk.dir.join("liaison.db");
    let db_arg = db.display().to_string();
    env.ok(&["--db", &db_arg, "init"]);
    env.ok(&[
        "--db",
        &db_arg,
        "org",
        "add",
        "Full Disk Party",
        "--country",
        "GR",
    ]);
    let _ = std::fs::write(disk.dir.join("filler"), vec![b'x'; 300 * 1024]);
    let mut cmd = env.cmd();
    let out = cmd
        .env("LIAISON_PASSPHRASE", "pw")
        .args(["--db", &db_arg, "encrypt"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("cannot write {db_arg}: the disk is full")),
        "{err}"
    );
    // Still the plain database, whole, and nothing beside it.
    assert!(
        env.ok(&["--db", &db_arg, "org", "list"])
            .contains("Full Disk Party")
    );
    let names: Vec<_> = std::fs::read_dir(&disk.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}
