/** Test helpers for the list parsers (not used at run time). */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { ListFormat } from './list-entry';

/** The project root: the nearest ancestor of this file holding package.json. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('project root not found');
    dir = up;
  }
  return dir;
}

/** `<projectRoot>/../shared/data/lists`: the real official list files (CI places `shared` beside the project). */
export function sharedListsDir(): string {
  return path.resolve(projectRoot(), '..', 'shared', 'data', 'lists');
}

export function readSharedList(name: string): Buffer {
  return readFileSync(path.join(sharedListsDir(), name));
}

/** The bundled sample lists (data/sample-lists). */
export function sampleListsDir(): string {
  return path.join(projectRoot(), 'data', 'sample-lists');
}

/**
 * The current shared set, one file (set) per list: the 2022 CSL for the lists nothing newer covers,
 * then the 2026 Entity List and MEU files and the OFAC SDN CSV set, which replace the CSL's EL, MEU, SDN.
 * Tests and benchmarks import these in this order.
 */
export const SHARED_LIST_SET: { format: ListFormat; files: string[] }[] = [
  { format: 'csl-csv', files: ['us-csl-2022-05.csv.gz'] },
  { format: 'csl-csv', files: ['us-csl-entity-list-2026-07.csv'] },
  { format: 'csl-csv', files: ['us-csl-meu-2026-07.csv'] },
  { format: 'ofac-csv', files: ['ofac-sdn.csv', 'ofac-sdn-add.csv', 'ofac-sdn-alt.csv', 'ofac-sdn-comments.csv'] },
  { format: 'ofac-sdn-xml', files: ['ofac-consolidated.xml'] },
  { format: 'un-xml', files: ['un-consolidated.xml'] },
  { format: 'eu-xml', files: ['eu-fsf-excerpt.xml'] },
  { format: 'uk-xml', files: ['uk-sanctions-list-excerpt.xml'] },
];

/** The multipart / import roles of a file set: ofac-csv is sdn.csv + add + alt + comments, the rest one file. */
export const IMPORT_ROLES = ['file', 'add', 'alt', 'comments'] as const;

/** A shared file set as ListsService.importFiles() takes it. */
export function sharedImportFiles(files: string[]): { role: string; name: string; data: Buffer }[] {
  return files.map((name, i) => ({ role: IMPORT_ROLES[i], name, data: readSharedList(name) }));
}
