//! Names known before reading: places, demonyms, organizations and their
//! aliases, compiled into the binary from `data/gazetteer/`.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Label;

/// One known name: its type and the canonical name it is an alias of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    /// The CoNLL type of the name.
    pub label: Label,
    /// The canonical name ("North Korea" for "DPRK").
    pub canonical: String,
    /// For a demonym or a city, the country it belongs to (related, not the same entity).
    pub country: Option<String>,
}

/// Known names, looked up by their exact written form.
pub struct Gazetteer {
    names: HashMap<String, Known>,
    longest: usize,
}

const PLACES: &str = include_str!("../../data/gazetteer/places.tsv");
const DEMONYMS: &str = include_str!("../../data/gazetteer/demonyms.tsv");
const ORGANIZATIONS: &str = include_str!("../../data/gazetteer/organizations.tsv");

fn rows(table: &str) -> impl Iterator<Item = Vec<&str>> {
    table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

impl Gazetteer {
    /// The gazetteer compiled into the binary, built once.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::build)
    }

    fn build() -> Gazetteer {
        let mut names = HashMap::new();
        let mut add = |name: &str, known: Known| {
            if !name.is_empty() {
                names.entry(name.to_string()).or_insert(known);
            }
        };
        for row in rows(PLACES) {
            let (name, kind, country) = (
                row[0],
                row.get(1).copied().unwrap_or(""),
                row.get(2).copied().unwrap_or(""),
            );
            let canonical = if kind == "country" { country } else { name };
            add(
                name,
                Known {
                    label: Label::Loc,
                    canonical: canonical.to_string(),
                    country: (kind != "country" && !country.is_empty())
                        .then(|| country.to_string()),
                },
            );
        }
        for row in rows(DEMONYMS) {
            let country = row.get(1).copied().unwrap_or("");
            add(
                row[0],
                Known {
                    label: Label::Misc,
                    canonical: row[0].to_string(),
                    country: (!country.is_empty()).then(|| country.to_string()),
                },
            );
        }
        for row in rows(ORGANIZATIONS) {
            let canonical = row[0];
            let known = Known {
                label: Label::Org,
                canonical: canonical.to_string(),
                country: None,
            };
            add(canonical, known.clone());
            for alias in row.get(1).copied().unwrap_or("").split('|') {
                add(alias, known.clone());
            }
        }
        let longest = names
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        Gazetteer { names, longest }
    }

    /// What the gazetteer knows about exactly this written name.
    pub fn get(&self, name: &str) -> Option<&Known> {
        self.names.get(name)
    }

    /// The most words any known name has.
    pub fn longest(&self) -> usize {
        self.longest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_share_a_canonical_name() {
        let g = Gazetteer::embedded();
        for alias in [
            "DPRK",
            "N Korea",
            "North Korea",
            "Democratic People's Republic of Korea",
        ] {
            let k = g.get(alias).unwrap_or_else(|| panic!("{alias} missing"));
            assert_eq!(
                (k.label, k.canonical.as_str()),
                (Label::Loc, "North Korea"),
                "{alias}"
            );
        }
        assert_eq!(
            g.get("KCNA").map(|k| k.canonical.as_str()),
            Some("Korean Central News Agency")
        );
        let chinese = g.get("Chinese").expect("demonym");
        assert_eq!(
            (chinese.label, chinese.country.as_deref()),
            (Label::Misc, Some("China"))
        );
        assert_eq!(g.get("Pyongyang").map(|k| k.label), Some(Label::Loc));
    }
}
