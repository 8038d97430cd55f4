//! `hostile`: how the pipeline's time grows on pathological inputs
//! (issue 7: no file may hang the batch). A benchmark that prints figures,
//! not a test.
//!
//! ```text
//! cargo run --release --bin hostile -- [--kb 256] [--only NAME]
//! ```
//!
//! Each case is one file made by repeating a pattern (many distinct links,
//! quotes on one endless line, a URL followed by a million brackets, ...)
//! to about `--kb` KB and to four times that. Each is analyzed in process
//! together with a copy of itself, as `dossier analyze` does (ingest,
//! annotate, then the corpus steps, which a copy gives work: copies,
//! stories, facts; then the report JSON), and the two times are printed
//! with their ratio: about 4 is linear, 16 quadratic. A ratio over 6 is
//! marked `SUPERLINEAR`.

use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

/// One pathological input: a file name, and its bytes at about `n` bytes.
struct Case {
    name: &'static str,
    file: &'static str,
    make: fn(usize) -> Vec<u8>,
}

/// `unit(i)` for i = 0, 1, ... until `n` bytes, between `head` and `tail`.
fn repeat(n: usize, head: &str, tail: &str, unit: impl Fn(usize) -> String) -> Vec<u8> {
    let mut s = String::from(head);
    let mut i = 0;
    while s.len() < n {
        s.push_str(&unit(i));
        i += 1;
    }
    s.push_str(tail);
    s.into_bytes()
}

const HTML_HEAD: &str = "<!doctype html><html><head><title>Hostile page</title></head><body>";
const HTML_TAIL: &str = "</body></html>";

const CASES: &[Case] = &[
    Case {
        name: "distinct links, one a line",
        file: "links.txt",
        make: |n| {
            repeat(n, "", "", |i| {
                format!("See https://example.com/page/{i} now.\n")
            })
        },
    },
    Case {
        name: "distinct links in a page",
        file: "links.html",
        make: |n| {
            repeat(n, HTML_HEAD, HTML_TAIL, |i| {
                format!("<a href=\"https://example.com/{i}\">link</a> ")
            })
        },
    },
    Case {
        name: "a URL and then closing brackets",
        file: "brackets.txt",
        make: |n| {
            let mut s = String::from("Read http://a.bc/x");
            s.push_str(&")".repeat(n));
            s.into_bytes()
        },
    },
    Case {
        name: "attributed quotes on one line",
        file: "quotes.txt",
        make: |n| {
            repeat(n, "Quotes\n\n", "", |i| {
                format!("\"We will win match {i},\" said John Smith. ")
            })
        },
    },
    Case {
        name: "quotes in one endless sentence",
        file: "quote-sentence.txt",
        make: |n| {
            repeat(n, "Quotes\n\n", "", |i| {
                format!("\"we will win match {i}\" said John Smith and ")
            })
        },
    },
    Case {
        name: "\"it said\" quotes far from any name",
        file: "it-said.txt",
        make: |n| {
            repeat(n, "The Ministry of Trade spoke first. ", "", |i| {
                format!("\"Prices will fall in month {i},\" it said. ")
            })
        },
    },
    Case {
        name: "opening quotation marks, never closed",
        file: "unclosed.txt",
        make: |n| repeat(n, "", "", |_| "\u{201c}word ".to_string()),
    },
    Case {
        name: "names in one endless sentence",
        file: "names.txt",
        make: |n| {
            repeat(n, "Names\n\n", "", |_| {
                "Kim Jong Un met Xi Jinping in Beijing and ".to_string()
            })
        },
    },
    Case {
        name: "one name chunk joined by hyphens",
        file: "hyphens.txt",
        make: |n| repeat(n, "Then ", ".", |_| "China - North Korea - ".to_string()),
    },
    Case {
        name: "a Title Case line that never ends",
        file: "title-case.txt",
        make: |n| {
            repeat(n, "", "", |_| {
                "Talvik Motors Recalls Cars After Brake Failures ".to_string()
            })
        },
    },
    Case {
        name: "dates",
        file: "dates.txt",
        make: |n| {
            repeat(n, "Dates\n\n", "", |i| {
                format!("On March {}, 20{:02} and ", 1 + i % 28, i % 30)
            })
        },
    },
    Case {
        name: "numbers of casualties",
        file: "numbers.txt",
        make: |n| {
            repeat(n, "Numbers\n\n", "", |i| {
                format!("{} people were killed and {} injured. ", i % 997, i % 991)
            })
        },
    },
    Case {
        name: "newlines only",
        file: "newlines.txt",
        make: |n| vec![b'\n'; n],
    },
    Case {
        name: "one endless word",
        file: "word.txt",
        make: |n| vec![b'a'; n],
    },
    Case {
        name: "short paragraphs",
        file: "paragraphs.html",
        make: |n| {
            repeat(n, HTML_HEAD, HTML_TAIL, |i| {
                format!("<p>Word {i} here.</p>")
            })
        },
    },
    Case {
        // lines of four words or more outside the article: each is looked
        // for in the article's text (it was one scan of the article a line)
        name: "asides beside paragraphs",
        file: "asides.html",
        make: |n| {
            repeat(n, HTML_HEAD, HTML_TAIL, |i| {
                format!("<p>Talks resumed in Velmora on day {i}, officials said.</p><aside>More coverage you may like {i}</aside>")
            })
        },
    },
    Case {
        name: "nested elements",
        file: "nested.html",
        make: |n| {
            let depth = n / 11;
            let mut s = String::from(HTML_HEAD);
            s.push_str(&"<div>".repeat(depth));
            s.push('x');
            s.push_str(&"</div>".repeat(depth));
            s.push_str(HTML_TAIL);
            s.into_bytes()
        },
    },
    Case {
        // under the depth at which Readability is skipped, each block's
        // 250 levels walked from each of them (see html::MAX_TREE_WORK)
        name: "nested blocks, a word at each level",
        file: "blocks.html",
        make: |n| {
            repeat(n, HTML_HEAD, HTML_TAIL, |i| {
                let mut block: String = (0..250).map(|d| format!("<div>w{d} ")).collect();
                block.push_str(&format!("block {i}"));
                block.push_str(&"</div>".repeat(250));
                block
            })
        },
    },
    Case {
        name: "meta tags",
        file: "metas.html",
        make: |n| {
            repeat(n, "<html><head>", "</head><body>x</body></html>", |i| {
                format!("<meta name=\"k{i}\" content=\"value {i}\">")
            })
        },
    },
    Case {
        name: "JSON-LD blocks",
        file: "jsonld.html",
        make: |n| {
            repeat(n, "<html><head>", "</head><body>x</body></html>", |i| {
                format!(
                    "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
                     \"headline\":\"Headline {i}\",\"author\":{{\"name\":\"Ann {i}\"}}}}</script>"
                )
            })
        },
    },
    Case {
        name: "feed posts",
        file: "feed.txt",
        make: |n| {
            repeat(n, "", "", |i| {
                format!(
                    "@user{} · 2h\nPost number {} about the summit.\n\n",
                    i % 50,
                    i % 7
                )
            })
        },
    },
    Case {
        name: "links, UTF-16",
        file: "links16.txt",
        make: |n| {
            let text = String::from_utf8(repeat(n / 2, "", "", |i| {
                format!("See https://example.com/{i} now.\n")
            }))
            .unwrap_or_default();
            let mut bytes = vec![0xFF, 0xFE];
            for u in text.encode_utf16() {
                bytes.extend_from_slice(&u.to_le_bytes());
            }
            bytes
        },
    },
    Case {
        name: "random bytes",
        file: "random.bin",
        make: |n| {
            let mut x = 0x2545_f491_4f6c_dd1du64;
            (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect()
        },
    },
];

/// Seconds to analyze the file and a copy of it as `dossier analyze` does.
fn seconds(file: &str, bytes: &[u8]) -> f64 {
    let start = Instant::now();
    let mut batch = dossier::Analyzer::new();
    batch.add_file(file, bytes);
    batch.add_file(&format!("copy-{file}"), bytes);
    let _ = batch.write_report(std::io::sink(), false);
    start.elapsed().as_secs_f64()
}

fn main() -> ExitCode {
    let mut kb = 256usize;
    let mut only: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match (a.as_str(), args.next()) {
            ("--kb", Some(v)) if v.parse::<usize>().is_ok_and(|k| k > 0) => {
                kb = v.parse().unwrap_or(kb);
            }
            ("--only", Some(v)) => only = Some(v),
            _ => {
                eprintln!("usage: hostile [--kb 256] [--only NAME]");
                return ExitCode::from(2);
            }
        }
    }
    dossier::prepare();
    println!(
        "{:<40} {:>9} {:>9} {:>9} {:>7}",
        "case",
        format!("{kb} KB s"),
        format!("{} KB s", kb * 4),
        "MB/s",
        "ratio"
    );
    let mut superlinear = 0;
    for case in CASES {
        if only.as_deref().is_some_and(|o| !case.name.contains(o)) {
            continue;
        }
        let small = (case.make)(kb * 1024);
        let large = (case.make)(kb * 4 * 1024);
        let (a, b) = (seconds(case.file, &small), seconds(case.file, &large));
        let ratio = b / a.max(1e-6);
        let mut line = format!(
            "{:<40} {:>9.3} {:>9.3} {:>9.2} {:>7.1}",
            case.name,
            a,
            b,
            2.0 * large.len() as f64 / 1e6 / b.max(1e-6),
            ratio
        );
        if ratio > 6.0 {
            superlinear += 1;
            let _ = write!(line, "  SUPERLINEAR");
        }
        println!("{line}");
    }
    println!("ratio: time at 4x the size over time at 1x (4 = linear, 16 = quadratic)");
    if superlinear > 0 {
        println!("{superlinear} case(s) grew faster than linear");
    }
    ExitCode::SUCCESS
}
