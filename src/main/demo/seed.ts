/**
 * A sample corner store in Guayaquil (`mostrador serve --demo`), so a newcomer can sell at
 * once: issuer in ambiente pruebas, establishment 001, emission point 001, a catalogue with
 * EAN-13 barcodes at IVA 15 %, 5 % and 0 %, a few buyers and three users. Also the catalogue
 * generator for the benchmarks.
 */

import * as z from 'zod';
import { err, ok, type Result } from '../../shared/result';
import type { Database } from '../db/connection';
import { createIdGenerator, type IdGenerator } from '../db/ids';
import { hashPin } from '../db/pin';
import { upsertBuyer } from '../db/repos/buyers';
import { upsertProducts } from '../db/repos/products';
import { getSetting, SETTING_KEYS, setSetting } from '../db/repos/settings';
import {
  getIssuer,
  setTerminalEmissionPoint,
  upsertEmissionPoint,
  upsertEstablishment,
  upsertIssuer,
} from '../db/repos/store';
import { appUser, type IVA_CODIGOS_PORCENTAJE, newSearchRowid, type UNIDADES } from '../db/schema';
import { type Clock, systemClock } from '../log';

type Deps = { clock: Clock; ids: IdGenerator };

/**
 * Appends the EAN-13 check digit (GS1: weights 1,3,1,3… from the left over 12 digits).
 * @example withEan13CheckDigit('786123456789') // '7861234567895'
 */
export const withEan13CheckDigit = (first12: string): string => {
  if (!/^[0-9]{12}$/.test(first12)) throw new Error(`EAN-13 necesita 12 dígitos: ${first12}`);
  const sum = [...first12].reduce((acc, c, i) => acc + Number(c) * (i % 2 === 0 ? 1 : 3), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
};

/** The demo issuer: a made-up sociedad whose RUC passes the SRI checksum (docs/sri.md §5). */
export const DEMO_ISSUER = {
  ruc: '0992817364001',
  razonSocial: 'COMERCIAL DON LUCHO CIA. LTDA.',
  nombreComercial: 'Tienda Don Lucho',
  direccionMatriz: 'Av. Quito 1523 y Padre Solano, Guayaquil',
  obligadoContabilidad: true,
  contribuyenteEspecial: null,
  agenteRetencion: null,
  regimen: null,
  ambiente: '1',
} as const;

/** PINs of the demo users, shown on the demo's login so anyone can try each role. */
export const DEMO_USERS = [
  { nombre: 'Rosa Villamar', rol: 'administrador', pin: '9012' },
  { nombre: 'Jorge Cedeño', rol: 'supervisor', pin: '5678' },
  { nombre: 'Andrea Mendoza', rol: 'cajero', pin: '1234' },
] as const;

export const DEMO_BUYERS = [
  {
    tipoIdentificacion: '05',
    identificacion: '0923456784',
    razonSocial: 'María Fernanda Zambrano Vera',
    email: 'mfzambrano@example.com',
    telefono: '0991234567',
    direccion: 'Cdla. Kennedy Norte, Mz. 12 V. 4, Guayaquil',
  },
  {
    tipoIdentificacion: '04',
    identificacion: '1712345675001',
    razonSocial: 'Carlos Andrés Paredes Guerrero',
    email: 'cparedes@example.com',
    telefono: '0987654321',
    direccion: 'Av. 10 de Agosto N24-15, Quito',
  },
  {
    tipoIdentificacion: '04',
    identificacion: '1792453186001',
    razonSocial: 'DISTRIBUIDORA ANDINA DEL PACIFICO S.A.',
    email: 'compras@example.com',
    telefono: '022456789',
    direccion: 'Av. Eloy Alfaro N35-09 y Portugal, Quito',
  },
  {
    tipoIdentificacion: '05',
    identificacion: '0104567896',
    razonSocial: 'Luis Alberto Cárdenas Ochoa',
    email: null,
    telefono: '0998877665',
    direccion: 'Calle Larga 7-45, Cuenca',
  },
  {
    tipoIdentificacion: '06',
    identificacion: 'AB1234567',
    razonSocial: 'John Peterson',
    email: 'jpeterson@example.com',
    telefono: null,
    direccion: null,
  },
] as const;

type DemoProduct = {
  description: string;
  /** Shelf price (PVP) with IVA, in cents: what the store owner knows. */
  pvpCents: number;
  iva: '0' | '4' | '5';
  unit?: (typeof UNIDADES)[number];
  isWeighed?: boolean;
};

/** IVA codigoPorcentaje → rate in basis points (docs/sri.md §4). */
const TARIFA_BP: Record<DemoProduct['iva'], number> = { '0': 0, '4': 1500, '5': 500 };

// Basic foods are IVA 0 %; processed goods, drinks and cleaning IVA 15 %; listed construction
// materials 5 % (Decreto Ejecutivo 198).
const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { description: 'Leche entera Vita 1 L', pvpCents: 105, iva: '0' },
  { description: 'Leche semidescremada Nutrileche 1 L', pvpCents: 110, iva: '0' },
  { description: 'Arroz Gustadina 2 kg', pvpCents: 260, iva: '0' },
  { description: 'Arroz Real Flor 5 lb', pvpCents: 295, iva: '0' },
  { description: 'Azúcar blanca San Carlos 2 kg', pvpCents: 245, iva: '0' },
  { description: 'Aceite de girasol La Favorita 1 L', pvpCents: 310, iva: '0' },
  { description: 'Atún Real en aceite 180 g', pvpCents: 165, iva: '0' },
  { description: 'Sardina Isabel en salsa de tomate 425 g', pvpCents: 185, iva: '0' },
  { description: 'Huevos de gallina cubeta x 30', pvpCents: 450, iva: '0' },
  { description: 'Pan de molde Supan blanco 550 g', pvpCents: 199, iva: '0' },
  { description: 'Fideo tallarín Don Vittorio 400 g', pvpCents: 115, iva: '0' },
  { description: 'Harina de trigo Ya 1 kg', pvpCents: 145, iva: '0' },
  { description: 'Avena Quaker 400 g', pvpCents: 175, iva: '0' },
  { description: 'Lenteja Facundo 500 g', pvpCents: 135, iva: '0' },
  { description: 'Sal Crisal yodada 1 kg', pvpCents: 60, iva: '0' },
  { description: 'Queso fresco El Kiosko 500 g', pvpCents: 395, iva: '0' },
  { description: 'Mantequilla Dos Pinos con sal 250 g', pvpCents: 285, iva: '0' },
  { description: 'Yogur Toni frutilla 1 L', pvpCents: 240, iva: '0' },
  { description: 'Plátano verde', pvpCents: 60, iva: '0', unit: 'kg', isWeighed: true },
  { description: 'Tomate riñón', pvpCents: 180, iva: '0', unit: 'kg', isWeighed: true },
  { description: 'Cebolla paiteña', pvpCents: 150, iva: '0', unit: 'kg', isWeighed: true },
  { description: 'Papa chola', pvpCents: 110, iva: '0', unit: 'kg', isWeighed: true },
  { description: 'Pechuga de pollo', pvpCents: 620, iva: '0', unit: 'kg', isWeighed: true },
  { description: 'Carne de res para asar', pvpCents: 880, iva: '0', unit: 'kg', isWeighed: true },
  {
    description: 'Queso mozzarella a granel',
    pvpCents: 990,
    iva: '0',
    unit: 'kg',
    isWeighed: true,
  },
  { description: 'Coca-Cola 1,35 L', pvpCents: 125, iva: '4' },
  { description: 'Coca-Cola lata 355 ml', pvpCents: 75, iva: '4' },
  { description: 'Fanta naranja 500 ml', pvpCents: 70, iva: '4' },
  { description: 'Agua Güitig con gas 1,5 L', pvpCents: 115, iva: '4' },
  { description: 'Agua Tesalia sin gas 1 L', pvpCents: 70, iva: '4' },
  { description: 'Jugo Sunny naranja 1 L', pvpCents: 135, iva: '4' },
  { description: 'Cerveza Pilsener 600 ml', pvpCents: 150, iva: '4' },
  { description: 'Cerveza Club Premium lata 355 ml', pvpCents: 130, iva: '4' },
  { description: 'Papas Ruffles original 150 g', pvpCents: 195, iva: '4' },
  { description: 'Galletas Amor vainilla 100 g', pvpCents: 55, iva: '4' },
  { description: 'Chocolate Manicho 30 g', pvpCents: 60, iva: '4' },
  { description: 'Café Sí Café instantáneo 170 g', pvpCents: 520, iva: '4' },
  { description: 'Mayonesa Maggi 200 g', pvpCents: 145, iva: '4' },
  { description: 'Salsa de tomate Los Andes 400 g', pvpCents: 165, iva: '4' },
  { description: 'Detergente Deja 1 kg', pvpCents: 320, iva: '4' },
  { description: 'Jabón de tocador Protex 110 g', pvpCents: 95, iva: '4' },
  { description: 'Papel higiénico Familia x 4', pvpCents: 240, iva: '4' },
  { description: 'Pasta dental Colgate Triple Acción 75 ml', pvpCents: 199, iva: '4' },
  { description: 'Shampoo Sedal 340 ml', pvpCents: 375, iva: '4' },
  { description: 'Cloro Clorox 1 L', pvpCents: 125, iva: '4' },
  { description: 'Fósforos El Ruiseñor caja x 10', pvpCents: 50, iva: '4' },
  { description: 'Pilas Duracell AA x 2', pvpCents: 310, iva: '4' },
  { description: 'Recarga de gas doméstico 15 kg', pvpCents: 300, iva: '0' },
  { description: 'Cemento Holcim Fuerte 50 kg', pvpCents: 845, iva: '5' },
  { description: 'Varilla corrugada Adelca 10 mm x 12 m', pvpCents: 920, iva: '5' },
  { description: 'Bloque de hormigón 15 cm', pvpCents: 55, iva: '5' },
];

/**
 * Unit price without IVA in micro-dollars from a shelf price with IVA, rounded half-up:
 * `pvp / (1 + tarifa)` kept to 6 decimals as the SRI allows (docs/sri.md §4).
 * @example priceWithoutIvaMicro(115, 1500) // 1000000
 */
export const priceWithoutIvaMicro = (pvpCents: number, tarifaBp: number): number => {
  const numerator = BigInt(pvpCents) * 10_000n * 10_000n;
  const denominator = BigInt(10_000 + tarifaBp);
  return Number((numerator * 2n + denominator) / (denominator * 2n));
};

/** The demo catalogue as product inputs (codes `TDL-001`…, GS1 Ecuador prefix 786). */
export const demoProductInputs = () =>
  DEMO_PRODUCTS.map((p, i) => {
    const n = String(i + 1).padStart(3, '0');
    // Weighed goods carry an in-store (prefix 2) code, as scale labels do.
    const barcode = p.isWeighed
      ? withEan13CheckDigit(`20${String(i + 1).padStart(5, '0')}00000`)
      : withEan13CheckDigit(`7861042${String(10_000 + (i + 1) * 37).padStart(5, '0')}`);
    return {
      code: `TDL-${n}`,
      description: p.description,
      unitPriceMicro: priceWithoutIvaMicro(p.pvpCents, TARIFA_BP[p.iva]),
      ivaCodigoPorcentaje: p.iva satisfies (typeof IVA_CODIGOS_PORCENTAJE)[number],
      unit: p.unit ?? 'unidad',
      isWeighed: p.isWeighed ?? false,
      maxDiscountBp: 1000,
      barcodes: [barcode],
    };
  });

export type DemoSeedReport = { seeded: boolean; products: number; buyers: number; users: number };

/**
 * Seeds the demo store once; a second call finds the mark in settings and does nothing.
 * @example await seedDemoStore(db, { clock, ids }) // { seeded: true, products: 51, … }
 */
export const seedDemoStore = async (db: Database, deps: Deps): Promise<Result<DemoSeedReport>> => {
  const already = getSetting(db, SETTING_KEYS.demoSeededAt, z.string());
  if (already.ok && already.value !== undefined) {
    return ok({ seeded: false, products: 0, buyers: 0, users: 0 });
  }
  const configured = getIssuer(db);
  if (configured !== undefined && configured.ruc !== DEMO_ISSUER.ruc) {
    return err(
      'demo_sobre_tienda_real',
      `Esta base de datos ya tiene un emisor (${configured.razonSocial}); la tienda de demostración solo se crea en una base de datos nueva. Use otra carpeta de datos.`,
    );
  }
  // scrypt is slow on purpose: hash before the (synchronous) transaction.
  const users = await Promise.all(
    DEMO_USERS.map(async (u) => ({ ...u, pinHash: await hashPin(u.pin) })),
  );
  const products = demoProductInputs();
  return db.sqlite.transaction(() => {
    const issuerRow = upsertIssuer(db, DEMO_ISSUER, deps);
    const establishmentRow = upsertEstablishment(
      db,
      {
        issuerId: issuerRow.id,
        code: '001',
        address: 'Av. Quito 1523 y Padre Solano, Guayaquil',
        nombreComercial: 'Tienda Don Lucho',
      },
      deps,
    );
    const point = upsertEmissionPoint(
      db,
      { establishmentId: establishmentRow.id, code: '001', description: 'Caja 1' },
      deps,
    );
    setTerminalEmissionPoint(db, point.id, deps.clock);
    upsertProducts(db, products, deps);
    for (const b of DEMO_BUYERS) upsertBuyer(db, b, deps);
    const createdAt = deps.clock.now().toISOString();
    for (const u of users) {
      db.orm
        .insert(appUser)
        .values({
          id: deps.ids.newId(),
          nombre: u.nombre,
          rol: u.rol,
          pinHash: u.pinHash,
          active: true,
          createdAt,
        })
        .run();
    }
    setSetting(db, SETTING_KEYS.demoSeededAt, createdAt, deps.clock);
    return ok({
      seeded: true,
      products: products.length,
      buyers: DEMO_BUYERS.length,
      users: users.length,
    });
  })();
};

const BENCH_WORDS = {
  kinds: [
    'Galletas',
    'Jugo',
    'Leche',
    'Arroz',
    'Atún',
    'Jabón',
    'Detergente',
    'Café',
    'Fideo',
    'Aceite',
    'Yogur',
    'Queso',
    'Salsa',
    'Agua',
    'Cerveza',
    'Chocolate',
    'Harina',
    'Avena',
    'Mermelada',
    'Shampoo',
  ],
  brands: [
    'Vita',
    'Toni',
    'Real',
    'Nestlé',
    'La Favorita',
    'Supan',
    'Facundo',
    'Pronaca',
    'Kiosko',
    'Tesalia',
    'Gustadina',
    'Don Vittorio',
    'Oriental',
    'Snob',
    'Gustoso',
  ],
  variants: [
    'original',
    'light',
    'integral',
    'chocolate',
    'frutilla',
    'vainilla',
    'natural',
    'limón',
    'mora',
    'durazno',
    'coco',
    'picante',
  ],
  sizes: [
    '100 g',
    '200 g',
    '250 g',
    '400 g',
    '500 g',
    '1 kg',
    '2 kg',
    '355 ml',
    '500 ml',
    '1 L',
    '1,5 L',
    '3 L',
  ],
};

/**
 * Inserts `n` generated products with barcodes (codes `BENCH-000001`…) in one transaction,
 * for benchmarks and load tests. Re-running continues after the last generated code.
 * @example seedProducts(db, 20_000) // 20000
 */
export const seedProducts = (
  db: Database,
  n: number,
  deps: Deps = { clock: systemClock, ids: createIdGenerator(systemClock) },
): number => {
  const updatedAt = deps.clock.now().toISOString();
  const insertProduct = db.sqlite.prepare(
    `INSERT INTO product (id, search_rowid, code, description, unit_price_micro,
       iva_codigo_porcentaje, unit, is_weighed, max_discount_bp, active, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'unidad', 0, 0, 1, ?)`,
  );
  const insertBarcode = db.sqlite.prepare(
    'INSERT INTO product_barcode (barcode, product_id) VALUES (?, ?)',
  );
  const last = db.sqlite
    .prepare("SELECT count(*) AS n FROM product WHERE code LIKE 'BENCH-%'")
    .get();
  const start = z.object({ n: z.number() }).parse(last).n;
  const { kinds, brands, variants, sizes } = BENCH_WORDS;
  db.sqlite.transaction(() => {
    for (let i = start; i < start + n; i++) {
      const id = deps.ids.newId();
      const description = [
        kinds[i % kinds.length],
        brands[Math.floor(i / kinds.length) % brands.length],
        variants[Math.floor(i / (kinds.length * brands.length)) % variants.length],
        sizes[i % sizes.length],
      ].join(' ');
      const iva = i % 3 === 0 ? '0' : '4';
      insertProduct.run(
        id,
        newSearchRowid(),
        `BENCH-${String(i + 1).padStart(6, '0')}`,
        description,
        50_000 + ((i * 7_919) % 2_000_000),
        iva,
        updatedAt,
      );
      insertBarcode.run(withEan13CheckDigit(`7869${String(i + 1).padStart(8, '0')}`), id);
    }
  })();
  return n;
};
