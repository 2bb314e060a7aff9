//! The retry plan: which image variants to hand rqrr, and in what order.
//!
//! Each `Pass` is one variant (scale, blur, rotation, binariser). The
//! default order comes from `decode-bench --matrix` over the sample photos:
//! passes sorted greedily by new codes found per millisecond.

use crate::scan::luma::LumaFrame;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Full,
    /// Box downscale by this factor.
    Down(u8),
    /// Bilinear 2x upscale.
    Up2,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binarizer {
    /// rqrr's own running-mean row threshold.
    Native,
    /// Local mean over a window of radius min_dim/div, minus offset.
    BlockMean { div: u8, offset: u8 },
    /// Sauvola over a window of radius min_dim/div, k = k100/100.
    Sauvola { div: u8, k100: u8 },
    /// Global Otsu level.
    Otsu,
}

/// Which decoder reads the pass image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Rqrr,
    /// rxing's port of zxing-cpp (`rxing` feature); `bin` Native = HybridBinarizer, Otsu = global histogram.
    RxCpp {
        try_harder: bool,
    },
    /// rxing's port of ZXing Java (`rxing` feature).
    RxJava {
        try_harder: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pass {
    pub engine: Engine,
    pub scale: Scale,
    pub blur: bool,
    pub rotate_deg: i16,
    pub bin: Binarizer,
}

impl Default for Pass {
    fn default() -> Self {
        Pass { engine: Engine::Rqrr, scale: Scale::Full, blur: false, rotate_deg: 0, bin: Binarizer::Native }
    }
}

impl Pass {
    pub const fn new(scale: Scale, blur: bool, rotate_deg: i16, bin: Binarizer) -> Self {
        Pass { engine: Engine::Rqrr, scale, blur, rotate_deg, bin }
    }

    pub const fn with_engine(mut self, engine: Engine) -> Self {
        self.engine = engine;
        self
    }

    /// Whether this pass makes sense for a frame of this size.
    pub fn applies(&self, f: &LumaFrame) -> bool {
        let max = f.width.max(f.height);
        match self.scale {
            Scale::Full => true,
            Scale::Down(k) => max / k as u32 >= 480,
            Scale::Up2 => max <= 400,
        }
    }

    pub fn label(&self) -> String {
        let s = match self.scale {
            Scale::Full => "full".to_string(),
            Scale::Down(k) => format!("down{k}"),
            Scale::Up2 => "up2".to_string(),
        };
        let b = match self.bin {
            Binarizer::Native => "native".to_string(),
            Binarizer::BlockMean { div, offset } => format!("mean/{div}-{offset}"),
            Binarizer::Sauvola { div, k100 } => format!("sauvola/{div}k{k100}"),
            Binarizer::Otsu => "otsu".to_string(),
        };
        let e = match self.engine {
            Engine::Rqrr => "rqrr".to_string(),
            Engine::RxCpp { try_harder } => format!("rxcpp{}", if try_harder { "-th" } else { "" }),
            Engine::RxJava { try_harder } => format!("rxjava{}", if try_harder { "-th" } else { "" }),
        };
        format!(
            "{e} {s}{}{} {b}",
            if self.blur { "+blur" } else { "" },
            if self.rotate_deg != 0 { format!("+rot{}", self.rotate_deg) } else { String::new() }
        )
    }
}

/// Every variant the matrix benchmark measures.
pub fn candidate_passes() -> Vec<Pass> {
    use Binarizer::*;
    let bins = [
        Native,
        BlockMean { div: 8, offset: 2 },
        BlockMean { div: 24, offset: 2 },
        Sauvola { div: 12, k100: 15 },
        Otsu,
    ];
    let mut v = Vec::new();
    if cfg!(feature = "rxing") {
        let try_harder = true;
        for e in [Engine::RxCpp { try_harder }, Engine::RxJava { try_harder }] {
            for scale in [Scale::Full, Scale::Down(2), Scale::Up2] {
                for blur in [false, true] {
                    for bin in [
                        Native,
                        Otsu,
                        BlockMean { div: 8, offset: 2 },
                        BlockMean { div: 24, offset: 2 },
                        Sauvola { div: 12, k100: 15 },
                    ] {
                        v.push(Pass::new(scale, blur, 0, bin).with_engine(e));
                    }
                }
            }
        }
    }
    if std::env::var("MATRIX_RX_ONLY").is_ok() {
        return v;
    }
    for scale in [Scale::Full, Scale::Down(2), Scale::Up2] {
        for blur in [false, true] {
            for rot in [0i16, 45] {
                for bin in bins {
                    v.push(Pass::new(scale, blur, rot, bin));
                }
            }
        }
    }
    v
}

/// The default plan, ordered by measured new codes per millisecond
/// (`decode-bench --matrix`, see RESULTS.md). With the `rxing` feature the
/// cheap rxing passes come first and rqrr is the last resort; without it,
/// rqrr passes only.
pub fn default_plan() -> Vec<Pass> {
    use Binarizer::*;
    if cfg!(feature = "rxing") {
        let cpp = Engine::RxCpp { try_harder: true };
        let java = Engine::RxJava { try_harder: true };
        vec![
            // large frames (720p webcam): a quarter of the pixels first
            Pass::new(Scale::Down(2), false, 0, Otsu).with_engine(cpp),
            Pass::new(Scale::Full, false, 0, Otsu).with_engine(cpp), // 152/178 alone, ~0.4 ms
            Pass::new(Scale::Full, false, 0, Native).with_engine(java), // +13 (hybrid binariser)
            Pass::new(Scale::Down(2), false, 0, Native).with_engine(cpp), // +1 (large frames only)
            Pass::new(Scale::Full, true, 0, Otsu).with_engine(java), // +1
            Pass::new(Scale::Full, false, 0, BlockMean { div: 24, offset: 2 }).with_engine(cpp), // +2
            // rqrr as the last resort: slow (its grid fitting), but reads a few rxing misses
            Pass::new(Scale::Up2, false, 0, BlockMean { div: 8, offset: 2 }), // +1
            Pass::new(Scale::Up2, false, 45, Otsu),                           // +1
            Pass::new(Scale::Up2, false, 45, BlockMean { div: 8, offset: 2 }), // +1
        ]
    } else {
        vec![
            Pass::new(Scale::Full, false, 0, BlockMean { div: 8, offset: 2 }), // 124/178
            Pass::new(Scale::Full, false, 0, Native),                          // 110/178
            Pass::new(Scale::Up2, false, 0, BlockMean { div: 8, offset: 2 }),
            Pass::new(Scale::Full, false, 45, BlockMean { div: 24, offset: 2 }),
            Pass::new(Scale::Up2, false, 45, Otsu),
        ]
    }
}
