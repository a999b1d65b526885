// The importers behind `obsgen import FORMAT FILE`, one module per format.
import { backstage } from './backstage.ts';
import type { Importer } from './importer.ts';
import { pyrra } from './pyrra.ts';
import { rules } from './rules.ts';
import { sloth } from './sloth.ts';

export const importers: Readonly<Record<string, Importer>> = { sloth, pyrra, backstage, rules };

export type { Importer, ImportOptions, ImportResult } from './importer.ts';
