//! The repair and character steps, as the step table defines them: each
//! with the function that runs it and the character classes that wake it,
//! compiled per configuration into the list a line runs through.

use std::borrow::Cow;

use super::edit::Edit;
use super::{chars, record, repair, StepOptions};
use crate::config::{Config, NormalizationForm};
use crate::report::ChangeLog;
use crate::step::step_table;
use crate::unicode::class::*;
use crate::unicode::scan::{self, LineScan};
use crate::Step;

/// When a character step has work on a line.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Trigger {
    /// When a character of the line has one of these class bits.
    Class(Entry),
    /// When a character of the line is not inert under the configured
    /// normalization form.
    NotInert,
    /// On every line (the step has its own cheap check).
    Always,
}

/// The function of a character step: the edit it makes to a line, if any.
pub(crate) type StepFn = fn(&str, &StepOptions) -> Option<Edit>;

/// A character step as the table defines it.
struct Spec {
    step: Step,
    trigger: Trigger,
    run: StepFn,
}

/// Collects the rows of the step table that have a function.
macro_rules! char_steps {
    ($(
        $(#[$meta:meta])*
        $variant:ident {
            name: $name:literal,
            stage: $stage:ident,
            default: $default:ident,
            $(run: $run:path, when: $trigger:expr,)?
            summary: $summary:literal,
            reason: $reason:literal $(,)?
        }
    )*) => {
        /// Every repair and character step, in pipeline order.
        static SPECS: &[Spec] = &[
            $($(Spec { step: Step::$variant, trigger: $trigger, run: $run },)?)*
        ];
    };
}

use Trigger::{Always, Class, NotInert};
step_table!(char_steps);

/// An enabled character step, its trigger resolved for the configuration.
#[derive(Clone, Copy)]
pub(crate) struct CharStep {
    step: Step,
    /// The class bits that wake the step; `None`: every line.
    wake: Option<Entry>,
    run: StepFn,
}

impl std::fmt::Debug for CharStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.step)
    }
}

/// The enabled character steps of `config`, in pipeline order.
pub(crate) fn compile(config: &Config) -> Vec<CharStep> {
    let not_inert = match config.normalization() {
        NormalizationForm::Nfc => NOT_NFC_INERT,
        NormalizationForm::Nfkc => NOT_NFKC_INERT,
    };
    SPECS
        .iter()
        .filter(|spec| config.is_enabled(spec.step))
        .map(|spec| CharStep {
            step: spec.step,
            wake: match spec.trigger {
                Trigger::Class(bits) => Some(bits),
                Trigger::NotInert => Some(not_inert),
                Trigger::Always => None,
            },
            run: spec.run,
        })
        .collect()
}

/// How many times the character steps run over one line at most.
const MAX_PASSES: usize = 4;

/// Runs every step of `steps` that has work on `line` (input line `number`);
/// `scan` is the scan of the line. A step that changes the line makes the
/// rest see a fresh scan of the new text. A line that changed goes through
/// all the steps again, until a pass changes nothing (at most
/// [`MAX_PASSES`]): a later step can leave work for an earlier one
/// (normalization turns `Å` into a letter that looks like mojibake; removing
/// a tatweel joins two characters), and cleaning must be idempotent.
/// Returns the new text when the line changed, and the scan of the text
/// returned (the line's own when it did not change), so that no caller scans
/// it again.
pub(crate) fn run(
    steps: &[CharStep],
    options: &StepOptions,
    line: &str,
    number: usize,
    mut scan: LineScan,
    log: &mut ChangeLog,
) -> (Option<String>, LineScan) {
    let mut text = Cow::Borrowed(line);
    for _ in 0..MAX_PASSES {
        let mut changed = false;
        for step in steps {
            if step.wake.is_some_and(|wanted| scan.bits & wanted == 0) {
                continue;
            }
            if let Some(edit) = (step.run)(&text, options) {
                text = Cow::Owned(record(&text, number, step.step, edit, log));
                scan = scan::scan(&text);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let text = match text {
        Cow::Owned(text) => Some(text),
        Cow::Borrowed(_) => None,
    };
    (text, scan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Stage;

    #[test]
    fn every_repair_and_character_step_has_a_function_and_no_other_step_does() {
        let with_fn: Vec<Step> = SPECS.iter().map(|spec| spec.step).collect();
        let expected: Vec<Step> = Step::ALL
            .iter()
            .copied()
            .filter(|s| matches!(s.stage(), Stage::Repair | Stage::Character))
            .collect();
        assert_eq!(with_fn, expected);
    }

    #[test]
    fn compile_keeps_the_enabled_steps_in_order() {
        let config = Config::default()
            .disable(Step::Mojibake)
            .enable(Step::CaseFold);
        let steps: Vec<Step> = compile(&config).iter().map(|s| s.step).collect();
        assert!(!steps.contains(&Step::Mojibake));
        assert!(steps.contains(&Step::CaseFold));
        let mut sorted = steps.clone();
        sorted.sort();
        assert_eq!(steps, sorted);
    }
}
