/** The registry domain: persons, households, employment, training and enterprises, their imports, and their facts. */
export { registryRoutes } from './registry.routes.ts';
export { listPersons, getPerson, createPerson, updatePerson, addPersonGroup, endPersonGroup } from './persons.service.ts';
export { addEmployment, endEmployment, addTraining } from './employment.service.ts';
export { createHousehold, getHousehold, listHouseholds } from './households.service.ts';
export { createEnterprise, getEnterprise, listEnterprises, updateEnterprise } from './enterprises.service.ts';
export { importRegistryFile, getImport, abandonStaleImports, type ImportRequest, type ImportActor } from './import/import.service.ts';
export { tableFormatOf, type TableFormat } from './import/table-stream.ts';
export { personFacts, enterpriseFacts, type PersonFacts, type EnterpriseFacts } from './facts.ts';
export { smeSizeClass, industryGroup, type SizeInput, type SizeResult } from './sme-size.ts';
export { canReadPerson, canWritePerson, canReadEnterprise, canWriteEnterprise, commandLineRegistryActor } from './registry.policy.ts';
