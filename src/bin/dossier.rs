//! The `dossier` command line: arguments, files and folders, output.
//! All analysis is in the library; this file only does I/O.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dossier::ingest::MAX_INPUT_BYTES;
use dossier::parallel::{analyze_in_order, default_jobs, guarded, guarded_with};
use dossier::{analyze_one, parse_jsonl_record, unreadable_one, Analyzed, Analyzer, SAMPLE};

const USAGE: &str = "\
dossier - analyze news coverage: cleaned documents, entities, quotes, dates, stories

USAGE:
    dossier analyze [PATH ...] [-o FILE] [--pretty] [-j N]
    dossier analyze --jsonl [-j N] < records.jsonl > documents.jsonl

    PATH        files or folders (walked recursively, in sorted order);
                with no PATH, the embedded sample coverage is analyzed
    -o FILE     write the dossier/1 report to FILE instead of stdout
    --pretty    indent the JSON
    -j, --jobs N
                analyze N files (or records) at a time (default: one per
                core this process may use); the output is the same for any N
    --jsonl     read {\"name\",\"text\"|\"html\"} lines from stdin and write
                one document object per line
    -h, --help  show this help
    -V, --version
";

/// Parsed command line.
#[derive(Default)]
struct Args {
    paths: Vec<PathBuf>,
    output: Option<PathBuf>,
    pretty: bool,
    jsonl: bool,
    /// Threads for the files; `None`: one per usable core.
    jobs: Option<usize>,
}

enum Command {
    Analyze(Args),
    Help,
    Version,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    match args.next().as_deref() {
        Some("analyze") => {}
        Some("-h" | "--help" | "help") | None => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some(other) => return Err(format!("unknown command '{other}' (try 'dossier --help')")),
    }
    let mut parsed = Args::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-o" | "--output" => {
                let file = args.next().ok_or("-o needs a file name")?;
                parsed.output = Some(PathBuf::from(file));
            }
            "--pretty" => parsed.pretty = true,
            "-j" | "--jobs" => {
                let n = args.next().ok_or("--jobs needs a number")?;
                match n.parse::<usize>() {
                    Ok(n) if n > 0 => parsed.jobs = Some(n),
                    _ => return Err(format!("--jobs needs a number above 0, not '{n}'")),
                }
            }
            "--jsonl" => parsed.jsonl = true,
            "-h" | "--help" => return Ok(Command::Help),
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option '{flag}' (try 'dossier --help')"))
            }
            path => parsed.paths.push(PathBuf::from(path)),
        }
    }
    Ok(Command::Analyze(parsed))
}

fn open_output(output: &Option<PathBuf>) -> io::Result<Box<dyn Write>> {
    Ok(match output {
        Some(file) => Box::new(BufWriter::new(std::fs::File::create(file)?)),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T, pretty: bool) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value)?;
    } else {
        serde_json::to_writer(&mut *out, value)?;
    }
    writeln!(out)
}

/// One file's document: an unreadable file, or a bug met while analyzing
/// it, is a warning on its document, never an abort.
fn read_and_analyze(file: &Path) -> Analyzed {
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    // a file over the limit is refused by its size, never loaded (with
    // several threads, several such files would be in memory at once)
    let read = std::fs::File::open(file).and_then(|mut f| {
        let len = f.metadata()?.len();
        if len > MAX_INPUT_BYTES as u64 {
            return Ok(Err(len));
        }
        let mut bytes = Vec::with_capacity(len as usize);
        f.read_to_end(&mut bytes)?;
        Ok(Ok(bytes))
    });
    match read {
        Ok(Ok(bytes)) => guarded(&name, || Analyzed::file_owned(&name, bytes)),
        Ok(Err(len)) => Analyzed::too_large(&name, len),
        Err(e) => Analyzed::unreadable(&name, &format!("cannot read the file: {e}")),
    }
}

fn analyze(args: &Args) -> Result<(), String> {
    let mut files = Vec::new();
    for path in &args.paths {
        if !path.exists() {
            return Err(format!("no such file or folder: {}", path.display()));
        }
        dossier::files::collect_files(path, &mut files)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    }
    let mut batch = Analyzer::new();
    if args.paths.is_empty() {
        for (name, bytes) in SAMPLE {
            batch.add_file(name, bytes);
        }
    }
    let jobs = args.jobs.unwrap_or_else(default_jobs);
    analyze_in_order(
        &files,
        jobs,
        |file| read_and_analyze(file),
        |analyzed| {
            batch.add_analyzed(analyzed);
        },
    );
    // every file is annotated: the corpus step and the report need no model
    dossier::release_models();
    let mut out = open_output(&args.output).map_err(|e| format!("cannot write output: {e}"))?;
    // The report is written as it is made, never held whole.
    batch
        .write_report(&mut out, args.pretty)
        .map_err(|e| format!("cannot write output: {e}"))?;
    writeln!(out)
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write output: {e}"))
}

/// Records read before their reports are written: enough to keep every
/// thread busy (a block ends when its slowest record is done), few enough
/// that memory stays that of a block, whatever the length of the input.
const JSONL_BLOCK_RECORDS: usize = 512;
const JSONL_BLOCK_BYTES: usize = 32 << 20;

fn analyze_jsonl(args: &Args) -> Result<(), String> {
    let jobs = args.jobs.unwrap_or_else(default_jobs);
    let mut out = open_output(&args.output).map_err(|e| format!("cannot write output: {e}"))?;
    let mut lines = io::stdin().lock().lines().enumerate();
    let mut index = 0;
    loop {
        // (document index, input line number, line)
        let mut block = Vec::new();
        let mut bytes = 0;
        while block.len() < JSONL_BLOCK_RECORDS && bytes < JSONL_BLOCK_BYTES {
            let Some((i, line)) = lines.next() else { break };
            let line = line.map_err(|e| format!("cannot read standard input: {e}"))?;
            if line.trim().is_empty() {
                continue;
            }
            bytes += line.len();
            block.push((index, i + 1, line));
            index += 1;
        }
        if block.is_empty() {
            break;
        }
        // Each record stands alone: its line is written once the records
        // before it are, and nothing is kept between blocks.
        let mut written = Ok(());
        analyze_in_order(
            &block,
            jobs,
            |(index, line_number, line)| record_line(*index, *line_number, line),
            |line| {
                if written.is_ok() {
                    written = out.write_all(&line);
                }
            },
        );
        written.map_err(|e| format!("cannot write output: {e}"))?;
    }
    out.flush().map_err(|e| format!("cannot write output: {e}"))
}

/// One `--jsonl` record's output line, written out on the thread that
/// analyzed it: a line that is not a record, or a bug met while analyzing
/// it, is a warning on its document, never an abort.
fn record_line(index: usize, line_number: usize, line: &str) -> Vec<u8> {
    let report = match parse_jsonl_record(line, line_number) {
        Ok(record) => guarded_with(
            || analyze_one(index, &record.name, &record.body, record.format),
            |why| unreadable_one(index, &record.name, why),
        ),
        Err(e) => unreadable_one(index, &format!("line-{line_number}"), &e.to_string()),
    };
    let mut out = Vec::new();
    // a report of owned, plain data always serializes; the Vec cannot fail
    write_json(&mut out, &report, false).expect("a report serializes into memory");
    out
}

/// Keeps glibc's malloc from raising its mmap threshold. By default each
/// large block it frees raises the threshold to that block's size (up to
/// 32 MiB), so after a long document's first large arrays are freed, the
/// later ones come from the heap, which fragments and cannot hand back
/// what lies below its top: a 17.5 MB text file peaked at 171 MB instead
/// of 141 MB. A fixed threshold (glibc's default starting value, 128 KiB)
/// maps every large block on its own and unmaps it when freed. Fixing it
/// also stops the trim threshold from following it up, so that is set
/// too: at its default 128 KiB, trimming the heap's top after frees
/// tripled the system time of 10,000 documents on two threads (0.6 ->
/// 1.55 s, 6% more wall time); at 8 MiB it costs nothing measurable.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn fix_malloc_thresholds() {
    use std::os::raw::c_int;
    extern "C" {
        fn mallopt(param: c_int, value: c_int) -> c_int;
    }
    /// `M_TRIM_THRESHOLD` and `M_MMAP_THRESHOLD` in glibc's `malloc.h`.
    const M_TRIM_THRESHOLD: c_int = -1;
    const M_MMAP_THRESHOLD: c_int = -3;
    // SAFETY: mallopt only changes malloc's settings; it is called before
    // any other thread exists, with valid parameters and values.
    unsafe {
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
        mallopt(M_TRIM_THRESHOLD, 8 * 1024 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn fix_malloc_thresholds() {}

fn main() -> ExitCode {
    fix_malloc_thresholds();
    let result = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{USAGE}");
            Ok(())
        }
        Ok(Command::Version) => {
            println!("dossier {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        Ok(Command::Analyze(args)) if args.jsonl => analyze_jsonl(&args),
        Ok(Command::Analyze(args)) => analyze(&args),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("dossier: {message}");
            ExitCode::from(2)
        }
    }
}
