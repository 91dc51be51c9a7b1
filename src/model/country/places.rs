//! Places that are not states, where partners nevertheless work: given
//! as a country, they are refused naming the states they lie in.

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
