import "server-only";

import { analysisRouter } from "../analysis/analysis.router";
import { appealsRouter } from "../appeals/appeals.router";
import { assessmentRouter } from "../assessment/assessment.router";
import { accountRouter } from "../auth/account.router";
import { authRouter } from "../auth/auth.router";
import { catalogRouter } from "../catalog/catalog.router";
import { deviceRouter } from "../device/device.router";
import { feedbackRouter } from "../feedback/feedback.router";
import { flagsRouter } from "../flags/flags.router";
import { identityRouter } from "../identity/identity.router";
import { manageRouter } from "../manage/manage.router";
import { meRouter } from "../me/me.router";
import { overviewRouter } from "../overview/overview.router";
import { ratingDeskRouter } from "../ratingdesk/ratingdesk.router";
import { ratingsRouter } from "../ratings/ratings.router";
import { reportsRouter } from "../reports/report.router";
import { statsRouter } from "../stats/stats.router";
import { tasksRouter } from "../tasks/tasks.router";
import { workOrdersRouter } from "../workorders/workorders.router";
import { router } from "./init";

export const appRouter = router({
  account: accountRouter,
  analysis: analysisRouter,
  appeals: appealsRouter,
  assessment: assessmentRouter,
  auth: authRouter,
  catalog: catalogRouter,
  device: deviceRouter,
  feedback: feedbackRouter,
  flags: flagsRouter,
  identity: identityRouter,
  manage: manageRouter,
  me: meRouter,
  overview: overviewRouter,
  ratingDesk: ratingDeskRouter,
  ratings: ratingsRouter,
  reports: reportsRouter,
  stats: statsRouter,
  tasks: tasksRouter,
  workOrders: workOrdersRouter,
});

export type AppRouter = typeof appRouter;
