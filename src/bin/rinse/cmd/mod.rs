//! One module per subcommand.

pub mod clean;
pub mod corpus;
pub mod docs;
pub mod inspect;
pub mod stats;
pub mod steps;
