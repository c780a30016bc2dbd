//! The `private-use` step: private-use characters are removed.
//!
//! Unicode leaves U+E000–U+F8FF and planes 15 and 16 to private agreement.
//! In text scraped from the web they are almost always the glyphs of an
//! icon font (Font Awesome's U+F099 in front of "Twitter", U+F0E0 before an
//! e-mail address): without the page's font they show as a box, and they
//! carry no letter. Spaces left around them go with `collapse-spaces` and
//! the trim steps.

use crate::clean::edit::{map_chars, Edit, Mapped};
use crate::clean::StepOptions;
use crate::unicode::class::PRIVATE_USE;

/// Removes every private-use character of `line`.
pub(crate) fn remove(line: &str, _: &StepOptions) -> Option<Edit> {
    map_chars(line, PRIVATE_USE, |_, _| Mapped::Remove)
}
