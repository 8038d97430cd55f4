use dossier::{Analyzer, Label};

#[test]
fn offsets_are_code_points_after_astral_characters() {
    let mut batch = Analyzer::new();
    batch.add_file(
        "emoji.txt",
        "😀😀 Oluwaseun Adébáyọ̀ met Zoë Ångström-Lind in Velmora.".as_bytes(),
    );
    let report = batch.report();
    let doc = &report.documents[0];
    for m in &doc.mentions {
        let slice: String = doc
            .text
            .chars()
            .skip(m.start)
            .take(m.end - m.start)
            .collect();
        assert_same!(m.text, slice, "mention at {}..{}", m.start, m.end);
    }
    let first = doc.mentions.first().expect("a mention");
    assert_same!(
        ("Oluwaseun Adébáyọ̀", 3),
        (first.text.as_str(), first.start),
        "first mention"
    );
}

#[test]
fn the_report_is_the_same_however_the_text_arrives() {
    let text = "Lucía Ferrão, the harbor master, said 19 ships were unloaded on Thursday.";
    let mut a = Analyzer::new();
    a.add_file("x.txt", text.as_bytes());
    let mut b = Analyzer::new();
    b.add_text("x.txt", text, None);
    assert_same!(a.report(), b.report(), "bytes and text give one report");
}

#[test]
fn labels_round_trip() {
    for label in [Label::Per, Label::Org, Label::Loc, Label::Misc] {
        assert_eq!(Label::parse(label.as_str()), Some(label));
    }
    assert_eq!(Label::parse("DATE"), None);
}
