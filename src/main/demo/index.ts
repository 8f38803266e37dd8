export type { DemoSeedReport } from './seed';
export {
  DEMO_BUYERS,
  DEMO_ISSUER,
  DEMO_USERS,
  demoProductInputs,
  priceWithoutIvaMicro,
  seedDemoStore,
  seedProducts,
  withEan13CheckDigit,
} from './seed';
