//! Every command's `--help`: global options under their own heading, and
//! examples that run, in order, on a fresh database.

use std::os::unix::fs::PermissionsExt;

use crate::common::{Shell, fixture, without_comment};

/// The examples printed at the end of `liaison PATH --help`.
fn examples(help: &str) -> Vec<String> {
    let Some(start) = help.find("\nExamples:\n") else {
        return Vec::new();
    };
    help[start + "\nExamples:\n".len()..]
        .lines()
        .take_while(|l| l.starts_with("  "))
        .map(|l| without_comment(l.trim()).to_string())
        .collect()
}

#[test]
fn every_example_in_every_help_runs_on_a_fresh_database() {
    let home = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("partners-excel.csv"), home.path().join("partners.csv")).unwrap();
    for (name, secret) in [
        ("pass.txt", "correct horse\n"),
        ("new-pass.txt", "battery staple\n"),
    ] {
        let path = home.path().join(name);
        std::fs::write(&path, secret).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let shell = Shell::new(home.path());
    let run = |command: &str| shell.run(command);
    let mut count = 0;
    // In the order of the table, which is the order a new user meets them.
    for (path, _) in liaison::help::EXAMPLES {
        let help = run(&format!("liaison {path} --help"));
        let help = String::from_utf8_lossy(&help.stdout).into_owned();
        assert!(
            help.contains("\nGlobal options:\n"),
            "liaison {path} --help:\n{help}"
        );
        let lines = examples(&help);
        assert!(
            (1..=3).contains(&lines.len()),
            "liaison {path} --help shows {} examples:\n{help}",
            lines.len()
        );
        for command in lines {
            let out = run(&command);
            assert!(
                out.status.success() && !String::from_utf8_lossy(&out.stderr).contains("error:"),
                "example of `liaison {path}` failed: {command}\nexit: {:?}\n--- stdout\n{}\n--- stderr\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            count += 1;
        }
    }
    assert!(count > 100, "{count} examples");
    // What the examples made is there.
    let pages = std::fs::read_dir(home.path().join("man")).unwrap().count();
    assert!(pages > 60, "{pages} manual pages");
    let page = std::fs::read_to_string(home.path().join("man/liaison-org-add.1")).unwrap();
    assert!(
        page.contains("liaison\\-org\\-add") && page.contains("Examples:"),
        "{page}"
    );
    let whole = std::fs::read_to_string(home.path().join("liaison.1")).unwrap();
    assert!(whole.starts_with(".ie \\n(.g .ds Aq"), "{}", &whole[..100]);
}

#[test]
fn manual_pages_go_through_the_safe_writer() {
    let env = crate::common::Env::new();
    let dir = env.path("pages");
    let out = env.ok(&["man", "--out", dir.to_str().unwrap()]);
    assert!(
        out.starts_with("wrote ") && out.contains(" manual pages to "),
        "{out}"
    );
    let mode = std::fs::metadata(dir.join("liaison-task-done.1"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // Never through a symbolic link: refused, its target untouched.
    let target = env.path("elsewhere.txt");
    std::fs::write(&target, "keep").unwrap();
    std::fs::remove_file(dir.join("liaison-check.1")).unwrap();
    std::os::unix::fs::symlink(&target, dir.join("liaison-check.1")).unwrap();
    let err = env.fails(1, &["man", "--out", dir.to_str().unwrap()]);
    assert!(err.contains("liaison-check.1: it is a symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
}

/// Every runnable command path, e.g. ["org", "add"].
fn commands(cmd: &clap::Command, prefix: Vec<String>, out: &mut Vec<(Vec<String>, clap::Command)>) {
    let subs: Vec<&clap::Command> = cmd.get_subcommands().filter(|s| s.get_name() != "help").collect();
    if !prefix.is_empty() && (subs.is_empty() || cmd.get_name() == "log") {
        out.push((prefix.clone(), cmd.clone()));
    }
    for s in subs {
        let mut path = prefix.clone();
        path.push(s.get_name().to_string());
        commands(s, path, out);
    }
}

#[test]
fn missing_or_unknown_input_is_a_usage_error_in_every_command() {
    let env = crate::common::Env::new();
    crate::common::seed(&env);
    let before = env.snapshot();
    let mut all = Vec::new();
    commands(&liaison::cli::command(), Vec::new(), &mut all);
    assert!(all.len() > 50, "{}", all.len());
    for (path, cmd) in &all {
        let words: Vec<&str> = path.iter().map(String::as_str).collect();
        // An unknown flag, in every command.
        let mut args = words.clone();
        args.push("--no-such-flag");
        let r = env.run(&args);
        assert_eq!(r.code, 2, "{}", r.describe());
        // A required argument left out, where there is one.
        let required = cmd.get_arguments().any(|a| a.is_required_set());
        if required {
            let r = env.run(&words);
            assert_eq!(r.code, 2, "{}", r.describe());
            assert!(r.stderr.starts_with("error: "), "{}", r.describe());
        }
    }
    // Values a command asks for on a terminal are required in a script,
    // and their absence is the same usage error.
    for args in [
        &["log", "kke", "--summary", "x"][..],
        &["log", "kke", "--channel", "call"],
        &["log", "--channel", "call", "--summary", "x"],
        &["org", "add", "X"],
        &["task", "add"],
        &["report", "quarterly", "--from", "2026-01-01"],
    ] {
        let r = env.run(args);
        assert_eq!(r.code, 2, "{}", r.describe());
    }
    // A value given but wrong is a user error.
    for args in [
        &["log", "kke", "--channel", "pigeon", "--summary", "x"][..],
        &["log", "nobody", "--channel", "call", "--summary", "x"],
        &["org", "add", "X", "--country", "Atlantis"],
        &["org", "show", "nobody"],
        &["task", "add", "x", "--due", "someday"],
        &["history", "--since", "32/13/2026"],
        &["event", "add", "x", "--starts", "2026-02-30"],
    ] {
        let r = env.run(args);
        assert!(
            r.code == 1 || (r.code == 2 && r.stderr.contains("invalid value")),
            "{}",
            r.describe()
        );
    }
    assert_eq!(env.snapshot(), before);
}
