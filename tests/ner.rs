//! The trained entity tagger (issue 3): the embedded model loads, tags
//! hand-written news sentences as expected, trains deterministically, and
//! keeps its CoNLL-2003 dev score (skipped when `../shared` is absent).

use dossier::annotate::ner::train::{train, Settings, TrainDoc};
use dossier::annotate::ner::{conll, LexiconSource, NerModel};
use dossier::annotate::Label;
use dossier::text::{split_sentences, tokenize};

/// Tags `text` through our own tokenizer and sentence splitter; returns
/// (label, entity text) pairs.
fn tag(model: &NerModel, text: &str) -> Vec<(&'static str, String)> {
    let sentences = split_sentences(text);
    let tokens: Vec<Vec<(usize, usize)>> = sentences
        .iter()
        .map(|s| {
            tokenize(s.slice(text))
                .iter()
                .map(|t| (s.start() + t.span().start(), s.start() + t.span().end()))
                .collect()
        })
        .collect();
    let words: Vec<Vec<&str>> = tokens
        .iter()
        .map(|s| s.iter().map(|&(a, b)| &text[a..b]).collect())
        .collect();
    let mut out = Vec::new();
    for (si, chunks) in model.tag_document(&words).iter().enumerate() {
        let mut last_end = 0;
        for &(s, e, label) in chunks {
            assert!(
                s < e && e <= words[si].len() && s >= last_end,
                "bad chunk {s}..{e} in {text:?}"
            );
            last_end = e;
            out.push((
                label.as_str(),
                text[tokens[si][s].0..tokens[si][e - 1].1].to_string(),
            ));
        }
    }
    out
}

#[test]
fn embedded_model_loads() {
    let stats = NerModel::embedded().stats();
    assert_eq!(stats.stages, 2, "{stats:?}");
    assert!(stats.nonzero_rows.iter().all(|&n| n > 10_000), "{stats:?}");
}

/// A named case: text and the (label, entity) pairs that must all be found.
type NewsCase = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// A sentence (tokens split at spaces) with its gold chunks.
type TinySentence = (&'static str, &'static [(usize, usize, usize)]);

#[test]
fn hand_written_news() {
    // (name, text, expected (label, entity) pairs that must all be found)
    let cases: &[NewsCase] = &[
        (
            "diacritics",
            "Zoë Ångström-Lind, a spokeswoman for the company, said the deal would close in March.",
            &[("PER", "Zoë Ångström-Lind")],
        ),
        (
            "combining marks",
            "Nguyễn Thị Mai met Oluwaseun Adébáyọ̀ in Lagos on Tuesday.",
            &[("PER", "Nguyễn Thị Mai"), ("PER", "Oluwaseun Adébáyọ̀"), ("LOC", "Lagos")],
        ),
        (
            "initials",
            "J. R. Okafor, chief executive of Zenith Holdings, told Reuters the bank's profits rose.",
            &[("PER", "J. R. Okafor"), ("ORG", "Zenith Holdings"), ("ORG", "Reuters")],
        ),
        (
            "hyphen compound",
            "Talks on the China-North Korea border resumed after Beijing's envoy arrived.",
            &[("LOC", "China"), ("LOC", "North Korea"), ("LOC", "Beijing")],
        ),
        (
            "possessives",
            "Germany's Olaf Scholz and France's Emmanuel Macron spoke by phone on Sunday.",
            &[("LOC", "Germany"), ("PER", "Olaf Scholz"), ("LOC", "France"), ("PER", "Emmanuel Macron")],
        ),
        (
            "all caps headline",
            "PRESIDENT MACRON MEETS MERKEL IN BERLIN AS EU LEADERS SPLIT OVER UKRAINE",
            &[("LOC", "BERLIN"), ("LOC", "UKRAINE")],
        ),
        (
            "headline name consistent with the body",
            "MACRON MEETS SCHOLZ IN BERLIN\nFrench President Emmanuel Macron met Chancellor Olaf Scholz on Monday.",
            &[("PER", "MACRON"), ("PER", "Emmanuel Macron"), ("LOC", "BERLIN")],
        ),
        (
            "curly possessive after a name",
            "Pyongyang welcomed Kim Jong Un’s envoy, and Seo-yeon Park’s aides met him.",
            &[("LOC", "Pyongyang")],
        ),
        (
            "byline",
            "By Priya Raghunathan and Tomasz Wiśniewski, Reuters",
            &[("PER", "Priya Raghunathan"), ("PER", "Tomasz Wiśniewski")],
        ),
        (
            "unseen names",
            "Kwame Asante-Mensah, 42, was arrested in Accra by Ghanaian police, the World Health Organization said.",
            &[
                ("PER", "Kwame Asante-Mensah"),
                ("LOC", "Accra"),
                ("MISC", "Ghanaian"),
                ("ORG", "World Health Organization"),
            ],
        ),
    ];
    let model = NerModel::embedded();
    let mut failures = Vec::new();
    for (name, text, want) in cases {
        let got = tag(&model, text);
        for (label, entity) in *want {
            if !got.iter().any(|(l, e)| l == label && e == entity) {
                failures.push(format!(
                    "{name}: missing {label} {entity:?}\n  text: {text}\n  got:  {got:?}"
                ));
            }
        }
        if let Some(bad) = got
            .iter()
            .find(|(_, e)| e.ends_with("'s") || e.ends_with("’s") || e.ends_with('’'))
        {
            failures.push(format!("{name}: possessive inside {bad:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A headline, the names it must yield, and words no name may contain.
type HeadlineCase = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

#[test]
fn title_case_headlines_are_read_as_headlines() {
    // Title Case used to come out as one long ORG ("Apple Unveils New iPhone
    // As Samsung Struggles In"); the tagger now reads such a headline recased
    // the way its words are usually written. Invented names.
    let cases: &[HeadlineCase] = &[
        (
            "Halvorsen Motors Recalls 40,000 Cars After Brake Failures In Germany",
            &[("ORG", "Halvorsen Motors"), ("LOC", "Germany")],
            &["Recalls", "Cars", "After", "Brake", "Failures", "In"],
        ),
        (
            "Farmers Protest New Tariffs As Prices Fall In Kenya",
            &[("LOC", "Kenya")],
            &[
                "Farmers", "Protest", "New", "Tariffs", "As", "Prices", "Fall",
            ],
        ),
        (
            "Ostrava Steel Cuts Jobs As Demand Slumps Across Europe",
            &[("LOC", "Europe")],
            &["Cuts", "Jobs", "Demand", "Slumps", "Across"],
        ),
        (
            "Lindqvist Wins Second Term As Voters Back Reform Plan In Sweden",
            &[("LOC", "Sweden")],
            &["Wins", "Second", "Term", "Voters", "Reform", "Plan"],
        ),
    ];
    let model = NerModel::embedded();
    let mut failures = Vec::new();
    for (text, want, never) in cases {
        let got = tag(&model, text);
        for (label, entity) in *want {
            if !got.iter().any(|(l, e)| l == label && e == entity) {
                failures.push(format!("missing {label} {entity:?} in {text:?}: {got:?}"));
            }
        }
        for (_, e) in &got {
            if e.split(' ').any(|w| never.contains(&w)) {
                failures.push(format!("headline word inside {e:?} in {text:?}: {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn empty_and_odd_input() {
    let model = NerModel::embedded();
    assert!(model.tag_document(&[]).is_empty());
    assert_eq!(
        model.tag_document(&[vec![]]),
        vec![Vec::<(usize, usize, Label)>::new()]
    );
    let odd = vec!["\u{300}", "-", "'s", "\u{1f600}", "U.S.", "\u{2019}"];
    assert_eq!(model.tag_document(&[odd]).len(), 1);
}

/// A small synthetic corpus (not CoNLL text).
fn tiny_corpus() -> Vec<TrainDoc> {
    let sents: &[TinySentence] = &[
        (
            "Amara Osei visited Nairobi on Monday .",
            &[(0, 2, 0), (3, 4, 2)],
        ),
        (
            "The Volta Group said Osei would return to Accra .",
            &[(1, 3, 1), (4, 5, 0), (9, 10, 2)],
        ),
        (
            "Kenyan officials met Lindqvist in Oslo .",
            &[(0, 1, 3), (3, 4, 0), (5, 6, 2)],
        ),
        ("Shares of Borealis Energy fell 3 percent .", &[(2, 4, 1)]),
    ];
    (0..6)
        .map(|d| {
            let mut doc = TrainDoc::default();
            for (k, (s, c)) in sents.iter().enumerate() {
                if (k + d) % 3 != 0 {
                    doc.sentences
                        .push(s.split(' ').map(str::to_string).collect());
                    doc.chunks.push(c.to_vec());
                }
            }
            doc
        })
        .collect()
}

#[test]
fn training_is_deterministic() {
    let mut src = LexiconSource::default();
    src.add_word_classes("# header\nnairobi\t1\t2\t3\t0\naccra\t1\t2\t4\t1\n");
    src.add_gazetteers(
        "Oslo\tcity\tNorway\n",
        "Kenyan\tKenya\n",
        "Volta Group\tVolta\n",
    );
    let docs = tiny_corpus();
    let s = Settings {
        bits: 12,
        epochs: 3,
        folds: 2,
        augment: 0.5,
        ..Settings::default()
    };
    let a = train(&src, &docs, &s);
    let b = train(&src, &docs, &s);
    assert_eq!(a, b, "two runs gave different bytes");
    let model = NerModel::from_bytes(&a).expect("trained model decodes");
    assert_eq!(model.stats().stages, 2);
    let got = tag(&model, "Amara Osei visited Nairobi on Monday.");
    assert!(got.contains(&("PER", "Amara Osei".to_string())), "{got:?}");
    assert!(NerModel::from_bytes(&a[..a.len() / 2]).is_none());
}

#[test]
fn dev_f1_guard() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/conll2003/dev.txt"
    );
    let Ok(dev) = std::fs::read_to_string(path) else {
        eprintln!("SKIPPED dev_f1_guard: {path} not found");
        return;
    };
    let (score, _) = conll::evaluate(&NerModel::embedded(), &dev, usize::MAX);
    let (_, _, f1) = score.overall.prf();
    // The committed model is trained on train + dev (measured 0.9924 here);
    // the train-only model measures 0.9279 on dev (see the issue 3 report).
    assert!(f1 >= 0.985, "dev F1 {f1:.4} fell\n{}", score.report());
}
