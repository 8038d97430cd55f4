//! The sample coverage shipped inside the program: short articles the
//! team wrote about one invented event, in the forms users drop.

/// `(file name, bytes)` of every sample file, in order.
pub const SAMPLE: &[(&str, &[u8])] = &[
    (
        "castellan-wire.txt",
        include_bytes!("../sample/castellan-wire.txt"),
    ),
    (
        "harbor-herald.html",
        include_bytes!("../sample/harbor-herald.html"),
    ),
    (
        "rewrite-dailybuzz.txt",
        include_bytes!("../sample/rewrite-dailybuzz.txt"),
    ),
    (
        "feed-capture.txt",
        include_bytes!("../sample/feed-capture.txt"),
    ),
    (
        "velmora-gazette-1252.txt",
        include_bytes!("../sample/velmora-gazette-1252.txt"),
    ),
];
