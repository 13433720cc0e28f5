import { LabClient } from './client.js';

let client = null;

// One simulation worker per page, shared by all widgets on it.
export function sharedLabClient() {
  client ??= new LabClient();
  return client;
}
