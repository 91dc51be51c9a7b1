//! Country names as people write them, beyond the ISO and translated names
//! keshvar knows: the short forms of the UN and the press, colloquial
//! Persian and Arabic names, and names that fit several countries.

/// Names of one country each: `(names, [code])`.
pub const COMMON: &[(&[&str], &[&str])] = &[
    (
        &[
            "Britain",
            "Great Britain",
            "UK",
            "U.K.",
            "United Kingdom",
            "انگلیس",
            "انگلستان",
            "بریتانیا",
            "بریتانیای کبیر",
            "پادشاهی متحده",
            "بريطانيا",
            "المملكة المتحدة",
            "Британия",
            "Великобритания",
            "Βρετανία",
            "Ηνωμένο Βασίλειο",
            "İngiltere",
            "Birleşik Krallık",
        ],
        &["GB"],
    ),
    (
        &[
            "USA",
            "U.S.A.",
            "US",
            "U.S.",
            "America",
            "United States",
            "United States of America",
            "آمریکا",
            "امریکا",
            "ایالات متحده",
            "ایالات متحده آمریکا",
            "ایالات متحدهٔ آمریکا",
            "أمريكا",
            "امريكا",
            "الولايات المتحدة",
            "الولايات المتحدة الأمريكية",
            "Америка",
            "США",
            "ΗΠΑ",
            "Amerika",
            "ABD",
        ],
        &["US"],
    ),
    (
        &[
            "Russia",
            "Russian Federation",
            "روسیه",
            "روسیه فدرال",
            "فدراسیون روسیه",
            "روسيا",
            "روسيا الاتحادية",
            "Россия",
            "Ρωσία",
            "Rusya",
        ],
        &["RU"],
    ),
    (
        &[
            "Czech",
            "Czech Republic",
            "Czechia",
            "Czechoslovakia",
            "چک",
            "جمهوری چک",
            "التشيك",
            "جمهورية التشيك",
        ],
        &["CZ"],
    ),
    (
        &[
            "DPRK",
            "D.P.R.K.",
            "North Korea",
            "Korea, North",
            "Democratic People's Republic of Korea",
            "Korea DPR",
            "Korea (DPR)",
            "کره شمالی",
            "جمهوری دموکراتیک خلق کره",
            "كوريا الشمالية",
            "Северная Корея",
            "Βόρεια Κορέα",
            "Kuzey Kore",
        ],
        &["KP"],
    ),
    (
        &[
            "South Korea",
            "Korea, South",
            "ROK",
            "Republic of Korea",
            "کره جنوبی",
            "جمهوری کره",
            "كوريا الجنوبية",
            "Южная Корея",
            "Νότια Κορέα",
            "Güney Kore",
        ],
        &["KR"],
    ),
    (
        &[
            "Kosovo",
            "Republic of Kosovo",
            "Kosova",
            "Kosovë",
            "Kosovo*",
            "کوزوو",
            "کوسوو",
            "كوسوفو",
            "Косово",
            "Κοσσυφοπέδιο",
            "Κόσοβο",
        ],
        &["XK"],
    ),
    (
        &[
            "Holland",
            "The Netherlands",
            "Netherlands",
            "هلند",
            "هولندا",
            "Hollanda",
        ],
        &["NL"],
    ),
    (
        &[
            "Azerbaijan",
            "Republic of Azerbaijan",
            "جمهوری آذربایجان",
            "أذربيجان",
            "اذربيجان",
        ],
        &["AZ"],
    ),
    (
        &[
            "UAE",
            "U.A.E.",
            "Emirates",
            "امارات",
            "امارات متحده عربی",
            "الإمارات",
            "الامارات",
        ],
        &["AE"],
    ),
    (
        &[
            "Iran",
            "Islamic Republic of Iran",
            "Persia",
            "ایران",
            "إيران",
            "ايران",
        ],
        &["IR"],
    ),
    (&["Syria", "سوریه", "سوريا", "سورية"], &["SY"]),
    (&["Turkey", "Türkiye", "Turkiye", "ترکیه", "تركيا"], &["TR"]),
    (&["Iraq", "عراق", "العراق"], &["IQ"]),
    (&["Lebanon", "لبنان"], &["LB"]),
    (&["Afghanistan", "افغانستان", "أفغانستان"], &["AF"]),
    (&["Palestine", "State of Palestine", "فلسطین", "فلسطين"], &["PS"]),
    (&["Egypt", "مصر"], &["EG"]),
    (&["Saudi Arabia", "عربستان", "عربستان سعودی", "السعودية"], &["SA"]),
    (&["Armenia", "ارمنستان", "أرمينيا"], &["AM"]),
    (&["Georgia", "گرجستان", "جورجيا"], &["GE"]),
    (&["Greece", "یونان", "اليونان"], &["GR"]),
    (&["Cyprus", "قبرس", "قبرص"], &["CY"]),
    (&["Germany", "آلمان", "ألمانيا"], &["DE"]),
    (&["France", "فرانسه", "فرنسا"], &["FR"]),
    (&["Spain", "اسپانیا", "إسبانيا"], &["ES"]),
    (&["Italy", "ایتالیا", "إيطاليا"], &["IT"]),
    (&["China", "PRC", "چین", "الصين"], &["CN"]),
    (&["Taiwan", "ROC", "تایوان", "تايوان"], &["TW"]),
    (&["Vietnam", "Viet Nam", "ویتنام", "فيتنام"], &["VN"]),
    (&["Laos", "Lao PDR", "لائوس", "لاوس"], &["LA"]),
    (&["Venezuela", "ونزوئلا", "فنزويلا"], &["VE"]),
    (&["Bolivia", "بولیوی", "بوليفيا"], &["BO"]),
    (&["Tanzania", "تانزانیا", "تنزانيا"], &["TZ"]),
    (&["Moldova", "مولداوی", "مولدوفا"], &["MD"]),
    (
        &[
            "Macedonia",
            "North Macedonia",
            "FYROM",
            "مقدونیه",
            "مقدونیه شمالی",
            "مقدونيا",
        ],
        &["MK"],
    ),
    (&["Vatican", "Holy See", "واتیکان", "الفاتيكان"], &["VA"]),
    (
        &["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "ساحل عاج"],
        &["CI"],
    ),
    (&["Cape Verde", "Cabo Verde"], &["CV"]),
    (&["Swaziland", "Eswatini"], &["SZ"]),
    (&["Burma", "Myanmar", "میانمار", "برمه"], &["MM"]),
    (&["East Timor", "Timor-Leste"], &["TL"]),
    (&["Brunei"], &["BN"]),
    (
        &[
            "DRC",
            "DR Congo",
            "D.R. Congo",
            "Congo-Kinshasa",
            "Congo (Kinshasa)",
            "Democratic Republic of the Congo",
            "Congo, Democratic Republic",
            "کنگو کینشاسا",
            "جمهوری دموکراتیک کنگو",
        ],
        &["CD"],
    ),
    (
        &[
            "Congo-Brazzaville",
            "Congo (Brazzaville)",
            "Republic of the Congo",
            "Republic of Congo",
            "کنگو برازاویل",
            "جمهوری کنگو",
        ],
        &["CG"],
    ),
    (&["Bosnia", "Bosnia-Herzegovina", "بوسنی"], &["BA"]),
    (&["Belarus", "Byelorussia", "بلاروس", "روسیه سفید"], &["BY"]),
    (&["Serbia", "صربستان", "صربيا"], &["RS"]),
    (&["Sweden", "سوئد", "السويد"], &["SE"]),
    (&["Switzerland", "سوئیس", "سويسرا"], &["CH"]),
    (&["India", "هند", "الهند"], &["IN"]),
    (&["Pakistan", "پاکستان", "باكستان"], &["PK"]),
    (&["Cuba", "کوبا", "كوبا"], &["CU"]),
];

/// Names that fit several countries: refused, naming all of them.
pub const SHARED: &[(&[&str], &[&str])] = &[
    (
        &["Korea", "کره", "كوريا", "Корея", "Κορέα", "Kore"],
        &["KP", "KR"],
    ),
    (&["Congo", "The Congo", "کنگو", "الكونغو", "Конго"], &["CD", "CG"]),
    (&["Guinea", "گینه", "غينيا"], &["GN", "GW", "GQ", "PG"]),
    (&["Virgin Islands"], &["VG", "VI"]),
    // Iranians mean their own provinces as often as the republic.
    (&["آذربایجان"], &["AZ", "IR"]),
];

/// A place that is not a state, where partners nevertheless work.
pub struct Place {
    pub names: &'static [&'static str],
    /// The states it lies in, the first the likeliest.
    pub states: &'static [&'static str],
    /// A tag to keep its organisations together.
    pub tag: &'static str,
}

const PLACES: &[Place] = &[
    Place {
        names: &[
            "Kurdistan",
            "Kurdistan Region",
            "Iraqi Kurdistan",
            "Rojava",
            "کردستان",
            "کوردستان",
            "كردستان",
            "Kürdistan",
        ],
        states: &["IQ", "IR", "TR", "SY"],
        tag: "kurdistan",
    },
    Place {
        names: &[
            "Basque Country",
            "Euskadi",
            "Euskal Herria",
            "País Vasco",
            "Pays basque",
            "باسک",
            "إقليم الباسك",
        ],
        states: &["ES", "FR"],
        tag: "basque-country",
    },
    Place {
        names: &["Catalonia", "Catalunya", "Cataluña", "کاتالونیا", "كتالونيا"],
        states: &["ES"],
        tag: "catalonia",
    },
    Place {
        names: &["Galicia", "Galiza"],
        states: &["ES"],
        tag: "galicia",
    },
    Place {
        names: &["Scotland", "اسکاتلند", "اسكتلندا"],
        states: &["GB"],
        tag: "scotland",
    },
    Place {
        names: &["Wales", "ولز", "ويلز"],
        states: &["GB"],
        tag: "wales",
    },
    Place {
        names: &["England"],
        states: &["GB"],
        tag: "england",
    },
    Place {
        names: &["Northern Ireland", "ایرلند شمالی", "أيرلندا الشمالية"],
        states: &["GB"],
        tag: "northern-ireland",
    },
    Place {
        names: &["Quebec", "Québec"],
        states: &["CA"],
        tag: "quebec",
    },
    Place {
        names: &["Corsica", "Corse"],
        states: &["FR"],
        tag: "corsica",
    },
    Place {
        names: &["Flanders", "Wallonia"],
        states: &["BE"],
        tag: "belgium-regions",
    },
    Place {
        names: &["Kashmir", "کشمیر", "كشمير"],
        states: &["IN", "PK"],
        tag: "kashmir",
    },
    Place {
        names: &["Tibet", "تبت"],
        states: &["CN"],
        tag: "tibet",
    },
    Place {
        names: &["Crimea", "کریمه", "القرم"],
        states: &["UA"],
        tag: "crimea",
    },
    Place {
        names: &["Transnistria"],
        states: &["MD"],
        tag: "transnistria",
    },
    Place {
        names: &["Abkhazia", "South Ossetia"],
        states: &["GE"],
        tag: "caucasus",
    },
    Place {
        names: &["Nagorno-Karabakh", "Artsakh", "قره باغ", "قره‌باغ"],
        states: &["AZ"],
        tag: "karabakh",
    },
    Place {
        names: &["Northern Cyprus", "TRNC", "قبرس شمالی"],
        states: &["CY"],
        tag: "northern-cyprus",
    },
    Place {
        names: &["Baluchistan", "Balochistan", "بلوچستان"],
        states: &["PK", "IR"],
        tag: "baluchistan",
    },
];

/// The place a folded name means, if it is a known place that is not a
/// state.
pub fn not_a_state(key: &str) -> Option<&'static Place> {
    PLACES
        .iter()
        .find(|p| p.names.iter().any(|n| crate::text::fold(n) == key))
}
