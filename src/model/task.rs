//! Follow-up tasks.

use chrono::NaiveDate;
use serde::Serialize;

use super::word_enum;

word_enum!(
    /// How urgent a task is.
    Priority, "priority", {
        High = "high",
        Normal = "normal",
        Low = "low",
    }
);

word_enum!(
    /// Where a task stands.
    TaskStatus, "status", {
        Open = "open",
        Done = "done",
        Cancelled = "cancelled",
    }
);

/// A follow-up.
///
/// Field names and order are the JSON and CSV contract (see the README).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// Its number in the current task list; `null` when not in it.
    pub number: Option<i64>,
    pub id: String,
    pub title: String,
    /// Handle of the organisation, if any.
    pub organisation: Option<String>,
    /// ID of the log entry it came from, if any.
    pub origin: Option<String>,
    pub due: Option<NaiveDate>,
    pub priority: Priority,
    pub assignee: Option<String>,
    pub status: TaskStatus,
    pub done_on: Option<NaiveDate>,
    pub notes: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(skip)]
    pub org_id: Option<String>,
}

impl Task {
    /// A new open task of normal priority, with nothing but its title.
    pub fn new(id: String, title: String, now: &str) -> Task {
        Task {
            number: None,
            id,
            title,
            organisation: None,
            origin: None,
            due: None,
            priority: Priority::Normal,
            assignee: None,
            status: TaskStatus::Open,
            done_on: None,
            notes: None,
            created_at: now.to_string(),
            updated_at: now.to_string(),
            org_id: None,
        }
    }

    /// Whether the task is open and its due date has passed.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.status == TaskStatus::Open && self.due.is_some_and(|d| d < today)
    }
}
