//! CDS Hooks 2.0 cards from a Result, so an EHR that already renders CDS Hooks cards can
//! show chargecheck's findings without new UI (https://cds-hooks.hl7.org/2.0/#card-attributes).
//!
//! One card per finding. The card's `uuid` is a UUID v5 of the finding's identity (rule,
//! charge line, path, and its rank among findings with that identity), so validating the
//! same note again, or after an unrelated keystroke, gives the same ids and a host UI does
//! not churn. The card names its charge line in `extension.chargecheck.charge` so the host
//! can place it next to the line.
//!
//! A suggestion's action carries the contract's machine-applicable fix in
//! `extension.chargecheck`; chargecheck holds no FHIR resources, so actions have no
//! `resource`/`resourceId` (the host applies the fix to its own charge model).

use crate::error::{InputError, InputKind};
use crate::finding::{CheckResult, Finding, Severity, Suggestion};
use crate::rules::RuleMeta;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// CDS Hooks: "One-sentence, <140-character summary message".
pub const SUMMARY_MAX_CHARS: usize = 139;
/// The code system of [`Card::override_reasons`].
pub const OVERRIDE_REASON_SYSTEM: &str = "urn:chargecheck:override-reason";
/// The code system of [`Source::topic`]: chargecheck rule ids.
pub const RULE_SYSTEM: &str = "urn:chargecheck:rule";

/// Options of `toCdsHooksCards`.
#[derive(Clone, Debug, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[ts(optional_fields)]
pub struct CardOptions {
    /// Also make cards for findings an encounter override set aside (default false).
    pub include_overridden: Option<bool>,
    /// Make cards for `info` findings (default true).
    pub include_info: Option<bool>,
    /// `source.label` of every card (default "chargecheck").
    pub source_label: Option<String>,
    /// `source.url` of every card, e.g. the vendor's page about chargecheck.
    pub source_url: Option<String>,
}

/// A CDS Hooks 2.0 card.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    /// Stable for the same finding across calls (UUID v5 of rule, charge, path, rank).
    pub uuid: String,
    /// The finding's message, shortened to fewer than 140 characters when needed.
    pub summary: String,
    /// Markdown: the whole message, the rule, where to look, why, the sources, the fix.
    pub detail: String,
    pub indicator: Indicator,
    pub source: Source,
    /// Present when the finding has a machine-applicable fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub suggestions: Option<Vec<CardSuggestion>>,
    /// Present with `suggestions`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub selection_behavior: Option<SelectionBehavior>,
    /// Present when the rule may be overridden (README "Overrides"): the reasons a user
    /// may pick when dismissing the card.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub override_reasons: Option<Vec<Coding>>,
    pub extension: CardExtension,
}

/// `critical` for errors, `warning` for warnings, `info` for info findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    Info,
    Warning,
    Critical,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Source {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub url: Option<String>,
    /// The rule that fired (system `urn:chargecheck:rule`).
    pub topic: Coding,
}

/// A FHIR Coding as CDS Hooks uses it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Coding {
    pub system: String,
    pub code: String,
    pub display: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CardSuggestion {
    pub label: String,
    pub uuid: String,
    pub is_recommended: bool,
    pub actions: Vec<Action>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Action {
    #[serde(rename = "type")]
    pub action_type: ActionType,
    pub description: String,
    pub extension: ActionExtension,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionType {
    Create,
    Update,
    Delete,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SelectionBehavior {
    AtMostOne,
    Any,
}

/// The finding behind a card, as the Result gave it: `charge` is the line to place the
/// card next to, `path` where to look.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct CardExtension {
    pub chargecheck: Finding,
}

/// The contract's fix and the line it applies to.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ActionExtension {
    pub chargecheck: FindingFix,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct FindingFix {
    pub charge: Option<usize>,
    pub suggestion: Suggestion,
}

/// Cards for a Result, one per finding, in the Result's order. `rule` looks up a rule's
/// metadata by id (for the detail text and whether it may be overridden).
pub fn cards<'r>(
    result: &CheckResult,
    rule: impl Fn(&str) -> Option<&'r RuleMeta>,
    options: &CardOptions,
) -> Vec<Card> {
    let include_overridden = options.include_overridden.unwrap_or(false);
    let include_info = options.include_info.unwrap_or(true);
    let label = options.source_label.clone().unwrap_or_else(|| "chargecheck".to_string());
    let mut seen: Vec<(&str, Option<usize>, Option<&str>)> = Vec::new();
    let mut out = Vec::new();
    for finding in &result.findings {
        // Rank among findings with the same identity keeps ids unique within one Result.
        let identity = (finding.rule.as_str(), finding.charge, finding.path.as_deref());
        let rank = seen.iter().filter(|s| **s == identity).count();
        seen.push(identity);
        let overridden = finding.overridden == Some(true);
        if (overridden && !include_overridden) || (finding.severity == Severity::Info && !include_info) {
            continue;
        }
        let meta = rule(&finding.rule);
        let uuid = card_uuid(finding, rank);
        let suggestions = finding.suggestion.as_ref().filter(|_| !overridden).map(|s| {
            let description = describe_fix(s, finding.charge);
            vec![CardSuggestion {
                label: description.clone(),
                uuid: Uuid::new_v5(&uuid, b"suggestion").hyphenated().to_string(),
                is_recommended: finding.severity != Severity::Info,
                actions: vec![Action {
                    action_type: action_type(s),
                    description,
                    extension: ActionExtension {
                        chargecheck: FindingFix { charge: finding.charge, suggestion: s.clone() },
                    },
                }],
            }]
        });
        let overridable = meta.is_some_and(|m| m.overridable) && !overridden && finding.severity != Severity::Info;
        out.push(Card {
            uuid: uuid.hyphenated().to_string(),
            summary: shorten(&finding.message, SUMMARY_MAX_CHARS),
            detail: detail(finding, meta),
            indicator: match finding.severity {
                Severity::Error => Indicator::Critical,
                Severity::Warning => Indicator::Warning,
                Severity::Info => Indicator::Info,
            },
            source: Source {
                label: label.clone(),
                url: options.source_url.clone(),
                topic: Coding {
                    system: RULE_SYSTEM.to_string(),
                    code: finding.rule.clone(),
                    display: meta.map_or_else(|| finding.rule.clone(), |m| m.name.clone()),
                },
            },
            selection_behavior: suggestions.as_ref().map(|_| SelectionBehavior::AtMostOne),
            suggestions,
            override_reasons: overridable.then(override_reasons),
            extension: CardExtension { chargecheck: finding.clone() },
        });
    }
    out
}

/// Decodes a Result handed back by a host (JSON text) and options, then makes the cards.
pub fn cards_from_json<'r>(
    result_json: &str,
    options_json: Option<&str>,
    rule: impl Fn(&str) -> Option<&'r RuleMeta>,
) -> Result<Vec<Card>, InputError> {
    // serde's messages can quote the offending value; report the place only.
    let locate = |kind: InputKind, what: &str, e: serde_json::Error| {
        InputError::single(kind, "", format!("{what} (line {}, column {})", e.line(), e.column()))
    };
    let result: CheckResult =
        serde_json::from_str(result_json).map_err(|e| locate(InputKind::CheckResult, "not a chargecheck Result", e))?;
    let options: CardOptions = match options_json {
        None => CardOptions::default(),
        Some(text) => serde_json::from_str(text).map_err(|e| {
            locate(
                InputKind::Options,
                "expected an object with includeOverridden, includeInfo, sourceLabel or sourceUrl",
                e,
            )
        })?,
    };
    Ok(cards(&result, rule, &options))
}

fn card_uuid(finding: &Finding, rank: usize) -> Uuid {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:chargecheck:cds-hooks-card");
    let charge = finding.charge.map_or_else(|| "-".to_string(), |c| c.to_string());
    let name =
        format!("{}\u{1f}{}\u{1f}{}\u{1f}{}", finding.rule, charge, finding.path.as_deref().unwrap_or("-"), rank);
    Uuid::new_v5(&namespace, name.as_bytes())
}

/// At most `max` UTF-16 units (what a JS host's `.length` counts), cut at a word.
fn shorten(text: &str, max: usize) -> String {
    if text.encode_utf16().count() <= max {
        return text.to_string();
    }
    let mut cut = String::new();
    let mut units = 0;
    for ch in text.chars() {
        if units + ch.len_utf16() > max - 1 {
            break;
        }
        units += ch.len_utf16();
        cut.push(ch);
    }
    if let Some(space) = cut.rfind(' ').filter(|&i| i > max / 2) {
        cut.truncate(space);
    }
    let trimmed = cut.trim_end_matches([' ', ',', ';', ':', '.']).len();
    cut.truncate(trimmed);
    cut.push('…');
    cut
}

fn line_name(charge: Option<usize>) -> String {
    charge.map_or_else(|| "the claim".to_string(), |c| format!("line {}", c + 1))
}

fn describe_fix(s: &Suggestion, charge: Option<usize>) -> String {
    let line = line_name(charge);
    match s {
        Suggestion::ReplaceCode(code) => format!("Change the code on {line} to {code}"),
        Suggestion::AddModifier(m) => format!("Add modifier {m} to {line}"),
        Suggestion::RemoveModifier(m) => format!("Remove modifier {m} from {line}"),
        Suggestion::ReplaceModifier(ft) => format!("Replace modifier {} with {} on {line}", ft.from, ft.to),
        Suggestion::SetUnits(n) => format!("Set the units on {line} to {n}"),
        Suggestion::AddCharge(c) => {
            let modifiers = if c.modifiers.is_empty() {
                String::new()
            } else {
                format!(" with modifier {}", c.modifiers.join(", "))
            };
            format!("Add a charge line {} x {}{modifiers}", c.code, c.units)
        }
        Suggestion::RemoveCharge(_) => format!("Remove {line}"),
        Suggestion::AddDiagnosis(code) => format!("Add diagnosis {code}"),
        Suggestion::ReplaceDiagnosis(ft) => format!("Replace diagnosis {} with {}", ft.from, ft.to),
    }
}

fn action_type(s: &Suggestion) -> ActionType {
    match s {
        Suggestion::AddCharge(_) | Suggestion::AddDiagnosis(_) => ActionType::Create,
        Suggestion::RemoveCharge(_) => ActionType::Delete,
        _ => ActionType::Update,
    }
}

fn detail(f: &Finding, meta: Option<&RuleMeta>) -> String {
    let mut md = format!("{}\n\n", f.message);
    match meta {
        Some(m) => md.push_str(&format!(
            "**Rule:** {} (`{}`) · {} · {}\n\n",
            m.name,
            f.rule,
            word(&f.severity),
            word(&f.category)
        )),
        None => md.push_str(&format!("**Rule:** `{}` · {} · {}\n\n", f.rule, word(&f.severity), word(&f.category))),
    }
    let place = match (&f.charge, &f.path) {
        (Some(c), Some(p)) => Some(format!("charge line {} (`{p}`)", c + 1)),
        (Some(c), None) => Some(format!("charge line {}", c + 1)),
        (None, Some(p)) => Some(format!("`{p}`")),
        (None, None) => None,
    };
    if let Some(place) = place {
        md.push_str(&format!("**Where:** {place}\n\n"));
    }
    if let Some(s) = &f.suggestion {
        md.push_str(&format!("**Suggested fix:** {}\n\n", describe_fix(s, f.charge)));
    }
    if let Some(m) = meta {
        md.push_str(&format!("**Why:** {}\n\n", m.rationale));
        if !m.citations.is_empty() {
            md.push_str("**Sources:**\n");
            for c in &m.citations {
                let locator = c.locator.as_deref().map(|l| format!(", {l}")).unwrap_or_default();
                match &c.url {
                    Some(url) => md.push_str(&format!("- [{}{locator}]({url})\n", c.source)),
                    None => md.push_str(&format!("- {}{locator}\n", c.source)),
                }
            }
            md.push('\n');
        }
    }
    if f.overridden == Some(true) {
        md.push_str("*Overridden");
        if let Some(reason) = &f.override_reason {
            md.push_str(&format!(": {reason}"));
        }
        md.push_str("*\n");
    }
    md.truncate(md.trim_end().len());
    md
}

fn word<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn override_reasons() -> Vec<Coding> {
    [
        ("documentation-supports", "The documentation supports the code as billed"),
        ("payer-policy-allows", "This payer's policy allows it"),
        ("will-correct-before-submission", "Will be corrected before the claim is submitted"),
    ]
    .into_iter()
    .map(|(code, display)| Coding {
        system: OVERRIDE_REASON_SYSTEM.to_string(),
        code: code.to_string(),
        display: display.to_string(),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Status};
    use crate::Validator;

    fn finding(rule: &str, severity: Severity, charge: Option<usize>, suggestion: Option<Suggestion>) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            category: Category::Documentation,
            message: "11403 is for an excised diameter of 2.1-3.0 cm; the note documents 1.8 cm.".into(),
            charge,
            path: Some("lesions[0].diameter_cm".into()),
            suggestion,
            overridden: None,
            override_reason: None,
        }
    }

    fn result(findings: Vec<Finding>) -> CheckResult {
        CheckResult { status: Status::Blocked, rules_version: "2026.1".into(), findings }
    }

    fn no_rules(_: &str) -> Option<&'static RuleMeta> {
        None
    }

    #[test]
    fn a_finding_with_a_fix_becomes_a_card_with_a_suggestion() {
        let r =
            result(vec![finding("x.size", Severity::Error, Some(0), Some(Suggestion::ReplaceCode("11402".into())))]);
        let cards = cards(&r, no_rules, &CardOptions::default());
        assert_eq!(cards.len(), 1);
        let c = &cards[0];
        assert_eq!(c.indicator, Indicator::Critical);
        assert_eq!(c.extension.chargecheck.charge, Some(0));
        assert_eq!(c.selection_behavior, Some(SelectionBehavior::AtMostOne));
        let s = &c.suggestions.as_ref().unwrap()[0];
        assert_eq!(s.label, "Change the code on line 1 to 11402");
        assert_eq!(s.actions[0].action_type, ActionType::Update);
        assert_eq!(s.actions[0].extension.chargecheck.suggestion, Suggestion::ReplaceCode("11402".into()));
        let json = serde_json::to_value(c).unwrap();
        assert_eq!(json["selectionBehavior"], "at-most-one");
        assert_eq!(json["suggestions"][0]["actions"][0]["type"], "update");
    }

    #[test]
    fn uuids_are_stable_and_unique() {
        let f = finding("x.size", Severity::Error, Some(0), None);
        let mut other_message = f.clone();
        other_message.message = "a different wording".into();
        let a = cards(&result(vec![f.clone(), f.clone()]), no_rules, &CardOptions::default());
        let b = cards(&result(vec![other_message, f.clone()]), no_rules, &CardOptions::default());
        assert_ne!(a[0].uuid, a[1].uuid, "two findings with one identity still get distinct ids");
        assert_eq!(a[0].uuid, b[0].uuid, "a message change keeps the card id");
        assert_eq!(a[1].uuid, b[1].uuid);
        let moved = Finding { charge: Some(1), ..f };
        assert_ne!(cards(&result(vec![moved]), no_rules, &CardOptions::default())[0].uuid, a[0].uuid);
        assert!(Uuid::parse_str(&a[0].uuid).is_ok());
    }

    #[test]
    fn summaries_stay_under_140_characters() {
        let mut f = finding("x", Severity::Warning, None, None);
        f.message = "word ".repeat(60);
        let c = &cards(&result(vec![f]), no_rules, &CardOptions::default())[0];
        assert!(c.summary.encode_utf16().count() <= SUMMARY_MAX_CHARS, "{}", c.summary);
        assert!(c.summary.ends_with('…'));
        assert_eq!(shorten("short", 139), "short");
    }

    #[test]
    fn overridden_and_info_findings_follow_the_options() {
        let mut overridden = finding("x", Severity::Error, Some(0), None);
        overridden.overridden = Some(true);
        overridden.override_reason = Some("reviewed".into());
        let info = finding("y", Severity::Info, None, None);
        let r = result(vec![overridden, info]);
        assert_eq!(cards(&r, no_rules, &CardOptions::default()).len(), 1);
        let all = CardOptions { include_overridden: Some(true), ..Default::default() };
        let both = cards(&r, no_rules, &all);
        assert_eq!(both.len(), 2);
        assert!(both[0].detail.contains("*Overridden: reviewed*"));
        assert!(both[0].override_reasons.is_none());
        let no_info = CardOptions { include_info: Some(false), ..Default::default() };
        assert!(cards(&r, no_rules, &no_info).is_empty());
    }

    #[test]
    fn real_rules_give_names_sources_and_override_reasons() {
        let v = Validator::new().unwrap();
        let meta = v.rules().find(|m| m.overridable && !m.citations.is_empty()).expect("an overridable rule");
        let f = Finding { rule: meta.id.clone(), ..finding("", Severity::Error, Some(2), None) };
        let c = &cards(&result(vec![f]), |id| v.rules().find(|m| m.id == id), &CardOptions::default())[0];
        assert_eq!(c.source.topic.display, meta.name);
        assert!(c.detail.contains("**Sources:**") && c.detail.contains(&meta.citations[0].source));
        assert!(c.detail.contains("charge line 3"));
        assert_eq!(c.override_reasons.as_ref().map(Vec::len), Some(3));
    }

    #[test]
    fn bad_input_is_located_without_echoing_it() {
        let err = cards_from_json("{\"status\":\"secret-value\"}", None, no_rules).unwrap_err();
        assert!(!err.message.contains("secret-value"), "{}", err.message);
        let err = cards_from_json(
            "{\"status\":\"clean\",\"rules_version\":\"1\",\"findings\":[]}",
            Some("{\"colour\":1}"),
            no_rules,
        )
        .unwrap_err();
        assert_eq!(err.input, InputKind::Options);
        assert!(cards_from_json(
            "{\"status\":\"clean\",\"rules_version\":\"1\",\"findings\":[]}",
            Some("{}"),
            no_rules
        )
        .unwrap()
        .is_empty());
    }
}
