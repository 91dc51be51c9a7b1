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

/// Events, documents, briefings, objectives and groups are named the way
/// organisations are: an exact name (folded, in any script) before part of
/// one, an ID prefix, and in scripts every candidate listed.
#[test]
fn every_noun_is_found_by_exact_name_then_part_then_id() {
    let env = Env::new();
    seed(&env);
    env.ok(&["event", "add", "Congress", "--starts", "2026-10-01"]);
    env.ok(&["event", "add", "Congress dinner", "--starts", "2026-10-02"]);
    env.ok(&["event", "add", "سمینار همبستگی", "--starts", "2026-10-03"]);
    // The exact name wins over the name that contains it.
    assert_eq!(env.json(&["event", "show", "congress"])[0]["name"], "Congress");
    // Part of a name, typed with the Arabic yeh and kaf of another keyboard.
    assert_eq!(
        env.json(&["event", "show", "همبستگي"])[0]["name"],
        "سمینار همبستگی"
    );
    // Part of two names: both are listed, nothing is picked.
    let err = env.fails(1, &["event", "show", "ongres"]);
    assert!(err.starts_with("error: `ongres` matches 2 events"), "{err}");
    assert!(err.contains("Congress dinner (2026-10-02,"), "{err}");
    // An ID prefix.
    let id = env.json(&["event", "show", "dinner"])[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        env.json(&["event", "show", &id[..6]])[0]["name"],
        "Congress dinner"
    );
    let err = env.fails(1, &["event", "show", "nothing like it"]);
    assert!(err.contains("hint: list them with: liaison event list"), "{err}");

    // Documents: accents folded; a title shared with its translation names
    // the original.
    env.ok(&[
        "doc",
        "add",
        "Déclaration commune",
        "--lang",
        "fr",
        "--date",
        "2026-10-04",
    ]);
    env.ok(&["doc", "translate", "declaration", "--lang", "en"]);
    assert_eq!(
        env.json(&["doc", "show", "DECLARATION"])["document"]["language"],
        "fr"
    );

    // Briefings, by part of the title.
    env.ok(&[
        "briefing",
        "add",
        "Positions of KKE on the war",
        "--org",
        "kke",
        "--date",
        "2026-10-05",
    ]);
    assert_eq!(
        env.json(&["briefing", "show", "positions"])[0]["title"],
        "Positions of KKE on the war"
    );

    // Objectives by their Persian title, typed with Arabic letters.
    let fa = env.json(&["objective", "list"])[2]["title_fa"]
        .as_str()
        .unwrap()
        .replace('ی', "ي")
        .replace('ک', "ك");
    env.ok(&[
        "event",
        "add",
        "Regional meeting",
        "--starts",
        "2026-10-06",
        "--objective",
        &fa,
    ]);
    assert_eq!(
        env.json(&["event", "show", "regional meeting"])[0]["objectives"],
        serde_json::json!([3])
    );
    // Groups by part of a name.
    env.ok(&["group", "add", "Neighbours", "--handle", "near"]);
    env.ok(&["org", "edit", "kke", "--group", "neighb"]);
    assert_eq!(
        env.json(&["org", "show", "kke"])["groups"],
        serde_json::json!(["Neighbours"])
    );
}
