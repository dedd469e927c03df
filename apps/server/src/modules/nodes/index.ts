export { NodesService, type NodeIdentity } from './nodes.service.js';
