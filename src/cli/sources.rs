//! `gisa sources check`: validate a sources file, each problem with its line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gisa_crawl::config::Config;

#[derive(clap::Subcommand, Debug)]
pub enum Action {
    /// Validate CONFIG: exit 0 when it is usable, 2 with each problem's line.
    Check { config: PathBuf },
}

pub fn run(action: Action) -> anyhow::Result<ExitCode> {
    let Action::Check { config } = action;
    match load(&config) {
        Ok(c) => {
            println!("{}: {} sources, user agent \"{}\"", config.display(), c.sources.len(), gisa_crawl::run::user_agent(&c));
            Ok(ExitCode::SUCCESS)
        }
        Err(code) => Ok(code),
    }
}

/// The sources file, or exit 2 after printing every problem as `file:line: …`.
pub fn load(path: &Path) -> Result<Config, ExitCode> {
    Config::load(path).map_err(|problems| {
        for p in &problems {
            eprintln!("{}:{}: {}", path.display(), p.line, p.message);
        }
        ExitCode::from(super::CANNOT_RUN)
    })
}
