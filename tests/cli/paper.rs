//! The HTML report on paper: printed to PDF by headless Chromium, the demo
//! quarter fits on a few A4 pages, and what is drawn stays on the page.

use crate::common::{Env, HEADLESS, chromium};

/// The demo database and its quarterly report as HTML in `lang`.
fn demo_report(env: &Env, lang: &str) -> std::path::PathBuf {
    let demo = env.path("demo.db");
    if !demo.exists() {
        env.ok(&["demo", "--db", demo.to_str().unwrap()]);
    }
    let html = env.path(&format!("report-{lang}.html"));
    env.ok(&[
        "--db",
        demo.to_str().unwrap(),
        "report",
        "quarterly",
        "--format",
        "html",
        "--lang",
        lang,
        "--out",
        html.to_str().unwrap(),
    ]);
    html
}

/// The number of pages of a PDF: its page objects (`/Type /Page`, not
/// the `/Type /Pages` tree above them).
fn pages(pdf: &[u8]) -> usize {
    let key = b"/Type /Page";
    pdf.windows(key.len() + 1)
        .filter(|w| w.starts_with(key) && w[key.len()] != b's')
        .count()
}

fn print(chromium: &str, env: &Env, html: &std::path::Path) -> Vec<u8> {
    let pdf = html.with_extension("pdf");
    let out = std::process::Command::new(chromium)
        .args(HEADLESS)
        .arg(format!("--user-data-dir={}", env.path("chromium").display()))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::read(&pdf).unwrap()
}

#[test]
fn the_demo_quarter_prints_on_at_most_four_a4_pages() {
    let env = Env::new();
    let en = demo_report(&env, "en");
    let fa = demo_report(&env, "fa");
    let Some(chromium) = chromium() else {
        return;
    };
    for (lang, html) in [("en", &en), ("fa", &fa)] {
        let pdf = print(chromium, &env, html);
        assert!(pdf.starts_with(b"%PDF"), "{lang}: not a PDF");
        let n = pages(&pdf);
        assert!(
            (1..=4).contains(&n),
            "{lang}: the demo quarter prints on {n} pages"
        );
        // A4 portrait: 595 × 842 points (Chromium writes 594.96 × 841.92).
        let text = String::from_utf8_lossy(&pdf);
        let i = text.find("/MediaBox [0 0 ").expect("a page size") + 15;
        let size: Vec<f64> = text[i..i + text[i..].find(']').unwrap()]
            .split(' ')
            .map(|x| x.parse().unwrap())
            .collect();
        assert!(
            (size[0] - 595.0).abs() < 1.0 && (size[1] - 842.0).abs() < 1.0,
            "{lang}: not A4 but {size:?}"
        );
    }
}

#[test]
fn no_section_is_forced_onto_a_new_page_and_headers_repeat() {
    let env = Env::new();
    let html = std::fs::read_to_string(demo_report(&env, "en")).unwrap();
    assert!(!html.contains("page-break-before: always") && !html.contains("break-before: page"));
    assert!(html.contains("thead { display: table-header-group; }"));
    assert!(html.matches("<thead>").count() >= 10);
}

/// The `y` of each `<text>` in the SVG after `aria-label="{label}"`, and
/// the drawing's height.
fn chart_text_ys(html: &str, label: &str) -> (Vec<f64>, f64) {
    let start = html.find(&format!("aria-label=\"{label}\"")).expect("chart");
    let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
    let attr = |s: &str, name: &str| -> f64 {
        let i = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        s[i..i + s[i..].find('"').unwrap()].parse().unwrap()
    };
    let view = &svg[svg.find("viewBox=\"").unwrap() + 9..];
    let height: f64 = view[..view.find('"').unwrap()]
        .split(' ')
        .nth(3)
        .unwrap()
        .parse()
        .unwrap();
    let ys = svg.split("<text ").skip(1).map(|t| attr(t, "y")).collect();
    (ys, height)
}

#[test]
fn every_chart_label_lies_inside_its_chart() {
    let env = Env::new();
    for lang in ["en", "fa"] {
        let html = std::fs::read_to_string(demo_report(&env, lang)).unwrap();
        let label = if lang == "en" {
            "Contacts per month, last twelve months"
        } else {
            "تماس‌ها در هر ماه، دوازده ماه گذشته"
        };
        let (ys, height) = chart_text_ys(&html, label);
        assert_eq!(
            ys.len(),
            24,
            "{lang}: a value and a month for each of twelve bars"
        );
        // 11px text: its baseline at least 11 below the top, and above the bottom.
        for y in ys {
            assert!(
                (11.0..=height).contains(&y),
                "{lang}: a label at y={y} of {height}"
            );
        }
    }
}

#[test]
fn one_typeface_family_per_language() {
    let env = Env::new();
    let font = |lang| {
        let html = std::fs::read_to_string(demo_report(&env, lang)).unwrap();
        let i = html.find("body { font-family: ").unwrap();
        html[i..i + html[i..].find(';').unwrap()].to_string()
    };
    let en = font("en");
    assert!(
        !en.contains("Naskh") && !en.contains("Vazirmatn") && !en.contains("Arabic"),
        "{en}"
    );
    let fa = font("fa");
    assert!(fa.contains("Vazirmatn") && !fa.contains("Naskh"), "{fa}");
}

#[test]
fn dates_inside_persian_text_read_left_to_right() {
    let env = Env::new();
    let html = std::fs::read_to_string(demo_report(&env, "fa")).unwrap();
    let body = &html[html.find("<body>").unwrap()..];
    let digit = |c: char| ('۰'..='۹').contains(&c);
    let mut dates = 0;
    let mut i = 0;
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    while i + 10 <= chars.len() {
        // A date `۱۴۰۵-۰۹-۳۰`: four digits, a dash, two digits, a dash.
        let window: String = chars[i..i + 8].iter().map(|x| x.1).collect();
        let w: Vec<char> = window.chars().collect();
        let prev_digit = i > 0 && digit(chars[i - 1].1);
        if !prev_digit
            && w[..4].iter().all(|&c| digit(c))
            && w[4] == '-'
            && digit(w[5])
            && digit(w[6])
            && w[7] == '-'
        {
            let before = &body[..chars[i].0];
            assert!(
                before.ends_with("<bdi dir=\"ltr\">"),
                "a date not isolated: …{}",
                &body[chars[i.saturating_sub(30)].0..chars[i + 10].0]
            );
            dates += 1;
            i += 10;
        } else {
            i += 1;
        }
    }
    assert!(dates > 20, "only {dates} dates found");
}
