//! A real published directory of parties, and the headers, countries,
//! acronyms and same-named parties such directories bring.

use crate::common::{Env, fixture};

/// One organisation's stored handle, country, region and native name.
fn stored(env: &Env, name: &str, country: &str) -> (String, String, Option<String>) {
    env.sql()
        .query_row(
            "SELECT handle, region, native_name FROM organisations WHERE name = ?1 AND country = ?2",
            [name, country],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap_or_else(|e| panic!("{name} ({country}): {e}"))
}

fn handle_of(env: &Env, name: &str, country: &str) -> String {
    stored(env, name, country).0
}

fn write(env: &Env, file: &str, text: &str) -> String {
    let p = env.path(file);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn the_parlgov_directory_goes_in_as_published() {
    let env = Env::new();
    let file = fixture("parlgov/view_party-communist.csv");
    let r = env.run(&["import", "orgs", &file]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(
        r.stdout.contains("161 added, 0 updated, 0 skipped (161 rows"),
        "{}",
        r.describe()
    );
    assert_eq!(env.count("SELECT count(*) FROM organisations"), 161);
    assert_eq!(env.count("SELECT count(DISTINCT country) FROM organisations"), 36);
    // The English name is the name, ParlGov's `party_name` the native one,
    // the acronym the handle and an alias.
    assert_eq!(
        stored(&env, "Communist Party of Greece", "GR"),
        (
            "kke".into(),
            "Southern Europe".into(),
            Some("Kommounistikó Kómma Elládas".into())
        )
    );
    assert_eq!(
        handle_of(&env, "Progressive Party of Working People", "CY"),
        "akel"
    );
    assert_eq!(
        handle_of(&env, "Communist Party of Bohemia and Moravia", "CZ"),
        "kscm"
    );
    assert_eq!(handle_of(&env, "Communist Party | United Left", "ES"), "pce-iu");
    assert_eq!(
        env.count("SELECT count(*) FROM org_names WHERE key = 'kke'"),
        1,
        "the acronym is an alias"
    );
    // Stored exactly, blanks inside included.
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE name = 'Communist  Party of Finland (Unity)'"),
        1
    );
    // Sinn Fein is listed for the United Kingdom and for Ireland, SF also
    // in Norway: the first keeps the acronym, the others add their country.
    assert_eq!(handle_of(&env, "Sinn Fein", "GB"), "sf");
    assert_eq!(handle_of(&env, "Sinn Fein", "IE"), "sf-ie");
    assert_eq!(handle_of(&env, "Socialist People's Party", "NO"), "sf-no");
    assert!(r.stdout.contains("same acronym"), "{}", r.describe());
    assert!(!r.stdout.contains("same organisation"), "{}", r.describe());
    // The dropped columns that hold names are named, before the summary.
    assert!(
        r.stderr
            .contains("warning: column `party_name_ascii` holds names"),
        "{}",
        r.describe()
    );
}

#[test]
fn directory_headers_in_english_and_persian() {
    let env = Env::new();
    let en = write(
        &env,
        "en.csv",
        "Party name,Acronym,Name in original language,Country,Web site\n\
         Communist Party of Greece,KKE,Κομμουνιστικό Κόμμα Ελλάδας,Greece,https://www.kke.gr\n\
         Progressive Party of Working People,AKEL,Ανορθωτικό Κόμμα Εργαζόμενου Λαού,Cyprus,akel.org.cy\n\
         Communist Party of Turkey,TKP,Türkiye Komünist Partisi,Turkey,\n\
         All-Workers Militant Front,PAME,Πανεργατικό Αγωνιστικό Μέτωπο,Greece,\n",
    );
    let r = env.run(&["import", "orgs", &en]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(r.stderr.is_empty(), "{}", r.describe());
    for (name, country, handle) in [
        ("Communist Party of Greece", "GR", "kke"),
        ("Progressive Party of Working People", "CY", "akel"),
        ("Communist Party of Turkey", "TR", "tkp"),
        ("All-Workers Militant Front", "GR", "pame"),
    ] {
        assert_eq!(handle_of(&env, name, country), handle);
    }
    assert_eq!(
        stored(&env, "Progressive Party of Working People", "CY")
            .2
            .as_deref(),
        Some("Ανορθωτικό Κόμμα Εργαζόμενου Λαού")
    );
    assert_eq!(
        env.count(
            "SELECT count(*) FROM organisations WHERE handle = 'akel' AND website = 'https://akel.org.cy'"
        ),
        1
    );
    let fa = write(
        &env,
        "fa.csv",
        "نام حزب,نام اختصاری,نام به زبان اصلی,کشور,وب‌سایت\n\
         Tudeh Party of Iran,,حزب تودهٔ ایران,ایران,https://www.tudehpartyiran.org\n\
         Iraqi Communist Party,ICP,الحزب الشيوعي العراقي,عراق,\n",
    );
    env.ok(&["import", "orgs", &fa]);
    assert_eq!(
        stored(&env, "Tudeh Party of Iran", "IR"),
        (
            "tudeh".into(),
            "Southern Asia".into(),
            Some("حزب تودهٔ ایران".into())
        )
    );
    assert_eq!(handle_of(&env, "Iraqi Communist Party", "IQ"), "icp");
}

#[test]
fn a_file_liaison_wrote_comes_back_in() {
    let env = Env::new();
    env.ok(&[
        "org",
        "add",
        "Communist Party of Greece",
        "--alias",
        "KKE",
        "--native",
        "Κομμουνιστικό Κόμμα Ελλάδας",
        "--country",
        "GR",
    ]);
    let csv = env.ok(&["org", "list", "--format", "csv"]);
    let table = env.ok(&["org", "list"]);
    assert!(table.contains("native name"), "{table}");
    let file = write(&env, "back.csv", &csv);
    let out = env.ok(&["import", "orgs", &file, "--on-duplicate", "skip"]);
    assert!(out.contains("1 skipped"), "{out}");
    // The Persian report's labels for the same columns.
    let fa = write(
        &env,
        "fa.csv",
        "سازمان,کشور,منطقه,وضعیت,آخرین تماس\nPortuguese Communist Party,PT,Southern Europe,partner,\n",
    );
    let out = env.ok(&["import", "orgs", &fa]);
    assert!(!out.contains("columns ignored"), "{out}");
    assert_eq!(handle_of(&env, "Portuguese Communist Party", "PT"), "pcp");
}

#[test]
fn an_ignored_column_with_names_is_named_before_anything_is_stored() {
    let env = Env::new();
    let file = write(
        &env,
        "leaders.csv",
        "Name,Country,Leader,Notes2\nCommunist Party of Greece,GR,Δημήτρης Κουτσούμπας,x\nBad,Atlantis,Someone,y\n",
    );
    let before = env.snapshot();
    let r = env.run(&["import", "orgs", &file]);
    assert_eq!(r.code, 1, "{}", r.describe());
    let warning = r
        .stderr
        .find("warning: column `Leader` holds text in a non-Latin script");
    let error = r.stderr.find("error:");
    assert!(warning.is_some() && warning < error, "{}", r.describe());
    assert!(!r.stderr.contains("`Notes2`"), "{}", r.describe());
    assert_eq!(env.snapshot(), before);
    // Dropping it on purpose silences the warning.
    let good = write(
        &env,
        "good.csv",
        "Name,Country,Leader\nCommunist Party of Greece,GR,Δημήτρης\n",
    );
    env.ok(&["import", "orgs", &good, "--map", "Leader=-"]);
}

#[test]
fn countries_as_people_write_them() {
    let env = Env::new();
    let rows = [
        ("Britain", "GB"),
        ("Czech", "CZ"),
        ("DPRK", "KP"),
        ("North Korea", "KP"),
        ("Kosovo", "XK"),
        ("XK", "XK"),
        ("Holland", "NL"),
        ("USA", "US"),
        ("روسیه", "RU"),
        ("آمریکا", "US"),
        ("انگلیس", "GB"),
        ("بریتانیا", "GB"),
        ("کره شمالی", "KP"),
        ("جمهوری آذربایجان", "AZ"),
        ("ایالات متحده", "US"),
        ("کوزوو", "XK"),
        ("روسيا", "RU"),
        ("الولايات المتحدة", "US"),
        ("كوريا الشمالية", "KP"),
    ];
    let mut text = String::from("Name,Country\n");
    for (i, (country, _)) in rows.iter().enumerate() {
        text.push_str(&format!("Party {i},{country}\n"));
    }
    let file = write(&env, "countries.csv", &text);
    env.ok(&["import", "orgs", &file]);
    for (i, (country, code)) in rows.iter().enumerate() {
        let got: String = env
            .sql()
            .query_row(
                "SELECT country FROM organisations WHERE name = ?1",
                [format!("Party {i}")],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(&got, code, "{country}");
    }
    assert_eq!(stored(&env, "Party 4", "XK").1, "Southern Europe");
    let show = env.ok(&["org", "show", "Party 4"]);
    assert!(show.contains("Kosovo (XK), Southern Europe"), "{show}");
    env.ok(&["org", "add", "Communist Party of Kosovo", "--country", "Kosovo"]);
    let list = env.ok(&["org", "list", "--region", "southern europe", "--format", "csv"]);
    assert!(list.contains("Communist Party of Kosovo"), "{list}");
}

#[test]
fn names_of_several_countries_and_places_that_are_not_states_are_refused() {
    let env = Env::new();
    let before = env.snapshot();
    let err = env.fails(
        1,
        &["org", "add", "Workers' Party of Korea", "--country", "Korea"],
    );
    assert!(err.contains("North Korea (KP)") || err.contains("(KP)"), "{err}");
    assert!(err.contains("(KR)"), "{err}");
    let err = env.fails(1, &["org", "add", "X", "--country", "Congo"]);
    assert!(err.contains("(CD)") && err.contains("(CG)"), "{err}");
    let err = env.fails(1, &["org", "add", "X", "--country", "Guinea"]);
    assert!(
        err.contains("(GN)") && err.contains("(GW)") && err.contains("(GQ)"),
        "{err}"
    );
    let err = env.fails(
        1,
        &[
            "org",
            "add",
            "Kurdistan Communist Party",
            "--country",
            "Kurdistan",
        ],
    );
    assert!(err.contains("not a state"), "{err}");
    for code in ["(IQ)", "(IR)", "(TR)", "(SY)"] {
        assert!(err.contains(code), "{err}");
    }
    assert!(err.contains("--group kurdistan"), "{err}");
    assert!(err.contains("--tag kurdistan"), "{err}");
    let err = env.fails(1, &["org", "add", "X", "--country", "Basque Country"]);
    assert!(err.contains("(ES)") && err.contains("(FR)"), "{err}");
    // A typo of روسیه is not corrected to سوریه (Syria).
    let err = env.fails(1, &["org", "add", "X", "--country", "روسیهه"]);
    assert!(err.contains("(RU)") && !err.contains("Syria"), "{err}");
    // In a file: the whole file is refused, each name explained.
    let file = write(
        &env,
        "k.csv",
        "Name,Country\nWorkers' Party of Korea,Korea\nA,GR\n",
    );
    let err = env.fails(1, &["import", "orgs", &file]);
    assert!(
        err.contains("line 2") && err.contains("(KP)") && err.contains("(KR)"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn same_name_and_country_are_two_when_something_tells_them_apart() {
    let env = Env::new();
    let file = write(
        &env,
        "same.csv",
        "Name,Country,Website,Native name\n\
         Workers' Party of Ireland,Ireland,https://workersparty.ie,\n\
         Workers' Party of Ireland,Ireland,https://www.workerspartyireland.net,\n\
         Communist Party of Azerbaijan,AZ,,Azərbaycan Kommunist Partiyası\n\
         Communist Party of Azerbaijan,AZ,,Azərbaycan Kommunist Partiyası (1993)\n",
    );
    env.ok(&["import", "orgs", &file]);
    assert_eq!(
        env.count("SELECT count(*) FROM organisations WHERE name = 'Workers'' Party of Ireland'"),
        2
    );
    assert_eq!(
        env.count(
            "SELECT count(DISTINCT handle) FROM organisations WHERE name = 'Communist Party of Azerbaijan'"
        ),
        2
    );
    // Nothing tells these two apart: refused, saying what matched.
    let before = env.snapshot();
    let twice = write(
        &env,
        "twice.csv",
        "Name,Country,Website\nSocialist Party,IE,https://socialistparty.ie\nSocialist Party,IE,https://socialistparty.ie\n",
    );
    let err = env.fails(1, &["import", "orgs", &twice]);
    assert!(
        err.contains("line 3")
            && err.contains("the same organisation as line 2 (name, country and website match)"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    // Against the database, as `org add` sees it.
    let err = env.fails(
        1,
        &[
            "org",
            "add",
            "Workers' Party of Ireland",
            "--country",
            "IE",
            "--website",
            "https://workersparty.ie",
        ],
    );
    assert!(err.contains("name, country, website match"), "{err}");
    env.ok(&[
        "org",
        "add",
        "Workers' Party of Ireland",
        "--country",
        "IE",
        "--handle",
        "wpi-belfast",
    ]);
}

#[test]
fn parties_sharing_an_acronym_get_their_country_code() {
    let env = Env::new();
    let file = write(
        &env,
        "acr.csv",
        "Party name,Acronym,Country\n\
         Partido Comunista de Bolivia,PCB,Bolivia\n\
         Partido Comunista Brasileiro,PCB,Brazil\n\
         Communist Party of India,CPI,India\n\
         Communist Party of Iran,CPI,Iran\n",
    );
    let out = env.ok(&["import", "orgs", &file]);
    assert_eq!(handle_of(&env, "Partido Comunista de Bolivia", "BO"), "pcb");
    assert_eq!(handle_of(&env, "Partido Comunista Brasileiro", "BR"), "pcb-br");
    assert_eq!(handle_of(&env, "Communist Party of India", "IN"), "cpi");
    assert_eq!(handle_of(&env, "Communist Party of Iran", "IR"), "cpi-ir");
    assert!(out.contains("same acronym") && out.contains("pcb-br"), "{out}");
    assert!(!out.contains("same organisation"), "{out}");
    // Both are found by their acronym's alias; `org add` says the same.
    let out = env.ok(&[
        "org",
        "add",
        "Partido Comunista Peruano",
        "--alias",
        "PCP",
        "--country",
        "PE",
    ]);
    assert!(out.starts_with("added pcp:"), "{out}");
    let out = env.ok(&[
        "org",
        "add",
        "Partido Comunista Português",
        "--alias",
        "PCP",
        "--country",
        "PT",
    ]);
    assert!(out.starts_with("added pcp-pt:"), "{out}");
    assert!(
        out.contains("same acronym as Partido Comunista Peruano (PE)"),
        "{out}"
    );
}

#[test]
fn a_generated_handle_is_the_word_everyone_uses() {
    let env = Env::new();
    let out = env.ok(&["org", "add", "Tudeh Party of Iran", "--country", "ایران"]);
    assert!(out.starts_with("added tudeh:"), "{out}");
    env.ok(&["org", "rm", "tudeh"]);
    env.ok(&["org", "restore", "tudeh"]);
    let out = env.ok(&["org", "add", "Communist Party of Greece", "--country", "GR"]);
    assert!(out.starts_with("added cpg:"), "{out}");
}
