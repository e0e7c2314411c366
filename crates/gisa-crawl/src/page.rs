//! A page the crawler fetched → its record, stamped with URL and fetch time.

use gisa_core::output::{timestamp_now, Record};
use gisa_core::{Error, ErrorKind};
use gisa_core::pipeline::{clean_bytes, Engine};
use gisa_core::workqueue::panic_message;

use crate::run::ArticlePage;

/// A panic while processing the page is this page's error (as for any other
/// input), so the crawl can record the page as failed and go on.
pub fn process_page(engine: &Engine, page: &ArticlePage) -> gisa_core::Result<Record> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process_unguarded(engine, page))).unwrap_or_else(|p| {
        Err(Error::new(ErrorKind::Internal, format!("internal error while processing: {}: {}", page.url, panic_message(p.as_ref()))))
    })
}

fn process_unguarded(engine: &Engine, page: &ArticlePage) -> gisa_core::Result<Record> {
    let cleaned = clean_bytes(&engine.lexicon.cleaning, &page.url, &page.bytes, page.content_type.as_deref(), Some(&page.url), true)?;
    let mut article = cleaned.article;
    if article.outlet.is_none() {
        article.outlet = page.outlet.clone();
    }
    let mut record = engine.process_article(article, None);
    record.source.fetched_at = Some(timestamp_now());
    record.source.url = Some(page.url.clone());
    Ok(record)
}
