/**
 * Writing XML that is already in C14N 1.0 canonical form (see `index.ts` for the guarantee).
 * Text and attribute values are escaped exactly as canonical XML escapes them, so parsing and
 * re-canonicalising our output gives back the same bytes.
 */

/**
 * Escapes character data as C14N does: `&`, `<`, `>` and carriage return.
 * @example escaparTexto('A & B > C') // 'A &amp; B &gt; C'
 */
export const escaparTexto = (texto: string): string =>
  texto.replace(/[&<>\r]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;',
  );

/**
 * Escapes an attribute value as C14N does: `&`, `<`, `"`, tab, line feed and carriage return.
 * @example escaparAtributo('Dto. "A"') // 'Dto. &quot;A&quot;'
 */
export const escaparAtributo = (valor: string): string =>
  valor.replace(/[&<"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#x9;';
      case '\n':
        return '&#xA;';
      default:
        return '&#xD;';
    }
  });

/**
 * A leaf element with escaped text; never self-closing (C14N expands empty elements).
 * @example hoja('razonSocial', 'A&B') // '<razonSocial>A&amp;B</razonSocial>'
 */
export const hoja = (nombre: string, texto: string): string =>
  `<${nombre}>${escaparTexto(texto)}</${nombre}>`;

/**
 * A leaf element only when the value is present.
 * @example hojaOpcional('guiaRemision', undefined) // ''
 */
export const hojaOpcional = (nombre: string, texto: string | undefined): string =>
  texto === undefined ? '' : hoja(nombre, texto);

/**
 * An element wrapping already-serialised children, with no whitespace between them.
 * @example elemento('pagos', ['<pago>…</pago>']) // '<pagos><pago>…</pago></pagos>'
 */
export const elemento = (nombre: string, hijos: readonly string[]): string =>
  `<${nombre}>${hijos.join('')}</${nombre}>`;

/**
 * An element with attributes, sorted by name as C14N requires (no namespaces here).
 * @example conAtributos('campoAdicional', { nombre: 'Correo' }, 'a@b.ec') // '<campoAdicional nombre="Correo">a@b.ec</campoAdicional>'
 */
export const conAtributos = (
  nombre: string,
  atributos: Readonly<Record<string, string>>,
  contenidoEscapado: string,
): string => {
  const attrs = Object.keys(atributos)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((clave) => ` ${clave}="${escaparAtributo(atributos[clave] as string)}"`)
    .join('');
  return `<${nombre}${attrs}>${contenidoEscapado}</${nombre}>`;
};

/** The XML declaration every comprobante starts with, followed by one line feed. */
export const DECLARACION_XML = '<?xml version="1.0" encoding="UTF-8"?>\n';
