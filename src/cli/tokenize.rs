//! `gisa tokenize`: Lindera's tokens, one eojeol at a time.

use std::io::BufRead;
use std::process::ExitCode;

use super::Rules;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Text to tokenize; reads stdin when absent.
    text: Option<String>,
    #[command(flatten)]
    rules: Rules,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let engine = args.rules.engine()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.text {
        Some(t) => {
            let _ = engine.morph.write_tokens(&t, &mut out);
        }
        // stdin is streamed a line at a time, so a corpus of any size fits.
        None => {
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else {
                    // What was read is printed; the rest is not text.
                    eprintln!("gisa: cannot read stdin as UTF-8 text");
                    return Ok(ExitCode::from(1));
                };
                if engine.morph.write_tokens(&line, &mut out).is_err() {
                    break; // stdout closed
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
