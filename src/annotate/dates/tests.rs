//! Each rule family on invented news sentences.

use super::*;
use crate::calendar;

/// A Friday.
const DCT: &str = "2013-03-22";

fn values<'t>(text: &'t str, published: Option<&str>) -> Vec<(&'t str, Option<String>)> {
    let published = published.and_then(calendar::parse_iso_prefix);
    find_dates(text, published)
        .into_iter()
        .map(|d| (d.span.slice(text), d.value.map(String::from)))
        .collect()
}

fn check(text: &str, want: &[(&str, &str)]) {
    let got = values(text, Some(DCT));
    let want: Vec<(&str, Option<String>)> = want
        .iter()
        .map(|(s, v)| (*s, (!v.is_empty()).then(|| v.to_string())))
        .collect();
    assert_eq!(got, want, "in {text:?}");
}

#[test]
fn absolute_dates() {
    check(
        "The deal was signed on March 22, 2013, and revised in May 2010.",
        &[("March 22, 2013", "2013-03-22"), ("May 2010", "2010-05")],
    );
    check("Polls opened on 3/5/2012.", &[("3/5/2012", "2012-03-05")]);
    check(
        "The plant opened in 1957 and closed in 2003.",
        &[("1957", "1957"), ("2003", "2003")],
    );
    check(
        "The 2009-2010 pandemic.",
        &[("2009", "2009"), ("2010", "2010")],
    );
    check("It cost $2013 and 1500 people came.", &[]);
    check(
        "Founded in 480 BC, the city fell in AD 9.",
        &[("480 BC", "BC0480"), ("AD 9", "0009")],
    );
    check(
        "Results for fiscal 2012 were weak.",
        &[("fiscal 2012", "2012")],
    );
}

#[test]
fn dates_without_a_year() {
    check("Talks began on Feb. 28.", &[("Feb. 28", "2013-02-28")]);
    check("The vote is on April 7.", &[("April 7", "2013-04-07")]);
    check("Fighting flared in October.", &[("October", "2012-10")]);
    check("The summit will be held in June.", &[("June", "2013-06")]);
    check(
        "The troops arrived in early August.",
        &[("early August", "2012-08")],
    );
    check("It rained through mid-March.", &[("mid-March", "2013-03")]);
    check("May I add, he may come.", &[]);
}

#[test]
fn weekdays() {
    check(
        "The minister resigned Wednesday.",
        &[("Wednesday", "2013-03-20")],
    );
    check(
        "Officials said Friday that talks failed.",
        &[("Friday", "2013-03-22")],
    );
    check(
        "The court will rule on Monday.",
        &[("Monday", "2013-03-25")],
    );
    check(
        "Shots were heard Thursday night.",
        &[("Thursday night", "2013-03-21TNI")],
    );
    check("He spoke last Friday.", &[("last Friday", "2013-03-15")]);
    check("Markets open on Mondays.", &[("Mondays", "XXXX-WXX-1")]);
}

#[test]
fn relative_expressions() {
    check(
        "Prices rose last month and this week, and may fall next year.",
        &[
            ("last month", "2013-02"),
            ("this week", "2013-W12"),
            ("next year", "2014"),
        ],
    );
    check(
        "Cases were reported in the last week.",
        &[("the last week", "2013-W11")],
    );
    check("She left two years ago.", &[("two years ago", "2011")]);
    check(
        "He moved here six weeks ago.",
        &[("six weeks ago", "2013-W06")],
    );
    check(
        "They married three days ago.",
        &[("three days ago", "2013-03-19")],
    );
    check("Years ago, few cared.", &[]);
    check(
        "The rule took effect early this year.",
        &[("early this year", "2013")],
    );
    check(
        "Profits fell late last July.",
        &[("late last July", "2012-07")],
    );
    check(
        "It ends at the end of the year.",
        &[("the end of the year", "2013")],
    );
    check("Sales grew last summer.", &[("last summer", "2012-SU")]);
    check(
        "The law passes this fiscal year.",
        &[("this fiscal year", "2013")],
    );
    check(
        "Expect more of it later this month.",
        &[("later this month", "2013-03")],
    );
}

#[test]
fn today_and_references() {
    check("The court sits today.", &[("today", "2013-03-22")]);
    check(
        "He flew home yesterday morning.",
        &[("yesterday morning", "2013-03-21TMO")],
    );
    check("Crowds gathered tonight.", &[("tonight", "2013-03-22TNI")]);
    check("He is now retired.", &[("now", "PRESENT_REF")]);
    check(
        "As in the past, the future is open.",
        &[("the past", "PAST_REF"), ("the future", "FUTURE_REF")],
    );
    check(
        "In the past decade, prices doubled.",
        &[("the past decade", "P10Y")],
    );
}

#[test]
fn durations() {
    check("The season started a month early.", &[("a month", "P1M")]);
    check("It was the worst in a decade.", &[("a decade", "P10Y")]);
    check(
        "He served three years and nine days.",
        &[("three years", "P3Y"), ("nine days", "P9D")],
    );
    check(
        "A four-week course and an 18-month plan.",
        &[("four-week", "P4W"), ("18-month", "P18M")],
    );
    check("Several days passed.", &[("Several days", "PXD")]);
    check(
        "Over the past two years, in recent weeks, for the next few months.",
        &[
            ("the past two years", "P2Y"),
            ("recent weeks", "PXW"),
            ("the next few months", "PXM"),
        ],
    );
    check(
        "A 12-year-old boy waited 24 hours.",
        &[("24 hours", "PT24H")],
    );
    check("Twenty-five years later.", &[("Twenty-five years", "P25Y")]);
    check("He came a second time.", &[]);
}

#[test]
fn decades_centuries_seasons_quarters() {
    check(
        "In the 1990s and the '60s.",
        &[("the 1990s", "199"), ("the '60s", "196")],
    );
    check(
        "A 20th century idea from the fifth century BC.",
        &[("20th century", "19"), ("the fifth century BC", "BC04")],
    );
    check(
        "In the summer of 2012 and in the spring, sales rose.",
        &[("the summer of 2012", "2012-SU"), ("the spring", "2013-SP")],
    );
    check("The Arab Spring began.", &[]);
    check(
        "Profit rose in the fourth quarter.",
        &[("the fourth quarter", "2012-Q4")],
    );
    check(
        "Profit rose in the first quarter of 2012.",
        &[("the first quarter of 2012", "2012-Q1")],
    );
    check("Q3 2011 was weak.", &[("Q3 2011", "2011-Q3")]);
}

#[test]
fn clock_times() {
    check("Polls close at 8 p.m.", &[("8 p.m.", "2013-03-22T20:00")]);
    check(
        "The rally will start at 15:00 GMT Saturday.",
        &[("15:00 GMT Saturday", "2013-03-23T15:00")],
    );
    check("Released 12:00 AM.", &[("12:00 AM", "2013-03-22T00:00")]);
    check("It ended at noon.", &[("noon", "2013-03-22T12:00")]);
    check("The score was 3:1.", &[]);
}

#[test]
fn sets() {
    check(
        "The weekly paper and daily news.",
        &[("weekly", "P1W"), ("daily", "P1D")],
    );
    check(
        "Vaccinate every year, twice a week, every morning.",
        &[
            ("every year", "P1Y"),
            ("twice a week", "P1W"),
            ("every morning", "XXXX-XX-XXTMO"),
        ],
    );
}

#[test]
fn unknown_without_a_document_date() {
    assert_eq!(values("on Sunday", None), vec![("Sunday", None)]);
    assert_eq!(values("last month", None), vec![("last month", None)]);
    assert_eq!(
        values("on October 6, 2024, for three years", None),
        vec![
            ("October 6, 2024", Some("2024-10-06".into())),
            ("three years", Some("P3Y".into()))
        ]
    );
}

#[test]
fn original_examples() {
    let got = values(
        "On Monday, a day after the Jan.1 greeting, officials met. Last month was quiet; a summit comes next year. The Dec 30 call came first.",
        Some("2024-09-10"),
    );
    let want: Vec<(&str, Option<String>)> = vec![
        ("Monday", Some("2024-09-09".into())),
        ("a day", Some("P1D".into())),
        ("Jan.1", Some("2024-01-01".into())),
        ("Last month", Some("2024-08".into())),
        ("next year", Some("2025".into())),
        ("Dec 30", Some("2023-12-30".into())),
    ];
    assert_eq!(got, want);
}

#[test]
fn no_panics_on_odd_input() {
    let pieces = [
        "Friday",
        " ",
        "\u{1f600}",
        "2013",
        "-",
        "/",
        ":",
        "12",
        "p.m.",
        "the",
        "last",
        "week",
        "\u{e9}t\u{e9}",
        "ago",
        "of",
        "March",
        "'",
        "90s",
        "BC",
        ",",
        ".",
        "mid",
        "every",
        "twenty",
        "first",
        "century",
        "\u{a0}",
        "Q",
        "Q4",
        "\u{2013}",
        "0",
        "99999",
        "fiscal",
        "FY",
        "half",
        "\u{0301}",
        "30pm",
        "AD",
    ];
    let mut rng = crate::testing::XorShift(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..12 {
            let state = rng.next();
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            if state % 3 == 0 {
                text.push(' ');
            }
        }
        // and the same length of arbitrary characters
        let mut noise = String::new();
        for _ in 0..40 {
            let state = rng.next();
            let c = match state % 5 {
                0 => char::from_u32((state >> 8) as u32 % 0x11_0000).unwrap_or('\u{fffd}'),
                1 => ['\u{1f600}', '\u{301}', '\u{2019}', '\u{2013}', '\u{a0}']
                    [(state >> 8) as usize % 5],
                _ => char::from(b' ' + (state >> 8) as u8 % 95),
            };
            noise.push(c);
        }
        text.push_str(&noise);
        for published in [
            None,
            Some("2013-03-22"),
            Some("0001-01-01"),
            Some("9999-12-31"),
        ] {
            for d in values(&text, published) {
                assert!(!d.0.is_empty());
            }
        }
    }
}

#[test]
fn told_from_the_date_last_named() {
    check(
        "The treaty was signed on March 5, 2012. The next day, rebels attacked; that night, the capital fell.",
        &[
            ("March 5, 2012", "2012-03-05"),
            ("The next day", "2012-03-06"),
            ("that night", "2012-03-06TNI"),
        ],
    );
    check(
        "Talks failed in May 2010 and resumed the following year.",
        &[("May 2010", "2010-05"), ("the following year", "2011")],
    );
    check(
        "Prices fell in 2008 and peaked by the end of the year.",
        &[("2008", "2008"), ("the end of the year", "2008")],
    );
    check(
        "It happened on the night of April 18, 1775.",
        &[("the night of April 18, 1775", "1775-04-18TNI")],
    );
}

#[test]
fn histories_anchor_on_their_own_years() {
    // most years named lie far from the document date: a narrative
    let text = "The war began in 1939. Poland fell in 1939 and France in 1940. \
                On June 10, Italy invaded. In the summer, bombing began. In 1941 \
                the front moved east; in July the siege began.";
    let got = values(text, Some("2009-12-19"));
    let want: Vec<(&str, Option<String>)> = [
        ("1939", "1939"),
        ("1939", "1939"),
        ("1940", "1940"),
        ("June 10", "1940-06-10"),
        ("the summer", "1940-SU"),
        ("1941", "1941"),
        ("July", "1941-07"),
    ]
    .iter()
    .map(|(s, v)| (*s, Some(v.to_string())))
    .collect();
    assert_eq!(got, want);
    // without a document date the text's own years still place what they can
    assert_eq!(
        values("It began in 1939. On June 10, Italy invaded.", None)[1],
        ("June 10", Some("1939-06-10".into()))
    );
}

#[test]
fn ranges() {
    check(
        "Fighting raged on 12-14 July 1950 and March 5-9, 1918.",
        &[
            ("12", "1950-07-12"),
            ("14 July 1950", "1950-07-14"),
            ("March 5", "1918-03-05"),
            ("9, 1918", "1918-03-09"),
        ],
    );
    check(
        "Growth slowed in 2006-07 after the 499-493 BC revolt.",
        &[
            ("2006", "2006"),
            ("07", "2007"),
            ("499", "BC0499"),
            ("493 BC", "BC0493"),
        ],
    );
}

#[test]
fn timings_and_ages_are_not_clock_times() {
    check("He finished in 3:07:35.", &[("3:07:35", "PT3H7M35S")]);
    check("A 22-year-old and children 6 months and older.", &[]);
    check(
        "He ran a sub-five-minute mile for years.",
        &[("years", "PXY")],
    );
    check("They met days before the vote.", &[("days", "PXD")]);
}

#[test]
fn news_odds_and_ends() {
    check(
        "The company said first-quarter profit rose; the 2012 results were weak.",
        &[("first-quarter", "2013-Q1"), ("2012", "2012")],
    );
    check(
        "Over the weekend, and this past weekend, talks stalled.",
        &[
            ("the weekend", "2013-W11-WE"),
            ("this past weekend", "2013-W11-WE"),
        ],
    );
    check(
        "Polls will open at 9am on Monday and close at 11.30pm.",
        &[
            ("9am on Monday", "2013-03-25T09:00"),
            ("11.30pm", "2013-03-22T23:30"),
        ],
    );
    check(
        "Sales peaked on Christmas Eve and New Year's Day.",
        &[
            ("Christmas Eve", "2012-12-24"),
            ("New Year's Day", "2013-01-01"),
        ],
    );
    check(
        "The CEO will step down at the end of the month.",
        &[("the end of the month", "2013-03")],
    );
    check("Some 2000 troops and 1500 people arrived.", &[]);
}

#[test]
fn before_christ() {
    check(
        "In 480 BC the Persians came; 479 BC and 478 BC too. In September they \
         burned Athens; the next year they lost. It was August 480 BC in the autumn of 481 BC.",
        &[
            ("480 BC", "BC0480"),
            ("479 BC", "BC0479"),
            ("478 BC", "BC0478"),
            ("September", "BC0478-09"),
            ("the next year", "BC0477"),
            ("August 480 BC", "BC0480-08"),
            ("the autumn of 481 BC", "BC0481-FA"),
        ],
    );
    check(
        "Spoken almost seven years ago, more than a decade before, right now.",
        &[
            ("almost seven years ago", "2006"),
            ("more than a decade", "P10Y"),
            ("right now", "PRESENT_REF"),
        ],
    );
}

#[test]
fn tense_decides_the_direction() {
    check(
        "The walkout began on February 23 over plans to automate.",
        &[("February 23", "2013-02-23")],
    );
    check(
        "He said the first ships would be unloaded by Thursday.",
        &[("Thursday", "2013-03-28")],
    );
    check(
        "The results will be announced on Monday.",
        &[("Monday", "2013-03-25")],
    );
    check(
        "The company said Tuesday it would cut jobs.",
        &[("Tuesday", "2013-03-19")],
    );
}

#[test]
fn fractions() {
    check(
        "He served 2.5 years, then six and a half years, a year and a half and half an hour.",
        &[
            ("2.5 years", "P2.5Y"),
            ("six and a half years", "P6.5Y"),
            ("a year and a half", "P1.5Y"),
            ("half an hour", "PT30M"),
        ],
    );
}
