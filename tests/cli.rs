use std::fs;

use serde_json::Value;

use crate::util::{analyze, check_report, document, run, shared};

fn warnings(doc: &Value) -> Vec<String> {
    serde_json::from_value(doc["warnings"].clone()).expect("warnings are strings")
}

#[test]
fn no_argument_analyzes_the_embedded_sample() {
    let report = analyze(&[]);
    check_report(&report);
    let docs = report["documents"].as_array().expect("documents");
    assert_eq!(docs.len(), 5, "five sample files");
    for doc in docs {
        assert_same!(
            Vec::<String>::new(),
            warnings(doc),
            "sample file {} has warnings",
            doc["name"]
        );
        assert!(
            !doc["mentions"].as_array().expect("mentions").is_empty(),
            "{} has no mentions",
            doc["name"]
        );
    }
    let html = document(&report, "harbor-herald.html");
    assert_eq!(html["format"], "html");
    assert_eq!(html["meta"]["publisher"], "The Harbor Herald");
    let cp1252 = document(&report, "velmora-gazette-1252.txt");
    assert_eq!(cp1252["encoding"], "windows-1252");
    assert!(cp1252["text"]
        .as_str()
        .unwrap_or("")
        .contains("Lucía Ferrão"));
    // one entity for the union across the sample, with its defined acronym
    let union = report["entities"]
        .as_array()
        .and_then(|es| es.iter().find(|e| e["name"] == "Allied Dockers Union"))
        .expect("the union is an entity");
    assert!(union["aliases"]
        .as_array()
        .is_some_and(|a| a.iter().any(|x| x == "ADU")));
    assert!(union["documents"].as_u64() >= Some(4));
}

#[test]
fn every_seed_capture_gives_a_valid_report_without_warnings() {
    let Some(seeds) = shared("samples/seeds") else {
        return;
    };
    let mut files: Vec<_> = fs::read_dir(&seeds)
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for file in &files {
        let report = analyze(&[file.to_str().expect("utf-8 path")]);
        check_report(&report);
        let doc = &report["documents"][0];
        assert_same!(
            Vec::<String>::new(),
            warnings(doc),
            "seed {}",
            file.display()
        );
        assert!(
            !doc["content"].as_array().expect("content").is_empty(),
            "seed {} has no content",
            file.display()
        );
    }
    // and all together, as one batch (a folder)
    let report = analyze(&[seeds.to_str().expect("utf-8 path")]);
    check_report(&report);
    assert_eq!(
        report["documents"].as_array().map(Vec::len),
        Some(files.len())
    );
}

#[test]
fn the_seeds_tell_two_stories() {
    // A September letter for the 76th founding anniversary (000, 001, 003)
    // and an October exchange for 75 years of ties (002, 004).
    let Some(seeds) = shared("samples/seeds") else {
        return;
    };
    let report = analyze(&[seeds.to_str().expect("utf-8 path")]);
    let groups: Vec<Vec<&str>> = report["stories"]
        .as_array()
        .expect("stories")
        .iter()
        .map(|s| {
            s["documents"]
                .as_array()
                .expect("documents")
                .iter()
                .map(|id| {
                    let doc = report["documents"]
                        .as_array()
                        .expect("documents")
                        .iter()
                        .find(|d| &d["id"] == id)
                        .expect("document");
                    &doc["name"].as_str().expect("name")[..3]
                })
                .collect()
        })
        .collect();
    assert_same!(
        vec![vec!["000", "001", "003"], vec!["002", "004"]],
        groups,
        "stories"
    );
}

#[test]
fn encodings_decode_to_the_same_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "Zoë Ångström-Lind met the café owners in Zürich; costs rose 5 € a “day”.";
    let cp1252: Vec<u8> = text
        .chars()
        .map(|c| match c {
            '€' => 0x80,
            '“' => 0x93,
            '”' => 0x94,
            c => u8::try_from(u32::from(c)).expect("latin-1 char"),
        })
        .collect();
    let mut utf16le = vec![0xff, 0xfe];
    utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    fs::write(dir.path().join("a-1252.txt"), &cp1252).expect("write");
    fs::write(dir.path().join("b-utf16le.txt"), &utf16le).expect("write");
    fs::write(dir.path().join("c-utf16be.txt"), &utf16be).expect("write");
    let report = analyze(&[dir.path().to_str().expect("path")]);
    check_report(&report);
    let got: Vec<(String, String)> = report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            (
                d["encoding"].as_str().unwrap_or("").to_string(),
                d["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = ["windows-1252", "utf-16le", "utf-16be"]
        .iter()
        .map(|e| (e.to_string(), text.to_string()))
        .collect();
    assert_same!(want, got, "decoded texts");
}

#[test]
fn bad_files_become_warnings_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("1-good.txt"),
        "Ines Harlow said the port of Velmora reopened on Tuesday after nine days.",
    )
    .expect("write");
    fs::write(dir.path().join("2-empty.txt"), "").expect("write");
    fs::write(
        dir.path().join("3-image.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .expect("write");
    fs::write(
        dir.path().join("4-random.bin"),
        (0..4096u32)
            .map(|i| (i * 7919 % 251) as u8)
            .collect::<Vec<u8>>(),
    )
    .expect("write");
    fs::create_dir(dir.path().join("sub")).expect("mkdir");
    fs::write(
        dir.path().join("sub/5-nested.html"),
        "<html><body><p>Lucía Ferrão runs the harbor in Velmora.</p></body></html>",
    )
    .expect("write");
    let report = analyze(&[dir.path().to_str().expect("path")]);
    check_report(&report);
    let names: Vec<&str> = report["documents"]
        .as_array()
        .expect("docs")
        .iter()
        .map(|d| d["name"].as_str().unwrap_or(""))
        .collect();
    assert_same!(
        vec![
            "1-good.txt",
            "2-empty.txt",
            "3-image.png",
            "4-random.bin",
            "5-nested.html"
        ],
        names,
        "sorted walk, names without folders"
    );
    assert_same!(
        Vec::<String>::new(),
        warnings(document(&report, "1-good.txt")),
        "good file"
    );
    assert_same!(
        vec!["file is empty; nothing to analyze".to_string()],
        warnings(document(&report, "2-empty.txt")),
        "empty file"
    );
    assert_same!(
        vec!["not a text file (a PNG image); skipped".to_string()],
        warnings(document(&report, "3-image.png")),
        "png"
    );
    assert_same!(
        vec!["not a text file (binary data); skipped".to_string()],
        warnings(document(&report, "4-random.bin")),
        "random bytes"
    );
    let nested = document(&report, "5-nested.html");
    assert!(nested["mentions"]
        .as_array()
        .is_some_and(|m| m.iter().any(|m| m["text"] == "Lucía Ferrão")));
}

#[test]
fn a_missing_path_is_an_error_with_one_line() {
    let out = run(&["analyze", "surely/not/here.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_same!(
        "dossier: no such file or folder: surely/not/here.txt\n",
        stderr.as_ref(),
        "stderr"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn output_goes_to_a_file_with_dash_o() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_file = dir.path().join("report.json");
    let out = run(&["analyze", "-o", out_file.to_str().expect("path")]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty(), "nothing on stdout");
    let report: Value =
        serde_json::from_slice(&fs::read(&out_file).expect("written")).expect("json");
    check_report(&report);
}

#[test]
fn unknown_options_and_commands_are_errors() {
    for args in [&["analyze", "--frobnicate"][..], &["explode"][..]] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("dossier: unknown"),
            "{args:?}"
        );
    }
    let help = run(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("dossier analyze [PATH ...]"));
}

#[test]
fn any_number_of_jobs_gives_the_same_report() {
    let Some(seeds) = shared("samples/seeds") else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    // the seeds twice over and a folder that cannot be read as a file, so
    // threads meet copies, warnings and out-of-order finishes
    for round in ["a", "b"] {
        for entry in fs::read_dir(&seeds).expect("seeds") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            fs::copy(&path, dir.path().join(format!("{round}-{name}"))).expect("copy");
        }
    }
    fs::write(dir.path().join("c-empty.txt"), "").expect("write");
    let path = dir.path().to_str().expect("path");
    let bytes = |jobs: &str| {
        let out = run(&["analyze", path, "--jobs", jobs]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = bytes("1");
    check_report(&serde_json::from_slice(&one).expect("json"));
    for jobs in ["2", "5", "32"] {
        assert!(bytes(jobs) == one, "--jobs {jobs} changed the report");
    }
    for bad in ["0", "-1", "many"] {
        let out = run(&["analyze", path, "--jobs", bad]);
        assert_eq!(out.status.code(), Some(2), "--jobs {bad}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("--jobs needs a number"));
    }
}

#[test]
fn a_file_over_the_limit_is_refused_by_its_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("1-good.txt"),
        "Ines Harlow said the port of Velmora reopened on Tuesday.",
    )
    .expect("write");
    // sparse: 3 GB on the file system, no blocks written; reading it
    // whole would need 3 GB of memory a thread, over the 1 GB of address
    // space the command gets here
    let huge = fs::File::create(dir.path().join("2-huge.txt")).expect("create");
    huge.set_len(3 << 30).expect("set_len");
    drop(huge);
    let out = std::process::Command::new("sh")
        .args(["-c", "ulimit -v 1048576 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .args(["analyze", dir.path().to_str().expect("path"), "-j", "2"])
        .output()
        .expect("sh runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("one JSON report");
    check_report(&report);
    assert_same!(
        vec!["file is too large to analyze (3072.0 MB; the limit is 32 MB)".to_string()],
        warnings(document(&report, "2-huge.txt")),
        "huge file"
    );
    assert!(warnings(document(&report, "1-good.txt")).is_empty());
    // the library says the same of the bytes themselves
    let bytes = vec![b'a'; dossier::ingest::MAX_INPUT_BYTES + 1];
    let doc = dossier::ingest::ingest("2-huge.txt", &bytes);
    let by_size = dossier::ingest::too_large("2-huge.txt", bytes.len() as u64);
    assert_eq!(doc.warnings, by_size.warnings);
    assert_eq!(doc.format, by_size.format);
}
