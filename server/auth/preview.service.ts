import "server-only";

import { activeCatalogue, type CatalogueIndicator } from "../catalog/indicators.service";
import type { Deps } from "../deps";
import { codeSubjectOf, mintCode } from "../qr/qr.service";
import { type CaseHeader, ratingPage } from "../ratings/page.service";
import { ratedIndicators } from "../ratings/ratings.rules";
import type { StaffSession } from "./auth.service";
import { caseForStaff } from "./staff-cases.service";

/**
 * The rating page as the applicant will see it, for a case staff may see: the header and the
 * indicators of the stage that is open (or, before completion, of the completion stage). The code
 * used to build it never leaves the server.
 */
export async function previewFor(
  deps: Deps,
  session: StaffSession,
  serialNo: string,
): Promise<{
  header: CaseHeader;
  stage: "receipt" | "completion";
  indicators: CatalogueIndicator[];
}> {
  const c = await caseForStaff(deps, session, serialNo);
  const { token } = await mintCode(deps, { ...codeSubjectOf(c), kind: "static" });
  const page = await ratingPage(deps, token, null, true);
  if ("message" in page) throw new Error(`a freshly minted code reads as ${page.state}`);
  if (page.stage) return { header: page.header, stage: page.stage, indicators: page.indicators };
  const catalogue = await activeCatalogue(deps.database.db);
  return {
    header: page.header,
    stage: "completion",
    indicators: ratedIndicators(catalogue.indicators, "completion", c.staffId !== null),
  };
}
