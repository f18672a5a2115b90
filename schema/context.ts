import type { Language } from '../src/domain/errors.js';
import type { Viewer } from '../src/domain/access.js';
import type { Directory } from '../src/services/directory.js';
import type { NetworkWriter } from '../src/services/network-writer.js';

/** What every resolver may use: services only, never a database driver. */
export interface HubContext {
  directory: Directory;
  writer: NetworkWriter;
  viewer: Viewer;
  language: Language;
}
