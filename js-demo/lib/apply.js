// Carrying out a finding's suggestion (CONTRACT.md section 2) on the encounter the note
// screen holds, and the bookkeeping that keeps the note consistent afterwards
// (diagnosis pointers, procedure links and override line numbers). Pure functions:
// they return a new encounter and never touch the DOM, so Node tests them directly.

export const SUGGESTION_KINDS = ['replace_code', 'add_modifier', 'remove_modifier', 'replace_modifier', 'set_units',
  'add_charge', 'remove_charge', 'add_diagnosis', 'replace_diagnosis'];

const MAX_MODIFIERS = 4;
const MAX_POINTERS = 4;

export const clone = (value) => structuredClone(value);
const normCode = (code) => String(code ?? '').replace('.', '').toUpperCase();

/** The kind of a suggestion object (its one key), or null. */
export function suggestionKind(suggestion) {
  if (!suggestion || typeof suggestion !== 'object') return null;
  return SUGGESTION_KINDS.find((k) => k in suggestion) ?? null;
}

/** A short button label, in the billing office's words. */
export function describeSuggestion(suggestion, charge) {
  const line = charge === null || charge === undefined ? '' : ` on line ${charge + 1}`;
  switch (suggestionKind(suggestion)) {
    case 'replace_code': return `Change code to ${suggestion.replace_code}`;
    case 'add_modifier': return `Add modifier ${suggestion.add_modifier}`;
    case 'remove_modifier': return `Remove modifier ${suggestion.remove_modifier}`;
    case 'replace_modifier': return `Change modifier ${suggestion.replace_modifier.from} to ${suggestion.replace_modifier.to}`;
    case 'set_units': return `Set units to ${suggestion.set_units}`;
    case 'add_charge': {
      const c = suggestion.add_charge;
      const mods = c.modifiers?.length ? `-${c.modifiers.join('-')}` : '';
      return `Add line ${c.code}${mods} × ${c.units ?? 1}`;
    }
    case 'remove_charge': return `Remove line${line}`;
    case 'add_diagnosis': return `Add diagnosis ${suggestion.add_diagnosis}`;
    case 'replace_diagnosis': return `Change ${suggestion.replace_diagnosis.from} to ${suggestion.replace_diagnosis.to}`;
    default: return null;
  }
}

/**
 * Applies `finding.suggestion` to a copy of `encounter` and returns the copy.
 * Throws an Error when the suggestion needs a charge line that is not there.
 */
export function applySuggestion(encounter, finding) {
  const enc = clone(encounter);
  enc.charges ??= [];
  const s = finding.suggestion;
  const index = finding.charge;
  const line = () => {
    const c = enc.charges[index];
    if (!c) throw new Error(`the suggestion names charge line ${index === null ? '(none)' : index + 1}, which is not on the note`);
    c.modifiers ??= [];
    c.diagnosis_pointers ??= [];
    return c;
  };
  switch (suggestionKind(s)) {
    case 'replace_code': line().code = s.replace_code; break;
    case 'add_modifier': {
      const c = line();
      if (!c.modifiers.includes(s.add_modifier)) {
        if (c.modifiers.length >= MAX_MODIFIERS) throw new Error('the line already carries four modifiers');
        c.modifiers.push(s.add_modifier);
      }
      break;
    }
    case 'remove_modifier': { const c = line(); c.modifiers = c.modifiers.filter((m) => m !== s.remove_modifier); break; }
    case 'replace_modifier': {
      const c = line();
      const { from, to } = s.replace_modifier;
      const at = c.modifiers.indexOf(from);
      if (at >= 0) c.modifiers[at] = to;
      else if (!c.modifiers.includes(to)) c.modifiers.push(to);
      c.modifiers = [...new Set(c.modifiers)];
      break;
    }
    case 'set_units': line().units = s.set_units; break;
    case 'add_charge': enc.charges.push(newChargeLine(enc, s.add_charge, index)); break;
    case 'remove_charge': line(); return removeCharge(enc, index);
    case 'add_diagnosis': {
      const pointer = ensureDiagnosis(enc, s.add_diagnosis);
      const c = enc.charges[index];
      if (c) {
        c.diagnosis_pointers ??= [];
        if (!c.diagnosis_pointers.includes(pointer) && c.diagnosis_pointers.length < MAX_POINTERS) c.diagnosis_pointers.push(pointer);
      }
      break;
    }
    case 'replace_diagnosis': replaceDiagnosis(enc, s.replace_diagnosis.from, s.replace_diagnosis.to); break;
    default: throw new Error('this finding carries no suggestion to apply');
  }
  return enc;
}

/**
 * A new charge line for an add_charge suggestion. The suggestion gives code, units and
 * modifiers; pointers and linked procedures come from the suggestion when it has them,
 * else from the line the finding concerns (an add-on bills the same procedures and
 * diagnoses as its primary), else the first diagnosis.
 */
function newChargeLine(enc, add, fromIndex) {
  const from = fromIndex === null || fromIndex === undefined ? null : enc.charges[fromIndex];
  const line = { code: add.code, modifiers: [...(add.modifiers ?? [])], units: add.units ?? 1 };
  line.diagnosis_pointers = [...(add.diagnosis_pointers ?? from?.diagnosis_pointers ?? (enc.diagnoses?.length ? [1] : []))];
  const procedures = add.procedures ?? from?.procedures;
  if (procedures?.length) line.procedures = [...procedures];
  return line;
}

/** Removes a charge line and renumbers overrides that name later lines. */
export function removeCharge(encounter, index) {
  const enc = clone(encounter);
  enc.charges.splice(index, 1);
  if (enc.overrides) {
    enc.overrides = enc.overrides
      .filter((o) => o.charge !== index)
      .map((o) => (o.charge !== null && o.charge !== undefined && o.charge > index ? { ...o, charge: o.charge - 1 } : o));
  }
  return enc;
}

/** Adds a diagnosis if it is not listed (dot-insensitive) and returns its 1-based pointer. */
export function ensureDiagnosis(enc, code) {
  enc.diagnoses ??= [];
  const at = enc.diagnoses.findIndex((d) => normCode(d.code) === normCode(code));
  if (at >= 0) return at + 1;
  enc.diagnoses.push({ code });
  return enc.diagnoses.length;
}

/** Replaces a diagnosis code in the list and in every lesion that names it. */
export function replaceDiagnosis(enc, from, to) {
  const already = (enc.diagnoses ?? []).findIndex((d) => normCode(d.code) === normCode(to));
  const at = (enc.diagnoses ?? []).findIndex((d) => normCode(d.code) === normCode(from));
  if (at >= 0 && already >= 0 && already !== at) {
    // `to` is listed already: point the lines at it and drop `from`.
    for (const c of enc.charges ?? []) c.diagnosis_pointers = (c.diagnosis_pointers ?? []).map((p) => (p === at + 1 ? already + 1 : p));
    Object.assign(enc, removeDiagnosis(enc, at));
  } else if (at >= 0) {
    enc.diagnoses[at] = { ...enc.diagnoses[at], code: to };
  } else {
    ensureDiagnosis(enc, to);
  }
  for (const l of enc.lesions ?? []) if (normCode(l.diagnosis) === normCode(from)) l.diagnosis = to;
  for (const c of enc.charges ?? []) c.diagnosis_pointers = [...new Set(c.diagnosis_pointers ?? [])];
  return enc;
}

/** Removes diagnosis `index` (0-based); pointers to it go, later pointers move up. */
export function removeDiagnosis(encounter, index) {
  const enc = clone(encounter);
  enc.diagnoses.splice(index, 1);
  const removed = index + 1;
  for (const c of enc.charges ?? []) {
    c.diagnosis_pointers = (c.diagnosis_pointers ?? []).filter((p) => p !== removed).map((p) => (p > removed ? p - 1 : p));
  }
  return enc;
}

/** Removes a lesion and its id from every procedure's lesion list. */
export function removeLesion(encounter, index) {
  const enc = clone(encounter);
  const [gone] = enc.lesions.splice(index, 1);
  for (const p of enc.procedures ?? []) p.lesions = (p.lesions ?? []).filter((id) => id !== gone.id);
  return enc;
}

/** Removes a procedure and its id from every charge line. */
export function removeProcedure(encounter, index) {
  const enc = clone(encounter);
  const [gone] = enc.procedures.splice(index, 1);
  for (const c of enc.charges ?? []) {
    if (c.procedures) c.procedures = c.procedures.filter((id) => id !== gone.id);
  }
  return enc;
}

/** The next free id with a prefix: L1, L2, ... */
export function nextId(items, prefix) {
  const used = new Set((items ?? []).map((i) => i.id));
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/**
 * Adds overrides for reviewed warnings: `reasons` is [{rule, charge, reason}]. An
 * override for the same rule and line replaces the earlier one.
 */
export function withOverrides(encounter, reasons) {
  const enc = clone(encounter);
  const key = (o) => `${o.rule}|${o.charge ?? ''}`;
  const byKey = new Map((enc.overrides ?? []).map((o) => [key(o), o]));
  for (const o of reasons) byKey.set(key(o), { rule: o.rule, charge: o.charge ?? null, reason: o.reason });
  enc.overrides = [...byKey.values()];
  return enc;
}
