export { buildRemote, type RemoteModule, type RemoteConfig } from './remote-module.js';
