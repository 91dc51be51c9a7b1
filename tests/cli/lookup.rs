//! Naming an organisation by handle, ID prefix or any name in any script.

use crate::common::{Env, seed};

fn handle_of(env: &Env, query: &str) -> String {
    env.json(&["org", "show", query])["handle"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn any_name_in_any_script_finds_the_organisation() {
    let env = Env::new();
    seed(&env);
    assert_eq!(handle_of(&env, "KKE"), "kke");
    assert_eq!(handle_of(&env, "κομμουνιστικό κόμμα ελλάδας"), "kke");
    assert_eq!(handle_of(&env, "Partido Comunista Portugues"), "pcp");
    // Arabic letters and no hamza above heh still find the Persian spelling.
    assert_eq!(handle_of(&env, "حزب توده ايران"), "tudeh");
    assert_eq!(handle_of(&env, "حزب كمونيست كردستان"), "kcp");
    // Part of a name, when only one organisation has it.
    assert_eq!(handle_of(&env, "Kurdistan"), "kcp");
}

#[test]
fn an_id_prefix_finds_the_organisation() {
    let env = Env::new();
    seed(&env);
    let id: String = env
        .sql()
        .query_row("SELECT id FROM organisations WHERE handle = 'tudeh'", [], |r| {
            r.get(0)
        })
        .unwrap();
    // The shortest prefix that is unique among the seeded rows.
    let ids: Vec<String> = env
        .sql()
        .prepare("SELECT id FROM organisations")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let n = (4..=32)
        .find(|&n| ids.iter().filter(|o| o.starts_with(&id[..n])).count() == 1)
        .unwrap();
    assert_eq!(handle_of(&env, &id[..n]), "tudeh");
    assert_eq!(handle_of(&env, &id.to_uppercase()), "tudeh");
}

#[test]
fn several_matches_without_a_terminal_list_the_candidates() {
    let env = Env::new();
    seed(&env);
    let err = env.fails(1, &["org", "show", "communist"]);
    assert_eq!(
        err.lines().next().unwrap(),
        "error: `communist` matches 3 organisations"
    );
    assert!(
        err.contains("hint:   kke (Communist Party of Greece, GR)"),
        "{err}"
    );
    assert!(
        err.contains("hint:   kcp (Communist Party of Kurdistan, IQ)"),
        "{err}"
    );
    assert!(err.contains("hint: name it by its handle"), "{err}");
}

#[test]
fn an_unknown_name_offers_the_closest() {
    let env = Env::new();
    seed(&env);
    let err = env.fails(1, &["org", "show", "Communist Party of Grece"]);
    assert_eq!(
        err.lines().next().unwrap(),
        "error: no organisation matches `Communist Party of Grece`"
    );
    assert!(
        err.contains("hint: closest: kke (Communist Party of Greece, GR)"),
        "{err}"
    );
}

#[test]
fn an_unknown_name_in_arabic_script_offers_the_persian_one() {
    let env = Env::new();
    seed(&env);
    let err = env.fails(1, &["org", "show", "حزب كمونيست كردستان عراق"]);
    assert!(
        err.contains("closest: kcp (Communist Party of Kurdistan, IQ)"),
        "{err}"
    );
}
