//! Objectives: the mandates the office works to.

use serde::Serialize;

/// An objective, named by its number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Objective {
    pub number: i64,
    pub id: String,
    pub title: String,
    /// The title in Persian, for the Persian report.
    pub title_fa: Option<String>,
    pub description: Option<String>,
}

/// The seven mandates of the founding resolution, offered by `init`: the
/// English title, the Persian title in the resolution's own words, and
/// what the mandate asks.
pub const DEFAULTS: &[(&str, &str, &str)] = &[
    (
        "Widen ties",
        "گسترش ارتباطات و همکاری‌های بین‌المللی",
        "Strengthen the international relations body and widen existing ties and cooperation.",
    ),
    (
        "Inform abroad",
        "اطلاع‌رسانی به جنبش کارگری و احزاب کشورهای دیگر",
        "Inform workers' movements and parties abroad about the country's situation and its workers' struggles.",
    ),
    (
        "Regional ties",
        "ارتباط ویژه با کشورهای همسایه و منطقه",
        "Build special ties of information and help with parties and movements of neighbouring countries and the region.",
    ),
    (
        "Take part abroad",
        "شرکت در سمینارها و مبارزات کشورهای دیگر",
        "Take part in seminars, gatherings, strikes, demonstrations and actions abroad, and win support at home.",
    ),
    (
        "Follow partners",
        "پیگیری مواضع احزاب و رساندن آن به اعضا",
        "Follow other parties' positions and bring their news and experience to members.",
    ),
    (
        "Translate and distribute",
        "انتشار مقالات رسیده، ترجمه و پخش اسناد",
        "Publish articles received in other languages; translate and distribute our documents.",
    ),
    (
        "Joint seminars",
        "برگزاری سمینارهای مشترک",
        "Hold joint seminars with related parties on urgent international questions.",
    ),
];
