//! Temporary output files that must not outlive an interrupted run: `-o`
//! writes to a hidden `.NAME.PID.tmp` renamed at the end, and a Ctrl-C or a
//! `kill` halfway would leave that (possibly huge) file behind. While one is
//! pending, SIGINT, SIGTERM and SIGHUP remove it and then end gisa as the
//! signal would have (so the exit status still says "killed by SIGTERM").

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};

/// Files to remove on a signal. The lock is also held while a file is
/// renamed into place, so a signal never removes half of a finished rename.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Starts the signal thread, once; Err when signals cannot be caught (then
/// the file is only removed on error paths, as before).
/// (The error is shared: every later call reports the first failure.)
fn install() -> Result<(), Arc<std::io::Error>> {
    static INSTALLED: OnceLock<Result<(), Arc<std::io::Error>>> = OnceLock::new();
    INSTALLED
        .get_or_init(|| {
            let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]).map_err(Arc::new)?;
            std::thread::Builder::new()
                .name("gisa-signals".into())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        let pending = PENDING.lock().unwrap_or_else(|p| p.into_inner());
                        for path in pending.iter() {
                            let _ = std::fs::remove_file(path);
                        }
                        // Die of the signal with the lock held: no rename can start now.
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                        std::process::exit(128 + signal);
                    }
                })
                .map(|_| ())
                .map_err(Arc::new)
        })
        .clone()
}

/// Removes `path` if gisa is interrupted before `finish` is called for it.
pub fn remove_on_signal(path: &Path) {
    if let Err(e) = install() {
        eprintln!("gisa: cannot watch for Ctrl-C ({e}); an interrupted run may leave {} behind", path.display());
    }
    PENDING.lock().unwrap_or_else(|p| p.into_inner()).push(path.to_path_buf());
}

/// Runs `done` (the rename that makes the file permanent, or its removal)
/// and stops watching `path`, with no signal able to strike in between.
pub fn finish<T>(path: &Path, done: impl FnOnce() -> T) -> T {
    let mut pending = PENDING.lock().unwrap_or_else(|p| p.into_inner());
    let result = done();
    pending.retain(|p| p != path);
    result
}
