//! Fetching pages from the web. For now one polite GET per URL named on the
//! command line (`fetch`); the crawler of configured sources grows here.

pub mod fetch;
