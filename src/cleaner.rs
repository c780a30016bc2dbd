//! [`Cleaner`]: a configuration validated and compiled once, to clean any
//! number of documents.

use std::sync::{Arc, OnceLock};

use crate::clean::Plan;
use crate::load::{self, Loaded};
use crate::report::Cleaned;
use crate::{Config, Error};

/// A compiled cleaning pipeline: build it once with [`Cleaner::new`], then
/// clean as many documents as you like, from as many threads as you like.
///
/// Building validates the [`Config`] (a step that cannot be switched off,
/// phrases that match nothing) and compiles everything that depends on it:
/// the list of enabled steps with what wakes each, the phrase automata of
/// the junk rules. Cleaning then does only work proportional to the input.
/// A `Cleaner` is `Send + Sync`, and cloning one is cheap (the compiled
/// pipeline is shared).
///
/// ```
/// use rinse::{Cleaner, Config, Step};
///
/// let cleaner = Cleaner::new(Config::default().disable(Step::Boilerplate))?;
/// let cleaned = cleaner.clean_bytes(b"caf\xC3\xA9  \r\n1 comment\n");
/// assert_eq!(cleaned.text, "café\n1 comment\n");
///
/// // Invalid settings are refused when the cleaner is built, not later.
/// assert!(Cleaner::new(Config::default().disable(Step::Decode)).is_err());
/// # Ok::<(), rinse::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Cleaner {
    inner: Arc<Compiled>,
}

#[derive(Debug)]
struct Compiled {
    config: Config,
    plan: Plan,
}

impl Cleaner {
    /// Validates and compiles `config`.
    pub fn new(config: Config) -> Result<Cleaner, Error> {
        config.validate()?;
        let plan = Plan::compile(&config)?;
        Ok(Cleaner {
            inner: Arc::new(Compiled { config, plan }),
        })
    }

    /// The configuration this cleaner was built from.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Decodes `bytes` as this cleaner would, without cleaning: see
    /// [`load_bytes`](crate::load::load_bytes).
    pub fn load<'a>(&self, bytes: &'a [u8]) -> Loaded<'a> {
        load::load_bytes(bytes, self.inner.config.forced_encoding())
    }

    /// Cleans one document given as bytes in any encoding.
    ///
    /// Never fails and never panics: malformed bytes become U+FFFD and are
    /// listed in the report.
    pub fn clean_bytes(&self, bytes: &[u8]) -> Cleaned {
        self.clean_loaded(&self.load(bytes))
    }

    /// Cleans one document that is already text. The same as
    /// [`clean_bytes`](Cleaner::clean_bytes) on its UTF-8 bytes, so a
    /// leading U+FEFF is taken as a byte-order mark.
    pub fn clean_str(&self, text: &str) -> Cleaned {
        self.clean_bytes(text.as_bytes())
    }

    /// Cleans a document [loaded](Cleaner::load) before, for callers that
    /// also want the decoded input (to show a diff against it, say).
    ///
    /// ```
    /// let cleaner = rinse::Cleaner::default();
    /// let loaded = cleaner.load(b"one  \ntwo");
    /// let cleaned = cleaner.clean_loaded(&loaded);
    /// assert_eq!((loaded.text.as_ref(), cleaned.text.as_str()), ("one  \ntwo", "one\ntwo\n"));
    /// ```
    pub fn clean_loaded(&self, loaded: &Loaded<'_>) -> Cleaned {
        self.inner.plan.run(loaded)
    }
}

impl Default for Cleaner {
    /// The cleaner of `Config::default()`, compiled once per process.
    fn default() -> Cleaner {
        static DEFAULT: OnceLock<Cleaner> = OnceLock::new();
        DEFAULT
            .get_or_init(|| Cleaner::new(Config::default()).expect("the default config is valid"))
            .clone()
    }
}

/// Cleans one document given as bytes in any encoding, with the default
/// configuration: a shorthand for `Cleaner::default().clean_bytes(bytes)`.
///
/// ```
/// use rinse::Step;
///
/// let cleaned = rinse::clean_bytes(b"\xEF\xBB\xBFHello  \r\nworld");
/// assert_eq!(cleaned.text, "Hello\nworld\n");
/// assert_eq!(cleaned.report.encoding.name, "UTF-8");
/// // byte-order mark, trailing spaces, CRLF, missing final newline:
/// let steps: Vec<Step> = cleaned.report.changes.iter().map(|c| c.step).collect();
/// assert_eq!(
///     steps,
///     [Step::Decode, Step::LineEndings, Step::TrailingWhitespace, Step::FinalNewline]
/// );
/// ```
pub fn clean_bytes(bytes: &[u8]) -> Cleaned {
    Cleaner::default().clean_bytes(bytes)
}

/// Cleans one document that is already text, with the default
/// configuration: a shorthand for `Cleaner::default().clean_str(text)`.
///
/// ```
/// let cleaned = rinse::clean_str("cafe\u{301}\n");
/// assert_eq!(cleaned.text, "caf\u{e9}\n");
/// ```
pub fn clean_str(text: &str) -> Cleaned {
    Cleaner::default().clean_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Step;

    #[test]
    fn cleaner_is_send_sync_and_cheap_to_clone() {
        fn shared<T: Send + Sync + Clone>() {}
        shared::<Cleaner>();
        let a = Cleaner::default();
        let b = a.clone();
        assert!(Arc::ptr_eq(&a.inner, &b.inner));
    }

    #[test]
    fn invalid_configs_are_refused_at_build_time() {
        let err = Cleaner::new(Config::default().disable(Step::Decode)).unwrap_err();
        assert!(err.to_string().contains("`decode`"), "{err}");
        let err = Cleaner::new(Config::default().add_boilerplate(" -- ")).unwrap_err();
        assert!(err.to_string().contains("no letter or digit"), "{err}");
    }

    #[test]
    fn an_added_phrase_is_compiled_once_and_applies() {
        let cleaner = Cleaner::new(Config::default().add_boilerplate("Sponsored by ACME")).unwrap();
        let text = "A paragraph of the article that is long enough to count.\nSponsored by ACME\n";
        assert_eq!(
            cleaner.clean_str(text).text,
            "A paragraph of the article that is long enough to count.\n"
        );
    }
}
