import type { Usuario } from '../../../shared/contract/sesion';
import { ROL_TEXTO } from '../../stores/sesion';

type Props = {
  leyenda: string;
  usuarios: readonly Usuario[];
  elegido: string | null;
  onElegir: (usuarioId: string) => void;
  nombre: string;
};

/**
 * Users as a native radio group: Tab enters it, arrows move, touch picks. With nobody chosen, the
 * user that takes the focus is chosen, so Tab and the PIN never end in «Elija quién…».
 */
export const ElegirUsuario = ({ leyenda, usuarios, elegido, onElegir, nombre }: Props) => (
  <fieldset className="elegir-usuario">
    <legend>{leyenda}</legend>
    {usuarios.length === 0 ? <p>No hay usuarios que puedan hacerlo.</p> : null}
    {usuarios.map((u) => (
      <label key={u.id} className="elegir-usuario-opcion">
        <input
          type="radio"
          name={nombre}
          value={u.id}
          checked={elegido === u.id}
          onChange={() => onElegir(u.id)}
          onFocus={() => {
            if (elegido === null) onElegir(u.id);
          }}
        />
        <span className="elegir-usuario-nombre">{u.nombre}</span>
        <span className="elegir-usuario-rol">{ROL_TEXTO[u.rol]}</span>
      </label>
    ))}
  </fieldset>
);
