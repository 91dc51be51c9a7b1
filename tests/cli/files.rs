//! Files that have been through a spreadsheet: `.xlsx` and `.ods` sheets,
//! CSV saved again by LibreOffice (two-digit years, `11:15:00 AM`, a code
//! page that turned letters into `?`), CRLF line numbers.

use crate::common::{Env, fixture};

/// Writes bytes to a file in the scratch folder and returns its path.
fn file(env: &Env, name: &str, bytes: &[u8]) -> String {
    let p = env.path(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

/// The exported organisations without the columns an import sets anew
/// (ID, times), one line each, as a user would compare them.
fn org_rows(env: &Env) -> Vec<String> {
    let csv = env.ok(&["export", "orgs"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let keep: Vec<usize> = headers
        .iter()
        .enumerate()
        .filter(|(_, h)| !matches!(*h, "id" | "created_at" | "updated_at" | "last_contact"))
        .map(|(i, _)| i)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            keep.iter().map(|&i| &r[i]).collect::<Vec<_>>().join(" | ")
        })
        .collect()
}

/// The organisations of partners-excel.csv as stored, with its formula
/// cell as a spreadsheet file gives it back: the value it computed.
fn original_partners(computed_formula: bool) -> Vec<String> {
    let env = Env::new();
    env.ok(&["import", "orgs", &fixture("partners-excel.csv")]);
    let rows = org_rows(&env);
    assert_eq!(rows.len(), 25);
    if !computed_formula {
        return rows;
    }
    let formula = "'=HYPERLINK(\"http://example.invalid\",\"click\")";
    assert_eq!(rows.iter().filter(|r| r.contains(formula)).count(), 1);
    rows.into_iter().map(|r| r.replace(formula, "click")).collect()
}

#[test]
fn xlsx_and_ods_partner_lists_import_with_the_values_of_the_csv() {
    let expected = original_partners(true);
    for (name, kind) in [
        ("partners.xlsx", "xlsx, sheet partners"),
        ("partners.ods", "ods, sheet partners"),
    ] {
        let env = Env::new();
        let out = env.ok(&["import", "orgs", &fixture(name)]);
        assert!(
            out.starts_with(&format!(
                "imported {}: 25 added, 0 updated, 0 skipped (25 rows; {kind})",
                fixture(name)
            )),
            "{out}"
        );
        assert_eq!(org_rows(&env), expected, "{name}");
        // Dates stored as spreadsheet serials are read as dates.
        assert_eq!(
            env.json(&["org", "show", "Communist Party of Greece"])["since"],
            "2009-05-14"
        );
    }
}

#[test]
fn a_spreadsheet_named_csv_is_read_as_the_spreadsheet_it_is() {
    let env = Env::new();
    let bytes = std::fs::read(fixture("partners.xlsx")).unwrap();
    let path = file(&env, "partners.csv", &bytes);
    let out = env.ok(&["import", "orgs", &path, "--dry-run"]);
    assert!(
        out.contains("25 added") && out.contains("xlsx, sheet partners"),
        "{out}"
    );
    let out = env.ok(&["import", "orgs", &path, "--sheet", "partners"]);
    assert!(out.contains("25 added"), "{out}");
    let err = env.fails(1, &["import", "orgs", &path, "--sheet", "Tabelle2"]);
    assert!(err.contains("no sheet named `Tabelle2`"), "{err}");
    assert!(err.contains("hint: its sheets: partners"), "{err}");
    let err = env.fails(
        2,
        &["import", "orgs", &fixture("partners-excel.csv"), "--sheet", "x"],
    );
    assert!(err.contains("is not a spreadsheet file"), "{err}");
}

#[test]
fn a_resaved_partner_list_with_two_digit_years_imports_the_same_rows() {
    let env = Env::new();
    let out = env.ok(&["import", "orgs", &fixture("partners-resaved.csv")]);
    assert!(out.contains("25 added"), "{out}");
    assert_eq!(org_rows(&env), original_partners(true));
}

#[test]
fn two_digit_years_that_read_either_way_name_the_order_and_the_century() {
    let env = Env::new();
    let path = file(
        &env,
        "p.csv",
        b"Name,Country,Since\nCommunist Party of Greece,GR,02/11/11\n",
    );
    let err = env.fails(1, &["import", "orgs", &path]);
    assert!(err.contains("dates such as 02/11/11"), "{err}");
    assert!(err.contains("--date-order dmy or --date-order mdy"), "{err}");
    assert!(
        err.contains(
            "a two-digit year is read as the one nearest today: 00–75 as 2000–2075, 76–99 as 1976–1999"
        ),
        "{err}"
    );
    env.ok(&["import", "orgs", &path, "--date-order", "mdy"]);
    assert_eq!(
        env.json(&["org", "show", "Communist Party of Greece"])["since"],
        "2011-02-11"
    );
    // The order kept in the settings does the same.
    let other = Env::new();
    other.ok(&["config", "set", "date-order", "dmy"]);
    other.ok(&["import", "orgs", &path]);
    assert_eq!(
        other.json(&["org", "show", "Communist Party of Greece"])["since"],
        "2011-11-02"
    );
}

#[test]
fn letters_turned_into_question_marks_are_refused_and_nothing_is_stored() {
    let env = Env::new();
    let before = env.snapshot();
    let err = env.fails(1, &["import", "orgs", &fixture("partners-resaved-1252.csv")]);
    assert!(
        err.contains(
            "column `Name (original)` has 13 cells such as `????????????? ????? ???????` (line 2): the spreadsheet replaced the letters with ?: save as CSV UTF-8 or xlsx"
        ),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    // --dry-run shows it as a warning and goes on checking.
    let r = env.run(&[
        "import",
        "orgs",
        &fixture("partners-resaved-1252.csv"),
        "--dry-run",
    ]);
    assert_eq!(r.code, 0, "{}", r.describe());
    assert!(
        r.stderr.starts_with("warning: ") && r.stderr.contains("replaced the letters with ?"),
        "{}",
        r.describe()
    );
    assert!(r.stdout.contains("would import"), "{}", r.describe());
    assert_eq!(env.snapshot(), before);
    // A question or two in the notes is not that.
    let path = file(
        &env,
        "q.csv",
        b"Name,Country,Notes\nA,GR,Why??? Ask them\nB,GR,ok\nC,GR,???\n",
    );
    env.ok(&["import", "orgs", &path]);
}

#[test]
fn a_resaved_log_with_times_in_am_pm_imports_the_same_entries() {
    let rows = |file: &str| {
        let env = Env::new();
        env.ok(&["import", "orgs", &fixture("partners-excel.csv")]);
        env.ok(&["org", "edit", "cpk", "--alias", "حزب كمونيست كردستان"]);
        let out = env.ok(&["import", "log", &fixture(file)]);
        assert!(out.contains("64 added") && out.contains("24 follow-ups"), "{out}");
        let csv = env.ok(&["export", "log"]);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let mut entries = Vec::new();
        let mut times = Vec::new();
        for r in reader.records() {
            let r = r.unwrap();
            // date, channel, direction, organisations … summary, tags
            entries.push(format!(
                "{}|{}|{}|{}|{}|{}",
                &r[1], &r[3], &r[4], &r[5], &r[7], &r[8]
            ));
            times.push(r[2].to_string());
        }
        (entries, times)
    };
    let (original, _) = rows("contact-log.csv");
    let (resaved, times) = rows("contact-log-resaved.csv");
    assert_eq!(resaved, original);
    assert_eq!(&times[..4], ["11:15", "08:00", "", "08:00"]);
}

#[test]
fn times_with_seconds_am_pm_and_persian_digits_are_read() {
    let env = Env::new();
    env.ok(&[
        "org",
        "add",
        "Communist Party of Greece",
        "--handle",
        "kke",
        "--country",
        "GR",
    ]);
    let path = file(
        &env,
        "log.csv",
        "date,time,organisation,summary\n2025-01-01,9:05 AM,kke,one\n2025-01-02,2:30 PM,kke,two\n2025-01-03,۰۹:۰۵,kke,three\n2025-01-04,09:05:00,kke,four\n"
            .as_bytes(),
    );
    env.ok(&["import", "log", &path]);
    let times: Vec<String> = env
        .sql()
        .prepare("SELECT time FROM interactions ORDER BY date")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(times, ["09:05", "14:30", "09:05", "09:05"]);
}

#[test]
fn crlf_files_name_the_right_lines() {
    let env = Env::new();
    let path = file(
        &env,
        "crlf.csv",
        b"Name,Country,Notes\r\nA,GR,\r\nB,GR,\"Two\r\nlines\"\r\nBad,Xx,\r\n",
    );
    let errors = env.path("errors.csv");
    let err = env.fails(
        1,
        &["import", "orgs", &path, "--errors", errors.to_str().unwrap()],
    );
    assert!(err.contains("line 5, column Country, `Xx`"), "{err}");
    let report = std::fs::read_to_string(&errors).unwrap();
    assert!(
        report.lines().nth(1).unwrap().starts_with("5,Country,Xx,"),
        "{report}"
    );
    // A cell's own line break is kept as it was written.
    let path = file(&env, "ok.csv", b"Name,Country,Notes\r\nA,GR,\"x\r\ny\"\r\n");
    env.ok(&["import", "orgs", &path]);
    assert_eq!(env.json(&["org", "show", "A"])["notes"], "x\r\ny");
}

/// The cells of a sheet of an .xlsx file, as calamine reads them.
fn sheet_cells(path: &std::path::Path, sheet: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

#[test]
fn an_xlsx_export_keeps_text_as_text_and_dates_as_dates() {
    use calamine::Data;
    let env = Env::new();
    env.ok(&[
        "org",
        "add",
        "Communist Party of Greece",
        "--handle",
        "kke",
        "--country",
        "GR",
        "--since",
        "2009-05-14",
        "--note",
        "0042",
    ]);
    env.ok(&[
        "person",
        "add",
        "Eleni",
        "--org",
        "kke",
        "--phone",
        "09121234567",
        "--note",
        "1234567890123456789",
    ]);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "email",
        "--summary",
        "03/04",
        "--date",
        "2025-02-01",
        "--time",
        "09:05",
    ]);
    let out = env.path("orgs.xlsx");
    env.ok(&["export", "orgs", "--out", out.to_str().unwrap()]);
    let rows = sheet_cells(&out, "orgs");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][col("handle")], Data::String("kke".into()));
    assert_eq!(rows[1][col("notes")], Data::String("0042".into()));
    match &rows[1][col("since")] {
        Data::DateTime(d) => assert_eq!(d.as_datetime().unwrap().date().to_string(), "2009-05-14"),
        other => panic!("since is not a date: {other:?}"),
    }

    let book = env.path("book.xlsx");
    assert_eq!(
        env.ok(&["export", "all", "--out", book.to_str().unwrap()]),
        format!("wrote {}\n", book.display())
    );
    let people = sheet_cells(&book, "people");
    assert!(
        people[1].contains(&Data::String("09121234567".into())),
        "{people:?}"
    );
    assert!(
        people[1].contains(&Data::String("1234567890123456789".into())),
        "{people:?}"
    );
    let log = sheet_cells(&book, "log");
    assert!(log[1].contains(&Data::String("03/04".into())), "{log:?}");
    assert!(
        log[1]
            .iter()
            .any(|c| matches!(c, Data::DateTime(t) if t.as_f64() > 0.37 && t.as_f64() < 0.38)),
        "09:05 is a time: {log:?}"
    );
    for sheet in [
        "orgs",
        "people",
        "log",
        "tasks",
        "events",
        "docs",
        "distributions",
    ] {
        assert!(!sheet_cells(&book, sheet).is_empty(), "{sheet}");
    }

    // What a workbook holds comes back exactly.
    let copy = Env::new();
    for e in ["orgs", "people", "log", "tasks"] {
        copy.ok(&["import", e, book.to_str().unwrap(), "--sheet", e]);
    }
    for e in ["orgs", "people", "log", "tasks"] {
        assert_eq!(copy.ok(&["export", e]), env.ok(&["export", e]), "{e}");
    }

    let err = env.fails(
        2,
        &["export", "orgs", "--out", env.path("o.ods").to_str().unwrap()],
    );
    assert!(err.contains("export writes .xlsx workbooks, not .ods"), "{err}");
}

#[test]
fn an_xlsx_export_of_an_encrypted_database_writes_nothing_else() {
    let env = Env::bare();
    let tmp = env.path("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let run = |args: &[&str]| {
        let out = env
            .cmd()
            .env("LIAISON_PASSPHRASE", "pw")
            .env("TMPDIR", &tmp)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    run(&["init", "--encrypt"]);
    run(&["org", "add", "Workbook Test Party", "--country", "GR"]);
    let folder = env.path("out");
    std::fs::create_dir(&folder).unwrap();
    let book = folder.join("book.xlsx");
    run(&["export", "all", "--out", book.to_str().unwrap()]);
    let names: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["book.xlsx"]);
    assert_eq!(crate::common::mode(&book), 0o600);
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "nothing in the temporary folder"
    );
    assert_eq!(
        sheet_cells(&book, "orgs")[1][2],
        calamine::Data::String("Workbook Test Party".into())
    );
}

#[test]
fn a_partial_import_stores_the_good_rows_and_hands_back_the_others_unchanged() {
    let env = Env::new();
    let input =
        "\u{feff}Name;Country;Notes\r\nA;GR;fine\r\nBad;Xx;\"two\r\nlines\"\r\nC;GR;ok\r\n;GR;no name\r\n";
    let path = file(&env, "part.csv", input.as_bytes());
    let rejects = env.path("refused.csv");
    // --dry-run says what would be refused, and writes nothing.
    let out = env.ok(&[
        "import",
        "orgs",
        &path,
        "--partial",
        rejects.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(out.contains("2 added, 0 updated, 0 skipped, 2 refused"), "{out}");
    assert!(
        out.contains("  line 3, column Country, `Xx`: unknown country `Xx`\n"),
        "{out}"
    );
    assert!(!rejects.exists());
    // Without the flag: all or nothing, as before.
    env.fails(1, &["import", "orgs", &path]);
    assert_eq!(env.count("SELECT count(*) FROM organisations"), 0);
    let out = env.ok(&["import", "orgs", &path, "--partial", rejects.to_str().unwrap()]);
    assert!(
        out.starts_with(&format!(
            "imported {path}: 2 added, 0 updated, 0 skipped, 2 refused (4 rows; UTF-8, ';')\n  line 3, column Country, `Xx`: unknown country `Xx`\n  line 6, column Name: the name is empty\nrefused rows written to "
        )),
        "{out}"
    );
    assert_eq!(env.count("SELECT count(*) FROM organisations"), 2);
    let refused = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(
        refused,
        "\u{feff}Name;Country;Notes;refused because\r\nBad;Xx;\"two\r\nlines\";line 3, column Country, `Xx`: unknown country `Xx`\r\n;GR;no name;line 6, column Name: the name is empty\r\n"
    );
    // Corrected there, the file goes in; its reasons column is ignored.
    std::fs::write(&rejects, refused.replace("Xx;", "GR;").replace("\n;GR", "\nD;GR")).unwrap();
    let out = env.ok(&["import", "orgs", rejects.to_str().unwrap()]);
    assert_eq!(
        out,
        format!(
            "imported {}: 2 added, 0 updated, 0 skipped (2 rows; UTF-8, ';')\n",
            rejects.display()
        )
    );
    assert_eq!(env.json(&["org", "show", "Bad"])["notes"], "two\r\nlines");
    assert_eq!(env.count("SELECT count(*) FROM organisations"), 4);
}

#[test]
fn a_partial_import_writes_refused_rows_in_the_input_encoding_or_as_a_workbook() {
    let env = Env::new();
    let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Name,Country\nPartido Português,PT\nRéunion,Xx\n");
    let path = file(&env, "latin.csv", &latin);
    let rejects = env.path("refused.csv");
    env.ok(&["import", "orgs", &path, "--partial", rejects.to_str().unwrap()]);
    let bytes = std::fs::read(&rejects).unwrap();
    let (text, _, bad) = encoding_rs::WINDOWS_1252.decode(&bytes);
    assert!(
        !bad && std::str::from_utf8(&bytes).is_err(),
        "written in Windows-1252"
    );
    assert!(
        text.starts_with("Name,Country,refused because\r\nRéunion,Xx,\"line 3"),
        "{text}"
    );

    // A sheet's refused rows go back into a sheet.
    let other = Env::new();
    other.ok(&[
        "org",
        "add",
        "Communist Party of Greece",
        "--handle",
        "kke",
        "--country",
        "GR",
    ]);
    let rejects = other.path("refused.xlsx");
    let out = other.ok(&[
        "import",
        "orgs",
        &fixture("partners.xlsx"),
        "--partial",
        rejects.to_str().unwrap(),
    ]);
    assert!(out.contains("24 added, 0 updated, 0 skipped, 1 refused"), "{out}");
    let rows = sheet_cells(&rejects, "partners");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1][0],
        calamine::Data::String("Communist Party of Greece".into())
    );
    assert!(rows[1].last().unwrap().to_string().contains("line 2"), "{rows:?}");
}

#[test]
fn a_partial_log_import_sets_aside_the_entries_it_cannot_place() {
    let env = Env::new();
    env.ok(&["import", "orgs", &fixture("partners-excel.csv")]);
    let rejects = env.path("refused.csv");
    let out = env.ok(&[
        "import",
        "log",
        &fixture("contact-log.csv"),
        "--partial",
        rejects.to_str().unwrap(),
    ]);
    assert!(
        out.contains(": 58 added, 0 updated, 0 skipped, 6 refused (64 rows"),
        "{out}"
    );
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 58);
    let refused = std::fs::read_to_string(&rejects).unwrap();
    assert_eq!(refused.matches("no organisation matches").count(), 6, "{refused}");
    // Once the name is known, the refused entries go in, with their follow-ups.
    env.ok(&["org", "edit", "cpk", "--alias", "حزب كمونيست كردستان"]);
    env.ok(&["import", "log", rejects.to_str().unwrap()]);
    assert_eq!(env.count("SELECT count(*) FROM interactions"), 64);
    assert_eq!(env.count("SELECT count(*) FROM tasks"), 24);
}

#[test]
fn a_repeated_row_names_both_lines_in_a_crlf_file() {
    let env = Env::new();
    env.ok(&[
        "org",
        "add",
        "Communist Party of Greece",
        "--handle",
        "kke",
        "--country",
        "GR",
    ]);
    let path = file(
        &env,
        "log.csv",
        b"date,organisation,channel,summary\r\n2026-03-01,kke,email,\"Sent the\r\nstatement\"\r\n2026-03-02,kke,email,Other\r\n2026-03-01,kke,email,\"Sent the\r\nstatement\"\r\n",
    );
    let err = env.fails(1, &["import", "log", &path]);
    assert!(err.contains("line 5, column summary"), "{err}");
    assert!(err.contains("repeats line 2 (the same entry)"), "{err}");
    let tasks = file(
        &env,
        "tasks.csv",
        b"title,organisation,due\r\nReply,kke,2026-12-01\r\nCall,kke,\r\nReply,kke,2026-12-01\r\n",
    );
    let err = env.fails(1, &["import", "tasks", &tasks]);
    assert!(
        err.contains("line 4, column title, `Reply`: repeats line 2 (the same task)"),
        "{err}"
    );
}

#[test]
fn a_quarterly_report_as_a_workbook_has_a_sheet_per_section() {
    use calamine::{Data, Reader};
    let env = Env::new();
    env.ok(&[
        "org",
        "add",
        "Communist Party of Greece",
        "--handle",
        "kke",
        "--country",
        "GR",
    ]);
    env.ok(&[
        "log",
        "kke",
        "--channel",
        "email",
        "--summary",
        "Sent",
        "--date",
        "2026-08-03",
    ]);
    let out = env.path("q.xlsx");
    env.ok(&[
        "report",
        "quarterly",
        "--quarter",
        "2026Q3",
        "--out",
        out.to_str().unwrap(),
    ]);
    let csv = env.ok(&["report", "quarterly", "--quarter", "2026Q3", "--format", "csv"]);
    let mut sections: Vec<&str> = Vec::new();
    for s in csv.lines().skip(1).filter_map(|l| l.split(',').next()) {
        if !sections.contains(&s) {
            sections.push(s);
        }
    }
    let book = calamine::open_workbook_auto(&out).unwrap();
    assert_eq!(book.sheet_names(), sections);
    let totals = sheet_cells(&out, "totals");
    assert_eq!(
        totals[0],
        [
            Data::String("key".into()),
            Data::String("value".into()),
            Data::String("previous".into())
        ]
    );
    let contacts = totals
        .iter()
        .find(|r| r[0] == Data::String("contacts".into()))
        .unwrap();
    assert_eq!(contacts[1], Data::Float(1.0), "figures are numbers");
    let period = sheet_cells(&out, "period");
    assert_eq!(period[3][1], Data::String("2026Q3".into()));
}
