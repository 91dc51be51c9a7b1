//! SQL for follow-up tasks and their list numbers.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter, types::Value};

use crate::error::{Context, Result};
use crate::model::task::{Task, TaskStatus};

use super::parse_word;

/// The columns `from_row` reads, of a task `t`, its organisation `o` and
/// its list number `n`.
macro_rules! columns {
    () => {
        "SELECT n.number, t.id, t.title, o.handle, t.interaction_id, t.due, t.priority, t.assignee,
    t.status, t.done_on, t.notes, t.created_at, t.updated_at, t.org_id"
    };
}

const SELECT: &str = concat!(
    columns!(),
    " FROM tasks t LEFT JOIN organisations o ON o.id = t.org_id LEFT JOIN task_numbers n ON n.task_id = t.id"
);

/// Open tasks in list order: due first (undated last), then priority, then age.
const ORDER: &str = " ORDER BY t.due IS NULL, t.due,
    CASE t.priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, t.created_at, t.id";

fn from_row(r: &Row) -> rusqlite::Result<Task> {
    Ok(Task {
        number: r.get(0)?,
        id: r.get(1)?,
        title: r.get(2)?,
        organisation: r.get(3)?,
        origin: r.get(4)?,
        due: r.get(5)?,
        priority: parse_word(r, 6)?,
        assignee: r.get(7)?,
        status: parse_word(r, 8)?,
        done_on: r.get(9)?,
        notes: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        org_id: r.get(13)?,
    })
}

/// Inserts a task and, when it is open, gives it the next free list number
/// (returned; 0 for a closed task).
pub fn insert(conn: &Connection, t: &Task, interaction_id: Option<&str>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO tasks (id, title, org_id, interaction_id, due, priority, assignee, status, done_on, notes,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )
    .and_then(|mut stmt| {
        stmt.execute(params![
            t.id,
            t.title,
            t.org_id,
            interaction_id,
            t.due,
            t.priority.as_str(),
            t.assignee,
            t.status.as_str(),
            t.done_on,
            t.notes,
            t.created_at,
            t.updated_at
        ])
    })
    .context("inserting task")?;
    if t.status != TaskStatus::Open {
        return Ok(0);
    }
    conn.prepare_cached(
        "INSERT INTO task_numbers (number, task_id)
         VALUES ((SELECT coalesce(max(number), 0) + 1 FROM task_numbers), ?1) RETURNING number",
    )
    .and_then(|mut stmt| stmt.query_row([&t.id], |r| r.get(0)))
    .context("numbering task")
}

/// Gives an open, live task the next list number if it has none (a task
/// an undo brought back), so `task done N` reaches it at once.
pub fn number_if_missing(conn: &Connection, id: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO task_numbers (number, task_id)
         SELECT (SELECT coalesce(max(number), 0) + 1 FROM task_numbers), t.id FROM tasks t
          WHERE t.id = ?1 AND t.status = 'open' AND t.deleted_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM task_numbers WHERE task_id = t.id)",
        [id],
    )
    .context("numbering task")?;
    Ok(())
}

/// Rewrites a task's fields.
pub fn update(conn: &Connection, t: &Task) -> Result<()> {
    conn.execute(
        "UPDATE tasks SET title = ?2, org_id = ?3, due = ?4, priority = ?5, assignee = ?6, status = ?7,
            done_on = ?8, notes = ?9, updated_at = ?10 WHERE id = ?1",
        params![
            t.id,
            t.title,
            t.org_id,
            t.due,
            t.priority.as_str(),
            t.assignee,
            t.status.as_str(),
            t.done_on,
            t.notes,
            t.updated_at
        ],
    )
    .context("updating task")?;
    Ok(())
}

/// Numbers the open tasks 1, 2, 3… in list order, as the next list shows
/// them; closed tasks lose their numbers. Writes only when the numbering
/// changed, so showing an unchanged list costs no write.
pub fn renumber(conn: &Connection) -> Result<()> {
    let ids = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare_cached(sql).context("numbering tasks")?;
        let rows = stmt.query_map([], |r| r.get(0)).context("numbering tasks")?;
        rows.collect::<rusqlite::Result<Vec<String>>>()
            .context("numbering tasks")
    };
    let wanted = ids(&format!(
        "SELECT t.id FROM tasks t WHERE t.status = 'open' AND t.deleted_at IS NULL{ORDER}"
    ))?;
    let current = ids("SELECT task_id FROM task_numbers ORDER BY number")?;
    if wanted == current {
        return Ok(());
    }
    conn.execute("DELETE FROM task_numbers", [])
        .context("numbering tasks")?;
    let mut insert = conn
        .prepare_cached("INSERT INTO task_numbers (number, task_id) VALUES (?1, ?2)")
        .context("numbering tasks")?;
    for (i, id) in wanted.iter().enumerate() {
        insert
            .execute(params![i as i64 + 1, id])
            .context("numbering tasks")?;
    }
    Ok(())
}

/// The task holding list number `n`.
pub fn by_number(conn: &Connection, n: i64) -> Result<Option<Task>> {
    conn.query_row(
        &format!("{SELECT} WHERE n.number = ?1 AND t.deleted_at IS NULL"),
        [n],
        from_row,
    )
    .optional()
    .context("finding task")
}

/// Live tasks whose ID starts with `prefix`.
pub fn by_id_prefix(conn: &Connection, prefix: &str) -> Result<Vec<Task>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE t.id GLOB ?1 || '*' AND t.deleted_at IS NULL LIMIT 50"
        ))
        .context("finding task")?;
    let rows = stmt.query_map([prefix], from_row).context("finding task")?;
    rows.collect::<rusqlite::Result<Vec<_>>>().context("finding task")
}

/// Whether a task with exactly this ID is stored (deleted ones included).
pub fn exists(conn: &Connection, id: &str) -> Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM tasks WHERE id = ?1)")
        .and_then(|mut stmt| stmt.query_row([id], |r| r.get(0)))
        .context("finding task")
}

/// Which tasks `task list` shows.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Closed tasks too.
    pub all: bool,
    /// Only open tasks due before this date.
    pub due_before: Option<NaiveDate>,
    /// Only open tasks due on or before this date.
    pub due_until: Option<NaiveDate>,
    /// Only open tasks due on or after this date.
    pub due_from: Option<NaiveDate>,
    pub org_id: Option<String>,
    /// Only follow-ups of contacts serving this objective (its ID).
    pub objective_id: Option<String>,
    /// At most this many, the first in list order.
    pub limit: Option<usize>,
}

impl Filter {
    /// The WHERE clause (for `t`) and its arguments.
    fn condition(&self) -> (String, Vec<Value>) {
        let mut sql = String::from(" WHERE t.deleted_at IS NULL");
        let mut args: Vec<Value> = Vec::new();
        if !self.all {
            sql.push_str(" AND t.status = 'open'");
        }
        if let Some(d) = self.due_before {
            sql.push_str(" AND t.status = 'open' AND t.due < ?");
            args.push(Value::Text(d.to_string()));
        }
        if let Some(d) = self.due_until {
            sql.push_str(" AND t.status = 'open' AND t.due <= ?");
            args.push(Value::Text(d.to_string()));
        }
        if let Some(d) = self.due_from {
            sql.push_str(" AND t.status = 'open' AND t.due >= ?");
            args.push(Value::Text(d.to_string()));
        }
        if let Some(o) = &self.org_id {
            sql.push_str(" AND t.org_id = ?");
            args.push(Value::Text(o.clone()));
        }
        if let Some(o) = &self.objective_id {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM interaction_objectives x
                               WHERE x.interaction_id = t.interaction_id AND x.objective_id = ?)",
            );
            args.push(Value::Text(o.clone()));
        }
        (sql, args)
    }
}

/// Live tasks matching `f`: open ones in list order, then closed ones.
pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Task>> {
    let (condition, args) = f.condition();
    let order = ORDER.replace("ORDER BY", "ORDER BY t.status <> 'open',");
    let limit = f.limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
    // The tasks are chosen and sorted before their organisations and
    // numbers are joined: a page of a long list joins only its own rows.
    let sql = format!(
        "{} FROM (SELECT * FROM tasks t{condition}{order}{limit}) t
           LEFT JOIN organisations o ON o.id = t.org_id LEFT JOIN task_numbers n ON n.task_id = t.id{order}",
        columns!()
    );
    let mut stmt = conn.prepare_cached(&sql).context("listing tasks")?;
    let rows = stmt
        .query_map(params_from_iter(args), from_row)
        .context("listing tasks")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("listing tasks")
}

/// How many live tasks match `f`, whatever its limit.
pub fn count(conn: &Connection, f: &Filter) -> Result<usize> {
    let (condition, args) = f.condition();
    let n: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM tasks t{condition}"))
        .and_then(|mut stmt| stmt.query_row(params_from_iter(args), |r| r.get(0)))
        .context("counting tasks")?;
    Ok(usize::try_from(n).unwrap_or_default())
}

/// The first tasks matching `f` (up to its limit) and how many match in all.
pub fn page(conn: &Connection, f: &Filter) -> Result<(Vec<Task>, usize)> {
    let tasks = list(conn, f)?;
    let total = super::page_total(tasks.len(), f.limit, || count(conn, f))?;
    Ok((tasks, total))
}

/// Marks a task deleted and drops its number.
pub fn soft_delete(conn: &Connection, id: &str, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE tasks SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )
    .context("deleting task")?;
    conn.execute("DELETE FROM task_numbers WHERE task_id = ?1", [id])
        .context("deleting task")?;
    Ok(())
}

/// Moves the tasks of one organisation to another (for merges).
pub fn move_to_org(conn: &Connection, from: &str, to: &str, now: &str) -> Result<usize> {
    conn.execute(
        "UPDATE tasks SET org_id = ?2, updated_at = ?3 WHERE org_id = ?1",
        params![from, to, now],
    )
    .context("moving tasks")
}

/// Whether a live task with this title (folded), organisation and due date
/// is already recorded.
pub fn same_task(
    conn: &Connection,
    title: &str,
    org_id: Option<&str>,
    due: Option<NaiveDate>,
) -> Result<bool> {
    let mut stmt = conn
        .prepare_cached("SELECT title FROM tasks WHERE deleted_at IS NULL AND org_id IS ?1 AND due IS ?2")
        .context("looking for the same task")?;
    let key = crate::text::fold(title);
    let rows = stmt
        .query_map(params![org_id, due], |r| r.get::<_, String>(0))
        .context("looking for the same task")?;
    for t in rows {
        if crate::text::fold(&t.context("looking for the same task")?) == key {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Every live task, oldest first, for export.
pub fn all(conn: &Connection) -> Result<Vec<Task>> {
    let mut stmt = conn
        .prepare(&format!(
            "{SELECT} WHERE t.deleted_at IS NULL ORDER BY t.created_at, t.id"
        ))
        .context("exporting tasks")?;
    let rows = stmt.query_map([], from_row).context("exporting tasks")?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .context("exporting tasks")
}
