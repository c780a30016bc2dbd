//! One module per subcommand.

pub mod clean;
pub mod corpus;
pub mod inspect;
pub mod steps;
