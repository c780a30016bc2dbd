//! The repair and character steps, as the step table defines them: each
//! with the function that runs it and the character classes that wake it,
//! compiled per configuration into the list a line runs through.

use std::borrow::Cow;

use super::edit::Edit;
use super::{chars, logged, repair, Logged, StepOptions};
use crate::config::{Config, NormalizationForm};
use crate::report::ChangeLog;
use crate::step::step_table;
use crate::unicode::class::*;
use crate::unicode::scan::{self, LineScan};
use crate::{Stage, Step};

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
    /// A repair step (it runs before the character steps).
    repair: bool,
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
            repair: spec.step.stage() == Stage::Repair,
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
/// (removing a tatweel joins two characters), and cleaning must be
/// idempotent.
///
/// The repair steps see the line as it came. When one has work on a line
/// only after a character step changed it, and the line held a no-break
/// space, soft hyphen or C1 control that reads as a byte of mojibake
/// ([`repair::mojibake::holds_evidence`]: `Г\u{a0}└` is `的` through
/// KOI8-R), the character steps may have taken that byte, and the repair
/// would read the damage without it (a remnant, or a wrong letter): the
/// character steps run again on the text the first pass's repairs gave,
/// keeping every such byte ([`StepOptions::keep_damage`]), and no repair
/// follows. That is taken when no repair step has work on its result (so
/// that cleaning it again gives the same); otherwise, and for a repair that
/// their edits only freed (`&nbsp;Î—`: the no-break space before the damage
/// continues nothing), the line goes on as before.
///
/// Returns the new text when the line changed, and the scan of the text
/// returned (the line's own when it did not change), so that no caller scans
/// it again.
pub(crate) fn run(
    steps: &[CharStep],
    options: &StepOptions,
    line: &str,
    number: usize,
    scan: LineScan,
    log: &mut ChangeLog,
) -> (Option<String>, LineScan) {
    // The changes from the first character step's edit on wait here until
    // the line is done (a repair after them can take them back).
    let mut deferred = Vec::new();
    let (text, scan) = match passes(steps, options, line, number, scan, log, &mut deferred, true) {
        Passes::Done(text, scan) => (text, scan),
        Passes::Held(repaired) => {
            deferred.clear();
            let keep = StepOptions {
                keep_damage: true,
                ..*options
            };
            let characters: Vec<CharStep> = steps.iter().filter(|s| !s.repair).copied().collect();
            let repaired_scan = scan::scan(&repaired);
            let (held, held_scan) = passes(
                &characters,
                &keep,
                &repaired,
                number,
                repaired_scan,
                log,
                &mut deferred,
                false,
            )
            .finished();
            let stable = !steps.iter().any(|step| {
                step.repair
                    && step.wake.is_none_or(|wanted| held_scan.bits & wanted != 0)
                    && (step.run)(&held, options).is_some()
            });
            if stable {
                let text = match (held, &repaired) {
                    (Cow::Borrowed(_), Cow::Borrowed(original)) => Cow::Borrowed(*original),
                    (held, _) => Cow::Owned(held.into_owned()),
                };
                (text, held_scan)
            } else {
                // As without the hold, from the text the first pass's
                // repairs gave (whose changes are logged already).
                deferred.clear();
                let scan = scan::scan(&repaired);
                let (text, scan) = passes(
                    steps,
                    options,
                    &repaired,
                    number,
                    scan,
                    log,
                    &mut deferred,
                    false,
                )
                .finished();
                let text = match (text, &repaired) {
                    (Cow::Borrowed(_), Cow::Borrowed(original)) => Cow::Borrowed(*original),
                    (text, _) => Cow::Owned(text.into_owned()),
                };
                (text, scan)
            }
        }
    };
    for change in deferred {
        change.into_log(log);
    }
    let text = match text {
        Cow::Owned(text) => Some(text),
        Cow::Borrowed(_) => None,
    };
    (text, scan)
}

/// How [`passes`] ended.
enum Passes<'a> {
    /// A fixed point (or [`MAX_PASSES`]): the text and its scan.
    Done(Cow<'a, str>, LineScan),
    /// Stopped where a repair would follow character steps' edits in a line
    /// that held evidence: the text as the repair steps of the first pass
    /// left it (their changes logged, the later ones not).
    Held(Cow<'a, str>),
}

impl<'a> Passes<'a> {
    /// The text and its scan where the passes ended: for [`Passes::Held`]
    /// (which only passes asked to hold end in), the text they held at.
    fn finished(self) -> (Cow<'a, str>, LineScan) {
        match self {
            Passes::Done(text, scan) => (text, scan),
            Passes::Held(repaired) => {
                let scan = scan::scan(&repaired);
                (repaired, scan)
            }
        }
    }
}

/// The passes of `steps` over `line`: each change is logged, or from the
/// first character step's edit on pushed onto `deferred`; with `hold`,
/// stops where [`run`] takes another way.
#[allow(clippy::too_many_arguments)]
fn passes<'a>(
    steps: &[CharStep],
    options: &StepOptions,
    line: &'a str,
    number: usize,
    mut scan: LineScan,
    log: &mut ChangeLog,
    deferred: &mut Vec<Logged>,
    hold: bool,
) -> Passes<'a> {
    let mut text = Cow::Borrowed(line);
    // The text before the first character step's edit.
    let mut before_characters: Option<Cow<'a, str>> = None;
    for _ in 0..MAX_PASSES {
        let mut changed = false;
        for step in steps {
            if step.wake.is_some_and(|wanted| scan.bits & wanted == 0) {
                continue;
            }
            let Some(edit) = (step.run)(&text, options) else {
                continue;
            };
            if step.repair && hold {
                if let Some(before) =
                    before_characters.take_if(|before| repair::mojibake::holds_evidence(before))
                {
                    return Passes::Held(before);
                }
            }
            let (new, change) = logged(&text, number, step.step, edit, log);
            let old = std::mem::replace(&mut text, Cow::Owned(new));
            if !step.repair && before_characters.is_none() {
                before_characters = Some(old);
            }
            if before_characters.is_some() {
                deferred.push(change);
            } else {
                change.into_log(log);
            }
            scan = scan::scan(&text);
            changed = true;
        }
        if !changed {
            break;
        }
    }
    Passes::Done(text, scan)
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
