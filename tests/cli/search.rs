//! Full-text search over folded text.

use crate::common::{Env, seed};

fn found(env: &Env, text: &str) -> Vec<String> {
    env.json(&["search", text])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| format!("{}:{}", h["type"].as_str().unwrap(), h["name"].as_str().unwrap()))
        .collect()
}

#[test]
fn search_ignores_letter_variants_accents_and_case() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "org",
        "edit",
        "pcp",
        "--note",
        "Invited us to the Avante! festival",
    ]);
    env.ok(&[
        "person",
        "add",
        "Karwan Ahmed",
        "--native",
        "کاروان ئەحمەد",
        "--org",
        "kcp",
        "--role",
        "foreign relations",
    ]);
    assert_eq!(
        found(&env, "كمونيست"),
        ["organisation:Communist Party of Kurdistan"]
    );
    assert_eq!(
        found(&env, "PORTUGUES"),
        ["organisation:Portuguese Communist Party"]
    );
    assert_eq!(
        found(&env, "avant fest"),
        ["organisation:Portuguese Communist Party"]
    );
    assert_eq!(
        found(&env, "κομμουνιστικο"),
        ["organisation:Communist Party of Greece"]
    );
    assert_eq!(found(&env, "foreign"), ["person:Karwan Ahmed"]);
    assert!(found(&env, "zzzz").is_empty());
}

#[test]
fn search_shows_where_it_matched() {
    let env = Env::new();
    seed(&env);
    let hits = env.json(&["search", "كمونيست"]);
    assert_eq!(hits[0]["excerpt"], "حزب کمونیست کردستان");
    assert_eq!(hits[0]["organisation"], "kcp");
    let out = env.ok(&["search", "--in", "people", "communist"]);
    assert_eq!(out, "nothing matches `communist`\n");
}
