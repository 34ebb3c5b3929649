// What a mapper is given besides its (validated) resource: reference resolution against the
// Bundle and the registry, and the import's note index. Problems are reported two ways:
//   throw new Rejected(reason)  → this resource is refused (ctx.reject), the import goes on;
//   ImportError                 → the input is inconsistent (a dangling clinical reference): stop.
import { ImportError } from "../import-record";
import type { NoteIndex } from "./notes";
import { type BundleIndex, type Registry, parseReference, resolveTarget } from "./references";
import { type CodeableConcept, type Reference, Medication } from "./schemas";

export class Rejected extends Error {}

/** Where the resource being mapped sits, for error messages and contained/fullUrl lookups. */
export type Location = {
  file: string;
  line: number;
  /** "Observation/123", to name the resource in messages. */
  resource: string;
  fullUrl?: string;
  bundle: BundleIndex | null;
};

export type ImportState = {
  registry: Registry;
  notes: NoteIndex;
  skip: (what: string) => void;
};

export class MapContext {
  constructor(
    readonly state: ImportState,
    readonly location: Location,
  ) {}

  get notes(): NoteIndex {
    return this.state.notes;
  }

  skip(what: string): void {
    this.state.skip(what);
  }

  /** The Patient.id a subject/patient reference points at. */
  patient(ref: Reference | undefined, field: string): string {
    if (!ref?.reference) throw new Rejected(`no ${field} reference to a Patient`);
    const parsed = parseReference(ref.reference);
    const target = resolveTarget(parsed, this.location.bundle);
    if (target && target.type !== "Patient") {
      throw new Rejected(`${field} is ${target.type}/${target.id}, not a Patient`);
    }
    const status = target ? this.state.registry.patients.get(target.id) : undefined;
    if (!target || !status) this.dangling(field, ref.reference);
    if (status === "rejected") throw new Rejected(`${field} Patient/${target.id} was rejected`);
    return target.id;
  }

  /**
   * The Encounter.id an encounter/context reference points at; null when there is none or
   * the Encounter was rejected (the event stays, without its encounter).
   */
  encounter(ref: Reference | undefined, field: string): string | null {
    if (!ref?.reference) return null;
    const parsed = parseReference(ref.reference);
    const target = resolveTarget(parsed, this.location.bundle);
    if (target && target.type !== "Encounter") return null;
    const status = target ? this.state.registry.encounters.get(target.id) : undefined;
    if (!target || !status) this.dangling(field, ref.reference);
    return status === "mapped" ? target.id : null;
  }

  /** The code of a referenced Medication (contained, in this Bundle, or read earlier). */
  medication(ref: Reference, contained: unknown[] | undefined): CodeableConcept | undefined {
    if (!ref.reference) return undefined;
    const parsed = parseReference(ref.reference);
    if (parsed.kind === "contained") {
      const found = contained?.find((r) => isRecord(r) && r.resourceType === "Medication" && r.id === parsed.id);
      const medication = Medication.safeParse(found);
      return medication.success ? medication.data.code : undefined;
    }
    const target = resolveTarget(parsed, this.location.bundle);
    return target?.type === "Medication" ? this.state.registry.medications.get(target.id) : undefined;
  }

  private dangling(field: string, reference: string): never {
    const { file, line, resource } = this.location;
    throw new ImportError(`dangling reference: ${resource} ${field} "${reference}" is not in the input`, file, line);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
