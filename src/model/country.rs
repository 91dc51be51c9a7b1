//! Countries (ISO 3166-1 alpha-2) and their UN M49 sub-regions.
//!
//! The data comes from the `keshvar` crate; this module only builds a lookup
//! table from it once per process, keyed by folded names, so a country can be
//! given as `GR`, `Greece`, `Ελλάδα` or `یونان`.

use std::collections::HashMap;
use std::sync::OnceLock;

use keshvar::{CountryIterator, SubRegion};

use crate::error::{Error, Result};
use crate::text::{fold, quoted};

mod aliases;

/// One country as liaison shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case.
    pub code: String,
    /// English short name.
    pub name: String,
    /// Persian name, for reports in Persian.
    pub name_fa: String,
    /// UN M49 sub-region in English, e.g. `Southern Europe`.
    pub region: String,
}

struct Index {
    countries: Vec<Country>,
    /// Folded name → indexes into `countries`; more than one marks a name
    /// that several countries share, which must not resolve silently to
    /// any of them.
    by_key: HashMap<String, Vec<usize>>,
}

/// Languages whose country names are accepted as input. English and Persian
/// are the office's working languages; the rest are those of its partners.
const NAME_LANGUAGES: &[&str] = &[
    "en", "fa", "ar", "ckb", "ku", "tr", "el", "ru", "fr", "es", "pt", "de", "ur", "az", "hy",
];

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(build_index)
}

fn build_index() -> Index {
    // One pass over keshvar's countries (building each costs a table of
    // all its translations), keeping the names to index beside each.
    use std::borrow::Cow;
    let mut named: Vec<(Country, Vec<Cow<'static, str>>)> = CountryIterator::new()
        .map(|c| {
            let translations = c.translations();
            let mut names: Vec<Cow<'static, str>> = vec![
                c.iso_short_name().into(),
                c.iso_long_name().into(),
                c.alpha3().to_string().into(),
            ];
            names.extend(c.unofficial_name_list().iter().map(|n| Cow::from(*n)));
            names.extend(
                NAME_LANGUAGES
                    .iter()
                    .filter_map(|l| translations.get(l).map(|n| Cow::from(*n))),
            );
            (describe(&c), names)
        })
        .collect();
    named.push((kosovo(), Vec::new()));
    named.sort_by(|a, b| a.0.code.cmp(&b.0.code));
    let position: HashMap<String, usize> = named
        .iter()
        .enumerate()
        .map(|(i, (c, _))| (c.code.clone(), i))
        .collect();
    let at = |code: &str| position.get(code).copied();
    // Many languages spell a country alike: each spelling is folded once.
    let mut folded: HashMap<&str, String> = HashMap::new();
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (_, names)) in named.iter().enumerate() {
        for n in names {
            let key = folded.entry(n.as_ref()).or_insert_with(|| fold(n));
            if key.is_empty() {
                continue;
            }
            let slot = by_key.entry(key.clone()).or_default();
            if !slot.contains(&i) {
                slot.push(i);
            }
        }
    }
    let countries: Vec<Country> = named.into_iter().map(|(c, _)| c).collect();
    // Names as people write them replace whatever keshvar's lists made of
    // them: `Korea` is both Koreas, `Britain` is the United Kingdom.
    for (names, codes) in aliases::COMMON.iter().chain(aliases::SHARED) {
        let found: Vec<usize> = codes.iter().filter_map(|c| at(c)).collect();
        for n in *names {
            by_key.insert(fold(n), found.clone());
        }
    }
    // The name liaison writes for a country always reads back as it.
    for (i, c) in countries.iter().enumerate() {
        by_key.insert(fold(&c.name), vec![i]);
    }
    for c in &countries {
        // The alpha-2 code wins over any name that happens to spell it.
        if let Some(i) = at(&c.code) {
            by_key.insert(fold(&c.code), vec![i]);
        }
    }
    Index { countries, by_key }
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

/// One country by its alpha-2 code, without building the name index (which
/// costs milliseconds: commands that only show a stored code skip it).
fn by_alpha2(code: &str) -> Option<Country> {
    if code.trim().eq_ignore_ascii_case("XK") {
        return Some(kosovo());
    }
    let alpha2 = keshvar::Alpha2::try_from(code.trim()).ok()?;
    Some(describe(&alpha2.to_country()))
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

/// Finds a country by its code or by a name in one of the accepted languages.
pub fn resolve(input: &str) -> Result<Country> {
    if input.trim().len() == 2
        && let Some(c) = by_alpha2(input)
    {
        return Ok(c);
    }
    let idx = index();
    let key = fold(input);
    let shown = quoted(input.trim());
    match idx.by_key.get(&key).map(Vec::as_slice) {
        Some([i]) => Ok(idx.countries[*i].clone()),
        Some(many) if !many.is_empty() => {
            let named: Vec<String> = many.iter().map(|i| label(&idx.countries[*i])).collect();
            Err(
                Error::user(format!("country {shown} could be {}", or_list(&named))).hint(format!(
                    "give the one you mean by its code, e.g. {}",
                    idx.countries[many[0]].code
                )),
            )
        }
        _ => {
            if let Some(place) = aliases::not_a_state(&key) {
                let states: Vec<String> = place
                    .states
                    .iter()
                    .filter_map(|c| by_alpha2(c))
                    .map(|c| label(&c))
                    .collect();
                return Err(Error::user(format!(
                    "{shown} is not a state: it lies in {}",
                    and_list(&states)
                ))
                .hint(format!(
                    "record the organisation under the state it works in (--country {}) and keep it together with the others from there in a group: --group {}",
                    place.states[0],
                    place.tag
                ))
                .hint(format!(
                    "name the group once with: liaison group add \"{}\" --handle {} (or use a tag: --tag {})",
                    place.names[0], place.tag, place.tag
                )));
            }
            let mut err = Error::user(format!("unknown country {shown}"));
            let close = closest(&key);
            if !close.is_empty() {
                err = err.hint(format!("did you mean {}?", close.join(", ")));
            }
            Err(err.hint("countries are ISO 3166-1 codes (GR, IR, TR) or English or Persian names"))
        }
    }
}

/// The one country with this name in one of the accepted languages,
/// folded as names are (`یونان`, `Ελλάδα`, `Greece`): not by its codes.
pub fn by_name(input: &str) -> Option<Country> {
    let key = fold(input);
    if key.is_ascii() && key.len() <= 3 {
        return None;
    }
    let idx = index();
    match idx.by_key.get(&key).map(Vec::as_slice) {
        Some([i]) => Some(idx.countries[*i].clone()),
        _ => None,
    }
}

/// `Greece (GR)`.
fn label(c: &Country) -> String {
    format!("{} ({})", c.name, c.code)
}

/// `a, b or c`.
fn or_list(items: &[String]) -> String {
    joined(items, "or")
}

/// `a, b and c`.
fn and_list(items: &[String]) -> String {
    joined(items, "and")
}

fn joined(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// Looks a country up by its alpha-2 code, as stored in the database.
pub fn by_code(code: &str) -> Option<Country> {
    by_alpha2(code)
}

/// Every country liaison knows, in ISO code order.
pub fn all() -> &'static [Country] {
    &index().countries
}

/// All M49 sub-region names, for validating `--region`.
pub fn regions() -> Vec<&'static str> {
    let mut all: Vec<&str> = keshvar::SubRegionIterator::new().map(m49_name).collect();
    all.push("Antarctica");
    all.sort_unstable();
    all
}

/// Finds the canonical spelling of a region name given loosely.
pub fn resolve_region(input: &str) -> Result<&'static str> {
    let key = fold(input).replace('-', " ");
    regions()
        .into_iter()
        .find(|r| fold(r).replace('-', " ") == key)
        .ok_or_else(|| {
            Error::user(format!("unknown region {}", quoted(input.trim()))).hint(format!(
                "regions are UN M49 sub-regions: {}",
                regions().join(", ")
            ))
        })
}

/// Up to three countries whose names are closest to `key`, among names in
/// the same script: a Persian name is never "corrected" to a Persian name
/// that merely shares its letters (روسیه is not سوریه).
fn closest(key: &str) -> Vec<String> {
    if !crate::text::comparable(key) {
        return Vec::new();
    }
    let idx = index();
    let script = script_of(key);
    let mut scored: Vec<(f64, usize)> = idx
        .by_key
        .iter()
        .filter(|(k, _)| script_of(k) == script && k.chars().count() > 2)
        .flat_map(|(k, v)| {
            let score = strsim::normalized_damerau_levenshtein(k, key);
            v.iter().map(move |i| (score, *i))
        })
        .filter(|(score, _)| *score >= 0.7)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<String> = Vec::new();
    for (_, i) in scored {
        let l = label(&idx.countries[i]);
        if !out.contains(&l) {
            out.push(l);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// The script of a folded name, roughly: Latin, Arabic-script, Greek,
/// Cyrillic or other, from its first letter.
fn script_of(key: &str) -> u8 {
    match key.chars().find(|c| c.is_alphabetic()) {
        Some(c) if c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c) => 0,
        Some(c) if ('\u{0600}'..='\u{06FF}').contains(&c) => 1,
        Some(c) if ('\u{0370}'..='\u{03FF}').contains(&c) => 2,
        Some(c) if ('\u{0400}'..='\u{04FF}').contains(&c) => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_in_several_languages_resolve() {
        assert_eq!(resolve("gr").unwrap().code, "GR");
        assert_eq!(resolve("Greece").unwrap().code, "GR");
        assert_eq!(resolve("یونان").unwrap().code, "GR");
        assert_eq!(resolve("عراق").unwrap().code, "IQ");
        assert_eq!(resolve("Iran").unwrap().code, "IR");
        assert_eq!(resolve("Turkey").unwrap().code, "TR");
        assert_eq!(resolve("United Kingdom").unwrap().code, "GB");
        assert_eq!(resolve("Russia").unwrap().code, "RU");
    }

    #[test]
    fn regions_are_m49_subregions() {
        assert_eq!(resolve("GR").unwrap().region, "Southern Europe");
        assert_eq!(resolve("IR").unwrap().region, "Southern Asia");
        assert_eq!(resolve("TR").unwrap().region, "Western Asia");
        assert_eq!(resolve("IQ").unwrap().region, "Western Asia");
        assert_eq!(resolve("SD").unwrap().region, "Northern Africa");
    }

    #[test]
    fn unknown_country_suggests_close_names() {
        let err = resolve("Greese").unwrap_err();
        assert_eq!(err.message, "unknown country `Greese`");
        assert!(err.hints[0].contains("Greece (GR)"), "{:?}", err.hints);
        assert!(resolve("Atlantis").is_err());
    }

    #[test]
    fn names_people_write_resolve() {
        for (name, code) in [
            ("Britain", "GB"),
            ("UK", "GB"),
            ("Czech", "CZ"),
            ("Czech Republic", "CZ"),
            ("DPRK", "KP"),
            ("North Korea", "KP"),
            ("South Korea", "KR"),
            ("Holland", "NL"),
            ("USA", "US"),
            ("روسیه", "RU"),
            ("آمریکا", "US"),
            ("انگلیس", "GB"),
            ("بریتانیا", "GB"),
            ("کره شمالی", "KP"),
            ("جمهوری آذربایجان", "AZ"),
            ("ایالات متحده", "US"),
            ("روسيا", "RU"),
            ("الولايات المتحدة", "US"),
            ("كوريا الشمالية", "KP"),
            ("GBR", "GB"),
            ("CZE", "CZ"),
        ] {
            assert_eq!(
                resolve(name).map(|c| c.code).ok(),
                Some(code.to_string()),
                "{name}"
            );
        }
    }

    #[test]
    fn kosovo_is_xk_in_southern_europe() {
        for name in ["Kosovo", "XK", "xk", "کوزوو", "كوسوفو"] {
            let c = resolve(name).unwrap();
            assert_eq!(
                (c.code.as_str(), c.region.as_str()),
                ("XK", "Southern Europe"),
                "{name}"
            );
        }
        assert_eq!(by_code("XK").unwrap().name, "Kosovo");
        assert!(all().iter().any(|c| c.code == "XK"));
    }

    #[test]
    fn names_of_several_countries_are_refused_naming_each() {
        let err = resolve("Korea").unwrap_err();
        assert!(
            err.message.contains("(KP)") && err.message.contains("(KR)"),
            "{}",
            err.message
        );
        let err = resolve("Congo").unwrap_err();
        assert!(
            err.message.contains("(CD)") && err.message.contains("(CG)"),
            "{}",
            err.message
        );
        let err = resolve("Guinea").unwrap_err();
        for code in ["(GN)", "(GW)", "(GQ)"] {
            assert!(err.message.contains(code), "{}", err.message);
        }
        assert!(resolve("کره").is_err());
    }

    #[test]
    fn places_that_are_not_states_name_their_states() {
        let err = resolve("Kurdistan").unwrap_err();
        assert!(err.message.contains("not a state"), "{}", err.message);
        for code in ["(IQ)", "(IR)", "(TR)", "(SY)"] {
            assert!(err.message.contains(code), "{}", err.message);
        }
        assert!(err.hints[0].contains("--group kurdistan"), "{:?}", err.hints);
        assert!(
            err.hints[1].contains("liaison group add \"Kurdistan\" --handle kurdistan"),
            "{:?}",
            err.hints
        );
        let err = resolve("Basque Country").unwrap_err();
        assert!(
            err.message.contains("(ES)") && err.message.contains("(FR)"),
            "{}",
            err.message
        );
    }

    #[test]
    fn typos_get_close_names_in_their_own_script() {
        let err = resolve("Greecce").unwrap_err();
        assert!(err.hints[0].contains("Greece (GR)"), "{:?}", err.hints);
        // One letter off روسیه, never سوریه (Syria).
        let err = resolve("روسیهه").unwrap_err();
        assert!(!err.hints.iter().any(|h| h.contains("Syria")), "{:?}", err.hints);
        assert!(err.hints[0].contains("(RU)"), "{:?}", err.hints);
    }

    #[test]
    fn regions_resolve_loosely() {
        assert_eq!(resolve_region("western asia").unwrap(), "Western Asia");
        assert_eq!(
            resolve_region("south-eastern asia").unwrap(),
            "South-eastern Asia"
        );
        assert!(resolve_region("Middle Earth").is_err());
    }
}
