//! PostgreSQL: every page of every table and index of the database (live rows and dead
//! row versions alike, through pageinspect), and the write-ahead log since a position.
//!
//! Taking the copy needs a superuser connection (pageinspect, pg_walinspect and
//! `pg_read_binary_file` on `pg_wal`), as an operator has. Dead row versions stay on
//! their pages until a vacuum; WAL records stay until their segment is recycled.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::Context;
use sqlx::{Connection, PgConnection, Row};

use super::material::{Chunk, Material, Order, Unit, read_key_files};
use super::toast::Toast;
use super::{Report, Truth, analyse};

/// Relations bigger than this many pages are not read.
const RELATION_PAGES_MAX: i64 = 10_000;

/// What the linker took from a PostgreSQL database at one moment.
pub struct PostgresCopy {
    label: String,
    material: Material,
}

/// The WAL position now: pass it to [`PostgresCopy::take`] to read the WAL from here.
pub async fn wal_position(url: &str) -> anyhow::Result<String> {
    let mut conn = PgConnection::connect(url)
        .await
        .context("connecting to PostgreSQL")?;
    let lsn = sqlx::query_scalar("SELECT pg_current_wal_flush_lsn()::text")
        .fetch_one(&mut conn)
        .await?;
    conn.close().await.ok();
    Ok(lsn)
}

impl PostgresCopy {
    /// Reads the database at `url` now: every page, every row version, the WAL records
    /// of this database since `since` (a position from [`wal_position`]), and every file
    /// under `key_dirs`.
    pub async fn take(
        label: &str,
        url: &str,
        since: &str,
        key_dirs: &[&Path],
    ) -> anyhow::Result<PostgresCopy> {
        let mut material = Material::default();
        material.add_key_files(&read_key_files(key_dirs));
        let mut conn = PgConnection::connect(url)
            .await
            .context("connecting to PostgreSQL")?;
        for extension in ["pageinspect", "pg_walinspect"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "CREATE EXTENSION IF NOT EXISTS {extension}"
            )))
            .execute(&mut conn)
            .await
            .with_context(|| format!("creating the extension {extension}"))?;
        }
        let database: i64 = sqlx::query_scalar(
            "SELECT oid::bigint FROM pg_database WHERE datname = current_database()",
        )
        .fetch_one(&mut conn)
        .await?;
        read_relations(&mut conn, &mut material).await?;
        if let Err(error) = super::pgwal::read(&mut conn, &mut material, since, database).await {
            material
                .notes
                .push(format!("PostgreSQL WAL not read: {error:#}"));
        }
        conn.close().await.ok();
        Ok(PostgresCopy {
            label: label.to_owned(),
            material,
        })
    }

    /// Runs the linker on this copy.
    pub async fn link(&self, truth: &Truth) -> anyhow::Result<Report> {
        Ok(analyse(
            &format!("PostgreSQL, {}", self.label),
            truth,
            &self.material,
        ))
    }
}

async fn read_relations(conn: &mut PgConnection, material: &mut Material) -> anyhow::Result<()> {
    let relations = sqlx::query(
        "SELECT c.oid::regclass::text, c.relkind::text, n.nspname::text, \
         (pg_relation_size(c.oid) / current_setting('block_size')::bigint)::bigint \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind IN ('r', 't', 'i', 'm') AND c.relpersistence = 'p' \
         AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
         ORDER BY n.nspname <> 'pg_toast', 1",
    )
    .fetch_all(&mut *conn)
    .await
    .context("listing relations")?;
    let (mut pages, mut tuples) = (0, 0);
    // TOAST relations come first: rows point into them.
    let mut toast = Toast::default();
    let mut by_xmin: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for relation in relations {
        let name: String = relation.try_get(0)?;
        let kind: String = relation.try_get(1)?;
        let schema: String = relation.try_get(2)?;
        let blocks: i64 = relation.try_get(3)?;
        if blocks == 0 || blocks > RELATION_PAGES_MAX {
            continue;
        }
        let raw: Vec<Vec<u8>> = sqlx::query_scalar(
            "SELECT get_raw_page($1, b) FROM generate_series(0::bigint, $2 - 1) b ORDER BY b",
        )
        .bind(&name)
        .bind(blocks)
        .fetch_all(&mut *conn)
        .await
        .with_context(|| format!("reading the pages of {name}"))?;
        pages += raw.len();
        material
            .raw
            .push((format!("pages of {name}"), raw.concat()));
        let versions = Versions {
            name: &name,
            blocks,
        };
        if kind == "t" {
            for (_, _, _, _, attrs) in versions.read(conn).await? {
                toast.add(&attrs);
            }
        } else if kind == "r" && schema != "pg_toast" {
            tuples += versions
                .decode(conn, material, &toast, &mut by_xmin)
                .await?;
        }
    }
    for (xmin, chunks) in by_xmin {
        material.units.push(Unit {
            source: "PostgreSQL row versions by xmin",
            what: format!("xid {xmin}"),
            chunks,
        });
    }
    material.notes.push(format!(
        "PostgreSQL: {pages} pages read, {tuples} row versions (live and dead)"
    ));
    Ok(())
}

/// The row versions of one relation.
struct Versions<'a> {
    name: &'a str,
    blocks: i64,
}

/// Block, line pointer, xmin, raw data and attributes (as stored) of one row version.
type Version = (i64, i32, String, Vec<u8>, Vec<Option<Vec<u8>>>);

impl Versions<'_> {
    /// Every row version on the pages, live or dead, attributes as stored (not
    /// detoasted: PostgreSQL cannot detoast a dead version whose chunks are deleted).
    async fn read(&self, conn: &mut PgConnection) -> anyhow::Result<Vec<Version>> {
        let rows = sqlx::query(
            "SELECT b, i.lp::int4, i.t_xmin::text, i.t_data, a.t_attrs \
             FROM generate_series(0::bigint, $2 - 1) b \
             CROSS JOIN LATERAL get_raw_page($1, b) AS g(p) \
             CROSS JOIN LATERAL heap_page_items(g.p) i \
             LEFT JOIN LATERAL heap_page_item_attrs(g.p, $1::regclass, false) a ON a.lp = i.lp \
             WHERE i.lp_flags = 1 ORDER BY b, i.lp",
        )
        .bind(self.name)
        .bind(self.blocks)
        .fetch_all(&mut *conn)
        .await
        .with_context(|| format!("reading the row versions of {}", self.name))?;
        rows.iter()
            .map(|row| {
                Ok((
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get::<Option<Vec<u8>>, _>(3)?.unwrap_or_default(),
                    row.try_get::<Option<Vec<Option<Vec<u8>>>>, _>(4)?
                        .unwrap_or_default(),
                ))
            })
            .collect()
    }

    /// Every row version as a chunk (long values put back together from `toast`),
    /// grouped by xmin, in physical order; returns how many.
    async fn decode(
        &self,
        conn: &mut PgConnection,
        material: &mut Material,
        toast: &Toast,
        by_xmin: &mut BTreeMap<i64, Vec<usize>>,
    ) -> anyhow::Result<usize> {
        let name = self.name;
        let versions = self.read(conn).await?;
        let live: BTreeSet<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT ctid::text FROM ONLY {name}"
        )))
        .fetch_all(&mut *conn)
        .await
        .with_context(|| format!("reading the live rows of {name}"))?
        .into_iter()
        .collect();
        let (mut latest, mut history) = (Vec::new(), Vec::new());
        for (block, lp, xmin, data, attrs) in &versions {
            let mut chunk = Chunk {
                table: name.to_owned(),
                bytes: data.clone(),
                ints: Vec::new(),
            };
            chunk.bytes.push(0);
            for attr in attrs.iter().flatten() {
                if let Ok(bytes) = <[u8; 8]>::try_from(attr.as_slice()) {
                    chunk.ints.push(i64::from_le_bytes(bytes));
                }
                if let Some(value) = toast.value(attr) {
                    if value.len() == 32 {
                        material.key_material.push(value.clone());
                    }
                    chunk.bytes.extend_from_slice(&value);
                    chunk.bytes.push(0);
                }
            }
            let id = material.chunk(chunk);
            if let Ok(xmin) = xmin.parse::<i64>()
                && xmin > 2
            {
                let unit = by_xmin.entry(xmin).or_default();
                if !unit.contains(&id) {
                    unit.push(id);
                }
            }
            if !history.contains(&id) {
                history.push(id);
            }
            if live.contains(&format!("({block},{lp})")) {
                latest.push(id);
            }
        }
        material.latest_orders.push(Order {
            what: name.to_owned(),
            chunks: latest,
        });
        material.history_orders.push(Order {
            what: name.to_owned(),
            chunks: history,
        });
        Ok(versions.len())
    }
}
