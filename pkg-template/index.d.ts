// The package's API. The data types (Encounter, CheckResult, Finding, Suggestion,
// PayerProfile, Charge, Card, ...) are generated from the Rust types into ./types.d.ts.
import type {
  Card,
  CardOptions,
  Charge,
  CheckResult,
  Encounter,
  InputError,
  IsoDate,
  PayerProfile,
  RuleMeta,
} from './types.js';

export * from './types.js';

/** The contract's Result, by its contract name. */
export type ValidationResult = CheckResult;

export interface ValidateOptions {
  /** The date used when the note has no `signed_on` (default: the local date). */
  today?: IsoDate;
}

/** Where the wasm comes from, when the default (next to the glue) does not suit. */
export type WasmSource =
  | string
  | URL
  | Request
  | Response
  | BufferSource
  | WebAssembly.Module
  | Promise<Response | BufferSource | WebAssembly.Module>;

/**
 * Input chargecheck cannot check (malformed JSON, wrong types, unknown site word, ...):
 * `details.fields` names every bad field by JSON path. Messages never echo input values.
 */
export interface ChargecheckInputError extends Error {
  name: 'ChargecheckInputError';
  details: InputError;
}

/**
 * One validator holds the embedded rules and any payer profiles you add. Create it once
 * and reuse it: `validate` takes microseconds, so call it on every keystroke.
 */
export declare class Validator {
  /** Loads the embedded rules and default payer profiles. In browsers, load the wasm first (`createValidator`). */
  constructor();
  /** The rules version every Result reports, e.g. "2026.1". */
  readonly rulesVersion: string;
  /** Adds or replaces a payer profile (object or JSON text); returns its id. Throws ChargecheckInputError. */
  addPayerProfile(profile: PayerProfile | string): string;
  /** Checks an encounter (object or JSON text). Throws ChargecheckInputError for input it cannot check. */
  validate(encounter: Encounter | string, options?: ValidateOptions): CheckResult;
  /** The charge lines the documentation supports (contract charge objects). */
  suggestCharges(encounter: Encounter | string): Charge[];
  /**
   * Replaces the NCCI edit tables with the official CMS practitioner files as published
   * (PTP tab-delimited .TXT text, MUE .csv text); a null table keeps what is loaded. Throws ChargecheckInputError.
   */
  loadNcciEdits(ptp?: string | null, mue?: string | null): { ptpRows: number; mueRows: number };
  /** Every loaded rule's metadata: id, name, severity, category, rationale, citations. */
  rules(): RuleMeta[];
  /** CDS Hooks 2.0 cards for a Result, one per finding, with stable uuids. */
  toCdsHooksCards(result: CheckResult | string, options?: CardOptions): Card[];
  /** Diagnostics: the WebAssembly memory size in bytes (grows, never shrinks; BENCHMARKS.md checks it stays flat). */
  memoryBytes(): number;
  /** Frees the wasm memory now (otherwise a FinalizationRegistry does it). */
  free(): void;
}

/** Loads the wasm once (browsers); later calls return the same promise. Node needs nothing. */
export declare function initChargecheck(wasm?: WasmSource): Promise<void>;

/** Loads the wasm (once) and returns a Validator with the embedded rules. */
export declare function createValidator(options?: { wasm?: WasmSource }): Promise<Validator>;

/** CDS Hooks 2.0 cards for a Result, with the embedded rules' names and sources. */
export declare function toCdsHooksCards(result: CheckResult | string, options?: CardOptions): Card[];

/** Whether an error is chargecheck's "could not check this input" error. */
export declare function isChargecheckInputError(error: unknown): error is ChargecheckInputError;
