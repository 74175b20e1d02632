/** Test helpers for the list parsers (not used at run time). */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

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
