//! Documents analyzed on several threads for the command line: each
//! document's own analysis needs nothing from the others, and the results
//! are handed on in input order, so the batch and its report are byte for
//! byte those of one thread. The caller does the I/O. (In wasm no thread
//! starts, and the calling thread does the work; the page spreads its work
//! over Web Workers instead.)

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use crate::transfer::Analyzed;

/// The warning of a document whose analysis failed on a bug: the batch
/// goes on without it, as the contract wants of any bad input.
pub const INTERNAL_ERROR: &str =
    "could not be analyzed: internal error (a bug in Dossier; please report it with this file)";

/// Runs `analyze`; if it panics, the document named `name` carries
/// [`INTERNAL_ERROR`] instead of taking the whole batch down.
pub fn guarded(name: &str, analyze: impl FnOnce() -> Analyzed) -> Analyzed {
    guarded_with(analyze, |why| Analyzed::unreadable(name, why))
}

/// [`guarded`] for any result: if `analyze` panics, `failed(INTERNAL_ERROR)`
/// stands in for what it would have returned (a `--jsonl` record's report).
pub fn guarded_with<R>(analyze: impl FnOnce() -> R, failed: impl FnOnce(&str) -> R) -> R {
    catch_unwind(AssertUnwindSafe(analyze)).unwrap_or_else(|_| failed(INTERNAL_ERROR))
}

/// Analyzes every input on up to `jobs` threads and hands each result
/// (an [`Analyzed`] for a batch, a report for a `--jsonl` record) to
/// `each` in input order. Threads take the next input as they free up, so
/// one slow file holds up only the handing on, never the others' work;
/// results that arrive early wait their turn (the batch keeps every
/// document anyway, so waiting costs no memory in the end).
pub fn analyze_in_order<T: Sync, R: Send>(
    inputs: &[T],
    jobs: usize,
    analyze: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(R),
) {
    let jobs = jobs.min(inputs.len());
    if jobs <= 1 {
        inputs.iter().for_each(|input| each(analyze(input)));
        return;
    }
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        let mut started = 0;
        for _ in 0..jobs {
            let (tx, next, analyze) = (tx.clone(), &next, &analyze);
            let work = move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                if tx.send((i, analyze(input))).is_err() {
                    break;
                }
            };
            // the main thread's stack (Linux's default), not a spawned
            // thread's 2 MB: a document must not need more room on one
            // thread than on the other
            let thread = std::thread::Builder::new().stack_size(STACK);
            if thread.spawn_scoped(scope, work).is_err() {
                break;
            }
            started += 1;
        }
        drop(tx);
        if started == 0 {
            // no thread could start: this one does the work
            inputs.iter().for_each(|input| each(analyze(input)));
            return;
        }
        let mut early: HashMap<usize, R> = HashMap::new();
        let mut due = 0;
        for (i, analyzed) in rx {
            early.insert(i, analyzed);
            while let Some(analyzed) = early.remove(&due) {
                each(analyzed);
                due += 1;
            }
        }
    });
}

/// Stack of each analysis thread.
const STACK: usize = 8 << 20;

/// Threads to use by default: the cores this process may run on (a
/// `taskset` to one core gives one thread).
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;

    /// The sample's files twice over, one of them unreadable.
    fn inputs() -> Vec<(String, Option<&'static [u8]>)> {
        let mut inputs = Vec::new();
        for copy in 0..2 {
            for (name, bytes) in crate::SAMPLE {
                inputs.push((format!("{copy}-{name}"), Some(*bytes)));
            }
        }
        inputs.insert(3, ("gone.txt".to_string(), None));
        inputs
    }

    fn report(inputs: &[(String, Option<&[u8]>)], jobs: usize) -> Vec<u8> {
        let mut batch = Analyzer::new();
        let analyze = |(name, bytes): &(String, Option<&[u8]>)| match bytes {
            Some(bytes) => guarded(name, || Analyzed::file(name, bytes)),
            None => Analyzed::unreadable(name, "cannot read the file"),
        };
        analyze_in_order(inputs, jobs, analyze, |a| {
            batch.add_analyzed(a);
        });
        let mut out = Vec::new();
        batch.write_report(&mut out, false).unwrap();
        out
    }

    #[test]
    fn threads_give_the_report_of_one_thread_in_input_order() {
        let inputs = inputs();
        let one = report(&inputs, 1);
        let mut sequential = Analyzer::new();
        for (name, bytes) in &inputs {
            match bytes {
                Some(bytes) => sequential.add_file(name, bytes),
                None => sequential.add_unreadable(name, "cannot read the file"),
            };
        }
        let mut added = Vec::new();
        sequential.write_report(&mut added, false).unwrap();
        assert!(one == added, "one job differs from add_file");
        for jobs in [2, 3, 8, 64] {
            assert!(report(&inputs, jobs) == one, "jobs {jobs}");
        }
    }

    #[test]
    fn a_panic_becomes_a_warning_on_its_document() {
        // (the default hook prints the panic's message: it is a test's output)
        let a = guarded("bad.html", || panic!("a bug"));
        assert_eq!(a.document.name, "bad.html");
        assert_eq!(a.document.warnings, vec![INTERNAL_ERROR.to_string()]);
        let ok = guarded("ok.txt", || Analyzed::text("ok.txt", "Fine.", None));
        assert!(ok.document.warnings.is_empty());
    }

    #[test]
    fn a_thread_has_the_stack_of_the_main_thread() {
        /// About 4 KB of stack a level.
        fn deep(n: usize) -> usize {
            let frame = std::hint::black_box([n as u8; 4096]);
            let depth = if n == 0 { 0 } else { deep(n - 1) + 1 };
            // the frame is still wanted after the call, so it stays on the stack
            std::hint::black_box(&frame);
            depth
        }
        // 1,000 levels: about 4 MB, twice a spawned thread's default
        let inputs = ["a", "b", "c"];
        let mut names = Vec::new();
        analyze_in_order(
            &inputs,
            3,
            |name| Analyzed::unreadable(&format!("{name}{}", deep(1000)), "deep"),
            |a| names.push(a.document.name),
        );
        assert_eq!(names, ["a1000", "b1000", "c1000"]);
    }

    #[test]
    fn no_inputs_calls_nothing() {
        let none: [u8; 0] = [];
        analyze_in_order(&none, 4, |_| unreachable!(), |_| unreachable!());
    }
}
