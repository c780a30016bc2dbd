//! The checks the fuzz targets run (shared with `tests/hostile.rs`, which
//! replays `fuzz/regressions/` on stable).

pub mod checks;
