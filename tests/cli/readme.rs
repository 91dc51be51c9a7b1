//! The README is executable: every command of its tour runs, in order, on
//! a fresh machine (an empty home folder), as a user would type it.

use std::path::Path;

use crate::common::{Shell, fixture, without_comment};

const README: &str = include_str!("../../README.md");

/// The commands of the README's "A short tour" block, continuation lines
/// joined and trailing comments removed.
fn tour() -> Vec<String> {
    let start = README.find("## A short tour").expect("the README has a tour");
    let block = &README[start..];
    let open = block.find("```sh\n").expect("a sh block") + "```sh\n".len();
    let close = block[open..].find("\n```").expect("the block ends") + open;
    let mut commands = Vec::new();
    let mut pending = String::new();
    for line in block[open..close].lines() {
        let line = without_comment(line);
        if let Some(head) = line.strip_suffix('\\') {
            pending.push_str(head);
            continue;
        }
        pending.push_str(line.trim_start());
        let command = pending.trim().to_string();
        pending.clear();
        if !command.is_empty() {
            commands.push(command);
        }
    }
    commands
}

/// Commands the README marks as asking on a terminal: without one they
/// must refuse with a hint, not run. `log` misses its arguments (a usage
/// error); `undo` misses a confirmation.
fn needs_a_terminal(command: &str) -> Option<i32> {
    match command {
        "liaison log" => Some(2),
        "liaison undo" => Some(1),
        _ => None,
    }
}

#[test]
fn every_command_of_the_readme_tour_runs_on_a_fresh_machine() {
    let home = tempfile::tempdir().unwrap();
    // What the tour's commands read, where a user would have them.
    std::fs::copy(fixture("partners-excel.csv"), home.path().join("partners.csv")).unwrap();
    std::fs::copy(fixture("contact-log.csv"), home.path().join("contact-log.csv")).unwrap();
    std::fs::write(
        home.path().join("letter.txt"),
        "Dear comrades,\nwe thank you for your letter.\n",
    )
    .unwrap();
    let commands = tour();
    assert!(commands.len() > 20, "{commands:?}");
    let shell = Shell::new(home.path());
    for command in &commands {
        let out = shell.run(command);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        if let Some(code) = needs_a_terminal(command) {
            assert_eq!(out.status.code(), Some(code), "{command}\n{stderr}");
            assert!(stderr.contains("hint:"), "{command}\n{stderr}");
            continue;
        }
        assert!(
            out.status.success(),
            "README command failed: {command}\nexit: {:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
            out.status.code()
        );
        assert!(!stderr.contains("panicked"), "{command}\n{stderr}");
    }
    assert!(Path::new(&home.path().join(".local/share/liaison/liaison.db")).exists());
}
