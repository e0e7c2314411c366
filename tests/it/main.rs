//! The one integration-test binary (each binary embeds the 82 MB dictionary,
//! so everything end-to-end lives here): the seed fixtures scored against
//! their hand-checked expected files, SPEC invariants on every output, and the
//! CLI's handling of bad input. One module per part of the pipeline
//! (extract, article, eval, crawl, store, archive) and per suite (perturb,
//! crawl_exact, hostile, fuzz, regions); `common` holds what they share.

// The shared helpers, also reachable as `super::NAME` from every module.
#[allow(unused_imports)]
use common::*;

mod common;
mod archive;
mod article;
mod crawl;
mod eval;
mod extract;
mod store;
mod perturb;
mod crawl_exact;
mod hostile;
mod fuzz;
mod regions;
mod gazetteer;
