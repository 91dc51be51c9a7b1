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

/// Partners named in many scripts, for the matcher's fallbacks.
fn partners(env: &Env) {
    for args in [
        &[
            "Communist Party of Greece",
            "--native",
            "Κομμουνιστικό Κόμμα Ελλάδας",
            "--alias",
            "KKE",
            "--handle",
            "kke",
            "--country",
            "GR",
        ][..],
        &[
            "Progressive Party of Working People",
            "--native",
            "ΑΚΕΛ",
            "--handle",
            "ppwp",
            "--country",
            "CY",
        ],
        &[
            "Communist Party of the Russian Federation",
            "--native",
            "КПРФ",
            "--handle",
            "cprf",
            "--country",
            "RU",
        ],
        &[
            "Tudeh Party of Iran",
            "--native",
            "حزب توده ایران",
            "--handle",
            "tudeh",
            "--country",
            "IR",
        ],
        &[
            "Kurdistan Democratic Party",
            "--native",
            "پارتی دیموکراتی کوردستان",
            "--handle",
            "kdp",
            "--country",
            "IQ",
        ],
        &[
            "Komala",
            "--native",
            "کۆمەڵەی کوردستان",
            "--handle",
            "komala",
            "--country",
            "IQ",
        ],
        &["Halkın Kurtuluş Partisi", "--handle", "hkp", "--country", "TR"],
    ] {
        let mut all = vec!["org", "add"];
        all.extend_from_slice(args);
        env.ok(&all);
    }
    env.ok(&["person", "add", "Kemal Aydın", "--org", "hkp"]);
    env.ok(&["person", "add", "Rahimov", "--native", "Раҳимов"]);
}

/// `type:handle-or-name:how` of each hit, in order.
fn ranked(env: &Env, text: &str) -> Vec<String> {
    env.json(&["search", text])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let who = match h["type"].as_str().unwrap() {
                "organisation" => h["organisation"].as_str().unwrap().to_string(),
                _ => h["name"].as_str().unwrap().to_string(),
            };
            format!("{who}:{}", h["how"].as_str().unwrap_or("exact"))
        })
        .collect()
}

#[test]
fn search_finds_names_in_any_script_and_says_how() {
    let env = Env::new();
    partners(&env);
    assert_eq!(ranked(&env, "halkin"), ["hkp:exact"]);
    assert_eq!(ranked(&env, "HALKIN"), ["hkp:exact"]);
    assert_eq!(ranked(&env, "Kemal Aydin"), ["Kemal Aydın:exact"]);
    assert_eq!(ranked(&env, "Рахимов"), ["Rahimov:exact"]);
    assert_eq!(ranked(&env, "ΚΚΕ"), ["kke:lookalike"]);
    assert_eq!(ranked(&env, "AKEL"), ["ppwp:latin spelling"]);
    assert_eq!(ranked(&env, "Kommounistiko"), ["kke:latin spelling"]);
    assert_eq!(ranked(&env, "KPRF"), ["cprf:latin spelling"]);
    assert_eq!(ranked(&env, "Toudeh"), ["tudeh:close"]);
    assert_eq!(ranked(&env, "Hezb-e Tudeh"), ["tudeh:close"]);
    assert_eq!(ranked(&env, "یونان"), ["kke:country"]);
    // Exact matches first, then close ones, for a Latin query.
    assert_eq!(ranked(&env, "Kurdistan"), ["kdp:exact", "komala:close"]);
    // A query in Arabic script: close matches only when nothing else.
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(sorted(ranked(&env, "کردستان")), ["kdp:close", "komala:close"]);
    assert_eq!(sorted(ranked(&env, "کوردستان")), ["kdp:exact", "komala:exact"]);
    // No false friends.
    assert!(ranked(&env, "Iraq").iter().all(|h| !h.starts_with("tudeh")));
    assert!(ranked(&env, "zzzz").is_empty());
    let hits = env.json(&["search", "ΚΚΕ"]);
    assert_eq!(hits[0]["excerpt"], "KKE", "the name that matched");
    let table = env.ok(&["search", "Toudeh"]);
    assert!(table.lines().next().unwrap().contains("how"), "{table}");
    assert!(table.contains("close"), "{table}");
    let csv = env.ok(&["--format", "csv", "search", "Toudeh"]);
    assert!(csv.starts_with("type,id,organisation,name,excerpt,how"), "{csv}");
    assert!(csv.trim_end().ends_with(",close"), "{csv}");
}

#[test]
fn arguments_find_what_search_finds() {
    let env = Env::new();
    partners(&env);
    assert!(
        env.ok(&["org", "show", "ΚΚΕ"])
            .contains("Communist Party of Greece")
    );
    assert!(
        env.ok(&["org", "show", "Kommounistiko"])
            .contains("Communist Party of Greece")
    );
    assert!(
        env.ok(&["org", "show", "KPRF"])
            .contains("Communist Party of the Russian Federation")
    );
    assert!(
        env.ok(&["org", "show", "halkin"])
            .contains("Halkın Kurtuluş Partisi")
    );
    assert!(env.ok(&["person", "show", "Рахимов"]).contains("Раҳимов"));
    assert!(env.ok(&["person", "show", "Kemal Aydin"]).contains("Kemal Aydın"));
    env.ok(&[
        "log",
        "ΑΚΕΛ",
        "--channel",
        "call",
        "--summary",
        "Talked about the seminar",
    ]);
    assert_eq!(
        env.count(
            "SELECT count(*) FROM interaction_orgs x JOIN organisations o ON o.id = x.org_id WHERE o.handle = 'ppwp'"
        ),
        1
    );
    // A close match is offered, never taken.
    let err = env.fails(1, &["org", "show", "Toudeh"]);
    assert!(
        err.starts_with("error: no organisation matches `Toudeh`"),
        "{err}"
    );
    assert!(
        err.contains("close matches: ") && err.contains("Tudeh Party of Iran"),
        "{err}"
    );
    let err = env.fails(1, &["log", "Toudeh", "--channel", "call", "--summary", "x"]);
    assert!(err.contains("Tudeh Party of Iran"), "{err}");
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 1);
}

#[test]
fn imports_resolve_names_as_arguments_do() {
    let env = Env::new();
    partners(&env);
    std::fs::write(
        env.path("log.csv"),
        "date,organisation,channel,direction,summary\n\
         2026-01-05,KPRF,call,out,Talked about the conference\n\
         2026-01-06,ΚΚΕ,meeting,in,Visit to Athens\n\
         2026-01-07,Halkin Kurtulus Partisi,email,out,Sent the statement\n",
    )
    .unwrap();
    let out = env.ok(&["import", "log", env.path("log.csv").to_str().unwrap()]);
    assert!(out.contains("3 added"), "{out}");
    let linked = |handle: &str| {
        env.count(&format!(
            "SELECT count(*) FROM interaction_orgs x JOIN organisations o ON o.id = x.org_id WHERE o.handle = '{handle}'"
        ))
    };
    assert_eq!((linked("cprf"), linked("kke"), linked("hkp")), (1, 1, 1));
    // A close match is named, never taken.
    std::fs::write(
        env.path("close.csv"),
        "date,organisation,channel,direction,summary\n2026-01-08,Toudeh,call,out,Talked\n",
    )
    .unwrap();
    let err = env.fails(1, &["import", "log", env.path("close.csv").to_str().unwrap()]);
    assert!(
        err.contains("no organisation matches") && err.contains("Tudeh Party of Iran"),
        "{err}"
    );
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 3);
}

#[test]
fn country_arguments_and_search_find_the_same_countries() {
    let env = Env::new();
    partners(&env);
    let handles = |country: &str| -> Vec<String> {
        env.json(&["org", "list", "--country", country])
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["handle"].as_str().unwrap().to_string())
            .collect()
    };
    // Names in other languages and their Latin spellings, as arguments
    // and as searches.
    for (country, handle) in [
        ("Ελλάδα", "kke"),
        ("یونان", "kke"),
        ("Греция", "kke"),
        ("Gretsiya", "kke"),
        ("Kypros", "ppwp"),
        ("Rossiya", "cprf"),
        ("Rossiia", "cprf"),
    ] {
        assert_eq!(handles(country), [handle], "--country {country}");
        // By its name, or else by its country's name.
        let hits = ranked(&env, country);
        assert_eq!(hits.len(), 1, "search {country}: {hits:?}");
        assert!(
            hits[0].starts_with(&format!("{handle}:")),
            "search {country}: {hits:?}"
        );
    }
    // The spelling of a name both Koreas share is refused naming each.
    let err = env.fails(1, &["org", "list", "--country", "Koreya"]);
    assert!(err.contains("(KP)") && err.contains("(KR)"), "{err}");
    // A Latin word that spells no country is no country.
    env.fails(1, &["org", "list", "--country", "Rossiyaa"]);
    assert!(ranked(&env, "Rossiyaa").is_empty());
    assert_eq!(ranked(&env, "Gretsiya"), ["kke:country"]);
}
