import { type InputHTMLAttributes, useEffect, useState } from 'react';
import { fechaIso, fechaPersona } from '../fechas';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'type'> & {
  /** ISO `aaaa-mm-dd`, or '' for none. */
  valor: string;
  /** Called with ISO once the text is a real date (or '' when emptied). */
  alCambiar: (iso: string) => void;
};

/**
 * A date typed as dd/mm/aaaa in one field: one Tab stop (a native date input takes three) and
 * the same order everywhere, whatever the browser's locale.
 */
export const CampoFecha = ({ valor, alCambiar, ...resto }: Props) => {
  const [texto, setTexto] = useState(fechaPersona(valor));
  useEffect(() => {
    // Another part of the screen changed the date: show it, unless it is what is being typed.
    setTexto((actual) => (fechaIso(actual) === valor ? actual : fechaPersona(valor)));
  }, [valor]);
  const invalida = texto.trim() !== '' && fechaIso(texto) === null;
  return (
    <input
      {...resto}
      type="text"
      inputMode="numeric"
      placeholder="dd/mm/aaaa"
      autoComplete="off"
      value={texto}
      aria-invalid={invalida}
      onChange={(e) => {
        setTexto(e.target.value);
        const iso = fechaIso(e.target.value);
        if (iso !== null) alCambiar(iso);
        else if (e.target.value.trim() === '') alCambiar('');
      }}
    />
  );
};
