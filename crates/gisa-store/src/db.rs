//! The little a store needs from a database, so the store's logic is written
//! once for SQLite and PostgreSQL: statements with `$1, $2 …` parameters
//! (both engines read them), typed values, and transactions.

use crate::error::Error;

#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Int(i64),
    Real(f64),
    Text(String),
    /// A typed NULL: PostgreSQL checks a parameter's type even when it is NULL.
    NullInt,
    NullReal,
    NullText,
}

impl Val {
    pub fn text(s: Option<&str>) -> Val {
        s.map_or(Val::NullText, |s| Val::Text(s.to_string()))
    }
    pub fn int(i: Option<i64>) -> Val {
        i.map_or(Val::NullInt, Val::Int)
    }
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Val::Text(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Val::Int(i) => Some(*i),
            _ => None,
        }
    }
}

pub type Row = Vec<Val>;

pub trait Db: Send {
    /// The engine's name, for migrations: `sqlite` or `postgres`.
    fn engine(&self) -> &'static str;
    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, Error>;
    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, Error>;
    /// Several statements with no parameters (migrations).
    fn batch(&mut self, sql: &str) -> Result<(), Error>;
    fn begin(&mut self) -> Result<(), Error> {
        self.batch("BEGIN")
    }
    fn commit(&mut self) -> Result<(), Error> {
        self.batch("COMMIT")
    }
    fn rollback(&mut self) -> Result<(), Error> {
        self.batch("ROLLBACK")
    }
}

pub struct Sqlite(pub rusqlite::Connection);

fn sqlite_err(e: rusqlite::Error) -> Error {
    Error::query(format!("database: {e}"))
}

impl Db for Sqlite {
    fn engine(&self) -> &'static str {
        "sqlite"
    }

    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, Error> {
        let mut stmt = self.0.prepare_cached(sql).map_err(sqlite_err)?;
        let n = stmt.execute(rusqlite::params_from_iter(params.iter().map(to_sqlite))).map_err(sqlite_err)?;
        Ok(n as u64)
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, Error> {
        let mut stmt = self.0.prepare_cached(sql).map_err(sqlite_err)?;
        let n = stmt.column_count();
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params.iter().map(to_sqlite)), |r| {
                (0..n)
                    .map(|i| {
                        Ok(match r.get_ref(i)? {
                            rusqlite::types::ValueRef::Null => Val::NullText,
                            rusqlite::types::ValueRef::Integer(i) => Val::Int(i),
                            rusqlite::types::ValueRef::Real(f) => Val::Real(f),
                            rusqlite::types::ValueRef::Text(t) => Val::Text(String::from_utf8_lossy(t).into_owned()),
                            rusqlite::types::ValueRef::Blob(b) => Val::Text(String::from_utf8_lossy(b).into_owned()),
                        })
                    })
                    .collect::<rusqlite::Result<Row>>()
            })
            .map_err(sqlite_err)?;
        rows.collect::<rusqlite::Result<Vec<Row>>>().map_err(sqlite_err)
    }

    fn batch(&mut self, sql: &str) -> Result<(), Error> {
        self.0.execute_batch(sql).map_err(sqlite_err)
    }
}

fn to_sqlite(v: &Val) -> rusqlite::types::Value {
    use rusqlite::types::Value;
    match v {
        Val::Int(i) => Value::Integer(*i),
        Val::Real(f) => Value::Real(*f),
        Val::Text(s) => Value::Text(s.clone()),
        Val::NullInt | Val::NullReal | Val::NullText => Value::Null,
    }
}

pub struct Postgres(pub postgres::Client);

fn pg_err(e: postgres::Error) -> Error {
    // The server's own message (constraint, syntax …), never the connection string.
    Error::query(match e.as_db_error() {
        Some(db) => format!("database: {}", db.message()),
        None => format!("database: {e}"),
    })
}

fn pg_params(params: &[Val]) -> Vec<Box<dyn postgres::types::ToSql + Sync>> {
    params
        .iter()
        .map(|v| -> Box<dyn postgres::types::ToSql + Sync> {
            match v {
                Val::Int(i) => Box::new(*i),
                Val::Real(f) => Box::new(*f),
                Val::Text(s) => Box::new(s.clone()),
                Val::NullInt => Box::new(None::<i64>),
                Val::NullReal => Box::new(None::<f64>),
                Val::NullText => Box::new(None::<String>),
            }
        })
        .collect()
}

impl Db for Postgres {
    fn engine(&self) -> &'static str {
        "postgres"
    }

    fn exec(&mut self, sql: &str, params: &[Val]) -> Result<u64, Error> {
        let boxed = pg_params(params);
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = boxed.iter().map(|b| b.as_ref()).collect();
        self.0.execute(sql, &refs).map_err(pg_err)
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, Error> {
        use postgres::types::Type;
        let boxed = pg_params(params);
        let refs: Vec<&(dyn postgres::types::ToSql + Sync)> = boxed.iter().map(|b| b.as_ref()).collect();
        let rows = self.0.query(sql, &refs).map_err(pg_err)?;
        rows.iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| {
                        let t = r.columns()[i].type_();
                        Ok(if *t == Type::INT8 {
                            r.try_get::<_, Option<i64>>(i).map_err(pg_err)?.map_or(Val::NullInt, Val::Int)
                        } else if *t == Type::INT4 {
                            r.try_get::<_, Option<i32>>(i).map_err(pg_err)?.map_or(Val::NullInt, |v| Val::Int(v.into()))
                        } else if *t == Type::FLOAT8 {
                            r.try_get::<_, Option<f64>>(i).map_err(pg_err)?.map_or(Val::NullReal, Val::Real)
                        } else if *t == Type::BOOL {
                            r.try_get::<_, Option<bool>>(i).map_err(pg_err)?.map_or(Val::NullInt, |b| Val::Int(b.into()))
                        } else {
                            r.try_get::<_, Option<String>>(i).map_err(pg_err)?.map_or(Val::NullText, Val::Text)
                        })
                    })
                    .collect::<Result<Row, Error>>()
            })
            .collect()
    }

    fn batch(&mut self, sql: &str) -> Result<(), Error> {
        self.0.batch_execute(sql).map_err(pg_err)
    }
}
