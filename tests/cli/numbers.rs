//! Every number a user gives, on the command line or as a setting, is
//! checked against its range: a huge, negative or zero value is a clear
//! refusal or a plain answer, never a crash.

use crate::common::{Env, Run, seed};

/// Values that have crashed or confused number parsing.
const HOSTILE: [&str; 6] = [
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "99999999999999999999999",
    "-1",
    "0",
];

/// Fails the test when the run crashed (exit 101 or 255, a panic).
fn no_crash(r: &Run) {
    assert!(
        r.code != 101 && r.code != 255 && r.code != -1,
        "crashed\n{}",
        r.describe()
    );
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("internal error"),
        "crashed\n{}",
        r.describe()
    );
}

/// A flag with a range: out of it, exit 2 and a message naming the flag,
/// the value and the range; zero is refused the same way or accepted.
fn ranged(env: &Env, args: &[&str], flag: &str, range: &str, zero_ok: bool) {
    for v in HOSTILE {
        let mut all = args.to_vec();
        all.extend([flag, v]);
        let r = env.run(&all);
        no_crash(&r);
        if v == "0" && zero_ok {
            assert_eq!(r.code, 0, "{}", r.describe());
            continue;
        }
        assert_eq!(r.code, 2, "{}", r.describe());
        let first = r.stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with("error: ")
                && first.contains(flag)
                && first.contains(v)
                && first.contains(range),
            "the error names neither the flag, the value nor the range\n{}",
            r.describe()
        );
    }
}

#[test]
fn numeric_flags_refuse_values_out_of_range() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "met",
        "--follow-up",
        "write back",
        "--due",
        "+3d",
    ]);
    let days = "from 0 to 36,500";
    let count = "from 0 to 1,000,000";
    ranged(&env, &["agenda"], "--days", days, true);
    ranged(&env, &["agenda"], "--cold", days, true);
    ranged(&env, &["agenda"], "--limit", count, true);
    ranged(&env, &["org", "list"], "--cold", days, true);
    ranged(&env, &["task", "list"], "--limit", count, true);
    // --limit 0 is all, everywhere.
    ranged(&env, &["search", "party"], "--limit", count, true);
    ranged(&env, &["history"], "--limit", count, true);
    ranged(&env, &["changes"], "--limit", count, true);
    ranged(&env, &["undo", "--list"], "--limit", count, true);
    ranged(&env, &["changes"], "--rows", count, true);
    // The largest values in range work.
    env.ok(&[
        "agenda", "--days", "36500", "--cold", "36500", "--limit", "1000000",
    ]);
    env.ok(&["task", "list", "--limit", "1000000"]);
}

#[test]
fn other_numbers_never_crash() {
    let env = Env::new();
    seed(&env);
    for v in HOSTILE {
        let runs = [
            env.run(&["undo", "--list", "--limit", v]),
            env.run(&["undo", v, "--yes"]),
            env.run(&["task", "list", "--due-within", &format!("{v}d")]),
            env.run(&[
                "task",
                "add",
                "call back",
                "--org",
                "kke",
                "--due",
                &format!("+{v}d"),
            ]),
            env.run(&["report", "quarterly", "--quarter", &format!("{v}Q1")]),
            env.run(&["history", "--since", &format!("{v}-01-01")]),
            env.run(&["task", "done", v]),
        ];
        for r in &runs {
            no_crash(r);
        }
    }
}

#[test]
fn cold_days_setting_is_checked_when_set_and_when_read() {
    let env = Env::new();
    seed(&env);
    let before = env.snapshot();
    for v in HOSTILE.iter().chain(&["36501", "soon"]) {
        let err = env.fails(1, &["config", "set", "cold-days", v]);
        assert!(
            err.contains(&format!("invalid value `{v}` for cold_days")) && err.contains("from 1 to 36,500"),
            "{err}"
        );
    }
    assert_eq!(env.snapshot(), before, "a refused setting changed the database");
    env.ok(&["config", "set", "cold-days", "36500"]);
    env.ok(&["agenda"]);

    // A value stored by an older version, out of range: every agenda says
    // what is wrong and how to mend it, and --cold still works.
    env.sql()
        .execute("UPDATE meta SET value = '4294967295' WHERE key = 'cold_days'", [])
        .unwrap();
    let err = env.fails(1, &["agenda"]);
    assert!(
        err.contains("the cold_days setting `4294967295` is not a whole number from 1 to 36,500")
            && err.contains("hint: set it again: liaison config set cold-days 90"),
        "{err}"
    );
    env.ok(&["agenda", "--cold", "30"]);
    env.ok(&["config", "unset", "cold-days"]);
    env.ok(&["agenda"]);
}
