//! Writes the table of countries and their folded names that
//! `src/model/country.rs` looks names up in.
//!
//! keshvar holds every country with all its translations; reading them and
//! folding each spelling takes tens of millions of instructions, which a
//! search or an argument would otherwise pay on every run. Here it is done
//! once, at build time, with the program's own folding (`src/text/fold.rs`)
//! and its own names (`src/model/country/aliases.rs`), into sorted static
//! tables that a lookup searches by bisection.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;

use keshvar::{CountryIterator, SubRegion};

#[allow(dead_code)]
#[path = "src/text/fold.rs"]
mod fold;

#[path = "src/model/country/aliases.rs"]
mod aliases;

#[path = "src/matching/spelling.rs"]
mod spelling;

/// What `spelling.rs` calls `crate::text`.
mod text {
    pub use super::fold::fold;
}

use fold::fold;

/// Languages whose country names are accepted as input. English and Persian
/// are the office's working languages; the rest are those of its partners.
const NAME_LANGUAGES: &[&str] = &[
    "en", "fa", "ar", "ckb", "ku", "tr", "el", "ru", "fr", "es", "pt", "de", "ur", "az", "hy",
];

/// One country as liaison shows it: code, English name, Persian name and
/// UN M49 sub-region.
struct Country {
    code: String,
    name: String,
    name_fa: String,
    region: String,
}

fn main() {
    for path in [
        "build.rs",
        "src/text/fold.rs",
        "src/model/country/aliases.rs",
        "src/matching/spelling.rs",
    ] {
        println!("cargo::rerun-if-changed={path}");
    }
    let (countries, by_key) = build_index();
    let mut out = String::new();
    out.push_str("/// Every country: code, English name, Persian name, sub-region; by code.\n");
    out.push_str("pub static COUNTRIES: &[(&str, &str, &str, &str)] = &[\n");
    for c in &countries {
        writeln!(
            out,
            "    ({:?}, {:?}, {:?}, {:?}),",
            c.code, c.name, c.name_fa, c.region
        )
        .unwrap();
    }
    out.push_str("];\n\n");
    write_index(
        &mut out,
        "BY_KEY",
        "Folded name → indexes into `COUNTRIES`, sorted by name.",
        &by_key,
    );
    write_index(
        &mut out,
        "BY_SPELLING",
        "Latin spelling of a name in another alphabet → indexes into `COUNTRIES`, sorted by spelling.",
        &by_spelling(&by_key),
    );
    let mut regions: Vec<&str> = keshvar::SubRegionIterator::new().map(m49_name).collect();
    regions.push("Antarctica");
    regions.sort_unstable();
    out.push_str("/// Every UN M49 sub-region name, sorted.\n");
    writeln!(out, "pub static REGIONS: &[&str] = &{regions:?};").unwrap();
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("countries.rs"), out).expect("writing the country table");
}

/// Writes a sorted map of names to country indexes as an `Index` of plain
/// numbers into one string: a table of `&str` and `&[u16]` would hold
/// two pointers per name, each fixed up by the loader at every start
/// (eleven thousand of them took a tenth of a short command's time).
fn write_index(out: &mut String, name: &str, doc: &str, entries: &BTreeMap<String, Vec<u16>>) {
    let mut text = String::new();
    let mut found: Vec<u16> = Vec::new();
    let mut spans = Vec::new();
    for (key, countries) in entries {
        let start = text.len();
        text.push_str(key);
        let first = found.len();
        found.extend(countries);
        spans.push((
            u32::try_from(start).expect("small"),
            u32::try_from(text.len()).expect("small"),
            u16::try_from(first).expect("small"),
            u16::try_from(found.len()).expect("small"),
        ));
    }
    writeln!(out, "/// {doc}").unwrap();
    writeln!(out, "pub static {name}: Index = Index {{").unwrap();
    writeln!(out, "    text: {text:?},").unwrap();
    writeln!(out, "    spans: &{spans:?},").unwrap();
    writeln!(out, "    found: &{found:?},").unwrap();
    out.push_str("};\n\n");
}

/// The countries in code order, and every folded name with the countries
/// it names (more than one marks a name several countries share, which
/// must not resolve silently to any of them).
fn build_index() -> (Vec<Country>, BTreeMap<String, Vec<u16>>) {
    let mut named: Vec<(Country, Vec<String>)> = CountryIterator::new()
        .map(|c| {
            let translations = c.translations();
            let mut names: Vec<String> = vec![
                c.iso_short_name().into(),
                c.iso_long_name().into(),
                c.alpha3().to_string(),
            ];
            names.extend(c.unofficial_name_list().iter().map(|n| n.to_string()));
            names.extend(
                NAME_LANGUAGES
                    .iter()
                    .filter_map(|l| translations.get(l).map(|n| n.to_string())),
            );
            (describe(&c), names)
        })
        .collect();
    named.push((kosovo(), Vec::new()));
    named.sort_by(|a, b| a.0.code.cmp(&b.0.code));
    let position: HashMap<String, u16> = named
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c.code.clone(), i as u16))
        .collect();
    let at = |code: &str| position.get(code).copied();
    let mut by_key: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    for (i, (_, names)) in named.iter().enumerate() {
        for n in names {
            let key = fold(n);
            if key.is_empty() {
                continue;
            }
            let slot = by_key.entry(key).or_default();
            if !slot.contains(&(i as u16)) {
                slot.push(i as u16);
            }
        }
    }
    let countries: Vec<Country> = named.into_iter().map(|(c, _)| c).collect();
    // Names as people write them replace whatever keshvar's lists made of
    // them: `Korea` is both Koreas, `Britain` is the United Kingdom.
    for (names, codes) in aliases::COMMON.iter().chain(aliases::SHARED) {
        let found: Vec<u16> = codes
            .iter()
            .map(|c| at(c).unwrap_or_else(|| panic!("no country {c}")))
            .collect();
        for n in *names {
            by_key.insert(fold(n), found.clone());
        }
    }
    // The name liaison writes for a country always reads back as it.
    for (i, c) in countries.iter().enumerate() {
        by_key.insert(fold(&c.name), vec![i as u16]);
    }
    // The alpha-2 code wins over any name that happens to spell it.
    for (i, c) in countries.iter().enumerate() {
        by_key.insert(fold(&c.code), vec![i as u16]);
    }
    (countries, by_key)
}

/// The Latin spellings of the names written wholly in Greek, Cyrillic or
/// Armenian letters, each word
/// spelt as search spells it: the transliteration of every word, and the
/// spelling people write (`rossiya` for `россия`, `ellada` for `ελλαδα`).
/// A spelling of names of several countries names them all.
fn by_spelling(by_key: &BTreeMap<String, Vec<u16>>) -> BTreeMap<String, Vec<u16>> {
    let mut out: BTreeMap<String, Vec<u16>> = BTreeMap::new();
    for (key, found) in by_key {
        let words: Vec<&str> = key.split(' ').collect();
        // Greek, Cyrillic and Armenian only: the spellings of other
        // scripts (Japanese `hahama`) would be false friends of Latin names.
        let foreign = |w: &str| {
            w.chars().all(|c| {
                matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' | '\u{0400}'..='\u{052F}' | '\u{0530}'..='\u{058F}')
            })
        };
        if !words.iter().all(|w| foreign(w)) {
            continue;
        }
        let spelt: Vec<Vec<String>> = words.iter().map(|w| spelling::spellings(w)).collect();
        if spelt.iter().any(Vec::is_empty) {
            continue;
        }
        for pick in [0, usize::MAX] {
            let latin: Vec<&str> = spelt
                .iter()
                .map(|alts| alts[pick.min(alts.len() - 1)].as_str())
                .collect();
            let slot = out.entry(latin.join(" ")).or_default();
            for i in found {
                if !slot.contains(i) {
                    slot.push(*i);
                }
            }
        }
    }
    out
}

/// Kosovo, which ISO 3166 leaves out: `XK` is the code the European Union
/// and most software use.
fn kosovo() -> Country {
    Country {
        code: "XK".into(),
        name: "Kosovo".into(),
        name_fa: "کوزوو".into(),
        region: "Southern Europe".into(),
    }
}

/// What liaison keeps of one of keshvar's countries.
fn describe(c: &keshvar::Country) -> Country {
    let translations = c.translations();
    let code = c.alpha2().to_string();
    // Where the short English name is one that fits several countries
    // (`Congo`, `Guinea`), liaison writes the name that tells them apart,
    // so that every name it writes reads back as the same country.
    let name = match code.as_str() {
        "CG" => "Republic of the Congo",
        "CD" => "Democratic Republic of the Congo",
        "GN" => "Guinea-Conakry",
        _ => translations.get("en").copied().unwrap_or(c.iso_short_name()),
    };
    Country {
        code,
        name: name.to_string(),
        name_fa: translations.get("fa").copied().unwrap_or("").to_string(),
        region: match c.maybe_subregion() {
            Some(s) => m49_name(s).to_string(),
            None => "Antarctica".to_string(),
        },
    }
}

/// The UN M49 name of a sub-region.
fn m49_name(s: SubRegion) -> &'static str {
    match s {
        SubRegion::AustraliaAndNewZealand => "Australia and New Zealand",
        SubRegion::Caribbean => "Caribbean",
        SubRegion::CentralAmerica => "Central America",
        SubRegion::CentralAsia => "Central Asia",
        SubRegion::EasternAfrica => "Eastern Africa",
        SubRegion::EasternAsia => "Eastern Asia",
        SubRegion::EasternEurope => "Eastern Europe",
        SubRegion::Melanesia => "Melanesia",
        SubRegion::Micronesia => "Micronesia",
        SubRegion::MiddleAfrica => "Middle Africa",
        SubRegion::NorthernAfrica => "Northern Africa",
        SubRegion::NorthernAmerica => "Northern America",
        SubRegion::NorthernEurope => "Northern Europe",
        SubRegion::Polynesia => "Polynesia",
        SubRegion::SouthAmerica => "South America",
        SubRegion::SouthEasternAsia => "South-eastern Asia",
        SubRegion::SouthernAfrica => "Southern Africa",
        SubRegion::SouthernAsia => "Southern Asia",
        SubRegion::SouthernEurope => "Southern Europe",
        SubRegion::WesternAfrica => "Western Africa",
        SubRegion::WesternAsia => "Western Asia",
        SubRegion::WesternEurope => "Western Europe",
    }
}
