//! A bounded parallel map: items are read on one thread, worked on by every
//! core (rayon), and delivered to one writer, in input order or as they
//! finish. At most `limit` items are between the reader and the writer at
//! any time, so a slow writer (a full disk, a slow pipe) holds the reader
//! back instead of letting results pile up in memory.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc::sync_channel;

/// An item whose work panicked, handed to the writer with the panic's
/// message instead of its result: one bad item becomes that item's error,
/// and the run goes on (a panic carried to the caller lost the whole batch).
#[derive(Debug)]
pub struct Panicked<T> {
    /// The item whose work panicked.
    pub item: T,
    /// The panic's message (see [`panic_message`]).
    pub message: String,
}

/// The text of a panic payload (`panic!("…")` gives a `&str` or a `String`).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// Runs `work` over `items` on the rayon pool and hands each result to
/// `deliver` on the calling thread, or `Err(Panicked)` (with the item) when
/// the work panicked. Stops early, and returns the error, when `deliver`
/// fails; items not yet read are never read.
pub fn map_bounded<T, R, E>(
    items: impl Iterator<Item = T> + Send,
    limit: usize,
    ordered: bool,
    work: impl Fn(&T) -> R + Sync,
    mut deliver: impl FnMut(Result<R, Panicked<T>>) -> Result<(), E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    let limit = limit.max(1);
    // A permit is taken before an item is started and given back once its
    // result is delivered: the channel's capacity is the bound.
    let (permit_tx, permit_rx) = sync_channel::<()>(limit);
    let (done_tx, done_rx) = sync_channel::<(u64, Result<R, Panicked<T>>)>(limit);
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
                        // AssertUnwindSafe: after a panic the item is only
                        // read for its name, never worked on again.
                        let result = catch_unwind(AssertUnwindSafe(|| work(&item)))
                            .map_err(|p| Panicked { message: panic_message(p.as_ref()), item });
                        let _ = done_tx.send((seq, result));
                    });
                }
            });
        });
        let mut next = 0u64;
        let mut waiting: BTreeMap<u64, Result<R, Panicked<T>>> = BTreeMap::new();
        let mut give = move |r: Result<R, Panicked<T>>| -> Result<(), E> {
            deliver(r)?;
            let _ = permit_rx.recv();
            Ok(())
        };
        let result = done_rx.iter().try_for_each(|(seq, r)| {
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
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn ordered_results_come_in_input_order_and_unordered_lose_nothing() {
        let work = |&i: &u32| {
            // Uneven work, so later items often finish first.
            std::thread::sleep(std::time::Duration::from_micros(u64::from((i * 7919) % 13) * 50));
            i * 2
        };
        let mut got = Vec::new();
        map_bounded(0..500u32, 8, true, work, |r| -> Result<(), ()> { got.push(r.unwrap()); Ok(()) }).unwrap();
        assert_eq!(got, (0..500).map(|i| i * 2).collect::<Vec<_>>());
        let mut got = Vec::new();
        map_bounded(0..500u32, 8, false, work, |r| -> Result<(), ()> { got.push(r.unwrap()); Ok(()) }).unwrap();
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
            map_bounded(items, 5, ordered, |&i| i, |_| -> Result<(), ()> {
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

    /// A panic in the work is that item's error, delivered in its place
    /// with the item; the other items still arrive, and the run never hangs.
    #[test]
    fn a_panicking_item_is_delivered_as_its_error_and_the_rest_go_on() {
        for ordered in [true, false] {
            let mut ok = Vec::new();
            let mut panicked = Vec::new();
            map_bounded(0..1_000u32, 4, ordered, |&i| if i % 250 == 3 { panic!("bad item {i}") } else { i }, |r| -> Result<(), ()> {
                match r {
                    Ok(i) => ok.push(i),
                    Err(p) => panicked.push((p.item, p.message)),
                }
                Ok(())
            })
            .unwrap();
            panicked.sort();
            let expected: Vec<(u32, String)> = [3, 253, 503, 753].iter().map(|&i| (i, format!("bad item {i}"))).collect();
            assert_eq!(panicked, expected, "ordered: {ordered}");
            assert_eq!(ok.len(), 996);
            if ordered {
                assert!(ok.windows(2).all(|w| w[0] < w[1]), "input order kept around the panics");
            }
        }
    }

    #[test]
    fn a_failing_writer_stops_the_reader() {
        let read = AtomicUsize::new(0);
        let items = (0..100_000u32).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        });
        let mut n = 0;
        let r = map_bounded(items, 4, true, |&i| i, |_| {
            n += 1;
            if n == 10 { Err("closed pipe") } else { Ok(()) }
        });
        assert_eq!(r, Err("closed pipe"));
        assert!(read.load(Ordering::SeqCst) < 100, "the reader stopped soon after the writer");
    }
}
