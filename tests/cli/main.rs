//! Integration tests: the real `liaison` binary on temporary databases, in
//! a hermetic environment (cleared env, pinned time, no colour, no terminal).

mod common;

mod briefings;
mod csv;

mod daily;
mod db_file;
mod demo;
mod directory;
mod encryption;
mod events_docs;
mod faults;
mod files;
mod groups;
mod help;
mod libreoffice;
mod log;
mod lookup;
mod mandates;
mod numbers;
mod org;
mod outputs;
mod paper;
mod persian;
mod person;
mod publish;
mod purge;
mod readme;
mod report;
mod roundtrip;
mod safety;
mod search;
mod tables;
mod terminal;
mod tools;
mod undo;
mod upgrade;

/// A test file that no `mod` line names is never compiled, and its tests
/// never run: every `.rs` file here must be declared above.
#[test]
fn every_test_file_is_compiled() {
    let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli");
    let main = std::fs::read_to_string(here.join("main.rs")).unwrap();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&here).unwrap() {
        let path = entry.unwrap().path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_some_and(|e| e == "rs")
            && stem != "main"
            && !main.contains(&format!("mod {stem};"))
        {
            missing.push(stem.to_string());
        }
    }
    let top = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    for entry in std::fs::read_dir(&top).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            missing.push(format!(
                "{} (a separate test crate: put it under tests/cli)",
                path.display()
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "test files not compiled into the suite: {missing:?}"
    );
}
