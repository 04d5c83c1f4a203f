/** The benefits domain: the policy catalogue, registry facts for the rules, applications, grants and payments. */
export { loadPolicyPacks, recordPolicyPack, policyCatalogue, policyVersion, findCataloguePolicy, packDocumentHash, type CataloguePack } from './catalogue.ts';
export { factsForPerson, factsForEnterprise, factsSchema, type RegistryFacts, type PersonFactsOptions } from './registry-facts.ts';
export { applicationsRoutes } from './applications.routes.ts';
export { paymentsRoutes } from './payments.routes.ts';
export { createApplication, updateApplication, attachEvidence, submitApplication } from './applications.service.ts';
export { acceptApplication, passFirstReview, approveApplication, rejectApplication, withdrawApplication } from './applications.review.ts';
export { getApplication, listApplications } from './applications.read.ts';
export { recordGrant, type GrantInput } from './grants.ts';
export { createPaymentBatch, addToPaymentBatch, submitPaymentBatch, approvePaymentBatch, recordPayment, recordClawback, type PaymentBatchItem } from './payments.service.ts';
export { benefitMatchingRoutes } from './benefit-matching.routes.ts';
export { matchAnswers, matchRegistered, type MatchResult } from './matching/matching.service.ts';
export { startRun, advanceRun, workRun, stopRun, resumeRun, approveRun, getRun, runTotals, advanceRunningRuns, type StartRunInput } from './runs/runs.service.ts';
export { newlyEligible, type NewlyEligible } from './runs/newly-eligible.service.ts';
export { tryChange, type WhatIfInput } from './runs/what-if.service.ts';
export { payRun } from './runs/run-payment.ts';
export { resumeStaleRuns, staleRunAfterMs } from './runs/stale-runs.ts';
