//! `gisa crawl` without a database: each crawled article is extracted as it
//! arrives and written at once as one JSON line (an error object when it
//! could not be cleaned or extracted, and the page is recorded as failed).

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use gisa_core::output::{render, Format};
use gisa_core::pipeline::{error_record, Engine};

use crate::page::process_page;
use crate::error::{Error, Result};
use crate::run::{ArticlePage, Crawler, Report};

pub struct Outcome {
    pub report: Report,
    /// Articles that could not be cleaned or extracted.
    pub extraction_failed: u64,
}

impl Outcome {
    /// Some page or article failed, or not one page could be fetched (exit status 1).
    pub fn any_failed(&self) -> bool {
        self.extraction_failed > 0 || self.report.states.iter().any(|(s, _, _)| s == "failed") || self.report.nothing_fetched()
    }
}

pub fn crawl_to_jsonl(crawler: &Crawler, engine: &Engine, out: Box<dyn Write + Send>) -> Result<Outcome> {
    let out = Mutex::new(out);
    let failed = AtomicU64::new(0);
    let on_article = |page: ArticlePage| {
        let (line, result) = match process_page(engine, &page) {
            Ok(record) => (render(&record, Format::Jsonl), Ok(())),
            Err(error) => {
                failed.fetch_add(1, Ordering::Relaxed);
                eprintln!("gisa: {error}");
                let mut e = error_record(None, error.message().to_string());
                e.source.url = Some(page.url.clone());
                // The crawler records the page as failed with this reason.
                (render(&e, Format::Jsonl), Err(Error::from(error)))
            }
        };
        let mut w = out.lock().unwrap();
        let _ = w.write_all(line.as_bytes()).and_then(|_| w.flush());
        result
    };
    let report = crawler.run(&on_article)?;
    Ok(Outcome { report, extraction_failed: failed.load(Ordering::Relaxed) })
}
