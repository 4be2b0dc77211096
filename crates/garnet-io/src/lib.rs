//! How garnet's outputs are written: never half-written ([`write_atomic`]), and
//! stamped with what made them ([`stamp`]: garnet's version and the model options).
//!
//! Every file garnet writes (reports, JSON, CSV, plots, Parquet parts and merges) goes
//! through [`write_atomic`] or [`write_atomic_with`]: the bytes go to a temporary file
//! in the destination's folder, are flushed to disk (`fsync`), and the temporary file
//! is renamed over the destination. A failure at any point leaves the destination as
//! it was (absent or the previous version) and removes the temporary file; a reader
//! never sees a partial file. The rename is atomic because both names are in one
//! folder (one file system).
//!
//! Permissions: outputs are for sharing, so the file gets rw-r--r-- filtered by the
//! process umask — what a plain `std::fs::write` would give — rather than the
//! owner-only mode of a temporary file.
//!
//! Hand-written over `tempfile` (which does the temporary file and the rename)
//! because the three writers garnet had differed in fsync and permissions; this is
//! the single place that decides both.

pub mod stamp;

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// An I/O step failed.
    #[error("{step} {path}: {source}")]
    Io {
        /// What was being done ("creating folder", "writing", …).
        step: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The caller's writer failed (its message).
    #[error("writing {path}: {message}")]
    Writer {
        /// The destination.
        path: PathBuf,
        /// What the writer said.
        message: String,
    },
}

fn io<'a>(step: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> WriteError + 'a {
    move |source| WriteError::Io {
        step,
        path: path.to_path_buf(),
        source,
    }
}

/// Write `bytes` to `path` atomically (see the crate doc), creating its folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_with(path, |file, _| file.write_all(bytes))
}

/// Write `path` atomically with a writer of the caller's: `write` gets the open
/// temporary file and its path (for libraries that want a path, such as plotters'
/// backends, which then reopen and fill it); on `Err(e)` nothing is renamed and the
/// error's text is kept in [`WriteError::Writer`] (a caller that needs its own error
/// back keeps it aside, as garnet-plot does).
pub fn write_atomic_with<F, E>(path: &Path, write: F) -> Result<(), WriteError>
where
    F: FnOnce(&mut File, &Path) -> Result<(), E>,
    E: std::fmt::Display,
{
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(io("creating folder", dir))?;
    // The temporary name keeps the destination's extension (`.garnet-XXXXXX.tmp.png`):
    // some writers (plotters' bitmap encoder) choose the format by it.
    let suffix = match path.extension().and_then(|e| e.to_str()) {
        Some(ext) => format!(".tmp.{ext}"),
        None => ".tmp".to_string(),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".garnet-").suffix(&suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(io("creating a temporary file in", dir))?;
    let tmp_path = tmp.path().to_path_buf();
    write(tmp.as_file_mut(), &tmp_path).map_err(|e| WriteError::Writer {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    tmp.as_file_mut().flush().map_err(io("writing", path))?;
    // A writer that reopened the path wrote through its own handle; syncing ours
    // flushes the same inode.
    tmp.as_file().sync_all().map_err(io("flushing", path))?;
    tmp.persist(path).map_err(|e| WriteError::Io {
        step: "renaming the temporary file to",
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn writes_the_bytes_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("out.txt");
        write_atomic(&path, b"hello").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"hello");
        write_atomic(&path, b"again").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"again");
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }

    #[test]
    fn a_failing_writer_keeps_the_previous_file_and_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, b"old").unwrap();
        let err = write_atomic_with(&path, |f, _| {
            f.write_all(b"partial").unwrap();
            Err("backend failed")
        })
        .unwrap_err();
        assert!(err.to_string().contains("backend failed"), "{err}");
        assert!(err.to_string().contains("out.txt"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_writer_may_reopen_the_temporary_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plot.svg");
        write_atomic_with(&path, |_, tmp| std::fs::write(tmp, b"<svg/>")).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"<svg/>");
    }

    #[cfg(unix)]
    #[test]
    fn outputs_are_readable_by_others_as_a_plain_write() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomic(&path, b"hello").unwrap();
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, b"x").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode();
        assert_eq!(mode(&path) & 0o777, mode(&plain) & 0o777);
    }

    #[test]
    fn an_unwritable_folder_names_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"x").unwrap();
        let err = write_atomic(&file.join("out.txt"), b"x").unwrap_err();
        assert!(err.to_string().contains("a-file"), "{err}");
    }
}
