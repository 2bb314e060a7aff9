//! Placeholder, filled in by the scanning work (issue 3).
fn main() {}
