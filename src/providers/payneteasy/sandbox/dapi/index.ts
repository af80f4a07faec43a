export { registerDapiSandboxRoutes } from './routes';
export { DapiSandboxState, type DapiMerchant, type DapiInvoice } from './state';
export { DAPI_TEST_CARDS } from './scenarios';
