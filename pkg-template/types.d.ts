// Generated from chargecheck's Rust types by src/typescript.rs (ts-rs). Do not edit:
// run `UPDATE_TYPES=1 cargo test --lib typescript` after changing a type.
// JSON shapes are those of the public contract (CONTRACT.md): snake_case names,
// dates as "YYYY-MM-DD" strings, lengths as centimetres (numbers, two decimals at most).

/**
 * A proleptic-Gregorian calendar date (`YYYY-MM-DD` in JSON).
 */
export type IsoDate = string;

/** A length in centimetres, at most two decimals (held exactly as hundredths). */
export type Centimetres = number;

export type Encounter = { date_of_service: IsoDate, place_of_service?: string | null, patient?: Patient | null, coverage?: Coverage | null, providers?: Providers | null, authorizations?: Array<Authorization> | null, prior_procedures?: Array<PriorProcedure> | null, visit?: Visit | null, diagnoses?: Array<Diagnosis> | null, lesions?: Array<Lesion> | null, procedures?: Array<Procedure> | null, charges: Array<Charge>, signed_on?: IsoDate | null, 
/**
 * Extension (README "Overrides"): findings the clinician or coder has reviewed.
 */
overrides?: Array<Override> | null, };

export type Patient = { birth_date?: IsoDate | null, sex?: Sex | null, };

export type Sex = "F" | "M" | "U";

export type Coverage = { payer?: string | null, plan_type?: PlanType | null, member_id?: string | null, effective?: IsoDate | null, terminates?: IsoDate | null, eligibility_checked_on?: IsoDate | null, };

export type PlanType = "medicare" | "medicare_advantage" | "medicaid" | "commercial" | "self_pay";

export type Providers = { rendering_npi?: string | null, billing_npi?: string | null, };

export type Authorization = { number?: string | null, codes?: Array<string> | null, start?: IsoDate | null, end?: IsoDate | null, 
/**
 * `None` = unlimited.
 */
units?: number | null, };

export type PriorProcedure = { date: IsoDate, code: string, diagnoses?: Array<string> | null, };

export type Visit = { patient_status?: PatientStatus | null, mdm?: Mdm | null, total_minutes?: number | null, separately_identifiable?: boolean | null, decision_for_surgery?: boolean | null, };

export type PatientStatus = "new" | "established";

export type Mdm = { problems?: MdmLevel | null, data?: MdmLevel | null, risk?: MdmLevel | null, };

/**
 * One MDM element's level, ordered from least to most.
 */
export type MdmLevel = "minimal" | "low" | "moderate" | "high";

export type Diagnosis = { code: string, };

export type Lesion = { id: string, site?: Site | null, laterality?: Laterality | null, 
/**
 * Greatest clinical diameter in centimetres.
 */
diameter_cm?: Centimetres | null, diagnosis?: string | null, pathology?: Pathology | null, symptoms?: Array<string> | null, };

/**
 * The contract's site words.
 */
export type Site = "scalp" | "forehead" | "cheek" | "chin" | "face" | "nose" | "ear" | "eyelid" | "lip" | "mucous_membrane" | "neck" | "axilla" | "chest" | "back" | "abdomen" | "trunk" | "arm" | "hand" | "finger" | "leg" | "foot" | "toe" | "genitalia";

export type Laterality = "left" | "right" | "midline";

export type Pathology = "benign" | "premalignant" | "malignant" | "pending" | "uncertain";

export type Procedure = { id: string, type: ProcedureType, lesions?: Array<string> | null, 
/**
 * Narrowest margin in centimetres (excision).
 */
margin_cm?: Centimetres | null, closure?: Closure | null, site?: Site | null, complexity?: RepairComplexity | null, 
/**
 * Length of this wound's repair in centimetres.
 */
length_cm?: Centimetres | null, technique?: BiopsyTechnique | null, method?: DestructionMethod | null, count?: number | null, stages?: number | null, blocks?: Array<number> | null, complicated?: boolean | null, };

export type ProcedureType = "excision" | "repair" | "shave" | "biopsy" | "destruction" | "mohs" | "skin_tag_removal" | "intralesional_injection" | "incision_drainage" | string;

export type Closure = "simple" | "intermediate" | "complex" | "adjacent_tissue_transfer" | "graft" | "secondary_intention";

export type RepairComplexity = "simple" | "intermediate" | "complex";

export type BiopsyTechnique = "tangential" | "punch" | "incisional";

export type DestructionMethod = "cryotherapy" | "electrodesiccation" | "curettage" | "laser" | "chemical" | "surgical";

export type Charge = { code: string, modifiers?: Array<string> | null, 
/**
 * Decoded as any integer so that units below 1 are a finding (claim_data), not an error.
 * Default 1.
 */
units?: number | null, 
/**
 * 1-based indexes into `diagnoses`, at most 4, as on the CMS-1500 (box 24E).
 */
diagnosis_pointers?: Array<number> | null, 
/**
 * Ids of the procedures this line bills.
 */
procedures?: Array<string> | null, };

/**
 * Extension: a reviewed finding. `charge: None` matches findings on any line.
 */
export type Override = { rule: string, charge?: number | null, reason: string, };

export type CheckResult = { status: Status, rules_version: string, findings: Array<Finding>, };

export type Status = "clean" | "review" | "blocked";

export type Finding = { rule: string, severity: Severity, category: Category, message: string, charge: number | null, path: string | null, suggestion: Suggestion | null, 
/**
 * Extension: present (true) only when an encounter override matched this finding.
 */
overridden?: boolean, 
/**
 * Extension: the override's reason, with `overridden`.
 */
override_reason?: string, };

export type Severity = "info" | "warning" | "error";

/**
 * The denial categories a billing office tracks; every finding has exactly one.
 */
export type Category = "code_validity" | "documentation" | "medical_necessity" | "bundling" | "modifier" | "units" | "authorization" | "eligibility" | "claim_data" | "timely_filing";

/**
 * A machine-applicable fix: exactly one key, as the contract lists them.
 */
export type Suggestion = { "replace_code": string } | { "add_modifier": string } | { "remove_modifier": string } | { "set_units": number } | { "add_charge": NewCharge } | { "remove_charge": boolean } | { "add_diagnosis": string } | { "replace_diagnosis": FromTo } | { "replace_modifier": FromTo };

export type NewCharge = { code: string, units: number, modifiers: Array<string>, };

export type FromTo = { from: string, to: string, };

export type PayerProfile = { id: string, 
/**
 * CPT/HCPCS codes that need a prior authorization from this payer.
 */
authorization_required?: Array<string> | null, filing_limit_days: number, 
/**
 * Extension: how the filing limit is counted (`filing_limit_rule`); `Days` unless the
 * profile says otherwise.
 */
filing_limit_rule?: FilingLimitRule | null, eligibility_max_age_days: number, wants_modifier_51: boolean, 
/**
 * Warn when this many or fewer days of the filing limit remain (contract default 14).
 */
filing_warning_days?: number | null, rules?: RuleSettings | null, 
/**
 * Extension: plan types for which this profile is the fallback when
 * `coverage.payer` names no loaded profile.
 */
default_for_plan_types?: Array<PlanType> | null, 
/**
 * Extension (issue 5): rendering NPIs enrolled with this payer, sorted and without
 * duplicates (the decoder guarantees it); `None` = not tracked.
 */
enrolled_npis?: Array<string> | null, 
/**
 * Extension: a readable name and the sources that justify the numbers.
 */
name?: string | null, sources?: Array<string> | null, };

/**
 * How a profile's filing limit is counted from the date of service.
 */
export type FilingLimitRule = "days" | "one_calendar_year";

/**
 * Per-profile rule settings: rule ids to switch off, and severities to change.
 */
export type RuleSettings = { disable?: Array<string> | null, severity?: { [key in string]: Severity } | null, };

/**
 * The structured error every front end returns for input it cannot check.
 */
export type InputError = { 
/**
 * Always `"invalid_input"`, so a JS caller can tell it from other errors.
 */
error: "invalid_input", input: InputKind, message: string, fields: Array<FieldError>, };

/**
 * What kind of input failed.
 */
export type InputKind = "encounter" | "payer_profile" | "rules" | "conformance_case" | "check_result" | "options";

/**
 * One bad field.
 */
export type FieldError = { 
/**
 * Where, e.g. `lesions[0].diameter_cm`; `""` for the whole document.
 */
path: string, 
/**
 * What is wrong, in words, without the value.
 */
problem: string, };

/**
 * Everything a reader, a test or a host UI needs to know about one rule.
 */
export type RuleMeta = { 
/**
 * Stable id, `pack.what-is-flagged`; findings carry it as `rule`.
 */
id: string, 
/**
 * Readable name that says what is flagged.
 */
name: string, severity: Severity, category: Category, 
/**
 * Whether an encounter override may set this rule's findings aside (README).
 */
overridable: boolean, summary: string, rationale: string, citations: Array<Citation>, 
/**
 * Dates of service the rule applies to, both ends included.
 */
effective?: Effective | null, 
/**
 * The check kind and its parameters.
 */
check: Record<string, unknown>, };

export type Citation = { 
/**
 * The source by name: CPT section guideline, NCCI Policy Manual chapter, CMS file,
 * ICD-10-CM Official Guidelines section, LCD title.
 */
source: string, 
/**
 * Where in the source, when it helps (section, page, column).
 */
locator?: string | null, url?: string | null, 
/**
 * `exact` when the rule encodes the source as written, `inspired` when it applies it
 * with a judgement of ours (which the rationale explains).
 */
follows: Follows, };

export type Follows = "exact" | "inspired";

export type Effective = { from: string | null, to: string | null, };

/**
 * Options of `toCdsHooksCards`.
 */
export type CardOptions = { 
/**
 * Also make cards for findings an encounter override set aside (default false).
 */
includeOverridden?: boolean, 
/**
 * Make cards for `info` findings (default true).
 */
includeInfo?: boolean, 
/**
 * `source.label` of every card (default "chargecheck").
 */
sourceLabel?: string, 
/**
 * `source.url` of every card, e.g. the vendor's page about chargecheck.
 */
sourceUrl?: string, };

/**
 * A CDS Hooks 2.0 card.
 */
export type Card = { 
/**
 * Stable for the same finding across calls (UUID v5 of rule, charge, path, rank).
 */
uuid: string, 
/**
 * The finding's message, shortened to fewer than 140 characters when needed.
 */
summary: string, 
/**
 * Markdown: the whole message, the rule, where to look, why, the sources, the fix.
 */
detail: string, indicator: Indicator, source: Source, 
/**
 * Present when the finding has a machine-applicable fix.
 */
suggestions?: Array<CardSuggestion>, 
/**
 * Present with `suggestions`.
 */
selectionBehavior?: SelectionBehavior, 
/**
 * Present when the rule may be overridden (README "Overrides"): the reasons a user
 * may pick when dismissing the card.
 */
overrideReasons?: Array<Coding>, extension: CardExtension, };

/**
 * `critical` for errors, `warning` for warnings, `info` for info findings.
 */
export type Indicator = "info" | "warning" | "critical";

export type Source = { label: string, url?: string, 
/**
 * The rule that fired (system `urn:chargecheck:rule`).
 */
topic: Coding, };

/**
 * A FHIR Coding as CDS Hooks uses it.
 */
export type Coding = { system: string, code: string, display: string, };

export type CardSuggestion = { label: string, uuid: string, isRecommended: boolean, actions: Array<Action>, };

export type Action = { type: ActionType, description: string, extension: ActionExtension, };

export type ActionType = "create" | "update" | "delete";

export type SelectionBehavior = "at-most-one" | "any";

/**
 * The finding behind a card, as the Result gave it: `charge` is the line to place the
 * card next to, `path` where to look.
 */
export type CardExtension = { chargecheck: Finding, };

/**
 * The contract's fix and the line it applies to.
 */
export type ActionExtension = { chargecheck: FindingFix, };

export type FindingFix = { charge: number | null, suggestion: Suggestion, };
