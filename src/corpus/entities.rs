//! Entity resolution: mentions that name the same thing share an entity,
//! within a document (surnames, defined acronyms) and across documents
//! (the same name, known aliases, spelling without diacritics).

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::annotate::{Annotations, Gazetteer, Label};
use crate::ingest::Document;

/// One real-world thing named in the batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// The fullest canonical name.
    pub name: String,
    /// The type most of its mentions have.
    pub label: Label,
    /// Every written form, in order of first appearance, the name included.
    pub aliases: Vec<String>,
    /// How many documents mention it.
    pub documents: usize,
    /// How many mentions it has.
    pub mentions: usize,
}

/// A matching key: case, diacritics and spacing folded away.
pub(crate) fn fold_key(name: &str) -> String {
    if name.is_ascii() {
        return fold_ascii(name);
    }
    fold_unicode(name)
}

/// `fold_key` of any name: decomposed, marks dropped, lowered.
fn fold_unicode(name: &str) -> String {
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2019}' => '\'',
            // "Kim Jong-un" and "Kim Jong Un" are one name
            '-' | '\u{2010}' | '\u{2011}' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `fold_key` of an ASCII name in one pass and one allocation: ASCII has
/// no decomposition nor combining mark, and lowers byte for byte.
fn fold_ascii(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let mut space = false;
    for b in name.bytes() {
        let c = match b {
            b'-' => ' ',
            b => char::from(b.to_ascii_lowercase()),
        };
        // whitespace runs become one space, none at either end
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !key.is_empty() {
            key.push(' ');
        }
        space = false;
        key.push(c);
    }
    key
}

/// The acronym a name would have ("Korean Central News Agency" -> "KCNA").
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Word key -> the multi-word names of `label` in `doc` holding it, as
/// (node, start), in order: a short form looks up its own key instead of
/// testing every full name (a long document has thousands of each). Each
/// word is folded once here, not for every short form compared with it;
/// the words are not kept name by name (a `Vec` of keys per mention was
/// 30 MB of a 17.5 MB text's corpus step).
fn by_part(
    doc: &Document,
    ann: &Annotations,
    nodes: &[usize],
    label: Label,
) -> HashMap<String, Vec<(usize, usize)>> {
    let mut map: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (m, &n) in ann.mentions.iter().zip(nodes) {
        let written = m.span.slice(&doc.text);
        if m.label != label || written.split_whitespace().nth(1).is_none() {
            continue;
        }
        let at = m.span.start();
        for part in written.split_whitespace() {
            // once per name, however often it holds the word
            let list = map.entry(fold_key(part)).or_default();
            if list.last() != Some(&(n, at)) {
                list.push((n, at));
            }
        }
    }
    map
}

/// Union-find over mention keys.
struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // the older key stays the root, so ids follow first appearance
            let (keep, join) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[join] = keep;
        }
    }
}

/// Groups every mention of every document into entities.
pub(super) fn resolve(
    documents: &[Document],
    annotations: &[Annotations],
) -> (Vec<Entity>, Vec<Vec<usize>>) {
    let gaz = Gazetteer::embedded();
    // One node per distinct (key, label-family) in order of first appearance.
    let mut keys: Vec<String> = Vec::new();
    let mut labels: Vec<Label> = Vec::new();
    // Multi-word names are keyed without their label: "Kim Jong Un" tagged
    // PER here and ORG there is one person and a tagger's slip; one-word
    // names keep the label apart ("Washington" the place and the person).
    let mut index: HashMap<(String, Option<Label>), usize> = HashMap::new();
    // Whether any mention of a node was tagged PER.
    let mut person: Vec<bool> = Vec::new();
    let mut node_of: Vec<Vec<usize>> = Vec::with_capacity(documents.len());
    for (doc, ann) in documents.iter().zip(annotations) {
        let mut nodes = Vec::with_capacity(ann.mentions.len());
        for m in &ann.mentions {
            let written = m.span.slice(&doc.text);
            let canonical = gaz
                .get(written)
                .filter(|k| k.label == m.label)
                .map_or(written, |k| k.canonical.as_str());
            let mut key = fold_key(canonical);
            let next = keys.len();
            // A one-word person name ("Kim") may mean different people in
            // different places, so each such mention starts as its own node.
            let short_person = m.label == Label::Per && !key.contains(' ');
            let node = if short_person {
                next
            } else {
                let label = (!key.contains(' ')).then_some(m.label);
                // look up before cloning: most mentions repeat a known key
                let entry = (key, label);
                let node = *index.get(&entry).unwrap_or(&next);
                key = entry.0;
                if node == next {
                    index.insert((key.clone(), label), next);
                }
                node
            };
            if node == next {
                keys.push(key);
                labels.push(m.label);
                person.push(false);
            }
            person[node] |= m.label == Label::Per;
            nodes.push(node);
        }
        node_of.push(nodes);
    }
    let mut groups = Groups {
        parent: (0..keys.len()).collect(),
    };
    // One-word person names no full name of their document claims.
    let mut unresolved: Vec<usize> = Vec::new();
    // Within each document: short forms join the full name they belong to.
    for (d, (doc, ann)) in documents.iter().zip(annotations).enumerate() {
        let nodes = &node_of[d];
        // Multi-word names a one-word person name may be short for: those
        // tagged PER, and those tagged ORG as a fallback (the tagger
        // sometimes types a full personal name as an organization).
        let short_forms = ann
            .mentions
            .iter()
            .any(|m| m.label == Label::Per && !m.span.slice(&doc.text).contains(' '));
        let (people_by_part, orgs_by_part) = if short_forms {
            (
                by_part(doc, ann, nodes, Label::Per),
                by_part(doc, ann, nodes, Label::Org),
            )
        } else {
            (HashMap::new(), HashMap::new())
        };
        for (i, m) in ann.mentions.iter().enumerate() {
            let written = m.span.slice(&doc.text);
            if m.label == Label::Per && !written.contains(' ') {
                // "Xi" joins "Xi Jinping". When the document names several
                // people that fit ("Kim Jong Un", "Kim Il-sung"), the one
                // named most recently before wins; none before, none joined.
                let key = fold_key(written);
                // a word's list is never empty: the people's, else the organizations'
                let fitting: &[(usize, usize)] = people_by_part
                    .get(key.as_str())
                    .or_else(|| orgs_by_part.get(key.as_str()))
                    .map_or(&[], Vec::as_slice);
                let mut owners: Vec<usize> = fitting.iter().map(|f| f.0).collect();
                owners.sort_unstable();
                owners.dedup();
                let owner = if owners.len() == 1 {
                    Some(owners[0])
                } else {
                    fitting
                        .iter()
                        .filter(|f| f.1 < m.span.start())
                        .max_by_key(|f| f.1)
                        .map(|f| f.0)
                };
                match owner {
                    Some(owner) => groups.union(owner, nodes[i]),
                    None => unresolved.push(nodes[i]),
                }
            }
            // "Korean Central News Agency (KCNA)": an acronym defined in brackets.
            if matches!(m.label, Label::Org | Label::Loc | Label::Misc) && written.contains(' ') {
                let after = doc.text[m.span.end()..].trim_start();
                if let Some(rest) = after.strip_prefix('(') {
                    let acronym: String =
                        rest.chars().take_while(|c| c.is_alphanumeric()).collect();
                    if acronym.len() >= 2 && acronym == initials(written) {
                        if let Some(j) = ann
                            .mentions
                            .iter()
                            .position(|o| o.span.slice(&doc.text) == acronym)
                        {
                            groups.union(nodes[i], nodes[j]);
                        }
                    }
                }
            }
        }
    }
    // Across the batch: unresolved short forms of one name join each other,
    // and the one full name of the batch that contains them, if only one does.
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for &n in &unresolved {
        by_key.entry(keys[n].as_str()).or_default().push(n);
    }
    // each word of a full person name -> the nodes of those names
    let mut full_names_with: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, key) in keys.iter().enumerate() {
        if person[n] && key.contains(' ') {
            for part in key.split(' ') {
                full_names_with.entry(part).or_default().push(n);
            }
        }
    }
    let mut short_keys: Vec<&str> = by_key.keys().copied().collect();
    short_keys.sort_unstable();
    for key in short_keys {
        let members = &by_key[key];
        for pair in members.windows(2) {
            groups.union(pair[0], pair[1]);
        }
        let mut owners: Vec<usize> = full_names_with
            .get(key)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&n| groups.find(n))
            .collect();
        owners.sort_unstable();
        owners.dedup();
        if let ([owner], Some(&first)) = (owners.as_slice(), members.first()) {
            groups.union(*owner, first);
        }
    }
    // Collect entities in order of their root's first appearance.
    let mut entity_of_root: HashMap<usize, usize> = HashMap::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut label_votes: Vec<HashMap<Label, usize>> = Vec::new();
    let mut docs_seen: Vec<Option<usize>> = Vec::new();
    let mut mention_entity = Vec::with_capacity(documents.len());
    for (d, (doc, ann)) in documents.iter().zip(annotations).enumerate() {
        let mut ids = Vec::with_capacity(ann.mentions.len());
        for (m, &node) in ann.mentions.iter().zip(&node_of[d]) {
            let root = groups.find(node);
            let e = *entity_of_root.entry(root).or_insert_with(|| {
                entities.push(Entity {
                    name: String::new(),
                    label: labels[root],
                    aliases: Vec::new(),
                    documents: 0,
                    mentions: 0,
                });
                label_votes.push(HashMap::new());
                docs_seen.push(None);
                entities.len() - 1
            });
            let written = m
                .span
                .slice(&doc.text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let entity = &mut entities[e];
            if !entity.aliases.contains(&written) {
                entity.aliases.push(written);
            }
            entity.mentions += 1;
            if docs_seen[e] != Some(d) {
                docs_seen[e] = Some(d);
                entity.documents += 1;
            }
            *label_votes[e].entry(m.label).or_default() += 1;
            ids.push(e);
        }
        mention_entity.push(ids);
    }
    for (entity, votes) in entities.iter_mut().zip(&label_votes) {
        if let Some((&label, _)) = votes
            .iter()
            .max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l)))
        {
            entity.label = label;
        }
        entity.name = canonical_name(gaz, entity);
    }
    (entities, mention_entity)
}

/// The gazetteer's canonical name when it knows an alias, else the
/// longest alias (ties: written in mixed case, then keeping its diacritics).
fn canonical_name(gaz: &Gazetteer, entity: &Entity) -> String {
    if let Some(known) = entity
        .aliases
        .iter()
        .filter_map(|a| gaz.get(a))
        .find(|k| k.label == entity.label && k.country.is_none() || k.label == Label::Org)
    {
        return known.canonical.clone();
    }
    entity
        .aliases
        .iter()
        .max_by_key(|a| {
            let accented = a.chars().filter(|c| !c.is_ascii()).count();
            let mixed_case = a.chars().any(char::is_lowercase);
            (
                a.chars().count(),
                mixed_case,
                accented,
                std::cmp::Reverse(a.as_str()),
            )
        })
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::Mention;
    use crate::ingest::ingest_str;
    use crate::span::Span;

    /// A document whose mentions are given by hand as (name, label).
    fn doc(text: &str, names: &[(&str, Label)]) -> (Document, Annotations) {
        let d = ingest_str("t.txt", text, None);
        let mut mentions = Vec::new();
        let mut from = 0;
        for (name, label) in names {
            let at = from + d.text[from..].find(name).expect("name in text");
            mentions.push(Mention {
                span: Span::new(at, at + name.len()),
                label: *label,
            });
            from = at + name.len();
        }
        let ann = Annotations {
            mentions,
            ..Annotations::default()
        };
        (d, ann)
    }

    fn names_of(docs: &[(Document, Annotations)]) -> Vec<(String, Vec<String>, usize)> {
        let (d, a): (Vec<Document>, Vec<Annotations>) = docs.iter().cloned().unzip();
        let (entities, _) = resolve(&d, &a);
        entities
            .into_iter()
            .map(|e| (e.name, e.aliases, e.documents))
            .collect()
    }

    #[test]
    fn ascii_keys_fold_as_the_unicode_path_does() {
        let mut names: Vec<String> = [
            "",
            " ",
            "Kim Jong-un",
            "  Kim \t Jong\n--Un  ",
            "-Kim-",
            "A\u{b}B\u{c}C\rD\u{1c}E\u{1f}F",
            "O'Neil",
            "U.S. STATE Dept.",
            "\u{0}x\u{7f}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        names.extend((0u8..128).map(|b| format!("a{}b", char::from(b))));
        for n in &names {
            assert_eq!(fold_key(n), fold_unicode(n), "{n:?}");
        }
        assert_eq!(
            fold_key("Zo\u{eb} \u{c5}ngstr\u{f6}m-Lind"),
            "zoe angstrom lind"
        );
    }

    #[test]
    fn aliases_merge_within_and_across_documents() {
        use Label::*;
        let docs = [
            doc(
                "Xi Jinping wrote to Kim Jong Un. Xi praised the DPRK, said the Korean Central News Agency (KCNA). KCNA added more.",
                &[("Xi Jinping", Per), ("Kim Jong Un", Per), ("Xi", Per), ("DPRK", Loc), ("Korean Central News Agency", Org), ("KCNA", Org), ("KCNA", Org)],
            ),
            doc(
                "North Korea and Zoe Angstrom-Lind. Zo\u{eb} \u{c5}ngstr\u{f6}m-Lind spoke.",
                &[("North Korea", Loc), ("Zoe Angstrom-Lind", Per), ("Zo\u{eb} \u{c5}ngstr\u{f6}m-Lind", Per)],
            ),
        ];
        let got = names_of(&docs);
        let want = vec![
            (
                "Xi Jinping".to_string(),
                vec!["Xi Jinping".to_string(), "Xi".to_string()],
                1,
            ),
            (
                "Kim Jong Un".to_string(),
                vec!["Kim Jong Un".to_string()],
                1,
            ),
            (
                "North Korea".to_string(),
                vec!["DPRK".to_string(), "North Korea".to_string()],
                2,
            ),
            (
                "Korean Central News Agency".to_string(),
                vec!["Korean Central News Agency".to_string(), "KCNA".to_string()],
                1,
            ),
            (
                "Zo\u{eb} \u{c5}ngstr\u{f6}m-Lind".to_string(),
                vec![
                    "Zoe Angstrom-Lind".to_string(),
                    "Zo\u{eb} \u{c5}ngstr\u{f6}m-Lind".to_string(),
                ],
                1,
            ),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_full_name_tagged_two_ways_is_one_entity() {
        use Label::*;
        let docs = [
            doc(
                "Kim Jong Un spoke. Kim Jong Un left.",
                &[("Kim Jong Un", Per), ("Kim Jong Un", Org)],
            ),
            doc(
                "Washington met Washington.",
                &[("Washington", Per), ("Washington", Loc)],
            ),
        ];
        let (d, a): (Vec<Document>, Vec<Annotations>) = docs.iter().cloned().unzip();
        let (entities, _) = resolve(&d, &a);
        let got: Vec<(&str, Label, usize)> = entities
            .iter()
            .map(|e| (e.name.as_str(), e.label, e.mentions))
            .collect();
        assert_eq!(
            got,
            [
                ("Kim Jong Un", Per, 2),
                ("Washington", Per, 1),
                ("Washington", Loc, 1)
            ]
        );
    }

    #[test]
    fn a_short_name_falls_back_to_a_full_name_typed_org() {
        use Label::*;
        let docs = [doc(
            "Kim Jong Un wrote. Kim affirmed it.",
            &[("Kim Jong Un", Org), ("Kim", Per)],
        )];
        let got = names_of(&docs);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, ["Kim Jong Un", "Kim"]);
    }

    #[test]
    fn an_ambiguous_short_form_takes_the_latest_full_name() {
        use Label::*;
        let docs = [doc(
            "Kim spoke first. Kim Jong Un met Kim Yo Jong. Kim spoke. Kim Jong-un left.",
            &[
                ("Kim", Per),
                ("Kim Jong Un", Per),
                ("Kim Yo Jong", Per),
                ("Kim", Per),
                ("Kim Jong-un", Per),
            ],
        )];
        let got: Vec<(String, Vec<String>)> = names_of(&docs)
            .into_iter()
            .map(|(n, a, _)| (n, a))
            .collect();
        let want = vec![
            ("Kim".to_string(), vec!["Kim".to_string()]),
            (
                "Kim Jong Un".to_string(),
                vec!["Kim Jong Un".to_string(), "Kim Jong-un".to_string()],
            ),
            (
                "Kim Yo Jong".to_string(),
                vec!["Kim Yo Jong".to_string(), "Kim".to_string()],
            ),
        ];
        assert_eq!(got, want);
    }
}
