//! Bytes to text: byte-order marks, UTF-8, UTF-16 and legacy encodings.
//!
//! Decoding never fails: the worst case is a warning naming how many bytes
//! had to be replaced. Binary data is recognised first so that it is never
//! decoded into mojibake.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// The decoded text, the encoding's WHATWG label and any warnings.
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Why a file is not text at all. Archives are named as such and never
/// unpacked, so a small compressed file cannot expand into gigabytes.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive (or an Office document); archives are not unpacked: extract the files and drop those"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF87a", "a GIF image"),
        (b"GIF89a", "a GIF image"),
        (b"\x1f\x8b", "a gzip archive; archives are not unpacked: extract the files and drop those"),
        (b"\x7fELF", "an executable"),
        (b"MZ", "an executable"),
        (b"\0asm", "a WebAssembly module"),
        (b"RIFF", "a RIFF media file"),
        (b"OggS", "an Ogg media file"),
        (b"ID3", "an MP3 audio file"),
        (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive; archives are not unpacked: extract the files and drop those"),
        (b"Rar!", "a RAR archive; archives are not unpacked: extract the files and drop those"),
        (b"BZh", "a bzip2 archive; archives are not unpacked: extract the files and drop those"),
        (b"\xfd7zXZ\0", "an xz archive; archives are not unpacked: extract the files and drop those"),
        (b"\xd0\xcf\x11\xe0", "an old Office document"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(what);
        }
    }
    if utf16_bom(bytes).is_some() || utf16_without_bom(bytes).is_some() {
        return None;
    }
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.is_empty() {
        return None;
    }
    // Text in any 8-bit encoding has almost no C0 controls besides tab,
    // line feed, form feed, carriage return and escape. A NUL weighs
    // double: binary formats are full of them, while a text file may carry
    // one or two stray ones (a bad copy, a truncated write) and is still
    // worth reading. (Counted without a branch per byte, so that it
    // vectorizes.)
    let weight: usize = head
        .iter()
        .map(|&b| {
            let allowed = (b == b'\t') | (b == b'\n') | (b == b'\r') | (b == 0x0c) | (b == 0x1b);
            usize::from((b < 0x20) & !allowed) + usize::from(b == 0)
        })
        .sum();
    if weight >= 3 && weight * 100 > head.len() * 2 {
        return Some("binary data");
    }
    None
}

/// Whether bytes that are not valid UTF-8 still look like UTF-8 text with
/// a few broken sequences: at least as many well-formed multi-byte
/// characters as invalid sequences. Legacy 8-bit text almost never forms
/// well-formed multi-byte UTF-8 by chance.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > 0 && invalid <= multibyte
}

/// How many leading bytes the binary test looks at.
const SNIFF_BYTES: usize = 8192;

/// Drops NUL characters from decoded text (stray zero bytes in a text file
/// the binary test let through), with a warning that says how many.
fn drop_nuls(text: &mut String, warnings: &mut Vec<String>) {
    let nuls = text.bytes().filter(|&b| b == 0).count();
    if nuls > 0 {
        text.retain(|c| c != '\0');
        warnings.push(format!(
            "{nuls} NUL byte(s) in the text were removed (the rest of the file is text)"
        ));
    }
}

fn utf16_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    match Encoding::for_bom(bytes) {
        Some((enc, _)) if enc == UTF_16LE || enc == UTF_16BE => Some(enc),
        _ => None,
    }
}

/// UTF-16 without a byte-order mark shows as text whose every other byte
/// is zero (for Latin-script text); the side with the zeros tells the order.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    // Zeros at even and at odd offsets, in one pass.
    let (even_zero, odd_zero) = head.chunks_exact(2).fold((0, 0), |(e, o), p| {
        (e + usize::from(p[0] == 0), o + usize::from(p[1] == 0))
    });
    if odd_zero * 10 >= pairs * 7 && even_zero * 10 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// A `charset` named in the first bytes of an HTML page (`<meta charset>`
/// or `http-equiv`), the way browsers pre-scan for it.
fn html_declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset=") {
        let at = from + pos + b"charset=".len();
        let rest = &head[at..];
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/'))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            // A page saved to disk is no longer UTF-16 if it was decoded once;
            // a declared UTF-16 on ASCII-compatible bytes is a lie browsers ignore.
            if enc != UTF_16LE && enc != UTF_16BE {
                return Some(enc);
            }
        }
        from = at;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// [`decode`] of bytes the caller gives up: valid UTF-8 (the common
/// case) becomes the text in place instead of a copy, which with the
/// bytes still held was a long file's size more at its first step.
pub(crate) fn decode_owned(bytes: Vec<u8>, looks_html: impl FnOnce(&[u8]) -> bool) -> Decoded {
    let bytes = if Encoding::for_bom(&bytes).is_none() && utf16_without_bom(&bytes).is_none() {
        match String::from_utf8(bytes) {
            Ok(text) => return utf8(text),
            Err(e) => e.into_bytes(),
        }
    } else {
        bytes
    };
    decode(&bytes, || looks_html(&bytes))
}

/// Text that was valid UTF-8, less any NUL bytes.
fn utf8(mut text: String) -> Decoded {
    let mut warnings = Vec::new();
    drop_nuls(&mut text, &mut warnings);
    Decoded {
        text,
        encoding: label(UTF_8),
        warnings,
    }
}

/// Decodes `bytes`, choosing the encoding from (in order) a byte-order mark,
/// UTF-16 zero patterns, valid UTF-8, an HTML charset declaration, and
/// chardetng's statistical guess.
pub(crate) fn decode(bytes: &[u8], looks_html: impl FnOnce() -> bool) -> Decoded {
    // Valid UTF-8 without a byte-order mark (the common case) is taken as
    // it is, validated once.
    if Encoding::for_bom(bytes).is_none() && utf16_without_bom(bytes).is_none() {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return utf8(text.to_owned());
        }
    }
    let (encoding, body) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, &bytes[bom_len..])
    } else if let Some(enc) = utf16_without_bom(bytes) {
        (enc, bytes)
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, bytes)
    } else if let Some(enc) = html_declared(bytes).filter(|_| looks_html()) {
        (enc, bytes)
    } else if mostly_utf8(bytes) {
        // Damaged UTF-8 (a truncated copy, a bad join): repaired with
        // U+FFFD and a warning rather than guessed into mojibake.
        (UTF_8, bytes)
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        (detector.guess(None, true), bytes)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let mut warnings = Vec::new();
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        warnings.push(format!(
            "{bad} byte sequence(s) are not valid {}; they were replaced with U+FFFD",
            encoding.name()
        ));
    }
    let mut text = text.into_owned();
    drop_nuls(&mut text, &mut warnings);
    Decoded {
        text,
        encoding: label(encoding),
        warnings,
    }
}

/// The lower-case label the report uses (`utf-8`, `utf-16le`, `windows-1252`).
fn label(encoding: &'static Encoding) -> &'static str {
    match encoding.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "windows-1252" => "windows-1252",
        "ISO-8859-2" => "iso-8859-2",
        "windows-1250" => "windows-1250",
        "windows-1251" => "windows-1251",
        "KOI8-R" => "koi8-r",
        "Shift_JIS" => "shift_jis",
        "EUC-JP" => "euc-jp",
        "EUC-KR" => "euc-kr",
        "gbk" => "gbk",
        "gb18030" => "gb18030",
        "Big5" => "big5",
        other => leak_lower(other),
    }
}

/// encoding_rs names are `&'static str`; lower-casing the rare ones not
/// listed above allocates once per name for the life of the program.
fn leak_lower(name: &'static str) -> &'static str {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<HashMap<&'static str, &'static str>>> = OnceLock::new();
    let map = NAMES.get_or_init(Default::default);
    let mut map = match map.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    map.entry(name)
        .or_insert_with(|| Box::leak(name.to_ascii_lowercase().into_boxed_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_detected_and_decoded() {
        let bytes = b"Caf\xe9 owners in Z\xfcrich said the \x93new\x94 rules cost \x80500 a month.";
        let d = decode(bytes, || false);
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(
            d.text,
            "Caf\u{e9} owners in Z\u{fc}rich said the \u{201c}new\u{201d} rules cost \u{20ac}500 a month."
        );
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Zo\u{eb} \u{c5}ngstr\u{f6}m-Lind visited Nguy\u{1ec5}n.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let mut le_bom = vec![0xff, 0xfe];
        le_bom.extend(&le);
        for (bytes, enc) in [(&le_bom, "utf-16le"), (&le, "utf-16le"), (&be, "utf-16be")] {
            assert_eq!(binary_kind(bytes), None);
            let d = decode(bytes, || false);
            assert_eq!((d.text.as_str(), d.encoding), (text, enc));
        }
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let d = decode(b"\xef\xbb\xbfHello", || false);
        assert_eq!((d.text.as_str(), d.encoding), ("Hello", "utf-8"));
    }

    #[test]
    fn html_charset_declaration_is_honoured() {
        let page =
            b"<html><head><meta charset=\"iso-8859-2\"></head><body>\xa3\xf3d\xbc</body></html>";
        let d = decode(page, || true);
        assert_eq!(d.encoding, "iso-8859-2");
        assert!(d.text.contains("\u{141}\u{f3}d\u{17a}"), "{}", d.text);
    }

    #[test]
    fn a_stray_nul_in_text_is_dropped_with_a_warning() {
        let text = b"Mayor Ingrid Solberg resigned on Friday,\0 the city council said.\n";
        assert_eq!(binary_kind(text), None);
        let d = decode(text, || false);
        assert_eq!(
            d.text,
            "Mayor Ingrid Solberg resigned on Friday, the city council said.\n"
        );
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(
            d.warnings,
            ["1 NUL byte(s) in the text were removed (the rest of the file is text)"]
        );
        // Past the sniffed head, NULs are dropped whatever their number.
        let mut long = b"Velmora council met on Monday. ".repeat(400);
        long.extend([0u8; 50]);
        long.extend(b" The vote was close.");
        assert!(long.len() > SNIFF_BYTES + 50);
        assert_eq!(binary_kind(&long), None);
        let d = decode(&long, || false);
        assert!(!d.text.contains('\0'));
        assert!(
            d.text.ends_with("Monday.  The vote was close."),
            "{}",
            &d.text[d.text.len() - 40..]
        );
        assert_eq!(d.warnings.len(), 1);
        assert!(
            d.warnings[0].starts_with("50 NUL byte(s)"),
            "{:?}",
            d.warnings
        );
        // In a legacy encoding too.
        let d = decode(
            b"Caf\xe9 \0owners in Z\xfcrich said the rules cost a lot.",
            || false,
        );
        assert_eq!(
            d.text,
            "Caf\u{e9} owners in Z\u{fc}rich said the rules cost a lot."
        );
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
    }

    #[test]
    fn file_headers_are_named_and_archives_never_unpacked() {
        let cases: [(&[u8], &str); 5] = [
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "a PNG image"),
            (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
            (b"PK\x03\x04\x14\0\0\0\x08\0", "a ZIP archive"),
            (b"\x1f\x8b\x08\0\0\0\0\0\0\x03", "a gzip archive"),
            (b"\xff\xd8\xff\xe0\0\x10JFIF", "a JPEG image"),
        ];
        for (bytes, what) in cases {
            let kind = binary_kind(bytes).unwrap_or_else(|| panic!("{what} taken as text"));
            assert!(kind.starts_with(what), "{kind}");
            assert_eq!(
                kind.contains("not unpacked"),
                what.contains("archive"),
                "{kind}"
            );
        }
        // Unknown binary: NULs and controls well above a text's share.
        let mut noise = Vec::new();
        for i in 0..4096u32 {
            noise.extend(i.to_le_bytes());
        }
        assert_eq!(binary_kind(&noise), Some("binary data"));
        // Two NULs in a few bytes of text are too many to call it text.
        assert_eq!(binary_kind(b"ab\0cd\0ef"), Some("binary data"));
    }

    #[test]
    fn utf16_without_bom_is_text_not_binary() {
        // Half its bytes are NUL, yet it is text: found before the NUL test.
        let text = "Negotiators for the Allied Dockers Union met the Port Authority on Monday.\n";
        for (bytes, enc) in [
            (
                text.encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>(),
                "utf-16le",
            ),
            (
                text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
                "utf-16be",
            ),
        ] {
            assert_eq!(binary_kind(&bytes), None);
            let d = decode(&bytes, || false);
            assert_eq!((d.text.as_str(), d.encoding), (text, enc));
            assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        }
    }

    #[test]
    fn damaged_utf8_is_repaired_not_guessed() {
        // Four well-formed non-ASCII characters, three broken sequences.
        let bytes =
            b"Zo\xc3\xab \xc3\x85ngstr\xc3\xb6m met officials in Gda\xc5\x84sk \xc5\xff on Monday \xe2\x80.";
        let d = decode(bytes, || false);
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(
            d.text,
            "Zo\u{eb} \u{c5}ngstr\u{f6}m met officials in Gda\u{144}sk \u{fffd}\u{fffd} on Monday \u{fffd}."
        );
        assert_eq!(
            d.warnings,
            ["3 byte sequence(s) are not valid UTF-8; they were replaced with U+FFFD"]
        );
        // Legacy text with no well-formed multi-byte UTF-8 is still guessed.
        assert_eq!(
            decode(b"Caf\xe9 in Z\xfcrich", || false).encoding,
            "windows-1252"
        );
    }

    #[test]
    fn binary_is_recognised() {
        assert_eq!(binary_kind(b"\x89PNG\r\n\x1a\n\0\0\0"), Some("a PNG image"));
        assert_eq!(
            binary_kind(&[1, 2, 3, 0, 0, 7, 8, 200, 0]),
            Some("binary data")
        );
        assert_eq!(binary_kind(b"plain words\n"), None);
    }
}
