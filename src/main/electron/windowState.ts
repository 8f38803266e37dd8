import { readFile, rename, writeFile } from 'node:fs/promises';
import * as z from 'zod';

export type Rect = { x: number; y: number; width: number; height: number };
export type WindowState = { bounds: Rect; maximized: boolean };

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 960, height: 600 } as const;
/** Less visible than this on every display and the window is treated as lost. */
const MIN_VISIBLE = { width: 200, height: 100 } as const;

const rectSchema = z.object({
  x: z.number().int().safe(),
  y: z.number().int().safe(),
  width: z.number().int().positive().safe(),
  height: z.number().int().positive().safe(),
});
const windowStateSchema = z.object({ bounds: rectSchema, maximized: z.boolean() });

/** Reads a saved state; anything unreadable means "no saved state". */
export const parseWindowState = (raw: unknown): WindowState | null => {
  const parsed = windowStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
};

const overlap = (a: Rect, b: Rect): { width: number; height: number } => ({
  width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
  height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
});

const clamp = (value: number, min: number, max: number): number =>
  Math.min(Math.max(value, min), Math.max(min, max));

const fitSize = (width: number, height: number, area: Rect) => ({
  width: clamp(width, Math.min(MIN_WINDOW_SIZE.width, area.width), area.width),
  height: clamp(height, Math.min(MIN_WINDOW_SIZE.height, area.height), area.height),
});

const centered = (size: { width: number; height: number }, area: Rect): Rect => {
  const { width, height } = fitSize(size.width, size.height, area);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
};

/**
 * Where to open the window: the saved bounds if they are still mostly on a display (moved fully
 * inside it, shrunk to fit), otherwise centred on the primary display — a monitor unplugged
 * since last time must not leave the window off-screen.
 * @example restoreWindowState(null, [area], area) // default size, centred
 */
export const restoreWindowState = (
  saved: WindowState | null,
  workAreas: readonly Rect[],
  primary: Rect,
): WindowState => {
  if (saved === null) {
    return { bounds: centered(DEFAULT_WINDOW_SIZE, primary), maximized: false };
  }
  let best: { area: Rect; visible: number } | null = null;
  for (const area of workAreas) {
    const seen = overlap(saved.bounds, area);
    const enough = seen.width >= MIN_VISIBLE.width && seen.height >= MIN_VISIBLE.height;
    const visible = seen.width * seen.height;
    if (enough && (best === null || visible > best.visible)) best = { area, visible };
  }
  if (best === null) {
    return { bounds: centered(saved.bounds, primary), maximized: saved.maximized };
  }
  const { area } = best;
  const { width, height } = fitSize(saved.bounds.width, saved.bounds.height, area);
  return {
    bounds: {
      x: clamp(saved.bounds.x, area.x, area.x + area.width - width),
      y: clamp(saved.bounds.y, area.y, area.y + area.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
  };
};

/** The saved state in `file`, or null when absent or unreadable. */
export const loadWindowState = async (file: string): Promise<WindowState | null> => {
  try {
    return parseWindowState(JSON.parse(await readFile(file, 'utf8')) as unknown);
  } catch {
    return null;
  }
};

/** Writes through a temporary file so a crash mid-write never leaves half a JSON behind. */
export const saveWindowState = async (file: string, state: WindowState): Promise<void> => {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state)}\n`, 'utf8');
  await rename(temporary, file);
};
