/** The release this server reports (API document, server info, agent welcome). */
export const SERVER_VERSION = '0.1.0';
