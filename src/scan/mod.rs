//! QR scanning: camera/image frames in, member codes out.
//!
//! `luma` turns any frame into 8-bit luminance, `binarize` makes the
//! black/white images the detector needs, `decode` runs the measured retry
//! strategy around rqrr and rxing (every call panic-isolated), `text` turns
//! payload bytes into text the way mature decoders do. `source` is the one
//! frame-source abstraction over the webcam (`camera`), image files
//! (`files`) and the demo camera (`demo_camera`); `pipeline` runs capture
//! and decoding on their own threads with the re-scan window of `dedup`;
//! `pacer` picks the frames a side stream (the window's preview) shows.

pub mod binarize;
pub mod camera;
pub mod decode;
pub mod dedup;
pub mod demo_camera;
pub mod error;
pub mod files;
pub mod luma;
pub mod pacer;
pub mod pipeline;
pub mod render;
#[cfg(feature = "rxing")]
pub mod second;
pub mod source;
pub mod strategy;
pub mod text;

pub use decode::{decode_file, Decoded, Decoder, DecoderStats};
pub use error::DecodeError;
pub use luma::LumaFrame;
pub use pipeline::{Latency, Pipeline, PipelineConfig, PipelineReport, Scan, ScanEvent};
pub use source::{CameraSelector, Frame, FrameSource, SourceError, SourceSpec};
