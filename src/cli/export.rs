//! `gisa export` and `gisa programs`: rows out of the tracking database.

use std::process::ExitCode;

use gisa_store::export::{rows, write, By, Filter, Format, What};
use gisa_store::{redact, Store};

use super::msg;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long, env = "GISA_DATABASE_URL")]
    database: String,
    #[arg(long, value_enum, default_value_t = What::Mentions)]
    what: What,
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Start CSV with a UTF-8 byte-order mark, so Excel shows Hangul.
    #[arg(long)]
    bom: bool,
    #[arg(long)]
    outlet: Option<String>,
    /// Published on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = super::parse_day)]
    from: Option<String>,
    /// Published on or before this day.
    #[arg(long, value_parser = super::parse_day)]
    to: Option<String>,
    /// Only articles that mention this program (spaces ignored).
    #[arg(long)]
    program: Option<String>,
    /// Only articles naming this region: a 법정동 code (47, or 47113) or a
    /// name (경북, 포항시 북구); a 시도 takes in its 시군구.
    #[arg(long, value_parser = super::parse_region)]
    region: Option<String>,
    /// With --what programs: one row per program and region its money goes to.
    #[arg(long, value_enum)]
    by: Option<By>,
}

#[derive(clap::Args, Debug)]
pub struct ProgramsArgs {
    #[arg(long, env = "GISA_DATABASE_URL")]
    database: String,
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    format: Format,
    /// One row per program and region its money goes to (`--by region`).
    #[arg(long, value_enum)]
    by: Option<By>,
    /// Only articles naming this region (a code or a name, as for export).
    #[arg(long, value_parser = super::parse_region)]
    region: Option<String>,
    /// Write the names seen as a program_names.txt file (with article
    /// counts as comments) instead of the table: usable in a --rules
    /// directory, as --programs-from reads a database.
    #[arg(long, conflicts_with_all = ["by", "region", "format"])]
    lexicon: bool,
    /// With --lexicon: only names seen in at least this many articles.
    #[arg(long, default_value_t = 1, requires = "lexicon")]
    min_articles: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let filter = Filter { outlet: args.outlet, from: args.from, to: args.to, program: args.program, region: args.region, by: args.by };
    export(&args.database, args.what, args.format, args.bom, &filter)
}

pub fn programs(args: ProgramsArgs) -> anyhow::Result<ExitCode> {
    if args.lexicon {
        if let Some(code) = missing(&args.database) {
            return Ok(code);
        }
        let text = open_store(&args.database)?.program_lexicon(args.min_articles).map_err(msg)?;
        std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    export(&args.database, What::Programs, args.format, false, &Filter { by: args.by, region: args.region, ..Filter::default() })
}

fn export(database: &str, what: What, format: Format, bom: bool, filter: &Filter) -> anyhow::Result<ExitCode> {
    if let Some(code) = missing(database) {
        return Ok(code);
    }
    let mut store = open_store(database)?;
    let (names, rows) = rows(&mut store, what, filter).map_err(msg)?;
    write(&mut std::io::stdout().lock(), &names, &rows, format, bom).map_err(msg)?;
    Ok(ExitCode::SUCCESS)
}

/// For commands that only read the database: a SQLite path that does not
/// exist is an error (exit 1), not a new empty database created there.
pub fn missing(database: &str) -> Option<ExitCode> {
    let message = gisa_store::missing_database(database)?;
    eprintln!("gisa: {message}");
    Some(ExitCode::from(1))
}

/// The database, with any password hidden from the message.
pub fn open_store(url: &str) -> anyhow::Result<Store> {
    Store::open(url).map_err(|e| anyhow::anyhow!("{}", redact(e.message())))
}
