/** The checkout's catalogue: products by scan or search, buyers by identification. */
export {
  type CatalogoDeps,
  type CatalogoHandlers,
  createCatalogoHandlers,
  productoCaja,
} from './handlers';
