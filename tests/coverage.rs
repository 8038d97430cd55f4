//! The batch as a whole (issue 6): stories, copies, discrepancies and
//! co-occurrence, on hand-written documents through the public API.

use dossier::{Analyzer, Report};

use crate::util::slice;

fn analyze(docs: &[(&str, &str)]) -> Report {
    let mut batch = Analyzer::new();
    for (name, text) in docs {
        batch.add_text(name, text, None);
    }
    batch.report()
}

/// Each story as the names of its documents.
fn stories(report: &Report) -> Vec<Vec<String>> {
    report
        .stories
        .iter()
        .map(|s| {
            s.documents
                .iter()
                .map(|id| {
                    report
                        .documents
                        .iter()
                        .find(|d| &d.id == id)
                        .expect("document")
                        .name
                        .to_string()
                })
                .collect()
        })
        .collect()
}

const BRIDGE_1: &str = "Riverside opens the Kovač Bridge after six years of work\n\nMarch 3, 2025\n\nMayor Ana Kovač opened the new Harmon River bridge in Riverside on Monday, cutting a ribbon before a crowd of residents who had waited six years for the crossing. Council leader Daniel Okafor said the bridge would take trucks off the old town streets. The span cost the city less than planned, officials said.\n";
const BRIDGE_2: &str = "New Harmon River bridge opens to traffic in Riverside\n\nMarch 3, 2025\n\nThe long-awaited Harmon River bridge opened to traffic in Riverside on Monday after Mayor Ana Kovač cut the ribbon in front of residents. Daniel Okafor, the council leader, praised the crossing and said trucks would leave the old town streets. Drivers queued for the first trip across the span.\n";
const BRIDGE_3: &str = "Ribbon cut on Riverside's Harmon River bridge\n\nMarch 4, 2025\n\nRiverside residents crossed the Harmon River bridge for the first time on Monday, when Mayor Ana Kovač opened the span with a ribbon. Council leader Daniel Okafor said the crossing ends six years of detours through the old town.\n";
const RESIGN_1: &str = "Riverside mayor Ana Kovač resigns over budget dispute\n\nApril 14, 2025\n\nMayor Ana Kovač resigned on Monday after the city council rejected her budget for a third time. Council leader Daniel Okafor called the resignation regrettable and said an interim mayor would be chosen within a month. Kovač said she could not govern without a budget.\n";
const RESIGN_2: &str = "Kovač quits as Riverside mayor after council rejects budget\n\nApril 15, 2025\n\nAna Kovač stepped down as mayor of Riverside on Monday, telling reporters she could not govern after the council rejected her budget again. Daniel Okafor, the council leader, said an interim mayor would be chosen within a month.\n";

#[test]
fn documents_naming_the_same_people_split_by_event() {
    let report = analyze(&[
        ("bridge-1.txt", BRIDGE_1),
        ("resign-1.txt", RESIGN_1),
        ("bridge-2.txt", BRIDGE_2),
        ("resign-2.txt", RESIGN_2),
        ("bridge-3.txt", BRIDGE_3),
    ]);
    assert_same!(
        vec![
            vec!["bridge-1.txt", "bridge-2.txt", "bridge-3.txt"],
            vec!["resign-1.txt", "resign-2.txt"]
        ],
        stories(&report),
        "two events, one cast"
    );
    assert_same!(
        Some("2025-03-03"),
        report.stories[0].when.as_deref(),
        "the bridge opened on March 3"
    );
    assert!(
        report.stories[1].title.contains("Kovač"),
        "title {}",
        report.stories[1].title
    );
    for doc in &report.documents {
        let story = report
            .stories
            .iter()
            .find(|s| s.id == doc.story)
            .expect("its story");
        assert!(story.documents.contains(&doc.id));
    }
}

#[test]
fn an_unrelated_document_is_a_story_of_its_own() {
    let other = "Harvest festival draws record crowds to Lindqvist Farm\n\nSeptember 20, 2025\n\nFarmer Ingrid Lindqvist welcomed more than 3,000 visitors to her orchard in Tallmere on Saturday for the yearly apple harvest festival.\n";
    let report = analyze(&[
        ("bridge-1.txt", BRIDGE_1),
        ("farm.txt", other),
        ("bridge-2.txt", BRIDGE_2),
    ]);
    assert_same!(
        vec![vec!["bridge-1.txt", "bridge-2.txt"], vec!["farm.txt"]],
        stories(&report),
        "the farm story stands alone"
    );
}

const WIRE: &str = "Port of Velmora reopens after strike\n\nMarch 4, 2025\n\nDockworkers in Velmora returned to the piers on Tuesday after the Allied Dockers Union accepted a contract offer from the Port Authority of Velmora, ending a nine-day stoppage that had idled dozens of container ships along the northern coast. The agreement raises pay by six percent a year.\n";

#[test]
fn a_passage_copied_from_an_earlier_document_is_linked_to_its_origin() {
    // The copy comes first in the batch but is dated later: the dates decide.
    let copy = "Velmora strike is over\n\nMarch 6, 2025\n\nIn a recent development, dockworkers in Velmora returned to the piers on Tuesday after the Allied Dockers Union accepted a contract offer from the Port Authority of Velmora, ending a nine-day stoppage. Readers said they were relieved. What happens next is unclear, and shipping firms are waiting to see how fast the backlog clears.\n";
    let report = analyze(&[("copy.txt", copy), ("wire.txt", WIRE)]);
    assert_same!(1, report.copies.len(), "one copy link: {:?}", report.copies);
    let link = &report.copies[0];
    assert_same!(
        ("d2", "d1", "shared-passages", "earlier date"),
        (
            link.source.as_str(),
            link.copy.as_str(),
            link.kind.as_str(),
            link.origin.as_str()
        ),
        "link"
    );
    let passage = &link.passages[0];
    let source = &report.documents[1].text;
    let copied = &report.documents[0].text;
    assert_same!(
        passage.text,
        slice(source, passage.source.start, passage.source.end),
        "passage text is the source slice"
    );
    assert_same!(
        passage.text.to_lowercase(),
        slice(copied, passage.copy.start, passage.copy.end).to_lowercase(),
        "the copy carries the same words"
    );
    assert!(
        passage.text.starts_with("returned to the piers")
            || passage.text.contains("Allied Dockers Union accepted"),
        "{}",
        passage.text
    );
}

#[test]
fn a_lightly_edited_rewrite_is_a_near_duplicate_and_unrelated_texts_are_not_copies() {
    let rewrite = WIRE.replace("six percent", "6 percent").replace(
        "Port of Velmora reopens after strike",
        "Velmora port back at work",
    );
    let report = analyze(&[
        ("wire.txt", WIRE),
        ("rewrite.txt", &rewrite),
        ("bridge.txt", BRIDGE_1),
    ]);
    assert_same!(
        1,
        report.copies.len(),
        "only the rewrite: {:?}",
        report.copies
    );
    let link = &report.copies[0];
    assert_same!(
        ("d1", "d2", "near-duplicate"),
        (link.source.as_str(), link.copy.as_str(), link.kind.as_str()),
        "link"
    );
    assert!(
        link.similarity > 0.5 && link.similarity <= 1.0,
        "similarity {}",
        link.similarity
    );
}

#[test]
fn different_numbers_for_the_same_fact_are_a_discrepancy() {
    let a = "Fire at Velmora warehouse\n\nMay 2, 2025\n\nA fire at a warehouse in Velmora killed 12 people on Friday, the Velmora Fire Service said. Crews fought the blaze for six hours.\n";
    let b = "Deadly warehouse fire in Velmora\n\nMay 2, 2025\n\nA warehouse fire in Velmora on Friday killed 15 people, the Velmora Fire Service said, as crews fought the blaze through the night.\n";
    let report = analyze(&[("a.txt", a), ("b.txt", b)]);
    assert_same!(1, report.stories.len(), "one story");
    let casualties: Vec<_> = report
        .discrepancies
        .iter()
        .filter(|d| d.kind == "casualties")
        .collect();
    assert_same!(1, casualties.len(), "{:?}", report.discrepancies);
    let values: Vec<(&str, &str)> = casualties[0]
        .values
        .iter()
        .map(|v| (v.document.as_str(), v.value.as_str()))
        .collect();
    assert_same!(
        vec![("d1", "12"), ("d2", "15")],
        values,
        "each document's number"
    );
    for v in &casualties[0].values {
        let doc = report
            .documents
            .iter()
            .find(|d| d.id == v.document)
            .expect("document");
        assert_same!(v.text, slice(&doc.text, v.start, v.end), "value span");
    }
}

#[test]
fn documents_that_share_a_value_do_not_disagree() {
    // One says 12 and later 15 (a rising toll); the other says 15.
    let a = "Fire at Velmora warehouse\n\nMay 2, 2025\n\nA fire at a warehouse in Velmora killed 12 people on Friday. By evening the fire service said the blaze had killed 15 people.\n";
    let b = "Deadly warehouse fire in Velmora\n\nMay 2, 2025\n\nA warehouse fire in Velmora on Friday killed 15 people, the fire service said.\n";
    let report = analyze(&[("a.txt", a), ("b.txt", b)]);
    assert!(
        report.discrepancies.iter().all(|d| d.kind != "casualties"),
        "{:?}",
        report.discrepancies
    );
}

#[test]
fn scaled_amounts_compare_as_numbers() {
    // "4.1 billion" is 4,100,000,000, not the double 4099999999.9999995
    let story = |amount: &str| {
        format!("Velmora budget vote\n\nMay 2, 2025\n\nThe Velmora council approved a budget of {amount} on Friday, the council said. Members voted after a long debate.\n")
    };
    let (a, b, c) = (
        story("$4.1 billion"),
        story("$4,100,000,000"),
        story("$8.2 billion"),
    );
    let same = analyze(&[("a.txt", &a), ("b.txt", &b)]);
    assert_same!(1, same.stories.len(), "one story");
    assert!(
        same.discrepancies.iter().all(|d| d.kind != "amount"),
        "{:?}",
        same.discrepancies
    );
    let differ = analyze(&[("a.txt", &a), ("c.txt", &c)]);
    let amounts: Vec<Vec<&str>> = differ
        .discrepancies
        .iter()
        .filter(|d| d.kind == "amount")
        .map(|d| d.values.iter().map(|v| v.value.as_str()).collect())
        .collect();
    assert_same!(vec![vec!["4100000000", "8200000000"]], amounts, "values");
}

#[test]
fn names_in_one_sentence_are_linked_by_weight() {
    let text = "Ana Kovač met Daniel Okafor in Riverside on Monday. Later Ana Kovač and Daniel Okafor spoke to reporters. Ingrid Lindqvist stayed in Tallmere.";
    let report = analyze(&[("a.txt", text)]);
    let id = |name: &str| {
        report
            .entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.id.clone())
            .expect(name)
    };
    let (kovac, okafor, lindqvist) = (id("Ana Kovač"), id("Daniel Okafor"), id("Ingrid Lindqvist"));
    let pair = report
        .cooccurrences
        .iter()
        .find(|c| (c.a == kovac && c.b == okafor) || (c.a == okafor && c.b == kovac))
        .expect("Kovač and Okafor are linked");
    assert_same!(
        (2, vec!["d1".to_string()]),
        (pair.weight, pair.documents.clone()),
        "two sentences, one document"
    );
    assert!(
        report
            .cooccurrences
            .iter()
            .all(|c| c.a != lindqvist && c.b != lindqvist
                || c.a == id("Tallmere")
                || c.b == id("Tallmere")),
        "Lindqvist shares a sentence with Tallmere only: {:?}",
        report.cooccurrences
    );
}
