//! Objectives: the mandates the office works to.

use serde::Serialize;

/// An objective, named by its number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Objective {
    pub number: i64,
    pub id: String,
    pub title: String,
    pub description: Option<String>,
}

/// The seven mandates of the founding resolution, offered by `init`.
pub const DEFAULTS: &[(&str, &str)] = &[
    (
        "Widen ties",
        "Strengthen the international relations body and widen existing ties and cooperation.",
    ),
    (
        "Inform abroad",
        "Inform workers' movements and parties abroad about the country's situation and its workers' struggles.",
    ),
    (
        "Regional ties",
        "Build special ties of information and help with parties and movements of neighbouring countries and the region.",
    ),
    (
        "Take part abroad",
        "Take part in seminars, gatherings, strikes, demonstrations and actions abroad, and win support at home.",
    ),
    (
        "Follow partners",
        "Follow other parties' positions and bring their news and experience to members.",
    ),
    (
        "Translate and distribute",
        "Publish articles received in other languages; translate and distribute our documents.",
    ),
    (
        "Joint seminars",
        "Hold joint seminars with related parties on urgent international questions.",
    ),
];
