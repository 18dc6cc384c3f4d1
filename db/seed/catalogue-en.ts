/**
 * The indicator catalogue in English, keyed by the stable codes of catalogue-data.ts (which keeps
 * the rules' Chinese as it is). Written for elderly readers abroad: plain words, short sentences.
 * 该事项 is "this service", 窗口 a "counter", 大厅 a "service hall".
 */

const STANDARDS = "Service standards";
const CONVENIENCE = "Convenience";
const ACCURACY = "Accuracy";

export const INDICATOR_EN: Record<string, { name: string; dimension: string | null }> = {
  overall: { name: "Overall rating", dimension: null },
  "biz.venue": { name: "Place of service", dimension: STANDARDS },
  "biz.window": { name: "Service counter", dimension: STANDARDS },
  "biz.one_form": { name: "One application form", dimension: STANDARDS },
  "biz.online_depth": { name: "How much can be done online", dimension: CONVENIENCE },
  "biz.mobile": { name: "Using a mobile phone", dimension: CONVENIENCE },
  "biz.trips": { name: "Number of visits", dimension: CONVENIENCE },
  "biz.guidance": { name: "Guidance", dimension: ACCURACY },
  "biz.materials": { name: "Documents needed", dimension: ACCURACY },
  "biz.duration": { name: "Time taken", dimension: ACCURACY },
  "svc.attitude": { name: "Staff attitude", dimension: null },
  "svc.ability": { name: "Staff skills", dimension: null },
};

const OTHER = "Other";

/** The overall's bad-review tags are the same at both bad levels. */
const overallBad = (level: "unsatisfied" | "very_unsatisfied") => ({
  [`overall.${level}.1`]: "It took longer than the legal time limit, with no good reason",
  [`overall.${level}.2`]: "Conditions were added that are not in the service guide",
  [`overall.${level}.3`]: "Documents not in the service guide were asked for",
  [`overall.${level}.other`]: OTHER,
});

export const TAG_EN: Record<string, string> = {
  ...overallBad("unsatisfied"),
  ...overallBad("very_unsatisfied"),

  "biz.venue.very_satisfied.1":
    "This service is handled on the government's all-in-one services website",
  "biz.venue.satisfied.1": "This service is handled on the department's own services website",
  "biz.venue.basic.1": "This service is handled at the all-in-one service hall",
  "biz.venue.unsatisfied.1": "This service has to be handled at the department's own service hall",
  "biz.venue.very_unsatisfied.1": "This service has to be handled at the department's offices",

  "biz.window.very_satisfied.1":
    "This service is accepted, and the result handed over, at the general counter, all in one go",
  "biz.window.satisfied.1":
    "This service is accepted at a department's own counter in the service hall, and the result handed over at the general counter",
  "biz.window.basic.1":
    "This service is accepted, and the result handed over, at a department's own counter in the service hall",
  "biz.window.unsatisfied.1":
    "This service is accepted at a department's own counter in the service hall, but the result has to be collected outside the hall",
  "biz.window.very_unsatisfied.1":
    "A department's counter in the service hall could only answer questions; this service could not be completed there and then",

  "biz.one_form.very_satisfied.1": "One form was enough to apply for several services",
  "biz.one_form.satisfied.1": "Only one form had to be filled in to apply for this service",
  "biz.one_form.basic.1": "Before applying, a checklist of all the documents needed was given",
  "biz.one_form.unsatisfied.1": "Documents not on the checklist were also needed for this service",
  "biz.one_form.very_unsatisfied.1":
    "There was no checklist telling all the documents needed at one time",

  "biz.online_depth.very_satisfied.1":
    "This service can be applied for online; the application is checked in advance, and the result is given online",
  "biz.online_depth.satisfied.1":
    "This service can be applied for online, and the result is given online",
  "biz.online_depth.basic.1":
    "This service can be applied for online, or its result is given online",
  "biz.online_depth.unsatisfied.1": "For this service, only questions can be asked online",
  "biz.online_depth.very_unsatisfied.1": "For this service, information can only be read online",

  "biz.mobile.very_satisfied.1":
    "This service was applied for on a mobile phone, with the all-in-one government services app",
  "biz.mobile.satisfied.1": "This service is applied for through a department's all-in-one app",
  "biz.mobile.basic.1":
    "This service can be done on a computer, a mobile phone or a self-service machine",
  "biz.mobile.unsatisfied.1":
    "A special app of the department has to be downloaded for this service",
  "biz.mobile.very_unsatisfied.1":
    "For this service, different channels had to be used or several apps downloaded",

  "biz.trips.very_satisfied.1": "This service is done without going to a service hall at all",
  "biz.trips.satisfied.1": "This service is done with only 1 visit in person",
  "biz.trips.basic.1": "This service needs 2 visits in person",
  "biz.trips.unsatisfied.1": "This service needs more than 2 visits to a service hall",
  "biz.trips.very_unsatisfied.1":
    "This service meant going again and again, back and forth, or to several different offices",

  "biz.guidance.very_satisfied.1":
    "This service can be found online, and done online or at a service hall",
  "biz.guidance.satisfied.1":
    "Following the online service guide, this service was done easily at a service hall or on a self-service machine",
  "biz.guidance.basic.1": "When, where and how to do this service can be found online",
  "biz.guidance.unsatisfied.1":
    "The right counter for this service was found only by asking staff at the service hall",
  "biz.guidance.very_unsatisfied.1":
    "How to do this service was found out only by asking the counter staff",

  "biz.materials.very_satisfied.1":
    "This service needs no certificates, permits or approval papers from government departments",
  "biz.materials.satisfied.1":
    "Documents of the same kind handed in before did not have to be handed in again",
  "biz.materials.basic.1":
    "Sample documents, examples of how to fill them in and examples of common mistakes are provided",
  "biz.materials.unsatisfied.1":
    "The service guide for this service does not list the documents to hand in",
  "biz.materials.very_unsatisfied.1":
    "The service guide does not list the documents, so more had to be handed in again and again",

  "biz.duration.very_satisfied.1":
    "This service was completed on the spot or within one working day",
  "biz.duration.satisfied.1": "This service was completed within the promised time",
  "biz.duration.basic.1": "This service was completed within the legal time limit",
  "biz.duration.unsatisfied.1": "The completion of this service was delayed",
  "biz.duration.very_unsatisfied.1":
    "This service took longer than the legal time limit, with no good reason given",

  "svc.attitude.very_satisfied.1":
    "Staff were properly dressed, smiling, helpful without being asked, warm and attentive",
  "svc.attitude.satisfied.1": "Staff were neatly dressed, helpful without being asked, and polite",
  "svc.attitude.basic.1": "Staff were neatly dressed and served by the rules",
  "svc.attitude.unsatisfied.1":
    "Staff were not helpful or friendly, and could not answer questions in time",
  "svc.attitude.unsatisfied.other": OTHER,
  "svc.attitude.very_unsatisfied.1": "Staff were rude and made things difficult on purpose",
  "svc.attitude.very_unsatisfied.other": OTHER,

  "svc.ability.very_satisfied.1": "Staff knew the work very well and were very efficient",
  "svc.ability.satisfied.1": "Staff knew the work well and were quite efficient",
  "svc.ability.basic.1":
    "Staff knew the work fairly well and handled the application without problems",
  "svc.ability.unsatisfied.1": "Staff did not know the work well and were rather slow",
  "svc.ability.unsatisfied.other": OTHER,
  "svc.ability.very_unsatisfied.1": "Staff hardly knew the work and were slow",
  "svc.ability.very_unsatisfied.2":
    "The documents needed were not all explained at once, or not clearly and exactly",
  "svc.ability.very_unsatisfied.other": OTHER,
};
