//! People.

use crate::common::{Env, seed};

#[test]
fn add_list_show_edit_and_remove_a_person() {
    let env = Env::new();
    seed(&env);
    let out = env.ok(&[
        "person",
        "add",
        "Eleni Papadopoulou",
        "--native",
        "Ελένη Παπαδοπούλου",
        "--org",
        "Κομμουνιστικό Κόμμα Ελλάδας",
        "--role",
        "international section",
        "--email",
        "e@kke.gr",
        "--phone",
        "+30 210 123 4567",
        "--messaging",
        "signal: +30 690 000 0000",
        "--lang",
        "el,en",
    ]);
    assert!(
        out.starts_with("added Eleni Papadopoulou (international section, kke) ["),
        "{out}"
    );
    let p = env.json(&["person", "show", "ελενη"]);
    assert_eq!(p["organisation"], "kke");
    assert_eq!(p["phone"], "+30 210 123 4567");
    assert_eq!(p["messaging"], serde_json::json!(["signal: +30 690 000 0000"]));
    assert_eq!(p["languages"], serde_json::json!(["el", "en"]));
    assert_eq!(p["do_not_contact"], false);

    env.ok(&[
        "person",
        "edit",
        "Eleni",
        "--do-not-contact",
        "--org",
        "",
        "--role",
        "retired",
    ]);
    let p = env.json(&["person", "show", "Eleni Papadopoulou"]);
    assert_eq!(p["do_not_contact"], true);
    assert_eq!(p["organisation"], serde_json::Value::Null);
    assert_eq!(p["role"], "retired");

    let csv = env.ok(&["person", "list", "--format", "csv"]);
    assert!(csv.starts_with("id,name,native_name,organisation,role,email,phone,messaging,languages,notes,do_not_contact,sensitivity,created_at,updated_at,name_fa\n"), "{csv}");
    assert!(
        csv.contains(",'+30 210 123 4567,"),
        "phone is formula-escaped: {csv}"
    );

    env.ok(&["person", "rm", "Eleni"]);
    assert_eq!(env.ok(&["person", "list"]), "no people match\n");
}

#[test]
fn people_are_listed_by_organisation() {
    let env = Env::new();
    seed(&env);
    env.ok(&["person", "add", "Ana Ribeiro", "--org", "pcp"]);
    env.ok(&["person", "add", "رضا شهابی", "--org", "tudeh"]);
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["person", "list"];
        all.extend(args);
        env.json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&["--org", "pcp"]), ["Ana Ribeiro"]);
    assert_eq!(names(&["--country", "ایران"]), ["رضا شهابی"]);
    // Arabic yeh finds the Persian name.
    assert_eq!(env.json(&["person", "show", "رضا شهابي"])["name"], "رضا شهابی");
}

#[test]
fn bad_person_input_stores_nothing() {
    let env = Env::new();
    seed(&env);
    let before = env.snapshot();
    let err = env.fails(1, &["person", "add", "X", "--org", "Atlantis Party"]);
    assert!(
        err.starts_with("error: no organisation matches `Atlantis Party`"),
        "{err}"
    );
    let err = env.fails(1, &["person", "add", "X", "--phone", "call me"]);
    assert!(err.starts_with("error: invalid phone number `call me`"), "{err}");
    let err = env.fails(1, &["person", "add", "X", "--email", "x@"]);
    assert!(err.starts_with("error: invalid e-mail address `x@`"), "{err}");
    let err = env.fails(1, &["person", "show", "Nobody"]);
    assert!(err.starts_with("error: no person matches `Nobody`"), "{err}");
    assert_eq!(env.snapshot(), before);
}

/// A person with a Persian name: shown, searched, exported and imported,
/// and named by it in the Persian report only.
#[test]
fn a_persons_persian_name_is_stored_found_and_reported() {
    let env = Env::new();
    seed(&env);
    env.ok(&[
        "person",
        "add",
        "Maryam Firouz",
        "--org",
        "tudeh",
        "--name-fa",
        "مریم فیروز",
        "--email",
        "maryam@example.org",
    ]);
    let name_fa: String = env
        .sql()
        .query_row("SELECT name_fa FROM people", [], |r| r.get(0))
        .unwrap();
    assert_eq!(name_fa, "مریم فیروز");
    let show = env.ok(&["person", "show", "Maryam"]);
    assert!(show.contains("مریم فیروز"), "{show}");
    // Found by the Persian name, in Arabic letters too.
    for q in ["فیروز", "مريم"] {
        let hits = env.json(&["search", "--in", "people", q]);
        assert_eq!(hits[0]["name"], "Maryam Firouz", "{q}: {hits}");
    }
    env.ok(&[
        "log",
        "tudeh",
        "--channel",
        "meeting",
        "--date",
        "2026-08-10",
        "--with",
        "Maryam Firouz",
        "--summary",
        "Met in Berlin.",
    ]);
    let fa = env.ok(&[
        "report",
        "quarterly",
        "--quarter",
        "2026Q3",
        "--include-contact-details",
        "--format",
        "md",
        "--lang",
        "fa",
    ]);
    assert!(fa.contains("| مریم فیروز |"), "{fa}");
    assert!(!fa.contains("Maryam Firouz"), "{fa}");
    let en = env.ok(&[
        "report",
        "quarterly",
        "--quarter",
        "2026Q3",
        "--include-contact-details",
        "--format",
        "md",
    ]);
    assert!(en.contains("| Maryam Firouz |"), "{en}");
    assert!(!en.contains("مریم فیروز"), "{en}");
    // Exported as the last column and read back, also from a sheet that
    // heads it in Persian.
    let csv = env.ok(&["export", "people"]);
    assert!(csv.lines().next().unwrap().ends_with(",name_fa"), "{csv}");
    let other = Env::new();
    seed(&other);
    let file = other.path("people.csv");
    std::fs::write(&file, &csv).unwrap();
    other.ok(&["import", "people", file.to_str().unwrap()]);
    let sheet = other.path("sheet.csv");
    std::fs::write(&sheet, "name,نام فارسی\nBijan Rahmani,بیژن رحمانی\n").unwrap();
    other.ok(&["import", "people", sheet.to_str().unwrap()]);
    let conn = other.sql();
    let mut stmt = conn
        .prepare("SELECT name, name_fa FROM people ORDER BY name")
        .unwrap();
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        rows,
        [
            ("Bijan Rahmani".to_string(), "بیژن رحمانی".to_string()),
            ("Maryam Firouz".to_string(), "مریم فیروز".to_string()),
        ]
    );
    // Cleared with an empty value.
    env.ok(&["person", "edit", "Maryam", "--name-fa", ""]);
    assert_eq!(
        env.count("SELECT count(*) FROM people WHERE name_fa IS NOT NULL"),
        0
    );
    assert!(
        env.json(&["search", "--in", "people", "فیروز"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}
