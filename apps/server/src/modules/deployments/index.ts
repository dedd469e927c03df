export { DeploymentsService } from './deployments.service.js';
export { agentFilesRoute, deploymentsRoutes } from './deployments.routes.js';
export { DeploymentScheduler } from './deployment-scheduler.js';
export { JobReports } from './job-reports.js';
export { TargetMover } from './target-mover.js';
export { Convergence } from './convergence.js';
