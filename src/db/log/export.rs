//! The log's export streamer: every entry of a period as the cells of a
//! CSV row, read in one pass without building a record per entry.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::error::{Context, Result};

/// Calls `f` with every live entry in the period as the cells of an
/// export row (in the order of `csvio::records::LOG_COLUMNS`, lists joined
/// with `; `), oldest first, without building a record per entry.
pub fn for_each_row(
    conn: &Connection,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    mut f: impl FnMut(&[&str]) -> Result<()>,
) -> Result<()> {
    // Handles come from memory rather than a join per row; people and tags
    // are looked up only when some entry has them.
    let mut handles: std::collections::HashMap<String, (String, String)> = std::collections::HashMap::new();
    {
        let mut stmt = conn
            .prepare("SELECT id, sort_key, handle FROM organisations")
            .context("exporting the log")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .context("exporting the log")?;
        for row in rows {
            let (id, v) = row.context("exporting the log")?;
            handles.insert(id, v);
        }
    }
    let any = |table: &str| -> Result<bool> {
        conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| {
            r.get(0)
        })
        .context("exporting the log")
    };
    let people = if any("interaction_people")? {
        "(SELECT group_concat(p.name, '; ' ORDER BY p.sort_key) FROM interaction_people x
            JOIN people p ON p.id = x.person_id WHERE x.interaction_id = i.id)"
    } else {
        "NULL"
    };
    let objectives = if any("interaction_objectives")? {
        "(SELECT group_concat(o.number, '; ' ORDER BY o.number) FROM interaction_objectives x
            JOIN objectives o ON o.id = x.objective_id WHERE x.interaction_id = i.id)"
    } else {
        "NULL"
    };
    let tags = if any("interaction_tags")? {
        "(SELECT group_concat(tag, '; ' ORDER BY tag) FROM interaction_tags t WHERE t.interaction_id = i.id)"
    } else {
        "NULL"
    };
    // Following the date index visits the table's pages in random order,
    // a read each. The whole log is read faster in stored order and sorted,
    // the sort spilling to a temporary file; not where temporary data is
    // kept in memory (encrypted databases), nor for a period, which the
    // index finds without reading the rest.
    let temp_store: i64 = conn
        .query_row("PRAGMA temp_store", [], |r| r.get(0))
        .context("exporting the log")?;
    let order = if since.is_none() && until.is_none() && temp_store == 1 {
        "+i.date, i.rid"
    } else {
        "i.date, i.rid"
    };
    let mut stmt = conn
        .prepare(&format!(
            "SELECT i.id, i.date, i.time, i.channel, i.direction, NULL,
                {people}, i.subject, i.summary, {tags}, {objectives}, i.logged_by, i.created_at, i.updated_at
             FROM interactions i
             WHERE i.deleted_at IS NULL AND (?1 IS NULL OR i.date >= ?1) AND (?2 IS NULL OR i.date <= ?2)
             ORDER BY {order}"
        ))
        .context("exporting the log")?;
    let mut rows = stmt.query(params![since, until]).context("exporting the log")?;
    // The organisations of each entry come from a second walk in date
    // order over the index that holds them with their date, a day at a
    // time, instead of one lookup at a random place per entry.
    let mut link_stmt = conn
        .prepare(
            "SELECT date, interaction_id, org_id FROM interaction_orgs
              WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2) ORDER BY date",
        )
        .context("exporting the log")?;
    let mut links = LinksByDay::new(
        link_stmt
            .query(params![since, until])
            .context("exporting the log")?,
    )?;
    let mut orgs = String::new();
    let mut org_ids = String::new();
    while let Some(r) = rows.next().context("exporting the log")? {
        let mut cells: [&str; 14] = [""; 14];
        for (i, cell) in cells.iter_mut().enumerate() {
            if let rusqlite::types::ValueRef::Text(t) = r.get_ref(i).context("exporting the log")? {
                *cell = std::str::from_utf8(t).unwrap_or_default();
            }
        }
        org_ids.clear();
        links.orgs_of(conn, cells[1], cells[0], &mut org_ids)?;
        orgs.clear();
        if !org_ids.contains(' ') {
            // Most entries are with one organisation.
            if let Some((_, handle)) = handles.get(org_ids.as_str()) {
                orgs.push_str(handle);
            }
        } else {
            let mut found: Vec<&(String, String)> =
                org_ids.split(' ').filter_map(|id| handles.get(id)).collect();
            found.sort();
            for (n, (_, handle)) in found.iter().enumerate() {
                if n > 0 {
                    orgs.push_str("; ");
                }
                orgs.push_str(handle);
            }
        }
        cells[5] = &orgs;
        f(&cells)?;
    }
    Ok(())
}

/// The organisations of log entries, read day by day in date order.
struct LinksByDay<'c> {
    rows: rusqlite::Rows<'c>,
    /// The next link not yet taken: (date, entry, organisation).
    ahead: Option<(String, String, String)>,
    day: String,
    of_day: std::collections::HashMap<String, Vec<String>>,
}

impl<'c> LinksByDay<'c> {
    fn new(rows: rusqlite::Rows<'c>) -> Result<LinksByDay<'c>> {
        let mut links = LinksByDay {
            rows,
            ahead: None,
            day: String::new(),
            of_day: std::collections::HashMap::new(),
        };
        links.advance()?;
        Ok(links)
    }

    fn advance(&mut self) -> Result<()> {
        self.ahead = match self.rows.next().context("exporting the log")? {
            Some(r) => Some((
                r.get(0).context("exporting the log")?,
                r.get(1).context("exporting the log")?,
                r.get(2).context("exporting the log")?,
            )),
            None => None,
        };
        Ok(())
    }

    /// Appends the organisation IDs of entry `id` of `date`, separated by
    /// spaces, to `out`.
    fn orgs_of(&mut self, conn: &Connection, date: &str, id: &str, out: &mut String) -> Result<()> {
        if self.day != date {
            self.day = date.to_string();
            self.of_day.clear();
            while let Some((d, entry, org)) = self.ahead.take() {
                match d.as_str().cmp(date) {
                    std::cmp::Ordering::Less => self.advance()?,
                    std::cmp::Ordering::Equal => {
                        self.of_day.entry(entry).or_default().push(org);
                        self.advance()?;
                    }
                    std::cmp::Ordering::Greater => {
                        self.ahead = Some((d, entry, org));
                        break;
                    }
                }
            }
        }
        match self.of_day.get(id) {
            Some(orgs) => {
                for (n, org) in orgs.iter().enumerate() {
                    if n > 0 {
                        out.push(' ');
                    }
                    out.push_str(org);
                }
            }
            // A link whose date disagrees with its entry's: asked directly.
            None => {
                let found: Option<String> = conn
                    .prepare_cached(
                        "SELECT group_concat(org_id, ' ') FROM interaction_orgs WHERE interaction_id = ?1",
                    )
                    .and_then(|mut stmt| stmt.query_row([id], |r| r.get(0)))
                    .context("exporting the log")?;
                out.push_str(&found.unwrap_or_default());
            }
        }
        Ok(())
    }
}
