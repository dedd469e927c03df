export { createInternalToken, EnrollmentService, type ServerIdentity } from './enrollment.service.js';
export { enrollmentRoutes } from './enrollment.routes.js';
