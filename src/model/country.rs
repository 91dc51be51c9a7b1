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
    /// Folded name → index into `countries`; `None` marks a name that two
    /// countries share, which must not resolve silently to either.
    by_key: HashMap<String, Option<usize>>,
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
    let mut countries = Vec::new();
    let mut by_key: HashMap<String, Option<usize>> = HashMap::new();
    for c in CountryIterator::new() {
        let i = countries.len();
        let translations = c.translations();
        let alpha3 = c.alpha3().to_string();
        let mut names: Vec<&str> = vec![c.iso_short_name(), c.iso_long_name(), &alpha3];
        names.extend(c.unofficial_name_list().iter().copied());
        names.extend(NAME_LANGUAGES.iter().filter_map(|l| translations.get(l).copied()));
        for n in names {
            let key = fold(n);
            if key.is_empty() {
                continue;
            }
            let slot = by_key.entry(key).or_insert(Some(i));
            if *slot != Some(i) {
                *slot = None;
            }
        }
        let country = describe(&c);
        // The alpha-2 code wins over any name that happens to spell it.
        by_key.insert(fold(&country.code), Some(i));
        countries.push(country);
    }
    Index { countries, by_key }
}

/// What liaison keeps of one of keshvar's countries.
fn describe(c: &keshvar::Country) -> Country {
    let translations = c.translations();
    Country {
        code: c.alpha2().to_string(),
        name: translations
            .get("en")
            .copied()
            .unwrap_or(c.iso_short_name())
            .to_string(),
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
    match idx.by_key.get(&key) {
        Some(Some(i)) => Ok(idx.countries[*i].clone()),
        Some(None) => Err(
            Error::user(format!("country {} is ambiguous", quoted(input.trim())))
                .hint("give the two-letter ISO code instead, e.g. GR or IR"),
        ),
        None => {
            let mut err = Error::user(format!("unknown country {}", quoted(input.trim())));
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
    match idx.by_key.get(&key) {
        Some(Some(i)) => Some(idx.countries[*i].clone()),
        _ => None,
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

/// Up to three countries whose names are closest to `key`.
fn closest(key: &str) -> Vec<String> {
    if !crate::text::comparable(key) {
        return Vec::new();
    }
    let idx = index();
    let mut scored: Vec<(f64, usize)> = idx
        .by_key
        .iter()
        .filter_map(|(k, v)| v.map(|i| (strsim::normalized_levenshtein(k, key), i)))
        .filter(|(score, _)| *score >= 0.6)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out: Vec<String> = Vec::new();
    for (_, i) in scored {
        let c = &idx.countries[i];
        let label = format!("{} ({})", c.name, c.code);
        if !out.contains(&label) {
            out.push(label);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
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
    fn regions_resolve_loosely() {
        assert_eq!(resolve_region("western asia").unwrap(), "Western Asia");
        assert_eq!(
            resolve_region("south-eastern asia").unwrap(),
            "South-eastern Asia"
        );
        assert!(resolve_region("Middle Earth").is_err());
    }
}
