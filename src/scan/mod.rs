//! QR scanning: camera/image frames in, member codes out.
//!
//! `luma` turns any frame into 8-bit luminance, `binarize` makes the
//! black/white images the detector needs, `decode` runs the measured retry
//! strategy around rqrr and rxing (every call panic-isolated), `text` turns
//! payload bytes into text the way mature decoders do. `source` is the one
//! frame-source abstraction over the webcam (`camera`), image files
//! (`files`) and the demo camera (`demo_camera`); `pipeline` runs capture
//! and decoding on their own threads with the re-scan window of `dedup`;
//! `frame_dropper` picks the frames a side stream (the window's preview)
//! shows, while `source::FrameSleeper` makes files and the demo camera sleep
//! to their frame rate. `pass` holds what both decoders (rqrr in `decode`,
//! rxing in `rxing_decoder`) produce; `demo_cards` draws the demo camera's
//! member cards. `open` opens the source a desk or a command asked for.
//! `stillness` tells a frame that shows something new from one that does
//! not, so the pipeline decodes an empty desk less often and `preview` sends
//! the window only frames worth painting, as raw grey bytes.

pub mod binarize;
pub mod camera;
pub mod decode;
pub mod dedup;
pub mod demo_camera;
pub mod demo_cards;
pub mod error;
pub mod files;
pub mod frame_dropper;
pub mod luma;
pub mod open;
pub mod pass;
pub mod pipeline;
pub mod preview;
#[cfg(feature = "rxing")]
pub mod rxing_decoder;
pub mod source;
pub mod stillness;
pub mod strategy;
pub mod text;

pub use decode::{decode_file, Decoder, DecoderStats};
pub use error::DecodeError;
pub use luma::LumaFrame;
pub use pass::Decoded;
pub use pipeline::{Latency, Pipeline, PipelineConfig, PipelineReport, Scan, ScanEvent};
pub use source::{CameraSelector, Frame, FrameSource, SourceError, SourceSpec};
