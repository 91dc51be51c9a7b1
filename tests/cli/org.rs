//! Organisations: add, list, show, edit, rm, restore, merge.

use crate::common::{Env, seed};

#[test]
fn add_stores_every_field_and_derives_the_region() {
    let env = Env::new();
    let out = env.ok(&[
        "org",
        "add",
        "Communist Party of Greece",
        "--native",
        "Κομμουνιστικό Κόμμα Ελλάδας",
        "--alias",
        "KKE",
        "--country",
        "Greece",
        "--kind",
        "party",
        "--status",
        "partner",
        "--since",
        "14/05/2009",
        "--lang",
        "el",
        "--lang",
        "EN",
        "--website",
        "kke.gr",
        "--email",
        "intl@kke.gr",
        "--tag",
        "Europe",
        "--note",
        "Regular exchange of statements",
    ]);
    assert_eq!(
        out, "added kke: Communist Party of Greece (GR, Southern Europe; party, partner)\n",
        "an acronym alias is the handle"
    );
    let o = env.json(&["org", "show", "kke"]);
    assert_eq!(o["handle"], "kke");
    assert_eq!(o["native_name"], "Κομμουνιστικό Κόμμα Ελλάδας");
    assert_eq!(o["aliases"], serde_json::json!(["KKE"]));
    assert_eq!(o["country"], "GR");
    assert_eq!(o["region"], "Southern Europe");
    assert_eq!(o["since"], "2009-05-14");
    assert_eq!(o["languages"], serde_json::json!(["el", "en"]));
    assert_eq!(o["website"], "https://kke.gr");
    assert_eq!(o["email"], "intl@kke.gr");
    assert_eq!(o["tags"], serde_json::json!(["europe"]));
    assert_eq!(o["notes"], "Regular exchange of statements");
    assert_eq!(o["created_at"], "2026-11-27T10:00:00Z");
    assert_eq!(o["id"].as_str().unwrap().len(), 32);
}

#[test]
fn persian_country_names_and_region_overrides() {
    let env = Env::new();
    env.ok(&["org", "add", "Iraqi Communist Party", "--country", "عراق"]);
    env.ok(&[
        "org",
        "add",
        "Tudeh Party of Iran",
        "--country",
        "IR",
        "--region",
        "western asia",
    ]);
    let list = env.json(&["org", "list", "--sort", "country"]);
    assert_eq!(list[0]["country"], "IQ");
    assert_eq!(list[0]["region"], "Western Asia");
    assert_eq!(list[1]["country"], "IR");
    assert_eq!(list[1]["region"], "Western Asia", "override kept");
    // Back to the derived region.
    env.ok(&["org", "edit", "tudeh", "--region", ""]);
    assert_eq!(env.json(&["org", "show", "tudeh"])["region"], "Southern Asia");
}

#[test]
fn handles_are_generated_unique_and_transliterated() {
    let env = Env::new();
    env.ok(&["org", "add", "Partido Comunista Português", "--country", "PT"]);
    env.ok(&["org", "add", "Partido Comunista Paraguayo", "--country", "PY"]);
    env.ok(&["org", "add", "Partido Comunista Peruano", "--country", "PY"]);
    env.ok(&["org", "add", "حزب توده ایران", "--country", "IR"]);
    let handles: Vec<String> = env
        .json(&["org", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["handle"].as_str().unwrap().to_string())
        .collect();
    assert!(handles.contains(&"pcp".to_string()), "{handles:?}");
    assert!(handles.contains(&"pcp-py".to_string()), "{handles:?}");
    assert!(handles.contains(&"pcp-2".to_string()), "{handles:?}");
    let persian = handles.iter().find(|h| !h.starts_with("pcp")).unwrap();
    assert!(
        persian
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
        "{persian}"
    );
}

#[test]
fn a_taken_handle_is_refused_and_nothing_is_stored() {
    let env = Env::new();
    seed(&env);
    let before = env.snapshot();
    let err = env.fails(
        1,
        &["org", "add", "KKE (1918)", "--country", "GR", "--handle", "KKE"],
    );
    assert_eq!(
        err.lines().next().unwrap(),
        "error: handle `kke` is already taken by Communist Party of Greece (GR)"
    );
    assert!(err.contains("hint: choose another with --handle"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn the_same_name_in_the_same_country_is_refused() {
    let env = Env::new();
    seed(&env);
    let before = env.snapshot();
    let err = env.fails(1, &["org", "add", "communist party of GREECE", "--country", "gr"]);
    assert!(err.contains("is already recorded as `kke`"), "{err}");
    assert!(err.contains("hint: see it with: liaison org show kke"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn bad_values_are_refused_with_the_value_named() {
    let env = Env::new();
    seed(&env);
    let before = env.snapshot();
    let cases: &[(&[&str], &str)] = &[
        (
            &["org", "add", "X Party", "--country", "Atlantis"],
            "error: unknown country `Atlantis`",
        ),
        (
            &["org", "add", "X Party", "--country", "Greese"],
            "hint: did you mean Greece (GR)",
        ),
        (&["org", "add", "   ", "--country", "GR"], "error: name is empty"),
        (
            &["org", "add", &"x".repeat(301), "--country", "GR"],
            "error: name is too long (301 characters; at most 300)",
        ),
        (
            &[
                "org",
                "add",
                "X Party",
                "--country",
                "GR",
                "--email",
                "intl.kke.gr",
            ],
            "error: invalid e-mail address `intl.kke.gr`",
        ),
        (
            &[
                "org",
                "add",
                "X Party",
                "--country",
                "GR",
                "--website",
                "not a site",
            ],
            "error: invalid web address `not a site`",
        ),
        (
            &[
                "org",
                "add",
                "X Party",
                "--country",
                "GR",
                "--since",
                "31/02/2026",
            ],
            "error: impossible date `31/02/2026`",
        ),
        (
            &[
                "org",
                "add",
                "X Party",
                "--country",
                "GR",
                "--since",
                "03/04/2026",
            ],
            "error: ambiguous date `03/04/2026`",
        ),
        (
            &["org", "add", "X Party", "--country", "GR", "--lang", "greek"],
            "error: invalid language code `greek`",
        ),
        (
            &["org", "add", "X Party", "--country", "GR", "--handle", "9lives"],
            "error: invalid handle `9lives`",
        ),
        (
            &[
                "org",
                "add",
                "X Party",
                "--country",
                "GR",
                "--region",
                "Middle Earth",
            ],
            "error: unknown region `Middle Earth`",
        ),
        (
            &[
                "org",
                "add",
                "X Party",
                "--country",
                "GR",
                "--note",
                &"n".repeat(100_001),
            ],
            "error: notes is too long",
        ),
    ];
    for (args, expected) in cases {
        let err = env.fails(1, args);
        assert!(
            err.contains(expected),
            "for {:?}:\n{err}",
            &args[..args.len().min(6)]
        );
        assert!(
            err.contains("hint: "),
            "no hint for {:?}:\n{err}",
            &args[..args.len().min(6)]
        );
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn bad_words_and_missing_flags_are_usage_errors() {
    let env = Env::new();
    let r = env.run(&["org", "add", "X Party", "--country", "GR", "--status", "friend"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("expected one of: partner, contact, prospect, dormant, ended"),
        "{}",
        r.stderr
    );
    let err = env.fails(2, &["org", "add", "X Party"]);
    assert!(err.contains("--country is required"), "{err}");
    assert_eq!(env.count("SELECT count(*) FROM organisations"), 0);
}

#[test]
fn list_filters_by_country_region_kind_status_and_tag() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "org",
        "add",
        "DİSK",
        "--country",
        "TR",
        "--kind",
        "union",
        "--tag",
        "neighbour",
    ]);
    let handles = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["org", "list"];
        all.extend(args);
        env.json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["handle"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(handles(&["--country", "Greece"]), ["kke"]);
    assert_eq!(handles(&["--country", "IR", "--country", "iq"]), ["kcp", "tudeh"]);
    assert_eq!(handles(&["--region", "Western Asia"]), ["kcp", "disk"]);
    assert_eq!(handles(&["--kind", "union"]), ["disk"]);
    assert_eq!(handles(&["--status", "partner"]), ["kke", "pcp"]);
    assert_eq!(handles(&["--tag", "neighbour"]), ["disk"]);
    assert_eq!(
        handles(&["--sort", "country"]),
        ["kke", "kcp", "tudeh", "pcp", "disk"]
    );
    assert_eq!(handles(&["--country", "JP"]), Vec::<String>::new());
}

#[test]
fn a_table_with_persian_and_greek_names_stays_aligned() {
    let env = Env::new();
    seed(&env);
    let out = env.ok(&["org", "list"]);
    insta::assert_snapshot!(out, @r"
     handle  name                          native name                  country  kind   status   tags
    ────────────────────────────────────────────────────────────────────────────────────────────────────
     kke     Communist Party of Greece     Κομμουνιστικό Κόμμα Ελλάδας  GR       party  partner  europe
     kcp     Communist Party of Kurdistan  حزبی شیوعی کوردستان          IQ       party  contact
     pcp     Portuguese Communist Party    Partido Comunista Português  PT       party  partner
     tudeh   Tudeh Party of Iran           حزب تودهٔ ایران               IR       party  dormant
    ");
}

#[test]
fn csv_listing_is_the_contract_and_formula_safe() {
    let env = Env::new();
    env.ok(&[
        "org",
        "add",
        "Solidarity Action Committee",
        "--country",
        "DE",
        "--native",
        "=HYPERLINK(\"http://example.invalid\",\"click\")",
        "--kind",
        "movement",
    ]);
    let out = env.ok(&["org", "list", "--format", "csv"]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,handle,name,native_name,aliases,country,region,kind,status,since,languages,website,email,tags,notes,sensitivity,created_at,updated_at,last_contact,name_fa,groups"
    );
    let row = lines.next().unwrap();
    assert!(row.contains(",sac,Solidarity Action Committee,\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\",,DE,Western Europe,movement,contact,"), "{row}");
    // Stored as given.
    let native: String = env
        .sql()
        .query_row("SELECT native_name FROM organisations", [], |r| r.get(0))
        .unwrap();
    assert_eq!(native, "=HYPERLINK(\"http://example.invalid\",\"click\")");
}

#[test]
fn show_has_profile_and_people() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "person",
        "add",
        "Eleni Papadopoulou",
        "--native",
        "Ελένη Παπαδοπούλου",
        "--org",
        "kke",
        "--role",
        "international section",
    ]);
    let out = env.ok(&["org", "show", "kke"]);
    assert!(
        out.starts_with("Communist Party of Greece  [kke]\nΚομμουνιστικό Κόμμα Ελλάδας\n"),
        "{out}"
    );
    assert!(out.contains("  country  Greece (GR), Southern Europe\n"), "{out}");
    assert!(out.contains("   status  partner since 2009-05-14\n"), "{out}");
    assert!(out.contains("People (1)"), "{out}");
    assert!(
        out.contains("Eleni Papadopoulou  Ελένη Παπαδοπούλου  international section"),
        "{out}"
    );
    let j = env.json(&["org", "show", "kke"]);
    assert_eq!(j["people"][0]["name"], "Eleni Papadopoulou");
    assert_eq!(j["people"][0]["organisation"], "kke");
}

#[test]
fn edit_renames_keeping_the_old_name_as_alias() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "org",
        "edit",
        "kke",
        "--name",
        "KKE",
        "--tag",
        "balkans",
        "--untag",
        "europe",
        "--country",
        "CY",
        "--website",
        "",
    ]);
    let o = env.json(&["org", "show", "kke"]);
    assert_eq!(o["name"], "KKE");
    assert_eq!(o["aliases"], serde_json::json!(["Communist Party of Greece"]));
    assert_eq!(o["tags"], serde_json::json!(["balkans"]));
    assert_eq!(o["country"], "CY");
    assert_eq!(o["region"], "Western Asia");
    // The old name still finds it.
    assert_eq!(
        env.json(&["org", "show", "communist party of greece"])["handle"],
        "kke"
    );
    // Changing the handle to a taken one changes nothing.
    let before = env.snapshot();
    env.fails(1, &["org", "edit", "kke", "--handle", "tudeh", "--note", "x"]);
    assert_eq!(env.snapshot(), before);
    env.ok(&["org", "edit", "kke", "--handle", "kke1918"]);
    assert_eq!(env.json(&["org", "show", "kke1918"])["name"], "KKE");
}

#[test]
fn rm_is_soft_and_restore_brings_it_back() {
    let env = Env::new();
    seed(&env);
    let out = env.ok(&["org", "rm", "tudeh"]);
    assert_eq!(
        out,
        "deleted tudeh (Tudeh Party of Iran)\nrestore it with: liaison org restore tudeh\n"
    );
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE deleted_at IS NOT NULL"),
        1
    );
    assert!(!env.ok(&["org", "list"]).contains("tudeh"));
    let err = env.fails(1, &["org", "show", "tudeh"]);
    assert!(
        err.contains("hint: restore it with: liaison org restore tudeh"),
        "{err}"
    );
    env.ok(&["org", "restore", "tudeh"]);
    assert_eq!(env.json(&["org", "show", "tudeh"])["name"], "Tudeh Party of Iran");
}

#[test]
fn purge_needs_confirmation_and_then_removes_for_good() {
    let env = Env::new();
    seed(&env);
    env.ok(&["person", "add", "Ali", "--org", "tudeh"]);
    let before = env.snapshot();
    let err = env.fails(1, &["org", "rm", "tudeh", "--purge"]);
    assert!(
        err.contains("needs confirmation") && err.contains("--yes"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    env.ok(&["org", "rm", "tudeh", "--purge", "--yes"]);
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE handle = 'tudeh'"),
        0
    );
    assert_eq!(
        env.count("SELECT count(*) FROM org_names WHERE value LIKE '%Tudeh%'"),
        0
    );
    assert_eq!(
        env.count("SELECT count(*) FROM people WHERE name = 'Ali' AND org_id IS NULL"),
        1
    );
    // The handle is free again.
    env.ok(&["org", "add", "Tudeh", "--country", "IR", "--handle", "tudeh"]);
}

#[test]
fn merge_moves_people_and_names() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "org",
        "add",
        "PCP",
        "--country",
        "PT",
        "--handle",
        "pcp-dup",
        "--tag",
        "iberia",
        "--lang",
        "pt",
    ]);
    env.ok(&["person", "add", "Ana Ribeiro", "--org", "pcp-dup"]);
    let out = env.ok(&["org", "merge", "pcp-dup", "pcp"]);
    assert_eq!(
        out,
        "merged pcp-dup into pcp: 0 log entries, 0 tasks, 1 person and 1 name moved; pcp-dup is deleted\n"
    );
    let o = env.json(&["org", "show", "pcp"]);
    assert_eq!(o["aliases"], serde_json::json!(["PCP"]));
    assert_eq!(o["tags"], serde_json::json!(["iberia"]));
    assert_eq!(o["people"][0]["name"], "Ana Ribeiro");
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE handle = 'pcp-dup' AND deleted_at IS NOT NULL"),
        1
    );
    env.fails(1, &["org", "merge", "pcp", "pcp"]);
}

#[test]
fn merge_takes_the_latest_contact_of_both_and_undo_and_redo_follow() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "org",
        "add",
        "KKE (duplicate)",
        "--country",
        "GR",
        "--handle",
        "kke-2",
    ]);
    env.ok(&[
        "log",
        "kke",
        "--date",
        "2026-03-01",
        "--channel",
        "call",
        "--summary",
        "Old call",
    ]);
    env.ok(&[
        "log",
        "kke-2",
        "--date",
        "2026-11-20",
        "--channel",
        "email",
        "--summary",
        "Recent mail",
    ]);
    let last = |handle: &str| env.json(&["org", "show", handle])["last_contact"].clone();
    let cold = || -> Vec<String> {
        env.json(&["agenda"])["going_cold"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| format!("{} {}", o["handle"].as_str().unwrap(), o["last_contact"]))
            .collect()
    };
    assert_eq!(cold(), vec!["pcp null", "kke \"2026-03-01\""]);
    env.ok(&["org", "merge", "kke-2", "kke"]);
    assert_eq!(last("kke"), "2026-11-20");
    assert_eq!(cold(), vec!["pcp null"]);
    env.ok(&["--yes", "undo"]);
    assert_eq!(last("kke"), "2026-03-01");
    assert_eq!(last("kke-2"), "2026-11-20");
    assert_eq!(cold(), vec!["pcp null", "kke \"2026-03-01\""]);
    env.ok(&["--yes", "undo", "--redo"]);
    assert_eq!(last("kke"), "2026-11-20");
    assert_eq!(cold(), vec!["pcp null"]);
}

#[test]
fn a_name_close_to_one_recorded_is_warned_about_in_a_script() {
    let env = Env::new();
    seed(&env);
    // A typo in the same country.
    let r = env.run(&["org", "add", "Tudeh Party of Iarn", "--country", "Iran"]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert_eq!(
        r.stderr,
        "warning: `Tudeh Party of Iarn` is close to tudeh (Tudeh Party of Iran, IR); added as another organisation, tpi\n\
         hint: did you mean tudeh? then take it back with liaison undo\n"
    );
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE handle = 'tpi'"),
        1
    );
    // The same name in another country, by its native name too.
    let r = env.run(&[
        "org",
        "add",
        "KKE abroad",
        "--native",
        "Κομμουνιστικό Κόμμα Ελλάδας",
        "--country",
        "CY",
    ]);
    assert!(
        r.code == 0
            && r.stderr
                .contains("is close to kke (Communist Party of Greece, GR)"),
        "{}",
        r.describe()
    );
    // --yes says it is meant; names far apart say nothing.
    env.ok(&["--yes", "org", "add", "Tudeh Party of Iran", "--country", "DE"]);
    env.ok(&["org", "add", "Party of Labour", "--country", "IR"]);
    env.ok(&["org", "add", "Tudeh Youth", "--country", "IR"]);
    // The exact name in the same country is still refused as a duplicate.
    let err = env.fails(1, &["org", "add", "Tudeh Party of Iran", "--country", "IR"]);
    assert!(err.contains("is already recorded as `tudeh`"), "{err}");
}
