import { listCatalog } from "@/server/catalog/catalog.service";
import { v1Handler } from "@/server/http/v1";

export const GET = v1Handler({ scope: "cases" }, ({ deps }) => listCatalog(deps.database.db));
