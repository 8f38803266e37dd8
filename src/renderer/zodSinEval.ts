import { z } from 'zod';

// zod compiles object parsers with `new Function` unless told not to. Under the renderer's CSP
// (no 'unsafe-eval') that probe is a reported violation even when caught, so turn it off before
// any schema is built: this module must be the entry's first import.
z.config({ jitless: true });
