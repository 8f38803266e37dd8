/**
 * A print job's state as the cashier reads it (issue 18 §3, docs/architecture.md §10).
 * «Impreso» is said only when the printer took every byte; a job kept as a PDF because no
 * printer is configured says so; a job that did not print says why and offers a retry.
 */
import type { ResultadoImpresion } from '../../shared/contract/impresion';

export type TrabajoParaResultado = {
  id: number;
  documentId: string | null;
  kind: ResultadoImpresion['tipo'];
  status: 'pending' | 'printing' | 'done' | 'failed';
  lastError: string | null;
  savedAsPdf: boolean;
};

/** «La impresora …» → «la impresora …»; an acronym («CUPS no pudo…») keeps its case. */
const enMinuscula = (texto: string): string =>
  /^[A-ZÁÉÍÓÚÑ][a-záéíóúñ]/.test(texto) ? texto.charAt(0).toLowerCase() + texto.slice(1) : texto;

/** @example resultadoDe({ status: 'done', savedAsPdf: false, … }).mensaje // 'Impreso.' */
export const resultadoDe = (job: TrabajoParaResultado): ResultadoImpresion => {
  const base = { trabajoId: job.id, documentoId: job.documentId, tipo: job.kind };
  switch (job.status) {
    case 'done':
      return job.savedAsPdf
        ? {
            ...base,
            resultado: 'guardado_pdf',
            mensaje: 'Guardado como PDF: no hay una impresora configurada (Ajustes › Impresoras).',
            reintentable: false,
          }
        : { ...base, resultado: 'impreso', mensaje: 'Impreso.', reintentable: false };
    case 'printing':
      return { ...base, resultado: 'imprimiendo', mensaje: 'Imprimiendo…', reintentable: false };
    case 'pending':
      return job.lastError === null
        ? { ...base, resultado: 'en_cola', mensaje: 'En cola para imprimir.', reintentable: false }
        : {
            ...base,
            resultado: 'no_impreso',
            mensaje: `No se imprimió: ${enMinuscula(job.lastError)} Se reintentará solo.`,
            reintentable: true,
          };
    case 'failed':
      return {
        ...base,
        resultado: 'no_impreso',
        mensaje: `No se imprimió: ${enMinuscula(job.lastError ?? 'la impresora no respondió.')}`,
        reintentable: true,
      };
  }
};
