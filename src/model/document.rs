//! Documents, their translations and their distribution.

use chrono::NaiveDate;
use serde::Serialize;

use super::word_enum;

word_enum!(
    /// What sort of document it is.
    DocKind, "document kind", {
        Statement = "statement",
        Article = "article",
        Resolution = "resolution",
        Report = "report",
        Letter = "letter",
        News = "news",
        Other = "other",
    }
);

word_enum!(
    /// Whose document it is.
    DocDirection, "direction", {
        Ours = "ours",
        Received = "received",
    }
);

word_enum!(
    /// How far a translation has come.
    TranslationStatus, "translation status", {
        Planned = "planned",
        InProgress = "in progress",
        Done = "done",
        Published = "published",
    }
);

word_enum!(
    /// How a document was sent.
    SendChannel, "channel", {
        Email = "email",
        Letter = "letter",
        Message = "message",
        Meeting = "meeting",
        Website = "website",
        Other = "other",
    }
);

/// A document as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub kind: DocKind,
    pub date: NaiveDate,
    pub language: String,
    pub direction: DocDirection,
    /// Handle of the organisation that wrote it, for received documents.
    pub author: Option<String>,
    /// ID of the document this translates.
    pub translation_of: Option<String>,
    pub translation_status: Option<TranslationStatus>,
    pub link: Option<String>,
    pub notes: Option<String>,
    pub objectives: Vec<i64>,
    /// When it was published on our own website (`doc publish`).
    pub published_on: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(skip)]
    pub author_org_id: Option<String>,
}

/// One copy sent (or received).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    pub id: String,
    pub document: String,
    pub title: String,
    pub language: String,
    pub organisation: String,
    pub date: NaiveDate,
    pub channel: SendChannel,
}
