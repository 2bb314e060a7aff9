//! Shared pieces of the fuzz targets: an allocator that turns one oversized
//! allocation into a crash, and the input-splitting helpers.
//!
//! Why the allocator: the smoke and long runs use `--sanitizer none` (see
//! scripts/fuzz.sh), and without a sanitizer runtime libFuzzer's
//! `-malloc_limit_mb` has no malloc hook to act on; only `-rss_limit_mb`
//! works. This allocator restores the per-allocation limit for every target:
//! a request above [`MAX_ALLOC`] aborts the process, which libFuzzer reports
//! as a crash and saves as an artifact. With `FUZZ_SANITIZER=address` the
//! sanitizer's `-malloc_limit_mb` applies as well.

use std::alloc::{GlobalAlloc, Layout, System};

/// The most any single allocation of a fuzz input may ask for. Inputs are at
/// most 64 KiB and frames at most 255x255, so nothing legitimate comes close.
pub const MAX_ALLOC: usize = 256 << 20;

pub struct CappedAlloc;

#[cold]
fn too_big(size: usize) -> ! {
    // No allocation here: write the message with a fixed buffer.
    let mut buf = [0u8; 96];
    let msg = b"frontdesk-fuzz: single allocation above the cap: ";
    buf[..msg.len()].copy_from_slice(msg);
    let mut n = msg.len();
    let mut digits = [0u8; 20];
    let mut d = 0;
    let mut v = size;
    loop {
        digits[d] = b'0' + (v % 10) as u8;
        d += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    while d > 0 {
        d -= 1;
        buf[n] = digits[d];
        n += 1;
    }
    buf[n] = b'\n';
    n += 1;
    use std::io::Write;
    let _ = std::io::stderr().write_all(&buf[..n]);
    std::process::abort()
}

unsafe impl GlobalAlloc for CappedAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > MAX_ALLOC {
            too_big(layout.size());
        }
        System.alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() > MAX_ALLOC {
            too_big(layout.size());
        }
        System.alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > MAX_ALLOC {
            too_big(new_size);
        }
        System.realloc(ptr, layout, new_size)
    }
}

// With ASan this wraps the sanitizer's malloc, so both limits hold.
#[global_allocator]
static GLOBAL: CappedAlloc = CappedAlloc;

/// Marks the library as used so the allocator above is linked into each target.
#[inline(always)]
pub fn linked() {}

/// Splits a selector byte off the front of an input.
pub fn split_selector(data: &[u8]) -> Option<(u8, &[u8])> {
    data.split_first().map(|(s, rest)| (*s, rest))
}
