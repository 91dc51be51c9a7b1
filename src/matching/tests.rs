use super::*;

use How::{Close, Exact, Latin, Lookalike, Prefix};

/// Query, name, and how the query must match the name (`None`: a miss
/// that must stay one).
const CASES: &[(&str, &str, Option<How>)] = &[
    // Persian and Arabic: letter variants, harakat, ZWNJ, ezafe.
    ("كمونيست", "حزب کمونیست ایران", Some(Exact)),
    ("الشيوعي", "الحزب الشیوعی العراقی", Some(Exact)),
    ("الشُّيُوعِيّ", "الحزب الشيوعي العراقي", Some(Exact)),
    ("حزب توده", "حزب تودهٔ ایران", Some(Exact)),
    ("تود", "حزب تودهٔ ایران", Some(Prefix)),
    ("میخواهم", "می‌خواهم", Some(Exact)),
    ("اسلام", "إسلام", Some(Exact)),
    ("فدائیان", "سازمان فداییان خلق ایران", Some(Exact)),
    ("ایران", "عراق", None),
    ("ایران", "ایرانی", Some(Prefix)),
    // Kurdish, Sorani: Kurdish letters against Persian forms.
    ("کومهله", "كۆمهڵهی شۆڕشگێڕی", Some(Prefix)),
    ("کومه‌له", "كۆمهڵهی شۆڕشگێڕی", Some(Prefix)),
    ("کۆمەڵە", "کومه‌له", Some(Exact)),
    ("کردستان", "پارتی دیموکراتی کوردستان", Some(Close)),
    ("کوردستان", "حزب دموکرات کردستان ایران", Some(Close)),
    ("یەکێتی", "یه‌کیتی نیشتمانی", Some(Exact)),
    ("ھەولێر", "هه‌ولیر", Some(Exact)),
    ("ڕێکخراو", "ریکخراو", Some(Exact)),
    ("کردستان", "پارتی دیموکراتی ایران", None),
    // Kurdish, Kurmanji (Latin letters with marks).
    ("Kurdistane", "Partiya Karkerên Kurdistanê", Some(Exact)),
    ("karkeren", "Partiya Karkerên Kurdistanê", Some(Exact)),
    ("PARTIYA DEMOKRAT", "Partiya Demokrat a Kurdistanê", Some(Exact)),
    ("Şoreş", "Soreş û Azadî", Some(Exact)),
    ("Azadi", "Soreş û Azadî", Some(Exact)),
    // Turkish: dotless ı and dotted İ.
    ("halkin", "Halkın Kurtuluş Partisi", Some(Exact)),
    ("HALKIN", "Halkın Kurtuluş Partisi", Some(Exact)),
    ("Kemal Aydin", "Kemal Aydın", Some(Exact)),
    ("İşçi", "Türkiye İşçi Partisi", Some(Exact)),
    ("ISCI", "Türkiye İşçi Partisi", Some(Exact)),
    ("Komunist", "Türkiye Komünist Partisi", Some(Exact)),
    ("turk", "Türkiye Komünist Partisi", Some(Prefix)),
    ("Halkevleri", "Halkın Kurtuluş Partisi", None),
    // Greek: accents, final sigma, lookalike capitals, Latin spellings.
    ("κομμουνιστικο", "Κομμουνιστικό Κόμμα Ελλάδας", Some(Exact)),
    ("ΕΛΛΑΔΑΣ", "Κομμουνιστικό Κόμμα Ελλάδας", Some(Exact)),
    ("ΚΚΕ", "KKE", Some(Lookalike)),
    ("KKE", "ΚΚΕ", Some(Lookalike)),
    ("AKEL", "ΑΚΕΛ", Some(Latin)),
    ("ΑΚΕΛ", "AKEL", Some(Latin)),
    ("Kommounistiko", "Κομμουνιστικό Κόμμα Ελλάδας", Some(Latin)),
    ("Kommounistiko Komma", "Κομμουνιστικό Κόμμα Ελλάδας", Some(Latin)),
    ("SYRIZA", "ΣΥΡΙΖΑ", Some(Latin)),
    ("Elliniki", "Ελληνική Λύση", Some(Latin)),
    ("Ανορθωτικό", "ανορθωτικο κομμα", Some(Exact)),
    ("KKE", "ΑΚΕΛ", None),
    // Cyrillic, Russian.
    ("KPRF", "КПРФ", Some(Latin)),
    ("КПРФ", "KPRF", Some(Latin)),
    ("CCCP", "СССР", Some(Lookalike)),
    (
        "Kommunisticheskaya",
        "Коммунистическая партия Российской Федерации",
        Some(Latin),
    ),
    ("partiya", "Коммунистическая партия", Some(Latin)),
    ("Zyuganov", "Геннадий Зюганов", Some(Latin)),
    ("коммунистическая", "КОММУНИСТИЧЕСКАЯ ПАРТИЯ", Some(Exact)),
    ("Ельцин", "Зюганов", None),
    // Cyrillic, Tajik.
    ("Рахимов", "Раҳимов", Some(Exact)),
    ("Таджикистон", "Ҳизби Коммунистии Тоҷикистон", None),
    ("Точикистон", "Ҳизби Коммунистии Тоҷикистон", Some(Exact)),
    ("Хизби", "Ҳизби Коммунистии Тоҷикистон", Some(Exact)),
    ("Rakhmon", "Эмомалӣ Раҳмон", Some(Latin)),
    ("Эмомали", "Эмомалӣ Раҳмон", Some(Exact)),
    // Armenian.
    ("Hayastani", "Հայաստանի Կոմունիստական Կուսակցություն", Some(Latin)),
    (
        "Komunistakan",
        "Հայաստանի Կոմունիստական Կուսակցություն",
        Some(Latin),
    ),
    ("Dashnaktsutyun", "Հայ Յեղափոխական Դաշնակցություն", Some(Latin)),
    (
        "Կոմունիստական",
        "Հայաստանի Կոմունիստական Կուսակցություն",
        Some(Exact),
    ),
    ("Hayastani", "Ազատ Դեմոկրատներ", None),
    // Hebrew: points go.
    ("שלום", "שָׁלוֹם", Some(Exact)),
    ("מפלגה", "מִפְלָגָה קוֹמוּנִיסְטִית יִשְׂרְאֵלִית", Some(Exact)),
    ("קומוניסטית", "מפלגה קומוניסטית ישראלית", Some(Exact)),
    ("חדש", "מפלגה קומוניסטית ישראלית", None),
    // Accented Latin.
    ("Portugues", "Partido Comunista Português", Some(Exact)),
    ("KSCM", "KSČM", Some(Exact)),
    ("strasse", "Straße", Some(Exact)),
    ("Communiste Francais", "Parti communiste français", Some(Exact)),
    ("comun", "Partido Comunista de España", Some(Prefix)),
    // Latin spellings of names in Arabic script: consonants.
    ("Tudeh", "حزب توده ایران", Some(Close)),
    ("Toudeh", "حزب توده ایران", Some(Close)),
    ("Hezb-e Tudeh", "حزب تودهٔ ایران", Some(Close)),
    ("Komala", "كۆمهڵهی شۆڕشگێڕی", Some(Close)),
    ("Fadaian Khalq", "سازمان فدائیان خلق ایران", Some(Close)),
    ("Hizb al-Shuyu'i al-Iraqi", "الحزب الشيوعي العراقي", Some(Close)),
    ("Kurdistan", "پارتی دیموکراتی کوردستان", Some(Close)),
    // No false friends.
    ("Iran", "Iraq", None),
    ("Iran", "عراق", None),
    ("Iraq", "ایران", None),
    ("Iran", "ایران", Some(Close)),
    ("Tudeh", "حزب کمونیست ایران", None),
    ("Komala", "پارتی دیموکراتی کوردستان", None),
];

#[test]
fn queries_find_names_in_every_script() {
    assert!(CASES.len() >= 60, "{}", CASES.len());
    let mut wrong = Vec::new();
    for (query, name, expected) in CASES {
        let got = how_matches(query, name);
        if got != *expected {
            wrong.push(format!(
                "{query:?} → {name:?}: expected {expected:?}, got {got:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn iran_is_never_an_exact_match_for_iraq() {
    for (q, n) in [
        ("Iran", "Iraq"),
        ("Iran", "Iraqi Communist Party"),
        ("ایران", "عراق"),
    ] {
        assert!(how_matches(q, n).is_none_or(|h| h > How::Prefix), "{q} {n}");
    }
}

#[test]
fn consonant_keys_are_shared_by_latin_and_arabic_script() {
    assert_eq!(consonant_key("Tudeh"), "td");
    assert_eq!(consonant_key("Toudeh"), "td");
    assert_eq!(consonant_key("Hezb-e Tudeh"), "zb td");
    assert_eq!(consonant_key("حزب تودهٔ ایران"), "zb td rn");
    assert_eq!(consonant_key("کردستان"), consonant_key("کوردستان"));
    assert_eq!(consonant_key("Fedaiyan-e Khalq"), consonant_key("فدائیان خلق"));
    assert_eq!(consonant_key("Mojahedin"), consonant_key("مجاهدین"));
    assert_eq!(consonant_key("کۆمەڵە"), consonant_key("Komala"));
}

#[test]
fn latin_keys_spell_other_scripts() {
    assert_eq!(
        latin_key("Κομμουνιστικό Κόμμα Ελλάδας"),
        "kommounistiko komma elladas"
    );
    assert_eq!(latin_key("КПРФ"), "kprf");
    assert_eq!(latin_key("ΚΚΕ"), "kke");
    assert_eq!(latin_key("СССР"), "sssr cccp");
    assert_eq!(latin_key("Partido Comunista Português"), "");
    assert_eq!(latin_key("حزب توده"), "");
    assert_eq!(consonant_key_of_names("Tudeh Party\nحزب توده"), "zb td");
}

#[test]
fn fts_queries_name_their_columns() {
    let q = Query::new("Hezb-e Tudeh");
    assert_eq!(q.fts_exact().unwrap(), "text : (\"hezb\"* \"e\"* \"tudeh\"*)");
    assert_eq!(q.fts_consonants().unwrap(), "sound : (\"zb\" \"td\")");
    let q = Query::new("ΚΚΕ");
    let latin = q.fts_latin().unwrap();
    assert!(latin.contains("{text latin} : (\"kke\"*)"), "{latin}");
    assert_eq!(Query::new("e").fts_consonants(), None);
    assert!(Query::new("  ").is_empty());
}

#[test]
fn queries_in_arabic_script_are_known() {
    assert!(Query::new("کردستان").is_arabic());
    assert!(!Query::new("Kurdistan").is_arabic());
}
