//! The words of the report in English and Persian.

use super::{Better, Meaning};
use crate::calendar::Calendar;

/// The language of the report's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    En,
    Fa,
}

impl Lang {
    /// A label in this language.
    pub fn t(self, key: &str) -> &'static str {
        let (en, fa) = match key {
            "title" => ("Quarterly report", "گزارش فصلی"),
            "period" => ("Period", "دوره"),
            "previous" => ("previous", "دوره قبل"),
            "as_of" => ("as of", "تا تاریخ"),
            "totals" => ("1. Headline figures", "۱. ارقام اصلی"),
            "contacts" => ("contacts logged", "تماس‌های ثبت‌شده"),
            "organisations_contacted" => ("organisations contacted", "سازمان‌هایی که با آنها تماس داشتیم"),
            "new_ties" => ("new ties (first contact)", "پیوندهای تازه (نخستین تماس)"),
            "organisations_added" => ("organisation records added", "سازمان‌های افزوده‌شده به فهرست"),
            "organisations_reached" => (
                "organisations reached (contacts or documents)",
                "سازمان‌هایی که به آنها رسیدیم (تماس یا سند)",
            ),
            "people_met" => ("people met", "افرادی که دیدیم"),
            "events" => ("events", "رویدادها"),
            "briefings" => ("member briefings", "گزارش‌ها به اعضا"),
            "briefing" => ("member briefing", "گزارش به اعضا"),
            "support_won" => ("support won", "پشتیبانی به‌دست‌آمده"),
            "support_won_sentence" => ("Support won", "پشتیبانی به‌دست‌آمده"),
            "documents_sent" => ("documents sent", "اسناد فرستاده‌شده"),
            "copies_sent" => ("copies sent", "نسخه‌های فرستاده‌شده"),
            "languages" => ("languages", "زبان‌ها"),
            "tasks_opened" => ("follow-ups opened", "پیگیری‌های تازه"),
            "tasks_done" => ("follow-ups done", "پیگیری‌های انجام‌شده"),
            "partners_going_cold" => ("partners with no contact", "شرکای بی‌تماس"),
            "tasks_overdue" => (
                "follow-ups overdue at period end",
                "پیگیری‌های عقب‌افتاده در پایان دوره",
            ),
            "by_region" => ("2. Contacts by region", "۲. تماس‌ها بر پایه منطقه"),
            "by_country" => ("Contacts by country", "تماس‌ها بر پایه کشور"),
            "group" => ("Group", "گروه"),
            "group_going_cold" => (
                "partners with no contact in the period",
                "شرکای بی‌تماس در این دوره",
            ),
            "region" => ("region", "منطقه"),
            "country" => ("country", "کشور"),
            "organisations" => ("organisations", "سازمان‌ها"),
            "change" => ("change", "تغییر"),
            "by_channel" => (
                "3. Contacts by channel and direction",
                "۳. تماس‌ها بر پایه راه و جهت",
            ),
            "channel" => ("channel", "راه تماس"),
            "direction" => ("direction", "جهت"),
            "engagement" => ("4. Most engaged partners", "۴. فعال‌ترین شرکا"),
            "organisation" => ("organisation", "سازمان"),
            "going_cold" => (
                "Partners with no contact in the period (neither logged nor sent a document)",
                "شرکایی که در این دوره با آنها تماسی نداشتیم (نه تماس ثبت‌شده، نه سند فرستاده‌شده)",
            ),
            "last_contact" => ("last contact", "آخرین تماس"),
            "never" => ("never", "هرگز"),
            "follow_ups" => ("5. Follow-ups", "۵. پیگیری‌ها"),
            "done_in_period" => ("Done in the period", "انجام‌شده در این دوره"),
            "overdue_at_end" => ("Overdue at the end of the period", "عقب‌افتاده در پایان دوره"),
            "overdue" => ("Overdue", "عقب‌افتاده"),
            "task" => ("follow-up", "پیگیری"),
            "due" => ("due", "مهلت"),
            "done_on" => ("done", "انجام"),
            "trend" => (
                "Contacts per month, last twelve months",
                "تماس‌ها در هر ماه، دوازده ماه گذشته",
            ),
            "none" => ("none", "هیچ"),
            "good" => ("(good)", "(خوب)"),
            "bad" => ("(bad)", "(بد)"),
            "activity" => (
                "6. Events, documents and objectives",
                "۶. رویدادها، اسناد و اهداف",
            ),
            "starts" => ("starts", "آغاز"),
            "our_role" => ("our role", "نقش ما"),
            "documents_by_language" => (
                "Copies of our documents sent, by language",
                "نسخه‌های فرستاده‌شده از اسناد ما، بر پایه زبان",
            ),
            "language" => ("language", "زبان"),
            "published_on_site" => ("Published on our website", "منتشرشده در سایت ما"),
            "link" => ("link", "پیوند"),
            "from" => ("from", "از"),
            "copies" => ("copies", "نسخه‌ها"),
            "objectives" => ("Activity per objective", "فعالیت برای هر هدف"),
            "objective" => ("objective", "هدف"),
            "mandates" => (
                "7. What was done on each mandate",
                "۷. آنچه برای هر یک از وظایف انجام شد",
            ),
            "nothing_recorded" => ("nothing recorded", "چیزی ثبت نشده است"),
            "contact" => ("contact", "تماس"),
            "our_document" => ("our document", "سند ما"),
            "received_document" => ("received document", "سند دریافتی"),
            "open_follow_up" => ("open follow-up", "پیگیری باز"),
            "partners_reached" => ("partners reached", "شریکِ دریافت‌کننده"),
            "translated" => ("translated", "ترجمه شد"),
            "published" => ("published", "منتشر شد"),
            "what" => ("what", "چه"),
            "when" => ("when", "کی"),
            "item" => ("item", "مورد"),
            "with" => ("with", "با"),
            "result" => ("result", "نتیجه"),
            "documents" => ("documents", "اسناد"),
            "contact_details" => (
                "People met and how to reach them",
                "افرادی که دیدیم و راه تماس با آنها",
            ),
            "person" => ("person", "فرد"),
            "phone" => ("phone", "تلفن"),
            "messaging" => ("messaging", "پیام‌رسان"),
            "in" => ("in", "ورودی"),
            "out" => ("out", "خروجی"),
            "both" => ("both", "دوسویه"),
            "meeting" => ("meeting", "دیدار"),
            "call" => ("call", "تماس تلفنی"),
            "video" => ("video", "تماس تصویری"),
            "email" => ("email", "ایمیل"),
            "letter" => ("letter", "نامه"),
            "message" => ("message", "پیام"),
            "event" => ("event", "رویداد"),
            "other" => ("other", "دیگر"),
            "organiser" => ("organiser", "برگزارکننده"),
            "co-organiser" => ("co-organiser", "هم‌برگزارکننده"),
            "participant" => ("participant", "شرکت‌کننده"),
            "signatory" => ("signatory", "امضاکننده"),
            "speaker" => ("speaker", "سخنران"),
            "observer" => ("observer", "ناظر"),
            "party" => ("party", "حزب"),
            "union" => ("union", "اتحادیه"),
            "movement" => ("movement", "جنبش"),
            "media" => ("media", "رسانه"),
            "partner" => ("partner", "شریک"),
            "prospect" => ("prospect", "احتمالی"),
            "dormant" => ("dormant", "خاموش"),
            "ended" => ("ended", "پایان‌یافته"),
            "seminar" => ("seminar", "سمینار"),
            "conference" => ("conference", "کنفرانس"),
            "congress" => ("congress", "کنگره"),
            "strike" => ("strike", "اعتصاب"),
            "demonstration" => ("demonstration", "تظاهرات"),
            "action" => ("action", "آکسیون"),
            "joint-seminar" => ("joint seminar", "سمینار مشترک"),
            "statement" => ("statement", "بیانیه"),
            "article" => ("article", "مقاله"),
            "resolution" => ("resolution", "قطعنامه"),
            "report" => ("report", "گزارش"),
            "news" => ("news", "خبر"),
            "ours" => ("ours", "از ما"),
            "received" => ("received", "دریافتی"),
            _ => ("", ""),
        };
        match self {
            Lang::En => en,
            Lang::Fa => fa,
        }
    }

    /// A period's label as this language names it: in Persian a Solar
    /// Hijri quarter is its season («بهار ۱۴۰۵»), a calendar quarter its
    /// ordinal («سه‌ماههٔ سوم ۲۰۲۶»), never with a Latin Q. Other labels
    /// (a range of dates) only change their digits.
    pub fn period(self, label: &str, calendar: Calendar) -> String {
        let quarter = label
            .split_once('Q')
            .and_then(|(y, q)| Some((y.parse::<i32>().ok()?, q.parse::<usize>().ok()?)))
            .filter(|(_, q)| (1..=4).contains(q));
        match (self, quarter) {
            (Lang::Fa, Some((year, q))) => {
                let name = match calendar {
                    Calendar::Persian => ["بهار", "تابستان", "پاییز", "زمستان"][q - 1].to_string(),
                    Calendar::Gregorian => format!("سه‌ماههٔ {}", ["اول", "دوم", "سوم", "چهارم"][q - 1]),
                };
                format!("{name} {}", self.num(year))
            }
            _ => self.num(label),
        }
    }

    /// A number as this language writes it (Persian digits for Persian).
    pub fn num(self, n: impl ToString) -> String {
        let s = n.to_string();
        match self {
            Lang::En => s,
            Lang::Fa => s
                .chars()
                .map(|c| {
                    c.to_digit(10)
                        .and_then(|d| char::from_u32(0x06F0 + d))
                        .unwrap_or(c)
                })
                .collect(),
        }
    }

    /// A date in the report's calendar, in this language's digits.
    pub fn date(self, d: chrono::NaiveDate, calendar: Calendar) -> String {
        self.num(crate::calendar::format(d, calendar))
    }

    /// Items joined as this language lists them (`;` or `؛`).
    pub fn list(self, items: impl IntoIterator<Item = String>) -> String {
        let sep = match self {
            Lang::En => "; ",
            Lang::Fa => "؛ ",
        };
        items.into_iter().collect::<Vec<_>>().join(sep)
    }

    /// Short items joined as this language lists them (`,` or `،`).
    pub fn words(self, items: impl IntoIterator<Item = String>) -> String {
        let sep = match self {
            Lang::En => ", ",
            Lang::Fa => "، ",
        };
        items.into_iter().collect::<Vec<_>>().join(sep)
    }

    /// A language's name (from its ISO 639-1 code) in this language; the
    /// code itself in English, where codes are what the office types.
    pub fn language(self, code: &str) -> String {
        if self == Lang::En {
            return code.to_string();
        }
        let fa = match code {
            "fa" => "فارسی",
            "en" => "انگلیسی",
            "ar" => "عربی",
            "ku" | "ckb" | "kmr" => "کردی",
            "tr" => "ترکی",
            "az" => "آذربایجانی",
            "hy" => "ارمنی",
            "el" => "یونانی",
            "ru" => "روسی",
            "fr" => "فرانسوی",
            "de" => "آلمانی",
            "es" => "اسپانیایی",
            "pt" => "پرتغالی",
            "it" => "ایتالیایی",
            "he" => "عبری",
            "ur" => "اردو",
            "hi" => "هندی",
            "ps" => "پشتو",
            "tg" => "تاجیکی",
            "uz" => "ازبکی",
            "ka" => "گرجی",
            "zh" => "چینی",
            "nl" => "هلندی",
            "sv" => "سوئدی",
            _ => return code.to_string(),
        };
        fa.to_string()
    }

    /// A UN M49 sub-region's name in this language.
    pub fn region(self, region: &str) -> String {
        if self == Lang::En {
            return region.to_string();
        }
        let fa = match region {
            "Australia and New Zealand" => "استرالیا و نیوزیلند",
            "Caribbean" => "کارائیب",
            "Central America" => "آمریکای مرکزی",
            "Central Asia" => "آسیای مرکزی",
            "Eastern Africa" => "شرق آفریقا",
            "Eastern Asia" => "شرق آسیا",
            "Eastern Europe" => "شرق اروپا",
            "Melanesia" => "ملانزی",
            "Micronesia" => "میکرونزی",
            "Middle Africa" => "مرکز آفریقا",
            "Northern Africa" => "شمال آفریقا",
            "Northern America" => "آمریکای شمالی",
            "Northern Europe" => "شمال اروپا",
            "Polynesia" => "پلینزی",
            "South America" => "آمریکای جنوبی",
            "South-eastern Asia" => "جنوب شرق آسیا",
            "Southern Africa" => "جنوب آفریقا",
            "Southern Asia" => "جنوب آسیا",
            "Southern Europe" => "جنوب اروپا",
            "Western Africa" => "غرب آفریقا",
            "Western Asia" => "غرب آسیا",
            "Western Europe" => "غرب اروپا",
            _ => region,
        };
        fa.to_string()
    }

    /// A change against the previous period: `▲ +3`, `▼ -2`, `= 0`, with
    /// `(good)` or `(bad)` when the figure has a better direction.
    pub fn change(self, now: i64, before: i64, better: Better) -> String {
        let d = now - before;
        let mut s = match d.cmp(&0) {
            std::cmp::Ordering::Greater => format!("▲ +{d}"),
            std::cmp::Ordering::Less => format!("▼ {d}"),
            std::cmp::Ordering::Equal => "= 0".to_string(),
        };
        let word = match better.judge(now, before) {
            Meaning::Good => self.t("good"),
            Meaning::Bad => self.t("bad"),
            Meaning::None => "",
        };
        if !word.is_empty() {
            s.push(' ');
            s.push_str(word);
        }
        self.num(s)
    }
}
