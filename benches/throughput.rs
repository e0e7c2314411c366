//! `cargo bench`: tokenizer start-up, tokenize MB/s, and extract articles/s
//! over the seed fixtures repeated to at least 5 MB. A benchmark, not a test:
//! it reports numbers and asserts nothing about speed. The repeated corpus is
//! the best case for the eojeol cache; bench/extract_scaling.sh measures
//! distinct text too.

use std::time::Instant;

use gisa_core::lexicon::Lexicon;
use gisa_core::morph::Morph;
use gisa_core::pipeline::Engine;
use rayon::prelude::*;

const TARGET_BYTES: usize = 5 * 1024 * 1024;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut seeds: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    seeds.sort();
    let mut articles: Vec<&str> = Vec::new();
    let mut bytes = 0;
    while bytes < TARGET_BYTES {
        for s in &seeds {
            articles.push(s);
            bytes += s.len();
        }
    }
    println!("corpus: {} articles, {:.1} MB (the {} seed fixtures repeated)", articles.len(), bytes as f64 / 1e6, seeds.len());

    let t = Instant::now();
    let morph = Morph::new().expect("dictionary");
    let startup = t.elapsed();
    println!("tokenizer start-up (embedded ko-dic + user dictionary): {:.1} ms", startup.as_secs_f64() * 1e3);
    let engine = Engine::new(morph, Lexicon::builtin());
    let uncached = Morph::new().expect("dictionary").without_cache();

    // Warm up caches and the thread-local lattice.
    for a in articles.iter().take(seeds.len()) {
        std::hint::black_box(engine.process_text(a, None));
    }

    // The corpus repeats itself, so every eojeol after the first pass comes
    // from the tokenizer's cache; the lattice alone is measured without it.
    for (label, morph) in [("cached", &engine.morph), ("lattice only, --no-cache", &uncached)] {
        let t = Instant::now();
        let mut tokens = 0usize;
        for a in &articles {
            tokens += morph.analyse(a).tokens.len();
        }
        let secs = t.elapsed().as_secs_f64();
        println!("tokenize ({label}), 1 thread: {:.2} MB/s, {:.0} tokens/s", bytes as f64 / 1e6 / secs, tokens as f64 / secs);
    }

    let t = Instant::now();
    let mut mentions = 0usize;
    for a in &articles {
        let r = engine.process_text(a, None);
        mentions += r.extraction.amounts.len() + r.extraction.counts.len() + r.extraction.years.len();
    }
    let secs1 = t.elapsed().as_secs_f64();
    println!("extract (clean + tokenize + all extractors), 1 thread: {:.0} articles/s", articles.len() as f64 / secs1);
    std::hint::black_box(mentions);

    let threads = rayon::current_num_threads();
    let t = Instant::now();
    let n: usize = articles.par_iter().map(|a| engine.process_text(a, None).extraction.amounts.len()).sum();
    let secsn = t.elapsed().as_secs_f64();
    std::hint::black_box(n);
    println!(
        "extract, {threads} threads: {:.0} articles/s (×{:.2} of 1 thread)",
        articles.len() as f64 / secsn,
        secs1 / secsn
    );
}
