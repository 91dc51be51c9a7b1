//! CSV import and export with the files people really have.

use crate::common::{Env, fixture, seed};

/// Writes bytes to a file in the scratch folder and returns its path.
fn file(env: &Env, name: &str, bytes: &[u8]) -> String {
    let p = env.path(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn the_excel_partner_list_imports_with_everything_in_place() {
    let env = Env::new();
    let out = env.ok(&["import", "orgs", &fixture("partners-excel.csv")]);
    assert_eq!(
        out,
        format!(
            "imported {}: 25 added, 0 updated, 0 skipped (25 rows; UTF-8, ';')\ncolumns ignored: Contact person\n",
            fixture("partners-excel.csv")
        )
    );
    let kke = env.json(&["org", "show", "Κομμουνιστικό Κόμμα Ελλάδας"]);
    assert_eq!(kke["country"], "GR");
    assert_eq!(
        kke["since"], "2009-05-14",
        "dd/mm/yyyy read day-first: the column has 14/05/2009"
    );
    assert_eq!(kke["languages"], serde_json::json!(["el", "en"]));
    assert_eq!(kke["website"], "https://www.kke.gr");
    let tudeh = env.json(&["org", "show", "Tudeh Party of Iran"]);
    assert_eq!(tudeh["notes"], "Long history; \"careful\" with public statements");
    assert_eq!(tudeh["status"], "dormant");
    // The formula is stored as the text it is…
    let native: String = env
        .sql()
        .query_row(
            "SELECT native_name FROM organisations WHERE name = 'Solidarity Action Committee'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(native, "=HYPERLINK(\"http://example.invalid\",\"click\")");
    // …and exported so that a spreadsheet shows it as text.
    let csv = env.ok(&["export", "orgs"]);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\""),
        "{csv}"
    );
}

#[test]
fn an_unknown_organisation_in_the_log_rejects_the_file_with_candidates() {
    let env = Env::new();
    env.ok(&["import", "orgs", &fixture("partners-excel.csv")]);
    let before = env.snapshot();
    let errors = env.path("errors.csv");
    let err = env.fails(
        1,
        &[
            "import",
            "log",
            &fixture("contact-log.csv"),
            "--errors",
            errors.to_str().unwrap(),
        ],
    );
    assert!(
        err.starts_with(&format!(
            "error: {}: 6 problems in 64 rows; nothing was imported\n",
            fixture("contact-log.csv")
        )),
        "{err}"
    );
    assert!(
        err.contains("line 10, column organisation, `حزب كمونيست كردستان`: no organisation matches (closest: cpk (Communist Party of Kurdistan, IQ))"),
        "{err}"
    );
    assert!(err.contains("hint: add a missing name as an alias"), "{err}");
    assert_eq!(env.snapshot(), before, "nothing was imported");
    let report = std::fs::read_to_string(&errors).unwrap();
    assert!(
        report.starts_with("line,column,value,reason,candidates\n10,organisation,حزب كمونيست كردستان,no organisation matches,\"closest: cpk"),
        "{report}"
    );
    assert_eq!(report.lines().count(), 7);

    // Once the name is an alias, everything goes in, with its follow-ups.
    env.ok(&["org", "edit", "cpk", "--alias", "حزب كمونيست كردستان"]);
    let out = env.ok(&["import", "log", &fixture("contact-log.csv")]);
    assert!(
        out.contains(": 64 added, 0 updated, 0 skipped (64 rows; UTF-8, ','); 24 follow-ups"),
        "{out}"
    );
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 64);
    let h = env.json(&["history", "cpk", "--until", "2025-04-12"]);
    assert_eq!(
        h[0]["summary"],
        "Meeting at their office.\nPresent: two members of their international department.\nAgreed on a joint seminar in spring."
    );
    // Importing again: duplicates are refused, or skipped when asked.
    let err = env.fails(1, &["import", "log", &fixture("contact-log.csv")]);
    assert!(err.contains("already in the log"), "{err}");
    assert!(err.contains("--on-duplicate skip"), "{err}");
    let out = env.ok(&[
        "import",
        "log",
        &fixture("contact-log.csv"),
        "--on-duplicate",
        "skip",
    ]);
    assert!(out.contains(": 0 added, 0 updated, 64 skipped"), "{out}");
}

#[test]
fn dry_run_stores_nothing() {
    let env = Env::new();
    let before = env.snapshot();
    let out = env.ok(&["import", "orgs", &fixture("partners-excel.csv"), "--dry-run"]);
    assert!(
        out.starts_with(&format!(
            "would import {}: 25 added",
            fixture("partners-excel.csv")
        )),
        "{out}"
    );
    assert!(out.ends_with("nothing was stored (--dry-run)\n"), "{out}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn encodings_are_detected_or_named() {
    let env = Env::new();
    let text = "نام;کشور;نوع;وضعیت;یادداشت\r\nحزب توده ایران;ایران;party;dormant;یادداشت فارسی\r\nKKE;یونان;party;partner;\r\n";
    // UTF-16 LE with a byte-order mark, as "Unicode text" from a spreadsheet.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let out = env.ok(&["import", "orgs", &file(&env, "u16.csv", &utf16)]);
    assert!(out.contains("2 added") && out.contains("UTF-16LE, ';'"), "{out}");
    assert_eq!(
        env.json(&["org", "show", "حزب توده ایران"])["notes"],
        "یادداشت فارسی"
    );

    // Windows-1256, detected without being named.
    let (arabic, _, _) = encoding_rs::WINDOWS_1256
        .encode("name,country,notes\nالحزب الشيوعي العراقي,العراق,بيانات باللغة العربية والفارسية\n");
    let out = env.ok(&["import", "orgs", &file(&env, "w1256.csv", &arabic)]);
    assert!(out.contains("1 added") && out.contains("windows-1256"), "{out}");
    assert_eq!(
        env.json(&["org", "show", "الحزب الشيوعي العراقي"])["country"],
        "IQ"
    );

    // UTF-16 big-endian with its mark.
    let mut be = vec![0xFE, 0xFF];
    be.extend(
        "name,country\nΕργατικό Κόμμα,GR\n"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes()),
    );
    let out = env.ok(&["import", "orgs", &file(&env, "u16be.csv", &be)]);
    assert!(out.contains("1 added") && out.contains("UTF-16BE"), "{out}");
    // ISO-8859-7 (Greek), named.
    let (greek, _, _) = encoding_rs::ISO_8859_7.encode("name,country\nΛαϊκή Ενότητα,GR\n");
    let out = env.ok(&[
        "import",
        "orgs",
        &file(&env, "greek.csv", &greek),
        "--encoding",
        "iso-8859-7",
    ]);
    assert!(out.contains("1 added"), "{out}");
    assert_eq!(env.json(&["org", "show", "Λαϊκή Ενότητα"])["country"], "GR");

    // Windows-1252 named explicitly.
    let (latin, _, _) =
        encoding_rs::WINDOWS_1252.encode("name,country\nPartido Comunista Português,Portugal\n");
    let out = env.ok(&[
        "import",
        "orgs",
        &file(&env, "w1252.csv", &latin),
        "--encoding",
        "windows-1252",
    ]);
    assert!(out.contains("1 added"), "{out}");
    assert_eq!(
        env.json(&["org", "show", "Partido Comunista Portugues"])["name"],
        "Partido Comunista Português"
    );
}

#[test]
fn text_in_the_wrong_encoding_is_refused() {
    let env = Env::new();
    // Valid UTF-8 at the start, Windows-1256 bytes far below the sniffed part.
    let mut bytes = b"name,country,notes\n".to_vec();
    for i in 0..6000 {
        bytes.extend(format!("Party {i},GR,fine\n").as_bytes());
    }
    let (bad, _, _) = encoding_rs::WINDOWS_1256.encode("حزب,IR,x\n");
    let at = bytes.len();
    bytes.extend(bad.iter());
    let before = env.snapshot();
    let err = env.fails(1, &["import", "orgs", &file(&env, "mixed.csv", &bytes)]);
    assert!(
        err.contains("3 byte sequences are not valid UTF-8; nothing was imported")
            && err.contains(&format!("line 6002, byte offset {at}: 0xCD\n")),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    let err = env.fails(
        1,
        &[
            "import",
            "orgs",
            &file(&env, "nul.csv", b"name,country\nA\0B,GR\n"),
        ],
    );
    assert!(
        err.contains("NUL bytes") && err.contains("--encoding utf-16le"),
        "{err}"
    );
}

#[test]
fn delimiters_and_line_ends_are_sniffed() {
    let env = Env::new();
    for (name, body) in [
        ("tab.csv", "name\tcountry\nTab Party\tGR\n"),
        ("pipe.csv", "name|country\nPipe Party|GR\n"),
        ("semi.csv", "name;country\r\n\"Semi; Colon Party\";GR\r\n"),
        (
            "comma.csv",
            "name,country,notes\n\"Comma, Party\",GR,\"two\nlines, and \"\"quotes\"\"\"\n",
        ),
    ] {
        let out = env.ok(&["import", "orgs", &file(&env, name, body.as_bytes())]);
        assert!(out.contains("1 added"), "{name}: {out}");
    }
    assert_eq!(
        env.json(&["org", "show", "Comma, Party"])["notes"],
        "two\nlines, and \"quotes\""
    );
    assert_eq!(env.json(&["org", "show", "Semi; Colon Party"])["country"], "GR");
}

#[test]
fn broken_files_are_refused_with_the_line() {
    let env = Env::new();
    seed_one(&env);
    let before = env.snapshot();
    let cases: &[(&str, &[u8], &str)] = &[
        ("empty.csv", b"", "is empty"),
        (
            "ragged.csv",
            b"name,country\nA Party,GR,extra\n",
            "line 2: the row has 3 cells; the header has 2",
        ),
        (
            "unclosed.csv",
            b"name,country,notes\nA Party,GR,\"never closed\nB Party,GR,x\n",
            "the quote opened at line 2 is never closed",
        ),
        ("nocountry.csv", b"name\nA Party\n", "no column for country"),
        (
            "badcountry.csv",
            b"name,country\nA Party,Atlantis\n",
            "line 2, column country, `Atlantis`: unknown country `Atlantis`",
        ),
        (
            "impossible.csv",
            b"name,country,since\nA Party,GR,31/02/2026\n",
            "impossible date `31/02/2026`",
        ),
        (
            "ambiguous.csv",
            b"name,country,since\nA Party,GR,03/04/2026\n",
            "read either day-first or month-first",
        ),
        (
            "mixed.csv",
            b"name,country,since\nA,GR,13/04/2026\nB,GR,04/13/2026\n",
            "the column mixes both orders",
        ),
        (
            "twice.csv",
            b"name,country\nSame Party,GR\nsame party,gr\n",
            "line 3, column name, `same party`: the same organisation as line 2",
        ),
        (
            "dup.csv",
            b"name,country\nCommunist Party of Greece,GR\n",
            "already recorded as `kke`",
        ),
        (
            "email.csv",
            b"name,country,email\nA Party,GR,not-an-email\n",
            "invalid e-mail address",
        ),
    ];
    for (name, body, expected) in cases {
        let err = env.fails(1, &["import", "orgs", &file(&env, name, body)]);
        assert!(err.contains(expected), "{name}:\n{err}");
    }
    assert_eq!(env.snapshot(), before);
    // An explicit order reads the ambiguous file.
    let out = env.ok(&[
        "import",
        "orgs",
        env.path("ambiguous.csv").to_str().unwrap(),
        "--date-order",
        "mdy",
    ]);
    assert!(out.contains("1 added"), "{out}");
    assert_eq!(env.json(&["org", "show", "A Party"])["since"], "2026-03-04");
}

#[test]
fn header_only_and_huge_fields() {
    let env = Env::new();
    let out = env.ok(&["import", "orgs", &file(&env, "header.csv", b"name,country\n")]);
    assert!(out.contains("0 added, 0 updated, 0 skipped (0 rows"), "{out}");
    let big = "x".repeat(1_000_000);
    let body = format!("name,country,notes\nBig Notes Party,GR,{big}\n");
    let err = env.fails(1, &["import", "orgs", &file(&env, "big.csv", body.as_bytes())]);
    assert!(
        err.contains("notes is too long (1000000 characters; at most 100000)"),
        "{}",
        &err[..300.min(err.len())]
    );
    let body = format!("name,country,notes\nBig Notes Party,GR,{}\n", "y".repeat(99_000));
    env.ok(&["import", "orgs", &file(&env, "big-ok.csv", body.as_bytes())]);
}

#[test]
fn persian_headers_maps_and_unknown_columns() {
    let env = Env::new();
    let body =
        "نام,نام اصلی,کشور,وضعیت,Partei-Typ,تلفن\nTudeh Party,حزب توده,ایران,dormant,party,+98 21 000\n";
    let out = env.ok(&[
        "import",
        "orgs",
        &file(&env, "fa.csv", body.as_bytes()),
        "--map",
        "Partei-Typ=kind",
        "--keep-unknown",
    ]);
    assert!(out.contains("1 added"), "{out}");
    assert!(out.contains("columns kept in the notes: تلفن"), "{out}");
    let o = env.json(&["org", "show", "حزب توده"]);
    assert_eq!(o["kind"], "party");
    assert_eq!(o["notes"], "تلفن: +98 21 000");
    let err = env.fails(
        2,
        &[
            "import",
            "orgs",
            &file(&env, "x.csv", b"name,country\n"),
            "--map",
            "name=nonsense",
        ],
    );
    assert!(err.contains("unknown field `nonsense`"), "{err}");
}

#[test]
fn duplicates_update_or_fill() {
    let env = Env::new();
    seed_one(&env);
    env.ok(&["org", "edit", "kke", "--website", "kke.gr"]);
    let body = b"name,country,website,email,status\nCommunist Party of Greece,GR,https://new.kke.gr,intl@kke.gr,contact\n";
    let path = file(&env, "dups.csv", body);
    let out = env.ok(&["import", "orgs", &path, "--on-duplicate", "fill"]);
    assert!(out.contains("0 added, 1 updated"), "{out}");
    let o = env.json(&["org", "show", "kke"]);
    assert_eq!(o["website"], "https://kke.gr", "fill keeps what is there");
    assert_eq!(o["email"], "intl@kke.gr", "fill sets what was empty");
    assert_eq!(o["status"], "partner", "fill keeps the status");
    env.ok(&["import", "orgs", &path, "--on-duplicate", "update"]);
    let o = env.json(&["org", "show", "kke"]);
    assert_eq!(o["website"], "https://new.kke.gr");
    assert_eq!(o["status"], "contact");
}

#[test]
fn stdin_people_and_tasks_import() {
    let env = Env::new();
    seed_one(&env);
    let out = env
        .cmd()
        .args(["import", "people", "-"])
        .write_stdin(
            "name,organisation,role,phone\nEleni,Κομμουνιστικό Κόμμα Ελλάδας,secretary,'+30 210 000\n",
        )
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let p = env.json(&["person", "show", "Eleni"]);
    assert_eq!(p["organisation"], "kke");
    assert_eq!(p["phone"], "+30 210 000", "the spreadsheet's ' escape is removed");
    let out = env.ok(&[
        "import",
        "tasks",
        &file(
            &env,
            "t.csv",
            b"title,organisation,due,priority\nSend report,kke,2026-12-01,high\n",
        ),
    ]);
    assert!(out.contains("1 added"), "{out}");
    assert_eq!(env.json(&["task", "list"])[0]["priority"], "high");
}

#[test]
fn export_writes_files_with_bom_and_filters_the_log() {
    let env = Env::new();
    seed_one(&env);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "early",
        "--date",
        "2026-01-05",
    ]);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "call",
        "--summary",
        "late",
        "--date",
        "2026-10-05",
    ]);
    let out = env.ok(&["export", "log", "--since", "2026-06-01"]);
    assert_eq!(out.lines().count(), 2);
    assert!(out.lines().nth(1).unwrap().contains(",late,"), "{out}");
    let f = env.path("orgs.csv");
    env.ok(&["export", "orgs", "--bom", "--out", f.to_str().unwrap()]);
    let bytes = std::fs::read(&f).unwrap();
    assert!(bytes.starts_with("\u{feff}id,handle,name".as_bytes()));
    assert_eq!(crate::common::mode(&f), 0o600);
    let dir = env.path("all");
    let out = env.ok(&["export", "all", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.lines().count(), 8, "one file per entity");
    let err = env.fails(2, &["export", "all"]);
    assert!(err.contains("--out DIR"), "{err}");
}

fn seed_one(env: &Env) {
    env.ok(&[
        "org",
        "add",
        "Communist Party of Greece",
        "--native",
        "Κομμουνιστικό Κόμμα Ελλάδας",
        "--handle",
        "kke",
        "--country",
        "GR",
        "--status",
        "partner",
    ]);
}

#[test]
fn the_log_export_names_every_organisation_of_an_entry() {
    let env = Env::new();
    crate::common::seed(&env);
    env.ok(&[
        "log",
        "kke",
        "tudeh",
        "--date",
        "2026-03-02",
        "--channel",
        "call",
        "--summary",
        "Both",
    ]);
    env.ok(&[
        "log",
        "kcp",
        "--date",
        "2026-03-02",
        "--channel",
        "email",
        "--summary",
        "One",
    ]);
    env.ok(&[
        "log",
        "pcp",
        "--date",
        "2026-01-10",
        "--channel",
        "email",
        "--summary",
        "Earlier",
    ]);
    // A link whose copied date disagrees with its entry is still found.
    env.sql()
        .execute_batch(
            "UPDATE interaction_orgs SET date = '1999-01-01'
              WHERE interaction_id = (SELECT id FROM interactions WHERE summary = 'One')",
        )
        .unwrap();
    let csv = env.ok(&["export", "log"]);
    let rows: Vec<(&str, &str)> = csv
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[5], cells[8])
        })
        .collect();
    assert_eq!(
        rows,
        vec![("pcp", "Earlier"), ("kke; tudeh", "Both"), ("kcp", "One")],
        "{csv}"
    );
}

#[test]
fn a_log_entry_repeated_in_one_file_is_refused_or_skipped() {
    let env = Env::new();
    seed(&env);
    // Lines 2 and 4 are the same entry (the summary differs only in case
    // and spacing, the organisation is named once by handle, once by name);
    // line 3 differs by date.
    let body = "date,organisation,channel,summary\n\
        2026-03-01,kke,email,Sent the  statement\n\
        2026-03-02,kke,email,Sent the statement\n\
        2026-03-01,Communist Party of Greece,email,sent the statement\n";
    std::fs::write(env.path("twice.csv"), body).unwrap();
    let before = env.snapshot();
    let err = env.fails(1, &["import", "log", "twice.csv"]);
    assert!(
        err.contains("line 4, column summary") && err.contains("repeats line 2 (the same entry)"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    let out = env.ok(&["import", "log", "twice.csv", "--on-duplicate", "skip"]);
    assert!(out.contains(": 2 added, 0 updated, 1 skipped"), "{out}");
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 2);
}

/// A Persian partner list in UTF-8, as bytes.
fn persian_list() -> Vec<u8> {
    let mut text = String::from("نام,کشور,یادداشت\n");
    for i in 0..5 {
        text.push_str(&format!("حزب کارگران شماره {i},ایران,یادداشت فارسی\n"));
    }
    text.into_bytes()
}

#[test]
fn utf8_with_stray_bytes_is_refused_with_their_place_never_read_as_a_code_page() {
    let env = Env::new();
    let before = env.snapshot();
    // One Latin-1 `é` (0xE9) pasted into the notes of line 3.
    let mut bytes = persian_list();
    let line3 = bytes
        .split(|&b| b == b'\n')
        .take(2)
        .map(|l| l.len() + 1)
        .sum::<usize>();
    let at = line3 + "حزب کارگران شماره 1,ایران,".len();
    bytes.insert(at, 0xE9);
    let path = file(&env, "stray.csv", &bytes);
    let err = env.fails(1, &["import", "orgs", &path]);
    assert!(
        err.starts_with(&format!(
            "error: {path}, line 3, byte offset {at}: 0xE9: not valid UTF-8; nothing was imported\n"
        )),
        "{err}"
    );
    assert!(err.contains("--encoding"), "{err}");
    assert_eq!(env.snapshot(), before, "nothing was imported");

    // Two more, on other lines: each is named.
    let end = bytes.len() - 1;
    bytes.insert(end, 0xA0);
    // The third in the header, after its first word.
    bytes.insert("نام".len(), 0xFF);
    let err = env.fails(1, &["import", "orgs", &file(&env, "strays.csv", &bytes)]);
    assert!(
        err.contains("3 byte sequences are not valid UTF-8; nothing was imported")
            && err.contains("hint:   line 1, byte offset 6: 0xFF\n")
            && err.contains(&format!("hint:   line 3, byte offset {}: 0xE9\n", at + 1))
            && err.contains(&format!("hint:   line 6, byte offset {}: 0xA0\n", end + 1)),
        "{err}"
    );
    assert_eq!(env.snapshot(), before, "nothing was imported");

    // Without the stray bytes the same file goes in, in Persian.
    let out = env.ok(&["import", "orgs", &file(&env, "clean.csv", &persian_list())]);
    assert!(out.contains("5 added") && out.contains("UTF-8"), "{out}");
    assert_eq!(
        env.json(&["org", "show", "حزب کارگران شماره 1"])["notes"],
        "یادداشت فارسی"
    );
}

#[test]
fn legacy_code_pages_are_still_detected() {
    let env = Env::new();
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(
        "name,country,notes\nPartido Comunista Português,Portugal,reunião em março\nParti communiste français,France,élu à Gênes\n",
    );
    let out = env.ok(&["import", "orgs", &file(&env, "w1252.csv", &latin)]);
    assert!(out.contains("2 added") && out.contains("windows-1252"), "{out}");
    assert_eq!(
        env.json(&["org", "show", "Parti communiste francais"])["notes"],
        "élu à Gênes"
    );
    // Windows-1256 has the Arabic yeh, not the Persian one.
    let (persian, _, _) = encoding_rs::WINDOWS_1256.encode(
        "name,country,notes\nحزب کمونيست کارگري,ايران,گزارش کنگره و يک پيک\nسنديکاي کارگران شرکت واحد,ايران,چاپ کتاب\n",
    );
    let out = env.ok(&["import", "orgs", &file(&env, "w1256.csv", &persian)]);
    assert!(out.contains("2 added") && out.contains("windows-1256"), "{out}");
    assert_eq!(
        env.json(&["org", "show", "سندیکای کارگران شرکت واحد"])["notes"],
        "چاپ کتاب"
    );
}

/// A 2 MB country cell: refused naming its start and length, in stderr and
/// in --errors (and in about a second: the closest-name scoring skips a
/// value no country name can be like).
#[test]
fn a_megabyte_cell_is_refused_with_a_short_message() {
    let env = Env::new();
    let country = "Gr".repeat(1_000_000);
    let body = format!("name,country\nBig Country Party,{country}\n");
    let errors = env.path("errors.csv");
    let err = env.fails(
        1,
        &[
            "import",
            "orgs",
            &file(&env, "big.csv", body.as_bytes()),
            "--errors",
            errors.to_str().unwrap(),
        ],
    );
    let first = err.lines().next().unwrap();
    let shown = "Gr".repeat(40);
    assert!(
        first.contains(&format!("line 2, column country, `{shown}…` (2,000,000 characters): unknown country `{shown}…` (2,000,000 characters)")),
        "{}",
        &err[..err.len().min(1000)]
    );
    assert!(err.len() < 1000, "{} bytes of errors", err.len());
    let report = std::fs::read_to_string(&errors).unwrap();
    assert!(
        report.contains(&format!("{shown}… (2,000,000 characters)")),
        "{}",
        &report[..report.len().min(1000)]
    );
    assert!(report.len() < 1000, "{} bytes in the error report", report.len());
}
