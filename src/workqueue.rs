//! A bounded parallel map: items are read on one thread, worked on by every
//! core (rayon), and delivered to one writer, in input order or as they
//! finish. At most `limit` items are between the reader and the writer at
//! any time, so a slow writer (a full disk, a slow pipe) holds the reader
//! back instead of letting results pile up in memory.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::mpsc::sync_channel;

/// Why the writer stopped early.
enum Stop<E> {
    Deliver(E),
    /// `work` panicked: carried to the calling thread, so the run fails
    /// loudly instead of waiting forever for a result that will not come.
    Panic(Box<dyn std::any::Any + Send>),
}

/// Runs `work` over `items` on the rayon pool and hands each result to
/// `deliver` on the calling thread. Stops early, and returns the error, when
/// `deliver` fails; items not yet read are never read.
pub fn map_bounded<T, R, E>(
    items: impl Iterator<Item = T> + Send,
    limit: usize,
    ordered: bool,
    work: impl Fn(T) -> R + Sync,
    mut deliver: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    let limit = limit.max(1);
    // A permit is taken before an item is started and given back once its
    // result is delivered: the channel's capacity is the bound.
    let (permit_tx, permit_rx) = sync_channel::<()>(limit);
    let (done_tx, done_rx) = sync_channel::<(u64, std::thread::Result<R>)>(limit);
    let work = &work;
    std::thread::scope(|s| {
        s.spawn(move || {
            // in_place_scope: the reading loop stays on this thread; a pool
            // worker blocked on a permit would take a core from the work.
            rayon::in_place_scope(|pool| {
                let mut items = items;
                for seq in 0u64.. {
                    // The permit comes before the read, so no item waits outside the bound.
                    if permit_tx.send(()).is_err() {
                        break; // the writer stopped
                    }
                    let Some(item) = items.next() else { break };
                    let done_tx = done_tx.clone();
                    pool.spawn(move |_| {
                        let _ = done_tx.send((seq, catch_unwind(AssertUnwindSafe(|| work(item)))));
                    });
                }
            });
        });
        let mut next = 0u64;
        let mut waiting: BTreeMap<u64, R> = BTreeMap::new();
        let mut give = move |r: R| -> Result<(), Stop<E>> {
            deliver(r).map_err(Stop::Deliver)?;
            let _ = permit_rx.recv();
            Ok(())
        };
        let result = done_rx.iter().try_for_each(|(seq, r)| {
            let r = r.map_err(Stop::Panic)?;
            if !ordered {
                return give(r);
            }
            waiting.insert(seq, r);
            while let Some(r) = waiting.remove(&next) {
                next += 1;
                give(r)?;
            }
            Ok(())
        });
        // Dropping the receivers (`give` owns the permits) tells the reader
        // and the workers to stop.
        drop(give);
        drop(done_rx);
        match result {
            Ok(()) => Ok(()),
            Err(Stop::Deliver(e)) => Err(e),
            Err(Stop::Panic(p)) => resume_unwind(p),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn ordered_results_come_in_input_order_and_unordered_lose_nothing() {
        let work = |i: u32| {
            // Uneven work, so later items often finish first.
            std::thread::sleep(std::time::Duration::from_micros(u64::from((i * 7919) % 13) * 50));
            i * 2
        };
        let mut got = Vec::new();
        map_bounded(0..500u32, 8, true, work, |r| -> Result<(), ()> { got.push(r); Ok(()) }).unwrap();
        assert_eq!(got, (0..500).map(|i| i * 2).collect::<Vec<_>>());
        let mut got = Vec::new();
        map_bounded(0..500u32, 8, false, work, |r| -> Result<(), ()> { got.push(r); Ok(()) }).unwrap();
        got.sort();
        assert_eq!(got, (0..500).map(|i| i * 2).collect::<Vec<_>>());
    }

    /// A slow writer holds the reader back: never more than `limit` items
    /// read but not yet written.
    #[test]
    fn a_slow_writer_bounds_the_items_in_flight() {
        for ordered in [true, false] {
            let read = AtomicUsize::new(0);
            let mut written = 0usize;
            let mut most = 0usize;
            let items = (0..200u32).inspect(|_| {
                read.fetch_add(1, Ordering::SeqCst);
            });
            map_bounded(items, 5, ordered, |i| i, |_| -> Result<(), ()> {
                std::thread::sleep(std::time::Duration::from_micros(300));
                most = most.max(read.load(Ordering::SeqCst) - written);
                written += 1;
                Ok(())
            })
            .unwrap();
            assert_eq!(written, 200);
            assert!(most <= 5, "{most} items were in flight with a limit of 5 (ordered: {ordered})");
            assert!(most >= 2, "the reader ran ahead at all ({most})");
        }
    }

    /// A panic in the work is carried out, never a run waiting forever.
    #[test]
    fn a_panicking_item_fails_the_run_instead_of_hanging() {
        for ordered in [true, false] {
            let run = std::panic::catch_unwind(|| {
                map_bounded(0..10_000u32, 4, ordered, |i| if i == 3 { panic!("bad item") } else { i }, |_| -> Result<(), ()> { Ok(()) })
            });
            let message = run.expect_err("the panic reaches the caller");
            assert_eq!(message.downcast_ref::<&str>(), Some(&"bad item"));
        }
    }

    #[test]
    fn a_failing_writer_stops_the_reader() {
        let read = AtomicUsize::new(0);
        let items = (0..100_000u32).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        });
        let mut n = 0;
        let r = map_bounded(items, 4, true, |i| i, |_| {
            n += 1;
            if n == 10 { Err("closed pipe") } else { Ok(()) }
        });
        assert_eq!(r, Err("closed pipe"));
        assert!(read.load(Ordering::SeqCst) < 100, "the reader stopped soon after the writer");
    }
}
