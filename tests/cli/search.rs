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

/// A word typed is searched as every word of the log that begins with it,
/// written out as whole words when they are few and as a prefix when they
/// are many: the entries found are the same either way, and a count past
/// a thousand is said as "over".
#[test]
fn the_log_is_searched_by_every_word_a_typed_word_begins() {
    let env = Env::new();
    seed(&env);
    // Entry n holds the words "strike{n % 60}" and "word{n}": "strike"
    // begins 60 words, "strike1" eleven (strike1, strike10…19).
    let entries = 1050;
    let mut csv = String::from("date,organisation,channel,summary\n");
    for n in 0..entries {
        csv.push_str(&format!(
            "2026-03-{:02},kke,email,Call {n} about the strike{} and word{n}\n",
            1 + n % 28,
            n % 60
        ));
    }
    std::fs::write(env.path("log.csv"), csv).unwrap();
    env.ok(&["import", "log", env.path("log.csv").to_str().unwrap()]);
    let count = |text: &str| {
        env.json(&["search", "--in", "log", "--limit", "0", text])
            .as_array()
            .unwrap()
            .len()
    };
    let holding = |word: &dyn Fn(usize) -> String, prefix: &str| {
        (0..entries).filter(|&n| word(n).starts_with(prefix)).count()
    };
    let strike = |n: usize| format!("strike{}", n % 60);
    let word = |n: usize| format!("word{n}");
    for prefix in ["strike", "strike1", "strike5", "strike59", "strike60"] {
        assert_eq!(count(prefix), holding(&strike, prefix), "{prefix}");
    }
    for prefix in ["word", "word1", "word104", "word1049", "wordx"] {
        assert_eq!(count(prefix), holding(&word, prefix), "{prefix}");
    }
    assert_eq!(count("call strike1"), holding(&strike, "strike1"));
    let both = (0..entries)
        .filter(|&n| strike(n).starts_with("strike1") && word(n).starts_with("word10"))
        .count();
    assert_eq!(count("strike1 word10"), both);
    // The page's closing line: an exact count, or "over" past a thousand.
    let out = env.ok(&["search", "--in", "log", "strike1"]);
    let more = holding(&strike, "strike1") - 20;
    assert!(
        out.ends_with(&format!("… and {more} more (--limit 0 shows all)\n")),
        "{out}"
    );
    let out = env.ok(&["search", "--in", "log", "strike"]);
    assert!(
        out.ends_with("… and over 1000 more (--limit 0 shows all)\n"),
        "{out}"
    );
}
