import { ERASED, type Pii } from "../privacy/pii";

/** What an applicant row keeps sealed: one value, one seal (applicants.pii_enc, migration 0025). */
export interface ApplicantPii {
  name: string;
  idNumber: string;
  phone: string;
  agentName: string | null;
}

const NOTHING: ApplicantPii = { name: "", idNumber: "", phone: "", agentName: null };

/** One AES (or SM4) seal for the whole person: four cost an intake event four times the work. */
export function sealApplicantPii(
  pii: Pii,
  a: Omit<ApplicantPii, "agentName"> & { agentName?: string | null | undefined },
): string {
  const value: ApplicantPii = {
    name: a.name,
    idNumber: a.idNumber,
    phone: a.phone,
    agentName: a.agentName ?? null,
  };
  return pii.encrypt(JSON.stringify(value));
}

/**
 * The one reader of applicants.pii_enc. An erased applicant (PII retention) opens as empty
 * fields, so a page shows no name rather than failing; a row the upgrade step has not re-sealed
 * yet is a setup that did not finish, said as such.
 */
export function openApplicantPii(pii: Pii, sealed: string | null): ApplicantPii {
  if (sealed === null)
    throw new Error(
      "an applicant is still sealed field by field: run npm run db:setup to finish 0025",
    );
  if (sealed === ERASED) return NOTHING;
  return JSON.parse(pii.decrypt(sealed)) as ApplicantPii;
}
