//! Image files played as a camera stream: a folder (in natural name order,
//! so 2.png comes before 10.png) or a list of files. Used to replay frames
//! recorded at a desk and by the tests.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use crate::scan::luma::LumaFrame;
use crate::scan::source::{Frame, FrameSleeper, FrameSource, SourceError};

const EXTENSIONS: &[&str] = &["png", "jpg", "jpeg"];

/// Frames from image files, in order, optionally looped.
pub struct FilesSource {
    paths: Vec<PathBuf>,
    next: usize,
    seq: u64,
    looped: bool,
    pacer: FrameSleeper,
    /// Files that could not be read (skipped, with a warning).
    pub skipped: Vec<PathBuf>,
}

/// Compares names so that digit runs compare as numbers ("2" < "10").
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, _) => return Ordering::Less,
            (_, None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let db = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (na, nb) = (trim_zeros(&a[..da]), trim_zeros(&b[..db]));
                let ord = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb)).then_with(|| da.cmp(&db));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                let ord = x.to_ascii_lowercase().cmp(&y.to_ascii_lowercase()).then(x.cmp(y));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let n = d.iter().take_while(|&&c| c == b'0').count();
    &d[n.min(d.len().saturating_sub(1))..]
}

/// The images of a folder in natural order, or the path itself for a file.
pub fn list_images(path: &Path) -> Result<Vec<PathBuf>, SourceError> {
    let io = |source| SourceError::Io { path: path.to_path_buf(), source };
    if path.metadata().map_err(io)?.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    out.sort_by(|a, b| {
        natural_cmp(
            &a.file_name().unwrap_or_default().to_string_lossy(),
            &b.file_name().unwrap_or_default().to_string_lossy(),
        )
    });
    if out.is_empty() {
        return Err(SourceError::NoImages { path: path.to_path_buf() });
    }
    Ok(out)
}

impl FilesSource {
    /// A folder (or one image) at `fps` frames per second (0 = as fast as read).
    pub fn open(path: &Path, fps: f64, looped: bool) -> Result<Self, SourceError> {
        Ok(Self::from_paths(list_images(path)?, fps, looped))
    }

    pub fn from_paths(paths: Vec<PathBuf>, fps: f64, looped: bool) -> Self {
        FilesSource { paths, next: 0, seq: 0, looped, pacer: FrameSleeper::new(fps), skipped: Vec::new() }
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }
}

impl FrameSource for FilesSource {
    fn next_frame(&mut self) -> Result<Option<Frame>, SourceError> {
        let mut tried = 0;
        loop {
            if self.next >= self.paths.len() {
                if !self.looped || self.paths.is_empty() || tried >= self.paths.len() {
                    return Ok(None);
                }
                self.next = 0;
            }
            let path = &self.paths[self.next];
            self.next += 1;
            tried += 1;
            match image::open(path) {
                Ok(img) => {
                    let luma = LumaFrame::from_dynamic(&img);
                    self.pacer.wait();
                    let seq = self.seq;
                    self.seq += 1;
                    return Ok(Some(Frame::now(luma, seq)));
                }
                Err(e) => {
                    tracing::warn!(path = %path.display(), error = %e, "skipping unreadable image");
                    if !self.skipped.contains(path) {
                        self.skipped.push(path.clone());
                    }
                }
            }
        }
    }

    fn describe(&self) -> String {
        format!("{} image file(s)", self.paths.len())
    }
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use std::cmp::Ordering::*;

    #[test]
    fn natural_order() {
        assert_eq!(natural_cmp("2.png", "10.png"), Less);
        assert_eq!(natural_cmp("frame-010.png", "frame-9.png"), Greater);
        assert_eq!(natural_cmp("a.png", "B.png"), Less);
        assert_eq!(natural_cmp("07.png", "7.png"), Greater);
        assert_eq!(natural_cmp("x", "x"), Equal);
    }
}
