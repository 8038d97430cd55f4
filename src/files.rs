//! The command line's inputs: files under a path, in the order the
//! contract promises (folders walked recursively, sorted).

use std::io;
use std::path::{Path, PathBuf};

/// Appends every file under `path` to `out`; a file path is itself.
pub fn collect_files(path: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            collect_files(&entry, out)?;
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}
